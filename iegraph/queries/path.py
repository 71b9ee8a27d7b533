"""Shortest connection chains between two organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.queries._base import (
    CARRIER_KIND,
    CARRIER_LABEL_NAMES,
    PARTNER_TYPES,
    Param,
    check_positive,
    question,
    uniq,
)
from iegraph.queries.lookup import resolve_org
from iegraph.schema.model import Label

MAX_HOPS_LIMIT = 8
MAX_PATHS_LIMIT = 10


def path_query(max_hops: int, paths: int) -> str:
    """The Cypher of ``path``: Neo4j 5 ``SHORTEST k`` over a quantified path pattern.

    One hop is ``(org)-[:PARTNER]->(activity)<-[:PARTNER]-(org)``; the upper bound
    keeps the search finite. ``SHORTEST`` is planned as a StatefulShortestPath
    (a bounded breadth-first search that applies the pattern's label and type
    predicates while expanding), so the exhaustive fallback of ``shortestPath()``
    is never planned. Bounds must be literals in Cypher; both are validated ints.
    """
    hops = int(max_hops)
    k = int(paths)
    org = Label.ORGANIZATION.value
    return (
        f"MATCH (a:{org} {{id: $from_id}}), (b:{org} {{id: $to_id}}) "
        f"MATCH p = SHORTEST {k} (a)((x:{org})-[r1:{PARTNER_TYPES}]->(v)<-[r2:{PARTNER_TYPES}]-(y:{org})){{1,{hops}}}(b) "
        "RETURN [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind, "
        "label: [l IN labels(n) WHERE l IN $carriers][0], date: coalesce(n.date, n.founded)}] AS nodes, "
        "[r IN relationships(p) | coalesce(r.sources, [])] AS rel_sources"
    )


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
    ],
    ["path", "hops", "step", "from_org", "through", "to_org", "sources", "from_id", "via_id", "to_id"],
    example="iegraph query path --from 一汽解放大连柴油机有限公司 --to 大连理工大学 --max-hops 3",
    empty=f"no chain within --max-hops steps (the default is 4, at most {MAX_HOPS_LIMIT}): try a larger --max-hops",
    source_columns=(),  # the source of each step is part of the answer
)
def path(runner: Runner, from_org: str, to_org: str, max_hops: int = 4, paths: int = 3) -> list[PathStep]:
    """How are A and B connected? / A 与 B 之间通过哪些合作链条相连？

    The shortest chains (up to ``paths`` of them, shortest first) where each step is
    two organisations sharing a project, programme, agreement, consortium or event.
    Chains longer than ``max_hops`` steps are not searched.

    Parameters: ``from_org`` (--from), ``to_org`` (--to), ``max_hops`` (default 4),
    ``paths`` (default 3). Columns: path (chain number), hops, step, from_org,
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
    records = runner.read(
        path_query(hops, k), {"from_id": a.id, "to_id": b.id, "carriers": CARRIER_LABEL_NAMES}
    )
    records.sort(key=lambda r: len(r["nodes"]))
    steps: list[PathStep] = []
    for number, rec in enumerate(records, start=1):
        steps.extend(_steps(number, rec))
    return steps


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
