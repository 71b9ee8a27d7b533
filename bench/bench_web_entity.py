"""Benchmark of the workbench's entity pages: render time of ``/entity/<id>`` end to end.

Each page is requested in-process through the whole application (Starlette routing, the
security middleware, the library's queries, Jinja2 rendering) with Starlette's
TestClient, so the figure is what the server spends on a page; the browser's own drawing
of the embedded view is not counted (bench/bench_viz.py measures that).

Graphs: the curated seed graph (every organisation page, then consortium, project,
region and source pages), and generated graphs of ``iegraph generate`` (organisation
pages of a random sample of organisations that take part in something, plus the five
best-connected organisations as the worst case). A generated graph already in the
database (same size, same seed) is reused, so ``--home``/``--keep`` save the load.

Targets (issue 14): p95 ≤ 300 ms on the seed graph, ≤ 1 s for an organisation page at
100k organisations. The load average is printed with the figures: the machine is shared.

    .venv/bin/python bench/bench_web_entity.py [--sizes seed,100000] [--reps 50]
        [--home DIR] [--bolt-port N --http-port N] [--keep]

Progress goes to stderr, the figures (a Markdown table) to stdout.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from iegraph.db import Graph, connect, quiet_driver_logs
from iegraph.loaders import load_paths
from iegraph.loaders.generate import generate
from iegraph.schema.apply import apply_schema
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home
from iegraph.web.app import create_app
from iegraph.web.state import WebState

# The repo root, so the test helpers (tests.dbtools) import when run as bench/<script>.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.dbtools import load_seed_graph, run_unmanaged, wipe

#: The Host the client claims (a loopback name, as a local browser sends).
BASE_URL = "http://127.0.0.1:8765"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


def time_pages(web: TestClient, ids: list[str], reps: int) -> tuple[list[float], int]:
    """Request the pages of ``ids`` round-robin ``reps`` times (after one warm-up pass);
    return the times in ms and how many answers were not 200."""
    for entity_id in ids[: min(len(ids), 5)]:
        web.get(f"/entity/{entity_id}")
    times, bad = [], 0
    for i in range(reps):
        entity_id = ids[i % len(ids)]
        started = time.perf_counter()
        page = web.get(f"/entity/{entity_id}")
        times.append((time.perf_counter() - started) * 1000)
        bad += page.status_code != 200
    return times, bad


def row(graph_name: str, what: str, times: list[float], bad: int) -> dict[str, Any]:
    result = {
        "graph": graph_name,
        "page": what,
        "runs": len(times),
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "bad": bad,
        "load": load_average(),
    }
    log(
        f"[{graph_name}] {what}: p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, load {result['load']}"
    )
    return result


def ids_of(graph: Graph, query: str, params: dict[str, Any] | None = None) -> list[str]:
    return [str(r["id"]) for r in graph.read(query, params or {})]


def bench_seed(graph: Graph, reps: int) -> list[dict[str, Any]]:
    log("[seed] loading the seed graph ...")
    load_seed_graph(graph)
    web = TestClient(create_app(WebState(graph=graph)), base_url=BASE_URL)
    results = []
    for what, query in (
        ("organisation", "MATCH (n:Organization) RETURN n.id AS id ORDER BY n.id"),
        ("consortium", "MATCH (n:Consortium) RETURN n.id AS id ORDER BY n.id"),
        ("project", "MATCH (n:Project) RETURN n.id AS id ORDER BY n.id"),
        ("region", "MATCH (n:Region) RETURN n.id AS id ORDER BY n.id"),
        ("source (text highlighted)", "MATCH (n:Source) RETURN n.id AS id ORDER BY n.id"),
    ):
        ids = ids_of(graph, query)
        n = reps if what == "organisation" else max(10, reps // 3)
        results.append(row("seed", what, *time_pages(web, ids, n)))
    return results


def ensure_generated(graph: Graph, orgs: int, seed: int) -> None:
    """Make the database hold the generated graph of ``orgs`` organisations (reused when there)."""
    have = graph.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"]
    marker = graph.read("MATCH (s:Source {id: 'gsrc-000000'}) RETURN s.url AS url")
    if have == orgs and marker and str(marker[0]["url"]).endswith(f"/{seed}/0"):
        log(f"[{orgs:,}] reusing the generated graph in the database")
        return
    log(f"[{orgs:,}] generating and loading ...")
    wipe(graph)
    apply_schema(graph)
    with tempfile.TemporaryDirectory(prefix="iegraph-bench-") as tmp:
        generate(Path(tmp), orgs, seed)
        started = time.perf_counter()
        load_paths(graph, [tmp])
        log(f"[{orgs:,}] loaded in {time.perf_counter() - started:.0f} s")


def bench_generated(graph: Graph, orgs: int, reps: int, seed: int) -> list[dict[str, Any]]:
    ensure_generated(graph, orgs, seed)
    run_unmanaged(graph, "CALL db.awaitIndexes(300)")
    web = TestClient(create_app(WebState(graph=graph)), base_url=BASE_URL)
    active = ids_of(
        graph,
        "MATCH (o:Organization) WHERE EXISTS { (o)-[:PARTICIPATES_IN|SIGNED]->() } "
        "RETURN o.id AS id ORDER BY o.id LIMIT 20000",
    )
    sample = random.Random(seed).sample(active, min(reps, len(active)))
    hubs = ids_of(
        graph,
        "MATCH (o:Organization) WITH o, COUNT { (o)--() } AS degree "
        "RETURN o.id AS id ORDER BY degree DESC, id LIMIT 5",
    )
    label = f"{orgs:,} orgs"
    return [
        row(label, "organisation (random, active)", *time_pages(web, sample, reps)),
        row(label, "organisation (5 best-connected)", *time_pages(web, hubs, max(10, reps // 5))),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="seed,100000", help="'seed' and/or organisation counts")
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--home", default=None, help="server home (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="leave the server running")
    ap.add_argument("--bolt-port", type=int, default=None, help="to reuse a running server (with --home)")
    ap.add_argument("--http-port", type=int, default=None)
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--pagecache", default="1g")
    args = ap.parse_args()
    quiet_driver_logs()
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="iegraph-bench-home-"))
    settings = ServerSettings(
        home=home,
        bolt_port=args.bolt_port or free_port(),
        http_port=args.http_port or free_port(),
        heap=args.heap,
        pagecache=args.pagecache,
        jars_dir=Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars"),
    )
    if manager.is_running(settings):
        log(f"reusing the server in {home}")
    else:
        log(f"starting Neo4j in {home} ...")
        manager.start(settings, log)
    graph = connect(ConnectionSettings(), settings)
    results: list[dict[str, Any]] = []
    try:
        apply_schema(graph)
        for size in args.sizes.split(","):
            if size.strip() == "seed":
                results += bench_seed(graph, args.reps)
            else:
                results += bench_generated(graph, int(size), args.reps, args.seed)
    finally:
        graph.close()
        if not args.keep:
            manager.stop(settings)
    print("| graph | page | runs | p50 ms | p95 ms | max ms | not 200 | load average (1/5/15 min) |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for r in results:
        print(
            f"| {r['graph']} | {r['page']} | {r['runs']} | {r['p50']:.0f} | {r['p95']:.0f} | "
            f"{r['max']:.0f} | {r['bad']} | {r['load']} |"
        )


if __name__ == "__main__":
    main()
