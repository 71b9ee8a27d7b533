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
#: Bound on candidates drawn from shared industries / consortia / events.
CANDIDATE_LIMIT = 500
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
) -> list[RecommendRow]:
    """Whom should X work with next? / X 下一步可以与谁合作？

    Candidates do not work with X yet (no joint project or programme, agreement or
    consortium led together: ``iegraph.queries._base``). Score =
      Adamic–Adar over the working-partner graph, Σ over common working partners z of
      1/ln(deg z) (deg = z's distinct working partners)
      + 0.5 per shared industry (at most 2)
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
    # partners are both its degree and the candidates it brings.
    for r in runner.read(
        f"MATCH (o:{_ORG} {{id: $id}}) MATCH {_works_with('o', 'z', 'a1', 'a2')} AND z <> o "
        f"WITH o, z, collect({inferred_cypher('a1', 'a2')}) AS why_oz "
        "WITH o, collect({z: z, why: why_oz}) AS zs "
        "WITH o, zs, [x IN zs | x.z] AS working UNWIND zs AS zw "
        "WITH o, working, zw.z AS z, zw.why AS why_oz "
        "CALL (o, working, z) { "
        f"  MATCH {_works_with('z', 'c', 'b1', 'b2')} AND c <> z "
        f"  WITH o, working, c, collect({inferred_cypher('b1', 'b2')}) AS why_zc "
        "  RETURN count(c) AS deg, "
        "  collect(CASE WHEN c <> o AND NOT c IN working THEN c {.id, .name, .kind, why: why_zc} END) AS cands } "
        "RETURN z.id AS zid, z.name AS zname, deg, cands, why_oz",
        {"id": me.id},
    ):
        weight = 1.0 / math.log(r["deg"]) if r["deg"] > 1 else 0.0
        for c in r["cands"]:
            x = cand(c)
            x.aa += weight
            x.common[r["zid"]] = r["zname"]
            x.inferred = uniq([*x.inferred, *_flat(r["why_oz"]), *_flat(c["why"])])
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
    # members, all scoring alike), the best CANDIDATE_LIMIT by the final order.
    regions = _region_scope(runner, me.id)
    if regions:
        for r in runner.read(
            base
            + f"UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{Rel.LOCATED_IN.value}]-(c:{_ORG}) "
            "WHERE c <> o AND NOT c IN working "
            f"MATCH (c)-[:{Rel.IN_INDUSTRY.value}]->(i:{Label.INDUSTRY.value})<-[:{Rel.IN_INDUSTRY.value}]-(o) "
            "WITH c, collect(DISTINCT i.name) AS via "
            "RETURN c.id AS id, c.name AS name, c.kind AS kind, via "
            "ORDER BY CASE WHEN size(via) > 2 THEN 2 ELSE size(via) END DESC, name, id LIMIT $limit",
            {"id": me.id, "regions": regions, "limit": CANDIDATE_LIMIT},
        ):
            cand(r)
    # The industries every candidate shares with the organisation, however it was drawn.
    if cands:
        for r in runner.read(
            f"MATCH (o:{_ORG} {{id: $id}}) UNWIND $ids AS cid MATCH (c:{_ORG} {{id: cid}}) "
            f"MATCH (c)-[:{Rel.IN_INDUSTRY.value}]->(i:{Label.INDUSTRY.value})<-[:{Rel.IN_INDUSTRY.value}]-(o) "
            "RETURN cid, collect(DISTINCT i.name) AS via",
            {"id": me.id, "ids": list(cands)},
        ):
            cands[r["cid"]].industries.extend(r["via"])
    if kind is not None:
        cands = {k: v for k, v in cands.items() if v.kind == kind}
    _same_region(runner, me.id, cands)
    rows = [_row(c) for c in cands.values()]
    rows.sort(key=lambda r: (-r.score, r.candidate))
    return rows[:n]


def _region_scope(runner: Runner, org_id: str) -> list[str]:
    """The regions whose organisations share a region with ``org_id`` as ``_same_region``
    says: its regions and the regions inside them, and the regions above them, none
    coarser than a city (a province or the country is too coarse)."""
    region, part = Label.REGION.value, Rel.PART_OF.value
    rows = runner.read(
        f"MATCH (:{_ORG} {{id: $id}})-[:{Rel.LOCATED_IN.value}]->(ro:{region}) "
        f"OPTIONAL MATCH (ro)-[:{part}*1..{REGION_DEPTH}]->(up:{region}) WHERE NOT coalesce(up.level, '') IN $coarse "
        f"OPTIONAL MATCH (down:{region})-[:{part}*1..{REGION_DEPTH}]->(ro) WHERE NOT coalesce(ro.level, '') IN $coarse "
        "WITH collect(CASE WHEN NOT coalesce(ro.level, '') IN $coarse THEN ro.id END) "
        "+ collect(up.id) + collect(down.id) AS ids "
        "UNWIND ids AS rid RETURN collect(DISTINCT rid) AS ids",
        {"id": org_id, "coarse": _COARSE},
    )
    return sorted(rows[0]["ids"]) if rows else []


def _same_region(runner: Runner, org_id: str, cands: dict[str, _Cand]) -> None:
    """Mark candidates sharing a region with the organisation (the more specific of
    the two regions lies inside, or is, the other; provinces are too coarse)."""
    if not cands:
        return
    region = Label.REGION.value
    recs = runner.read(
        f"UNWIND $ids AS cid MATCH (c:{_ORG} {{id: cid}})-[:{Rel.LOCATED_IN.value}]->(rc:{region}) "
        f"MATCH (o:{_ORG} {{id: $id}})-[:{Rel.LOCATED_IN.value}]->(ro:{region}) "
        f"OPTIONAL MATCH (rc)-[:{Rel.PART_OF.value}*0..{REGION_DEPTH}]->(up:{region}) WHERE up = ro "
        f"OPTIONAL MATCH (ro)-[:{Rel.PART_OF.value}*0..{REGION_DEPTH}]->(up2:{region}) WHERE up2 = rc "
        "WITH cid, coalesce(up, up2) AS common WHERE common IS NOT NULL AND NOT coalesce(common.level, '') IN $coarse "
        "RETURN cid, collect(common.name)[0] AS name",
        {"ids": list(cands), "id": org_id, "coarse": _COARSE},
    )
    for r in recs:
        cands[r["cid"]].region = r["name"]


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
