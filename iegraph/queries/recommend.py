"""Candidate new partners, scored, with the reasons spelled out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from iegraph.db import Runner
from iegraph.queries._base import (
    PARTNER_TYPES,
    REGION_DEPTH,
    WITH_CO_PRESENCE,
    NotedRows,
    Param,
    check_positive,
    inferred_cypher,
    pair_filter,
    question,
    uniq,
)
from iegraph.queries.lookup import resolve_org
from iegraph.schema.model import Label, RegionLevel, Rel

_ORG = Label.ORGANIZATION.value
#: Weights of the reasons other than common partners (Adamic–Adar has weight 1).
W_CONSORTIUM = 1.0
W_INDUSTRY = 0.5
W_REGION = 0.5
W_EVENT = 0.25
#: Bound on candidates drawn from shared consortia / events.
CANDIDATE_LIMIT = 500
#: A common partner with more ties than this (a national group) is not counted in
#: Adamic–Adar; the answer's note names it.
BUSY_PARTNER = 1000
#: Region levels too coarse to count as "same region".
_COARSE = [RegionLevel.COUNTRY.value, RegionLevel.PROVINCE.value]


def _works_with(a: str, b: str, r1: str, r2: str, label: str = _ORG) -> str:
    """Cypher pattern + condition: ``a`` and ``b`` (a ``label`` node, any node if empty)
    are working partners; the ties are bound to ``r1``, ``r2``."""
    node = f"{b}:{label}" if label else b
    return (
        f"({a})-[{r1}:{PARTNER_TYPES}]->()<-[{r2}:{PARTNER_TYPES}]-({node}) "
        f"WHERE {pair_filter(r1, r2, with_co_presence=False)}"
    )


@dataclass(slots=True)
class RecommendRow:
    """One candidate partner with its score and the reasons."""

    candidate: str
    kind: str | None
    score: float
    reasons: str
    adamic_adar: float
    common_partners: list[str]
    inferred: list[str]
    candidate_id: str
    common_ids: list[str] = field(default_factory=list)


@dataclass
class _Cand:
    id: str
    name: str
    kind: str | None
    aa: float = 0.0
    common: dict[str, str] = field(default_factory=dict)
    consortia: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    region: str | None = None
    inferred: list[str] = field(default_factory=list)


def _flat(nested: list[list[str]]) -> list[str]:
    return [x for xs in nested for x in xs]


@question(
    "recommend",
    "candidate new partners (no joint work yet), scored, with reasons",
    [
        Param("org", help="organisation: name, alias, traditional spelling or id", required=True),
        Param("top", int, 10, "how many candidates"),
        Param(
            "kind",
            help="only candidates of this kind",
            choices=tuple(
                k
                for k in (
                    "Government",
                    "College",
                    "Enterprise",
                    "ResearchInstitute",
                    "Association",
                    "OtherOrganization",
                )
            ),
        ),
        WITH_CO_PRESENCE,
    ],
    [
        "candidate",
        "kind",
        "score",
        "reasons",
        "adamic_adar",
        "common_partners",
        "inferred",
        "candidate_id",
        "common_ids",
    ],
    example="iegraph query recommend --org 大连三友电器设备有限公司 --top 5",
)
def recommend(
    runner: Runner, org: str, top: int = 10, kind: str | None = None, with_co_presence: bool = False
) -> NotedRows:
    """Whom should X work with next? / X 下一步可以与谁合作？

    Candidates do not work with X yet (no joint project or programme, agreement or
    consortium led together: ``iegraph.queries._base``). Score =
      Adamic–Adar over the working-partner graph, Σ over common working partners z of
      1/ln(deg z) (deg = z's distinct working partners; a z with more than
      ``BUSY_PARTNER`` (1,000) ties, a national group, is not counted: the note names it)
      + 0.5 per shared industry (at most 2; a shared industry alone draws candidates
        from X's region only — nationally an industry's members all score alike)
      + 0.5 if in the same region (district or city; the lower of the two regions
        lies inside the other).
    With ``with_co_presence`` co-presence with X counts too: + 1.0 if in a consortium
    with X, + 0.25 if they attended an event with X (reasons to turn co-presence into
    work); without it, co-presence neither draws nor ranks candidates.
    ``reasons`` spells each term out in words; ``inferred`` gives the reasons of any
    inferred relationship a term rests on.

    Parameters: ``org``, ``top`` (default 10), ``kind`` (optional org kind),
    ``with_co_presence`` (default False).
    Columns: candidate, kind, score, reasons, adamic_adar, common_partners, inferred,
    candidate_id, common_ids.
    """
    n = check_positive("top", top) or 10
    me = resolve_org(runner, org)
    cands: dict[str, _Cand] = {}

    def cand(r: dict[str, Any]) -> _Cand:
        return cands.setdefault(r["id"], _Cand(r["id"], r["name"], r["kind"]))

    base = (
        f"MATCH (o:{_ORG} {{id: $id}}) "
        f"OPTIONAL MATCH {_works_with('o', 'w', 'r1', 'r2')} AND w <> o "
        "WITH o, collect(DISTINCT w) AS working "
    )
    # 1. Common working partners (Adamic–Adar), with the inferred reasons of both links.
    # o's neighbourhood is expanded once, and each partner z's once: its distinct working
    # partners are both its degree and the candidates it brings. A partner with more than
    # BUSY_PARTNER ties (a national group) is not expanded: everybody near it would be a
    # candidate for a weight under 1/ln 1000, and one such partner took seconds at 1M.
    zs = runner.read(
        f"MATCH (o:{_ORG} {{id: $id}}) MATCH {_works_with('o', 'z', 'a1', 'a2')} AND z <> o "
        f"WITH z, collect({inferred_cypher('a1', 'a2')}) AS why_oz "
        f"RETURN z.id AS zid, z.name AS zname, why_oz, COUNT {{ (z)-[:{PARTNER_TYPES}]->() }} AS ties",
        {"id": me.id},
    )
    working = {me.id, *(z["zid"] for z in zs)}
    busy = sorted(z["zname"] for z in zs if z["ties"] > BUSY_PARTNER)
    why_of = {z["zid"]: (z["zname"], z["why_oz"]) for z in zs if z["ties"] <= BUSY_PARTNER}
    for r in runner.read(
        f"UNWIND $zs AS zid MATCH (z:{_ORG} {{id: zid}}) CALL (z) {{ "
        f"  MATCH {_works_with('z', 'c', 'b1', 'b2')} AND c <> z "
        f"  WITH c, collect({inferred_cypher('b1', 'b2')}) AS why_zc "
        "  RETURN count(c) AS deg, collect(c {.id, .name, .kind, why: why_zc}) AS cands } "
        "RETURN zid, deg, cands",
        {"zs": sorted(why_of)},
    ):
        weight = 1.0 / math.log(r["deg"]) if r["deg"] > 1 else 0.0
        zname, why_oz = why_of[r["zid"]]
        for c in r["cands"]:
            if c["id"] in working:
                continue
            x = cand(c)
            x.aa += weight
            x.common[r["zid"]] = zname
            x.inferred = uniq([*x.inferred, *_flat(why_oz), *_flat(c["why"])])
    # 2. With co-presence: consortium co-members and event co-attendees (bounded).
    presence = ((Rel.MEMBER_OF, Label.CONSORTIUM, "consortia"), (Rel.ATTENDED, Label.EVENT, "events"))
    for rel, target, attr in presence if with_co_presence else ():
        for r in runner.read(
            base + f"MATCH (o)-[t1:{rel.value}]->(s:{target.value})<-[t2:{rel.value}]-(c:{_ORG}) "
            "WHERE c <> o AND NOT c IN working "
            f"RETURN c.id AS id, c.name AS name, c.kind AS kind, collect(DISTINCT s.name) AS via, "
            f"collect({inferred_cypher('t1', 't2')}) AS why LIMIT $limit",
            {"id": me.id, "limit": CANDIDATE_LIMIT},
        ):
            x = cand(r)
            getattr(x, attr).extend(r["via"])
            x.inferred = uniq([*x.inferred, *_flat(r["why"])])
    # 3. Shared industries: candidates in the organisation's region only (the ones that
    # also score "same region"; nationally an industry has hundreds of thousands of
    # members, all scoring alike). Drawn by this reason alone a candidate scores
    # 0.5 * min(shared industries, 2) + 0.5 and sorts by name among equals: the first
    # ``n`` in that order (of the asked kind) are the only ones that can make the answer.
    scope, mine = _scope(runner, me.id)
    if scope and mine:
        for r in runner.read(
            base
            + f"UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{Rel.LOCATED_IN.value}]-(c:{_ORG}) "
            "WHERE c <> o AND NOT c IN working AND ($kind IS NULL OR c.kind = $kind) "
            f"MATCH (c)-[:{Rel.IN_INDUSTRY.value}]->(i:{Label.INDUSTRY.value}) WHERE i.id IN $mine "
            "WITH c, count(DISTINCT i) AS shared "
            "RETURN c.id AS id, c.name AS name, c.kind AS kind "
            "ORDER BY CASE WHEN shared > 2 THEN 2 ELSE shared END DESC, name, id LIMIT $limit",
            {"id": me.id, "regions": sorted(scope), "mine": mine, "kind": kind, "limit": n},
        ):
            cand(r)
    if kind is not None:
        cands = {k: v for k, v in cands.items() if v.kind == kind}
    # Every candidate's shared industries and region, however it was drawn: one seek each.
    if cands:
        for r in runner.read(
            f"UNWIND $ids AS cid MATCH (c:{_ORG} {{id: cid}}) "
            f"RETURN cid, [(c)-[:{Rel.LOCATED_IN.value}]->(r:{Label.REGION.value}) | r.id] AS regions, "
            f"[(c)-[:{Rel.IN_INDUSTRY.value}]->(i:{Label.INDUSTRY.value}) WHERE i.id IN $mine | i.name] AS industries",
            {"ids": list(cands), "mine": mine},
        ):
            x = cands[r["cid"]]
            x.industries.extend(r["industries"])
            commons = sorted(scope[rid] for rid in r["regions"] if rid in scope)
            x.region = commons[0] if commons else None
    rows = [_row(c) for c in cands.values()]
    rows.sort(key=lambda r: (-r.score, r.candidate))
    note = None
    if busy:
        note = (
            f"{len(busy)} common partner{'s' if len(busy) > 1 else ''} with more than {BUSY_PARTNER:,} ties "
            f"not counted in Adamic–Adar (a weight under 1/ln {BUSY_PARTNER:,} for everybody near them): "
            + "、".join(busy[:5])
            + ("…" if len(busy) > 5 else "")
        )
    return NotedRows(rows[:n], note)


def _scope(runner: Runner, org_id: str) -> tuple[dict[str, str], list[str]]:
    """Where an organisation's candidates count as "same region", and its industries.

    Regions: id -> the name of the region the two have in common. A candidate shares a
    region with the organisation when the more specific of their two regions lies
    inside, or is, the other: the organisation's regions and those inside them (in
    common: the organisation's region) and the regions above them (in common: that
    region), none coarser than a city — a province or the country is too coarse.
    Industries: the ids of the organisation's industries.
    """
    region, part = Label.REGION.value, Rel.PART_OF.value
    rows = runner.read(
        f"MATCH (o:{_ORG} {{id: $id}}) "
        f"OPTIONAL MATCH (o)-[:{Rel.LOCATED_IN.value}]->(ro:{region}) WHERE NOT coalesce(ro.level, '') IN $coarse "
        f"OPTIONAL MATCH (down:{region})-[:{part}*0..{REGION_DEPTH}]->(ro) "
        "WITH o, collect({id: down.id, common: ro.name}) AS below "
        f"OPTIONAL MATCH (o)-[:{Rel.LOCATED_IN.value}]->(:{region})-[:{part}*1..{REGION_DEPTH}]->(up:{region}) "
        "WHERE NOT coalesce(up.level, '') IN $coarse "
        "WITH o, below, collect({id: up.id, common: up.name}) AS above WITH o, below + above AS pairs "
        f"RETURN [x IN pairs WHERE x.id IS NOT NULL] AS pairs, "
        f"[(o)-[:{Rel.IN_INDUSTRY.value}]->(i:{Label.INDUSTRY.value}) | i.id] AS industries",
        {"id": org_id, "coarse": _COARSE},
    )
    scope: dict[str, str] = {}
    if not rows:
        return scope, []
    for pair in rows[0]["pairs"]:
        # Two ways to one region (an organisation in two regions): the first name, always.
        if pair["id"] not in scope or pair["common"] < scope[pair["id"]]:
            scope[pair["id"]] = pair["common"]
    return scope, sorted(set(rows[0]["industries"]))


def _row(c: _Cand) -> RecommendRow:
    reasons = []
    if c.common:
        names = "、".join(sorted(c.common.values()))
        reasons.append(f"{len(c.common)} common working partner(s): {names} (Adamic–Adar {c.aa:.3f})")
    consortia = sorted(set(c.consortia))
    industries = sorted(set(c.industries))
    events = sorted(set(c.events))
    if consortia:
        reasons.append("same consortium: " + "、".join(consortia))
    if industries:
        reasons.append("shared industry: " + "、".join(industries))
    if c.region:
        reasons.append(f"same region: {c.region}")
    if events:
        reasons.append("met at event: " + "、".join(events))
    score = (
        c.aa
        + (W_CONSORTIUM if consortia else 0.0)
        + W_INDUSTRY * min(len(industries), 2)
        + (W_REGION if c.region else 0.0)
        + (W_EVENT if events else 0.0)
    )
    return RecommendRow(
        candidate=c.name,
        kind=c.kind,
        score=round(score, 3),
        reasons="; ".join(reasons),
        adamic_adar=round(c.aa, 3),
        common_partners=sorted(c.common.values()),
        inferred=c.inferred,
        candidate_id=c.id,
        common_ids=sorted(c.common),
    )
