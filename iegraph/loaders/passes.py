"""``load_paths``: validate every input completely, then write it in batches.

Passes over the inputs (tables are re-read for the relationship pass, their node
declarations spooled to a temporary file for the node pass, so memory grows with
the number of entities — one small ``LoadEntity`` each — not of rows):

1. declare — read every file, validate rows/entries, register each node declaration
   with the resolver and spool it (problems collected, nothing written);
2. resolve — join names and aliases into entities, look new ones up in the graph
   (batched), give each its id; check every reference and source id;
3. if anything is wrong: raise ``InputError`` listing every problem — the database
   is untouched;
4. write nodes (per label/kind), then REPORTED_IN and relationships, in batches.

``load_paths`` holds the graph's write lock (``iegraph.loaders.lock``) through all
of them, so the graph it validated against is the graph it writes to.
"""

from __future__ import annotations

import functools
import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.loaders.convert import Decl
from iegraph.loaders.limits import check_decl
from iegraph.loaders.lock import WriteLock, holding
from iegraph.loaders.matching import LoadEntity, Resolver, name_key
from iegraph.loaders.records import REL_KEY_DEFAULT, NodeDecl, Origin, Problem, Ref, RelDecl
from iegraph.loaders.spool import NodeSpool
from iegraph.loaders.tables import csv_decls, table_name, xlsx_decls
from iegraph.loaders.writer import (
    BATCH_SIZE,
    NODE_BATCH_SIZE,
    BatchWriter,
    create_query,
    node_query,
    rel_query,
    reported_query,
)
from iegraph.loaders.yamlsheet import read_factsheet
from iegraph.quantities import MoneyUnit
from iegraph.queries.stats import store_quality_after_load
from iegraph.schema.apply import await_fulltext_refresh, await_indexes, ensure_schema, unique_id_labels
from iegraph.schema.model import Label, Rel

YAML_SUFFIXES = (".yaml", ".yml")

#: Progress callback: (rows written so far, total rows).
Progress = Callable[[int, int], None]

MAX_PROBLEMS_SHOWN = 1000
NODE_WORKERS = 2
REL_WORKERS = 2


@dataclass
class Input:
    """One input file and how to read its declarations (re-readable)."""

    path: Path
    kind: str  # yaml | csv | xlsx
    _cached: list[Decl] | None = None
    #: node declarations of a table input, spooled to a temporary file by the
    #: validation pass (``NodeSpool``): the node pass reads them back a chunk at a
    #: time instead of validating the table again, and memory does not hold them
    nodes: NodeSpool | None = None
    #: the unit of a bare number in a money column or field (``--money-unit``)
    money_unit: MoneyUnit | None = None

    def close(self) -> None:
        """Drop what the passes kept of this input (the node spool's temporary file)."""
        if self.nodes is not None:
            self.nodes.close()
            self.nodes = None

    def decls(self, problems: list[Problem], nodes_only: bool = False) -> Iterator[Decl]:
        """Declarations of this input; ``nodes_only`` lets the node pass skip
        relationship tables (their rows declare no nodes)."""
        if nodes_only and self.nodes is not None:
            return iter(self.nodes)
        if self.kind == "yaml":
            if self._cached is None:
                self._cached = read_factsheet(self.path, problems, self.money_unit)
            return iter(self._cached)
        if self.kind == "csv":
            return csv_decls(self.path, problems, nodes_only, self.money_unit)
        return xlsx_decls(self.path, problems, nodes_only, money_unit=self.money_unit)


@dataclass
class LoadReport:
    """What a load did: per label/type, how many were written and how many were new."""

    files: list[str] = field(default_factory=list)
    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_written: dict[str, int] = field(default_factory=dict)
    rels_created: dict[str, int] = field(default_factory=dict)
    rels_written: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: wall-clock seconds of the phases: validation, node writes, relationship writes
    validate_seconds: float = 0.0
    node_seconds: float = 0.0
    rel_seconds: float = 0.0

    @property
    def nodes(self) -> int:
        return sum(self.nodes_written.values())

    @property
    def relationships(self) -> int:
        return sum(self.rels_written.values())

    def rows(self) -> list[dict[str, object]]:
        """The summary as rows: what, label/type, written (distinct), created, updated."""
        out: list[dict[str, object]] = []
        for what, written, created in (
            ("nodes", self.nodes_written, self.nodes_created),
            ("relationships", self.rels_written, self.rels_created),
        ):
            for name in sorted(written):
                new = created.get(name, 0)
                out.append(
                    {
                        "what": what,
                        "name": name,
                        "written": written[name],
                        "created": new,
                        "updated": max(written[name] - new, 0),
                    }
                )
        return out


def collect_inputs(
    paths: Sequence[str | Path], money_unit: MoneyUnit | None = None
) -> tuple[list[Input], list[Problem]]:
    """Expand files and folders into inputs (YAML sheets, CSV tables, workbooks);
    ``money_unit`` is the unit of bare numbers in the tables' money columns."""
    inputs: list[Input] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
            yamls = [p for p in files if p.suffix.lower() in YAML_SUFFIXES]
            csvs = [p for p in files if p.suffix.lower() == ".csv"]
            books = [p for p in files if p.suffix.lower() == ".xlsx"]
            inputs += [Input(p, "yaml") for p in yamls]
            inputs += [Input(p, "xlsx") for p in books]
            # sources first, then node tables, then relationship tables
            from iegraph.loaders.tables import TABLE_ORDER

            order = {n: i for i, n in enumerate(TABLE_ORDER)}
            csvs.sort(key=lambda p: (order.get(table_name(p.stem) or "", 99), str(p)))
            inputs += [Input(p, "csv") for p in csvs]
        elif path.is_file():
            suffix = path.suffix.lower()
            if suffix in YAML_SUFFIXES:
                inputs.append(Input(path, "yaml"))
            elif suffix == ".csv":
                inputs.append(Input(path, "csv"))
            elif suffix == ".xlsx":
                inputs.append(Input(path, "xlsx"))
            else:
                problems.append(
                    Problem(Origin(str(path)), "not a fact sheet (.yaml), table (.csv) or workbook (.xlsx)")
                )
        else:
            problems.append(Problem(Origin(str(path)), "no such file or folder"))
    if not inputs and not problems:
        problems.append(Problem(Origin(", ".join(map(str, paths)) or "(none)"), "no input files found"))
    for inp in inputs:
        inp.money_unit = money_unit
    return inputs, problems


def _raise(problems: list[Problem]) -> None:
    # by file and line, so each file's problems read top to bottom; consequences (a
    # reference to a row that failed) after every cause, which they point back to
    problems = sorted(problems, key=lambda p: (p.follows, p.origin.file, p.origin.line or 0))
    shown = problems[:MAX_PROBLEMS_SHOWN]
    lines = [str(p) for p in shown]
    if len(problems) > len(shown):
        lines.append(f"... and {len(problems) - len(shown)} more")
    noun = "problem" if len(problems) == 1 else "problems"
    error = InputError(f"{len(problems)} {noun} in the input; nothing was written:\n" + "\n".join(lines))
    error.problems = problems  # type: ignore[attr-defined]
    raise error


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _no_full_gc(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` without full (oldest-generation) garbage collections.

    A pass over a large input keeps millions of objects alive (declarations,
    entities, references), none in a reference cycle; CPython would rescan all of
    them each time they grow by a quarter (100k organisations: 4-5 s of an 11 s
    validation, 2 s of the relationship pass). Young collections still reclaim
    short-lived cycles; the threshold is restored when ``func`` returns."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        young, middle, full = gc.get_threshold()
        gc.set_threshold(young, middle, max(full, 1_000_000))
        try:
            return func(*args, **kwargs)
        finally:
            gc.set_threshold(young, middle, full)

    return wrapper


def _group(entity: LoadEntity) -> str:
    return (entity.kind or entity.label).value


class Written:
    """The distinct nodes a write pass has written, per group (``_group``), and whether
    a row is its node's first.

    A set of every id was some 50 bytes per node (80 MB at a million organisations). An
    entity with a given id is the only one of its label with that id (the resolver's
    ``by_id``), so it is marked on itself (``LoadEntity.written``). Only ids that two
    entities may share go into sets: those of nodes found in the graph (two names may
    find one node) and derived ids; an entity of either kind also looks for a marked
    entity with its id."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.counts: Counter[str] = Counter()
        self.shared: dict[str, set[str]] = {}

    def first(self, entity: LoadEntity, group: str) -> bool:
        """True for the first row of ``entity``'s node; marks it written."""
        eid = str(entity.id)
        shared = self.shared.get(group)
        if entity.explicit and not entity.existing:
            first = not entity.written and (shared is None or eid not in shared)
        else:
            if shared is None:
                shared = self.shared[group] = set()
            ids = self.resolver.by_id.get(entity.label)
            marked = ids.get(eid) if ids is not None else None
            first = eid not in shared and (marked is None or not marked.written)
            shared.add(eid)
        entity.written = True
        if first:
            self.counts[group] += 1
        return first


@_no_full_gc
def validate_paths(
    graph: Runner | None, paths: Sequence[str | Path], money_unit: MoneyUnit | None = None
) -> tuple[list[Input], Resolver, Counter[str]]:
    """Read every input once: validate, declare, collect references; then resolve and
    check them (against the graph too, when given). Raises InputError with every problem.
    ``money_unit``: the unit of a bare number in a table's money column (else refused)."""
    inputs, problems = collect_inputs(paths, money_unit)
    resolver = Resolver(graph, problems)
    counts: Counter[str] = Counter()
    refs: dict[tuple[str | None, tuple[Label, ...], str], Ref] = {}
    source_ids: dict[str, Origin] = {}
    nodes = reported = rels = 0  # plain ints in the loop (a Counter item costs more)
    for inp in inputs:
        kept = NodeSpool(str(inp.path)) if inp.kind != "yaml" else None
        for decl in inp.decls(problems):
            # what Neo4j would refuse mid-load is a problem now, before any write
            check_decl(decl, problems)
            for sid in decl.sources:
                if sid not in source_ids:
                    source_ids[sid] = decl.origin.at("source")
            # each distinct reference is resolved (and reported) once
            if isinstance(decl, NodeDecl):
                resolver.register(decl)
                if kept is not None:
                    kept.add(decl)
                nodes += 1
                reported += len(decl.sources)
                for ref in decl.name_refs.values():
                    if resolver.by_given_id(ref) is None:  # else nothing to check
                        refs.setdefault((ref.scope, ref.labels, ref.text), ref)
            else:
                rels += 1
                for end in (decl.start, decl.end):
                    # a ref by the id of a declared node needs no check (nor memory)
                    if isinstance(end, Ref) and resolver.by_given_id(end) is None:
                        refs.setdefault((end.scope, end.labels, end.text), end)
        inp.nodes = kept
    if nodes:
        counts["nodes"], counts["reported"] = nodes, reported
    if rels:
        counts["rels"] = rels
    resolver.finalize()
    resolver.check_refs(refs.values())
    known_here = resolver.by_id[Label.SOURCE]
    unknown = [sid for sid in source_ids if sid not in known_here]
    if unknown:
        known: set[str] = set()
        if graph is not None:
            for start in range(0, len(unknown), 10_000):
                rows = graph.read(
                    f"MATCH (s:{Label.SOURCE.value}) WHERE s.id IN $ids RETURN s.id AS id",
                    {"ids": unknown[start : start + 10_000]},
                )
                known |= {str(r["id"]) for r in rows}
        for sid in unknown:
            if sid not in known:
                problems.append(
                    Problem(
                        source_ids[sid], f"unknown source {sid!r} (not in a sources table nor in the graph)"
                    )
                )
    if problems:
        _raise(problems)
    return inputs, resolver, counts


@_no_full_gc
def load_paths(
    graph: Runner,
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    batch_size: int | None = None,
    lock: WriteLock | None = None,
    money_unit: MoneyUnit | None = None,
    echo: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load fact sheets and tables into ``graph``: all or nothing at validation time.

    Raises ``InputError`` (message listing every problem, ``.problems`` the list)
    before writing anything if any input is invalid. Writes are idempotent: loading
    the same input again, or re-running a load that was killed, gives the same graph.
    ``batch_size`` overrides the rows per transaction of both phases (defaults:
    NODE_BATCH_SIZE for nodes, BATCH_SIZE for relationships).

    Validation and writing happen under the graph's write lock: ``lock`` when the
    caller holds one (the CLI, which may wait for it; a script that loads several
    times in a row), else the load takes it itself and raises ``LockedError`` naming
    the holder at once if another writer has it. ``money_unit`` is the unit of a bare
    number in a table's money column (one without is refused). ``echo`` gets the lines of
    the whole-graph figures stored at the end (start, end, a warning for each that could
    not be stored: the data is written by then, so that is not a failed load).
    """
    with holding(graph, lock, "iegraph.loaders.load_paths") as held:
        return _load_locked(graph, paths, progress, batch_size, held, money_unit, echo)


def _load_locked(
    graph: Runner,
    paths: Sequence[str | Path],
    progress: Progress | None,
    batch_size: int | None,
    lock: WriteLock,
    money_unit: MoneyUnit | None = None,
    echo: Callable[[str], None] | None = None,
) -> LoadReport:
    """``load_paths`` once ``lock`` is held: validate, then write, checking before
    each batch that the lock is still this load's."""
    started = time.perf_counter()
    inputs, resolver, counts = validate_paths(graph, paths, money_unit)
    validated = time.perf_counter()
    # A new database gets its constraints and indexes here, before the first write: the
    # write lock's own constraint is all the lock made, and questions by name need the
    # full-text index (without it they failed until `iegraph schema apply` ran).
    created = ensure_schema(graph)
    total = counts["nodes"] + counts["reported"] + counts["rels"]
    done = 0

    def on_rows(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    # Two transactions at a time in each phase keep both cores busy. Relationship
    # batches may share hub nodes (sources, regions): MERGE locks the end nodes, so such
    # batches wait for each other, and a deadlock between two of them is retried by the
    # driver (BatchWriter says why the order of batches does not matter).
    node_writer = BatchWriter(graph, batch_size or NODE_BATCH_SIZE, on_rows, NODE_WORKERS, lock.check)
    rel_writer = BatchWriter(graph, batch_size or BATCH_SIZE, on_rows, REL_WORKERS, lock.check)
    try:
        report = _write(inputs, resolver, node_writer, rel_writer, started, unique_id_labels(graph))
    finally:
        node_writer.close()
        rel_writer.close()
        for inp in inputs:
            inp.close()
    # The resolution state (the biggest thing the load holds) is done with: freed before the
    # whole-graph figures are computed, so the two peaks do not add up (1M: 1.6 GB).
    del inputs, resolver
    gc.collect()
    if created:  # new indexes fill in the background: online before the load returns
        await_indexes(graph)
    await_fulltext_refresh(graph)
    # The quality figures `stats` reads, computed once per load (a large graph only).
    store_quality_after_load(graph, echo)
    report.validate_seconds = validated - started
    return report


@dataclass(slots=True)
class NodeRow:
    """What one node declaration writes: its (root) entity and the row of the node
    queries (``node_query``/``create_query``), empty lists and maps left out."""

    entity: LoadEntity
    row: dict[str, object]


@dataclass(slots=True)
class ReportedRow:
    """One ``(entity)-[:REPORTED_IN]->(:Source {id: source})`` row (``reported_query``)."""

    entity: LoadEntity
    source: str
    row: dict[str, object]


@dataclass(slots=True)
class RelRow:
    """One relationship row: ``args`` of ``rel_query`` (type, start label, end label,
    key property, has props), its identity (start id, end id, key) and whether it
    carries a quote or an inferred reason (the ``with_support`` query)."""

    args: tuple[Rel, Label, Label, str | None, bool]
    identity: tuple[object, object, object]
    row: dict[str, object]
    supported: bool


def node_rows(inputs: list[Input], resolver: Resolver, sink: list[Problem]) -> Iterator[NodeRow]:
    """Every node declaration of ``inputs`` as the row it writes, in input order: what
    the transactional writer and the bulk files (``iegraph.loaders.bulk``) both write."""
    for inp in inputs:
        for decl in inp.decls(sink, nodes_only=True):
            if not isinstance(decl, NodeDecl):
                continue
            entity = resolver.entity_of(decl)
            pairs = {name_key(a): a for a in [decl.name, *decl.aliases]}
            props = decl.props
            if decl.name_refs:
                props = dict(props)
                for prop, ref in decl.name_refs.items():
                    target = _endpoint(resolver, ref)
                    props[prop] = target.name
                    props[prop + "_id"] = target.id
            # empty lists and maps are left out (the query reads them as [] / {}), an
            # empty list property too: absent means empty, the graph stores none
            props = {k: v for k, v in props.items() if v != []}
            node_row: dict[str, object] = {"id": entity.id, "name": entity.name, "name_key": entity.key}
            alias_keys = [k for k in pairs if k != entity.key]
            if alias_keys:
                node_row["aliases"] = [pairs[k] for k in alias_keys]
                node_row["alias_keys"] = alias_keys
            if props:
                node_row["props"] = props
            if decl.inferred:
                node_row["inferred"] = decl.inferred
            yield NodeRow(entity, node_row)


def rel_rows(inputs: list[Input], resolver: Resolver, sink: list[Problem]) -> Iterator[ReportedRow | RelRow]:
    """Every REPORTED_IN and relationship row of ``inputs``, in the order they are
    written (links whose role was defaulted come last, see below)."""
    # Links whose role was defaulted (a project's parties column) wait until every row is
    # read: a party another row gives a role (participations: lead) is that relationship,
    # not a second one beside it. Only explicit roles of PARTICIPATES_IN are kept, and
    # only of the pairs a held link has: one entry per participation was 330 bytes (a set
    # and a tuple each), 300 MB at a million organisations, for inputs without parties.
    held: list[RelRow] = []
    held_pairs: set[tuple[object, object]] = set()
    given: dict[tuple[object, object], set[object]] = {}
    # inputs that gave an explicit role before the last held link was read: their roles
    # of pairs not yet held were passed over, and are read again at the end
    explicit: list[int] = []
    last_held = -1
    for index, inp in enumerate(inputs):
        gave = False
        for decl in inp.decls(sink):
            if isinstance(decl, NodeDecl):
                entity = resolver.entity_of(decl)
                for sid in decl.sources:
                    # no quote, no ``quotes``: an empty list is never stored
                    reported: dict[str, object] = {"id": entity.id, "source": sid}
                    if decl.quote:
                        reported["quotes"] = [decl.quote]
                    yield ReportedRow(entity, sid, reported)
                continue
            start = _endpoint(resolver, decl.start)
            end = _endpoint(resolver, decl.end)
            key_prop = decl.key_prop
            props = {k: v for k, v in decl.props.items() if v != []}  # absent means empty
            key = props.pop(key_prop, None) if key_prop else None
            sources = decl.sources
            if len(sources) > 1:  # quotes align with sources: no source twice
                sources = list(dict.fromkeys(sources))
            # only what the query reads: no null key, empty props, empty inferred, no
            # quote (the driver packs every row; smaller rows leave more CPU to Neo4j)
            row: dict[str, object] = {"start": start.id, "end": end.id, "sources": sources}
            if key_prop:
                row["key"] = key
            if props:
                row["props"] = props
            if decl.inferred:
                row["inferred"] = decl.inferred
            quote = decl.quote
            if decl.inferred_reason:
                row["inferred_reason"] = decl.inferred_reason
            elif quote is None:
                quote = fact_quote(decl, start, end)
            if quote and sources:
                row["quotes"] = [quote] * len(sources)
            args = (decl.type, start.label, end.label, key_prop, bool(props))
            supported = "quotes" in row or "inferred_reason" in row
            if decl.default_key:
                held.append(RelRow(args, (start.id, end.id, key), row, supported))
                held_pairs.add((start.id, end.id))
                last_held = index
                continue
            if decl.type is Rel.PARTICIPATES_IN and key != REL_KEY_DEFAULT[decl.type]:
                gave = True
                if (start.id, end.id) in held_pairs:
                    given.setdefault((start.id, end.id), set()).add(key)
            yield RelRow(args, (start.id, end.id, key), row, supported)
        if gave:
            explicit.append(index)
    for index in explicit:
        if index <= last_held:
            _given_roles(inputs[index], resolver, held_pairs, given, sink)
    for item in held:
        row = item.row
        for key in sorted(given.get((row["start"], row["end"]), {row["key"]}), key=str):
            yield RelRow(item.args, (row["start"], row["end"], key), {**row, "key": key}, item.supported)


def _given_roles(
    inp: Input,
    resolver: Resolver,
    pairs: set[tuple[object, object]],
    given: dict[tuple[object, object], set[object]],
    sink: list[Problem],
) -> None:
    """Add to ``given`` the explicit PARTICIPATES_IN roles ``inp`` gives the ``pairs``
    (start id, end id) of held links (``rel_rows``)."""
    default = REL_KEY_DEFAULT[Rel.PARTICIPATES_IN]
    for decl in inp.decls(sink):
        if isinstance(decl, NodeDecl) or decl.type is not Rel.PARTICIPATES_IN or decl.default_key:
            continue
        pair = (_endpoint(resolver, decl.start).id, _endpoint(resolver, decl.end).id)
        if pair in pairs:
            key = decl.props.get("role")
            if key != default:
                given.setdefault(pair, set()).add(key)


def _write(
    inputs: list[Input],
    resolver: Resolver,
    writer: BatchWriter,
    rel_writer: BatchWriter,
    started: float,
    guarded: set[Label],
) -> LoadReport:
    """Write nodes, then REPORTED_IN and relationships. New nodes of the ``guarded``
    labels (a unique ``id`` constraint exists) are CREATEd; everything else MERGEd."""
    phase = time.perf_counter()
    sink: list[Problem] = []
    written = Written(resolver)
    # Nodes first: relationships MATCH their endpoints by id.
    for item in node_rows(inputs, resolver, sink):
        entity = item.entity
        group = _group(entity)
        # the first row of an entity not found in the graph is created, not merged
        new = written.first(entity, group) and entity.label in guarded and not entity.existing
        writer.add_node(
            group,
            create_query(entity.label, entity.kind),
            node_query(entity.label, entity.kind),
            entity.id,
            item.row,
            new,
        )
    writer.flush()
    report = LoadReport(files=[str(i.path) for i in inputs])
    report.node_seconds = time.perf_counter() - phase
    phase = time.perf_counter()
    report.nodes_created = {k: writer.created.get(k, 0) for k in written.counts}
    report.nodes_written = dict(written.counts)
    writer = rel_writer
    for rel in rel_rows(inputs, resolver, sink):
        if isinstance(rel, ReportedRow):
            writer.add("REPORTED_IN", reported_query(rel.entity.label), (rel.entity.id, rel.source), rel.row)
            continue
        writer.add_rel(
            rel.args[0].value,
            rel_query(*rel.args),
            rel_query(*rel.args, with_support=True),
            rel.identity,
            rel.row,
            rel.supported,
        )
    writer.flush()
    report.rels_created = dict(writer.created)
    report.rels_written = dict(writer.rows)
    report.rel_seconds = time.perf_counter() - phase
    report.seconds = time.perf_counter() - started
    return report


def fact_quote(decl: RelDecl, start: LoadEntity, end: LoadEntity) -> str | None:
    """The quote of the fact that declares ``decl`` (the project of a party, the person
    of a position …) when it names the relationship's other end — its name or an alias
    occurs in the sentence, compared by ``name_key`` — so it states this link too.
    None otherwise: a relationship never borrows a sentence that does not name both."""
    if isinstance(decl.start, NodeDecl):
        owner, other = decl.start, end
    elif isinstance(decl.end, NodeDecl):
        owner, other = decl.end, start
    else:  # a generic relation or a table row: only its own quote counts
        return None
    if not owner.quote:
        return None
    text = name_key(owner.quote)
    keys = [other.key or name_key(other.name), *other.alias_keys]
    return owner.quote if any(k and k in text for k in keys) else None


def _endpoint(resolver: Resolver, end: Ref | NodeDecl) -> LoadEntity:
    if isinstance(end, NodeDecl):
        return resolver.entity_of(end)
    entity = resolver.resolve(end)
    assert entity is not None, "refs were checked before writing"
    return entity.root()
