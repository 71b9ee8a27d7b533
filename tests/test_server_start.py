"""Start once, whoever asks: concurrent auto-starts share one server; a stale pid file
misleads neither ``server status`` nor ``server stop``.

These tests start a server of their own in a throw-away home on free ports (the session's
test server is not involved), so the module costs one Neo4j start (30–70 s here).
Linux only: the server's processes are counted from /proc.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from iegraph.server import manager
from iegraph.settings import ServerSettings
from tests.helpers import run_cli

pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")

#: How many commands race to auto-start the stopped server.
RACERS = 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _servers_of(home: Path) -> list[int]:
    """PIDs of the processes running Neo4j on this home, straight from /proc."""
    wanted = f"--home-dir={home / 'neo4j'}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if wanted in args:
            pids.append(int(entry.name))
    return pids


def _dead_pid() -> int:
    """The pid of a process that has exited (what a crash leaves in the pid file)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return int(proc.stdout)


@dataclass
class Race:
    """A home whose stopped server RACERS commands tried to auto-start at once."""

    settings: ServerSettings
    env: dict[str, str]
    results: list[subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def race(server_tools: ServerSettings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Race]:
    """Run RACERS ``iegraph cypher`` processes at once against a stopped local server."""
    settings = ServerSettings(
        home=tmp_path_factory.mktemp("race-home"),
        bolt_port=_free_port(),
        http_port=_free_port(),
        heap="512m",
        pagecache="128m",
        jars_dir=server_tools.jars_root,
        java=server_tools.java,
    )
    manager.ensure_jars(settings)  # fetched before the race, so it races for the start only
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        IEGRAPH_HOME=str(settings.home),
        IEGRAPH_BOLT_PORT=str(settings.bolt_port),
        IEGRAPH_HTTP_PORT=str(settings.http_port),
        IEGRAPH_JARS_DIR=str(settings.jars_root),
        IEGRAPH_HEAP=settings.heap,
        IEGRAPH_PAGECACHE=settings.pagecache,
        IEGRAPH_JAVA=settings.java,
    )
    cli = [sys.executable, "-c", "from iegraph.cli import main; main()"]
    procs = [
        subprocess.Popen(
            [*cli, "cypher", f"RETURN {n} AS n", "--format", "csv"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(RACERS)
    ]
    try:
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=settings.startup_timeout + 120)
            results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        yield Race(settings, env, results)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        manager.stop(settings)
        for pid in _servers_of(settings.home):  # only if stop missed one: a failed test's leftovers
            os.kill(pid, 9)


def test_concurrent_auto_starts_share_one_server(race: Race, monkeypatch: pytest.MonkeyPatch) -> None:
    for n, result in enumerate(race.results):
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["n", str(n)]
        assert "Traceback" not in result.stderr
    # Only the one that started the server says so; the others waited for it.
    said_started = [r for r in race.results if "Local Neo4j started" in r.stderr]
    assert len(said_started) == 1, [r.stderr for r in race.results]
    assert sum("Starting Neo4j" in r.stderr for r in race.results) == 1
    servers = _servers_of(race.settings.home)
    assert len(servers) == 1
    assert (race.settings.neo4j_home / "run" / "iegraph-neo4j.pid").read_text().split() == [str(servers[0])]

    for key, value in race.env.items():
        monkeypatch.setenv(key, value)
    result = run_cli("server", "status")
    assert result.exit_code == 0, result.stderr
    assert f"running (pid {servers[0]})" in result.stdout
    # and another command uses it without starting anything
    result = run_cli("cypher", "RETURN 7 AS n", "--format", "csv")
    assert (result.exit_code, result.stdout.split(), result.stderr) == (0, ["n", "7"], "")


def test_stale_pid_file_misleads_neither_status_nor_stop(race: Race, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in race.env.items():
        monkeypatch.setenv(key, value)
    pid_file = race.settings.neo4j_home / "run" / "iegraph-neo4j.pid"
    [server] = _servers_of(race.settings.home)
    dead = _dead_pid()
    assert dead != server

    pid_file.write_text(f"{dead}\n")  # as a crash of an earlier server leaves it
    result = run_cli("server", "status")
    assert result.exit_code == 0, result.stderr
    assert f"running (pid {server})" in result.stdout
    assert pid_file.read_text().split() == [str(server)]  # repaired

    pid_file.write_text(f"{dead}\n")
    result = run_cli("server", "stop")
    assert (result.exit_code, result.stderr.strip()) == (0, "The local Neo4j stopped")
    assert _servers_of(race.settings.home) == []
    assert not pid_file.exists()
    with socket.socket() as sock:  # nothing listens on the port any more
        assert sock.connect_ex(("127.0.0.1", race.settings.bolt_port)) != 0

    pid_file.write_text(f"{dead}\n")
    result = run_cli("server", "status")
    assert "stopped" in result.stdout
    assert not pid_file.exists()  # a dead pid is cleaned
    result = run_cli("server", "stop")
    assert (result.exit_code, result.stderr.strip()) == (0, "The local Neo4j was not running")
