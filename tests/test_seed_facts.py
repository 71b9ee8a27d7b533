"""Concrete facts of the five seed articles, asked of the graph the bundled dataset loads into.

These check the loader end to end on the curated sheets (iegraph/data/seeds/*.yaml):
who co-builds which project, who leads which consortium, the reported composition
numbers, officials and their positions — as the graph contract stores them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from iegraph.db import Graph
from tests.dbtools import load_seed_graph


@pytest.fixture(scope="module")
def seeded(session_graph: Graph) -> Iterator[Graph]:
    """The session database holding exactly the seed dataset (loaded once for this module)."""
    yield load_seed_graph(session_graph)


def one(graph: Graph, query: str, **params: Any) -> dict[str, Any]:
    rows = graph.read(query, params)
    assert len(rows) == 1, rows
    return rows[0]


def positions(graph: Graph, person: str) -> set[tuple[str, str]]:
    rows = graph.read(
        "MATCH (:Person {name: $p})-[h:HOLDS_POSITION]->(o:Organization) RETURN o.name AS org, h.title AS title",
        {"p": person},
    )
    return {(r["org"], r["title"]) for r in rows}


#: Every property of every node and relationship that is an empty list, with where it is.
EMPTY_LISTS = (
    "CALL () { MATCH (n) UNWIND keys(n) AS k WITH n, k WHERE n[k] = [] "
    "RETURN labels(n)[0] + '.' + k AS at UNION ALL "
    "MATCH ()-[r]->() UNWIND keys(r) AS k WITH r, k WHERE r[k] = [] RETURN type(r) + '.' + k AS at } "
    "RETURN at, count(*) AS n ORDER BY at"
)


def test_no_property_is_an_empty_list(seeded: Graph) -> None:
    # absent means empty (issue 15): the loader stores no [] (aliases, inferred, quotes …)
    assert seeded.read(EMPTY_LISTS) == []
    # … while the lists it has are there: aliases, REPORTED_IN quotes, relationship sources
    counts = one(
        seeded,
        "CALL () { MATCH (n) WHERE n.aliases IS NOT NULL RETURN count(*) AS aliased } "
        "CALL () { MATCH ()-[r:REPORTED_IN]->() WHERE r.quotes IS NOT NULL RETURN count(*) AS quoted } "
        "CALL () { MATCH ()-[r]->() WHERE r.sources IS NOT NULL RETURN count(*) AS sourced } "
        "RETURN aliased, quoted, sourced",
    )
    assert min(counts.values()) > 0, counts


# --- 000: 长春企联 matchmaking -------------------------------------------------------------------


def test_000_changchun_qilian_is_one_node_reachable_by_every_name(seeded: Graph) -> None:
    node = one(
        seeded,
        "MATCH (o:Association) WHERE o.name = '长春市企业联合会' RETURN o.aliases AS a, o.alias_keys AS k, o.id AS id",
    )
    assert {"长春企联", "长春市企业家协会"} <= set(node["a"])
    for alias in ("长春企联", "长春市企业家协会"):
        assert (
            one(seeded, "MATCH (o:Organization) WHERE $a IN o.alias_keys RETURN o.id AS id", a=alias)["id"]
            == (node["id"])
        )
    assert positions(seeded, "杨连仲") >= {
        ("长春市工业和信息化局", "一级巡视员"),
        ("长春市企业联合会", "会长"),
    }
    assert ("长春市企业联合会", "秘书长") in positions(seeded, "谢华庚")


def test_000_meeting_attendance_and_counts(seeded: Graph) -> None:
    rows = seeded.read(
        "MATCH (o:Organization)-[a:ATTENDED]->(e:Event)-[:REPORTED_IN]->(s:Source) WHERE s.id STARTS WITH 'seed-000' "
        "RETURN o.kind AS kind, a.role AS role, e.attendee_count_college AS colleges, "
        "e.attendee_count_enterprise AS enterprises, e.date AS date"
    )
    assert Counter((r["kind"], r["role"]) for r in rows) == {
        ("College", "attendee"): 6,
        ("Enterprise", "attendee"): 16,
        ("Government", "attendee"): 1,
        ("Association", "organiser"): 1,
    }
    assert {(r["colleges"], r["enterprises"], r["date"]) for r in rows} == {(6, 16, None)}


# --- 001: the unnamed school and its approved base ----------------------------------------------


def test_001_unnamed_school_and_approved_employment_base(seeded: Graph) -> None:
    school = one(
        seeded,
        "MATCH (c:College)-[:REPORTED_IN]->(s:Source) WHERE s.id STARTS WITH 'seed-001' "
        "RETURN c.unnamed AS unnamed, c.level AS level, c.inferred AS inferred",
    )
    assert school["unnamed"] is True
    project = one(
        seeded,
        "MATCH (g:Organization)-[:APPROVED]->(p:Project {type: 'employment_base'}) "
        "RETURN g.name AS approver, p.date AS date, p.status AS status",
    )
    assert project == {
        "approver": "工业和信息化部中小企业发展促进中心",
        "date": "2021-12-15",
        "status": "approved",
    }
    people = seeded.read(
        "MATCH (p:Person)-[a:ATTENDED]->(e:Event {date: '2022-03-09'}) RETURN p.name AS name, a.role AS role"
    )
    assert {(r["name"], r["role"]) for r in people} == {
        ("王思迪", "speaker"),
        ("汪洋", "attendee"),
        ("初长洲", "host"),
    }


# --- 002: the Changchun auto consortium ---------------------------------------------------------


def test_002_consortium_leads_composition_anchor_and_signatories(seeded: Graph) -> None:
    c = one(
        seeded,
        "MATCH (c:Consortium)-[:REPORTED_IN]->(s:Source) WHERE s.id STARTS WITH 'seed-002' "
        "RETURN c.id AS id, c.reported_government AS gov, c.reported_undergraduate AS ug, "
        "c.reported_higher_vocational AS hv, c.reported_secondary_vocational AS sv, "
        "c.reported_research_institute AS ri, c.reported_enterprise AS ent, "
        "c.reported_enterprise_qualifier AS ent_q, c.reported_enterprise_text AS ent_text, "
        "c.founded AS founded, c.inferred AS inferred, c.anchor_park AS anchor",
    )
    assert (c["gov"], c["ug"], c["hv"], c["sv"], c["ri"], c["ent"]) == (10, 8, 8, 38, 6, 120)
    assert (c["ent_q"], c["ent_text"]) == ("近", "近120")  # the article's "近120家"
    assert c["founded"] == "2023-08-19" and "founded" in c["inferred"]
    assert c["anchor"] == "长春汽车经济技术开发区"
    leads = seeded.read(
        "MATCH (o:Organization)-[:MEMBER_OF {role: 'lead'}]->(:Consortium {id: $id}) RETURN o.name AS name",
        {"id": c["id"]},
    )
    assert {r["name"] for r in leads} == {"长春市教育局", "长春汽车经济技术开发区"}
    agreement = one(
        seeded,
        "MATCH (a:Agreement)-[:SIGNED_AT]->(e:Event)-[:REPORTED_IN]->(s:Source) WHERE s.id STARTS WITH 'seed-002' "
        "RETURN a.signatory_count AS n",
    )
    assert agreement["n"] == 13


# --- 003: Pingdingshan ------------------------------------------------------------------------


def test_003_launch_policy_industries_and_office(seeded: Graph) -> None:
    event = one(
        seeded,
        "MATCH (e:Event)-[:REPORTED_IN]->(s:Source) WHERE s.id STARTS WITH 'seed-003' "
        "RETURN e.date AS date, e.place AS place",
    )
    assert event == {"date": "2023-07-05", "place": "平顶山学院"}
    issuer = one(
        seeded, "MATCH (o:Organization)-[:ISSUED]->(p:Policy) WHERE o.name = '平顶山市委' RETURN p.date AS d"
    )
    assert issuer["d"] is None
    industries = seeded.read(
        "MATCH (:Region {name: '平顶山市'})-[r:IN_INDUSTRY]->(i:Industry) RETURN i.name AS name, r.role AS role"
    )
    assert {r["name"] for r in industries} == {"尼龙新材料", "电气装备制造", "煤焦化工", "陶瓷"}
    assert {r["role"] for r in industries} == {"advantage_industry"}
    # the photo credit "平顶山市委网信办供图" made no organisation
    assert seeded.read("MATCH (o:Organization) WHERE o.name CONTAINS '网信办' RETURN o.name AS n") == []


# --- 004: Jinpu ---------------------------------------------------------------------------------


def test_004_sixteen_projects_signed_at_the_meeting_with_their_parties(seeded: Graph) -> None:
    rows = seeded.read(
        "MATCH (p:Project)-[:SIGNED_AT]->(e:Event) WHERE e.name CONTAINS '建设推进会' "
        "MATCH (o:Organization)-[:PARTICIPATES_IN]->(p) "
        "RETURN p.name AS project, p.type AS type, collect(o.name) AS parties"
    )
    assert len(rows) == 16
    got = {r["project"]: (r["type"], set(r["parties"])) for r in rows}
    assert got["产教融合实习实践基地"] == ("practice_base", {"碧菲分离膜（大连）有限公司", "大连交通大学"})
    assert got["高低压电器装备制造产业产教融合实训基地"] == (
        "training_base",
        {"大连三友电器设备有限公司", "大连理工大学"},
    )
    assert got["辽宁省乡村振兴产业学院"][1] == {"大连第一互感器集团", "大连职业技术学院", "普兰店区职教中心"}
    assert len(got["大连市数字人才产教融合实训中心"][1]) == 15
    assert Counter(t for t, _ in got.values()) == {
        "training_base": 1,
        "innovation_center": 3,
        "practice_base": 3,
        "industrial_college": 1,
        "tech_rd": 4,
        "talent_cultivation": 4,
    }


def test_004_training_base_investment_and_outputs(seeded: Graph) -> None:
    base = one(
        seeded,
        "MATCH (p:Project {name: '辽宁省装备制造产业产教融合实训基地'}) "
        "OPTIONAL MATCH (o:Organization)-[:PARTICIPATES_IN]->(p) "
        "RETURN p.investment AS inv, p.investment_text AS text, p.output_results AS results, "
        "p.output_internship_places AS places, p.output_trainees AS trainees, "
        "p.output_results_qualifier AS results_q, p.output_internship_places_qualifier AS places_q, "
        "p.output_trainees_qualifier AS trainees_q, collect(o.name) AS parties",
    )
    assert base["inv"] == 120_000_000 and base["text"] == "1.2亿元"
    assert (base["results"], base["places"], base["trainees"]) == (31, 2800, 26000)
    assert (base["results_q"], base["places_q"], base["trainees_q"]) == (None, "余", "余")
    assert set(base["parties"]) == {"通用技术集团大连机床有限责任公司", "大连职业技术学院"}


def test_004_consortium_composition_lead_approval_and_officials(seeded: Graph) -> None:
    c = one(
        seeded,
        "MATCH (c:Consortium) WHERE c.name CONTAINS '金普新区' "
        "RETURN c.id AS id, c.level AS level, c.reported_total AS total, c.reported_college AS college, "
        "c.reported_enterprise AS ent, c.reported_research_institute AS ri, c.reported_association AS assoc, "
        "c.reported_government AS gov",
    )
    assert c["level"] == "national"
    assert (c["total"], c["college"], c["ent"], c["ri"], c["assoc"], c["gov"]) == (97, 17, 57, 4, 6, 13)
    approvers = seeded.read(
        "MATCH (o:Organization)-[:APPROVED]->(:Consortium {id: $id}) RETURN o.name AS n", {"id": c["id"]}
    )
    assert [r["n"] for r in approvers] == ["教育部"]
    leads = seeded.read(
        "MATCH (o:Organization)-[:MEMBER_OF {role: 'lead'}]->(:Consortium {id: $id}) RETURN o.name AS n, o.kind AS k",
        {"id": c["id"]},
    )
    assert [(r["n"], r["k"]) for r in leads] == [("金普新区", "Government")]
    members = one(
        seeded,
        "MATCH (o:Organization)-[:MEMBER_OF {role: 'member'}]->(:Consortium {id: $id}) RETURN count(o) AS n",
        id=c["id"],
    )
    assert members["n"] == 33 and members["n"] < c["total"]
    assert ("通用技术集团大连机床有限责任公司", "副总经理") in positions(seeded, "董建军")
    assert {("大连职业技术学院", "党委书记"), ("大连职业技术学院", "校长")} <= positions(seeded, "杨跃权")


def test_every_fact_node_is_reported_with_a_quote_and_relationships_carry_sources(seeded: Graph) -> None:
    unreported = seeded.read(
        "MATCH (n) WHERE NOT n:Source AND NOT (n)-[:REPORTED_IN]->(:Source) RETURN n.name AS n LIMIT 5"
    )
    assert unreported == []
    no_sources = seeded.read(
        "MATCH ()-[r]->() WHERE type(r) <> 'REPORTED_IN' AND (r.sources IS NULL OR size(r.sources) = 0) "
        "RETURN type(r) AS t LIMIT 5"
    )
    assert no_sources == []
    # regions named by several sheets are one node reported by each of them
    changchun = one(seeded, "MATCH (r:Region {name: '长春市'})-[:REPORTED_IN]->(s) RETURN count(s) AS n")
    assert changchun["n"] >= 2
