"""Organisations that bridge colleges and enterprises."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

import numpy as np

from iegraph.db import Runner
from iegraph.queries import _figures
from iegraph.queries._base import WITH_CO_PRESENCE, NotedRows, Param, check_positive, question, region_tree
from iegraph.queries.lookup import resolve_region
from iegraph.queries.projection import DEFAULT_MAX_EDGES, collaboration_projection, ids_of_kind
from iegraph.schema.model import Label

#: Above this many colleges, betweenness is estimated from a fixed-seed sample of them.
SAMPLE_SOURCES = 300
#: How many organisations of the national ranking a load stores (``top`` beyond this computes).
STORED_TOP = 1000
#: Name of the stored national ranking (``iegraph.queries._figures``).
FIGURES = "brokers"


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
        Param(
            "refresh",
            bool,
            False,
            "national scope: recompute the stored ranking now (minutes at a million organisations) and store it",
        ),
    ],
    ["org", "kind", "betweenness", "degree", "college_partners", "enterprise_partners", "org_id"],
    example="iegraph query brokers --region 大连市 --top 5",
)
def brokers(
    runner: Runner,
    region: str | None = None,
    top: int = 10,
    with_co_presence: bool = False,
    refresh: bool = False,
) -> NotedRows:
    """Who bridges colleges and enterprises? / 哪些单位在院校与企业之间起桥梁作用？

    On the collaboration projection (organisations; an edge when they work together:
    a shared project, programme or agreement, or a consortium they lead together — with
    ``with_co_presence`` also a consortium they only belong to, or an event; see
    ``iegraph.queries.projection``), ``betweenness`` counts, for every
    (college, enterprise) pair, the share of their shortest chains that pass through
    the organisation (subset betweenness, unnormalised, each pair counted once;
    computed by igraph). With more than 300 colleges a fixed-seed sample of 300 is
    used as sources and the sums scaled up. ``degree`` = partners in the projection;
    college_partners / enterprise_partners = direct partners of those kinds.

    Co-membership is left out by default because a consortium makes all its members
    adjacent, which hides every bridge; joint work is what brokers arrange.

    National scope (no ``region``, working ties): a load of a large graph computes the
    ranking once and stores it with its date (``iegraph.queries._figures``); the
    answer is read from there and its note says so. ``refresh`` recomputes and stores it.

    Parameters: ``region`` (optional), ``top`` (default 10), ``with_co_presence`` (default
    False), ``refresh`` (default False).
    Columns: org, kind, betweenness, degree, college_partners, enterprise_partners, org_id.
    Sorted by betweenness, then degree; organisations with neither are left out. The
    answer's note says when the betweenness is a sample's estimate, when it is the
    stored national ranking, or when the projection hit its edge cap (then the graph it
    was computed on is incomplete).
    """
    n = check_positive("top", top) or 10
    national = region is None and not with_co_presence
    if national and refresh:
        as_of, rows, note = store_national(runner)
        return NotedRows(rows[:n], _join(note, f"stored national result of {as_of}, computed now"))
    if national and n <= STORED_TOP:
        kept = _figures.stored(runner, FIGURES)
        if kept is not None and isinstance(kept.value, dict):
            rows = [BrokerRow(**r) for r in kept.value["rows"][:n]]
            note = _join(kept.value.get("note"), _figures.stored_note(kept.as_of, "iegraph query brokers"))
            return NotedRows(rows, note)
    regions = region_tree(runner, resolve_region(runner, region).id) if region else None
    rows, note = ranking(runner, regions, with_co_presence, n)
    return NotedRows(rows, note)


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


def store_national(runner: Runner) -> tuple[str, list[BrokerRow], str | None]:
    """Compute the national ranking (working ties, top ``STORED_TOP``) and store it dated;
    return the date, the rows and the ranking's own note (sample, cap)."""
    as_of = _figures.now()
    rows, note = ranking(runner, None, False, STORED_TOP)
    _figures.store(runner, FIGURES, {"rows": [asdict(r) for r in rows], "note": note}, as_of)
    return as_of, rows, note


def ranking(
    runner: Runner, regions: list[str] | None, with_co_presence: bool, top: int
) -> tuple[list[BrokerRow], str | None]:
    """The ``top`` brokers of the projection (of ``regions``, or national) and the note
    that qualifies them (betweenness sampled; projection capped)."""
    projection = collaboration_projection(runner, regions, with_co_presence=with_co_presence)
    kinds = projection.kinds
    # Sources: the colleges in scope, partnered or not (one with no partner is a source
    # of no chain, but counts in the sample's size and draw, as it always did).
    college_ids = ids_of_kind(runner, Label.COLLEGE.value, regions)
    n_colleges = len(college_ids)
    scale = 1.0
    if n_colleges > SAMPLE_SOURCES:
        scale = n_colleges / SAMPLE_SOURCES
        # A fixed-seed draw from the colleges sorted by id: the same sample every run.
        college_ids = random.Random(0).sample(college_ids, SAMPLE_SOURCES)
    vertex = {oid: v for v, oid in enumerate(projection.ids)}
    colleges = sorted(vertex[c] for c in college_ids if c in vertex)
    enterprises = [v for v, k in enumerate(kinds) if k == Label.ENTERPRISE.value]
    g = projection.graph()
    between = np.zeros(len(kinds))
    if colleges and enterprises:
        # igraph, like networkx, halves subset betweenness on undirected graphs although
        # each (source, target) pair is visited once; doubling makes a score count pairs.
        between = np.array(g.betweenness(directed=False, sources=colleges, targets=enterprises)) * (
            2.0 * scale
        )
    degree = projection.degrees()
    # Rounded as the rows show it (Python's round, as ever), so ties rank as displayed.
    rounded = np.array([round(x, 3) for x in between.tolist()], dtype=float)
    # Rank by (betweenness, degree) in NumPy; names (the last tie-break) only for the
    # candidates: every vertex that ties with or beats the top-th.
    order = np.lexsort((-degree, -rounded))
    candidates = order[:top]
    if len(candidates):
        last = candidates[-1]
        candidates = np.flatnonzero(
            (rounded > rounded[last]) | ((rounded == rounded[last]) & (degree >= degree[last]))
        )
    names = _names(runner, [projection.ids[v] for v in candidates])
    college_p = projection.partners_of_kind(Label.COLLEGE.value)
    enterprise_p = projection.partners_of_kind(Label.ENTERPRISE.value)
    rows = []
    for v in candidates.tolist():
        oid = projection.ids[v]
        rows.append(
            BrokerRow(
                org=names.get(oid) or oid,
                kind=kinds[v],
                betweenness=float(rounded[v]),
                degree=int(degree[v]),
                college_partners=int(college_p[v]),
                enterprise_partners=int(enterprise_p[v]),
                org_id=oid,
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
    return rows[:top], "; ".join(notes) or None


def _names(runner: Runner, ids: list[str]) -> dict[str, str | None]:
    """Organisation names by id (index seeks), for the rows shown."""
    recs = runner.read(
        f"UNWIND $ids AS id MATCH (o:{Label.ORGANIZATION.value} {{id: id}}) RETURN o.id AS id, o.name AS name",
        {"ids": ids},
    )
    return {r["id"]: r["name"] for r in recs}
