"""Missing links: enterprises without a college partner, colleges without an
enterprise partner (or that met them only at an event / as co-members), prioritised
industries without a project."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.queries import _figures
from iegraph.queries._base import (
    CARRIER_KIND,
    CARRIER_LABEL_NAMES,
    NO_LIMIT,
    PAGING,
    PARTNER_TYPES,
    REGION_DEPTH,
    NotedRows,
    Param,
    inferred_cypher,
    page_params,
    pair_filter,
    question,
    region_tree,
    uniq,
)
from iegraph.queries.lookup import resolve_consortium, resolve_region
from iegraph.schema.model import Label, Rel

_ORG = Label.ORGANIZATION.value
_IND, _LOC, _PART = Rel.IN_INDUSTRY.value, Rel.LOCATED_IN.value, Rel.PART_OF.value
_PROJ, _INDUSTRY, _REGION = Label.PROJECT.value, Label.INDUSTRY.value, Label.REGION.value


_A = {Label.COLLEGE: "a college", Label.ENTERPRISE: "an enterprise"}
_PLURAL = {Label.COLLEGE: ("college", "colleges"), Label.ENTERPRISE: ("enterprise", "enterprises")}

#: The gap kinds about organisations, by the kind of organisation missing a partner.
#: "without" = no contact of the other kind at all; "met only" = contacts of the other
#: kind only by co-presence (same event, or same consortium without leading it together).
#: The two are exclusive: together they are the organisations with no *working* partner
#: of the other kind.
GAP_WITHOUT = {
    Label.ENTERPRISE: "enterprise without college partner",
    Label.COLLEGE: "college without enterprise partner",
}
GAP_MET_ONLY = {
    Label.ENTERPRISE: "enterprise met colleges only at an event / as co-members",
    Label.COLLEGE: "college met enterprises only at an event / as co-members",
}
GAP_INDUSTRY = "industry without project"
#: How many rows of the national answer a load stores: pages inside them are read back.
STORED_ROWS = 1000
#: Name of the stored national rows (``iegraph.queries._figures``).
FIGURES = "gaps"


@dataclass(slots=True)
class GapRow:
    """One gap: what is missing, for which entity, within which scope."""

    gap: str
    name: str
    kind: str | None
    scope: str | None
    detail: str
    entity_id: str
    scope_id: str | None
    inferred: list[str] = field(default_factory=list)


@question(
    "gaps",
    "enterprises with no college partner, colleges with no enterprise partner (or that met them only at an "
    "event / as co-members), prioritised industries without a project",
    [
        Param("region", help="only organisations/industries of this region (or inside it)"),
        Param("consortium", help="only members/industries of this consortium"),
        *PAGING,
        Param(
            "refresh",
            bool,
            False,
            "national scope: recompute the stored first rows now and store them",
        ),
    ],
    ["gap", "name", "kind", "scope", "detail", "inferred", "entity_id", "scope_id"],
    example="iegraph query gaps --region 大连市",
)
def gaps(
    runner: Runner,
    region: str | None = None,
    consortium: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    refresh: bool = False,
) -> NotedRows:
    """Where is cooperation missing? / 哪里缺少合作（无院校伙伴的企业、无企业伙伴的院校、只在会上见过面的、无项目的重点产业）？

    A *partner* here is a working partner (joint project or programme, same agreement,
    consortium led together; see ``iegraph.queries._base``): meeting at an event or
    belonging to one consortium is not cooperation, and is reported as its own gap.

    Parameters (at most one): ``region`` — organisations located in the region or a
    region inside it, and the industries the region prioritises (Region-IN_INDUSTRY);
    ``consortium`` — its members and its industries. No scope: everything.
    Rows, in this order, by ``gap``:
    - ``college without enterprise partner`` — no working partner that is an
      enterprise, and no enterprise met by co-presence either;
    - ``college met enterprises only at an event / as co-members`` — no working
      partner that is an enterprise, but enterprises shared an event or a consortium
      with it: one row per such event or consortium, named in ``scope`` (``scope_id``
      its id);
    - ``enterprise without college partner`` and ``enterprise met colleges only at an
      event / as co-members`` — the same for enterprises;
    - ``industry without project`` — the scope (region or consortium; every one of
      them when none is given) lists the industry, and no project in the scope is
      in that industry or one below it (for a consortium: projects PART_OF it or with
      a member among the parties).
    Columns: gap, name, kind, scope, detail (what it does have), inferred (why the
    curator inferred a relationship the row rests on, e.g. a consortium membership),
    entity_id, scope_id. ``limit``/``offset``: one page (rows in the order above, then by
    name and id). Every part of the answer is cut in the database at ``offset + limit``
    rows, so a national answer is never shipped whole, and the parts after a full page
    are not asked for.

    National scope (no scope given): finding the organisations without a partner visits
    every college and enterprise of the graph, so a load of a large graph stores the
    first ``STORED_ROWS`` rows, dated (``iegraph.queries._figures``); a page within them
    is read from there (the note says so), ``refresh`` recomputes and stores them.
    """
    if region is not None and consortium is not None:
        raise InputError("give at most one of --region, --consortium")
    page = page_params(limit, offset)
    if region is None and consortium is None:
        first: list[GapRow] | None = None
        if refresh:
            as_of, first = store_national(runner)
            note = f"stored national result of {as_of}, computed now"
        else:
            kept = _figures.stored(runner, FIGURES)
            if kept is not None and isinstance(kept.value, list):
                first = [GapRow(**r) for r in kept.value]
                note = _figures.stored_note(kept.as_of, "iegraph query gaps")
        # The stored rows serve a page inside them, or any page when they are the whole
        # answer (fewer than were asked for).
        if first is not None and (
            len(first) < STORED_ROWS or (limit is not None and page["skip"] + page["limit"] <= len(first))
        ):
            return NotedRows(first[page["skip"] : page["skip"] + page["limit"]], note)
    return NotedRows(_gaps(runner, region, consortium, page))


def store_national(runner: Runner) -> tuple[str, list[GapRow]]:
    """Compute the first ``STORED_ROWS`` rows of the national answer and store them
    dated; return the date and the rows."""
    as_of = _figures.now()
    rows = _gaps(runner, None, None, page_params(STORED_ROWS, 0))
    _figures.store(runner, FIGURES, [asdict(r) for r in rows], as_of)
    return as_of, rows


def _gaps(runner: Runner, region: str | None, consortium: str | None, page: dict[str, int]) -> list[GapRow]:
    """The rows of ``gaps`` (of the scope, or national) on ``page``, computed."""
    # Each part of the answer (the groups below, in their order) needs at most its first
    # skip + limit rows for the page: that many is what each query returns.
    upto = page["limit"] if page["limit"] == NO_LIMIT else page["skip"] + page["limit"]
    params: dict[str, Any] = {"carriers": CARRIER_LABEL_NAMES, "upto": upto}
    scope_name: str | None = None
    scope_id: str | None = None
    if region is not None:
        r = resolve_region(runner, region)
        scope_name, scope_id = r.name, r.id
        params["regions"] = region_tree(runner, r.id)
        # Start from the region's organisations (index seek, LOCATED_IN), not from all of them.
        scope_match = f"UNWIND $regions AS rid MATCH (:{_REGION} {{id: rid}})<-[:{_LOC}]-(o:"
    elif consortium is not None:
        c = resolve_consortium(runner, consortium)
        scope_name, scope_id = c.name, c.id
        params["cid"] = c.id
        scope_match = f"MATCH (:{Label.CONSORTIUM.value} {{id: $cid}})<-[:{Rel.MEMBER_OF.value}]-(o:"
    else:
        scope_match = "MATCH (o:"
    rows: list[GapRow] = []
    # Colleges first: a college without an enterprise partner is the gap most asked about.
    for kind, other in ((Label.COLLEGE, Label.ENTERPRISE), (Label.ENTERPRISE, Label.COLLEGE)):
        # Organisations with no working partner of the other kind, and where (if anywhere)
        # they met the other kind without working together.
        recs = runner.read(
            f"{scope_match}{kind.value}) WITH DISTINCT o "
            f"WHERE NOT EXISTS {{ (o)-[r1:{PARTNER_TYPES}]->()<-[r2:{PARTNER_TYPES}]-(:{other.value}) "
            f"WHERE {pair_filter('r1', 'r2', with_co_presence=False)} }} "
            f"OPTIONAL MATCH (o)-[r1:{PARTNER_TYPES}]->(v)<-[r2:{PARTNER_TYPES}]-(x:{other.value}) "
            f"WITH o, v, count(DISTINCT x) AS n, collect({inferred_cypher('r1', 'r2')}) AS why "
            "ORDER BY v.name "
            "WITH o, collect(CASE WHEN v IS NULL THEN NULL ELSE {id: v.id, name: v.name, n: n, why: why, "
            "label: [l IN labels(v) WHERE l IN $carriers][0]} END) AS met "
            # One row per gap: "without" (no meeting: m is null) first, then one per meeting.
            "UNWIND CASE size(met) WHEN 0 THEN [null] ELSE met END AS m "
            f"RETURN o.id AS id, o.name AS name, o.kind AS kind, m, "
            f"COUNT {{ (o)-[:{PARTNER_TYPES}]->() }} AS activities "
            "ORDER BY m IS NOT NULL, name, id, m.name, m.id LIMIT $upto",
            params,
        )
        without = [r for r in recs if r["m"] is None]
        rows.extend(
            GapRow(
                GAP_WITHOUT[kind],
                r["name"],
                r["kind"],
                scope_name,
                f"{r['activities']} shared {'activity' if r['activities'] == 1 else 'activities'}, none with {_A[other]}",
                r["id"],
                scope_id,
            )
            for r in without
        )
        rows.extend(_met_only_row(kind, other, r, r["m"]) for r in recs if r["m"] is not None)
        if len(rows) >= upto:
            # The page is full: the later parts of the answer come after it.
            return rows[page["skip"] : page["skip"] + page["limit"]]
    rows.extend(_industry_gaps(runner, region is not None, consortium is not None, scope_id, upto))
    return rows[page["skip"] : page["skip"] + page["limit"]]


def _met_only_row(kind: Label, other: Label, org: dict[str, Any], met: dict[str, Any]) -> GapRow:
    """One "met only at an event / as co-members" row: the organisation ``org`` and one
    event or consortium ``met`` where it met ``met["n"]`` organisations of kind ``other``."""
    one, many = _PLURAL[other]
    where = CARRIER_KIND.get(met["label"] or "", "activity")
    how = "at this event" if where == "event" else f"as co-members of this {where}"
    return GapRow(
        GAP_MET_ONLY[kind],
        org["name"],
        org["kind"],
        met["name"],
        f"met {met['n']} {one if met['n'] == 1 else many} {how}; works with no {one}",
        org["id"],
        met["id"],
        uniq(reason for reasons in met["why"] for reason in reasons),
    )


def _industry_row(r: dict[str, Any], missing: str) -> GapRow:
    """One prioritised industry (of the region or consortium ``r["sname"]``) without a project."""
    return GapRow(
        GAP_INDUSTRY,
        r["name"],
        _INDUSTRY,
        r["sname"],
        f"prioritised by {r['sname']}; {missing}",
        r["id"],
        r["sid"],
    )


def _industry_gaps(
    runner: Runner, by_region: bool, by_consortium: bool, scope_id: str | None, upto: int
) -> list[GapRow]:
    ind_below = f"(p)-[:{_IND}]->(:{_INDUSTRY})-[:{_PART}*0..3]->(i)"
    out: list[GapRow] = []
    if not by_consortium:
        recs = runner.read(
            f"MATCH (s:{_REGION})-[:{_IND}]->(i:{_INDUSTRY}) WHERE $sid IS NULL OR s.id = $sid "
            f"WITH s, i WHERE NOT EXISTS {{ MATCH (p:{_PROJ})-[:{_LOC}]->(:{_REGION})-[:{_PART}*0..{REGION_DEPTH}]->(s) "
            f"WHERE EXISTS {{ {ind_below} }} }} "
            "RETURN i.id AS id, i.name AS name, s.id AS sid, s.name AS sname ORDER BY sname, name, sid, id "
            "LIMIT $upto",
            {"sid": scope_id if by_region else None, "upto": upto},
        )
        out.extend(_industry_row(r, "no project in it") for r in recs)
    if not by_region:
        cons = Label.CONSORTIUM.value
        recs = runner.read(
            f"MATCH (s:{cons})-[:{_IND}]->(i:{_INDUSTRY}) WHERE $sid IS NULL OR s.id = $sid "
            "WITH s, i WHERE NOT EXISTS { "
            f"MATCH (p:{_PROJ}) WHERE ((p)-[:{_PART}]->(s) OR EXISTS {{ (p)<-[:{Rel.PARTICIPATES_IN.value}]-(:{_ORG})-[:{Rel.MEMBER_OF.value}]->(s) }}) "
            f"AND EXISTS {{ {ind_below} }} }} "
            "RETURN i.id AS id, i.name AS name, s.id AS sid, s.name AS sname ORDER BY sname, name, sid, id "
            "LIMIT $upto",
            {"sid": scope_id if by_consortium else None, "upto": upto},
        )
        out.extend(_industry_row(r, "no project of it or its members in it") for r in recs)
    return out
