"""The graph, or one of the views' subgraphs, as a file that Gephi, yEd or Excel opens.

The subgraph is chosen by the same library functions the network views use
(``iegraph.queries.subgraph``): the whole graph (organisations, carriers, policies,
people), a region, a consortium or an organisation's ego network. Unlike a view it is
never summarised, and co-presence ties are kept (their ``basis`` attribute says which
they are), so the file holds every fact of the subgraph. Each node carries its kind,
name, id, aliases, region, type/level/date and source titles and dates; each edge its
type, role, basis and sources. GEXF and GraphML take only str/int/float/bool attribute
values, so lists are joined with "; " and missing values are empty strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from iegraph.db import Row, Runner
from iegraph.errors import InputError
from iegraph.output import write_sheet
from iegraph.queries import subgraph as sq
from iegraph.schema.model import Label
from iegraph.viz.graphdata import SourceRef, build_graph
from iegraph.viz.views import resolve_key

GRAPH_FORMATS = ("gexf", "graphml", "xlsx")
#: Columns of the nodes and edges sheets (and the attributes of GEXF/GraphML), in order.
NODE_FIELDS = ("id", "label", "kind", "aliases", "region", "type", "level", "date", "sources", "source_dates")
EDGE_FIELDS = ("source", "target", "type", "role", "basis", "sources", "source_dates")


def subgraph_keys(
    runner: Runner,
    region: str | None = None,
    consortium: str | None = None,
    org: str | None = None,
    hops: int = 1,
) -> list[str]:
    """Element ids of the chosen subgraph (at most one of region, consortium, org; none:
    the whole graph), chosen as the region, consortium, ego and overview views choose
    theirs, co-presence ties included."""
    if sum(x is not None for x in (region, consortium, org)) > 1:
        raise InputError("give at most one of --region, --consortium, --org")
    if region is not None:
        key, _ = resolve_key(runner, region, Label.REGION)
        return sq.region_keys(runner, key, with_co_presence=True)
    if consortium is not None:
        key, _ = resolve_key(runner, consortium, Label.CONSORTIUM)
        return sq.consortium_keys(runner, key, with_co_presence=True)
    if org is not None:
        if hops not in (1, 2):
            raise InputError(f"--hops must be 1 or 2, not {hops}")
        key, _ = resolve_key(runner, org, Label.ORGANIZATION)
        keys, frontier, seen = [key], [key], {key}
        for _ in range(hops):
            carriers, partners = sq.partners_step(runner, frontier, with_co_presence=True)
            frontier = [p for p in partners if p not in seen]
            seen.update(frontier)
            keys.extend(carriers)
            keys.extend(frontier)
        return list(dict.fromkeys(keys))
    return sq.overview_keys(runner)


def _joined(values: Sequence[Any]) -> str:
    return "; ".join(str(v) for v in values if v not in (None, ""))


def _source_fields(refs: Sequence[SourceRef]) -> dict[str, str]:
    return {"sources": _joined([s.title for s in refs]), "source_dates": _joined([s.date for s in refs])}


def export_graph(runner: Runner, keys: Sequence[str]) -> nx.MultiDiGraph:
    """The nodes ``keys`` and the relationships among them (sources as attributes, not
    nodes) as a directed multigraph whose attributes are all strings."""
    node_rows, edge_rows, sources = sq.fetch(runner, keys)
    by_key: dict[str, Row] = {str(r["key"]): r for r in node_rows}
    drawn = build_graph(node_rows, edge_rows, sources)
    # the graph's own ids name the nodes (stable across exports); the element id only
    # when a node has none or shares it with a node of another label
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in drawn.nodes:
        own = drawn.nodes[key]["n"].id
        ids[key] = own if own and own not in taken else key
        taken.add(ids[key])
    out: nx.MultiDiGraph = nx.MultiDiGraph()
    for key in drawn.nodes:
        node = drawn.nodes[key]["n"]
        row = by_key.get(key, {})
        out.add_node(
            ids[key],
            label=node.name,
            kind=node.kind,
            aliases=_joined(node.aliases),
            region=node.region or "",
            type=str(row.get("type") or ""),
            level=str(row.get("level") or ""),
            date=str(row.get("date") or ""),
            **_source_fields(node.sources),
        )
    for _a, _b, data in drawn.edges(data=True):
        edge = data["e"]
        out.add_edge(
            ids[edge.source],
            ids[edge.target],
            type=edge.type,
            role=edge.role or "",
            basis=edge.basis or "",
            **_source_fields(edge.sources),
        )
    return out


def write_graph(graph: nx.MultiDiGraph, fmt: str, path: Path) -> None:
    """Write an ``export_graph`` result as GEXF, GraphML or an xlsx workbook (a nodes
    sheet and an edges sheet)."""
    if fmt == "gexf":
        nx.write_gexf(graph, path)
    elif fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        node_cells = [
            [node, *(data.get(f, "") for f in NODE_FIELDS[1:])] for node, data in graph.nodes(data=True)
        ]
        write_sheet(workbook, "nodes", NODE_FIELDS, node_cells)
        edge_cells = [
            [a, b, *(data.get(f, "") for f in EDGE_FIELDS[2:])] for a, b, data in graph.edges(data=True)
        ]
        write_sheet(workbook, "edges", EDGE_FIELDS, edge_cells)
        workbook.save(path)
    else:
        raise InputError(f"unknown graph format {fmt!r}; valid: {', '.join(GRAPH_FORMATS)}")
