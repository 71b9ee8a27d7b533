"""The one place that pulls a bounded projection of the graph into networkx.

Analytics that Cypher does poorly (betweenness, communities, mutual information
over configurations) run in Python on a *collaboration projection*: organisations
as nodes, an edge between two organisations for every shared activity. The
projection is bounded three ways, so a large graph never floods the client:

- scope: only organisations located in the given regions (with the regions inside
  them), when a region is given;
- basis: only working ties (joint projects and programmes, agreements, consortia led
  together; ``iegraph.queries._base``) unless ``with_co_presence`` — then plain
  consortium membership and events link organisations too;
- ``max_carrier_size``: activities with more parties than this (a 300-member
  consortium, a 500-attendee fair) are left out — they would add a clique of
  ~n²/2 edges that says little about who works with whom;
- ``max_edges``: a hard cap on the edges read (the result says if it was hit).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from iegraph.db import Runner
from iegraph.queries._base import PARTNER_TYPES, tie_filter
from iegraph.schema.model import Label, Rel

DEFAULT_MAX_CARRIER_SIZE = 60
DEFAULT_MAX_EDGES = 1_000_000


@dataclass
class Projection:
    """An undirected networkx graph of organisations; node attributes name, kind;
    edge attribute ``weight`` = number of shared activities. ``truncated`` says
    whether ``max_edges`` cut the projection short."""

    graph: nx.Graph
    truncated: bool


def collaboration_projection(
    runner: Runner,
    regions: list[str] | None = None,
    with_co_presence: bool = False,
    max_carrier_size: int = DEFAULT_MAX_CARRIER_SIZE,
    max_edges: int = DEFAULT_MAX_EDGES,
) -> Projection:
    """Organisations (in ``regions`` if given) and who works with whom (with
    ``with_co_presence``: who shares any activity with whom)."""
    org = Label.ORGANIZATION.value
    # A scoped projection starts from the regions (index seeks on Region.id, then
    # LOCATED_IN), never from every organisation: at national scale that was a scan of
    # a million organisations for a city's few thousand.
    orgs = (
        f"UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{Rel.LOCATED_IN.value}]-(a:{org}) "
        "WITH DISTINCT a "
        if regions is not None
        else f"MATCH (a:{org}) "
    )
    nodes = runner.read(
        f"{orgs}RETURN a.id AS id, a.name AS name, a.kind AS kind",
        {"regions": regions},
    )
    edges = runner.read(
        f"{orgs}MATCH (a)-[t:{PARTNER_TYPES}]->(v) WHERE {tie_filter('t', with_co_presence)} "
        "WITH v, collect(DISTINCT a.id) AS ids WHERE 2 <= size(ids) <= $max_size "
        "UNWIND ids AS x UNWIND ids AS y WITH v, x, y WHERE x < y "
        "RETURN x, y, count(DISTINCT v) AS weight LIMIT $max_edges",
        {"regions": regions, "max_size": max_carrier_size, "max_edges": max_edges + 1},
    )
    g: nx.Graph = nx.Graph()
    for n in nodes:
        g.add_node(n["id"], name=n["name"], kind=n["kind"])
    truncated = len(edges) > max_edges
    for e in edges[:max_edges]:
        g.add_edge(e["x"], e["y"], weight=e["weight"])
    return Projection(g, truncated)
