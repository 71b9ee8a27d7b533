"""The national-scale benchmark of issue 15, end to end, in one run.

What the issue's "done when" asks for, on one generated input (``--orgs``, default
1,000,000, seed 7), each figure printed with the load average (the machine is shared):

1. ``iegraph generate`` (or ``--data DIR`` already generated);
2. a **bulk load** (``load --bulk``) into the empty database of a fresh server, in a
   child process (its own Python peak RSS, phases);
3. on that graph: every registered question 20 times (``bench_queries.bench_size``:
   names drawn from the graph, 3 warm-up runs; national rows too where that bench
   plans them), then the overview and the largest region's view built
   (``bench_views_scale``);
4. a **transactional load** of the same input into a second fresh server, in a child
   process, and the two graphs' node and relationship counts compared; the wall-time
   ratio printed.

The pieces are the other benches' own functions, so each figure is measured the way
that bench measures it. Servers: heap and page cache per ``--heap``/``--pagecache``
(4g each by default, as the issue measured); ``--keep`` leaves the bulk-loaded server
running (its home and ports are printed) for more questions by hand.

    IEGRAPH_JARS_DIR=~/.local/share/iegraph/jars .venv/bin/python bench/bench_national.py \\
        [--orgs 1000000] [--reps 20] [--work DIR] [--data DIR] [--keep] [--skip-transactional]

Progress goes to stderr, the figures (Markdown) to stdout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The sibling benches (their functions) and the repo root (tests.dbtools, which they import).
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench_load_bulk
import bench_queries
import bench_views_scale

from iegraph.db import Graph, connect, quiet_driver_logs
from iegraph.loaders.generate import generate
from iegraph.schema.apply import apply_schema
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home
from iegraph.viz import views


def _server(home: Path, heap: str, pagecache: str) -> ServerSettings:
    return ServerSettings(
        home=home,
        bolt_port=bench_load_bulk._free_port(),
        http_port=bench_load_bulk._free_port(),
        heap=heap,
        pagecache=pagecache,
        jars_dir=Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars"),
    )


def _fresh(settings: ServerSettings) -> Graph:
    """Start ``settings``' server on an empty home and apply the schema."""
    manager.start(settings, bench_queries.log)
    graph = connect(ConnectionSettings(), settings)
    apply_schema(graph)
    return graph


def _load(mode: str, settings: ServerSettings, data: Path) -> dict[str, float]:
    bench_queries.log(f"{mode} load of {data} (load average {bench_load_bulk._load_average()}) ...")
    before = bench_load_bulk._load_average()
    figures = bench_load_bulk._run_child(mode, settings, data)
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in figures.items() if k != "wall" and not k.endswith("_mb"))
    loader = (
        f", {figures['loader_rss_mb']:,.0f} MB before the stored figures"
        if "loader_rss_mb" in figures
        else ""
    )
    print(
        f"- {mode} load: **{figures['wall']:.1f} s**, Python peak RSS **{figures['rss_mb']:,.0f} MB**{loader} "
        f"(phases: {phases}); "
        f"load average {before} before, {bench_load_bulk._load_average()} after",
        flush=True,
    )
    return figures


def _questions(graph: Graph, orgs: int, reps: int, seed: int) -> None:
    before = bench_queries.load_average()
    results = bench_queries.bench_size(graph, orgs, reps, seed)
    print(
        f"\n#### Questions ({reps} runs each; load average {before} before, {bench_queries.load_average()} after)\n"
    )
    print("| question | p50 ms | p95 ms | max ms | rows (mean) | errors | load average |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in results:
        print(
            f"| {r['question']} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} | "
            f"{r['mean_rows']:.1f} | {r['errors']} | {r['load']} |"
        )
    slow = [r["question"] for r in results if r["p95_ms"] > 1000]
    print(f"\np95 over 1 s: {', '.join(slow) if slow else 'none'}\n", flush=True)


def _views(graph: Graph, runs: int) -> None:
    name, local = bench_views_scale.largest_region(graph)
    print(
        f"#### Views (largest region {name}, {local:,} organisations; {runs} builds each after one warm-up)\n"
    )
    print("| view | p50 s | max s | nodes drawn | edges drawn | summarised | load average |")
    print("|---|---:|---:|---:|---:|---|---|")
    for which, build in (
        ("overview", lambda: views.overview(graph)),
        ("region", lambda: views.region(graph, name)),
    ):
        before = bench_queries.load_average()
        times, view = bench_views_scale.timed(build, runs)
        print(
            f"| {which} | {statistics.median(times):.2f} | {max(times):.2f} | {len(view.nodes):,} | "
            f"{len(view.edges):,} | {'yes' if view.summary else 'no'} | {before} → {bench_queries.load_average()} |",
            flush=True,
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--view-runs", type=int, default=3)
    ap.add_argument("--heap", default="4g")
    ap.add_argument("--pagecache", default="4g")
    ap.add_argument(
        "--work", default=None, help="folder for the input and the two server homes (default: a temp dir)"
    )
    ap.add_argument("--data", default=None, help="an input already generated (skips generate)")
    ap.add_argument("--keep", action="store_true", help="leave the bulk-loaded server running")
    ap.add_argument("--skip-transactional", action="store_true", help="bulk load, questions and views only")
    args = ap.parse_args()
    quiet_driver_logs()
    work = Path(args.work or tempfile.mkdtemp(prefix="iegraph-bench-national-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"### National benchmark: {args.orgs:,} organisations (seed {args.seed}), {time.strftime('%Y-%m-%d %H:%M')} UTC\n"
    )
    data = Path(args.data) if args.data else work / "eco"
    if not args.data:
        started = time.perf_counter()
        counts = generate(data, args.orgs, args.seed)
        print(
            f"- generate: {sum(counts.values()):,} rows in {time.perf_counter() - started:.1f} s", flush=True
        )

    bulk_home = _server(work / "bulk-home", args.heap, args.pagecache)
    graph = _fresh(bulk_home)
    try:
        bulk = _load("bulk", bulk_home, data)
        graph.forget_bookmarks()  # the child replaced the store: our bookmarks name the old one
        bulk_counts = bench_load_bulk._counts(graph)
        print(f"- bulk graph: {bulk_counts[0]:,} nodes, {bulk_counts[1]:,} relationships", flush=True)
        _questions(graph, args.orgs, args.reps, args.seed)
        _views(graph, args.view_runs)
    finally:
        graph.close()
        if args.keep:
            bench_queries.log(
                f"kept: home {bulk_home.home}, bolt {bulk_home.bolt_port}, http {bulk_home.http_port}"
            )
        else:
            manager.stop(bulk_home)
    if args.skip_transactional:
        return 0

    tx_home = _server(work / "tx-home", args.heap, args.pagecache)
    graph = _fresh(tx_home)
    try:
        tx = _load("transactional", tx_home, data)
        tx_counts = bench_load_bulk._counts(graph)
    finally:
        graph.close()
        manager.stop(tx_home)
    print(
        f"- transactional graph: {tx_counts[0]:,} nodes, {tx_counts[1]:,} relationships; "
        f"same counts as the bulk graph: {tx_counts == bulk_counts}\n"
        f"- bulk / transactional wall time: **{tx['wall'] / bulk['wall']:.2f}× faster**",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
