"""What the graph holds at a glance: counts by kind, the consortia, the regions with
the most organisations and the latest sources — the workbench's home page.

A helper module (it registers no question): each function is one read query.
"""

from __future__ import annotations

from dataclasses import dataclass

from iegraph.db import Runner
from iegraph.schema.model import Label, Rel

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
    # one round trip: the label counts come from Neo4j's count store
    parts = [f"MATCH (o:{_ORG}) RETURN '{_ORG}' AS label, o.kind AS kind, count(*) AS c"]
    parts += [
        f"MATCH (n:{lbl.value}) RETURN '{lbl.value}' AS label, null AS kind, count(n) AS c"
        for lbl in COUNTED_LABELS
    ]
    rows = runner.read("CALL () { " + " UNION ALL ".join(parts) + " } RETURN label, kind, c")
    orgs = sorted((r for r in rows if r["label"] == _ORG and r["c"]), key=lambda r: (-r["c"], str(r["kind"])))
    order = {lbl.value: i for i, lbl in enumerate(COUNTED_LABELS)}
    others = sorted((r for r in rows if r["label"] != _ORG), key=lambda r: order[r["label"]])
    return [KindCount(r["label"], r["kind"], r["c"]) for r in [*orgs, *others]]


def consortia(runner: Runner, limit: int = 50) -> list[Listed]:
    """The consortia with their level and number of enumerated members, largest first."""
    rows = runner.read(
        f"MATCH (c:{Label.CONSORTIUM.value}) "
        f"RETURN c.id AS id, c.name AS name, c.level AS detail, "
        f"COUNT {{ (:{_ORG})-[:{Rel.MEMBER_OF.value}]->(c) }} AS n "
        "ORDER BY n DESC, name LIMIT $limit",
        {"limit": limit},
    )
    return [Listed(r["id"], r["name"] or r["id"], r["detail"], r["n"]) for r in rows]


def regions(runner: Runner, limit: int = 20) -> list[Listed]:
    """Regions with the organisations located directly in them, most first (regions without any last)."""
    rows = runner.read(
        f"MATCH (g:{Label.REGION.value}) "
        f"RETURN g.id AS id, g.name AS name, g.level AS detail, "
        f"COUNT {{ (:{_ORG})-[:{Rel.LOCATED_IN.value}]->(g) }} AS n "
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
