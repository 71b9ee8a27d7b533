"""Benchmark of the workbench's core pages: render time end to end on the seed graph.

Each page is requested in-process through the whole application (routing, the security
middleware, the library's queries, Jinja2) with Starlette's TestClient, so the figure is
what the server spends on a page; the browser's drawing is not counted. Pages: home,
search (a short form, a traditional spelling, a part of names), question pages (the
partners form with its answer, projects, stats), a download (xlsx), one organisation
page and a network view page (the renderer's, as framed).

Target (issue 14): p95 ≤ 300 ms per page on the seed graph. The load average is printed
with the figures: the machine is shared.

    .venv/bin/python bench/bench_web.py [--reps 60] [--home DIR --bolt-port N --http-port N] [--keep]

Progress goes to stderr, the figures (a Markdown table) to stdout.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from starlette.testclient import TestClient

from iegraph.db import connect, quiet_driver_logs
from iegraph.queries.lookup import resolve_org
from iegraph.schema.apply import apply_schema
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home
from iegraph.web.app import create_app
from iegraph.web.state import WebState

# The repo root, so the test helpers (tests.dbtools) import when run as bench/<script>.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.dbtools import load_seed_graph

#: The Host the client claims (a loopback name, as a local browser sends).
BASE_URL = "http://127.0.0.1:8765"
DUT = "大连理工大学"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


def time_page(web: TestClient, urls: list[str], reps: int) -> tuple[list[float], int]:
    """Request ``urls`` round-robin ``reps`` times after one warm-up pass; times in ms, non-200 count."""
    for url in urls:
        web.get(url)
    times, bad = [], 0
    for i in range(reps):
        started = time.perf_counter()
        response = web.get(urls[i % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        bad += response.status_code != 200
    return times, bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=60)
    ap.add_argument("--home", default=None, help="server home (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="leave the server running")
    ap.add_argument("--bolt-port", type=int, default=None, help="to reuse a running server (with --home)")
    ap.add_argument("--http-port", type=int, default=None)
    args = ap.parse_args()
    quiet_driver_logs()
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="iegraph-bench-web-"))
    settings = ServerSettings(
        home=home,
        bolt_port=args.bolt_port or free_port(),
        http_port=args.http_port or free_port(),
        jars_dir=Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars"),
    )
    if manager.is_running(settings):
        log(f"reusing the server in {home}")
    else:
        log(f"starting Neo4j in {home} ...")
        manager.start(settings, log)
    graph = connect(ConnectionSettings(), settings)
    results = []
    try:
        apply_schema(graph)
        log("loading the seed graph ...")
        load_seed_graph(graph)
        # a failing page counts as "not 200" instead of stopping the run
        web = TestClient(create_app(WebState(graph=graph)), base_url=BASE_URL, raise_server_exceptions=False)
        dut = quote(resolve_org(graph, DUT).id, safe="")
        org = quote(DUT)
        pages = [
            ("home /", ["/"]),
            (
                "search (大工, 長春企聯, 大连)",
                [f"/search?q={quote(q)}" for q in ("大工", "長春企聯", "大连")],
            ),
            ("question partners (form + answer)", [f"/query/partners?org={org}"]),
            ("question projects (all)", ["/query/projects"]),
            ("question stats", ["/query/stats"]),
            ("download partners xlsx", [f"/query/partners?org={org}&format=xlsx"]),
            ("entity page 大连理工大学", [f"/entity/{dut}"]),
            ("view ego 大连理工大学 (raw page)", [f"/view/ego/raw?org={org}"]),
        ]
        for what, urls in pages:
            times, bad = time_page(web, urls, args.reps)
            load = load_average()
            results.append((what, times, bad, load))
            log(
                f"{what}: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms, load {load}"
            )
    finally:
        graph.close()
        if not args.keep:
            manager.stop(settings)
    print("| page | runs | p50 ms | p95 ms | max ms | not 200 | load average (1/5/15 min) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for what, times, bad, load in results:
        print(
            f"| {what} | {len(times)} | {statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | "
            f"{max(times):.0f} | {bad} | {load} |"
        )


if __name__ == "__main__":
    main()
