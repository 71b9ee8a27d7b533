"""What the graph holds and where its data is weak.

Counts come from the database's count store (nodes per label, relationships per
type: no scan). The quality findings need whole-graph scans (seconds at a million
organisations), so a load stores them once on a single ``GraphFigures`` node with
their date (``store_quality``), and ``stats`` reads them from there; ``--refresh``
recomputes and stores them. A graph with no stored figures (a small one: below
``_figures.STORE_FIGURES_FROM`` organisations a load does not store them) gets them computed
on each call, which on such a graph costs milliseconds.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from iegraph.db import Runner
from iegraph.errors import IegraphError
from iegraph.queries import _figures
from iegraph.queries._base import NO_LIMIT, ORG_KIND_NAMES, Param, check_positive, question
from iegraph.schema.model import FACT_LABELS, ORG_KINDS, Label, Rel, SystemLabel

_ORG = Label.ORGANIZATION.value
_FIGURES = SystemLabel.GRAPH_FIGURES.value
EXAMPLES = 5
#: Name of the stored counts per region (``iegraph.queries._figures``).
REGION_FIGURES = "regions"
#: Figures a load computes at a time (``store_quality_after_load``).
FIGURES_WORKERS = 2
#: ``item`` of the row that dates the quality figures.
AS_OF = "figures as of"


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
    [
        Param("regions", int, 20, "how many regions to list (most organisations first)"),
        Param(
            "refresh", bool, False, "recompute the quality findings now (whole-graph scans) and store them"
        ),
    ],
    ["section", "item", "count", "detail", "example_ids"],
    example="iegraph query stats --format json",
    source_columns=(),
)
def stats(runner: Runner, regions: int = 20, refresh: bool = False) -> list[StatsRow]:
    """What is in the graph, and what is missing? / 图谱里有什么，数据质量如何？

    Rows by ``section``: ``label`` (nodes per label), ``kind`` (organisations per kind),
    ``relationship`` (per type), ``region`` (organisations located directly in each
    region, top ``regions``), and ``quality`` findings — organisations without
    region, organisations without kind, fact nodes without any REPORTED_IN source,
    relationships without ``sources``, likely duplicate organisations (same name key,
    or one's alias key is another's name key). Quality rows name up to five examples
    in ``detail`` and their ids in ``example_ids``; the first of them, ``figures as
    of``, says in ``detail`` when they were computed (stored by the last load, or now).

    Label, kind and relationship counts come from the count store; a ``kind`` row is
    the count of that kind's label, and ``(none)`` the organisations with no kind
    label (labels and the ``kind`` property disagreeing is a quality finding). The
    ``region`` counts visit every organisation, so they are stored and dated with the
    quality figures (the ``figures as of`` row dates both).

    Parameters: ``regions`` (default 20), ``refresh`` (recompute and store the
    quality findings and region counts; default False: read the stored ones).
    """
    top = check_positive("regions", regions) or 20
    rows: list[StatsRow] = []
    # Counts per label and type come from the count store, all in one round trip.
    nodes, rels = count_store(runner)
    for lbl in Label:
        rows.append(StatsRow("label", lbl.value, nodes[lbl.value]))
    # Per kind: the count of each kind label (count store), not a scan of the ``kind`` property.
    kinds = [(k.value, nodes[k.value]) for k in ORG_KINDS]
    labelled = sum(c for _, c in kinds)
    if nodes[_ORG] > labelled:
        kinds.append(("(none)", nodes[_ORG] - labelled))
    for kind, c in sorted(kinds, key=lambda kc: (-kc[1], kc[0])):
        if c:
            rows.append(StatsRow("kind", kind, c))
    for rel in Rel:
        rows.append(StatsRow("relationship", rel.value, rels[rel.value]))
    # Organisations per region visit every organisation (seconds at a million): stored
    # with the quality figures by the load, read from there (dated by the same row).
    kept_regions = None if refresh else _figures.stored(runner, REGION_FIGURES)
    if kept_regions is not None and isinstance(kept_regions.value, list):
        rows.extend(StatsRow(**r) for r in kept_regions.value[:top])
    else:
        rows.extend(region_counts(runner, top))
    stored = None if refresh else stored_quality(runner)
    if refresh:
        as_of, findings = store_quality(runner)
        when = f"{as_of}, computed and stored now"
    elif stored is None:
        findings = quality_findings(runner)
        when = "computed now (none stored for this graph)"
    else:
        as_of, findings = stored
        when = f"{as_of}, stored by the last load (--refresh recomputes)"
    rows.append(StatsRow("quality", AS_OF, 0, when))
    rows.extend(findings)
    return rows


def count_query() -> str:
    """Cypher: nodes per label and relationships per type as ``UNION ALL`` branches,
    each planned as a count-store read (no scan: EXPLAIN, and the test says so — the
    count must be aggregated before the names are projected, else each branch scans);
    rows ``what`` ('n'/'r'), ``name``, ``c``."""
    branches = [
        f"MATCH (n:{lbl.value}) WITH count(n) AS c RETURN 'n' AS what, '{lbl.value}' AS name, c"
        for lbl in Label
    ]
    branches += [
        f"MATCH ()-[r:{rel.value}]->() WITH count(r) AS c RETURN 'r' AS what, '{rel.value}' AS name, c"
        for rel in Rel
    ]
    return " UNION ALL ".join(branches)


def count_store(runner: Runner) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type, from the count store in one round trip."""
    # A label or type the database has never seen may give no row at all: zero.
    nodes: dict[str, int] = dict.fromkeys((lbl.value for lbl in Label), 0)
    rels: dict[str, int] = dict.fromkeys((rel.value for rel in Rel), 0)
    for r in runner.read(count_query()):
        (nodes if r["what"] == "n" else rels)[str(r["name"])] = int(r["c"])
    return nodes, rels


def region_counts(runner: Runner, top: int | None = None) -> list[StatsRow]:
    """Organisations located directly in each region (most first; the ``top`` first)."""
    # From the regions (a thousand or so), each counting its own organisations.
    return [
        StatsRow("region", r["name"] or r["id"], r["c"], example_ids=[r["id"]])
        for r in runner.read(
            f"MATCH (g:{Label.REGION.value}) "
            f"WITH g, size(COLLECT {{ MATCH (g)<-[:{Rel.LOCATED_IN.value}]-(o:{_ORG}) RETURN DISTINCT o }}) AS c "
            "WHERE c > 0 RETURN g.name AS name, g.id AS id, c ORDER BY c DESC, name, id LIMIT $top",
            {"top": top if top is not None else NO_LIMIT},
        )
    ]


def store_quality(runner: Runner) -> tuple[str, list[StatsRow]]:
    """Compute the quality findings and store them, with their date, on the one
    ``GraphFigures`` node; return the date (ISO, UTC) and the findings. The counts per
    region go with them (``REGION_FIGURES``). A load calls it at its end
    (``store_quality_after_load``)."""
    as_of = datetime.now(UTC).replace(microsecond=0).isoformat()
    _figures.store(runner, REGION_FIGURES, [asdict(r) for r in region_counts(runner)], as_of)
    findings = quality_findings(runner)
    payload = json.dumps([asdict(f) for f in findings], ensure_ascii=False)
    runner.write(
        f"MERGE (f:{_FIGURES} {{name: 'quality'}}) SET f.as_of = $as_of, f.findings = $findings",
        {"as_of": as_of, "findings": payload},
    )
    return as_of, findings


def stored_quality(runner: Runner) -> tuple[str, list[StatsRow]] | None:
    """The stored quality findings and their date, or None when no load stored them."""
    recs = runner.read(
        f"MATCH (f:{_FIGURES} {{name: 'quality'}}) RETURN f.as_of AS as_of, f.findings AS findings LIMIT 1"
    )
    if not recs or not recs[0]["findings"]:
        return None
    return str(recs[0]["as_of"]), [StatsRow(**f) for f in json.loads(recs[0]["findings"])]


def store_quality_after_load(runner: Runner, echo: Callable[[str], None] | None = None) -> str | None:
    """At the end of a load: store the quality findings and the national answers of the
    whole-graph questions (``_after_load_steps``) when the graph is large enough for
    computing them to cost (or figures are stored already, so they would go stale).

    ``echo`` gets a line when the figures start and when they end (minutes at a million
    organisations), and one warning per figure that could not be stored, naming the
    command that stores it: the load's data is written by then, so a failure here (the
    server's memory limit, a lost connection) must not fail the load. Returns the date of
    the quality figures, or None when nothing was stored."""
    if not _figures.worth_storing(runner):
        return None
    say = echo or _silent
    say("Computing the whole-graph figures (stats, national brokers, synergy, gaps, overview) ...")
    started = time.perf_counter()
    steps = _after_load_steps()
    # Each figure is one or a few whole-graph queries, and Community Neo4j runs a query on
    # one core: two at a time keep both cores of a small server busy (the runner is
    # thread-safe, each call its own session). Results are taken in the steps' order.
    with ThreadPoolExecutor(FIGURES_WORKERS, thread_name_prefix="iegraph-figures") as pool:
        futures = [pool.submit(store, runner) for _what, store, _names, _fix in steps]
    as_of: str | None = None
    failed = 0
    for (what, _store, names, fix), future in zip(steps, futures, strict=True):
        exc = future.exception()
        if isinstance(exc, IegraphError):
            failed += 1
            with contextlib.suppress(IegraphError):  # the server may be what failed
                _figures.drop(runner, names)
            say(f"warning: the data is loaded, but storing the {what} failed ({exc}); {fix}")
            continue
        done = future.result()  # raises what is not an expected failure (a bug)
        if what == _QUALITY:
            as_of = str(done)
    seconds = time.perf_counter() - started
    if failed:
        say(f"Stored the whole-graph figures in {seconds:.1f} s, {failed} of them not (see above).")
    else:
        say(f"Stored the whole-graph figures in {seconds:.1f} s.")
    return as_of


def _silent(_: str) -> None:
    return None


_QUALITY = "quality findings"


def _after_load_steps() -> list[tuple[str, Callable[[Runner], object], list[str], str]]:
    """The figures a load stores: what each is, how it is stored, the names it
    is stored under (removed when storing fails: no stale answer stays), and what to do
    when the load could not store it."""
    # Imported here: these question modules are not needed by stats itself. By module
    # (the package's attributes of these names are the questions), and their functions
    # looked up at each load.
    brokers = importlib.import_module("iegraph.queries.brokers")
    gaps = importlib.import_module("iegraph.queries.gaps")
    subgraph = importlib.import_module("iegraph.queries.subgraph")
    synergy = importlib.import_module("iegraph.queries.synergy")

    def quality(runner: Runner) -> str:
        return store_quality(runner)[0]

    again = "`iegraph {}` computes and stores them again"
    # The longest first (at a million organisations the overview's two scans of every
    # relationship, then the broker ranking): with two at a time, the short ones fill in.
    return [
        (
            "overview summary",
            subgraph.store_overview,
            [subgraph.OVERVIEW_FIGURES],
            "`iegraph viz overview` counts it live until a load stores it",
        ),
        (
            "national brokers",
            brokers.store_national,
            [brokers.FIGURES],
            again.format("query brokers --refresh"),
        ),
        (_QUALITY, quality, ["quality", REGION_FIGURES], again.format("query stats --refresh")),
        (
            "national synergy",
            synergy.store_national,
            [synergy.FIGURES],
            again.format("query synergy --refresh"),
        ),
        ("national gaps", gaps.store_national, [gaps.FIGURES], again.format("query gaps --refresh")),
    ]


def _finding(item: str, recs: list[dict[str, object]]) -> StatsRow:
    count = int(recs[0]["c"]) if recs else 0  # type: ignore[call-overload]
    names = list(recs[0]["names"]) if recs else []  # type: ignore[call-overload]
    ids = list(recs[0]["ids"]) if recs else []  # type: ignore[call-overload]
    detail = (
        "、".join(str(n) for n in names[:EXAMPLES]) + ("…" if count > EXAMPLES else "") if names else None
    )
    return StatsRow("quality", item, count, detail, [str(i) for i in ids])


_AGG = "RETURN count(*) AS c, collect(name)[..$ex] AS names, collect(id)[..$ex] AS ids"


def quality_findings(runner: Runner) -> list[StatsRow]:
    """The data-quality findings, by whole-graph scans (what ``store_quality`` stores)."""
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
