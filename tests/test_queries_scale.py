"""The bounds that keep questions fast on a national graph (issue 15), on the small
graph of tests/querygraph.py: a bounded answer must be the same answer, cut or scoped.

- a region-scoped question starts from the region, and its answer is the unscoped
  answer filtered to the region;
- pages (``limit``/``offset``, cut in Cypher) concatenate to the whole answer;
- ``stats``' stored quality figures equal a fresh scan, are dated, and go stale until
  ``refresh``;
- ``path`` prefers working partnerships, skips hubs and says so;
- ``consortium`` lists at most ``projects`` projects and counts the rest.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.queries import (
    REGISTRY,
    brokers,
    consortium,
    depth,
    evidence,
    gaps,
    partners,
    path,
    projects,
    recommend,
    stats,
    timeline,
)
from iegraph.queries._base import as_dict, region_tree
from iegraph.queries.partners import depth_rows, partner_links, partner_rows
from iegraph.queries.projection import Projection, collaboration_projection
from iegraph.queries.stats import AS_OF, count_query, quality_findings, store_quality
from iegraph.schema.model import Label, Rel
from tests import querygraph as qg
from tests.helpers import run_cli


@pytest.fixture
def dalian(graph: Graph) -> Graph:
    qg.build_dalian(graph)
    return graph


def _located_in(graph: Graph, regions: list[str]) -> set[str]:
    rows = graph.read(
        f"MATCH (o:{Label.ORGANIZATION.value})-[:{Rel.LOCATED_IN.value}]->(r:{Label.REGION.value}) "
        "WHERE r.id IN $regions RETURN collect(DISTINCT o.id) AS ids",
        {"regions": regions},
    )
    return set(rows[0]["ids"])


def test_region_scope_is_the_unscoped_answer_filtered(dalian: Graph) -> None:
    regions = region_tree(dalian, "dalian")
    inside = _located_in(dalian, regions)
    assert inside
    whole = collaboration_projection(dalian, with_co_presence=True)
    scoped = collaboration_projection(dalian, regions, with_co_presence=True)
    assert set(scoped.ids) <= inside and scoped.ids
    # An edge between two organisations of the region is in both projections.

    def pairs(p: Projection) -> set[frozenset[str]]:
        return {frozenset((p.ids[a], p.ids[b])) for a, b in p.edges.tolist()}

    assert pairs(scoped) == {e for e in pairs(whole) if e <= inside}
    # gaps: the organisation rows of the region are the national ones of its organisations.
    org_gap = ("college", "enterprise")

    def org_rows(rows: list[Any]) -> list[tuple[str, str, str | None]]:
        return [
            (r.gap, r.entity_id, r.scope_id if "met" in r.gap else None)
            for r in rows
            if r.gap.startswith(org_gap)
        ]

    national = [r for r in org_rows(gaps(dalian)) if r[1] in inside]
    assert org_rows(gaps(dalian, region="大连市")) == national and national


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("gaps", {}),
        ("projects", {}),
        ("timeline", {}),
        ("timeline", {"region": "大连市"}),
        ("evidence", {"name": "u1"}),
        ("partners", {"org": "u1"}),
        ("partners", {"org": "u1", "with_co_presence": True}),
        ("depth", {"org": "u1", "with_co_presence": True}),
    ],
)
def test_pages_concatenate_to_the_whole_answer(dalian: Graph, name: str, params: dict[str, Any]) -> None:
    spec = REGISTRY[name]
    assert spec.paged
    whole = spec.run(dalian, **params)
    assert len(whole) > 3, name
    pages: list[dict[str, Any]] = []
    for offset in range(0, len(whole) + 2, 2):
        pages += spec.run(dalian, limit=2, offset=offset, **params)
    assert pages == whole
    # The page is cut in the database: the function itself honours limit/offset.
    funcs = {"gaps": gaps, "projects": projects, "timeline": timeline, "evidence": evidence}
    func = {**funcs, "partners": partners, "depth": depth}[name]
    assert [as_dict(r) for r in func(dalian, limit=1, offset=2, **params)] == whole[2:3]


def test_partner_pages_are_ranked_in_the_database_as_in_python(dalian: Graph) -> None:
    # The database ranks the partners (to cut a page) by the figures the rows show: the
    # rows of the whole answer come in the order Python gives them from the same links.
    links = partner_links(dalian, "u1", with_co_presence=True)
    assert [as_dict(r) for r in depth(dalian, org="u1", with_co_presence=True)] == [
        as_dict(r) for r in depth_rows(links)
    ]
    assert [as_dict(r) for r in partners(dalian, org="u1", with_co_presence=True)] == [
        as_dict(r) for r in partner_rows(links)
    ]
    scores = [r.score for r in depth(dalian, org="u1", with_co_presence=True)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) > 2


def test_evidence_is_capped_and_says_what_is_left(dalian: Graph) -> None:
    whole = evidence(dalian, name="u1")
    assert whole.note is None and len(whole) > 5
    page = evidence(dalian, name="u1", limit=3, offset=2)
    assert [as_dict(r) for r in page] == [as_dict(r) for r in whole[2:5]]
    assert page.note == f"rows 3–5 of {len(whole)} shown: --offset 5 shows the next ones"
    assert "no rows past --offset 99" in (evidence(dalian, name="u1", offset=99).note or "")


def test_paging_rejects_negative_values(dalian: Graph) -> None:
    with pytest.raises(InputError, match="--offset"):
        projects(dalian, offset=-1)


def test_stats_stored_figures_equal_a_fresh_scan_and_are_dated(dalian: Graph) -> None:
    def quality(rows: list[Any]) -> dict[str, Any]:
        return {r.item: r for r in rows if r.section == "quality"}

    fresh = quality(stats(dalian))
    assert "computed now" in (fresh[AS_OF].detail or "")
    as_of, stored = store_quality(dalian)
    assert stored == quality_findings(dalian)
    read = quality(stats(dalian))
    assert as_of in (read[AS_OF].detail or "") and "stored by the last load" in (read[AS_OF].detail or "")
    assert {k: v for k, v in read.items() if k != AS_OF} == {k: v for k, v in fresh.items() if k != AS_OF}
    # A fact without a source added after the figures: stats reads the stored (dated)
    # figures until --refresh recomputes them.
    dalian.write(f"CREATE (:{Label.PROJECT.value} {{id: 'p9', name: '新无来源项目'}})")
    item = "facts without source"
    assert quality(stats(dalian))[item].count == fresh[item].count
    refreshed = quality(stats(dalian, refresh=True))
    assert refreshed[item].count == fresh[item].count + 1
    assert quality(stats(dalian))[item].count == fresh[item].count + 1


def test_stats_kind_counts_come_from_the_kind_labels(dalian: Graph) -> None:
    rows = {(r.section, r.item): r.count for r in stats(dalian)}
    by_property = dalian.read(f"MATCH (o:{Label.ORGANIZATION.value}) RETURN o.kind AS k, count(*) AS c")
    assert {("kind", r["k"]): r["c"] for r in by_property} == {
        k: v for k, v in rows.items() if k[0] == "kind"
    }


def _operators(plan: dict[str, Any]) -> list[str]:
    ops = [str(plan["operatorType"]).split("@")[0]]
    for child in plan.get("children", []):
        ops += _operators(child)
    return ops


def test_stats_counts_are_count_store_reads(dalian: Graph) -> None:
    with dalian.driver.session(database=dalian.database) as session:
        plan = session.run("EXPLAIN " + count_query()).consume().plan
    assert plan is not None
    ops = _operators(dict(plan))
    assert "NodeCountFromCountStore" in ops and "RelationshipCountFromCountStore" in ops, ops
    assert not any("Scan" in op or "Expand" in op for op in ops), ops


def test_path_prefers_working_partnerships(dalian: Graph) -> None:
    # e1 and u1 share a project (p1) and an agreement (ag1), and are co-members of c1.
    steps = path(dalian, from_org="e1", to_org="u1", paths=2)
    assert {s.via_id for s in steps} == {"p1", "ag1"} and all(s.hops == 1 for s in steps)
    # A co-presence chain is still found when it is shorter than any working one.
    first = [s for s in path(dalian, from_org="u3", to_org="u1", max_hops=3) if s.path == 1]
    assert [s.via_id for s in first] == ["ev1", "c1"]


def test_path_skips_hubs_and_says_so(dalian: Graph) -> None:
    # c1 has 6 parties: a hub when hubs have more than 3. ev1 (3 parties) is not.
    skipped = path(dalian, from_org="u3", to_org="u1", max_hops=2, hub_degree=3)
    assert skipped == [] and "1 hub" in (skipped.note or "") and "--through-hubs" in (skipped.note or "")
    through = path(dalian, from_org="u3", to_org="u1", max_hops=2, hub_degree=3, through_hubs=True)
    assert [s.via_id for s in through] == ["ev1", "c1"] and through.note is None
    # No hub in the graph: nothing to say.
    assert path(dalian, from_org="u3", to_org="u1", max_hops=2).note is None


def test_path_picks_equally_short_chains_in_id_order(dalian: Graph) -> None:
    # x0 and y0 are two steps apart through each of m1..m5 (joint projects) and through
    # m0, whose step from x0 is a shared event (co-presence). Written in reverse id order,
    # so the store's order is not the answer's.
    b = qg.Builder(dalian)
    b.labels["s3"] = [Label.SOURCE]
    b.org(Label.ENTERPRISE, "x0", "甲方企业", sources=("s3",))
    b.org(Label.COLLEGE, "y0", "乙方学院", level="higher_vocational", sources=("s3",))
    b.node([Label.EVENT], "evx", "甲方对接会", sources=("s3",))
    b.rel(Rel.ATTENDED, "x0", "evx", ("s3",), role="attendee")
    for i in (5, 4, 3, 2, 1, 0):
        b.org(Label.ENTERPRISE, f"m{i}", f"中间企业{i}", sources=("s3",))
        b.node([Label.PROJECT], f"py{i}", f"乙方项目{i}", sources=("s3",))
        b.rel(Rel.PARTICIPATES_IN, f"m{i}", f"py{i}", ("s3",), role="partner")
        b.rel(Rel.PARTICIPATES_IN, "y0", f"py{i}", ("s3",), role="partner")
        if i:
            b.node([Label.PROJECT], f"px{i}", f"甲方项目{i}", sources=("s3",))
            b.rel(Rel.PARTICIPATES_IN, "x0", f"px{i}", ("s3",), role="partner")
            b.rel(Rel.PARTICIPATES_IN, f"m{i}", f"px{i}", ("s3",), role="partner")
        else:
            b.rel(Rel.ATTENDED, "m0", "evx", ("s3",), role="attendee")

    def chains(steps: list[Any]) -> list[list[tuple[str, str, str]]]:
        numbers = sorted({s.path for s in steps})
        return [[(s.from_id, s.via_id, s.to_id) for s in steps if s.path == n] for n in numbers]

    first = chains(path(dalian, from_org="x0", to_org="y0", paths=3))
    assert first == [[("x0", f"px{i}", f"m{i}"), (f"m{i}", f"py{i}", "y0")] for i in (1, 2, 3)]
    # Working chains first, the co-presence one (through m0, the smallest id) last.
    six = chains(path(dalian, from_org="x0", to_org="y0", paths=6))
    assert [c[0][2] for c in six] == ["m1", "m2", "m3", "m4", "m5", "m0"]
    # The same pair gives the same chains every run.
    for _ in range(3):
        assert chains(path(dalian, from_org="x0", to_org="y0", paths=3)) == first
    # From the other end: the same rule, step by step from y0.
    back = chains(path(dalian, from_org="y0", to_org="x0", paths=2))
    assert back == [[("y0", f"py{i}", f"m{i}"), (f"m{i}", f"px{i}", "x0")] for i in (1, 2)]


def test_path_does_not_step_through_a_busy_organisation(
    dalian: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # u3 reaches u1 only through e3 (3 ties: ev1, c1, p3). With organisations of more than
    # 2 ties as hubs, e3 is reached but not stepped through; the ends always are.
    monkeypatch.setattr(importlib.import_module("iegraph.queries.path"), "HUB_TIES", 2)
    skipped = path(dalian, from_org="u3", to_org="u1", max_hops=3)
    assert skipped == [] and "more than 2 ties" in (skipped.note or "")
    through = path(dalian, from_org="u3", to_org="u1", max_hops=3, through_hubs=True)
    assert [s.via_id for s in through] == ["ev1", "c1"]


def test_path_cli_prints_the_hub_note(cli_env: dict[str, str], dalian: Graph) -> None:
    result = run_cli("query", "path", "--from", "u3", "--to", "u1", "--max-hops", "2", "--hub-degree", "3")
    assert result.exit_code == 0
    assert "no chain within" in result.stderr and "1 hub" in result.stderr


def test_cli_pages_with_limit_and_offset(cli_env: dict[str, str], dalian: Graph) -> None:
    whole = json.loads(run_cli("query", "timeline", "--format", "json").stdout)
    page = run_cli("query", "timeline", "--limit", "2", "--offset", "1", "--format", "json")
    assert page.exit_code == 0 and json.loads(page.stdout) == whole[1:3]


def test_consortium_counts_a_busy_members_projects_apart(
    dalian: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With "busy" meaning more than one project: u1 (p1, p2) and u2 (p2, p3) are busy. Their
    # projects are still listed through the other members (e1 in p1, g1 in p2, e3 in p3),
    # and one row each counts their projects without reading them.
    monkeypatch.setattr(importlib.import_module("iegraph.queries.consortium"), "BUSY_MEMBER", 1)
    rows = [r for r in consortium(dalian, name="c1") if r.section == "project"]
    assert {r.id for r in rows if r.enumerated is None} == {"p1", "p2", "p3"}
    busy = {r.id: r for r in rows if r.enumerated is not None}
    assert set(busy) == {"u1", "u2"} and busy["u1"].enumerated == 2 and busy["u1"].member_ids == ["u1"]
    assert busy["u1"].name == f"projects of {qg.U1}" and "not listed one by one" in (busy["u1"].detail or "")


def test_recommend_does_not_count_a_busy_common_partner(
    dalian: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # e1's only working partner is u1 (5 ties: p1, p2, ag1, ag2, c1). Busy above 3 ties, u1
    # brings no Adamic–Adar candidates, and the note names it.
    assert recommend(dalian, org="e1", top=20).note is None
    monkeypatch.setattr(importlib.import_module("iegraph.queries.recommend"), "BUSY_PARTNER", 3)
    rows = recommend(dalian, org="e1", top=20)
    assert rows and all(r.adamic_adar == 0 and not r.common_partners for r in rows)
    assert rows.note is not None and qg.U1 in rows.note and "more than 3 ties" in rows.note


def test_consortium_caps_projects_and_counts_the_rest(dalian: Graph) -> None:
    full = [r for r in consortium(dalian, name="c1") if r.section == "project"]
    assert len(full) >= 2 and all(r.id for r in full)
    capped = [r for r in consortium(dalian, name="c1", projects=1) if r.section == "project"]
    assert capped[0] == full[0]
    assert capped[1].name == "more projects" and capped[1].enumerated == len(full) - 1
    assert len(capped) == 2


def test_brokers_says_when_betweenness_is_a_sample(dalian: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = brokers(dalian, top=20)
    assert whole.note is None and whole
    # Fewer sampled colleges than the graph has (4): the answer says it is an estimate.
    # (the package attribute ``brokers`` is the question; its module by name)
    monkeypatch.setattr(importlib.import_module("iegraph.queries.brokers"), "SAMPLE_SOURCES", 2)
    sampled = brokers(dalian, top=20)
    assert sampled.note == "betweenness estimated from a sample of 2 of 4 colleges"
