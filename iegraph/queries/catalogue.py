"""What the graph holds at a glance: counts by kind, the consortia, the regions with
the most organisations and the latest sources — the workbench's home page.

A helper module (it registers no question): each function is one read query.
"""

from __future__ import annotations

from dataclasses import dataclass

from iegraph.db import Runner
from iegraph.queries.stats import count_store
from iegraph.schema.model import ORG_KINDS, Label, Rel

_ORG = Label.ORGANIZATION.value


@dataclass(slots=True)
class KindCount:
    """How many nodes of one kind: ``label`` (model label) and, for organisations, ``kind``."""

    label: str
    kind: str | None
    count: int


@dataclass(slots=True)
class Listed:
    """One entity in a list: id, name, a short description and a count (members, organisations)."""

    id: str
    name: str
    detail: str | None
    count: int


@dataclass(slots=True)
class SourceItem:
    """One source: id, title, date, publisher."""

    id: str
    title: str
    date: str | None
    publisher: str | None


#: Labels counted on the home page, in the order shown (organisations are counted by kind).
COUNTED_LABELS: tuple[Label, ...] = (
    Label.CONSORTIUM,
    Label.PROJECT,
    Label.AGREEMENT,
    Label.EVENT,
    Label.PROGRAM,
    Label.POLICY,
    Label.PERSON,
    Label.REGION,
    Label.INDUSTRY,
    Label.SOURCE,
)


def kind_counts(runner: Runner) -> list[KindCount]:
    """Organisations per kind (most first), then the nodes of every other counted label."""
    # the count store, as the stats question reads it (one round trip, no scan of the
    # organisations): a kind is its kind label; organisations without one count as kind None
    nodes, _rels = count_store(runner)
    kinds: list[tuple[str | None, int]] = [(k.value, nodes[k.value]) for k in ORG_KINDS]
    unlabelled = nodes[_ORG] - sum(c for _, c in kinds)
    if unlabelled > 0:
        kinds.append((None, unlabelled))
    orgs = sorted(((k, c) for k, c in kinds if c), key=lambda kc: (-kc[1], str(kc[0])))
    return [KindCount(_ORG, k, c) for k, c in orgs] + [
        KindCount(lbl.value, None, nodes[lbl.value]) for lbl in COUNTED_LABELS
    ]


def consortia(runner: Runner, limit: int = 50) -> list[Listed]:
    """The consortia with their level and number of enumerated members, largest first."""
    return _ranked(runner, Label.CONSORTIUM, Rel.MEMBER_OF, limit)


def regions(runner: Runner, limit: int = 20) -> list[Listed]:
    """Regions with the organisations located directly in them, most first (regions without any last)."""
    return _ranked(runner, Label.REGION, Rel.LOCATED_IN, limit)


def _ranked(runner: Runner, label: Label, rel: Rel, limit: int) -> list[Listed]:
    """The first ``limit`` ``label`` nodes with their level, ranked by their ``rel`` ties
    from organisations (most first, then by name): the home page's consortia and regions."""
    rows = runner.read(
        f"MATCH (x:{label.value}) "
        "RETURN x.id AS id, x.name AS name, x.level AS detail, "
        f"COUNT {{ (:{_ORG})-[:{rel.value}]->(x) }} AS n "
        "ORDER BY n DESC, name LIMIT $limit",
        {"limit": limit},
    )
    return [Listed(r["id"], r["name"] or r["id"], r["detail"], r["n"]) for r in rows]


def latest_sources(runner: Runner, limit: int = 10) -> list[SourceItem]:
    """The most recent sources (by date; undated last)."""
    rows = runner.read(
        f"MATCH (s:{Label.SOURCE.value}) "
        "RETURN s.id AS id, s.title AS title, s.date AS date, s.publisher AS publisher "
        "ORDER BY s.date IS NULL, s.date DESC, id LIMIT $limit",
        {"limit": limit},
    )
    return [SourceItem(r["id"], r["title"] or r["id"], r["date"], r["publisher"]) for r in rows]
