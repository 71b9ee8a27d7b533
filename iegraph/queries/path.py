"""Shortest connection chains between two organisations."""

from __future__ import annotations

from dataclasses import dataclass, field

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.queries._base import (
    CARRIER_KIND,
    CARRIER_LABEL_NAMES,
    PARTNER_TYPES,
    NotedRows,
    Param,
    check_positive,
    question,
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
#: An organisation with more ties than this (a national group with thousands of projects)
#: is a hub too: reached, but not stepped through unless ``through_hubs`` (the two ends
#: always are). Expanding one took a second at 1M, and a chain through it says little.
HUB_TIES = 1000
#: Organisations the search may reach (both ends together) before it gives up: what
#: bounds a search between two organisations that are far apart in a national graph.
MAX_REACHED = 20_000

_ORG = Label.ORGANIZATION.value


def expand_query() -> str:
    """The Cypher of one breadth-first step: from the organisations ``$ids`` through each
    carrier they take part in to the organisations not reached yet (not in ``$seen``).

    One row per (organisation, carrier, new organisation), with ``working`` true when
    both sides have a working tie to the carrier (``iegraph.queries._base.working_tie``);
    a hub (a consortium or event with more than ``$degree`` parties, unless ``$through``)
    gives one row with ``open`` false and no far end: it is counted, not expanded.
    ``$limit`` bounds the rows (the caller treats a full answer as a search too big).
    """
    hubs = " OR ".join(f"v:{lbl.value}" for lbl in HUB_LABELS)
    return (
        f"UNWIND $ids AS xid MATCH (x:{_ORG} {{id: xid}})-[r1:{PARTNER_TYPES}]->(v) "
        f"WITH x, v, max(CASE WHEN {working_tie('r1')} THEN 1 ELSE 0 END) AS w1 "
        f"WITH x, v, w1, ($through OR NOT ({hubs}) OR COUNT {{ (v)<-[:{PARTNER_TYPES}]-() }} <= $degree) AS open "
        f"OPTIONAL MATCH (v)<-[r2:{PARTNER_TYPES}]-(y:{_ORG}) WHERE open AND y <> x AND NOT y.id IN $seen "
        f"WITH x, v, open, y, w1, max(CASE WHEN {working_tie('r2')} THEN 1 ELSE 0 END) AS w2 "
        "RETURN x.id AS x, v.id AS v, elementId(v) AS key, open, y.id AS y, w1 = 1 AND w2 = 1 AS working "
        "LIMIT $limit"
    )


def steps_query() -> str:
    """The Cypher that reads the chosen steps: the carrier's name, label and date, and the
    sources of the two organisations' ties to it (working ties only when ``s.working``;
    ties in type and role order, so the sources come in a stable order). The carrier is
    found by its element id (``s.key``) and each tie between two bound nodes: an
    organisation with thousands of projects is not expanded."""
    return (
        "UNWIND $steps AS s MATCH (v) WHERE elementId(v) = s.key "
        f"MATCH (x:{_ORG} {{id: s.from}}), (y:{_ORG} {{id: s.to}}) "
        f"MATCH (x)-[r1:{PARTNER_TYPES}]->(v)<-[r2:{PARTNER_TYPES}]-(y) "
        f"WHERE NOT s.working OR ({working_tie('r1')} AND {working_tie('r2')}) "
        "WITH s, v, r1, r2 ORDER BY s.i, type(r1), r1.role, type(r2), r2.role "
        "WITH s, v, collect(coalesce(r1.sources, [])) AS s1, collect(coalesce(r2.sources, [])) AS s2 "
        "RETURN s.i AS i, v.name AS name, [l IN labels(v) WHERE l IN $carriers][0] AS label, "
        "coalesce(v.date, v.founded) AS date, s1, s2"
    )


_EXPAND = expand_query()
_STEPS = steps_query()
#: The ties of a frontier's organisations (their degrees: no tie is read), which is what
#: expanding it costs; the search expands the cheaper side.
_TIES = (
    f"UNWIND $ids AS id MATCH (x:{_ORG} {{id: id}}) RETURN id, COUNT {{ (x)-[:{PARTNER_TYPES}]->() }} AS ties"
)


@dataclass
class _Side:
    """One end of the bidirectional search: how far it has gone and how it got there."""

    start: str
    level: int = 0
    dist: dict[str, int] = field(default_factory=dict)
    #: organisation -> the (previous organisation, carrier, working) steps reaching it
    #: from one level nearer this end: every one, so the chains can be listed in id order.
    parents: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    frontier: list[str] = field(default_factory=list)
    #: the frontier's organisations that are stepped through, and their ties in all:
    #: what expanding the frontier next costs
    open: list[str] = field(default_factory=list)
    ties: int = 0

    def __post_init__(self) -> None:
        self.dist = {self.start: 0}
        self.frontier = [self.start]


@dataclass
class _Search:
    """The outcome of the search: the shortest length (0: no chain) and what it skipped."""

    length: int = 0
    hubs: set[str] = field(default_factory=set)
    cut: bool = False
    reached: int = 2
    #: carrier id -> element id (the step query finds each chosen carrier by it)
    keys: dict[str, str] = field(default_factory=dict)


def _search(
    runner: Runner, a: _Side, b: _Side, max_hops: int, degree: int, through: bool, budget: int
) -> _Search:
    """Bidirectional breadth-first search, one whole level of the cheaper frontier (fewer
    ties) at a time, until the two sides meet, ``max_hops`` is spent or ``budget``
    organisations are reached. Whole levels keep every shortest step, so the caller can
    list the chains in a fixed order."""
    out = _Search()
    for end in (a, b):
        end.open, end.ties = _open(runner, end.frontier, None, out)
    while a.open and b.open and a.level + b.level < max_hops:
        side, other = (a, b) if a.ties <= b.ties else (b, a)
        left = budget - out.reached
        rows = runner.read(
            _EXPAND,
            {
                "ids": side.open,
                "seen": list(side.dist),
                "degree": degree,
                "through": through,
                "limit": left * 50 + 1000,
            },
        )
        if len(rows) >= left * 50 + 1000:
            out.cut = True
            return out
        level = side.level + 1
        new: dict[str, None] = {}
        for r in rows:
            if not r["open"]:
                out.hubs.add(r["v"])
            elif r["y"] is not None:
                side.parents.setdefault(r["y"], []).append((r["x"], r["v"], bool(r["working"])))
                new.setdefault(r["y"], None)
                out.keys[r["v"]] = r["key"]
        side.level = level
        side.frontier = sorted(new)
        for y in side.frontier:
            side.dist[y] = level
        out.reached += len(new)
        if any(y in other.dist for y in side.frontier):
            out.length = a.level + b.level
            return out
        if out.reached > budget:
            out.cut = True
            return out
        side.open, side.ties = _open(runner, side.frontier, None if through else HUB_TIES, out)
    return out


def _open(runner: Runner, ids: list[str], most: int | None, out: _Search) -> tuple[list[str], int]:
    """The organisations of a frontier that are stepped through (at most ``most`` ties
    each, read from their degrees; the others are counted among ``out.hubs``) and their
    ties in all."""
    rows = runner.read(_TIES, {"ids": ids}) if ids else []
    kept = [r for r in rows if most is None or r["ties"] <= most]
    out.hubs.update(str(r["id"]) for r in rows if most is not None and r["ties"] > most)
    return sorted(str(r["id"]) for r in kept), sum(int(r["ties"]) for r in kept)


#: One step of a chain: (organisation, carrier, organisation, working).
_Step = tuple[str, str, str, bool]


def _chains(a: _Side, b: _Side, length: int, k: int) -> list[list[_Step]]:
    """Up to ``k`` chains of ``length`` steps from ``a`` to ``b``: working chains first,
    each group in the order of its ids (carrier, then organisation, step by step), so
    the same pair gives the same chains every run."""
    meet = {u for u in b.dist if a.dist.get(u) == a.level and b.dist[u] == b.level}
    # The a-side steps that lead to a meeting organisation, turned round (a outwards).
    forward: dict[str, list[tuple[str, str, bool]]] = {}
    todo, useful = list(meet), set(meet)
    while todo:
        u = todo.pop()
        for prev, via, working in a.parents.get(u, []):
            forward.setdefault(prev, []).append((via, u, working))
            if prev not in useful:
                useful.add(prev)
                todo.append(prev)

    def nxt(u: str, depth: int) -> list[tuple[str, str, bool]]:
        # Before the meeting level the a side's steps; from it, the b side's (towards b).
        if depth < a.level:
            return sorted(set(forward.get(u, [])))
        return sorted({(via, nearer, w) for nearer, via, w in b.parents.get(u, [])})

    memo: dict[tuple[str, int], bool] = {}

    def works_on(u: str, depth: int) -> bool:
        """Whether a chain of working steps only leads from ``u`` (at ``depth``) to b."""
        if depth == length:
            return True
        if (u, depth) not in memo:
            memo[(u, depth)] = any(w and works_on(v, depth + 1) for _, v, w in nxt(u, depth))
        return memo[(u, depth)]

    found: list[list[_Step]] = []
    taken: set[tuple[_Step, ...]] = set()

    def walk(u: str, depth: int, chain: list[_Step], working_only: bool) -> None:
        if len(found) >= k:
            return
        if depth == length:
            if tuple(chain) not in taken:
                taken.add(tuple(chain))
                found.append(list(chain))
            return
        for via, v, w in nxt(u, depth):
            if working_only and not (w and works_on(v, depth + 1)):
                continue
            chain.append((u, via, v, w))
            walk(v, depth + 1, chain, working_only)
            chain.pop()
            if len(found) >= k:
                return

    walk(a.start, 0, [], True)
    walk(a.start, 0, [], False)
    return found


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
        Param(
            "through_hubs",
            bool,
            False,
            f"also step through hubs (consortia and events with many parties, organisations with more than "
            f"{HUB_TIES:,} ties)",
        ),
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

    The shortest chains (up to ``paths`` of them, all of the shortest length) where
    each step is two organisations sharing a project, programme, agreement, consortium
    or event. Chains longer than ``max_hops`` steps are not searched.

    The search is breadth-first from both ends at once, a whole level of the smaller
    side per query, so it stops as soon as the two sides meet; it gives up (and the
    note says so) once it has reached ``MAX_REACHED`` organisations. Among the shortest
    chains, those of working ties only (the basis rule of ``iegraph.queries._base``)
    come first, before chains through co-presence (a shared event or plain consortium
    membership); within each group chains come in the order of their ids, step by step
    (carrier, then organisation), so the same pair gives the same chains every run.
    Hubs — consortia and events with more than ``hub_degree`` parties — are not
    stepped through unless ``through_hubs``; the note says how many the search met.

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
    a_side, b_side = _Side(a.id), _Side(b.id)
    found = _search(runner, a_side, b_side, hops, degree, through_hubs, MAX_REACHED)
    chains = _chains(a_side, b_side, found.length, k) if found.length else []
    steps = _read_steps(runner, chains, found.keys)
    notes = []
    if found.cut:
        notes.append(
            f"search stopped after reaching {found.reached:,} organisations without a chain "
            f"(at most {MAX_REACHED:,}): any chain is long or runs through many organisations; "
            "a smaller --max-hops answers sooner"
        )
    if found.hubs:
        n = len(found.hubs)
        notes.append(
            f"{n} hub{'s' if n > 1 else ''} (consortia and events with more than {degree} parties, "
            f"organisations with more than {HUB_TIES:,} ties) "
            "met on the way not stepped through: --through-hubs steps through them"
        )
    return NotedRows(steps, "; ".join(notes) or None)


def _read_steps(runner: Runner, chains: list[list[_Step]], keys: dict[str, str]) -> list[PathStep]:
    """The rows of the chosen chains: one query reads every step's carrier and sources."""
    numbered = [(number, chain) for number, chain in enumerate(chains, start=1)]
    flat = [
        (number, len(chain), step, x, via, y, all(w for *_, w in chain))
        for number, chain in numbered
        for step, (x, via, y, _) in enumerate(chain, start=1)
    ]
    if not flat:
        return []
    wanted = [
        {"i": i, "from": x, "via": via, "key": keys[via], "to": y, "working": working}
        for i, (_, _, _, x, via, y, working) in enumerate(flat)
    ]
    details = {r["i"]: r for r in runner.read(_STEPS, {"steps": wanted, "carriers": CARRIER_LABEL_NAMES})}
    names = _org_names(runner, {org for _, _, _, x, _, y, _ in flat for org in (x, y)})
    out: list[PathStep] = []
    for i, (number, hops, step, x, via, y, _) in enumerate(flat):
        d = details[i]
        kind = CARRIER_KIND.get(d["label"] or "", "activity")
        when = f" ({d['date']})" if d.get("date") else ""
        out.append(
            PathStep(
                path=number,
                hops=hops,
                step=step,
                from_org=names[x],
                through=f"{kind}: {d['name']}{when}",
                to_org=names[y],
                # the first organisation's part in the carrier, then the second's
                sources=uniq([*(s for ss in d["s1"] for s in ss), *(s for ss in d["s2"] for s in ss)]),
                from_id=x,
                via_id=via,
                to_id=y,
            )
        )
    return out


def _org_names(runner: Runner, ids: set[str]) -> dict[str, str]:
    """Organisation id -> name (the id when it has none)."""
    rows = runner.read(
        f"UNWIND $ids AS id MATCH (o:{_ORG} {{id: id}}) RETURN o.id AS id, o.name AS name",
        {"ids": sorted(ids)},
    )
    return {r["id"]: r["name"] or r["id"] for r in rows}
