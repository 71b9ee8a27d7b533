"""Batched, idempotent writes of resolved declarations.

Every query is ``UNWIND $rows AS row MERGE ... {id: row.id}`` on a constrained key,
one query per (label, org kind) or (relationship type, endpoint labels), each batch
in its own managed transaction (retried by the driver, hence idempotent). Lists
(aliases, inferred, sources, quotes) are accumulated as sets, so a second load, or
the rest of a load that was killed midway, changes nothing that a clean load would
not have written. An empty list is never stored (absent means empty: at a million
organisations the empty lists alone filled most of the array store), and a list
that exists only grows: a row without one leaves it as it is. A relationship's ``quotes`` stay aligned with its ``sources``
(``aligned_quotes``).

Nodes the resolver believes new go through ``UNWIND … CREATE`` first (about a
fifth faster on the node phase: MERGE looks every row up in the transaction's own
changes too). The unique ``id`` constraint makes that safe: a batch in which any
node exists after all is refused whole and rolled back, and the MERGE runs
instead — so a re-run, a concurrent writer or a retried commit still ends in the
graph a single clean load gives.
"""

from __future__ import annotations

import functools
import queue
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from iegraph.db import Row, Runner, WriteSummary
from iegraph.errors import QueryError
from iegraph.schema.model import ORG_KINDS, Label, Rel

#: Rows per transaction. Node batches are smaller: Neo4j checks each new node's
#: uniqueness against the transaction's own earlier nodes, which grows with the batch
#: (bench/bench_load.py: 5,000 beat 2,000 and 10,000 on the node phase).
BATCH_SIZE = 10_000
NODE_BATCH_SIZE = 5_000


def _unless_empty(expr: str) -> str:
    """Cypher: the list ``expr``, or null (no property) when it is empty or null."""
    return f"CASE WHEN size(coalesce({expr}, [])) > 0 THEN {expr} END"


def grown(old: str, new: str) -> str:
    """Cypher for a stored list ``old`` united with the list ``new`` (either may be
    null): ``old`` unchanged (null stays absent, [] stays []) when ``new`` adds nothing,
    so a union never writes an empty list nor drops one that exists."""
    add = f"[x IN coalesce({new}, []) WHERE NOT x IN coalesce({old}, [])]"
    return f"CASE WHEN size({add}) > 0 THEN coalesce({old}, []) + {add} ELSE {old} END"


@functools.cache  # one text per label/type combination, asked for every row
def node_query(label: Label, kind: Label | None) -> str:
    """MERGE nodes of one label (and org kind); names only from the schema enums.

    ON CREATE / ON MATCH keep every write inside the MERGE (a read-after-write in a
    later clause would add an Eager barrier per clause). The plan still holds one Eager
    (EXPLAIN on 5.26; not traced — it stays without ``n += props``).
    Lists are united on match; ``aliases`` is set before ``alias_keys`` because
    the SET items apply left to right and both read the old ``alias_keys``. No list
    is stored empty: on create an empty one is null (no property); on match a list
    is written only when the row adds to it, else it stays as it was (absent, or an
    older loader's []).

    An organisation is MERGEd with its kind label in the pattern: a node of that id
    with another kind does not match, so MERGE tries to create a second one and the
    unique ``id`` constraint refuses the whole batch (``BatchWriter`` says which
    organisation). The database, not only validation, keeps one kind per organisation.
    """
    lbl = label.value + (f":{kind.value}" if kind is not None else "")
    kind_set = f", n.kind = '{kind.value}'" if kind is not None else ""
    new_alias = "NOT alias_keys[i] IN coalesce(n.alias_keys, []) AND alias_keys[i] <> n.name_key"
    new_key = "NOT k IN coalesce(n.alias_keys, []) AND k <> n.name_key"
    return (
        # rows leave out empty lists and maps (smaller payloads: the driver packs every row)
        "UNWIND $rows AS row WITH row, coalesce(row.aliases, []) AS aliases, "
        "coalesce(row.alias_keys, []) AS alias_keys, coalesce(row.inferred, []) AS inferred, "
        "coalesce(row.props, {}) AS props "
        f"MERGE (n:{lbl} {{id: row.id}}) "
        "ON CREATE SET n.name = row.name, n.name_key = row.name_key, "
        f"n.aliases = {_unless_empty('aliases')}, n.alias_keys = {_unless_empty('alias_keys')}, "
        f"n.inferred = {_unless_empty('inferred')}, n += props{kind_set} "
        f"ON MATCH SET n += props{kind_set}, "
        "n.name = coalesce(n.name, row.name), n.name_key = coalesce(n.name_key, row.name_key), "
        f"n.aliases = CASE WHEN any(i IN range(0, size(aliases) - 1) WHERE {new_alias}) "
        f"THEN coalesce(n.aliases, []) + [i IN range(0, size(aliases) - 1) WHERE {new_alias} "
        "| aliases[i]] ELSE n.aliases END, "
        f"n.alias_keys = CASE WHEN any(k IN alias_keys WHERE {new_key}) "
        f"THEN coalesce(n.alias_keys, []) + [k IN alias_keys WHERE {new_key}] ELSE n.alias_keys END, "
        f"n.inferred = {grown('n.inferred', 'inferred')}"
    )


@functools.cache  # one text per label/type combination, asked for every row
def create_query(label: Label, kind: Label | None) -> str:
    """CREATE nodes of one label (and org kind) that are new: the same properties as
    ``node_query``'s ON CREATE branch, from the same rows (so either can write them)."""
    labels = label.value + (f":{kind.value}" if kind is not None else "")
    kind_set = f", n.kind = '{kind.value}'" if kind is not None else ""
    return (
        "UNWIND $rows AS row "
        f"CREATE (n:{labels} {{id: row.id, name: row.name, name_key: row.name_key, "
        f"aliases: {_unless_empty('row.aliases')}, alias_keys: {_unless_empty('row.alias_keys')}, "
        f"inferred: {_unless_empty('row.inferred')}}}) "
        f"SET n += coalesce(row.props, {{}}){kind_set}"
    )


@functools.cache  # one text per label/type combination, asked for every row
def reported_query(label: Label) -> str:
    """MERGE (n)-[:REPORTED_IN {quote, quotes}]->(:Source), quotes accumulated; rows
    without a quote have no ``quotes`` and write none."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label.value} {{id: row.id}}) MATCH (s:{Label.SOURCE.value} {{id: row.source}}) "
        f"MERGE (n)-[r:{Rel.REPORTED_IN.value}]->(s) "
        f"ON CREATE SET r.quote = row.quotes[0], r.quotes = {_unless_empty('row.quotes')} "
        "ON MATCH SET r.quote = coalesce(r.quote, row.quotes[0]), "
        f"r.quotes = {grown('r.quotes', 'row.quotes')}"
    )


def aligned_quotes(old_sources: str, old_quotes: str, new_sources: str, new_quotes: str) -> str:
    """Cypher for the ``quotes`` that go with ``old_sources`` + the new sources not in it
    (the order ``sources`` are united in): index by index, the old quote, or the new
    one where the old was '' (or missing: a relationship written before quotes were
    stored has ``sources`` only, all its quotes count as ''), then the new sources'
    quotes. Arguments are Cypher expressions; any may be null."""
    os_, oq = f"coalesce({old_sources}, [])", f"coalesce({old_quotes}, [])"
    ns, nq = f"coalesce({new_sources}, [])", f"coalesce({new_quotes}, [])"
    given = f"head([j IN range(0, size({ns}) - 1) WHERE {ns}[j] = {os_}[i] AND coalesce({nq}[j], '') <> '' | {nq}[j]])"
    return (
        f"[i IN range(0, size({os_}) - 1) | CASE WHEN coalesce({oq}[i], '') <> '' THEN {oq}[i] "
        f"ELSE coalesce({given}, '') END] "
        f"+ [j IN range(0, size({ns}) - 1) WHERE NOT {ns}[j] IN {os_} | coalesce({nq}[j], '')]"
    )


@functools.cache  # one text per label/type combination, asked for every row
def rel_query(
    rel: Rel,
    start: Label,
    end: Label,
    key_prop: str | None,
    with_props: bool = False,
    with_support: bool = False,
) -> str:
    """MERGE relationships between ids; the key property (role/title) is part of the identity.
    ``inferred`` is only stored when some field was inferred (null = no property),
    ``sources`` only when there is one.

    ``quotes`` (the relationship's own quote per source, '' for none) is aligned with
    ``sources``; it is absent while no source gave a quote (rows send ``quotes`` only
    when they have one), so links without quotes cost nothing: only the
    ``with_support`` query (rows with a quote or an inferred reason) sets them on
    create — two null SETs per row were 18 % more database hits on the create path
    (PROFILE). On match, both keep an existing ``quotes`` aligned. ``quotes`` is set
    before ``sources``: SET items apply left to right and it reads the old sources.
    ``inferred_reason`` (also before ``sources``): a row stating the relationship
    removes it; a row inferring it keeps the reason there is, or sets its own when
    every source of the relationship is among the row's — its sheet is then the
    only authority (a reload after re-curation, a graph of the loader before
    inferred links, whose relationships have none); else another source stated it.

    Only rows with extra properties use ``r += row.props``: a map SET may write any
    key, the planner then fears a conflict with the ``id`` seeks and adds an Eager."""
    key = f" {{{key_prop}: row.key}}" if key_prop else ""
    props = "r += row.props, " if with_props else ""
    quotes = aligned_quotes("r.sources", "r.quotes", "row.sources", "row.quotes")
    return (
        # rows leave out an empty ``inferred`` (smaller payloads: the driver packs every row)
        "UNWIND $rows AS row WITH row, coalesce(row.inferred, []) AS inferred "
        f"MATCH (a:{start.value} {{id: row.start}}) MATCH (b:{end.value} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel.value}{key}]->(b) "
        f"ON CREATE SET {props}r.sources = {_unless_empty('row.sources')}, "
        + ("r.quotes = row.quotes, r.inferred_reason = row.inferred_reason, " if with_support else "")
        + "r.inferred = CASE WHEN size(inferred) > 0 THEN inferred END "
        f"ON MATCH SET {props}"
        f"r.quotes = CASE WHEN row.quotes IS NULL AND r.quotes IS NULL THEN null ELSE {quotes} END, "
        "r.inferred_reason = CASE WHEN row.inferred_reason IS NULL THEN null "
        "WHEN r.inferred_reason IS NOT NULL THEN r.inferred_reason "
        "WHEN all(s IN coalesce(r.sources, []) WHERE s IN row.sources) THEN row.inferred_reason END, "
        f"r.sources = {grown('r.sources', 'row.sources')}, "
        "r.inferred = CASE WHEN size(inferred) > 0 OR r.inferred IS NOT NULL THEN "
        "coalesce(r.inferred, []) + [f IN inferred WHERE NOT f IN coalesce(r.inferred, [])] END"
    )


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    return old + [x for x in new if x not in old]


def _aligned(old: Row, new: Row) -> tuple[list[str], list[str]]:
    """The united sources of two relationship rows and their aligned quotes (a source
    keeps its first non-empty quote)."""
    quotes: dict[str, str] = {}
    for row in (old, new):
        sources = row.get("sources", [])
        for sid, quote in zip(sources, row.get("quotes") or [""] * len(sources), strict=True):
            if not quotes.get(sid):
                quotes[sid] = quote
    return list(quotes), list(quotes.values())


def merge_rows(old: Row, new: Row) -> Row:
    """Combine two rows for the same node/relationship: Neo4j's pipelined runtime may
    read a property for every row of a batch before writing any, so a batch must not
    touch one node or relationship twice. Lists are united, props updated; as the
    relationship query does, a relationship's quotes stay aligned with its sources and
    its ``inferred_reason`` stays only if both rows inferred it."""
    merged = dict(old)
    if "sources" in new:  # a relationship row
        if "quotes" in old or "quotes" in new:
            merged["sources"], quotes = _aligned(old, new)
            if any(quotes):
                merged["quotes"] = quotes
            new = {k: v for k, v in new.items() if k not in ("sources", "quotes")}
        if "inferred_reason" not in new:
            merged.pop("inferred_reason", None)
        else:  # stated before (none) or inferred before (the first reason): keep old's
            new = {k: v for k, v in new.items() if k != "inferred_reason"}
    if "alias_keys" in new:
        # aliases and their keys stay pairwise aligned: unite them as pairs
        pairs = dict(zip(old.get("alias_keys", []), old.get("aliases", []), strict=True))
        for k, a in zip(new["alias_keys"], new["aliases"], strict=True):
            pairs.setdefault(k, a)
        merged["alias_keys"], merged["aliases"] = list(pairs), list(pairs.values())
        new = {k: v for k, v in new.items() if k not in ("aliases", "alias_keys")}
    for key, value in new.items():
        if isinstance(value, list) and isinstance(old.get(key), list):
            merged[key] = _union(old[key], value)
        elif isinstance(value, dict) and isinstance(old.get(key), dict):
            merged[key] = {**old[key], **value}
        elif value is not None:
            merged[key] = value
    return merged


class BatchWriter:
    """Buffers rows per query and hands full batches to ``workers`` background threads,
    each batch in its own managed transaction.

    Reading and converting the next rows (Python, in the caller's thread) overlaps with
    Neo4j writing earlier batches. ``load_paths`` runs two workers per phase
    (``NODE_WORKERS``, ``REL_WORKERS``): two transactions at a time keep both cores of a
    small machine busy. At most ``workers + 1`` full batches wait, so memory stays
    bounded whatever the size of the input.

    Batches leave the queue in the order they filled, but with more than one worker they
    run side by side and commit in any order. Nothing depends on that order:

    - a batch touches each node or relationship once (rows of one identity are merged in
      Python first, ``merge_rows``);
    - every write is a MERGE, or a CREATE that the unique ``id`` constraint refuses whole
      when a node exists after all, whereupon the batch is written by MERGE. A later
      MERGE row of an entity whose CREATE batch is still running (another worker) thus
      ends on the same node whichever commits first;
    - a relationship MERGE locks both end nodes and looks again before it creates
      (``LockingMerge`` in the plan), so two batches that share a relationship write it
      once. Batches that lock shared hub nodes (a source, a region) in opposite order can
      deadlock; Neo4j reports that as a transient error and the driver retries the
      managed transaction, which is idempotent;
    - the phases are ordered by the caller: ``flush`` returns only when every batch is
      written, so relationships, which MATCH their end nodes, start after the last node
      batch has committed.

    The first failure stops the writing: the batches still queued are dropped and the
    error is raised in the caller's thread by the next ``flush`` (or full batch).
    """

    def __init__(
        self,
        graph: Runner,
        batch_size: int = BATCH_SIZE,
        on_rows: Callable[[int], None] | None = None,
        workers: int = 1,
        guard: Callable[[], None] | None = None,
    ) -> None:
        self.graph = graph
        #: called before each batch: raises to stop the writing (the write lock was lost)
        self.guard = guard
        self.batch_size = batch_size
        self.on_rows = on_rows
        self.buffers: dict[tuple[str, str], dict[Any, Row]] = defaultdict(dict)
        self.created: dict[str, int] = defaultdict(int)
        self.rows: dict[str, int] = defaultdict(int)
        # a few batches in flight at most: bounded memory, still overlapping
        self._queue: queue.Queue[tuple[tuple[str, str], list[Row]] | None] = queue.Queue(maxsize=workers + 1)
        #: create query -> its MERGE fallback; create queries refused once in this load
        #: (a re-run: the rest of their batches exist too) go straight to the fallback
        self._fallback: dict[str, str] = {}
        self._refused: set[str] = set()
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._work, name=f"iegraph-writer-{i}", daemon=True)
            for i in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                if self._error is not None:
                    continue  # drain after a failure
                key, rows = item
                try:
                    if self.guard is not None:
                        self.guard()
                    summary = self._write(key, rows)
                except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                    self._error = exc
                    continue
                group = key[0]
                with self._lock:
                    self.created[group] += summary.nodes_created + summary.relationships_created
                    self.rows[group] += len(rows)
                    if self.on_rows is not None:
                        self.on_rows(len(rows))
            finally:
                self._queue.task_done()

    def _write(self, key: tuple[str, str], rows: list[Row]) -> WriteSummary:
        try:
            return self._write_rows(key[1], rows)
        except QueryError:
            kind = next((k for k in ORG_KINDS if k.value == key[0]), None)
            if kind is not None:
                self._explain_kind_conflict(kind, rows)
            raise

    def _explain_kind_conflict(self, kind: Label, rows: list[Row]) -> None:
        """After a batch of ``kind`` organisations was refused: if some of them exist
        with another kind (written by another writer after this load validated), raise
        a QueryError that names them instead of Neo4j's constraint message."""
        found = self.graph.read(
            f"MATCH (n:{Label.ORGANIZATION.value}) WHERE n.id IN $ids AND NOT n:{kind.value} "
            "RETURN n.id AS id, n.kind AS kind ORDER BY id LIMIT 3",
            {"ids": [row["id"] for row in rows]},
        )
        if found:
            names = ", ".join(f"{r['id']!r} is a {r['kind']}" for r in found)
            raise QueryError(
                f"refused a batch of {len(rows)} {kind.value} organisations: in the graph {names} "
                "(an organisation has exactly one kind; did another writer change the graph "
                "during this load?); the load stopped, the batches written before stay"
            )

    def _write_rows(self, query: str, rows: list[Row]) -> WriteSummary:
        fallback = self._fallback.get(query)
        if fallback is None:
            return self.graph.write_batches(query, [rows])
        if query in self._refused:
            return self.graph.write_batches(fallback, [rows])
        summary, created = self.graph.write_new(query, fallback, rows)
        if not created:
            with self._lock:
                self._refused.add(query)
        return summary

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def add(self, group: str, query: str, identity: Any, row: Row) -> None:
        """Queue ``row`` for ``query``; ``group`` names the counter (label or type),
        ``identity`` the node/relationship it writes (rows with equal identity merge)."""
        key = (group, query)
        buffer = self.buffers[key]
        old = buffer.get(identity)
        buffer[identity] = row if old is None else merge_rows(old, row)
        if len(buffer) >= self.batch_size:
            self._flush(key)

    def add_rel(self, group: str, plain: str, support: str, identity: Any, row: Row, supported: bool) -> None:
        """Queue a relationship row: for ``support`` when it carries a quote or an
        inferred reason (``supported``), else for ``plain``. One pending row per
        relationship: a row for a relationship already waiting in the other buffer
        joins it there (a plain row waiting moves to ``support``, which writes both)."""
        if supported:
            waiting = self.buffers.get((group, plain))
            old = waiting.pop(identity, None) if waiting else None
            self.add(group, support, identity, row if old is None else merge_rows(old, row))
        elif identity in self.buffers.get((group, support), {}):
            self.add(group, support, identity, row)
        else:
            self.add(group, plain, identity, row)

    def add_node(self, group: str, create: str, merge: str, identity: Any, row: Row, new: bool) -> None:
        """Queue a node row: for ``create`` when the node is believed ``new`` (first row
        of an entity not found in the graph), else for ``merge``. A later row of an
        entity whose first row still waits in the create buffer joins it there."""
        self._fallback[create] = merge
        if not new and identity in self.buffers.get((group, create), {}):
            self.add(group, create, identity, row)
        else:
            self.add(group, create if new else merge, identity, row)

    def _flush(self, key: tuple[str, str]) -> None:
        self._check()
        rows = list(self.buffers.pop(key, {}).values())
        if rows:
            self._queue.put((key, rows))

    def flush(self) -> None:
        """Send every partial batch and wait until all batches are written."""
        for key in list(self.buffers):
            self._flush(key)
        self._queue.join()
        self._check()

    def close(self) -> None:
        """Stop the background threads (after ``flush``, or to abandon a failed load)."""
        alive = [t for t in self._threads if t.is_alive()]
        for _ in alive:
            self._queue.put(None)
        for thread in alive:
            thread.join()
