"""The one seam through which iegraph talks to Neo4j.

``Graph`` wraps a driver and a database name: every query runs through its
``read``/``write``/``write_batches`` methods, which always name the database and
translate the driver's exceptions into iegraph's one-line errors. Library code
takes a ``Runner`` (anything with ``read`` and ``write``), so notebooks can pass a
driver or session (``as_runner``) and pure unit tests a ``RecordingRunner``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, RoutingControl, Session
from neo4j import exceptions as neo4j_exc

from iegraph import __version__
from iegraph.errors import ConnectionFailure, IegraphError, QueryError
from iegraph.settings import ConnectionSettings, ServerSettings

# The driver logs warnings (e.g. "Unable to retrieve routing information") that would
# reach stderr through logging's last-resort handler; iegraph reports failures itself.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

Row = dict[str, Any]
Params = Mapping[str, Any]


@runtime_checkable
class Runner(Protocol):
    """What query code needs from the database: run a read or a write, get rows."""

    database: str

    def read(self, query: str, params: Params | None = None) -> list[Row]: ...

    def write(self, query: str, params: Params | None = None) -> list[Row]: ...


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


@contextlib.contextmanager
def translate_errors(uri: str, database: str) -> Iterator[None]:
    """Turn driver exceptions into IegraphError subclasses with one clear line.

    The URI is named, the password never is (it is not in scope here at all).
    """
    try:
        yield
    except IegraphError:
        raise
    except neo4j_exc.AuthError as exc:
        raise ConnectionFailure(
            f"Neo4j at {uri} refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD"
        ) from exc
    except neo4j_exc.ServiceUnavailable as exc:
        raise ConnectionFailure(
            f"cannot reach Neo4j at {uri}: is the server running and the URI right? "
            "(for the local server: iegraph server status)"
        ) from exc
    except neo4j_exc.ConfigurationError as exc:
        raise ConnectionFailure(f"bad Neo4j URI {uri!r}: {_one_line(str(exc))}") from exc
    except neo4j_exc.Neo4jError as exc:
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            raise ConnectionFailure(
                f"database {database!r} does not exist at {uri}: set NEO4J_DATABASE or --database"
            ) from exc
        if code.startswith("Neo.ClientError.Security"):
            raise ConnectionFailure(
                f"Neo4j at {uri} refused access: {_one_line(exc.message or code)}"
            ) from exc
        if code.endswith("AccessMode") or "read access mode" in (exc.message or ""):
            raise QueryError(
                "this query writes, but ran read-only: pass --write to allow writes "
                f"(Neo4j: {_one_line(exc.message or code)})"
            ) from exc
        raise QueryError(f"Neo4j: {_one_line(exc.message or code)}") from exc
    except neo4j_exc.DriverError as exc:
        raise ConnectionFailure(f"Neo4j driver error for {uri}: {_one_line(str(exc))}") from exc
    except ValueError as exc:
        # The driver raises ValueError for unparsable URIs.
        if "URI" in str(exc) or "scheme" in str(exc):
            raise ConnectionFailure(f"bad Neo4j URI {uri!r}: {_one_line(str(exc))}") from exc
        raise


@dataclass
class WriteSummary:
    """Counters summed over the batches of a write."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    labels_added: int = 0
    rows: int = 0

    def add(self, counters: Any, rows: int) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.labels_added += counters.labels_added
        self.rows += rows


def _execute(session: Session, query: str, rows: Sequence[Row], extra: Params | None = None) -> Any:
    """Run ``query`` with ``$rows`` (plus ``extra``) in one managed transaction; its counters.

    The row list handed to the driver is emptied afterwards: the driver's session,
    transaction and result objects form reference cycles that keep the query
    parameters until a full garbage collection, which the loader defers (it keeps
    millions of long-lived objects); emptied, a batch's rows are freed at once."""
    sent: list[list[Row]] = []

    def work(tx: ManagedTransaction) -> Any:
        payload = list(rows)  # a fresh list per attempt: the driver retries transient failures
        sent.append(payload)
        result = tx.run(query, {"rows": payload, **dict(extra or {})})  # type: ignore[arg-type]
        return result.consume().counters

    try:
        return session.execute_write(work)
    finally:
        for payload in sent:
            payload.clear()


class Graph:
    """A driver bound to one database: the only place that executes Cypher."""

    def __init__(self, driver: Driver, database: str, uri: str = "neo4j") -> None:
        self.driver = driver
        self.database = database
        self.uri = uri

    def _errors(self) -> contextlib.AbstractContextManager[None]:
        return translate_errors(self.uri, self.database)

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        """Run a read query routed to readers (refused by Neo4j if it writes)."""
        with self._errors():
            records, _, _ = self.driver.execute_query(
                query,  # type: ignore[arg-type]
                dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.READ,
            )
        return [dict(r) for r in records]

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        """Run one write query in a managed (retried) transaction."""
        with self._errors():
            records, _, _ = self.driver.execute_query(
                query,  # type: ignore[arg-type]
                dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.WRITE,
            )
        return [dict(r) for r in records]

    def write_batches(
        self,
        query: str,
        batches: Iterable[Sequence[Row]],
        on_batch: Callable[[int], None] | None = None,
        extra: Params | None = None,
    ) -> WriteSummary:
        """Run ``query`` (an ``UNWIND $rows`` MERGE) once per batch, each in its own
        managed transaction. Transactions are retried, so the query must be idempotent.
        """
        summary = WriteSummary()
        with self._errors(), self.driver.session(database=self.database) as session:
            for batch in batches:
                counters = _execute(session, query, batch, extra)
                summary.add(counters, len(batch))
                if on_batch is not None:
                    on_batch(len(batch))
        return summary

    def write_new(self, create: str, fallback: str, rows: Sequence[Row]) -> tuple[WriteSummary, bool]:
        """Write ``rows`` believed to be new with ``create`` (an ``UNWIND … CREATE``, cheaper
        than MERGE: no per-row look-up in the transaction's own changes), in one managed
        transaction. If a uniqueness constraint refuses it — some row exists after all (a
        re-run after a killed load, a concurrent writer, a retried commit that had gone
        through) — the transaction is rolled back and ``fallback`` (the idempotent MERGE)
        runs instead. Returns the summary and whether ``create`` went through."""
        summary = WriteSummary()
        with self._errors(), self.driver.session(database=self.database) as session:
            try:
                counters = _execute(session, create, rows)
                created = True
            except neo4j_exc.ConstraintError:
                counters = _execute(session, fallback, rows)
                created = False
        summary.add(counters, len(rows))
        return summary, created

    def run_unmanaged(self, query: str, params: Params | None = None, write: bool = False) -> list[Row]:
        """Run a query as an auto-commit transaction (needed for CALL {…} IN TRANSACTIONS
        and schema commands), read-only unless ``write``."""
        mode = "WRITE" if write else READ_ACCESS
        with self._errors(), self.driver.session(database=self.database, default_access_mode=mode) as s:
            return [dict(r) for r in s.run(query, dict(params or {}))]  # type: ignore[arg-type]

    def close(self) -> None:
        self.driver.close()


class SessionRunner:
    """Adapts a caller's open Session to the Runner protocol."""

    def __init__(self, session: Session, database: str = "neo4j") -> None:
        self.session = session
        self.database = database

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        return self.session.execute_read(
            lambda tx: [dict(r) for r in tx.run(query, dict(params or {}))]  # type: ignore[arg-type]
        )

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        return self.session.execute_write(
            lambda tx: [dict(r) for r in tx.run(query, dict(params or {}))]  # type: ignore[arg-type]
        )


def as_runner(target: Runner | Driver | Session, database: str = "neo4j") -> Runner:
    """Accept a Graph/Runner, a neo4j Driver or an open Session, return a Runner."""
    if isinstance(target, Driver):
        return Graph(target, database)
    if isinstance(target, Session):
        return SessionRunner(target, database)
    if isinstance(target, Runner):
        return target
    raise TypeError(f"expected a Graph, neo4j Driver or Session, got {type(target).__name__}")


@dataclass
class RecordingRunner:
    """A fake Runner for pure unit tests: records every call, returns canned rows.

    Only for code whose behaviour does not depend on what Neo4j does (e.g. that
    user input travels as parameters, never inside the query text).
    """

    responses: list[list[Row]] = field(default_factory=list)
    calls: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    database: str = "neo4j"

    def _next(self) -> list[Row]:
        return self.responses.pop(0) if self.responses else []

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        self.calls.append(("read", query, dict(params or {})))
        return self._next()

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        self.calls.append(("write", query, dict(params or {})))
        return self._next()


def connect(
    conn: ConnectionSettings,
    server: ServerSettings,
    echo: Callable[[str], None] = lambda _: None,
) -> Graph:
    """Open the process's one driver from settings and check the database answers.

    With no URI configured, use the managed local server, starting it if needed.
    """
    if conn.is_local:
        from iegraph.server import manager

        if not manager.is_running(server):
            echo("The local Neo4j is not running; starting it (iegraph server start) ...")
            took = manager.start(server, echo)
            if took is not None:
                echo(f"Local Neo4j started in {took:.1f} s at {server.bolt_uri}")
        user, password = manager.read_credentials(server)
        uri = server.bolt_uri
    else:
        assert conn.uri is not None
        uri = conn.uri
        user = conn.user
        if conn.password is None:
            raise ConnectionFailure(
                f"no password for {user} at {uri}: set NEO4J_PASSWORD (or use a terminal to be prompted)"
            )
        password = conn.password
    with translate_errors(uri, conn.database):
        driver = GraphDatabase.driver(uri, auth=(user, password), user_agent=f"iegraph/{__version__}")
    graph = Graph(driver, conn.database, uri)
    try:
        with translate_errors(uri, conn.database):
            driver.verify_connectivity()
        # dbms.components() answers on user and system databases alike.
        graph.read("CALL dbms.components() YIELD name RETURN name LIMIT 1")
    except IegraphError:
        driver.close()
        raise
    return graph
