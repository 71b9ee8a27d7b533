"""What the graph holds and where its data is weak."""

from __future__ import annotations

from dataclasses import dataclass, field

from iegraph.db import Runner
from iegraph.queries._base import ORG_KIND_NAMES, Param, check_positive, question
from iegraph.schema.model import FACT_LABELS, Label, Rel

_ORG = Label.ORGANIZATION.value
EXAMPLES = 5


@dataclass(slots=True)
class StatsRow:
    """One count: ``section`` (label, kind, relationship, region, quality), ``item``, ``count``."""

    section: str
    item: str
    count: int
    detail: str | None = None
    example_ids: list[str] = field(default_factory=list)


@question(
    "stats",
    "counts per label, organisation kind, relationship type and region; data-quality findings",
    [Param("regions", int, 20, "how many regions to list (most organisations first)")],
    ["section", "item", "count", "detail", "example_ids"],
    example="iegraph query stats --format json",
    source_columns=(),
)
def stats(runner: Runner, regions: int = 20) -> list[StatsRow]:
    """What is in the graph, and what is missing? / 图谱里有什么，数据质量如何？

    Rows by ``section``: ``label`` (nodes per label), ``kind`` (organisations per kind),
    ``relationship`` (per type), ``region`` (organisations located directly in each
    region, top ``regions``), and ``quality`` findings — organisations without
    region, organisations without kind, fact nodes without any REPORTED_IN source,
    relationships without ``sources``, likely duplicate organisations (same name key,
    or one's alias key is another's name key). Quality rows name up to five examples
    in ``detail`` and their ids in ``example_ids``.

    Parameters: ``regions`` (default 20).
    """
    top = check_positive("regions", regions) or 20
    rows: list[StatsRow] = []
    # Counts per label and type come from the count store: one cheap query each.
    for lbl in Label:
        c = runner.read(f"MATCH (n:{lbl.value}) RETURN count(n) AS c")[0]["c"]
        rows.append(StatsRow("label", lbl.value, c))
    for r in runner.read(
        f"MATCH (o:{_ORG}) RETURN coalesce(o.kind, '(none)') AS kind, count(*) AS c ORDER BY c DESC, kind"
    ):
        rows.append(StatsRow("kind", r["kind"], r["c"]))
    for rel in Rel:
        c = runner.read(f"MATCH ()-[r:{rel.value}]->() RETURN count(r) AS c")[0]["c"]
        rows.append(StatsRow("relationship", rel.value, c))
    for r in runner.read(
        f"MATCH (o:{_ORG})-[:{Rel.LOCATED_IN.value}]->(g:{Label.REGION.value}) "
        "RETURN g.name AS name, g.id AS id, count(DISTINCT o) AS c ORDER BY c DESC, name LIMIT $top",
        {"top": top},
    ):
        rows.append(StatsRow("region", r["name"] or r["id"], r["c"], example_ids=[r["id"]]))
    rows.extend(_quality(runner))
    return rows


def _finding(item: str, recs: list[dict[str, object]]) -> StatsRow:
    count = int(recs[0]["c"]) if recs else 0  # type: ignore[call-overload]
    names = list(recs[0]["names"]) if recs else []  # type: ignore[call-overload]
    ids = list(recs[0]["ids"]) if recs else []  # type: ignore[call-overload]
    detail = (
        "、".join(str(n) for n in names[:EXAMPLES]) + ("…" if count > EXAMPLES else "") if names else None
    )
    return StatsRow("quality", item, count, detail, [str(i) for i in ids])


_AGG = "RETURN count(*) AS c, collect(name)[..$ex] AS names, collect(id)[..$ex] AS ids"


def _quality(runner: Runner) -> list[StatsRow]:
    ex = {"ex": EXAMPLES, "kinds": ORG_KIND_NAMES}
    out = [
        _finding(
            "organisations without region",
            runner.read(
                f"MATCH (o:{_ORG}) WHERE NOT EXISTS {{ (o)-[:{Rel.LOCATED_IN.value}]->() }} "
                f"WITH o.name AS name, o.id AS id ORDER BY name {_AGG}",
                ex,
            ),
        ),
        _finding(
            "organisations without kind",
            runner.read(
                f"MATCH (o:{_ORG}) WHERE o.kind IS NULL OR NOT o.kind IN $kinds "
                "OR size([l IN labels(o) WHERE l IN $kinds]) <> 1 "
                f"WITH o.name AS name, o.id AS id ORDER BY name {_AGG}",
                ex,
            ),
        ),
    ]
    facts = "|".join(lbl.value for lbl in FACT_LABELS)
    out.append(
        _finding(
            "facts without source",
            runner.read(
                f"MATCH (n:{facts}) WHERE NOT EXISTS {{ (n)-[:{Rel.REPORTED_IN.value}]->(:{Label.SOURCE.value}) }} "
                f"WITH coalesce(n.name, n.id) AS name, n.id AS id ORDER BY name {_AGG}",
                ex,
            ),
        )
    )
    out.append(
        _finding(
            "relationships without sources",
            runner.read(
                f"MATCH (a)-[r]->(b) WHERE type(r) <> '{Rel.REPORTED_IN.value}' AND size(coalesce(r.sources, [])) = 0 "
                f"WITH coalesce(a.name, a.id) + ' -[' + type(r) + ']-> ' + coalesce(b.name, b.id) AS name, a.id AS id "
                f"ORDER BY name {_AGG}",
                ex,
            ),
        )
    )
    out.append(
        _finding(
            "likely duplicate organisations",
            runner.read(
                "CALL () { "
                f"MATCH (a:{_ORG}) WITH a.name_key AS k, collect(a) AS same WHERE k IS NOT NULL AND size(same) > 1 "
                "RETURN [x IN same | x.name] AS names, [x IN same | x.id] AS ids "
                f"UNION MATCH (a:{_ORG}) UNWIND coalesce(a.alias_keys, []) AS ak "
                f"MATCH (b:{_ORG} {{name_key: ak}}) WHERE b <> a "
                "RETURN [a.name, b.name] AS names, [a.id, b.id] AS ids } "
                "WITH names, ids ORDER BY names[0] "
                "WITH reduce(s = '', n IN names | s + CASE s WHEN '' THEN '' ELSE ' = ' END + n) AS name, ids "
                "RETURN count(*) AS c, collect(name)[..$ex] AS names, "
                "reduce(acc = [], x IN collect(ids)[..$ex] | acc + x) AS ids",
                ex,
            ),
        )
    )
    return out
