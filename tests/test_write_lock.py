"""The graph's write lock against the real Neo4j, and the invariants the database
keeps beyond it (one kind per organisation, one region or industry per name)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError, LockedError, QueryError
from iegraph.loaders import WriteLock, load_paths
from iegraph.loaders.duplicates import merge_nodes
from iegraph.loaders.lock import LOCK_NAME, _machine
from iegraph.loaders.writer import BatchWriter, node_query
from iegraph.schema.apply import apply_schema
from iegraph.schema.model import Label
from tests.dbtools import run_unmanaged
from tests.helpers import run_cli
from tests.test_load import write
from tests.test_load_concurrent import run_together

KINDS = (Label.ENTERPRISE, Label.GOVERNMENT)

SHEET = """\
source: {id: src-1, title: 第一篇}
organizations:
  - {id: org-1, name: 甲公司, kind: Enterprise, region: 吉林省}
regions:
  - {name: 吉林省, level: province}
"""


def _stale_lock(graph: Graph, holder: str = "iegraph load", pid: int = 4242) -> None:
    """The lock node a holder that crashed leaves behind: its lease ran out 5 s ago."""
    graph.write(
        "CREATE (:WriteLock {name: $name, token: 'dead', holder: $holder, host: 'elsewhere', pid: $pid, "
        "started: timestamp() - 65000, renewed: timestamp() - 65000, expires: timestamp() - 5000})",
        {"name": LOCK_NAME, "holder": holder, "pid": pid},
    )


def _lock_nodes(graph: Graph) -> list[dict[str, object]]:
    return graph.read("MATCH (l:WriteLock) RETURN l.holder AS holder, l.pid AS pid ORDER BY holder")


def test_a_live_lock_is_not_taken_and_the_refusal_names_its_holder(graph: Graph) -> None:
    first = WriteLock(graph, "iegraph load")
    first.acquire()
    try:
        second = WriteLock(graph, "iegraph merge")
        with pytest.raises(LockedError) as refused:
            second.acquire()
        message = str(refused.value)
        assert message.startswith(f"the graph is being written by iegraph load on {os.uname().nodename} ")
        assert f"(pid {os.getpid()}) since " in message and "pass --wait" in message
        with pytest.raises(LockedError, match=r" \(\d+ s ago\) after waiting 1.5 s$"):
            second.acquire(wait=1.5)
        assert not second.held
        assert _lock_nodes(graph) == [{"holder": "iegraph load", "pid": os.getpid()}]
    finally:
        first.release()
    assert _lock_nodes(graph) == []


def test_a_lock_whose_lease_expired_is_taken_over(graph: Graph) -> None:
    _stale_lock(graph)
    told: list[str] = []
    lock = WriteLock(graph, "iegraph merge", echo=told.append)
    lock.acquire()
    try:
        assert told == [told[0]]
        assert told[0].startswith("Took over the write lock of iegraph load on elsewhere (pid 4242)")
        assert _lock_nodes(graph) == [{"holder": "iegraph merge", "pid": os.getpid()}]
    finally:
        lock.release()


def test_a_lock_left_by_a_killed_process_on_this_machine_is_taken_over_at_once(graph: Graph) -> None:
    live = subprocess.Popen(["sleep", "60"])
    dead = subprocess.Popen(["true"])
    dead.wait()
    try:
        for pid, taken in ((live.pid, False), (dead.pid, True)):
            run_unmanaged(graph, "MATCH (l:WriteLock) DELETE l", write=True)
            graph.write(
                "CREATE (:WriteLock {name: $name, token: 'killed', holder: 'iegraph load', host: 'here', "
                "pid: $pid, machine: $machine, started: timestamp(), renewed: timestamp(), "
                "expires: timestamp() + 600000})",
                {"name": LOCK_NAME, "pid": pid, "machine": _machine()},
            )
            told: list[str] = []
            lock = WriteLock(graph, "iegraph load", echo=told.append)
            assert (lock.try_acquire() is None) is taken
            assert told == (
                [f"Took over the write lock of iegraph load on here (pid {pid}), whose process has ended"]
                if taken
                else []
            )
            lock.release()
    finally:
        live.kill()
        live.wait()


def test_two_contenders_for_an_expired_lock_never_both_win(graph: Graph) -> None:
    for _round in range(8):  # bounded: 8 races of 4 contenders
        _stale_lock(graph)
        locks = [WriteLock(graph, f"writer {i}") for i in range(4)]
        assert run_together([lock.try_acquire for lock in locks]) == [None] * 4
        winners = [lock for lock in locks if lock.held]
        assert len(winners) == 1
        assert _lock_nodes(graph) == [{"holder": winners[0].holder, "pid": os.getpid()}]
        winners[0].release()


def test_the_heartbeat_keeps_a_short_lease_alive_and_a_lost_lock_stops_the_writer(graph: Graph) -> None:
    lock = WriteLock(graph, "iegraph load", lease=1.0)
    lock.acquire()
    try:
        time.sleep(2.5)  # more than two leases: only renewals keep it
        with pytest.raises(LockedError):
            WriteLock(graph, "iegraph merge").acquire()
        lock.check()
        # another writer takes the lock (as after a lease that ran out while paused)
        graph.write("MATCH (l:WriteLock) SET l.token = 'other'")
        lost: LockedError | None = None
        deadline = time.monotonic() + 10  # the next renewal, within lease/4 = 0.25 s
        while lost is None and time.monotonic() < deadline:
            try:
                lock.check()
            except LockedError as exc:
                lost = exc
            time.sleep(0.05)
        assert lost is not None
        assert "lost the graph's write lock: another writer took it over" in str(lost)
        # the writer's next batch is refused before it is sent
        writer = BatchWriter(graph, 10, guard=lock.check)
        writer.add("Organization", node_query(Label.ORGANIZATION, Label.ENTERPRISE), "x", {"id": "x"})
        with pytest.raises(LockedError):
            writer.flush()
        writer.close()
    finally:
        lock.release()
    assert graph.read("MATCH (n:Organization) RETURN count(n) AS n") == [{"n": 0}]
    # release left the other writer's lock alone
    assert graph.read("MATCH (l:WriteLock) RETURN l.token AS token") == [{"token": "other"}]


def test_cli_fails_fast_or_waits_and_readers_are_not_blocked(
    graph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    sheet = write(tmp_path / "s.yaml", SHEET)
    holder = WriteLock(graph, "iegraph enrich-colleges")
    holder.acquire()
    try:
        refused = run_cli("load", str(sheet))
        assert refused.exit_code == 7
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "iegraph enrich-colleges on " in lines[0] and "pass --wait" in lines[0]
        # readers go on while a writer holds the lock
        assert run_cli("query", "stats", "--format", "json").exit_code == 0
        assert run_cli("load", str(sheet), "--check").exit_code == 0
        timer = threading.Timer(2.0, holder.release)
        timer.start()
        started = time.monotonic()
        waited = run_cli("load", str(sheet), "--wait", "60")
    finally:
        timer.cancel()
        holder.release()
    assert waited.exit_code == 0, waited.stderr
    assert time.monotonic() - started >= 1.5
    assert "Waiting for the write lock (up to 60 s): held by iegraph enrich-colleges" in waited.stderr
    assert graph.read("MATCH (o:Organization) RETURN o.id AS id") == [{"id": "org-1"}]
    assert _lock_nodes(graph) == []
    for command in (("merge", "a", "b"), ("enrich-colleges",)):
        with WriteLock(graph, "iegraph load"):
            busy = run_cli(*command)
        assert busy.exit_code == 7 and "is being written by iegraph load" in busy.stderr


def test_an_organisation_keeps_one_kind_even_when_a_writer_skips_validation(graph: Graph) -> None:
    # two writers MERGE the same id as different kinds at once, with no lock and no
    # validation: the database lets exactly one kind in and refuses the other batch
    row = {"id": "org-x", "name": "某", "name_key": "某"}
    writes = [partial(graph.write_batches, node_query(Label.ORGANIZATION, k), [[row]]) for k in KINDS]
    for _round in range(5):  # bounded races
        run_unmanaged(graph, "MATCH (n) DETACH DELETE n", write=True)
        errors = [e for e in run_together(writes) if e is not None]
        rows = graph.read("MATCH (o:Organization) RETURN labels(o) AS labels, o.kind AS kind")
        assert len(rows) == 1 and len(rows[0]["labels"]) == 2 and rows[0]["kind"] in rows[0]["labels"]
        assert len(errors) == 1 and isinstance(errors[0], QueryError)
    # through the loader's writer the refusal names the organisation and both kinds
    kind = str(rows[0]["kind"])
    other = Label.GOVERNMENT if kind == Label.ENTERPRISE.value else Label.ENTERPRISE
    writer = BatchWriter(graph, 10)
    writer.add(other.value, node_query(Label.ORGANIZATION, other), "org-x", {"id": "org-x", "name": "某"})
    with pytest.raises(
        QueryError,
        match=f"refused a batch of 1 {other.value} organisations: in the graph 'org-x' is a {kind}",
    ):
        writer.flush()
    writer.close()


def test_a_region_name_is_one_node_even_when_a_writer_skips_validation(graph: Graph) -> None:
    writes = [
        partial(
            graph.write_batches,
            node_query(Label.REGION, None),
            [[{"id": rid, "name": "吉林省", "name_key": "吉林省"}]],
        )
        for rid in ("greg-p06", "reg-1")
    ]
    for _round in range(5):  # two ids of one name written at once: one is refused
        run_unmanaged(graph, "MATCH (n) DETACH DELETE n", write=True)
        errors = [e for e in run_together(writes) if e is not None]
        assert graph.read("MATCH (r:Region) RETURN count(r) AS n") == [{"n": 1}]
        assert len(errors) == 1 and isinstance(errors[0], QueryError)


def test_a_load_naming_a_region_under_a_second_id_is_refused_before_writing(
    graph: Graph, tmp_path: Path
) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", SHEET)])
    again = SHEET.replace("{name: 吉林省, level: province}", "{id: greg-p06, name: 吉林省, level: province}")
    again = again.replace("org-1", "org-2").replace("src-1", "src-2")
    with pytest.raises(
        InputError, match=r"Region '吉林省' \(greg-p06\) has the name of 吉林省 \(reg-\w+\) in the graph"
    ):
        load_paths(graph, [write(tmp_path / "b.yaml", again)])
    both = again.replace("regions:\n", "regions:\n  - {id: greg-x, name: 吉林省, level: province}\n")
    with pytest.raises(InputError, match=r"has the name of 吉林省 \(greg-\w+\) at "):
        load_paths(graph, [write(tmp_path / "c.yaml", both)])
    assert graph.read("MATCH (n:Organization) RETURN n.id AS id") == [{"id": "org-1"}]


def test_schema_apply_names_the_duplicates_an_old_graph_holds(graph: Graph) -> None:
    run_unmanaged(graph, "DROP CONSTRAINT region_name_key_unique", write=True)
    try:
        graph.write(
            "CREATE (:Region {id: 'greg-p06', name: '吉林省', name_key: '吉林省'}), "
            "(:Region {id: 'reg-1', name: '吉林省', name_key: '吉林省'})"
        )
        with pytest.raises(
            QueryError, match=r"Region '吉林省' \(greg-p06, reg-1\).*iegraph merge KEEP OTHER"
        ):
            apply_schema(graph)
        assert graph.read("MATCH (r:Region) RETURN count(r) AS n") == [{"n": 2}]
        merge_nodes(graph, "greg-p06", "reg-1")  # what the message says to do
        apply_schema(graph)
    finally:
        run_unmanaged(graph, "MATCH (n) DETACH DELETE n", write=True)
        apply_schema(graph)
    assert graph.read(
        "SHOW CONSTRAINTS YIELD name WHERE name = 'region_name_key_unique' RETURN count(*) AS n"
    ) == [{"n": 1}]
