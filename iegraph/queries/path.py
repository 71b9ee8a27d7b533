"""Shortest connection chains between two organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.queries._base import (
    BASIS_CO_PRESENCE,
    BASIS_WORKING,
    CARRIER_KIND,
    CARRIER_LABEL_NAMES,
    PARTNER_TYPES,
    NotedRows,
    Param,
    check_positive,
    question,
    tie_basis,
    uniq,
    working_tie,
)
from iegraph.queries.lookup import resolve_org
from iegraph.schema.model import Label

MAX_HOPS_LIMIT = 8
MAX_PATHS_LIMIT = 10
#: Carriers with more parties than this (a consortium of hundreds, a fair) are hubs: a
#: chain through one says little, and expanding them is what made path slow at scale.
HUB_DEGREE = 200
#: The carriers that can be hubs (projects and agreements have a handful of parties).
HUB_LABELS: tuple[Label, ...] = (Label.CONSORTIUM, Label.EVENT)


def path_query(max_hops: int, paths: int, working_only: bool = False) -> str:
    """The Cypher of ``path``: Neo4j 5 ``SHORTEST k`` over a quantified path pattern.

    One hop is ``(org)-[:PARTNER]->(activity)<-[:PARTNER]-(org)`` whose activity is
    not in ``$hubs`` (ids); with ``working_only`` both ties of every hop are working
    ties (``iegraph.queries._base.working_tie``). The upper bound keeps the search
    finite. With both ends bound ``SHORTEST`` is planned as a StatefulShortestPath
    (a bounded breadth-first search that applies the pattern's label, type and inline
    predicates while expanding), so the exhaustive fallback of ``shortestPath()`` is
    never planned. Bounds must be literals in Cypher; both are validated ints.
    """
    hops = int(max_hops)
    k = int(paths)
    org = Label.ORGANIZATION.value
    hop_ok = "NOT v.id IN $hubs" + (
        f" AND {working_tie('r1')} AND {working_tie('r2')}" if working_only else ""
    )
    return (
        f"MATCH (a:{org} {{id: $from_id}}), (b:{org} {{id: $to_id}}) "
        f"MATCH p = SHORTEST {k} (a)((x:{org})-[r1:{PARTNER_TYPES}]->(v)<-[r2:{PARTNER_TYPES}]-(y:{org}) "
        f"WHERE {hop_ok}){{1,{hops}}}(b) "
        "RETURN [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind, "
        "label: [l IN labels(n) WHERE l IN $carriers][0], date: coalesce(n.date, n.founded)}] AS nodes, "
        "[r IN relationships(p) | coalesce(r.sources, [])] AS rel_sources, "
        "[r IN relationships(p) | [type(r), r.role]] AS ties"
    )


def hub_ids(runner: Runner, degree: int) -> list[str]:
    """Ids of the consortia and events with more than ``degree`` parties."""
    rows = runner.read(
        f"MATCH (v:{'|'.join(lbl.value for lbl in HUB_LABELS)}) "
        f"WHERE COUNT {{ (v)<-[:{PARTNER_TYPES}]-() }} > $degree RETURN v.id AS id",
        {"degree": degree},
    )
    return [str(r["id"]) for r in rows]


@dataclass(slots=True)
class PathStep:
    """One step of a chain: from an organisation, through a shared activity, to the next."""

    path: int
    hops: int
    step: int
    from_org: str
    through: str
    to_org: str
    sources: list[str]
    from_id: str
    via_id: str
    to_id: str


@question(
    "path",
    "shortest connection chains between two organisations, with the sources of each step",
    [
        Param("from_org", help="first organisation", required=True, flag="--from"),
        Param("to_org", help="second organisation", required=True, flag="--to"),
        Param(
            "max_hops", int, 4, f"longest chain, in organisation-to-organisation steps (≤{MAX_HOPS_LIMIT})"
        ),
        Param("paths", int, 3, f"how many shortest chains (≤{MAX_PATHS_LIMIT})"),
        Param("through_hubs", bool, False, "also step through hubs (consortia and events with many parties)"),
        Param("hub_degree", int, HUB_DEGREE, "a consortium or event with more parties than this is a hub"),
    ],
    ["path", "hops", "step", "from_org", "through", "to_org", "sources", "from_id", "via_id", "to_id"],
    example="iegraph query path --from 一汽解放大连柴油机有限公司 --to 大连理工大学 --max-hops 3",
    empty=f"no chain within --max-hops steps (the default is 4, at most {MAX_HOPS_LIMIT}): try a larger --max-hops",
    source_columns=(),  # the source of each step is part of the answer
)
def path(
    runner: Runner,
    from_org: str,
    to_org: str,
    max_hops: int = 4,
    paths: int = 3,
    through_hubs: bool = False,
    hub_degree: int = HUB_DEGREE,
) -> NotedRows:
    """How are A and B connected? / A 与 B 之间通过哪些合作链条相连？

    The shortest chains (up to ``paths`` of them, shortest first) where each step is
    two organisations sharing a project, programme, agreement, consortium or event.
    Chains longer than ``max_hops`` steps are not searched.

    Working partnerships first (the basis rule of ``iegraph.queries._base``): among
    the shortest chains, those of working ties only come first, before chains through
    co-presence (a shared event or plain consortium membership). Hubs — consortia and events
    with more than ``hub_degree`` parties — are not stepped through unless
    ``through_hubs``; the answer's note says how many were skipped.

    Parameters: ``from_org`` (--from), ``to_org`` (--to), ``max_hops`` (default 4),
    ``paths`` (default 3), ``through_hubs`` (default False), ``hub_degree`` (default
    200). Columns: path (chain number), hops, step, from_org,
    through (``kind: name`` of the shared activity), to_org, sources (Source ids
    reporting either party's part in that activity), from_id, via_id, to_id.
    No rows: no chain within ``max_hops``.
    """
    hops = check_positive("max_hops", max_hops, MAX_HOPS_LIMIT) or 4
    k = check_positive("paths", paths, MAX_PATHS_LIMIT) or 3
    a = resolve_org(runner, from_org)
    b = resolve_org(runner, to_org)
    if a.id == b.id:
        raise InputError(f"--from and --to name the same organisation ({a.name})")
    degree = check_positive("hub_degree", hub_degree) or HUB_DEGREE
    hubs = [] if through_hubs else hub_ids(runner, degree)
    params = {"from_id": a.id, "to_id": b.id, "carriers": CARRIER_LABEL_NAMES, "hubs": hubs}
    # Any ties first: the search stops at the first k chains, and no chain at all means
    # no working chain either. Then working chains as short as the shortest found: a
    # search bounded by that length (measured: an unbounded working search, or one for
    # co-presence chains shorter than the working ones, explores whole neighbourhoods).
    found = runner.read(path_query(hops, k), params)
    shortest = min((_hops(r) for r in found), default=0)
    # Only when a shortest chain found goes through co-presence can a working chain of
    # that length have been passed over.
    passed_over = any(_hops(r) == shortest and not _working(r) for r in found)
    working = runner.read(path_query(shortest, k, working_only=True), params) if passed_over else []
    chains: dict[tuple[str, ...], tuple[dict[str, Any], str]] = {}
    for rec, basis in [(r, BASIS_WORKING) for r in working] + [
        (r, BASIS_WORKING if _working(r) else BASIS_CO_PRESENCE) for r in found
    ]:
        chains.setdefault(tuple(n["id"] for n in rec["nodes"]), (rec, basis))
    chosen = sorted(chains.values(), key=lambda rb: (_hops(rb[0]), rb[1] != BASIS_WORKING))[:k]
    steps: list[PathStep] = []
    for number, (rec, _) in enumerate(chosen, start=1):
        steps.extend(_steps(number, rec))
    note = None
    if hubs:
        note = (
            f"{len(hubs)} hub{'s' if len(hubs) > 1 else ''} (consortia and events with more than {degree} "
            "parties) not stepped through: --through-hubs steps through them"
        )
    return NotedRows(steps, note)


def _working(rec: dict[str, Any]) -> bool:
    """Whether every tie of a chain is a working tie (the basis rule of ``_base``)."""
    return all(tie_basis(t, role) == BASIS_WORKING for t, role in rec["ties"])


def _hops(rec: dict[str, Any]) -> int:
    """Organisation-to-organisation steps of a chain (its nodes alternate org, activity, org ...)."""
    return (len(rec["nodes"]) - 1) // 2


def _steps(number: int, rec: dict[str, Any]) -> list[PathStep]:
    nodes, rel_sources = rec["nodes"], rec["rel_sources"]
    # nodes alternate org, activity, org, activity, ..., org; two relationships per step.
    hops = (len(nodes) - 1) // 2
    out = []
    for i in range(hops):
        src, via, dst = nodes[2 * i], nodes[2 * i + 1], nodes[2 * i + 2]
        kind = CARRIER_KIND.get(via["label"] or "", "activity")
        when = f" ({via['date']})" if via.get("date") else ""
        out.append(
            PathStep(
                path=number,
                hops=hops,
                step=i + 1,
                from_org=src["name"],
                through=f"{kind}: {via['name']}{when}",
                to_org=dst["name"],
                sources=uniq([*rel_sources[2 * i], *rel_sources[2 * i + 1]]),
                from_id=src["id"],
                via_id=via["id"],
                to_id=dst["id"],
            )
        )
    return out
