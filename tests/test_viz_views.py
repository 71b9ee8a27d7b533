"""The view subgraphs against the real Neo4j: which nodes and edges each view shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError, NotFoundError
from iegraph.viz import views
from iegraph.viz.html import render_html
from tests.helpers import run_cli
from tests.vizgraph import HOSTILE_ORG, HOSTILE_PROJECT, write_viz_graph


@pytest.fixture
def vgraph(graph: Graph) -> Graph:
    write_viz_graph(graph)
    return graph


def names(view: views.ViewGraph) -> set[str]:
    return {n.name for n in view.nodes}


def edge_set(view: views.ViewGraph) -> set[tuple[str, str, str]]:
    by_key = {n.key: n.name for n in view.nodes}
    return {(by_key[e.source], e.type, by_key[e.target]) for e in view.edges}


def test_ego_one_hop_by_alias(vgraph: Graph) -> None:
    view = views.ego(vgraph, "大工")
    # By default working ties only: its projects and agreement with their parties; its
    # plain membership of the consortium and its part in the event are co-presence.
    assert names(view) == {
        "大连理工大学",
        "智能制造产业学院",
        HOSTILE_PROJECT,
        "校企合作协议",
        "大连三友电器设备有限公司",
        "大连人工智能计算中心",
        HOSTILE_ORG,
        "一汽解放大连柴油机有限公司",
    }
    assert len(view.edges) == 7 and {e.basis for e in view.edges} == {"working"}
    view = views.ego(vgraph, "大工", with_co_presence=True)
    assert names(view) == {
        "大连理工大学",
        # carriers of 大连理工大学
        "金普新区市域产教联合体",
        "智能制造产业学院",
        HOSTILE_PROJECT,
        "校企合作协议",
        "联合体成立大会",
        # the other parties of those carriers
        "大连职业技术学院",
        "大连三友电器设备有限公司",
        "大连市教育局",
        "大连人工智能计算中心",
        HOSTILE_ORG,
        "一汽解放大连柴油机有限公司",
        "长春市企业联合会",
    }
    edges = edge_set(view)
    assert len(view.edges) == 15
    assert ("校企合作协议", "SIGNED_AT", "联合体成立大会") in edges
    assert ("大连市教育局", "APPROVED", "金普新区市域产教联合体") in edges
    # the training base is not a carrier of 大连理工大学
    assert "数控实训基地" not in names(view)
    dut = next(n for n in view.nodes if n.name == "大连理工大学")
    assert dut.kind == "College"
    assert dut.region == "大连市"
    assert dut.degree == 5  # member, two projects, agreement, event
    assert [s.title for s in dut.sources] == ["大连日报：金普新区市域产教联合体成立"]
    assert view.data_date == "2024-05-17"
    assert not view.positioned and view.summary is None
    assert [n.name for n in view.nodes if n.key in view.focus] == ["大连理工大学"]


def test_ego_two_hops_reaches_the_training_base(vgraph: Graph) -> None:
    view = views.ego(vgraph, "大连理工大学", hops=2)
    assert "数控实训基地" in names(view)  # through 一汽解放's training base
    assert "长春市企业联合会" not in names(view)  # only at the event
    view = views.ego(vgraph, "大连理工大学", hops=2, with_co_presence=True)
    assert len(view.nodes) == 14


def test_consortium_view(vgraph: Graph) -> None:
    view = views.consortium(vgraph, "金普联合体")
    # By default: the lead and approver, the lead's project, and the parties of the
    # consortium's own project; 大连理工大学's other project is not the consortium's work.
    assert names(view) == {
        "金普新区市域产教联合体",
        "大连职业技术学院",
        "大连市教育局",
        "数控实训基地",
        "智能制造产业学院",
        "大连理工大学",
        "大连三友电器设备有限公司",
        "大连人工智能计算中心",
    }
    assert ("MEMBER_OF", "lead") in {(e.type, e.role) for e in view.edges}
    assert ("MEMBER_OF", "member") not in {(e.type, e.role) for e in view.edges}
    view = views.consortium(vgraph, "金普联合体", with_co_presence=True)
    assert names(view) == {
        "金普新区市域产教联合体",
        "大连职业技术学院",
        "大连三友电器设备有限公司",
        "大连理工大学",
        "大连市教育局",
        # projects of members
        "智能制造产业学院",
        "数控实训基地",
        HOSTILE_PROJECT,
        # parties of its own project
        "大连人工智能计算中心",
    }
    roles = {(e.type, e.role) for e in view.edges}
    assert ("MEMBER_OF", "lead") in roles


def test_region_view_includes_subregions_and_outside_partners(vgraph: Graph) -> None:
    view = views.region(vgraph, "大连市")
    got = names(view)
    assert "大连三友电器设备有限公司" in got  # located in 金普新区, part of 大连市
    assert "金普新区市域产教联合体" in got
    assert "长春市企业联合会" not in got  # only at the event: co-presence
    wide = views.region(vgraph, "大连市", with_co_presence=True)
    assert "长春市企业联合会" in names(wide)  # an outside partner through the event
    changchun = views.region(vgraph, "长春市")
    assert names(changchun) == {"长春市企业联合会"}
    changchun = views.region(vgraph, "长春市", with_co_presence=True)
    assert "长春市企业联合会" in names(changchun)
    assert "联合体成立大会" in names(changchun)


def test_projects_view_filters(vgraph: Graph) -> None:
    all_projects = views.projects(vgraph)
    kinds = {n.kind for n in all_projects.nodes}
    assert "Project" in kinds and "Consortium" not in kinds
    colleges = views.projects(vgraph, project_type="industrial_college")
    assert names(colleges) == {
        "智能制造产业学院",
        "大连理工大学",
        "大连三友电器设备有限公司",
        "大连人工智能计算中心",
    }
    by_industry = views.projects(vgraph, industry="智能制造")
    assert names(by_industry) == names(colleges)
    with pytest.raises(InputError):
        views.projects(vgraph, project_type="'; MATCH (n) DETACH DELETE n //")


def test_overview_and_summary(vgraph: Graph) -> None:
    view = views.overview(vgraph, with_co_presence=True)
    # 8 organisations, 6 carriers (industry and regions are not drawn), no sources
    assert len(view.nodes) == 14
    assert all(n.kind not in ("Source", "Region", "Industry") for n in view.nodes)
    summarised = views.overview(vgraph, hard_cap=10, with_co_presence=True)
    assert summarised.summary and "10-node cap" in summarised.summary
    assert sum(n.count for n in summarised.nodes) == 14
    # By default 长春市企业联合会, which only attended the event, is not drawn.
    assert names(view) - names(views.overview(vgraph)) == {"长春市企业联合会"}
    assert sum(e.count for e in summarised.edges) == len(view.edges)


def test_unknown_and_hostile_names_are_just_names(vgraph: Graph) -> None:
    before = vgraph.read("MATCH (n) RETURN count(n) AS c")
    for text in ("不存在的大学", "x' OR 1=1 //", "`) DETACH DELETE n //"):
        with pytest.raises(NotFoundError):
            views.ego(vgraph, text)
    assert vgraph.read("MATCH (n) RETURN count(n) AS c") == before
    hostile = views.ego(vgraph, HOSTILE_ORG)
    assert HOSTILE_ORG in names(hostile)
    html = render_html(hostile)
    assert "<img src=x" not in html
    assert "</script><script>window.__pwned" not in html


def test_query_view_draws_entities_of_the_answer(vgraph: Graph) -> None:
    registry = views.query_registry()
    if "partners" not in registry:
        pytest.skip("the query library's `partners` question is not available")
    view = views.query(vgraph, "partners", {"org": "大连理工大学"})
    got = names(view)
    assert "大连理工大学" in got
    assert "大连三友电器设备有限公司" in got
    # the carrier connecting them is drawn too
    assert "智能制造产业学院" in got


def test_query_view_unknown_question_and_missing_parameter(vgraph: Graph) -> None:
    with pytest.raises(InputError, match="unknown question"):
        views.query(vgraph, "no_such_question", {})
    if "partners" in views.query_registry():
        with pytest.raises(InputError, match="--org"):
            views.query(vgraph, "partners", {})


def test_cli_writes_views(vgraph: Graph, cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "ego.html"
    result = run_cli("viz", "ego", "--org", "大连三友电器设备有限公司", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    text = out.read_bytes().decode("utf-8")
    assert "大连三友电器设备有限公司" in text
    start = text.index('<script id="iegraph-data" type="application/json">') + len(
        '<script id="iegraph-data" type="application/json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    assert data["nodes"] and data["edges"]
    bad = run_cli("viz", "ego", "--org", "不存在的大学", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code != 0
    assert len(bad.stderr.strip().splitlines()) == 1 and "不存在的大学" in bad.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_query_view_takes_the_question_flags(
    vgraph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    # Regression: `viz query path --from A --to B` failed ("needs --from-org, --to-org")
    # and flag options such as brokers' --with-co-presence were taken to need a value.
    out = tmp_path / "path.html"
    result = run_cli(
        "viz", "query", "path", "--from", "大连三友电器设备有限公司", "--to", "大工", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert "大连三友电器设备有限公司" in out.read_text(encoding="utf-8")
    flag = run_cli("viz", "query", "brokers", "--with-co-presence", "-o", str(tmp_path / "b.html"))
    assert flag.exit_code == 0, flag.stderr
    missing = run_cli("viz", "query", "path", "--from", "大工", "-o", str(tmp_path / "x.html"))
    assert missing.exit_code != 0 and "--to" in missing.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_projects_type_is_a_choice_in_any_case(
    vgraph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    # Like `iegraph query projects --type`: any case accepted, a wrong one lists the choices.
    ok = run_cli("viz", "projects", "--type", "INDUSTRIAL_COLLEGE", "-o", str(tmp_path / "p.html"))
    assert ok.exit_code == 0, ok.stderr
    bad = run_cli("viz", "projects", "--type", "实训基地", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code == 2 and "training_base" in bad.stderr
