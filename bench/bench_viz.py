"""Benchmark of the network views: build time, HTML size and time to first draw.

Generates synthetic collaboration graphs (organisations of every kind, projects,
agreements, consortia, events; about 1.6 edges per node) of 1k, 10k and 50k
nodes, builds each page (payload, layout or summary, template) and opens it in
headless Chromium (DevTools protocol) to time the first draw.

Targets (issue 5): ≤ 1 s to build and ≤ 3 s to first draw at 10k nodes.

    .venv/bin/python bench/bench_viz.py [--sizes 1000,10000,50000] [--no-browser]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from iegraph.viz.graphdata import SourceRef, ViewGraph, VizEdge, VizNode
from iegraph.viz.html import render_html
from iegraph.viz.layout import prepare

KINDS = [
    ("College", 0.12),
    ("Enterprise", 0.45),
    ("Government", 0.05),
    ("ResearchInstitute", 0.04),
    ("Association", 0.02),
    ("Project", 0.2),
    ("Agreement", 0.07),
    ("Consortium", 0.02),
    ("Event", 0.03),
]
CONNECTOR_REL = {
    "Project": "PARTICIPATES_IN",
    "Agreement": "SIGNED",
    "Consortium": "MEMBER_OF",
    "Event": "ATTENDED",
}
REGIONS = ["大连市", "长春市", "深圳市", "沈阳市", "苏州市", "青岛市", "成都市", "武汉市"]


def synthetic_view(n: int, seed: int = 1) -> ViewGraph:
    """A view of ``n`` nodes: organisations tied to connectors, ~1.6 edges per node."""
    rnd = random.Random(seed)
    sources = [SourceRef(f"产教融合新闻 {i}", f"2024-{1 + i % 12:02d}-01") for i in range(50)]
    nodes: list[VizNode] = []
    orgs: list[str] = []
    connectors: list[tuple[str, str]] = []
    for i in range(n):
        r = rnd.random()
        acc = 0.0
        kind = KINDS[-1][0]
        for k, share in KINDS:
            acc += share
            if r < acc:
                kind = k
                break
        key = f"n{i}"
        nodes.append(
            VizNode(
                key,
                f"{kind} 机构{i}",
                kind,
                id=key,
                aliases=(f"别名{i}",),
                region=rnd.choice(REGIONS),
                sources=(rnd.choice(sources),),
            )
        )
        if kind in CONNECTOR_REL:
            connectors.append((key, kind))
        else:
            orgs.append(key)
    edges: list[VizEdge] = []
    target = int(n * 1.6)
    # Preferential attachment on organisations gives hubs, as real ecosystems have.
    weights = [org for org in orgs]
    while len(edges) < target and connectors and orgs:
        conn, kind = rnd.choice(connectors)
        org = rnd.choice(weights)
        weights.append(org)
        edges.append(VizEdge(org, conn, CONNECTOR_REL[kind], sources=(rnd.choice(sources),)))
    degree: dict[str, int] = {}
    for e in edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    for node in nodes:
        node.degree = degree.get(node.key, 0)
    return ViewGraph(f"合成网络 synthetic {n}", f"Synthetic graph of {n:,} nodes", nodes, edges, "2024-12-01")


def build(n: int) -> tuple[float, str, ViewGraph]:
    """Build the page for a synthetic ``n``-node graph; return (seconds, html, view)."""
    view = synthetic_view(n)
    start = time.perf_counter()
    prepared = prepare(view)
    html = render_html(prepared)
    return time.perf_counter() - start, html, prepared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="browser loads per size (median reported)")
    parser.add_argument(
        "--pyvis-baseline",
        type=int,
        default=0,
        metavar="N",
        help="also time pyvis's Network.from_nx on N nodes",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    browser = None
    if not args.no_browser:
        # The Chromium driver is test tooling (tests/browser.py), importable from the repo root.
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.browser import Browser

        browser = Browser()
    out = Path(tempfile.mkdtemp(prefix="iegraph-bench-viz-"))
    print(
        f"{'nodes':>7} {'edges':>7} {'drawn':>13} {'build s':>8} {'HTML MB':>8} {'first draw s':>13} {'ok':>3}"
    )
    try:
        for n in sizes:
            seconds, html, view = build(n)
            path = out / f"view-{n}.html"
            path.write_text(html, encoding="utf-8")
            drawn = f"{len(view.nodes)}n/{len(view.edges)}e"
            first = "-"
            ok = "-"
            if browser is not None:
                times = []
                for _ in range(args.runs):
                    report = browser.open(path, timeout=120)
                    times.append(report.state.get("firstDrawMs") or float("nan"))
                    ok = "yes" if report.ready and not report.errors and not report.outside_requests else "NO"
                first = f"{sorted(times)[len(times) // 2] / 1000:.2f}"
            edges = sum(e.count for e in view.edges)
            print(
                f"{n:>7} {edges:>7} {drawn:>13} {seconds:>8.2f} {len(html.encode()) / 1e6:>8.2f} {first:>13} {ok:>3}",
                flush=True,
            )
    finally:
        if browser is not None:
            browser.close()
    if args.pyvis_baseline:
        print(
            f"pyvis 0.3.2 Network.from_nx + generate_html, {args.pyvis_baseline:,} nodes: {pyvis_seconds(args.pyvis_baseline):.2f} s"
        )
    return 0


def pyvis_seconds(n: int) -> float:
    """Time pyvis's own path (from_nx, which calls add_node per node) for comparison."""
    import networkx as nx
    from pyvis.network import Network

    view = synthetic_view(n)
    g = nx.Graph()
    for node in view.nodes:
        g.add_node(node.key, label=node.name, title=node.name)
    for edge in view.edges:
        g.add_edge(edge.source, edge.target)
    start = time.perf_counter()
    net = Network(cdn_resources="in_line")
    net.from_nx(g)
    net.generate_html()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
