"""The analyst questions against the real Neo4j, on the small graphs of tests/querygraph.py.

Expected values are worked out by hand from the fixture (see its docstrings).
"""

from __future__ import annotations

import math

import pytest

from iegraph.db import Graph
from iegraph.errors import AmbiguousNameError, InputError, NotFoundError
from iegraph.quantities import Quantity
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
    resolve_org,
    stats,
    synergy,
    timeline,
)
from iegraph.queries.path import expand_query
from iegraph.schema.model import Label, Rel
from tests import querygraph as qg


@pytest.fixture
def dalian(graph: Graph) -> Graph:
    qg.build_dalian(graph)
    return graph


# --------------------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大连理工大学", "u1"),
        ("大工", "u1"),  # alias
        ("大連理工大學", "u1"),  # traditional characters
        (" 大连 理工大学 ", "u1"),  # stray spaces
        ("u1", "u1"),  # id
        ("长春企联", "a1"),  # alias of an association
        ("三友电器设备", "e1"),  # part of exactly one name
        ("三友电器", "e5"),  # e5's canonical name beats e1's alias
    ],
)
def test_resolve_org(dalian: Graph, text: str, expected: str) -> None:
    assert resolve_org(dalian, text).id == expected


def test_unknown_name_suggests_the_closest(dalian: Graph) -> None:
    with pytest.raises(NotFoundError) as err:
        resolve_org(dalian, "大连理工大写")
    message = str(err.value)
    assert '"大连理工大写"' in message
    assert "大连理工大学" in message
    assert "\n" not in message


def test_ambiguous_name_lists_candidates(dalian: Graph) -> None:
    with pytest.raises(AmbiguousNameError) as err:
        resolve_org(dalian, "大连")
    message = str(err.value)
    assert "大连理工大学 [u1]" in message and "大连市教育局 [g1]" in message


# --------------------------------------------------------------------------- partners, depth


def test_partners_of_dut(dalian: Graph) -> None:
    rows = {r.partner_id: r for r in partners(dalian, org="大工")}
    # u1 works with e1 (p1, ag1), e2 (ag2), g1 (p2, and they lead c1 together), u2 and r1
    # (p2); e3 only belongs to u1's consortium c1: co-presence, not by default.
    assert set(rows) == {"e1", "e2", "g1", "u2", "r1"}
    e1 = rows["e1"]
    assert e1.partner == qg.E1 and e1.kind == "Enterprise" and e1.basis == "working"
    assert sorted(e1.via_ids) == ["ag1", "p1"]
    assert e1.through[0] == "agreement: 大工-三友战略合作协议"  # oldest first
    assert (e1.first_date, e1.last_date) == ("2022-11-20", "2023-05-10")
    assert e1.n_sources == 2 and set(e1.sources) == {"s1", "s2"}
    assert rows["r1"].n_sources == 1
    # With co-presence u1 shares p1/ag1/c1 with e1, ag2/c1 with e2, c1 with e3.
    wide = {r.partner_id: r for r in partners(dalian, org="大工", with_co_presence=True)}
    assert set(wide) == {"e1", "e2", "g1", "u2", "e3", "r1"}
    e1 = wide["e1"]
    assert sorted(e1.via_ids) == ["ag1", "c1", "p1"]
    assert (e1.first_date, e1.last_date) == ("2022-11-20", "2023-09")
    assert e1.n_sources == 3 and set(e1.sources) == {"s1", "s2", "s3"}


def test_partners_accept_driver_and_session(dalian: Graph) -> None:
    by_driver = {r.partner_id for r in partners(dalian.driver, org="大连理工大学")}
    with dalian.driver.session(database=dalian.database) as session:
        by_session = {r.partner_id for r in partners(session, org="大连理工大学")}
    assert by_driver == by_session == {"e1", "e2", "g1", "u2", "r1"}


def test_with_sources_adds_titles(dalian: Graph) -> None:
    rows = REGISTRY["partners"].run(dalian, with_sources=True, org="大工")
    e1 = next(r for r in rows if r["partner_id"] == "e1")
    assert "大连理工大学与三友电器签约 (2023-05-10)" in e1["source_titles"]
    assert len(e1["source_titles"]) == 2  # s1, s2; s3 reports only the shared consortium


def test_depth_hand_computed(dalian: Graph) -> None:
    rows = {r.partner_id: r for r in depth(dalian, org="大连理工大学")}
    # Working partnerships only: e1 {agreement, project}, 1 joint project, 1 agreement,
    # 2022-11-20 .. 2023-05-10 -> span 1, sources {s1, s2}: 2 + 2 + 1 + 1 + 1 = 7, deep.
    assert (rows["e1"].score, rows["e1"].depth) == (7, "deep")
    # e2: ag2 only: 1 + 0 + 1 + 0 + 0 = 2, signature-only; e3 (consortium only) is no partner.
    assert rows["e2"].score == 2 and rows["e2"].depth.startswith("signature-only")
    assert "e3" not in rows
    # g1: p2 (2024-03) and c1 led together (2023-09): 2 types + 2 + 0 + 1 + 1 = 6, deep.
    assert (rows["g1"].score, rows["g1"].depth) == (6, "deep")
    rows = {r.partner_id: r for r in depth(dalian, org="大连理工大学", with_co_presence=True)}
    # e1: types {agreement, consortium, project} = 3, 1 joint project, 1 agreement,
    # dates 2022-11-20 .. 2023-09 -> span 1 year, sources {s1, s2, s3} = 3:
    # score = 3 + 2*1 + 1 + 1 + (3 - 1) = 9, deep.
    e1 = rows["e1"]
    assert (e1.joint_projects, e1.agreements, e1.span_years, e1.n_sources) == (1, 1, 1, 3)
    assert e1.score == 9 and e1.depth == "deep"
    # e2: agreement ag2 (2023) + consortium: 2 types, no project, span 0, sources {s2, s3}:
    # score = 2 + 0 + 1 + 0 + 1 = 4, signature-only (合而不融).
    assert rows["e2"].score == 4 and rows["e2"].depth.startswith("signature-only")
    # r1: one project reported once: score = 1 + 2 + 0 + 0 + 0 = 3, working.
    assert rows["r1"].score == 3 and rows["r1"].depth == "working"
    # e3: consortium only: score 1, co-presence.
    assert rows["e3"].score == 1 and rows["e3"].depth == "co-presence"
    assert next(r.partner_id for r in depth(dalian, org="u1")) == "e1"


# --------------------------------------------------------------------------- path


def test_path_two_hops_with_sources(dalian: Graph) -> None:
    steps = path(dalian, from_org="长春汽车职业技术大学", to_org="大連理工大學", max_hops=3)
    first = [s for s in steps if s.path == 1]
    # u3 -[ev1]- e3 -[c1]- u1 is the only 2-step chain.
    assert [(s.from_id, s.via_id, s.to_id) for s in first] == [("u3", "ev1", "e3"), ("e3", "c1", "u1")]
    assert all(s.hops == 2 for s in first)
    assert first[0].sources == ["s3"]
    # Only chains of the shortest length are listed (longer ones are not searched).
    assert all(s.path == 1 for s in steps)


def test_path_respects_max_hops_and_isolation(dalian: Graph) -> None:
    assert path(dalian, from_org="u3", to_org="u1", max_hops=1) == []
    assert path(dalian, from_org="e4", to_org="u1") == []
    with pytest.raises(InputError):
        path(dalian, from_org="u1", to_org="大工")
    with pytest.raises(InputError):
        path(dalian, from_org="u1", to_org="e1", max_hops=99)


def _operators(plan: dict[str, object]) -> list[str]:
    ops = [str(plan["operatorType"]).split("@")[0]]
    for child in plan.get("children", []):  # type: ignore[attr-defined]
        ops += _operators(child)
    return ops


def test_path_step_starts_from_the_frontier(dalian: Graph) -> None:
    # One step of the breadth-first search seeks the frontier's organisations by id and
    # expands from them, never from all nodes. (On this ten-organisation graph the planner
    # may still choose to scan the Organization label for the far end; on the 1M graph it
    # expands: docs/queries.md.)
    with dalian.driver.session(database=dalian.database) as session:
        summary = session.run(
            "EXPLAIN " + expand_query(),
            {"ids": ["u3"], "seen": ["u3"], "degree": 200, "through": False, "limit": 10},
        ).consume()
    assert summary.plan is not None
    ops = _operators(summary.plan)
    assert any("IndexSeek" in op for op in ops), ops
    assert "AllNodesScan" not in ops, ops


# --------------------------------------------------------------------------- analytics


def test_brokers_between_colleges_and_enterprises(dalian: Graph) -> None:
    rows = {r.org_id: r for r in brokers(dalian, top=20)}
    # Working links only: p1 u1-e1, p2 {u1, r1, u2, g1}, ag1 u1-e1, ag2 u1-e2, p3 e3-u2, ag3 g1-u4.
    # Shortest college->enterprise chains and who is inside them:
    #   u1->e3: u1-u2-e3 (u2)            u2->e1: u2-u1-e1 (u1)      u2->e2: u2-u1-e2 (u1)
    #   u4->e1: u4-g1-u1-e1 (g1, u1)     u4->e2: u4-g1-u1-e2 (g1, u1)
    #   u4->e3: u4-g1-u2-e3 (g1, u2)     u3 has no working link.
    # So u1 = 4, g1 = 3, u2 = 2, everybody else 0.
    assert rows["u1"].betweenness == pytest.approx(4.0)
    assert rows["g1"].betweenness == pytest.approx(3.0)
    assert rows["u2"].betweenness == pytest.approx(2.0)
    assert all(r.betweenness == 0 for k, r in rows.items() if k not in ("u1", "g1", "u2"))
    assert list(rows)[:3] == ["u1", "g1", "u2"]
    assert rows["u1"].enterprise_partners == 2  # e1, e2 (e3 only shares c1)
    # With co-presence, c1 makes u1/u2/g1 adjacent to e1..e3: the bridges are g1 (for u4)
    # and e3 (u3 -ev1- e3 -c1- e1/e2): g1 = 3, e3 = 2.
    wide = {r.org_id: r for r in brokers(dalian, top=20, with_co_presence=True)}
    assert wide["g1"].betweenness == pytest.approx(3.0)
    assert wide["e3"].betweenness == pytest.approx(2.0)
    assert wide["u1"].betweenness == 0


def test_gaps_in_dalian(dalian: Graph) -> None:
    rows = gaps(dalian, region="大连市")
    found = {(r.gap, r.entity_id) for r in rows}
    assert found == {
        ("enterprise without college partner", "e4"),
        ("college without enterprise partner", "u4"),
        ("industry without project", "nev"),
    }
    by_consortium = {(r.gap, r.entity_id) for r in gaps(dalian, consortium="大连联合体")}
    # c1 lists 装备制造 (p1 of members u1/e1 is in it) and 新能源汽车 (no project).
    assert by_consortium == {("industry without project", "nev")}


def test_recommend_with_reasons(dalian: Graph) -> None:
    rows = {r.candidate_id: r for r in recommend(dalian, org="三友电器设备", top=20)}
    # e1's only working partner is u1 (p1, ag1); u1's working partners are e1, r1, u2, g1, e2
    # (deg 5), so r1, u2, g1, e2 get Adamic–Adar 1/ln 5.
    assert "u1" not in rows and "e1" not in rows
    assert rows["r1"].adamic_adar == pytest.approx(1 / math.log(5), abs=1e-3)
    assert rows["r1"].common_partners == [qg.U1]
    # e3: no common working partner; 装备制造 (0.5) + 大连市 ⊃ 金州区 (0.5); the shared
    # consortium is co-presence and does not count by default.
    assert rows["e3"].score == pytest.approx(1.0)
    assert "shared industry: 装备制造" in rows["e3"].reasons
    assert "same region: 大连市" in rows["e3"].reasons
    assert "consortium" not in rows["e3"].reasons
    # u2: AA + region = 1/ln 5 + 0.5
    assert rows["u2"].score == pytest.approx(1 / math.log(5) + 0.5, abs=1e-3)
    rows = {r.candidate_id: r for r in recommend(dalian, org="e1", top=20, with_co_presence=True)}
    # With co-presence e3 gains same consortium (1.0): 2.0; u2: 1/ln 5 + 1.5.
    assert rows["e3"].score == pytest.approx(2.0)
    assert "same consortium: 大连市域产教联合体" in rows["e3"].reasons
    assert rows["u2"].score == pytest.approx(1 / math.log(5) + 1.5, abs=1e-3)
    assert {r.candidate_id for r in recommend(dalian, org="e1", kind="College")} == {"u2"}


def test_synergy_hand_computed(graph: Graph) -> None:
    qg.build_synergy(graph)
    rows = {r.region_id: r for r in synergy(graph)}
    syn = rows["syn"]
    # Configurations (U, I, G): (1,1,1), (1,1,0), (1,0,1), (0,1,1).
    # H(U) = H(I) = H(G) = -(3/4 log2 3/4 + 1/4 log2 1/4) = 0.811278
    # H(UI): (1,1)x2, (1,0), (0,1) -> -(1/2 log2 1/2 + 2 * 1/4 log2 1/4) = 1.5; same for UG, IG.
    # H(UIG): four distinct configurations -> 2.
    # T(UIG) = 3 * 0.811278 - 3 * 1.5 + 2 = -0.066166 (synergy)
    # T(UI) = 2 * 0.811278 - 1.5 = 0.122556
    assert syn.units == 4
    assert syn.t_uig == pytest.approx(-0.0662, abs=1e-4)
    assert syn.t_ui == syn.t_ug == syn.t_ig == pytest.approx(0.1226, abs=1e-4)
    assert syn.h_u == pytest.approx(0.8113, abs=1e-4)
    assert syn.uig_units == 1
    assert syn.reading.startswith("synergy")
    # 他市 has one unit (1,1,1): no variation, T = 0.
    assert rows["other"].units == 1 and rows["other"].t_uig == 0
    assert {r.region_id for r in synergy(graph, region="合成市")} == {"syn"}


# --------------------------------------------------------------------------- portraits, lists


def test_consortium_coverage(dalian: Graph) -> None:
    rows = consortium(dalian, name="大连市域产教联合体")
    leads = {r.id for r in rows if r.section == "lead"}
    members = {r.id for r in rows if r.section == "member"}
    assert leads == {"g1", "u1"} and members == {"e1", "e2", "e3", "u2"}
    cov = {r.name: r for r in rows if r.section == "coverage"}
    assert (cov["total"].reported, cov["total"].enumerated, cov["total"].coverage) == (Quantity(10), 6, "60%")
    assert str(cov["enterprise"].reported) == "约5"
    assert (cov["enterprise"].enumerated, cov["enterprise"].coverage) == (3, "≈60%")
    assert (cov["college"].enumerated, cov["college"].coverage) == (2, "67%")
    assert {r.id for r in rows if r.section == "project"} == {"p1", "p2", "p3"}


def test_projects_filters(dalian: Graph) -> None:
    assert {r.project_id for r in projects(dalian)} == {"p1", "p2", "p3", "p4"}
    assert {r.project_id for r in projects(dalian, region="大连市")} == {"p1", "p2", "p3"}
    assert {r.project_id for r in projects(dalian, region="金普新区")} == {"p1"}
    assert {r.project_id for r in projects(dalian, org="大工")} == {"p1", "p2"}
    assert {r.project_id for r in projects(dalian, industry="人工智能")} == {"p2"}
    [p1] = projects(dalian, type="tech_rd")
    assert p1.investment == Quantity(120000000, None, "元", "1.2亿元")
    assert str(p1.investment) == "1.2亿元" and p1.outputs == {"results": Quantity(12)}
    assert "大连理工大学 (lead)" in p1.parties
    with pytest.raises(InputError):
        projects(dalian, type="nonsense")


def test_timeline_order_and_undated_apart(dalian: Graph) -> None:
    rows = timeline(dalian, org="大连理工大学")
    assert [r.fact_id for r in rows] == ["ag1", "ag2", "p1", "c1", "p2"]
    regional = timeline(dalian, region="大连市")
    dated = [r.date for r in regional if r.date]
    assert dated == sorted(dated)
    assert regional[-1].fact_id == "p3" and regional[-1].date is None
    assert "pol1" in {r.fact_id for r in regional}  # its issuer is in 大连市
    assert "ev1" not in {r.fact_id for r in regional}  # located in 长春市
    with pytest.raises(InputError):
        timeline(dalian, org="u1", region="大连市")


def test_evidence_of_sanyou(dalian: Graph) -> None:
    rows = evidence(dalian, name="大连三友电器设备有限公司")
    own = [r for r in rows if r.other_id is None]
    assert [(r.source_id, r.quote) for r in own] == [("s1", "大连三友电器设备有限公司……")]
    signed = [r for r in rows if r.other_id == "ag1"]
    assert {r.source_id for r in signed} == {"s1", "s2"}
    assert all(r.statement.startswith("-[SIGNED]->") for r in signed)
    # the relationships carry no quote of their own: said so, not borrowed from ag1
    assert all(r.quote is None and r.quote_status == "none given" for r in signed)


def test_stats_counts_and_findings(dalian: Graph) -> None:
    rows = {(r.section, r.item): r for r in stats(dalian)}
    assert rows[("label", "Organization")].count == 12
    assert rows[("kind", "Enterprise")].count == 5
    assert rows[("relationship", "SIGNED")].count == 6
    assert rows[("region", "大连市")].count == 8
    assert set(rows[("quality", "organisations without region")].example_ids) == {"a1", "e5"}
    assert rows[("quality", "facts without source")].example_ids == ["p4"]
    assert rows[("quality", "relationships without sources")].count == 0
    dup = rows[("quality", "likely duplicate organisations")]
    assert dup.count == 1 and set(dup.example_ids) == {"e1", "e5"}


def test_path_never_steps_through_people(dalian: Graph) -> None:
    # A person attending ev1 (with u3, e3) and a second event with the isolated e4 must
    # not connect e4: chains are organisation-activity-organisation steps only.
    b = qg.Builder(dalian)
    b.labels.update({"e4": [qg.ORG], "ev1": [Label.EVENT]})
    b.node([Label.PERSON], "per1", "王某", sources=("s3",))
    b.node([Label.EVENT], "ev2", "另一场对接会", date="2024-05-01", sources=("s3",))
    b.rel(Rel.ATTENDED, "per1", "ev1", ("s3",), role="attendee")
    b.rel(Rel.ATTENDED, "per1", "ev2", ("s3",), role="attendee")
    b.rel(Rel.ATTENDED, "e4", "ev2", ("s3",), role="attendee")
    assert path(dalian, from_org="e4", to_org="u3", max_hops=6) == []
