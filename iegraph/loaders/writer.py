"""Batched, idempotent writes of resolved declarations.

Every query is ``UNWIND $rows AS row MERGE ... {id: row.id}`` on a constrained key,
one query per (label, org kind) or (relationship type, endpoint labels), each batch
in its own managed transaction (retried by the driver, hence idempotent). Lists
(aliases, inferred, sources, quotes) are accumulated as sets, so a second load, or
the rest of a load that was killed midway, changes nothing that a clean load would
not have written.
"""

from __future__ import annotations

import queue
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from iegraph.db import Graph, Row
from iegraph.schema.model import ORG_KINDS, Label, Rel

BATCH_SIZE = 10_000


def node_query(label: Label, kind: Label | None) -> str:
    """MERGE nodes of one label (and org kind); names only from the schema enums."""
    lbl = label.value
    kind_set = ""
    if kind is not None:
        others = ":".join(k.value for k in ORG_KINDS if k is not kind)
        kind_set = f"REMOVE n:{others} SET n:{kind.value}, n.kind = '{kind.value}' "
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{lbl} {{id: row.id}}) "
        "ON CREATE SET n.name = row.name, n.name_key = row.name_key, n.aliases = [], n.alias_keys = [], "
        "n.inferred = [] "
        f"{kind_set}"
        "SET n += row.props "
        "WITH n, row, coalesce(n.alias_keys, []) AS ak, coalesce(n.inferred, []) AS known_inf "
        "WITH n, row, ak, known_inf, [p IN row.alias_pairs WHERE p[1] <> n.name_key AND NOT p[1] IN ak] AS add "
        "SET n.aliases = coalesce(n.aliases, []) + [p IN add | p[0]], n.alias_keys = ak + [p IN add | p[1]], "
        "n.inferred = known_inf + [f IN row.inferred WHERE NOT f IN known_inf]"
    )


def reported_query(label: Label) -> str:
    """MERGE (n)-[:REPORTED_IN {quote, quotes}]->(:Source), quotes accumulated."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label.value} {{id: row.id}}) MATCH (s:{Label.SOURCE.value} {{id: row.source}}) "
        f"MERGE (n)-[r:{Rel.REPORTED_IN.value}]->(s) "
        "WITH r, row, coalesce(r.quotes, []) AS qs "
        "SET r.quote = coalesce(r.quote, row.quotes[0]), r.quotes = qs + [q IN row.quotes WHERE NOT q IN qs]"
    )


def rel_query(rel: Rel, start: Label, end: Label, key_prop: str | None) -> str:
    """MERGE relationships between ids; the key property (role/title) is part of the identity."""
    key = f" {{{key_prop}: row.key}}" if key_prop else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start.value} {{id: row.start}}) MATCH (b:{end.value} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel.value}{key}]->(b) "
        "WITH r, row, coalesce(r.sources, []) AS ss "
        "SET r += row.props, r.sources = ss + [s IN row.sources WHERE NOT s IN ss] "
        "WITH r, row WHERE size(row.inferred) > 0 "
        "WITH r, row, coalesce(r.inferred, []) AS known_inf "
        "SET r.inferred = known_inf + [f IN row.inferred WHERE NOT f IN known_inf]"
    )


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    return old + [x for x in new if x not in old]


def merge_rows(old: Row, new: Row) -> Row:
    """Combine two rows for the same node/relationship: Neo4j's pipelined runtime may
    read a property for every row of a batch before writing any, so a batch must not
    touch one node or relationship twice. Lists are united, props updated."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, list) and isinstance(old.get(key), list):
            merged[key] = _union(old[key], value)
        elif isinstance(value, dict) and isinstance(old.get(key), dict):
            merged[key] = {**old[key], **value}
        elif value is not None:
            merged[key] = value
    return merged


class BatchWriter:
    """Buffers rows per query (one row per node/relationship per batch) and hands full
    batches to one background thread, so that reading and converting the next rows
    (Python) overlaps with Neo4j writing the last batch. Batches run in FIFO order,
    each in its own managed transaction; ``flush`` waits for all of them."""

    def __init__(
        self,
        graph: Graph,
        batch_size: int = BATCH_SIZE,
        on_rows: Callable[[int], None] | None = None,
    ) -> None:
        self.graph = graph
        self.batch_size = batch_size
        self.on_rows = on_rows
        self.buffers: dict[tuple[str, str], dict[Any, Row]] = defaultdict(dict)
        self.created: dict[str, int] = defaultdict(int)
        self.rows: dict[str, int] = defaultdict(int)
        # two batches in flight at most: bounded memory, still overlapping
        self._queue: queue.Queue[tuple[tuple[str, str], list[Row]] | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="iegraph-writer", daemon=True)
        self._thread.start()

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
                    summary = self.graph.write_batches(key[1], [rows])
                except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                    self._error = exc
                    continue
                group = key[0]
                self.created[group] += summary.nodes_created + summary.relationships_created
                self.rows[group] += len(rows)
                if self.on_rows is not None:
                    self.on_rows(len(rows))
            finally:
                self._queue.task_done()

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
        """Stop the background thread (after ``flush``, or to abandon a failed load)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


def props_of(values: dict[str, Any]) -> dict[str, Any]:
    """Properties without nulls (``SET n += {x: null}`` would delete x)."""
    return {k: v for k, v in values.items() if v is not None}
