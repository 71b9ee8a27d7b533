"""Working partnership vs co-presence on the curated seed graph (iegraph/data/seeds),
loaded once for the module by the real loader.

Facts from the articles: seed 000 — six Changchun colleges and sixteen enterprises sat in
one matchmaking meeting (长春企联校企对接会), nothing signed or built; seed 004 — the 金普新区
consortium, whose members the curator lists from the parties of its 17 projects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.queries._base import BASIS_CO_PRESENCE, BASIS_WORKING
from iegraph.queries.brokers import brokers
from iegraph.queries.gaps import GAP_MET_ONLY, GAP_WITHOUT, gaps
from iegraph.queries.partners import partners
from iegraph.queries.recommend import recommend
from iegraph.schema.model import Label, Rel
from iegraph.viz import views
from iegraph.viz.html import write_html
from tests.browser import Browser
from tests.dbtools import load_seed_graph
from tests.helpers import run_cli

CHANGCHUN_COLLEGES = {
    "长春理工大学",
    "长春工业大学",
    "长春汽车职业技术大学",
    "长春职业技术大学",
    "长春人文学院",
    "长春大学旅游学院",
}
MATCHMAKING = "长春企联校企对接会"
JINPU = "大连金普新区（大连经济技术开发区）市域产教联合体"


@pytest.fixture(scope="module")
def seed(session_graph: Graph) -> Iterator[Graph]:
    """The seed graph, loaded once; no test of this module writes."""
    yield load_seed_graph(session_graph)


def test_changchun_colleges_met_enterprises_only_at_the_matchmaking(seed: Graph) -> None:
    rows = gaps(seed)
    met = [r for r in rows if r.gap == GAP_MET_ONLY[Label.COLLEGE]]
    assert {r.name for r in met} == CHANGCHUN_COLLEGES
    assert {r.scope for r in met} == {MATCHMAKING}
    assert all(r.detail.startswith("met 16 enterprises at this event") for r in met)
    # Not listed a second time as having no contact at all.
    without = {r.name for r in rows if r.gap == GAP_WITHOUT[Label.COLLEGE]}
    assert not without & CHANGCHUN_COLLEGES
    # The mirror: the sixteen enterprises met those colleges there and nowhere else.
    mirror = [r for r in rows if r.gap == GAP_MET_ONLY[Label.ENTERPRISE]]
    assert len({r.entity_id for r in mirror}) == 16 and {r.scope for r in mirror} == {MATCHMAKING}
    assert "三友汽车部件" in {r.name for r in mirror}
    # Scoped to 长春市 the same rows come back (the event is the scope of each).
    assert {r.name for r in gaps(seed, region="长春市") if r.gap == GAP_MET_ONLY[Label.COLLEGE]} == (
        CHANGCHUN_COLLEGES
    )


def test_partners_of_dut_are_joint_work_by_default(seed: Graph) -> None:
    rows = {r.partner: r for r in partners(seed, org="大连理工大学")}
    assert rows["大连三友电器设备有限公司"].basis == BASIS_WORKING
    assert rows["大连三友电器设备有限公司"].through == ["project: 高低压电器装备制造产业产教融合实训基地"]
    # Consortium-only co-members (no project with 大连理工大学 in the article) are left out.
    for only_member in ("大连交通大学", "辽宁轻工职业学院", "一汽解放大连柴油机有限公司", "金普新区"):
        assert only_member not in rows, only_member
    assert {r.basis for r in rows.values()} == {BASIS_WORKING}
    # 大连财经学院 and 大连民族大学 are co-builders of the 实训中心 with 大连理工大学
    # (seed 004: "……大连民族大学、大连大学、大连财经学院……共建大连市数字人才产教融合实训中心合作项目").
    for builder in ("大连财经学院", "大连民族大学"):
        assert rows[builder].through == ["project: 大连市数字人才产教融合实训中心"], builder


def test_with_co_presence_brings_co_members_back_with_their_basis(seed: Graph) -> None:
    rows = {r.partner: r for r in partners(seed, org="大连理工大学", with_co_presence=True)}
    for only_member in ("大连交通大学", "辽宁轻工职业学院", "一汽解放大连柴油机有限公司", "金普新区"):
        assert rows[only_member].basis == BASIS_CO_PRESENCE, only_member
        assert rows[only_member].through == [f"consortium: {JINPU}"]
    sanyou = rows["大连三友电器设备有限公司"]
    assert sanyou.basis == BASIS_WORKING
    assert sanyou.through == ["project: 高低压电器装备制造产业产教融合实训基地", f"consortium: {JINPU}"]
    # The article lists no members: the memberships are inferred, and rows resting on
    # them say why; by default no row rests on them.
    assert rows["大连交通大学"].inferred and rows["大连交通大学"].inferred[0].startswith(
        "the article lists no members"
    )
    assert sanyou.inferred == rows["大连交通大学"].inferred
    assert all(r.inferred == [] for r in partners(seed, org="大连理工大学"))


def test_brokers_and_recommend_do_not_rank_on_co_presence(seed: Graph) -> None:
    # With the consortium's 34 members all adjacent, no one bridges anything; on joint
    # work 大连理工大学 links its project partners to the rest.
    dut = "大连理工大学"
    assert {r.org: r.betweenness for r in brokers(seed, top=50)}[dut] > 0
    assert {r.org: r.betweenness for r in brokers(seed, top=50, with_co_presence=True)}.get(dut, 0) == 0
    # 长春理工大学 met 长春中熙科技 at the matchmaking and works with no one: the meeting
    # is a reason to recommend only when co-presence is asked for.
    assert "长春中熙科技" not in {r.candidate for r in recommend(seed, org="长春理工大学", top=50)}
    wide = {r.candidate: r for r in recommend(seed, org="长春理工大学", top=50, with_co_presence=True)}
    assert f"met at event: {MATCHMAKING}" in wide["长春中熙科技"].reasons
    # 三友's candidates keep their working reasons but lose the consortium bonus by default.
    default = {r.candidate: r for r in recommend(seed, org="大连三友电器设备有限公司", top=50)}
    assert all("same consortium" not in r.reasons for r in default.values())
    nissan = "东风日产大连有限公司"
    full = {
        r.candidate: r for r in recommend(seed, org="大连三友电器设备有限公司", top=50, with_co_presence=True)
    }
    assert full[nissan].score == pytest.approx(default[nissan].score + 1.0)


def _consortium_only_edges(view: views.ViewGraph) -> list[tuple[str, str, str | None]]:
    names = {n.key: n.name for n in view.nodes}
    return [
        (names[e.source], e.type, e.role)
        for e in view.edges
        if (e.type == Rel.MEMBER_OF.value and e.role != "lead") or e.type == Rel.ATTENDED.value
    ]


def test_views_draw_no_co_presence_edge_by_default(seed: Graph) -> None:
    for view in (
        views.ego(seed, "大连理工大学"),
        views.consortium(seed, JINPU),
        views.region(seed, "大连市"),
        views.overview(seed),
        views.query(seed, "partners", {"org": "大连理工大学"}),
    ):
        assert _consortium_only_edges(view) == [], view.title
        assert {e.basis for e in view.edges} <= {BASIS_WORKING, None}, view.title
    jinpu = views.consortium(seed, JINPU, with_co_presence=True)
    dashed = [e for e in jinpu.edges if e.basis == BASIS_CO_PRESENCE]
    # The 33 plain memberships are drawn dashed; the lead 金普新区's membership is working.
    assert len([e for e in dashed if e.type == Rel.MEMBER_OF.value]) == 33
    assert [e.basis for e in jinpu.edges if e.type == Rel.MEMBER_OF.value and e.role == "lead"] == [
        BASIS_WORKING
    ]
    # The default ego view has no consortium-only partner of 大连理工大学.
    assert "大连交通大学" not in {n.name for n in views.ego(seed, "大连理工大学").nodes}
    assert "大连交通大学" in {n.name for n in views.ego(seed, "大连理工大学", with_co_presence=True).nodes}


def test_cli_flag_in_query_and_viz_query(seed: Graph, cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("query", "partners", "--org", "大连理工大学", "--with-co-presence", "--format", "json")
    assert result.exit_code == 0, result.stderr
    by_name = {r["partner"]: r for r in json.loads(result.stdout)}
    assert by_name["大连交通大学"]["basis"] == BASIS_CO_PRESENCE
    # `viz query` builds its options from the question's parameters: the flag reaches both
    # the question (more partners) and the drawing (dashed ties).
    pages = {}
    for flag in ((), ("--with-co-presence",)):
        out = tmp_path / f"q{len(flag)}.html"
        result = run_cli("viz", "query", "partners", "--org", "大连理工大学", *flag, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        start = text.index('<script id="iegraph-data" type="application/json">')
        data = json.loads(text[text.index(">", start) + 1 : text.index("</script>", start)])
        pages[bool(flag)] = data
    assert pages[False]["co_presence"]["drawn"] == 0
    assert pages[True]["co_presence"]["drawn"] > 0
    assert sum(1 for e in pages[True]["edges"] if e[6]) == pages[True]["co_presence"]["drawn"]
    assert "大连交通大学" in {n[0] for n in pages[True]["nodes"]}
    assert "大连交通大学" not in {n[0] for n in pages[False]["nodes"]}


def test_page_draws_co_presence_dashed_and_says_so(seed: Graph, browser: Browser, tmp_path: Path) -> None:
    # The Changchun consortium: its two leads' memberships are working ties; the four
    # attendances of its founding meeting are co-presence.
    name = "长春市汽车产业集群产教联合体"
    dashed_edges = "window.__iegraph.network.body.data.edges.get().filter(function (e) { return e.dashes; })"
    legend = "document.getElementById('ie-rels').textContent"
    default = browser.open(write_html(views.consortium(seed, name), tmp_path / "cc.html"))
    assert default.ready and default.errors == []
    assert browser.evaluate(dashed_edges + ".length") == 0
    assert "working ties only: 2 co-presence ties" in browser.evaluate(legend)
    wide = browser.open(
        write_html(views.consortium(seed, name, with_co_presence=True), tmp_path / "cc-all.html")
    )
    assert wide.ready and wide.errors == []
    assert browser.evaluate(dashed_edges + ".length") == 4
    assert "co-presence (4)" in browser.evaluate(legend)
    tip = browser.evaluate(f"window.__iegraph.edgeTooltip({dashed_edges}[0].id).textContent")
    assert "attended" in tip and "co-presence only" in tip
