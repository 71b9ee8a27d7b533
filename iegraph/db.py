"""The one seam through which iegraph talks to Neo4j.

``Graph`` wraps a driver and a database name: every query runs through its
``read``/``write``/``write_batches``/``write_new`` methods, which always name the
database and translate the driver's exceptions into iegraph's one-line errors.
Library code (questions, views, loaders, schema) takes a ``Runner`` — the protocol of
those four methods — so a notebook can pass its own driver or session
(``as_runner``) and a unit test a recording fake (``tests/fakes.py``).
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    RoutingControl,
    Session,
    SummaryCounters,
)
from neo4j import exceptions as neo4j_exc

from iegraph import __version__
from iegraph.errors import ConnectionFailure, IegraphError, QueryError
from iegraph.settings import ConnectionSettings, ServerSettings, redact_uri

# Neo4j values are heterogeneous (text, numbers, lists, temporals, nodes): rows and
# parameters are maps from names to any of them.
Row = dict[str, Any]
Params = Mapping[str, Any]


@runtime_checkable
class Runner(Protocol):
    """Everything library code needs from the database: reads, writes and batched writes.

    ``Graph`` (the CLI's connection) and ``SessionRunner`` (a caller's open session)
    implement it; a unit test can implement it with a fake that records the calls.
    """

    #: The database queries run in (named in error messages).
    database: str

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        """Run a read-only query and return its rows."""
        ...

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        """Run one write (or schema) query in a managed transaction and return its rows."""
        ...

    def write_batches(self, query: str, batches: Iterable[Sequence[Row]]) -> WriteSummary:
        """Run ``query`` with ``$rows`` bound to each batch, one managed transaction per batch."""
        ...

    def write_new(self, create: str, fallback: str, rows: Sequence[Row]) -> tuple[WriteSummary, bool]:
        """Run ``create`` with ``$rows``; if a constraint refuses it, ``fallback`` instead.

        Returns the summary and whether ``create`` went through."""
        ...


#: What the public library functions accept: a Runner, or a neo4j Driver or open Session.
Target = Runner | Driver | Session


def quiet_driver_logs() -> None:
    """Keep the neo4j driver's log records (e.g. "Unable to retrieve routing
    information", server notifications) off stderr, where logging's last-resort
    handler would print them. For iegraph's own programs (the CLI, the benchmarks),
    which report failures themselves; importing the library changes nothing."""
    driver_log = logging.getLogger("neo4j")
    # a logger without handlers would fall back to the last-resort handler after all
    if not any(isinstance(h, logging.NullHandler) for h in driver_log.handlers):
        driver_log.addHandler(logging.NullHandler())
    driver_log.propagate = False


def _one_line(text: str) -> str:
    """A driver message as one line, without the credentials of any URI it quotes."""
    return redact_uri(" ".join(str(text).split()))


#: Neo4j's message when a query calls a full-text index that does not exist.
_MISSING_FULLTEXT = re.compile(r"no such fulltext schema index:?\s*`?([\w.-]*)", re.IGNORECASE)


@contextlib.contextmanager
def translate_errors(uri: str, database: str) -> Iterator[None]:
    """Turn driver exceptions into IegraphError subclasses with one clear line.

    The URI is named without any user:password it carries (``redact_uri``), and so are
    URIs the driver's own message quotes; the password itself is not in scope here.
    """
    uri = redact_uri(uri)
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
        missing = _MISSING_FULLTEXT.search(exc.message or "")
        if missing:
            # a database the schema was never applied to (loads apply it; a graph written
            # by other means may lack it): the fix, not Neo4j's Java message
            index = f" {missing.group(1)}" if missing.group(1) else ""
            raise QueryError(
                f"database {database!r} has no full-text index{index} (name look-ups use it): "
                "run iegraph schema apply, then ask again"
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

    def add(self, counters: SummaryCounters, rows: int) -> None:
        """Add one transaction's counters and its number of rows."""
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.labels_added += counters.labels_added
        self.rows += rows


def _execute(session: Session, query: str, rows: Sequence[Row]) -> SummaryCounters:
    """Run ``query`` with ``$rows`` in one managed transaction; its counters.

    The row list handed to the driver is emptied afterwards: the driver's session,
    transaction and result objects form reference cycles that keep the query
    parameters until a full garbage collection, which the loader defers (it keeps
    millions of long-lived objects); emptied, a batch's rows are freed at once."""
    sent: list[list[Row]] = []

    def work(tx: ManagedTransaction) -> SummaryCounters:
        payload = list(rows)  # a fresh list per attempt: the driver retries transient failures
        sent.append(payload)
        result = tx.run(query, {"rows": payload})  # type: ignore[arg-type]
        return result.consume().counters

    try:
        return session.execute_write(work)
    finally:
        for payload in sent:
            payload.clear()


def _write_batches(session: Session, query: str, batches: Iterable[Sequence[Row]]) -> WriteSummary:
    """``Runner.write_batches`` over one session: a managed transaction per batch."""
    summary = WriteSummary()
    for batch in batches:
        summary.add(_execute(session, query, batch), len(batch))
    return summary


def _write_new(
    session: Session, create: str, fallback: str, rows: Sequence[Row]
) -> tuple[WriteSummary, bool]:
    """``Runner.write_new`` over one session: ``create``, or ``fallback`` if a constraint refuses it."""
    try:
        counters = _execute(session, create, rows)
        created = True
    except neo4j_exc.ConstraintError:
        counters = _execute(session, fallback, rows)
        created = False
    summary = WriteSummary()
    summary.add(counters, len(rows))
    return summary, created


class Graph:
    """A driver bound to one database: the CLI's connection, a ``Runner``.

    Safe to share between threads: every call takes its own session from the driver.
    """

    def __init__(self, driver: Driver, database: str, uri: str = "neo4j") -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        #: causal consistency of read/write (each query sees the ones before it)
        self._bookmarks = GraphDatabase.bookmark_manager()

    def forget_bookmarks(self) -> None:
        """Start causal consistency afresh: after a bulk import replaced the store under
        a restarted server, the bookmarks name transactions the new store never had,
        and every query would wait for them until it timed out."""
        self._bookmarks = GraphDatabase.bookmark_manager()

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
                bookmark_manager_=self._bookmarks,
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
                bookmark_manager_=self._bookmarks,
            )
        return [dict(r) for r in records]

    def write_batches(self, query: str, batches: Iterable[Sequence[Row]]) -> WriteSummary:
        """Run ``query`` (an ``UNWIND $rows`` MERGE) once per batch, each in its own
        managed transaction. Transactions are retried, so the query must be idempotent.
        """
        with self._errors(), self.driver.session(database=self.database) as session:
            return _write_batches(session, query, batches)

    def write_new(self, create: str, fallback: str, rows: Sequence[Row]) -> tuple[WriteSummary, bool]:
        """Write ``rows`` believed to be new with ``create`` (an ``UNWIND … CREATE``, cheaper
        than MERGE: no per-row look-up in the transaction's own changes), in one managed
        transaction. If a uniqueness constraint refuses it — some row exists after all (a
        re-run after a killed load, a concurrent writer, a retried commit that had gone
        through) — the transaction is rolled back and ``fallback`` (the idempotent MERGE)
        runs instead. Returns the summary and whether ``create`` went through."""
        with self._errors(), self.driver.session(database=self.database) as session:
            return _write_new(session, create, fallback, rows)

    def close(self) -> None:
        """Close the driver (and its connection pool)."""
        self.driver.close()


class SessionRunner:
    """A caller's open Session as a ``Runner`` (a notebook's session, say).

    Queries run in managed transactions of that session, so they see its bookmarks
    and database; driver errors become IegraphError lines as with ``Graph``. A
    Session is not thread-safe, so calls are serialised (the loader writes from
    background threads): one transaction at a time.
    """

    def __init__(self, session: Session, database: str = "neo4j", uri: str = "the session's server") -> None:
        self.session = session
        self.database = database
        self.uri = uri
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def _use(self) -> Iterator[Session]:
        with self._lock, translate_errors(self.uri, self.database):
            yield self.session

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        """Run a read query in a managed read transaction of the session."""
        with self._use() as session:
            return session.execute_read(_rows_of, query, dict(params or {}))

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        """Run one write query in a managed write transaction of the session."""
        with self._use() as session:
            return session.execute_write(_rows_of, query, dict(params or {}))

    def write_batches(self, query: str, batches: Iterable[Sequence[Row]]) -> WriteSummary:
        """As ``Graph.write_batches``, in the session."""
        with self._use() as session:
            return _write_batches(session, query, batches)

    def write_new(self, create: str, fallback: str, rows: Sequence[Row]) -> tuple[WriteSummary, bool]:
        """As ``Graph.write_new``, in the session."""
        with self._use() as session:
            return _write_new(session, create, fallback, rows)


def _rows_of(tx: ManagedTransaction, query: str, params: Params) -> list[Row]:
    return [dict(r) for r in tx.run(query, params)]  # type: ignore[arg-type]


def as_runner(target: Target, database: str = "neo4j") -> Runner:
    """Accept a Runner (e.g. a Graph), a neo4j Driver or an open Session; return a Runner.

    A Driver's queries run in ``database``. A Session runs in the database it was
    opened on; pass that name as ``database`` so error messages name it. A Runner is
    returned as it is (it knows its database).
    """
    if isinstance(target, Driver):
        return Graph(target, database)
    if isinstance(target, Session):
        return SessionRunner(target, database)
    if isinstance(target, Runner):
        return target
    raise TypeError(f"expected a Graph, neo4j Driver or Session, got {type(target).__name__}")


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

        # start() is idempotent and waits for a start under way in another process, so
        # commands run at once share one server; only the one that started it says so.
        took = manager.start(server, echo)
        if took is not None:
            echo(f"Local Neo4j started in {took:.1f} s at {server.bolt_uri}")
        user, password = manager.read_credentials(server)
        uri = server.bolt_uri
    else:
        assert conn.uri is not None
        uri = conn.uri
        user = conn.user
        if redact_uri(uri) != uri:
            # the driver refuses them too, in a message that would quote the URI
            raise ConnectionFailure(
                f"the Neo4j URI {redact_uri(uri)} carries a user name or password: give the "
                "user with --user or NEO4J_USERNAME and the password in NEO4J_PASSWORD"
            )
        if conn.password is None:
            raise ConnectionFailure(
                f"no password for {user} at {uri}: set NEO4J_PASSWORD (or use a terminal to be prompted)"
            )
        password = conn.password
    with translate_errors(uri, conn.database):
        driver = GraphDatabase.driver(uri, auth=(user, password), user_agent=f"iegraph/{__version__}")
    graph = Graph(driver, conn.database, redact_uri(uri))
    try:
        with translate_errors(uri, conn.database):
            driver.verify_connectivity()
        # dbms.components() answers on user and system databases alike.
        graph.read("CALL dbms.components() YIELD name RETURN name LIMIT 1")
    except IegraphError:
        driver.close()
        raise
    return graph
