"""Benchmark of the analyst questions: p50/p95 latency of each on generated graphs.

For each size, generates a synthetic ecosystem with ``iegraph generate`` (the
loader developer's deterministic generator: organisations of every kind, projects,
agreements, consortia, events, regions, industries), loads it with the real loader
into a Neo4j of the benchmark's own (temp home, free ports), then times every
question end to end from Python (``REGISTRY[name].run``: name resolution, Cypher,
networkx, row building) with varied parameters drawn at random (fixed seed).

Targets (issue 4): p95 ≤ 50 ms for ``partners`` and ≤ 200 ms for ``path`` at 100k;
issue 15: every question p95 ≤ 1 s at 1M (20 runs each, names drawn from the graph).

    .venv/bin/python bench/bench_queries.py [--sizes 10000,100000] [--reps 20]
        [--home DIR] [--keep]   # --keep: leave the server running and reuse it
        [--reuse]               # time the graph already loaded in --home (one size)

The load average (``os.getloadavg``) is printed with every figure: on a shared
machine a p95 means little without it.

Progress goes to stderr, the figures (a Markdown table per size) to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from iegraph.db import Graph, connect, quiet_driver_logs
from iegraph.errors import IegraphError
from iegraph.loaders import load_paths
from iegraph.loaders.generate import generate
from iegraph.queries import REGISTRY
from iegraph.schema.apply import apply_schema
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home

# The repo root, so the test helpers (tests.dbtools) import when run as bench/<script>.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.dbtools import run_unmanaged


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


def samples(graph: Graph, rng: random.Random, n: int) -> dict[str, list[Any]]:
    """Names to ask about: organisations with partners, consortia, cities, provinces."""
    orgs = [
        r["name"]
        for r in graph.read(
            "MATCH (o:Organization) WHERE EXISTS { (o)-[:PARTICIPATES_IN|SIGNED]->() } "
            "RETURN o.name AS name ORDER BY o.id LIMIT 20000"
        )
    ]
    # Names must resolve to one organisation: drop generated duplicates.
    counts: dict[str, int] = {}
    for name in orgs:
        counts[name] = counts.get(name, 0) + 1
    orgs = [o for o in orgs if counts[o] == 1]
    consortia = [r["id"] for r in graph.read("MATCH (c:Consortium) RETURN c.id AS id")]
    cities = [r["id"] for r in graph.read("MATCH (r:Region {level: 'city'}) RETURN r.id AS id")]
    provinces = [r["id"] for r in graph.read("MATCH (r:Region {level: 'province'}) RETURN r.id AS id")]
    return {
        "orgs": rng.sample(orgs, min(n, len(orgs))),
        "pairs": [tuple(rng.sample(orgs, 2)) for _ in range(n)],
        "consortia": consortia,
        "cities": cities,
        "provinces": provinces,
    }


def plans(s: dict[str, list[Any]]) -> dict[str, Callable[[int], dict[str, Any]]]:
    """Per question: parameters of its i-th run."""
    orgs, pairs = s["orgs"], s["pairs"]
    return {
        "partners": lambda i: {"org": orgs[i % len(orgs)]},
        "depth": lambda i: {"org": orgs[i % len(orgs)]},
        "recommend": lambda i: {"org": orgs[i % len(orgs)]},
        "timeline": lambda i: {"org": orgs[i % len(orgs)]},
        "evidence": lambda i: {"name": orgs[i % len(orgs)]},
        "path": lambda i: {
            "from_org": pairs[i % len(pairs)][0],
            "to_org": pairs[i % len(pairs)][1],
            "max_hops": 4,
        },
        "consortium": lambda i: {"name": s["consortia"][i % len(s["consortia"])]},
        "projects": lambda i: {"region": s["cities"][i % len(s["cities"])]},
        "brokers": lambda i: {"region": s["cities"][i % len(s["cities"])]},
        "gaps": lambda i: {"region": s["cities"][i % len(s["cities"])]},
        "synergy": lambda i: {"region": s["provinces"][i % len(s["provinces"])]},
        "stats": lambda i: {},
        # National scope (issue 15): stored once per load when the graph is large, read back.
        "brokers (national)": lambda i: {},
        "synergy (national)": lambda i: {},
        "gaps (national)": lambda i: {"limit": 50},
    }


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, as ``uptime`` shows them."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def load_size(graph: Graph, orgs: int, seed: int) -> None:
    """Generate ``orgs`` organisations and load them into the emptied database."""
    log(f"[{orgs:,}] generating ...")
    with tempfile.TemporaryDirectory(prefix="iegraph-bench-") as tmp:
        stats = generate(Path(tmp), orgs, seed)
        log(f"[{orgs:,}] " + ", ".join(f"{k} {v:,}" for k, v in stats.items()))
        run_unmanaged(
            graph, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", write=True
        )
        apply_schema(graph)
        started = time.perf_counter()
        load_paths(graph, [tmp])
        log(f"[{orgs:,}] loaded in {time.perf_counter() - started:.1f} s")
    run_unmanaged(graph, "CALL db.awaitIndexes(300)")


def bench_size(graph: Graph, orgs: int, reps: int, seed: int) -> list[dict[str, Any]]:
    """Time every question ``reps`` times (after 3 warm-up runs) on the loaded graph."""
    rng = random.Random(seed)
    s = samples(graph, rng, reps)
    results = []
    for name, params_of in plans(s).items():
        spec = REGISTRY[name.split(" ")[0]]  # "brokers (national)" is brokers
        n = reps
        for i in range(3):  # warm-up: plans cached, pages in memory
            with contextlib.suppress(IegraphError):
                spec.run(graph, **params_of(i))
        times, rows, misses = [], [], 0
        for i in range(n):
            params = params_of(i + 3)
            t = time.perf_counter()
            try:
                rows.append(len(spec.run(graph, **params)))
            except IegraphError:
                misses += 1
            times.append((time.perf_counter() - t) * 1000)
        results.append(
            {
                "question": name,
                "runs": n,
                "p50_ms": statistics.median(times),
                "p95_ms": percentile(times, 0.95),
                "max_ms": max(times),
                "mean_rows": statistics.mean(rows) if rows else 0,
                "errors": misses,
                "load": load_average(),
            }
        )
        log(
            f"[{orgs:,}] {name}: p50 {results[-1]['p50_ms']:.1f} ms, p95 {results[-1]['p95_ms']:.1f} ms "
            f"(load average {results[-1]['load']})"
        )
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--home", default=None, help="server home (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="leave the server running")
    ap.add_argument("--reuse", action="store_true", help="time the graph already in --home: no generate/load")
    ap.add_argument("--bolt-port", type=int, default=None, help="to reuse a running server (with --home)")
    ap.add_argument("--http-port", type=int, default=None)
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--pagecache", default="2g")
    args = ap.parse_args()
    quiet_driver_logs()  # figures on stdout, progress on stderr: no driver notices
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
    try:
        for size in (int(x) for x in args.sizes.split(",")):
            if not args.reuse:
                load_size(graph, size, args.seed)
            before = load_average()
            results = bench_size(graph, size, args.reps, args.seed)
            print(f"\n### {size:,} organisations (load average before {before}, after {load_average()})\n")
            print("| question | runs | p50 ms | p95 ms | max ms | rows (mean) | errors | load average |")
            print("|---|---:|---:|---:|---:|---:|---:|---|")
            for r in results:
                print(
                    f"| {r['question']} | {r['runs']} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                    f"{r['max_ms']:.1f} | {r['mean_rows']:.1f} | {r['errors']} | {r['load']} |"
                )
            sys.stdout.flush()
    finally:
        graph.close()
        if not args.keep:
            manager.stop(settings)


if __name__ == "__main__":
    main()
