"""Organisations that bridge colleges and enterprises."""

from __future__ import annotations

import random
from dataclasses import dataclass

import networkx as nx

from iegraph.db import Runner
from iegraph.queries._base import WITH_CO_PRESENCE, NotedRows, Param, check_positive, question, region_tree
from iegraph.queries.lookup import resolve_region
from iegraph.queries.projection import DEFAULT_MAX_EDGES, collaboration_projection
from iegraph.schema.model import Label

#: Above this many colleges, betweenness is estimated from a fixed-seed sample of them.
SAMPLE_SOURCES = 300


@dataclass(slots=True)
class BrokerRow:
    """One organisation and how much college–enterprise traffic it carries."""

    org: str
    kind: str | None
    betweenness: float
    degree: int
    college_partners: int
    enterprise_partners: int
    org_id: str


@question(
    "brokers",
    "organisations bridging colleges and enterprises (betweenness and degree on the collaboration projection)",
    [
        Param("region", help="only organisations located in this region (or inside it)"),
        Param("top", int, 10, "how many organisations"),
        WITH_CO_PRESENCE,
    ],
    ["org", "kind", "betweenness", "degree", "college_partners", "enterprise_partners", "org_id"],
    example="iegraph query brokers --region 大连市 --top 5",
)
def brokers(
    runner: Runner, region: str | None = None, top: int = 10, with_co_presence: bool = False
) -> NotedRows:
    """Who bridges colleges and enterprises? / 哪些单位在院校与企业之间起桥梁作用？

    On the collaboration projection (organisations; an edge when they work together:
    a shared project, programme or agreement, or a consortium they lead together — with
    ``with_co_presence`` also a consortium they only belong to, or an event; see
    ``iegraph.queries.projection``), ``betweenness`` counts, for every
    (college, enterprise) pair, the share of their shortest chains that pass through
    the organisation (networkx ``betweenness_centrality_subset``, unnormalised, each
    pair counted once). With more than 300 colleges a fixed-seed sample of 300 is
    used and scaled up. ``degree`` = partners in the projection; college_partners /
    enterprise_partners = direct partners of those kinds.

    Co-membership is left out by default because a consortium makes all its members
    adjacent, which hides every bridge; joint work is what brokers arrange.

    Parameters: ``region`` (optional), ``top`` (default 10), ``with_co_presence`` (default False).
    Columns: org, kind, betweenness, degree, college_partners, enterprise_partners, org_id.
    Sorted by betweenness, then degree; organisations with neither are left out. The
    answer's note says when the betweenness is a sample's estimate, or when the
    projection hit its edge cap (then the graph it was computed on is incomplete).
    """
    n = check_positive("top", top) or 10
    regions = region_tree(runner, resolve_region(runner, region).id) if region else None
    projection = collaboration_projection(runner, regions, with_co_presence=with_co_presence)
    g = projection.graph
    kinds = nx.get_node_attributes(g, "kind")
    colleges = sorted(v for v, k in kinds.items() if k == Label.COLLEGE.value)
    enterprises = sorted(v for v, k in kinds.items() if k == Label.ENTERPRISE.value)
    scale = 1.0
    n_colleges = len(colleges)
    if len(colleges) > SAMPLE_SOURCES:
        scale = len(colleges) / SAMPLE_SOURCES
        colleges = random.Random(0).sample(colleges, SAMPLE_SOURCES)
    between = nx.betweenness_centrality_subset(g, colleges, enterprises, normalized=False)
    # networkx halves subset betweenness on undirected graphs although each
    # (source, target) pair is visited once; undo that so a score counts pairs.
    factor = 2.0 * scale
    rows = []
    for v in g.nodes:
        degree = g.degree(v)
        b = between.get(v, 0.0) * factor
        if degree == 0 and b == 0:
            continue
        nbr_kinds = [kinds.get(u) for u in g.neighbors(v)]
        rows.append(
            BrokerRow(
                org=g.nodes[v].get("name") or v,
                kind=kinds.get(v),
                betweenness=round(b, 3),
                degree=degree,
                college_partners=nbr_kinds.count(Label.COLLEGE.value),
                enterprise_partners=nbr_kinds.count(Label.ENTERPRISE.value),
                org_id=v,
            )
        )
    rows.sort(key=lambda r: (-r.betweenness, -r.degree, r.org))
    notes = []
    if scale > 1:
        notes.append(f"betweenness estimated from a sample of {SAMPLE_SOURCES} of {n_colleges:,} colleges")
    if projection.truncated:
        notes.append(
            f"the projection stopped at its cap of {DEFAULT_MAX_EDGES:,} partner pairs: betweenness and degree "
            "are of an incomplete graph (--region scopes it)"
        )
    return NotedRows(rows[:n], "; ".join(notes) or None)
