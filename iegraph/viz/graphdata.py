"""The typed subgraph a network view draws, built from Neo4j rows in linear time.

Rows come from ``iegraph.queries.subgraph`` (one row per node, one per
relationship); they become a ``networkx.MultiGraph`` (degrees, layout, summaries
are networkx's business) and then plain node and edge lists (``ViewGraph``) that
the HTML writer serialises. Every step touches each node and edge a constant
number of times: pyvis's ``Network.add_node`` scans its node list on every call,
which made a 10,000-node page take 14 s to build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from iegraph.schema.model import ORG_KINDS, Label, Rel

#: Kind shown for a node: an organisation's kind label, else its own label.
#: ``Group`` is the kind of a summary node standing for many nodes.
GROUP_KIND = "Group"

_ORG_KIND_NAMES = frozenset(k.value for k in ORG_KINDS)
# Order in which a node's labels are tried when it is not an organisation.
_OTHER_KINDS = tuple(lbl.value for lbl in Label if lbl not in ORG_KINDS and lbl is not Label.ORGANIZATION)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as a reader sees it: title and (ISO text) date."""

    title: str
    date: str | None = None


@dataclass(slots=True)
class VizNode:
    """One drawn node. ``key`` is unique within the view; ``id`` is the graph's id."""

    key: str
    name: str
    kind: str
    id: str | None = None
    aliases: tuple[str, ...] = ()
    region: str | None = None
    sources: tuple[SourceRef, ...] = ()
    detail: str | None = None
    degree: int = 0
    count: int = 1
    x: float | None = None
    y: float | None = None


@dataclass(slots=True)
class VizEdge:
    """One drawn relationship between two node keys; ``count`` > 1 on summary edges.

    ``basis`` is set on partnership ties (organisation -> project, agreement,
    consortium, event): 'working' or 'co-presence' (``iegraph.queries._base``).
    """

    source: str
    target: str
    type: str
    role: str | None = None
    sources: tuple[SourceRef, ...] = ()
    count: int = 1
    basis: str | None = None


@dataclass
class ViewGraph:
    """What a page shows: nodes, edges and the words around them."""

    title: str
    subject: str
    nodes: list[VizNode]
    edges: list[VizEdge]
    data_date: str | None = None
    #: Set when the graph was summarised; said on the page.
    summary: str | None = None
    #: True when x/y were computed in Python (physics off in the page).
    positioned: bool = False
    #: Keys of the nodes the view is about (drawn emphasised).
    focus: list[str] = field(default_factory=list)
    #: True when co-presence ties (plain consortium membership, events) were asked for;
    #: they are drawn dashed.
    co_presence: bool = False
    #: How many co-presence ties were left out because they were not asked for.
    hidden_co_presence: int = 0
    #: Language of the page's words ("en" or "zh": ``iegraph --lang``); data stay as they are.
    lang: str = "en"


def kind_of(labels: Iterable[str], kind_prop: Any = None) -> str:
    """The kind a node is drawn as: its organisation kind label, else its first model label.

    Labels arrive from the database, so only names of the model are accepted;
    anything else draws as ``OtherOrganization`` / the node's model label.
    """
    names = set(labels)
    if Label.ORGANIZATION.value in names:
        for kind in ORG_KINDS:
            if kind.value in names:
                return kind.value
        if isinstance(kind_prop, str) and kind_prop in _ORG_KIND_NAMES:
            return kind_prop
        return Label.OTHER_ORGANIZATION.value
    for name in _OTHER_KINDS:
        if name in names:
            return name
    return Label.OTHER_ORGANIZATION.value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _sources(values: Iterable[Any] | None) -> tuple[SourceRef, ...]:
    """Source refs from ``[{title, date}, ...]`` rows, de-duplicated, oldest first."""
    seen: dict[tuple[str, str | None], SourceRef] = {}
    for item in values or ():
        if not isinstance(item, Mapping):
            continue
        title = _text(item.get("title")) or _text(item.get("id"))
        if title is None:
            continue
        ref = SourceRef(title, _text(item.get("date")))
        seen.setdefault((ref.title, ref.date), ref)
    return tuple(sorted(seen.values(), key=lambda s: (s.date or "", s.title)))


def build_graph(
    node_rows: Iterable[Mapping[str, Any]],
    edge_rows: Iterable[Mapping[str, Any]],
    source_index: Mapping[str, Mapping[str, Any]] | None = None,
) -> nx.MultiGraph:
    """Turn node and edge rows into a MultiGraph whose node attribute ``n`` is a VizNode.

    Node rows: ``key, labels, id, name, aliases, kind, region, sources`` ([{title, date}]),
    ``detail``. Edge rows: ``a, b`` (node keys), ``type``, ``role``, ``sources``
    (Source ids, looked up in ``source_index``), ``basis`` (optional). Edges whose ends are not among
    the nodes, and types outside the model, are dropped.
    """
    g: nx.MultiGraph = nx.MultiGraph()
    for row in node_rows:
        key = str(row["key"])
        node = VizNode(
            key=key,
            name=_text(row.get("name")) or _text(row.get("id")) or key,
            kind=_text(row.get("kind_override")) or kind_of(row.get("labels") or (), row.get("kind")),
            id=_text(row.get("id")),
            aliases=tuple(a for a in (_text(x) for x in row.get("aliases") or ()) if a),
            region=_text(row.get("region")),
            sources=_sources(row.get("sources")),
            detail=_text(row.get("detail")),
        )
        g.add_node(key, n=node)
    index = source_index or {}
    known_types = {r.value for r in Rel}
    for row in edge_rows:
        a, b, rel_type = str(row["a"]), str(row["b"]), str(row["type"])
        if a not in g or b not in g or rel_type not in known_types:
            continue
        refs = _sources(index[s] for s in row.get("sources") or () if s in index)
        edge = VizEdge(a, b, rel_type, _text(row.get("role")), refs, basis=_text(row.get("basis")))
        g.add_edge(a, b, e=edge)
    return g


def to_view(g: nx.MultiGraph, title: str, subject: str) -> ViewGraph:
    """Flatten a MultiGraph from ``build_graph`` into a ViewGraph, degrees filled in.

    The data date is the newest source date on any node or edge shown.
    """
    nodes: list[VizNode] = []
    newest = ""
    for key, deg in g.degree():
        node: VizNode = g.nodes[key]["n"]
        node.degree = int(deg)
        nodes.append(node)
        for s in node.sources:
            if s.date and s.date > newest:
                newest = s.date
    edges: list[VizEdge] = []
    for _, _, data in g.edges(data=True):
        edge: VizEdge = data["e"]
        edges.append(edge)
        for s in edge.sources:
            if s.date and s.date > newest:
                newest = s.date
    return ViewGraph(title, subject, nodes, edges, data_date=newest or None)
