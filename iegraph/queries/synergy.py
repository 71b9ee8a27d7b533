"""Triple-Helix synergy: mutual information among government, college and
enterprise participation in shared cooperation units, per region."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from iegraph.db import Runner
from iegraph.queries import _figures
from iegraph.queries._base import REGION_DEPTH, NotedRows, Param, label_expr, question, region_tree
from iegraph.queries.lookup import resolve_region
from iegraph.schema.model import Label, Rel

#: Cooperation units whose participants are counted.
UNIT_LABELS: tuple[Label, ...] = (Label.PROJECT, Label.AGREEMENT, Label.CONSORTIUM)
#: Participation relationships of a unit.
UNIT_RELS: tuple[Rel, ...] = (Rel.PARTICIPATES_IN, Rel.SIGNED, Rel.MEMBER_OF)
#: Below this many units the reading says the figure is only indicative.
FEW_UNITS = 10
#: Name of the stored national answer (``iegraph.queries._figures``).
FIGURES = "synergy"

Config = tuple[int, int, int]  # (university/college, industry/enterprise, government) presence


def entropy(counts: Iterable[int]) -> float:
    """Shannon entropy in bits of a distribution given by counts."""
    values = [c for c in counts if c > 0]
    total = sum(values)
    if total == 0:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in values)


def _h(counts: Mapping[Config, int], axes: tuple[int, ...]) -> float:
    marginal: Counter[tuple[int, ...]] = Counter()
    for config, k in counts.items():
        marginal[tuple(config[a] for a in axes)] += k
    return entropy(marginal.values())


@dataclass(frozen=True, slots=True)
class HelixTerms:
    """Entropies and transmissions (bits) of a list of (U, I, G) configurations."""

    n: int
    h_u: float
    h_i: float
    h_g: float
    h_ui: float
    h_ug: float
    h_ig: float
    h_uig: float

    @property
    def t_ui(self) -> float:
        return self.h_u + self.h_i - self.h_ui

    @property
    def t_ug(self) -> float:
        return self.h_u + self.h_g - self.h_ug

    @property
    def t_ig(self) -> float:
        return self.h_i + self.h_g - self.h_ig

    @property
    def t_uig(self) -> float:
        return self.h_u + self.h_i + self.h_g - self.h_ui - self.h_ug - self.h_ig + self.h_uig


def helix_terms(counts: Mapping[Config, int]) -> HelixTerms:
    """All entropy terms of configurations given as how many units have each, e.g.
    ``Counter(configs)`` (pure; no database)."""
    return HelixTerms(
        n=sum(counts.values()),
        h_u=_h(counts, (0,)),
        h_i=_h(counts, (1,)),
        h_g=_h(counts, (2,)),
        h_ui=_h(counts, (0, 1)),
        h_ug=_h(counts, (0, 2)),
        h_ig=_h(counts, (1, 2)),
        h_uig=_h(counts, (0, 1, 2)),
    )


def _and(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def reading(t: HelixTerms) -> str:
    """One line saying what T(UIG) means here."""
    few = f" (only {t.n} unit{'s' if t.n > 1 else ''}: indicative)" if t.n < FEW_UNITS else ""
    if t.n == 0:
        return "no cooperation units"
    value = t.t_uig
    constant = [
        name for name, h in (("college", t.h_u), ("enterprise", t.h_i), ("government", t.h_g)) if h < 1e-9
    ]
    if constant and abs(value) < 1e-9:
        return (
            f"T = 0 by construction: {_and(constant)} presence is the same in every unit, "
            "so there is no three-way information" + few
        )
    if abs(value) < 1e-9:
        return (
            "T = 0: no three-way information (the configuration does not vary or the helices are independent)"
            + few
        )
    if value < 0:
        return (
            f"synergy: T(UIG) = {value:.3f} bits < 0, the three-way configuration reduces uncertainty" + few
        )
    return f"no synergy: T(UIG) = {value:.3f} bits > 0, the helices' participation is not integrated" + few


def _r(x: float) -> float:
    # 4 decimals; adding 0.0 turns -0.0 into 0.0.
    return round(x, 4) + 0.0


@dataclass(slots=True)
class SynergyRow:
    """Triple-Helix indicator of one region."""

    region: str
    units: int
    t_uig: float
    t_ui: float
    t_ug: float
    t_ig: float
    h_u: float
    h_i: float
    h_g: float
    uig_units: int
    reading: str
    region_id: str


@question(
    "synergy",
    "Triple-Helix synergy T(UIG) among government, college, enterprise participation, per region",
    [
        Param("region", help="only this region (units in it or in regions inside it)"),
        Param("min_units", int, 1, "leave out regions with fewer cooperation units"),
        Param(
            "refresh",
            bool,
            False,
            "recompute now instead of reading the answer stored by the load (national scope: and store it)",
        ),
    ],
    [
        "region",
        "units",
        "t_uig",
        "t_ui",
        "t_ug",
        "t_ig",
        "h_u",
        "h_i",
        "h_g",
        "uig_units",
        "reading",
        "region_id",
    ],
    example="iegraph query synergy --region 大连市",
    source_columns=(),
)
def synergy(
    runner: Runner, region: str | None = None, min_units: int = 1, refresh: bool = False
) -> NotedRows:
    """How integrated are government, colleges and enterprises in a region? /
    一个地区的政府、院校、企业三螺旋协同度如何？

    Leydesdorff's Triple-Helix mutual information (Leydesdorff, L. (2012) "The
    Triple Helix, Quadruple Helix, …, and an N-Tuple of Helices: Explanatory Models
    for Analyzing the Knowledge-Based Economy?", J. Knowl. Econ. 3(1), 25–35;
    Leydesdorff, L., Park, H. W. & Lengyel, B. (2014) "A routine for measuring
    synergy in university–industry–government relations", Scientometrics 99(3),
    685–698). Cooperation units are the projects, agreements and consortia; each
    unit gets a 3-bit configuration (U, I, G) = presence of a college, an enterprise,
    a government body among its participants (PARTICIPATES_IN, SIGNED, MEMBER_OF).
    With H the Shannon entropy in bits of the distribution of configurations
    (marginal, pairwise, joint):

        T(UIG) = H(U) + H(I) + H(G) − H(UI) − H(UG) − H(IG) + H(UIG)
        T(UI)  = H(U) + H(I) − H(UI)   (likewise T(UG), T(IG); always ≥ 0)

    Negative T(UIG) = synergy: the three-way configuration reduces uncertainty.

    A unit belongs to a region when it is LOCATED_IN it or a region inside it; a
    unit with no region of its own (agreements) belongs to every region where one
    of its participants is located. Every region with units gets a row (a city's row
    includes its districts).

    National scope (no ``region``: every region's row) visits every unit of the graph
    (a minute at a million organisations), so a load of a large graph computes it once
    and stores it with its date (``iegraph.queries._figures``); the answer is read from
    there, its note says so, and ``refresh`` recomputes and stores it. A region's answer
    is then read from the stored rows too (its rows are the stored rows of the regions in
    its tree); with ``refresh`` it is computed now instead.

    Parameters: ``region`` (optional), ``min_units`` (default 1), ``refresh`` (default False).
    Columns: region, units, t_uig, t_ui, t_ug, t_ig (bits), h_u, h_i, h_g,
    uig_units (units with all three), reading, region_id.
    """
    # Every region's row is stored (national scope); a region's answer is the rows of the
    # regions in its tree, the same rows its own computation gives (a unit counts in each
    # region above its place, whatever the scope), so it is read from there too.
    scope = None if region is None else set(region_tree(runner, resolve_region(runner, region).id))
    if refresh and scope is None:
        as_of, rows = store_national(runner)
        note = f"stored national result of {as_of}, computed now"
        return NotedRows([r for r in rows if r.units >= min_units], note)
    kept = None if refresh else _figures.stored(runner, FIGURES)
    if kept is not None and isinstance(kept.value, list):
        rows = [SynergyRow(**r) for r in kept.value]
        note = _figures.stored_note(kept.as_of, "iegraph query synergy")
        return NotedRows(
            [r for r in rows if r.units >= min_units and (scope is None or r.region_id in scope)], note
        )
    return NotedRows(_rows(runner, region, min_units))


def store_national(runner: Runner) -> tuple[str, list[SynergyRow]]:
    """Compute every region's row and store them dated; return the date and the rows."""
    as_of = _figures.now()
    rows = _rows(runner, None, 1)
    _figures.store(runner, FIGURES, [asdict(r) for r in rows], as_of)
    return as_of, rows


def _rows(runner: Runner, region: str | None, min_units: int) -> list[SynergyRow]:
    """The rows of ``synergy``, computed (of ``region`` and the regions inside it, or all)."""
    units_label = label_expr(UNIT_LABELS)
    rels = "|".join(r.value for r in UNIT_RELS)
    org, reg, loc, part = (
        Label.ORGANIZATION.value,
        Label.REGION.value,
        Rel.LOCATED_IN.value,
        Rel.PART_OF.value,
    )
    scope = None
    if region is not None:
        scope = region_tree(runner, resolve_region(runner, region).id)
    # One row per (unit, region it counts in, ancestor chain) with its configuration.
    if scope is None:
        units = f"MATCH (u:{units_label}) "
    else:
        # Start from the regions in scope (index seeks), not from every unit.
        units = (
            f"CALL () {{ UNWIND $scope AS rid MATCH (:{reg} {{id: rid}})<-[:{loc}]-(u:{units_label}) RETURN u "
            f"UNION UNWIND $scope AS rid MATCH (:{reg} {{id: rid}})<-[:{loc}]-(:{org})-[:{rels}]->(u:{units_label}) "
            f"WHERE NOT EXISTS {{ (u)-[:{loc}]->() }} RETURN u }} "
        )
    recs = runner.read(
        units + f"WITH DISTINCT u OPTIONAL MATCH (u)<-[:{rels}]-(o:{org}) "
        "WITH u, collect(DISTINCT o.kind) AS kinds, collect(DISTINCT o) AS parties "
        f"WITH u, kinds, parties, [(u)-[:{loc}]->(r:{reg}) | r] AS own "
        "WITH u, kinds, CASE WHEN size(own) > 0 THEN own "
        f"ELSE reduce(acc = [], p IN parties | acc + [(p)-[:{loc}]->(r:{reg}) | r]) END AS places "
        f"UNWIND places AS place MATCH (place)-[:{part}*0..{REGION_DEPTH}]->(up:{reg}) "
        "WITH DISTINCT u, kinds, up WHERE $scope IS NULL OR up.id IN $scope "
        # Entropies need only how many units each region has of each configuration:
        # counted here, so a national answer is a few thousand rows, not one per unit.
        f"WITH up, '{Label.COLLEGE.value}' IN kinds AS u_, '{Label.ENTERPRISE.value}' IN kinds AS i_, "
        f"'{Label.GOVERNMENT.value}' IN kinds AS g_, count(*) AS units "
        "RETURN up.id AS rid, up.name AS rname, u_, i_, g_, units ORDER BY rid, u_, i_, g_",
        {"scope": scope},
    )
    by_region: dict[str, tuple[str, dict[Config, int]]] = {}
    for r in recs:
        _, counts = by_region.setdefault(r["rid"], (r["rname"], {}))
        counts[(int(r["u_"]), int(r["i_"]), int(r["g_"]))] = int(r["units"])
    rows = []
    for rid, (name, counts) in by_region.items():
        t = helix_terms(counts)
        if t.n < min_units:
            continue
        rows.append(
            SynergyRow(
                region=name,
                units=t.n,
                t_uig=_r(t.t_uig),
                t_ui=_r(t.t_ui),
                t_ug=_r(t.t_ug),
                t_ig=_r(t.t_ig),
                h_u=_r(t.h_u),
                h_i=_r(t.h_i),
                h_g=_r(t.h_g),
                uig_units=counts.get((1, 1, 1), 0),
                reading=reading(t),
                region_id=rid,
            )
        )
    rows.sort(key=lambda r: (-r.units, r.region))
    return rows
