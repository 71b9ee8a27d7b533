"""The basis of a partnership (working vs co-presence): the vocabulary itself, then the
questions and views on the small constructed graph of tests/querygraph.py.

build_dalian's consortium c1 has two leads (g1 教育局, u1 大工) and plain members e1,
e2, e3, u2; event ev1 has a1 (organiser), u3 and e3 (attendees). See its docstring.
"""

from __future__ import annotations

import pytest

from iegraph.db import Graph
from iegraph.queries._base import (
    BASIS_CO_PRESENCE,
    BASIS_WORKING,
    pair_basis,
    tie_basis,
    working_tie,
)
from iegraph.queries.brokers import brokers
from iegraph.queries.gaps import GAP_MET_ONLY, GAP_WITHOUT, gaps
from iegraph.queries.partners import (
    CO_LEAD_KIND,
    CO_PRESENCE,
    SIGNATURE_ONLY,
    WORKING,
    classify,
    depth,
    partners,
)
from iegraph.queries.recommend import recommend
from iegraph.schema.model import Label, Rel
from iegraph.viz import views
from tests import querygraph as qg

# --------------------------------------------------------------------------- the vocabulary, pure


@pytest.mark.parametrize(
    ("rel", "role", "basis"),
    [
        (Rel.PARTICIPATES_IN, "partner", BASIS_WORKING),
        (Rel.PARTICIPATES_IN, None, BASIS_WORKING),
        (Rel.SIGNED, None, BASIS_WORKING),
        (Rel.MEMBER_OF, "lead", BASIS_WORKING),
        (Rel.MEMBER_OF, "member", BASIS_CO_PRESENCE),
        (Rel.MEMBER_OF, None, BASIS_CO_PRESENCE),
        (Rel.ATTENDED, "organiser", BASIS_CO_PRESENCE),
        (Rel.ATTENDED, "attendee", BASIS_CO_PRESENCE),
    ],
)
def test_tie_basis(rel: Rel, role: str | None, basis: str) -> None:
    assert tie_basis(rel.value, role) == basis


def test_pair_basis_needs_both_ties_working() -> None:
    lead = tie_basis(Rel.MEMBER_OF.value, "lead")
    member = tie_basis(Rel.MEMBER_OF.value, "member")
    assert pair_basis(lead, lead) == BASIS_WORKING  # two co-leads work together
    assert pair_basis(member, member) == BASIS_CO_PRESENCE  # two plain members do not
    assert pair_basis(lead, member) == BASIS_CO_PRESENCE  # nor does a lead with a member
    attendee = tie_basis(Rel.ATTENDED.value, "attendee")
    assert pair_basis(attendee, attendee) == BASIS_CO_PRESENCE


def test_depth_class_of_co_leads() -> None:
    # Leading a consortium together is joint work without a joint project ...
    assert classify({CO_LEAD_KIND}, 0, 0, 1) == WORKING
    # ... and a kind of working cooperation beside a project, which deepens it.
    assert classify({"project", CO_LEAD_KIND}, 1, 0, 1) == "deep"
    assert classify({"project", "consortium"}, 1, 0, 1) == WORKING
    assert classify({"consortium"}, 0, 0, 1) == CO_PRESENCE
    assert classify({"agreement", CO_LEAD_KIND}, 0, 1, 1) == SIGNATURE_ONLY


# --------------------------------------------------------------------------- the rule in Cypher


@pytest.fixture
def dalian(graph: Graph) -> Graph:
    qg.build_dalian(graph)
    return graph


def test_cypher_rule_agrees_with_the_python_rule(dalian: Graph) -> None:
    # Every tie of an organisation to a carrier in the graph, classified by Neo4j and by Python.
    rows = dalian.read(
        f"MATCH (:{Label.ORGANIZATION.value})-[r]->() WHERE type(r) IN $types "
        f"RETURN type(r) AS type, r.role AS role, {working_tie('r')} AS working",
        {"types": [r.value for r in (Rel.PARTICIPATES_IN, Rel.SIGNED, Rel.MEMBER_OF, Rel.ATTENDED)]},
    )
    assert {r["working"] for r in rows} == {True, False}
    for r in rows:
        assert (tie_basis(r["type"], r["role"]) == BASIS_WORKING) is r["working"], r


# --------------------------------------------------------------------------- questions


def test_co_leads_are_working_partners_plain_members_are_not(dalian: Graph) -> None:
    g1 = {r.partner_id: r for r in partners(dalian, org="大连市教育局")}
    # g1 and u1 lead c1 together (and share p2): the consortium counts as joint work.
    assert g1["u1"].basis == BASIS_WORKING
    assert f"{CO_LEAD_KIND}: {qg.C1}" in g1["u1"].through
    # e1 and e2 are plain members of c1 and share nothing else.
    assert "e2" not in {r.partner_id for r in partners(dalian, org="e1")}
    wide = {r.partner_id: r for r in partners(dalian, org="e1", with_co_presence=True)}
    assert wide["e2"].basis == BASIS_CO_PRESENCE and wide["e2"].through == [f"consortium: {qg.C1}"]
    # A partner related both ways is working, its `through` listing both, joint work first.
    assert wide["u1"].basis == BASIS_WORKING
    assert wide["u1"].through[-1] == f"consortium: {qg.C1}"
    assert wide["u1"].through[0] == "agreement: 大工-三友战略合作协议"
    # Working partners come first.
    assert [r.basis for r in wide.values()] == sorted(
        (r.basis for r in wide.values()), key=lambda b: b != BASIS_WORKING
    )


def test_depth_by_default_has_no_co_presence_class(dalian: Graph) -> None:
    default = {r.partner_id: r for r in depth(dalian, org="u1")}
    assert "e3" not in default  # c1 member only
    assert default["g1"].types == [CO_LEAD_KIND, "project"] and default["g1"].depth == "deep"
    wide = {r.partner_id: r for r in depth(dalian, org="u1", with_co_presence=True)}
    assert wide["e3"].depth == CO_PRESENCE and wide["e3"].basis == BASIS_CO_PRESENCE


def test_inferred_relationships_are_marked(dalian: Graph) -> None:
    reason = "listed as a member because it signed a consortium project"
    dalian.write(
        f"MATCH (:{Label.ORGANIZATION.value} {{id: 'e3'}})-[r:{Rel.MEMBER_OF.value}]->() "
        "SET r.inferred_reason = $reason",
        {"reason": reason},
    )
    # The inferred membership is co-presence: it marks rows only when co-presence is asked for.
    assert all(r.inferred == [] for r in partners(dalian, org="u1"))
    wide = {r.partner_id: r for r in partners(dalian, org="u1", with_co_presence=True)}
    assert wide["e3"].inferred == [reason]
    assert wide["e1"].inferred == []
    assert {r.partner_id: r.inferred for r in depth(dalian, org="u1", with_co_presence=True)}["e3"] == [
        reason
    ]
    # recommend: e2 and e3 share c1 with e1; only the row resting on e3's membership is marked.
    rows = {r.candidate_id: r for r in recommend(dalian, org="e1", top=20, with_co_presence=True)}
    assert rows["e3"].inferred == [reason] and rows["e2"].inferred == []


def test_gaps_report_meeting_only_at_an_event(dalian: Graph) -> None:
    rows = gaps(dalian)
    met = [r for r in rows if r.gap == GAP_MET_ONLY[Label.COLLEGE]]
    # u3 met e3 at ev1 and works with no enterprise; e3 works with u2 (p3): no mirror row.
    assert [(r.entity_id, r.scope, r.scope_id) for r in met] == [("u3", "校企对接会", "ev1")]
    assert met[0].detail.startswith("met 1 enterprise at this event")
    assert not [r for r in rows if r.gap == GAP_MET_ONLY[Label.ENTERPRISE]]
    # The two kinds are exclusive: u3 is not also "without enterprise partner".
    without = {r.entity_id for r in rows if r.gap == GAP_WITHOUT[Label.COLLEGE]}
    assert "u3" not in without and "u4" in without


def test_plain_co_members_are_a_gap_not_a_partnership(dalian: Graph) -> None:
    # A college whose only enterprise contact is a shared consortium it does not lead.
    b = qg.Builder(dalian)
    b.labels.update({"c1": [Label.CONSORTIUM]})
    b.org(qg.COL, "u5", "大连新建学院", sources=("s3",))
    b.rel(Rel.MEMBER_OF, "u5", "c1", ("s3",), role="member")
    [row] = [r for r in gaps(dalian, consortium="c1") if r.entity_id == "u5"]
    assert row.gap == GAP_MET_ONLY[Label.COLLEGE]
    assert (row.scope, row.scope_id) == (qg.C1, "c1")
    assert row.detail.startswith("met 3 enterprises as co-members of this consortium")


def test_brokers_and_recommend_rank_on_working_ties_by_default(dalian: Graph) -> None:
    # The co-presence flag changes who bridges: with c1 and ev1, e3 links u3 to e1/e2.
    assert {r.org_id: r.betweenness for r in brokers(dalian, top=20)}["e3"] == 0
    assert {r.org_id: r.betweenness for r in brokers(dalian, top=20, with_co_presence=True)}["e3"] == 2
    # recommend: e3 shares c1 with e1 — no score for it unless co-presence is asked for.
    default = {r.candidate_id: r for r in recommend(dalian, org="e1", top=20)}
    assert "consortium" not in default["e3"].reasons and default["e3"].score == pytest.approx(1.0)
    wide = {r.candidate_id: r for r in recommend(dalian, org="e1", top=20, with_co_presence=True)}
    assert "same consortium: 大连市域产教联合体" in wide["e3"].reasons
    assert wide["e3"].score == pytest.approx(2.0)


# --------------------------------------------------------------------------- views


def _edges(view: views.ViewGraph) -> set[tuple[str, str, str | None, str | None]]:
    names = {n.key: n.name for n in view.nodes}
    return {(names[e.source], e.type, e.role, e.basis) for e in view.edges}


def test_views_draw_co_presence_only_when_asked(dalian: Graph) -> None:
    view = views.consortium(dalian, qg.C1)
    edges = _edges(view)
    # The two leads' memberships are working ties; the plain members' are not drawn.
    assert (qg.G1, Rel.MEMBER_OF.value, "lead", BASIS_WORKING) in edges
    assert not [e for e in edges if e[1] == Rel.MEMBER_OF.value and e[2] != "lead"]
    assert view.hidden_co_presence == 0  # members not working in it are not pulled in at all
    wide = views.consortium(dalian, qg.C1, with_co_presence=True)
    assert (qg.E3, Rel.MEMBER_OF.value, "member", BASIS_CO_PRESENCE) in _edges(wide)
    # The overview keeps every node a working tie reaches; ev1 and a1 only co-presence does.
    overview = views.overview(dalian)
    assert not [e for e in _edges(overview) if e[3] == BASIS_CO_PRESENCE]
    assert overview.hidden_co_presence == 7  # 4 plain memberships of c1, 3 attendances of ev1
    assert {qg.A1, "校企对接会"} & {n.name for n in overview.nodes} == set()
    assert {qg.A1, "校企对接会"} <= {n.name for n in views.overview(dalian, with_co_presence=True).nodes}
