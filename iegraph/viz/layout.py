"""Positions and summaries for big views, computed in Python in (near) linear time.

Above ``LAYOUT_THRESHOLD`` nodes a page gets x/y from here and draws with physics
off, so it is interactive on first paint instead of simulating forces for
seconds. networkx's ``spring_layout`` is O(n²) per iteration in pure Python
(without scipy), far too slow at 10k nodes; this layout groups nodes by kind,
lays each group out as a sunflower (Vogel) disk with its best-connected nodes in
the middle and its nodes ordered by region, and packs the disks in rows:
O(n log n) for the sort, linear otherwise.

Above ``HARD_CAP`` nodes a page would be unusable in any browser, so the view is
summarised: nodes collapse into one node per (kind, region), edges into one
edge per pair of groups, relationship type and basis, with counts; the page says so.
"""

from __future__ import annotations

import math
from collections import defaultdict

from iegraph.i18n import view_text
from iegraph.viz.graphdata import ViewGraph, VizEdge, VizNode
from iegraph.viz.style import kind_name

LAYOUT_THRESHOLD = 1000
HARD_CAP = 20_000
#: Most organisations a region view draws one by one; the others are counted in groups.
REGION_ORGS = 1_000

_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))
_SPACING = 22.0


def group_layout(nodes: list[VizNode], spacing: float = _SPACING) -> None:
    """Set ``x``/``y`` on every node: one sunflower disk per kind, disks packed in rows."""
    groups: dict[str, list[VizNode]] = defaultdict(list)
    for node in nodes:
        groups[node.kind].append(node)
    disks = sorted(groups.values(), key=len, reverse=True)
    total_area = sum(len(members) for members in disks) * spacing * spacing * 4
    row_width = max(math.sqrt(total_area) * 1.6, 1.0)
    x_cursor = y_cursor = row_height = 0.0
    for members in disks:
        radius = spacing * math.sqrt(len(members)) + spacing
        if x_cursor > 0 and x_cursor + 2 * radius > row_width:
            x_cursor = 0.0
            y_cursor += row_height + 3 * spacing
            row_height = 0.0
        cx, cy = x_cursor + radius, y_cursor + radius
        # Hubs in the middle; within a degree band, keep a region together.
        members.sort(key=lambda n: (-n.degree, n.region or "", n.name))
        for i, node in enumerate(members):
            r = spacing * math.sqrt(i + 0.5)
            theta = i * _GOLDEN
            node.x = round(cx + r * math.cos(theta), 1)
            node.y = round(cy + r * math.sin(theta), 1)
        x_cursor += 2 * radius + 3 * spacing
        row_height = max(row_height, 2 * radius)


def summarise(view: ViewGraph, cap: int = HARD_CAP) -> ViewGraph:
    """Collapse ``view`` into one node per (kind, region) and one edge per group pair and type
    (labels and the banner in the view's language)."""
    lang = view.lang
    group_of: dict[str, str] = {}
    groups: dict[str, VizNode] = {}
    for node in view.nodes:
        key = f"{node.kind}\x1f{node.region or ''}"
        group_of[node.key] = key
        group = groups.get(key)
        if group is None:
            label = kind_name(node.kind, lang)
            # A group keeps its members' kind, so colours, legend and filter still apply.
            group = VizNode(
                key=key,
                name=f"{label} · {node.region or view_text('group.no_region', lang)}",
                kind=node.kind,
                region=node.region,
                count=0,
            )
            groups[key] = group
        group.count += 1
    # Co-presence ties stay apart from working ones, so a summary still draws them dashed.
    merged: dict[tuple[str, str, str, str | None], VizEdge] = {}
    for edge in view.edges:
        a, b = group_of[edge.source], group_of[edge.target]
        if a > b:
            a, b = b, a
        agg = merged.get((a, b, edge.type, edge.basis))
        if agg is None:
            merged[(a, b, edge.type, edge.basis)] = VizEdge(a, b, edge.type, count=1, basis=edge.basis)
        else:
            agg.count += 1
    for group in groups.values():
        group.name = f"{group.name} ({group.count})"
        group.detail = view_text("group.detail", lang, count=f"{group.count:,}")
    degree: dict[str, int] = defaultdict(int)
    for edge in merged.values():
        degree[edge.source] += edge.count
        degree[edge.target] += edge.count
    for key, group in groups.items():
        group.degree = degree[key]
    summary = view_text(
        "summary",
        lang,
        nodes=f"{len(view.nodes):,}",
        edges=f"{len(view.edges):,}",
        cap=f"{cap:,}",
        groups=f"{len(groups):,}",
    )
    return ViewGraph(
        title=view.title,
        subject=view.subject,
        nodes=list(groups.values()),
        edges=list(merged.values()),
        data_date=view.data_date,
        summary=summary,
        focus=list(dict.fromkeys(group_of[k] for k in view.focus if k in group_of)),
        lang=lang,
    )


def prepare(view: ViewGraph, hard_cap: int = HARD_CAP, threshold: int = LAYOUT_THRESHOLD) -> ViewGraph:
    """Make a view drawable: summarise above ``hard_cap`` nodes, lay out above ``threshold``."""
    if len(view.nodes) > hard_cap:
        view = summarise(view, hard_cap)
    if len(view.nodes) > threshold:
        group_layout(view.nodes)
        view.positioned = True
    return view
