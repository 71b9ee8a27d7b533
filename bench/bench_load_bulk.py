"""Bulk load (``load --bulk``) against the transactional load, on one generated input.

Starts a throw-away server (own home, free ports, like the tests), generates
``--orgs`` organisations, then:

1. loads them transactionally (``load_paths``, schema applied first) into the empty
   database, in a child process;
2. empties the database and bulk-loads the same input (``bulk_load_paths``: validate,
   write the importer's files, stop the server, import, start, schema,
   indexes online), in another child process;

and prints each one's wall time (validation included; for the bulk load its phases
too), the Python peak RSS of each child (``getrusage``: each load runs in a process
of its own, so neither's peak hides the other's), the node and relationship counts of
both graphs (they must be equal) and the load average before and after each run (the
machine is shared: read the figures with it).

    IEGRAPH_JARS_DIR=~/.local/share/iegraph/jars .venv/bin/python bench/bench_load_bulk.py --orgs 100000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from iegraph.db import Graph, connect, quiet_driver_logs
from iegraph.loaders import load_paths
from iegraph.loaders.bulk import bulk_load_paths
from iegraph.loaders.generate import generate
from iegraph.schema.apply import apply_schema
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home

# The repo root, so the test helpers (tests.dbtools) import when run as bench/<script>.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.dbtools import wipe


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def _counts(graph: Graph) -> tuple[int, int]:
    # the lock and the quality figures (one node each, bookkeeping) are not the graph's
    nodes = graph.read("MATCH (n) WHERE NOT n:WriteLock AND NOT n:GraphFigures RETURN count(n) AS n")[0]["n"]
    rels = graph.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return int(nodes), int(rels)


def _child(mode: str, settings: ServerSettings, data: Path) -> None:
    """One load in this process; prints a JSON line of its figures on stdout."""
    quiet_driver_logs()
    graph = connect(ConnectionSettings(), settings)
    started = time.perf_counter()
    figures: dict[str, float] = {}
    # The loads end by storing the graph's quality and national figures (queries.stats),
    # which read the graph whole: the peak RSS before that step is the loader's own.
    from iegraph.loaders import bulk as bulk_module
    from iegraph.loaders import passes as passes_module

    store = passes_module.store_quality_after_load

    def store_after_peak(runner: Graph, echo: Callable[[str], None] | None = None) -> str | None:
        figures["loader_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return store(runner, echo)

    passes_module.store_quality_after_load = store_after_peak  # type: ignore[assignment]
    bulk_module.store_quality_after_load = store_after_peak  # type: ignore[assignment]
    if mode == "transactional":
        report = load_paths(graph, [data])
        figures.update(validate=report.validate_seconds, nodes=report.node_seconds, rels=report.rel_seconds)
    else:
        bulk = bulk_load_paths(graph, settings, [data], echo=lambda m: print(m, file=sys.stderr))
        figures.update(
            validate=bulk.validate_seconds,
            files=bulk.files_seconds,
            import_=bulk.import_seconds,
            finish=bulk.finish_seconds,
        )
    figures["wall"] = time.perf_counter() - started
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    graph.close()
    print(json.dumps(figures))


def _run_child(mode: str, settings: ServerSettings, data: Path) -> dict[str, float]:
    cmd = [
        sys.executable, __file__, "--child", mode, "--data", str(data), "--home", str(settings.home),
        "--bolt", str(settings.bolt_port), "--http", str(settings.http_port),
        "--heap", settings.heap, "--pagecache", settings.pagecache,
    ]  # fmt: skip
    env = dict(os.environ, IEGRAPH_JARS_DIR=str(settings.jars_root))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} load failed: {proc.stderr.strip()[-2000:]}")
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def _report_bulk(graph: Graph, bulk: dict[str, float]) -> tuple[int, int]:
    """Print the bulk load's figures; return the graph's counts."""
    counts = _counts(graph)
    print(
        f"bulk: {bulk['wall']:.1f} s (validate {bulk['validate']:.1f} s, files {bulk['files']:.1f} s, "
        f"stop-import-start {bulk['import_']:.1f} s, schema + indexes + fix-ups "
        f"{bulk['finish']:.1f} s); python peak RSS {bulk['rss_mb']:,.0f} MB "
        f"({bulk['loader_rss_mb']:,.0f} MB before the stored figures); "
        f"{counts[0]:,} nodes, {counts[1]:,} relationships; load average after: {_load_average()}",
        flush=True,
    )
    return counts


def _bulk_only(graph: Graph, settings: ServerSettings, data: Path) -> None:
    print(f"load average before the bulk load: {_load_average()}", flush=True)
    bulk = _run_child("bulk", settings, data)
    graph.forget_bookmarks()  # the child replaced the store: our bookmarks name the old one
    _report_bulk(graph, bulk)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--heap", default=os.environ.get("IEGRAPH_TEST_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("IEGRAPH_TEST_PAGECACHE", "1g"))
    parser.add_argument(
        "--bulk-only",
        action="store_true",
        help="skip the transactional load (its figures from an earlier run)",
    )
    parser.add_argument("--child", choices=["transactional", "bulk"], help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--bolt", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--http", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    jars = Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars")
    if args.child:
        settings = ServerSettings(
            Path(args.home), args.bolt, args.http, args.heap, args.pagecache, jars_dir=jars
        )
        _child(args.child, settings, Path(args.data))
        return
    quiet_driver_logs()
    with tempfile.TemporaryDirectory(prefix="iegraph-bench-bulk-") as tmp:
        settings = ServerSettings(
            home=Path(tmp) / "home",
            bolt_port=_free_port(),
            http_port=_free_port(),
            heap=args.heap,
            pagecache=args.pagecache,
            jars_dir=jars,
        )
        data = Path(tmp) / "eco"
        started = time.perf_counter()
        counts = generate(data, args.orgs, args.seed)
        print(
            f"generate: {args.orgs:,} orgs, {sum(counts.values()):,} rows in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        manager.start(settings)
        try:
            graph = connect(ConnectionSettings(), settings)
            apply_schema(graph)
            if args.bulk_only:
                _bulk_only(graph, settings, data)
                return
            print(f"load average before the transactional load: {_load_average()}", flush=True)
            tx = _run_child("transactional", settings, data)
            tx_counts = _counts(graph)
            print(
                f"transactional: {tx['wall']:.1f} s (validate {tx['validate']:.1f} s, nodes {tx['nodes']:.1f} s, "
                f"relationships {tx['rels']:.1f} s); python peak RSS {tx['rss_mb']:,.0f} MB "
                f"({tx['loader_rss_mb']:,.0f} MB before the stored figures); "
                f"{tx_counts[0]:,} nodes, {tx_counts[1]:,} relationships; load average after: {_load_average()}",
                flush=True,
            )
            wipe(graph)
            print(f"load average before the bulk load: {_load_average()}", flush=True)
            bulk = _run_child("bulk", settings, data)
            graph.forget_bookmarks()  # the child replaced the store: our bookmarks name the old one
            bulk_counts = _report_bulk(graph, bulk)
            print(
                f"bulk / transactional wall time: {tx['wall'] / bulk['wall']:.2f}x faster; "
                f"same counts: {tx_counts == bulk_counts}"
            )
            graph.close()
        finally:
            manager.stop(settings)


if __name__ == "__main__":
    main()
