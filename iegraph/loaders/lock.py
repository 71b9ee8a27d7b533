"""One writer at a time: the graph's write lock, kept in the database itself.

A load validates its input against the graph and then writes; two loads at once
would each validate against a graph the other is changing (two kind labels on one
organisation, two 吉林省). So every writer of the loaders — ``load_paths``,
``merge_nodes``, ``enrich_colleges`` and the commands over them — holds this lock
from before it reads the graph until its last write.

The lock is one node, ``(:WriteLock {name: 'graph'})``, under a uniqueness
constraint on ``name``: it works wherever the database is (a shared or remote
server), and readers never look at it, so queries and views are never blocked. It
records who holds it (``holder``: the command; ``host``, ``pid``), since when
(``started``) and a lease (``expires``). A background thread renews the lease while
the writer runs (``HEARTBEAT`` times per lease); a writer that died stops renewing,
and once its lease has run out the next writer takes the lock over. A writer on the
same machine (same boot and process namespace) need not wait that long: it sees
that the holder's process is gone (killed, say) and takes the lock over at once.

Times are the database's clock (``timestamp()``, ms since the epoch), so writers on
hosts with different clocks agree on when a lease has expired. Taking the lock is
one write transaction: ``MERGE`` on the constrained name creates the node or finds
it, a ``SET`` locks it, and only then are its token and lease read — two contenders
for a free or expired lock are serialised by Neo4j and exactly one wins.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from iegraph.db import Row, Runner
from iegraph.errors import IegraphError, LockedError, QueryError
from iegraph.schema.model import SYSTEM_CONSTRAINTS, SystemLabel

#: The one lock of a database (its ``name``).
LOCK_NAME = "graph"
#: Seconds a lease lasts without renewal: how long a crashed writer blocks the next one.
DEFAULT_LEASE = 60.0
#: Renewals per lease: a writer loses its lock only after this many missed renewals.
HEARTBEAT = 4
#: Seconds between tries while waiting for the lock.
POLL = 1.0

_LOCK = SystemLabel.WRITE_LOCK.value
_CONSTRAINT = SYSTEM_CONSTRAINTS[0]

#: Creates the lock node or finds it; ``SET l.claim`` takes Neo4j's exclusive lock
#: on it before anything of it is read, so the test below sees the last committed
#: holder; a free node (just created), an expired lease or the lock of a holder
#: known to be dead (``$dead``: its token) is taken in the same transaction.
#: ``timestamp()`` is one value for the whole statement.
_ACQUIRE = (
    f"MERGE (l:{_LOCK} {{name: $name}}) "
    "ON CREATE SET l.token = $token, l.holder = $holder, l.host = $host, l.pid = $pid, "
    "l.machine = $machine, "
    "l.started = timestamp(), l.renewed = timestamp(), l.expires = timestamp() + $lease_ms "
    "ON MATCH SET l.claim = $token "
    "WITH l, l.token <> $token AND (l.expires <= timestamp() OR l.token = $dead) AS stale, "
    "l.holder AS old_holder, l.host AS old_host, l.pid AS old_pid, l.expires AS old_expires "
    "FOREACH (_ IN CASE WHEN stale THEN [1] ELSE [] END | "
    "SET l.token = $token, l.holder = $holder, l.host = $host, l.pid = $pid, l.machine = $machine, "
    "l.started = timestamp(), l.renewed = timestamp(), l.expires = timestamp() + $lease_ms) "
    "REMOVE l.claim "
    "RETURN l.token = $token AS won, stale, l.token AS token, l.machine AS machine, "
    "l.holder AS holder, l.host AS host, l.pid AS pid, "
    "l.started AS started, l.expires AS expires, timestamp() AS now, "
    "old_holder, old_host, old_pid, old_expires"
)
_RENEW = (
    f"MATCH (l:{_LOCK} {{name: $name}}) WHERE l.token = $token "
    "SET l.renewed = timestamp(), l.expires = timestamp() + $lease_ms RETURN count(l) AS held"
)
_RELEASE = f"MATCH (l:{_LOCK} {{name: $name}}) WHERE l.token = $token DELETE l RETURN count(*) AS released"


def _machine() -> str:
    """This machine's boot and process namespace ('' where unknown): two processes
    with equal values see the same pids, so one can tell whether the other is alive."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        return f"{boot}/{os.readlink('/proc/self/ns/pid')}"
    except OSError:
        return ""


def _gone(pid: int) -> bool:
    """Whether no process ``pid`` exists on this machine (not this process's own)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


def _when(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds the lock, as the database saw it at ``now`` (all times in ms)."""

    holder: str
    host: str
    pid: int
    started: int
    expires: int
    now: int

    @classmethod
    def of(cls, row: Row) -> LockInfo:
        """From a row with holder, host, pid, started, expires, now (a field missing
        from a lock node written by hand reads as '?' or 0)."""
        return cls(
            str(row["holder"] or "?"),
            str(row["host"] or "?"),
            int(row["pid"] or 0),
            int(row["started"] or 0),
            int(row["expires"] or 0),
            int(row["now"]),
        )

    def describe(self) -> str:
        """One line: ``iegraph load on host h (pid 12) since 2026-12-04 22:10:03 UTC (40 s ago)``."""
        ago = max(self.now - self.started, 0) / 1000
        return f"{self.holder} on {self.host} (pid {self.pid}) since {_when(self.started)} ({ago:.0f} s ago)"


class WriteLock:
    """The graph's write lock for one writer (``holder`` names it, e.g. ``iegraph load``).

    ``acquire`` takes it (failing fast, or waiting up to ``wait`` seconds), starts the
    heartbeat and returns; ``release`` gives it back. As a context manager it is taken
    on entry (failing fast) and released on exit. ``check`` raises once the lock was
    lost (taken over after this writer failed to renew it for a whole lease), so a
    writer can stop before writing more.
    """

    def __init__(
        self,
        runner: Runner,
        holder: str,
        lease: float = DEFAULT_LEASE,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        if lease <= 0:
            raise ValueError("the lease must be positive")
        self.runner = runner
        self.holder = holder
        self.lease = lease
        self.echo = echo
        self.token = uuid.uuid4().hex
        self._machine = _machine()
        self.held = False
        self._lost: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------- taking it

    def _params(self) -> dict[str, object]:
        return {
            "name": LOCK_NAME,
            "token": self.token,
            "holder": self.holder,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "machine": self._machine,
            "lease_ms": int(self.lease * 1000),
            "dead": None,
        }

    def _ensure_constraint(self) -> None:
        """Create the lock's uniqueness constraint when ``schema apply`` never ran: without
        it two contenders could each create a lock node."""
        rows = self.runner.read(
            "SHOW CONSTRAINTS YIELD name WHERE name = $name RETURN count(*) AS n", {"name": _CONSTRAINT.name}
        )
        if rows and rows[0]["n"]:
            return
        try:
            self.runner.write(_CONSTRAINT.cypher())
        except QueryError:
            # another writer may have created it at the same moment: fine if it exists now
            rows = self.runner.read(
                "SHOW CONSTRAINTS YIELD name WHERE name = $name RETURN count(*) AS n",
                {"name": _CONSTRAINT.name},
            )
            if not rows or not rows[0]["n"]:
                raise

    def try_acquire(self) -> LockInfo | None:
        """Take the lock if it is free, its lease has expired, or its holder ran on
        this machine and its process is gone; None when taken, else who holds it.
        Raises QueryError if the database gave no answer."""
        if self.held:
            return None
        params = self._params()
        row = self._try(params)
        if (
            not row["won"]
            and self._machine
            and row["machine"] == self._machine
            and _gone(int(row["pid"] or 0))
        ):
            # the holder ran here and its process is gone: no need to wait out its lease
            row = self._try({**params, "dead": row["token"]})
        if not row["won"]:
            return LockInfo.of(row)
        if row["stale"] and self.echo is not None:
            expires = int(row["old_expires"])
            why = (
                f"whose lease expired at {_when(expires)}"
                if expires <= int(row["now"])
                else "whose process has ended"
            )
            self.echo(
                f"Took over the write lock of {row['old_holder']} on {row['old_host']} "
                f"(pid {row['old_pid']}), {why}"
            )
        self.held = True
        self._lost = None
        self._start_heartbeat()
        return None

    def _try(self, params: dict[str, object]) -> Row:
        rows = self.runner.write(_ACQUIRE, params)
        if not rows:
            raise QueryError("the write lock query returned nothing")
        return rows[0]

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock. If another writer holds it: raise LockedError naming it at
        once (``wait`` 0), or wait up to ``wait`` seconds (``math.inf``: as long as it
        takes), saying so once through ``echo``, then take it or raise LockedError."""
        self._ensure_constraint()
        deadline = time.monotonic() + wait
        told = False
        while True:
            other = self.try_acquire()
            if other is None:
                return
            left = deadline - time.monotonic()
            if left <= 0:
                waited = f" after waiting {wait:g} s" if wait > 0 else ""
                hint = "" if wait > 0 else "; try again later, or pass --wait [SECONDS] to wait for it"
                raise LockedError(f"the graph is being written by {other.describe()}{waited}{hint}")
            if not told and self.echo is not None:
                limit = "" if wait == float("inf") else f" (up to {wait:g} s)"
                self.echo(
                    f"Waiting for the write lock{limit}: held by {other.describe()}, "
                    f"lease expires in {max(other.expires - other.now, 0) / 1000:.0f} s unless renewed"
                )
                told = True
            time.sleep(min(POLL, left))

    # ---------------------------------------------------------------- holding it

    def _start_heartbeat(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat, name="iegraph-write-lock", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        """Renew the lease every lease/HEARTBEAT s; a failed renewal is tried again at
        the next beat, and the lock counts as lost once it is gone from the database
        or a whole lease went by without a renewal."""
        interval = self.lease / HEARTBEAT
        renewed = time.monotonic()
        while not self._stop.wait(interval):
            try:
                rows = self.runner.write(_RENEW, self._params())
            except IegraphError:
                if time.monotonic() - renewed >= self.lease:
                    self._lost = "its lease ran out while the database could not be reached"
                    return
                continue
            if not rows or not rows[0]["held"]:
                self._lost = "another writer took it over after its lease ran out"
                return
            renewed = time.monotonic()

    def check(self) -> None:
        """Raise LockedError if this writer has lost the lock (or never held it)."""
        if not self.held:
            raise LockedError(f"{self.holder} does not hold the graph's write lock")
        if self._lost is not None:
            raise LockedError(
                f"{self.holder} lost the graph's write lock: {self._lost}; it stopped writing "
                "(what it wrote before stays: run it again to finish)"
            )

    def record(self, hold_for: float) -> dict[str, object]:
        """The lock node's properties as this writer holds it, with a lease of
        ``hold_for`` seconds from now by this machine's clock: for a writer that writes
        the database's store itself (the bulk import puts this node into the new store,
        so the lock is still its own when the server comes back)."""
        now = int(time.time() * 1000)
        params = self._params()
        keep = ("name", "token", "holder", "host", "pid", "machine")
        return {
            **{k: params[k] for k in keep},
            "started": now,
            "renewed": now,
            "expires": now + int(hold_for * 1000),
        }

    def pause(self) -> None:
        """Stop renewing the lease but keep the lock (while the server is down: a bulk
        import); ``resume`` renews it and restarts the heartbeat."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def resume(self) -> None:
        """Renew the lease at once and restart the heartbeat after ``pause``; raises
        LockedError when the lock is no longer this writer's."""
        rows = self.runner.write(_RENEW, self._params())
        if not rows or not rows[0]["held"]:
            self._lost = "it was gone when the server came back"
            self.check()
        self._start_heartbeat()

    def release(self) -> None:
        """Stop the heartbeat and delete the lock node if it is still this writer's."""
        if not self.held:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.held = False
        self.runner.write(_RELEASE, {"name": LOCK_NAME, "token": self.token})

    def __enter__(self) -> WriteLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


@contextlib.contextmanager
def holding(runner: Runner, lock: WriteLock | None, holder: str) -> Iterator[WriteLock]:
    """The lock a writer runs under: ``lock`` when the caller holds it (checked), else
    one of its own named ``holder``, taken failing fast and released afterwards."""
    if lock is not None:
        lock.check()
        yield lock
        return
    with WriteLock(runner, holder) as own:
        yield own
