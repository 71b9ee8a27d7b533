"""The one place that pulls a bounded projection of the graph into Python, compactly.

Analytics that Cypher does poorly (betweenness, communities) run in Python on a
*collaboration projection*: organisations as vertices, an edge between two
organisations that share an activity. The projection is held as arrays — ids
interned to vertex numbers, edges as a NumPy array of vertex pairs — and handed to
igraph (its C core computes betweenness), because at national scale one Python
object per edge (networkx) took minutes and gigabytes. It is bounded so that a large
graph never floods the client:

- scope: only organisations located in the given regions (with the regions inside
  them), when a region is given;
- basis: only working ties (joint projects and programmes, agreements, consortia led
  together; ``iegraph.queries._base``) unless ``with_co_presence`` — then plain
  consortium membership and events link organisations too;
- ``max_carrier_size``: activities with more parties than this (a 300-member
  consortium, a 500-attendee fair) are left out — they would add a clique of
  ~n²/2 edges that says little about who works with whom;
- ``max_edges``: a hard cap on the edges kept (the result says if it was hit).

The database sends one row per shared activity (the list of its parties), not one
per pair: the pairs are made here, vectorised, which keeps what crosses the wire
linear in the participations.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import numpy.typing as npt

from iegraph.db import Runner
from iegraph.queries._base import PARTNER_TYPES, tie_filter
from iegraph.schema.model import Label, Rel

DEFAULT_MAX_CARRIER_SIZE = 60
#: Edges kept at most: 20M pairs are 320 MB of int64 — the cap is there for memory, and a
#: national graph of a million organisations has a few million working pairs.
DEFAULT_MAX_EDGES = 20_000_000


@dataclass
class Projection:
    """Organisations as vertices ``0..len(ids)-1`` (``ids[v]`` the graph id, ``kinds[v]``
    the kind) and ``edges``, an ``(m, 2)`` int array of vertex pairs ``a < b``, each
    pair once. ``truncated`` says whether ``max_edges`` cut the projection short."""

    ids: list[str]
    kinds: list[str | None]
    edges: npt.NDArray[np.int64]
    truncated: bool

    def graph(self) -> ig.Graph:
        """The projection as an undirected igraph graph (vertex numbers as here)."""
        return ig.Graph(n=len(self.ids), edges=self.edges.tolist(), directed=False)

    def degrees(self) -> npt.NDArray[np.int64]:
        """Partners per vertex."""
        n = len(self.ids)
        return np.bincount(self.edges.ravel(), minlength=n).astype(np.int64)

    def partners_of_kind(self, kind: str) -> npt.NDArray[np.int64]:
        """Per vertex, how many of its partners are of ``kind``."""
        n = len(self.ids)
        is_kind = np.array([k == kind for k in self.kinds], dtype=bool)
        a, b = self.edges[:, 0], self.edges[:, 1]
        if not len(a):
            return np.zeros(n, dtype=np.int64)
        return (np.bincount(a[is_kind[b]], minlength=n) + np.bincount(b[is_kind[a]], minlength=n)).astype(
            np.int64
        )


def _scope(regions: list[str] | None) -> str:
    """Cypher that binds ``a`` to each organisation in scope (once)."""
    org = Label.ORGANIZATION.value
    # A scoped projection starts from the regions (index seeks on Region.id, then
    # LOCATED_IN), never from every organisation: at national scale that was a scan of
    # a million organisations for a city's few thousand.
    if regions is None:
        return f"MATCH (a:{org}) "
    return (
        f"UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{Rel.LOCATED_IN.value}]-(a:{org}) "
        "WITH DISTINCT a "
    )


def ids_of_kind(runner: Runner, kind: str, regions: list[str] | None = None) -> list[str]:
    """Ids (sorted) of the organisations in scope whose ``kind`` is ``kind``, with a
    partner or not (e.g. the colleges a betweenness sample is drawn from)."""
    recs = runner.read(
        f"{_scope(regions)}WITH a WHERE a.kind = $kind RETURN collect(a.id) AS ids",
        {"regions": regions, "kind": kind},
    )
    return sorted(recs[0]["ids"]) if recs else []


def collaboration_projection(
    runner: Runner,
    regions: list[str] | None = None,
    with_co_presence: bool = False,
    max_carrier_size: int = DEFAULT_MAX_CARRIER_SIZE,
    max_edges: int = DEFAULT_MAX_EDGES,
) -> Projection:
    """Organisations (in ``regions`` if given) that work with another one there, and who
    works with whom (with ``with_co_presence``: who shares any activity with whom).
    Organisations with no partner in the projection are not vertices."""
    orgs = _scope(regions)
    # One row per shared activity: its parties' ids and kinds (parallel lists).
    carriers = runner.read(
        f"{orgs}MATCH (a)-[t:{PARTNER_TYPES}]->(v) WHERE {tie_filter('t', with_co_presence)} "
        "WITH v, collect(DISTINCT a) AS parties WHERE 2 <= size(parties) <= $max_size "
        "RETURN [p IN parties | p.id] AS ids, [p IN parties | p.kind] AS kinds",
        {"regions": regions, "max_size": max_carrier_size},
    )
    index: dict[str, int] = {}
    kinds: list[str | None] = []
    # Carriers grouped by their number of parties k: an (n_k, k) array of vertex numbers each.
    by_size: dict[int, list[list[int]]] = {}
    for c in carriers:
        vs = []
        for oid, kind in zip(c["ids"], c["kinds"], strict=True):
            v = index.get(oid)
            if v is None:
                v = index[oid] = len(kinds)
                kinds.append(kind)
            vs.append(v)
        by_size.setdefault(len(vs), []).append(vs)
    del carriers
    n = len(kinds)
    codes = [np.empty(0, dtype=np.int64)]
    for k, groups in by_size.items():
        members = np.sort(np.array(groups, dtype=np.int64), axis=1)
        i, j = np.triu_indices(k, 1)
        # Each pair (a < b) as one int64 a * n + b, so duplicates go with one np.unique.
        codes.append((members[:, i] * n + members[:, j]).ravel())
    pairs = np.unique(np.concatenate(codes))
    truncated = len(pairs) > max_edges
    pairs = pairs[:max_edges]
    edges = np.stack([pairs // max(n, 1), pairs % max(n, 1)], axis=1).astype(np.int64)
    ids = [""] * n
    for oid, v in index.items():
        ids[v] = oid
    return Projection(ids, kinds, edges.reshape(-1, 2), truncated)
