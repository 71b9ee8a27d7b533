"""Views of graphs too big to draw whole (issue 15): the overview and region views summarise
in the database, and say so. Run on the seed graph with small caps, so every count can be
checked against the view drawn whole."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.schema.model import ORG_KINDS
from iegraph.viz import views
from iegraph.viz.html import render_html
from tests.helpers import run_cli

SEEDS = Path(__file__).resolve().parent.parent / "iegraph" / "data" / "seeds"


@pytest.fixture
def seed(graph: Graph) -> Graph:
    from iegraph.loaders import load_paths

    load_paths(graph, [SEEDS])
    return graph


def kind_counts(view: views.ViewGraph) -> Counter[str]:
    counts: Counter[str] = Counter()
    for node in view.nodes:
        counts[node.kind] += node.count
    return counts


def test_overview_above_the_cap_is_counted_in_the_database(seed: Graph) -> None:
    whole = views.overview(seed, with_co_presence=True)
    assert whole.summary is None and all(n.count == 1 for n in whole.nodes)
    cap = len(whole.nodes) - 1
    summary = views.overview(seed, hard_cap=cap, with_co_presence=True, ties=1_000_000)
    # Every node counted once, under its own kind; every relationship counted once.
    assert kind_counts(summary) == kind_counts(whole)
    assert sum(e.count for e in summary.edges) == len(whole.edges)
    assert summary.summary and f"{len(whole.nodes):,} nodes exceed the {cap:,}-node cap" in summary.summary
    # The links are capped in Cypher: only the strongest are drawn.
    capped = views.overview(seed, hard_cap=cap, with_co_presence=True, ties=3)
    assert 1 <= len(capped.edges) <= 3
    strongest = sorted((e.count for e in summary.edges), reverse=True)
    assert max(e.count for e in capped.edges) == strongest[0]
    assert kind_counts(capped) == kind_counts(whole)
    # Groups are capped too; the smaller ones merge per kind, nothing is lost.
    few = views.overview(seed, hard_cap=cap, groups=2)
    assert kind_counts(few) == kind_counts(whole)
    assert few.summary and "smallest merged into one group per kind" in few.summary
    # The page says so, in the page's language.
    zh = views.overview(seed, hard_cap=cap, lang="zh")
    assert zh.summary and "数据库内汇总视图" in zh.summary and f"超过 {cap:,} 个节点的上限" in zh.summary
    assert "数据库内汇总视图" in render_html(zh)
    # Under the cap the overview is drawn whole, as before.
    assert views.overview(seed).summary is None


def test_overview_summary_stored_by_a_load_is_read_back_while_it_describes_the_graph(seed: Graph) -> None:
    from iegraph.queries import subgraph as sq

    whole = views.overview(seed, with_co_presence=True)
    cap = len(whole.nodes) - 1
    live = views.overview(seed, hard_cap=cap, with_co_presence=True, groups=50, ties=40)
    as_of = sq.store_overview(seed, groups=50, ties=40)
    stored = views.overview(seed, hard_cap=cap, with_co_presence=True, groups=50, ties=40)
    # The same groups and links as counted live, and the page says when they were counted.
    assert sorted((n.id, n.count) for n in stored.nodes) == sorted((n.id, n.count) for n in live.nodes)
    assert sorted((e.source, e.target, e.type, e.count) for e in stored.edges) == sorted(
        (e.source, e.target, e.type, e.count) for e in live.edges
    )
    assert stored.summary and f"after the last load ({as_of})" in stored.summary
    assert live.summary and "after the last load" not in live.summary
    working = views.overview(seed, hard_cap=cap, groups=50, ties=40)
    assert working.summary and as_of in working.summary
    assert sum(e.count for e in working.edges) < sum(e.count for e in stored.edges)  # co-presence left out
    # Other caps than those stored: counted live.
    other = views.overview(seed, hard_cap=cap, with_co_presence=True, groups=49, ties=40)
    assert other.summary and as_of not in other.summary
    # A graph that changed since (another node) is not described by it: counted live.
    seed.write("CREATE (:Organization:Enterprise {id: 'org-new', name: '新公司', kind: 'Enterprise'})")
    after = views.overview(seed, hard_cap=cap, with_co_presence=True, groups=50, ties=40)
    assert after.summary and as_of not in after.summary
    assert sum(n.count for n in after.nodes) == sum(n.count for n in live.nodes) + 1


def test_region_above_the_cap_draws_the_cap_and_counts_the_rest(seed: Graph) -> None:
    total = seed.read(
        "MATCH (r:Region {name: '大连市'}) MATCH (s:Region)-[:PART_OF*0..5]->(r) "
        "MATCH (o:Organization)-[:LOCATED_IN]->(s) RETURN count(DISTINCT o) AS n"
    )[0]["n"]
    assert total > 3
    whole = views.region(seed, "大连市")
    assert whole.summary is None
    view = views.region(seed, "大连市", max_orgs=3)
    org_kinds = {k.value for k in ORG_KINDS} | {"OtherOrganization"}
    groups = [n for n in view.nodes if n.id is None]
    drawn = [n for n in view.nodes if n.id is not None and n.kind in org_kinds]
    # The 3 organisations with the most working ties are drawn (the university that works
    # with most partners among them), with the activities they share; the rest are counted.
    assert len(drawn) == 3 and "大连理工大学" in {n.name for n in drawn}
    assert {n.name for n in drawn} <= {n.name for n in whole.nodes}
    assert groups and all(n.kind in org_kinds for n in groups)
    assert sum(n.count for n in groups) == total - 3
    assert view.summary and f"this region has {total:,} organisations, more than the cap of 3" in view.summary
    assert f"the other {total - 3:,} are counted" in view.summary
    zh = views.region(seed, "大连市", max_orgs=3, lang="zh")
    assert (
        zh.summary and f"该地区有 {total:,} 个机构" in zh.summary and f"其余 {total - 3:,} 个" in zh.summary
    )
    assert f"其余 {total - 3:,} 个" in render_html(zh)


def test_cli_caps(seed: Graph, cli_env: dict[str, str], tmp_path: Path) -> None:
    region = tmp_path / "region.html"
    result = run_cli("viz", "region", "--name", "大连市", "--max-orgs", "2", "-o", str(region))
    assert result.exit_code == 0, result.stderr
    assert "more than the cap of 2" in region.read_bytes().decode("utf-8")
    overview = tmp_path / "overview.html"
    result = run_cli(
        "--lang", "zh", "viz", "overview", "--max-nodes", "10", "--max-links", "2", "-o", str(overview)
    )
    assert result.exit_code == 0, result.stderr
    text = overview.read_bytes().decode("utf-8")
    assert "数据库内汇总视图" in text and "只绘出组间最强的 2 条连线" in text
    bad = run_cli("viz", "region", "--name", "大连市", "--max-orgs", "0", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code != 0 and not (tmp_path / "x.html").exists()
