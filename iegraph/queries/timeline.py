"""Dated facts in order, undated ones apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.queries._base import (
    PAGING,
    PARTNER_TYPES,
    Param,
    label_expr,
    page_params,
    question,
    region_tree,
    uniq,
)
from iegraph.queries._marks import inferred_mark
from iegraph.queries.lookup import resolve_consortium, resolve_org, resolve_region
from iegraph.schema.model import Label, Rel

#: Facts that happen at a date.
TIMED_LABELS: tuple[Label, ...] = (
    Label.EVENT,
    Label.AGREEMENT,
    Label.PROJECT,
    Label.POLICY,
    Label.PROGRAM,
    Label.CONSORTIUM,
)
_FACT = label_expr(TIMED_LABELS)
_ORG = Label.ORGANIZATION.value
_ACT = f"{PARTNER_TYPES}|{Rel.ISSUED.value}"  # how an organisation is party to a fact
_LOC, _PART = Rel.LOCATED_IN.value, Rel.PART_OF.value
#: Fields of a fact a timeline row shows: its date and its parties (by section name).
_SHOWN = frozenset(
    (
        "date",
        "founded",
        "parties",
        "members",
        "leads",
        "owners",
        "organisers",
        "hosts",
        "attendees",
        "issuers",
    )
)


@dataclass(slots=True)
class TimelineRow:
    """One fact on the timeline; ``date`` is None for undated facts (listed last)."""

    date: str | None
    what: str
    name: str
    parties: list[str]
    inferred: str | None
    n_sources: int
    fact_id: str
    party_ids: list[str]
    sources: list[str]


@question(
    "timeline",
    "dated events, agreements, projects, policies in order (undated listed apart)",
    [
        Param("org", help="facts this organisation takes part in"),
        Param("region", help="facts located in this region (or its parties are)"),
        Param("consortium", help="the consortium and the facts belonging to it"),
        *PAGING,
    ],
    ["date", "what", "name", "parties", "inferred", "n_sources", "fact_id", "party_ids", "sources"],
    example="iegraph query timeline --org 大连理工大学",
)
def timeline(
    runner: Runner,
    org: str | None = None,
    region: str | None = None,
    consortium: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[TimelineRow]:
    """What happened, and when? / 按时间顺序发生了什么（活动、协议、项目、政策）？

    Facts: events, agreements, projects, policies, programmes and consortia (by
    ``founded``). Parameters — the scope (give at most one): ``org`` — facts it takes part in, signs,
    attends or issues; ``region`` — facts located in the region or a region inside
    it, or (when a fact has no region) whose party or consortium is located there; ``consortium`` —
    the consortium itself and facts PART_OF it. No scope: every fact. ``limit``/``offset``:
    one page of the answer, cut in the database.
    Columns: date (ISO text; None = undated), what (label), name, parties, inferred
    (the date or parties when the source does not state them, and why), n_sources,
    fact_id, party_ids, sources (Source ids reporting the fact).
    Dated facts come first in date order ('2023' sorts before '2023-05'), then the
    undated ones by name.
    """
    given = [x for x in (org, region, consortium) if x is not None]
    if len(given) > 1:
        raise InputError("give at most one of --org, --region, --consortium")
    params: dict[str, Any] = page_params(limit, offset)
    if org is not None:
        params["id"] = resolve_org(runner, org).id
        match = f"MATCH (:{_ORG} {{id: $id}})-[:{_ACT}]->(f:{_FACT}) "
    elif region is not None:
        params["regions"] = region_tree(runner, resolve_region(runner, region).id)
        # Start from the regions (index seeks), not from every fact.
        reg = Label.REGION.value
        match = (
            f"CALL () {{ UNWIND $regions AS rid MATCH (:{reg} {{id: rid}})<-[:{_LOC}]-(f:{_FACT}) RETURN f "
            f"UNION UNWIND $regions AS rid MATCH (:{reg} {{id: rid}})<-[:{_LOC}]-(:{_ORG})-[:{_ACT}]->(f:{_FACT}) "
            f"WHERE NOT EXISTS {{ (f)-[:{_LOC}]->() }} RETURN f "
            f"UNION UNWIND $regions AS rid MATCH (:{reg} {{id: rid}})<-[:{_LOC}]-(:{Label.CONSORTIUM.value})<-[:{_PART}]-(f:{_FACT}) "
            f"WHERE NOT EXISTS {{ (f)-[:{_LOC}]->() }} RETURN f }} "
        )
    elif consortium is not None:
        params["id"] = resolve_consortium(runner, consortium).id
        match = (
            f"MATCH (f:{_FACT}) WHERE f.id = $id AND f:{Label.CONSORTIUM.value} "
            f"OR EXISTS {{ (f)-[:{_PART}]->(:{Label.CONSORTIUM.value} {{id: $id}}) }} "
        )
    else:
        match = f"MATCH (f:{_FACT}) "
    query = (
        match
        + "WITH DISTINCT f "
        + f"OPTIONAL MATCH (o:{_ORG})-[:{_ACT}]->(f) "
        + "WITH f, collect(DISTINCT {id: o.id, name: o.name}) AS parties "
        + f"OPTIONAL MATCH (f)-[:{Rel.REPORTED_IN.value}]->(s:{Label.SOURCE.value}) "
        + "RETURN f.id AS id, f.name AS name, coalesce(f.date, f.founded) AS date, "
        + "[l IN labels(f) WHERE l IN $labels][0] AS what, parties, collect(DISTINCT s.id) AS sources, "
        + "f.inferred AS inferred, f.inferred_reason AS inferred_reason "
        + "ORDER BY date IS NULL, date, name, id SKIP $skip LIMIT $limit"
    )
    params["labels"] = [lbl.value for lbl in TIMED_LABELS]
    rows = []
    for r in runner.read(query, params):
        # collect() order is not stable across runs: parties in name order
        parties = sorted((p for p in r["parties"] if p["id"] is not None), key=lambda p: (p["name"], p["id"]))
        rows.append(
            TimelineRow(
                date=r["date"],
                what=(r["what"] or "").lower(),
                name=r["name"] or r["id"],
                parties=[p["name"] for p in parties],
                inferred=inferred_mark(r, _SHOWN),
                n_sources=len(r["sources"]),
                fact_id=r["id"],
                party_ids=uniq(p["id"] for p in parties),
                sources=r["sources"],
            )
        )
    return rows
