"""A load killed midway and run again ends with exactly the graph of one clean load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.loaders.generate import generate
from tests.dbtools import wipe
from tests.test_load import counts


def _start(data: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "iegraph.cli", "load", str(data), "--batch-size", "300"],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_when(graph: Graph, proc: subprocess.Popen[bytes], query: str, threshold: int) -> int:
    """SIGKILL the load once ``query`` counts more than ``threshold``; return that count."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        seen = int(graph.read(query)[0]["c"])
        if seen > threshold:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return seen
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"the load finished before it could be killed: {err}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the load wrote nothing in time")


def test_killed_twice_then_rerun_equals_a_clean_load(
    graph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "eco"
    generate(data, 3000, seed=11)

    # 1st run: killed while writing nodes; 2nd: killed while writing relationships
    nodes_seen = _kill_when(graph, _start(data, cli_env), "MATCH (n) RETURN count(n) AS c", 1000)
    total_nodes = 0
    rels_seen = _kill_when(graph, _start(data, cli_env), "MATCH ()-[r]->() RETURN count(r) AS c", 2000)
    assert nodes_seen > 1000 and rels_seen > 2000
    # 3rd run completes
    done = subprocess.run(
        [sys.executable, "-m", "iegraph.cli", "load", str(data)],
        env={**os.environ, **cli_env},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    after_kills = counts(graph)
    total_nodes = sum(after_kills["nodes"].values())

    wipe(graph)
    load_paths(graph, [data])
    clean = counts(graph)
    assert after_kills == clean
    assert total_nodes > nodes_seen
