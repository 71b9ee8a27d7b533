"""Load throughput on a generated ecosystem (``iegraph generate``) against a real local Neo4j.

Starts a throw-away server (own home, free ports, like the tests), generates
``--orgs`` organisations, loads them ``--rounds`` times with ``load_paths`` (the
database wiped in between) and prints:

- per round: nodes/s over the node phase and relationships/s over the relationship
  phase (REPORTED_IN included: they are relationships the load writes), plus the
  end-to-end rate including validation. Round 1 runs on a freshly started server,
  whose JVM is still compiling the write path (the first load after ``iegraph
  server start`` is that slow); the median of the later rounds is the running
  server's rate, what a long load reaches once the JIT has warmed up;
- the Python process's peak RSS;
- a second (idempotent) load of the same input, which must create nothing.

Targets (issue 3): ≥ 30k nodes/s, ≥ 20k relationships/s, Python < 1 GB, on ≥ 100k
organisations and ≥ 300k relationships.

    IEGRAPH_JARS_DIR=/tmp/ieh1/jars .venv/bin/python bench/bench_load.py --orgs 100000
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from iegraph.db import connect, quiet_driver_logs
from iegraph.loaders import load_paths
from iegraph.loaders.generate import generate
from iegraph.schema.apply import apply_schema, await_fulltext_refresh
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home

# The repo root, so the test helpers (tests.dbtools) import when run as bench/<script>.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.dbtools import run_unmanaged


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--batch-size", type=int, default=None, help="rows per transaction (default: the loader's own)"
    )
    parser.add_argument("--heap", default=os.environ.get("IEGRAPH_TEST_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("IEGRAPH_TEST_PAGECACHE", "1g"))
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="load the input this many times, wiping the database in between: round 1 is the first "
        "load on a freshly started server (the JVM compiles the write path during it), later rounds "
        "show the steady state of a running server",
    )
    args = parser.parse_args()
    quiet_driver_logs()  # figures on stdout, progress on stderr: no driver notices

    with tempfile.TemporaryDirectory(prefix="iegraph-bench-") as tmp:
        settings = ServerSettings(
            home=Path(tmp) / "home",
            bolt_port=_free_port(),
            http_port=_free_port(),
            heap=args.heap,
            pagecache=args.pagecache,
            jars_dir=Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars"),
        )
        data = Path(tmp) / "eco"
        started = time.perf_counter()
        counts = generate(data, args.orgs, args.seed)
        print(
            f"generate: {args.orgs:,} orgs, {sum(counts.values()):,} rows in {time.perf_counter() - started:.1f} s"
        )
        manager.start(settings)
        try:
            graph = connect(ConnectionSettings(), settings)
            apply_schema(graph)
            rates: list[tuple[float, float]] = []
            for round_no in range(1, args.rounds + 1):
                if round_no > 1:
                    run_unmanaged(
                        graph,
                        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
                        write=True,
                    )
                    await_fulltext_refresh(graph)
                report = load_paths(graph, [data], batch_size=args.batch_size)
                nodes = sum(report.nodes_created.values())
                rels = sum(report.rels_created.values())
                rates.append((nodes / report.node_seconds, rels / report.rel_seconds))
                print(
                    f"round {round_no}{' (fresh server)' if round_no == 1 else ''}: "
                    f"created {nodes:,} nodes / {rels:,} relationships; validate {report.validate_seconds:.1f} s, "
                    f"nodes {report.node_seconds:.1f} s = {rates[-1][0]:,.0f} nodes/s, "
                    f"relationships {report.rel_seconds:.1f} s = {rates[-1][1]:,.0f} relationships/s, "
                    f"total {report.seconds:.1f} s = {nodes / report.seconds:,.0f} nodes/s and "
                    f"{rels / report.seconds:,.0f} relationships/s end to end; python peak RSS "
                    f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB",
                    flush=True,
                )
            in_db = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
            rels_db = graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
            print(f"graph: {in_db:,} nodes, {rels_db:,} relationships")
            if len(rates) > 1:
                warm = rates[1:]
                print(
                    f"running server (rounds 2-{len(rates)}), median: "
                    f"node phase {statistics.median(r[0] for r in warm):,.0f} nodes/s, "
                    f"relationship phase {statistics.median(r[1] for r in warm):,.0f} relationships/s"
                )
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"python peak RSS: {rss_mb:,.0f} MB")
            again = load_paths(graph, [data], batch_size=args.batch_size)
            print(
                f"second load of the same input (idempotent): {again.seconds:.1f} s, created "
                f"{sum(again.nodes_created.values())} nodes, {sum(again.rels_created.values())} relationships"
            )
            graph.close()
        finally:
            manager.stop(settings)


if __name__ == "__main__":
    main()
