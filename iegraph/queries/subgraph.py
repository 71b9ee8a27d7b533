"""The Cypher behind the network views: which nodes a view shows, then their details.

Each view first collects the element ids of the nodes it shows (``*_keys``
functions), then ``fetch`` returns one row per node (labels, id, name, aliases,
kind, region, sources) and one row per relationship between those nodes, plus
the titles and dates of the sources named on relationships. Labels and
relationship types come only from ``iegraph.schema.model``; every value travels
as a parameter.

Views follow working ties only unless asked ``with_co_presence`` (the partnership
basis of ``iegraph.queries._base``): an organisation that only belongs to a
consortium it does not lead, or attended an event, is not drawn as a partner
through it. ``fetch`` marks each tie with its basis so the page can draw
co-presence differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from iegraph.db import Row, Runner
from iegraph.errors import NotFoundError
from iegraph.queries import _figures
from iegraph.queries._base import CARRIER_LABELS, PARTNER_RELS, tie_basis, working_tie
from iegraph.schema.model import KEYED_LABELS, Label, Rel

#: Shared activities that make organisations partners (the "carriers"), as the questions see them.
CARRIERS: tuple[Label, ...] = CARRIER_LABELS
#: How an organisation takes part in a carrier (APPROVED: a government designating it).
TIES: tuple[Rel, ...] = (*PARTNER_RELS, Rel.APPROVED)
#: What the overview draws: everything but sources, regions and industries (those show in tooltips).
OVERVIEW_LABELS: tuple[Label, ...] = tuple(
    lbl for lbl in KEYED_LABELS if lbl not in (Label.SOURCE, Label.REGION, Label.INDUSTRY)
)

_CARRIERS = "|".join(lbl.value for lbl in CARRIERS)
_TIES = "|".join(rel.value for rel in TIES)
_ORG = Label.ORGANIZATION.value
_PARTNER_TYPE_NAMES = frozenset(rel.value for rel in PARTNER_RELS)


def tie_ok(r: str, with_co_presence: bool) -> str:
    """Cypher: the ties (relationship variable ``r``, one of TIES) a view follows —
    working ties and approvals, or every tie when ``with_co_presence``."""
    if with_co_presence:
        return "true"
    return f"({working_tie(r)} OR type({r}) = '{Rel.APPROVED.value}')"


def edge_basis(rel_type: str, role: str | None) -> str | None:
    """The basis of a drawn relationship that is a partnership tie, else None."""
    return tie_basis(rel_type, role) if rel_type in _PARTNER_TYPE_NAMES else None


def key_of(runner: Runner, label: Label, node_id: str) -> str:
    """Element id of the ``label`` node with graph id ``node_id``."""
    rows = runner.read(
        f"MATCH (n:{label.value} {{id: $id}}) RETURN elementId(n) AS key LIMIT 1", {"id": node_id}
    )
    if not rows:
        raise NotFoundError(f"no {label.value} with id {node_id!r}")
    return str(rows[0]["key"])


def keys_for_ids(runner: Runner, ids: Iterable[str]) -> list[str]:
    """Element ids of the fact nodes (any label but Source) whose ``id`` is in ``ids``."""
    wanted = sorted({str(i) for i in ids if i is not None})
    if not wanted:
        return []
    rows = runner.read(
        "UNWIND $ids AS id CALL (id) { "
        + " UNION ".join(f"MATCH (n:{lbl.value} {{id: id}}) RETURN n" for lbl in _FACT_LABELS)
        + " } RETURN collect(DISTINCT elementId(n)) AS keys",
        {"ids": wanted},
    )
    return list(rows[0]["keys"]) if rows else []


#: Every keyed label but Source (the nodes an answer row can name).
_FACT_LABELS: tuple[Label, ...] = tuple(lbl for lbl in KEYED_LABELS if lbl is not Label.SOURCE)


def partners_step(
    runner: Runner, org_keys: Sequence[str], with_co_presence: bool = False
) -> tuple[list[str], list[str]]:
    """One hop out from organisations: the carriers they take part in and the other
    organisations in those carriers (plus parent/child organisations via PART_OF);
    working ties only unless ``with_co_presence``."""
    rows = runner.read(
        f"UNWIND $keys AS k MATCH (o:{_ORG}) WHERE elementId(o) = k "
        f"OPTIONAL MATCH (o)-[t1:{_TIES}]->(c:{_CARRIERS}) WHERE {tie_ok('t1', with_co_presence)} "
        f"OPTIONAL MATCH (c)<-[t2:{_TIES}]-(p:{_ORG}) WHERE {tie_ok('t2', with_co_presence)} "
        "RETURN collect(DISTINCT elementId(c)) AS carriers, collect(DISTINCT elementId(p)) AS partners",
        {"keys": list(org_keys)},
    )
    related = runner.read(
        f"UNWIND $keys AS k MATCH (o:{_ORG})-[:{Rel.PART_OF.value}]-(q:{_ORG}) WHERE elementId(o) = k "
        "RETURN collect(DISTINCT elementId(q)) AS keys",
        {"keys": list(org_keys)},
    )
    carriers = list(rows[0]["carriers"]) if rows else []
    partners = (list(rows[0]["partners"]) if rows else []) + (list(related[0]["keys"]) if related else [])
    return carriers, list(dict.fromkeys(partners))


def consortium_keys(runner: Runner, key: str, with_co_presence: bool = False) -> list[str]:
    """A consortium, its leads (with ``with_co_presence`` all its members) and approvers,
    their projects, and the projects, agreements and events that are part of it with
    their parties (working ties only unless ``with_co_presence``)."""
    rows = runner.read(
        f"MATCH (c:{Label.CONSORTIUM.value}) WHERE elementId(c) = $key "
        f"OPTIONAL MATCH (m:{_ORG})-[t:{Rel.MEMBER_OF.value}|{Rel.APPROVED.value}]->(c) "
        f"WHERE {tie_ok('t', with_co_presence)} "
        f"OPTIONAL MATCH (m)-[:{Rel.PARTICIPATES_IN.value}]->(p:{Label.PROJECT.value}) "
        "WITH c, collect(DISTINCT m) AS members, collect(DISTINCT p) AS projects "
        f"OPTIONAL MATCH (x:{Label.PROJECT.value}|{Label.AGREEMENT.value}|{Label.EVENT.value}|"
        f"{Label.PROGRAM.value})-[:{Rel.PART_OF.value}]->(c) "
        f"OPTIONAL MATCH (x)<-[t2:{_TIES}]-(q:{_ORG}) WHERE {tie_ok('t2', with_co_presence)} "
        "WITH c, members, projects, collect(DISTINCT x) AS parts, collect(DISTINCT q) AS parties "
        "RETURN [n IN [c] + members + projects + parts + parties | elementId(n)] AS keys",
        {"key": key},
    )
    return list(dict.fromkeys(rows[0]["keys"])) if rows else []


def region_keys(runner: Runner, key: str, depth: int = 5, with_co_presence: bool = False) -> list[str]:
    """Organisations and consortia located in a region or its sub-regions, the carriers
    their organisations take part in, and the other parties of those carriers (working
    ties only unless ``with_co_presence``)."""
    rows = runner.read(
        f"MATCH (r:{Label.REGION.value}) WHERE elementId(r) = $key "
        f"MATCH (sub:{Label.REGION.value})-[:{Rel.PART_OF.value}*0..{int(depth)}]->(r) "
        f"MATCH (n:{_ORG}|{Label.CONSORTIUM.value})-[:{Rel.LOCATED_IN.value}]->(sub) "
        "RETURN collect(DISTINCT elementId(n)) AS keys",
        {"key": key},
    )
    local = list(rows[0]["keys"]) if rows else []
    carriers, partners = partners_step(runner, local, with_co_presence)
    return list(dict.fromkeys([*local, *carriers, *partners]))


def project_keys(runner: Runner, project_type: str | None, industry_key: str | None) -> list[str]:
    """Projects (optionally of one type and/or in one industry or its sub-industries)
    and the organisations that take part in or approved them."""
    rows = runner.read(
        f"MATCH (p:{Label.PROJECT.value}) WHERE ($type IS NULL OR p.type = $type) "
        "AND ($industry IS NULL OR EXISTS { "
        f"MATCH (p)-[:{Rel.IN_INDUSTRY.value}]->(:{Label.INDUSTRY.value})"
        f"-[:{Rel.PART_OF.value}*0..3]->(i:{Label.INDUSTRY.value}) WHERE elementId(i) = $industry }}) "
        f"OPTIONAL MATCH (p)<-[:{Rel.PARTICIPATES_IN.value}|{Rel.APPROVED.value}]-(o:{_ORG}) "
        "WITH collect(DISTINCT p) AS projects, collect(DISTINCT o) AS orgs "
        "RETURN [n IN projects + orgs | elementId(n)] AS keys",
        {"type": project_type, "industry": industry_key},
    )
    return list(rows[0]["keys"]) if rows else []


def overview_keys(runner: Runner) -> list[str]:
    """Every organisation, carrier, policy and person (not sources, regions, industries)."""
    labels = "|".join(lbl.value for lbl in OVERVIEW_LABELS)
    rows = runner.read(f"MATCH (n:{labels}) RETURN collect(elementId(n)) AS keys")
    return list(rows[0]["keys"]) if rows else []


def connecting_carriers(runner: Runner, org_keys: Sequence[str], with_co_presence: bool = False) -> list[str]:
    """Carriers shared by at least two of the given organisations (through working ties
    only unless ``with_co_presence``)."""
    if len(org_keys) < 2:
        return []
    rows = runner.read(
        f"UNWIND $keys AS k MATCH (a:{_ORG}) WHERE elementId(a) = k "
        f"MATCH (a)-[t1:{_TIES}]->(c:{_CARRIERS})<-[t2:{_TIES}]-(b:{_ORG}) "
        f"WHERE a <> b AND elementId(b) IN $keys "
        f"AND {tie_ok('t1', with_co_presence)} AND {tie_ok('t2', with_co_presence)} "
        "RETURN collect(DISTINCT elementId(c)) AS keys",
        {"keys": list(org_keys)},
    )
    return list(rows[0]["keys"]) if rows else []


def org_keys_among(runner: Runner, keys: Sequence[str]) -> list[str]:
    """Which of the given element ids are organisations."""
    rows = runner.read(
        f"UNWIND $keys AS k MATCH (n:{_ORG}) WHERE elementId(n) = k RETURN collect(elementId(n)) AS keys",
        {"keys": list(keys)},
    )
    return list(rows[0]["keys"]) if rows else []


def fetch(runner: Runner, keys: Sequence[str]) -> tuple[list[Row], list[Row], dict[str, Row]]:
    """Node rows, relationship rows (between the given nodes, sources excluded; each with
    the ``basis`` of a partnership tie, else None) and the Source nodes named by those
    relationships, by id."""
    key_list = list(dict.fromkeys(keys))
    # One result row holding a list: the driver decodes one big list much faster than
    # thousands of records (20k-node overview: ~0.6 s instead of ~3 s for the edges).
    rows = runner.read(
        "UNWIND $keys AS k MATCH (n) WHERE elementId(n) = k "
        "RETURN collect({key: k, labels: labels(n), id: n.id, name: n.name, aliases: coalesce(n.aliases, []), "
        "kind: n.kind, type: n.type, level: n.level, date: n.date, "
        f"region: COLLECT {{ MATCH (n)-[:{Rel.LOCATED_IN.value}]->(r:{Label.REGION.value}) "
        "RETURN r.name ORDER BY r.name LIMIT 1 }[0], "
        f"sources: COLLECT {{ MATCH (n)-[:{Rel.REPORTED_IN.value}]->(s:{Label.SOURCE.value}) "
        "RETURN {title: s.title, date: s.date, id: s.id} }}) AS nodes",
        {"keys": key_list},
    )
    node_rows: list[Row] = [dict(n) for n in rows[0]["nodes"]] if rows else []
    # Outgoing relationships of every node, kept when the far end is shown too. The set test
    # is done here: `elementId(b) IN $keys` in Cypher grew quadratically with the view.
    shown = set(key_list)
    rows = runner.read(
        "UNWIND $keys AS k MATCH (a) WHERE elementId(a) = k "
        "MATCH (a)-[r]->(b) WHERE type(r) <> $reported "
        "RETURN collect([k, elementId(b), type(r), r.role, r.sources]) AS edges",
        {"keys": key_list, "reported": Rel.REPORTED_IN.value},
    )
    edge_rows: list[Row] = [
        {"a": a, "b": b, "type": t, "role": role, "sources": srcs, "basis": edge_basis(t, role)}
        for a, b, t, role, srcs in (rows[0]["edges"] if rows else [])
        if b in shown
    ]
    source_ids = sorted({s for row in edge_rows for s in row.get("sources") or ()})
    sources: dict[str, Row] = {}
    if source_ids:
        for row in runner.read(
            f"MATCH (s:{Label.SOURCE.value}) WHERE s.id IN $ids "
            "RETURN s.id AS id, s.title AS title, s.date AS date",
            {"ids": source_ids},
        ):
            sources[str(row["id"])] = row
    return node_rows, edge_rows, sources


def detail_of(row: Row) -> str | None:
    """A short descriptive line for a node: project type, college level, date."""
    parts: list[Any] = [row.get("type"), row.get("level"), row.get("date")]
    text = " · ".join(str(p) for p in parts if p not in (None, ""))
    return text or None


# --- Summaries computed in the database (issue 15): views of graphs too big to fetch whole. ---


def _place(n: str) -> str:
    """Cypher: the name a summary groups node ``n`` by — its region, else its industry (first by name)."""
    return (
        f"coalesce(COLLECT {{ MATCH ({n})-[:{Rel.LOCATED_IN.value}]->(r:{Label.REGION.value}) "
        "RETURN r.name ORDER BY r.name LIMIT 1 }[0], "
        f"COLLECT {{ MATCH ({n})-[:{Rel.IN_INDUSTRY.value}]->(i:{Label.INDUSTRY.value}) "
        "RETURN i.name ORDER BY i.name LIMIT 1 }[0])"
    )


def overview_count(runner: Runner) -> int:
    """How many nodes the overview would draw, from the counts the database keeps (no scan)."""
    parts = " UNION ALL ".join(f"MATCH (n:{lbl.value}) RETURN count(n) AS c" for lbl in OVERVIEW_LABELS)
    rows = runner.read(f"CALL () {{ {parts} }} RETURN sum(c) AS n")
    return int(rows[0]["n"]) if rows else 0


def overview_groups(runner: Runner, groups: int) -> tuple[list[Row], int]:
    """The overview's nodes counted per (labels, region or industry), largest first: at most
    ``groups`` rows, plus the number of groups left out (their nodes are returned per
    label set with place None, so every node is still counted)."""
    labels = "|".join(lbl.value for lbl in OVERVIEW_LABELS)
    # Grouping keys are few (kinds x regions/industries), so the aggregation stays small
    # however many nodes it counts.
    rows = runner.read(
        f"MATCH (n:{labels}) WITH labels(n) AS labels, {_place('n')} AS place, count(*) AS size "
        "ORDER BY size DESC, place "
        "WITH collect({labels: labels, place: place, size: size}) AS all "
        "RETURN all[0..$groups] AS shown, all[$groups..] AS rest",
        {"groups": int(groups)},
    )
    if not rows:
        return [], 0
    shown: list[Row] = [dict(g) for g in rows[0]["shown"]]
    rest = list(rows[0]["rest"])
    # The groups past the cap, merged per label set: few rows (one per kind).
    merged: dict[tuple[str, ...], int] = {}
    for g in rest:
        key = tuple(sorted(g["labels"]))
        merged[key] = merged.get(key, 0) + int(g["size"])
    shown.extend({"labels": list(k), "place": None, "size": v} for k, v in merged.items())
    return shown, len(rest)


def overview_ties(runner: Runner, with_co_presence: bool, ties: int) -> list[Row]:
    """The strongest links between summary groups: the relationships between overview nodes
    (co-presence ties only with ``with_co_presence``) counted per (start labels and place,
    end labels and place, type, role), the ``ties`` largest counts only."""
    labels = "|".join(lbl.value for lbl in OVERVIEW_LABELS)
    co_presence = "" if with_co_presence else f"AND (NOT type(t) IN $partner OR {working_tie('t')}) "
    # Each node's place is looked up once per node (WITH before the expansion), each
    # relationship's far end once per relationship; the aggregation keeps one row per
    # group pair and type, however big the graph.
    rows = runner.read(
        f"MATCH (a:{labels}) WITH a, labels(a) AS al, {_place('a')} AS ap "
        f"MATCH (a)-[t]->(b:{labels}) WHERE type(t) <> $reported {co_presence}"
        f"WITH al, ap, labels(b) AS bl, {_place('b')} AS bp, type(t) AS type, t.role AS role, "
        # ties of equal count by their groups: the same ones at the cap every time, live or stored
        "count(*) AS n ORDER BY n DESC, al, ap, bl, bp, type, role LIMIT $ties "
        "RETURN collect({a_labels: al, a_place: ap, b_labels: bl, b_place: bp, type: type, role: role, "
        "n: n}) AS ties",
        {
            "ties": int(ties),
            "reported": Rel.REPORTED_IN.value,
            "partner": sorted(_PARTNER_TYPE_NAMES),
        },
    )
    return [dict(r) for r in rows[0]["ties"]] if rows else []


def overview_ties_both(runner: Runner, ties: int) -> tuple[list[Row], list[Row]]:
    """``overview_ties`` without and with co-presence — (working, every) — from one scan.

    Whether a relationship is a co-presence tie depends on its type and role only, which
    are part of the grouping: each group is either counted in both lists or only in the
    second, and the counts are the same. One pass over every relationship instead of two
    (at a million organisations the two scans were most of the stored overview's time)."""
    labels = "|".join(lbl.value for lbl in OVERVIEW_LABELS)
    fields = ".a_labels, .a_place, .b_labels, .b_place, .type, .role, .n"
    order = "n DESC, al, ap, bl, bp, type, role"
    rows = runner.read(
        f"MATCH (a:{labels}) WITH a, labels(a) AS al, {_place('a')} AS ap "
        f"MATCH (a)-[t]->(b:{labels}) WHERE type(t) <> $reported "
        f"WITH al, ap, labels(b) AS bl, {_place('b')} AS bp, type(t) AS type, t.role AS role, "
        f"(NOT type(t) IN $partner OR {working_tie('t')}) AS working, count(*) AS n "
        f"ORDER BY {order} "  # as overview_ties orders them
        "WITH collect({a_labels: al, a_place: ap, b_labels: bl, b_place: bp, type: type, role: role, "
        "n: n, working: working}) AS every "
        f"RETURN [g IN every WHERE g.working | g{{{fields}}}][0..$ties] AS working, "
        f"[g IN every[0..$ties] | g{{{fields}}}] AS every",
        {
            "ties": int(ties),
            "reported": Rel.REPORTED_IN.value,
            "partner": sorted(_PARTNER_TYPE_NAMES),
        },
    )
    if not rows:
        return [], []
    return [dict(r) for r in rows[0]["working"]], [dict(r) for r in rows[0]["every"]]


#: Under this name a load stores the overview summary (``store_overview``).
OVERVIEW_FIGURES = "overview"
#: Above the views' node cap the overview is counted in the database: at most this many
#: groups (the smaller ones merged per kind) and this many of the strongest links between them.
SUMMARY_GROUPS = 2_000
SUMMARY_TIES = 3_000


def overview_summary_rows(runner: Runner, groups: int, ties: int) -> dict[str, object]:
    """What the summarised overview draws, computed now: the groups, how many were merged,
    the strongest ties without and with co-presence, and the node count they describe."""
    group_rows, merged = overview_groups(runner, groups)
    working, every = overview_ties_both(runner, ties)
    return {
        "total": overview_count(runner),
        "groups": int(groups),
        "ties": int(ties),
        "group_rows": group_rows,
        "merged": merged,
        "ties_working": working,
        "ties_all": every,
    }


def store_overview(runner: Runner, groups: int = SUMMARY_GROUPS, ties: int = SUMMARY_TIES) -> str:
    """Compute the overview summary and store it, dated (at a million organisations these
    scans of every node and relationship take minutes: a load does them once, the view
    reads them back). Returns the date."""
    return _figures.store(runner, OVERVIEW_FIGURES, overview_summary_rows(runner, groups, ties))


def stored_overview(runner: Runner, groups: int, ties: int, total: int) -> tuple[str, dict[str, Any]] | None:
    """The stored overview summary and its date, when one is stored for these ``groups`` and
    ``ties`` and still describes the graph: its node count equals ``total``, today's
    (``overview_count``), else None."""
    found = _figures.stored(runner, OVERVIEW_FIGURES)
    if found is None or not isinstance(found.value, dict):
        return None
    value: dict[str, Any] = found.value
    if (value.get("groups"), value.get("ties")) != (int(groups), int(ties)):
        return None
    if value.get("total") != total:
        return None
    return found.as_of, value


def region_orgs(runner: Runner, key: str, top: int, depth: int = 5) -> tuple[list[str], list[Row], int]:
    """A region's (and its sub-regions') organisations: the ``top`` with the most working ties
    (element ids), the others counted per (labels, region), and how many there are in all."""
    rows = runner.read(
        f"MATCH (r:{Label.REGION.value}) WHERE elementId(r) = $key "
        f"MATCH (sub:{Label.REGION.value})-[:{Rel.PART_OF.value}*0..{int(depth)}]->(r) "
        f"MATCH (o:{_ORG})-[:{Rel.LOCATED_IN.value}]->(sub) "
        # The region an organisation is counted in comes with the match (first by name, as
        # elsewhere): a lookup per organisation cost ~1 s for the 32k of a province at 1M.
        "WITH o, min(sub.name) AS place "
        f"WITH o, place, COUNT {{ MATCH (o)-[t:{_TIES}]->(:{_CARRIERS}) WHERE {working_tie('t')} }} AS ties "
        "ORDER BY ties DESC, o.id "
        "WITH collect([o, place]) AS orgs "
        "WITH orgs[0..$top] AS shown, orgs[$top..] AS rest, size(orgs) AS total "
        "CALL (rest) { UNWIND rest AS op "
        "  WITH labels(op[0]) AS labels, op[1] AS place, count(*) AS size "
        "  RETURN collect({labels: labels, place: place, size: size}) AS groups } "
        "RETURN [op IN shown | elementId(op[0])] AS shown, groups, total",
        {"key": key, "top": int(top)},
    )
    if not rows:
        return [], [], 0
    return list(rows[0]["shown"]), [dict(g) for g in rows[0]["groups"]], int(rows[0]["total"])
