"""A fake ``Runner`` for unit tests that need no database.

For code whose behaviour does not depend on what Neo4j does: which queries and rows
a loader sends, in which batches, that user input travels as parameters and never
inside the query text. What Neo4j does with them is tested against Neo4j.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from iegraph.db import Params, Row, WriteSummary


class Call(NamedTuple):
    """One recorded call: ``mode`` is read, write, batch (one per batch of
    write_batches, and the fallback of a refused write_new) or create (a write_new
    attempt); ``params`` holds a batch's rows under ``rows``."""

    mode: str
    query: str
    params: dict[str, Any]


@dataclass
class RecordingRunner:
    """Records every call; ``read``/``write`` return the canned ``responses`` in order
    (then no rows); ``write_new`` refuses the create queries listed in ``refuse``, as a
    uniqueness constraint would, and then records its fallback as a batch."""

    responses: list[list[Row]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    calls: list[Call] = field(default_factory=list)
    database: str = "neo4j"
    # the loader writes from background threads
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _record(self, mode: str, query: str, params: Params) -> None:
        with self._lock:
            self.calls.append(Call(mode, query, dict(params)))

    def _next(self) -> list[Row]:
        with self._lock:
            return self.responses.pop(0) if self.responses else []

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        self._record("read", query, params or {})
        return self._next()

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        self._record("write", query, params or {})
        return self._next()

    def write_batches(self, query: str, batches: Iterable[Sequence[Row]]) -> WriteSummary:
        summary = WriteSummary()
        for batch in batches:
            self._record("batch", query, {"rows": list(batch)})
            summary.rows += len(batch)
        return summary

    def write_new(self, create: str, fallback: str, rows: Sequence[Row]) -> tuple[WriteSummary, bool]:
        self._record("create", create, {"rows": list(rows)})
        if create in self.refuse:
            return self.write_batches(fallback, [rows]), False
        return WriteSummary(rows=len(rows)), True

    def batches(self, query: str | None = None) -> list[list[Row]]:
        """The row lists written (batches and creates), of ``query`` if given, in call order."""
        return [
            list(c.params["rows"])
            for c in self.calls
            if c.mode in ("batch", "create") and (query is None or c.query == query)
        ]
