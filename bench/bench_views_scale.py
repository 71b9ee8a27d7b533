"""Benchmark of the overview and region views on a big loaded graph (issue 15, item 4).

Times ``viz overview`` and ``viz region`` of the region with the most organisations
(page built: view + HTML) on a graph already loaded in a server home, e.g. the one
``bench/bench_queries.py --home DIR --keep`` leaves behind; the load average is
printed with every figure.

    .venv/bin/python bench/bench_views_scale.py --home DIR --bolt-port N --http-port M [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from iegraph.db import Graph, connect, quiet_driver_logs
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home
from iegraph.viz import views
from iegraph.viz.graphdata import ViewGraph
from iegraph.viz.html import render_html


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, as ``uptime`` shows them."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def largest_region(graph: Graph) -> tuple[str, int]:
    """The region (with its sub-regions) that has the most organisations located in it."""
    rows = graph.read(
        "MATCH (r:Region) "
        "CALL (r) { MATCH (:Region)-[:PART_OF*0..5]->(r) WITH count(*) AS subs RETURN subs } "
        "CALL (r) { MATCH (s:Region)-[:PART_OF*0..5]->(r) MATCH (o:Organization)-[:LOCATED_IN]->(s) "
        "RETURN count(DISTINCT o) AS orgs } "
        "RETURN r.name AS name, orgs ORDER BY orgs DESC LIMIT 1"
    )
    return str(rows[0]["name"]), int(rows[0]["orgs"])


def timed(build: Callable[[], ViewGraph], runs: int) -> tuple[list[float], ViewGraph]:
    """Seconds of each of ``runs`` builds (view and HTML) after one warm-up, and the last view."""
    view = build()
    render_html(view)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        view = build()
        render_html(view)
        times.append(time.perf_counter() - start)
    return times, view


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", required=True, help="server home holding the loaded graph")
    ap.add_argument("--bolt-port", type=int, required=True)
    ap.add_argument("--http-port", type=int, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--views", default="overview,region")
    args = ap.parse_args()
    quiet_driver_logs()
    settings = ServerSettings(
        home=Path(args.home),
        bolt_port=args.bolt_port,
        http_port=args.http_port,
        jars_dir=Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars"),
    )
    if not manager.is_running(settings):
        manager.start(settings, lambda m: print(m, file=sys.stderr))
    graph = connect(ConnectionSettings(), settings)
    try:
        orgs = graph.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"]
        name, local = largest_region(graph)
        builds: dict[str, Callable[[], ViewGraph]] = {
            "overview": lambda: views.overview(graph),
            "region": lambda: views.region(graph, name),
        }
        print(f"\n### {orgs:,} organisations; largest region {name} ({local:,} organisations)\n")
        print("| view | runs | p50 s | max s | nodes drawn | edges drawn | summary | load average |")
        print("|---|---:|---:|---:|---:|---:|---|---|")
        for which in args.views.split(","):
            before = load_average()
            times, view = timed(builds[which], args.runs)
            print(
                f"| {which} | {args.runs} | {statistics.median(times):.2f} | {max(times):.2f} | "
                f"{len(view.nodes):,} | {len(view.edges):,} | {'yes' if view.summary else 'no'} | "
                f"{before} → {load_average()} |",
                flush=True,
            )
    finally:
        graph.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
