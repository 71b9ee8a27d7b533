"""One self-contained, injection-safe HTML file per view.

The page is iegraph's own template (``assets/template.html``) with
vis-network's JS and CSS inlined from the copy bundled in the pyvis package
(``pyvis/templates/lib/vis-9.1.2``) — pyvis is used for nothing else: its own
template pulls Bootstrap from a CDN even with ``cdn_resources="in_line"``,
switches to an ``innerHTML`` popup when a title contains "href", and its
``write_html`` uses the platform encoding. Nothing in the page loads from the
network (a Content-Security-Policy with ``default-src 'none'`` says so to the
browser too) and the file is always written as UTF-8.

Data travel as JSON inside ``<script type="application/json">``, with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped as ``\\uXXXX`` so that no string can close
the script element; the page reads it with ``JSON.parse`` and puts text in the
DOM only through ``textContent`` (see ``assets/view.js``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from iegraph import __version__
from iegraph.i18n import HEADERS_ZH, VALUES_ZH, VIEW_TEXT, value_zh, view_text
from iegraph.queries._base import BASIS_CO_PRESENCE
from iegraph.viz.graphdata import ViewGraph
from iegraph.viz.style import kind_name, kind_style, rel_name, rel_style

VIS_VERSION = "9.1.2"

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON text that is safe inside a ``<script>`` element and still valid JSON.

    Outside strings JSON never contains these characters, so escaping them
    everywhere only rewrites string contents into equivalent escapes.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and CSS from pyvis's bundled copy (no source-map hint)."""
    lib = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # The source-map comment would make developer tools fetch a file that is not there.
    # (split on "\n" only: str.splitlines would also split on characters inside strings)
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL="))
    for text in (js, css):
        # Inlined code must not be able to end its own element.
        if "</script" in text.lower() or "</style" in text.lower():
            raise RuntimeError("bundled vis-network asset contains a closing tag; cannot inline it")
    return js, css


@lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str, str]:
    base = resources.files("iegraph.viz") / "assets"
    return (
        (base / "template.html").read_text(encoding="utf-8"),
        (base / "view.js").read_text(encoding="utf-8"),
        (base / "view.css").read_text(encoding="utf-8"),
    )


def caption_of(view: ViewGraph, generated: str) -> str:
    """The one-line caption, in the view's language: what is shown, counts, date of the
    data, date of the page."""
    lang = view.lang
    n_nodes = sum(node.count for node in view.nodes)
    n_edges = sum(edge.count for edge in view.edges)
    counts = view_text("caption.counts", lang, nodes=f"{n_nodes:,}", edges=f"{n_edges:,}")
    if view.summary:
        counts += view_text(
            "caption.drawn", lang, groups=f"{len(view.nodes):,}", links=f"{len(view.edges):,}"
        )
    date = view.data_date or view_text("caption.unknown_date", lang)
    parts = [
        counts,
        view_text("caption.data", lang, date=date),
        view_text("caption.generated", lang, date=generated),
    ]
    return view.subject + view_text("caption.colon", lang) + " · ".join(parts)


def page_text(lang: str) -> dict[str, str]:
    """The page's own words in ``lang`` (toolbar, legend, tooltip field names, messages);
    view.js puts them in the page as text."""
    zh = lang == "zh"
    texts = {key[len("page.") :]: view_text(key, lang) for key in _PAGE_KEYS}
    # field names and the basis word come from the tables' Chinese names
    texts["degree"] = HEADERS_ZH["degree"] if zh else "degree"
    texts["sources"] = HEADERS_ZH["sources"] if zh else "sources"
    texts["co_presence"] = VALUES_ZH["basis"][BASIS_CO_PRESENCE] if zh else BASIS_CO_PRESENCE
    return texts


_PAGE_KEYS: tuple[str, ...] = tuple(key for key in VIEW_TEXT if key.startswith("page."))


def payload(view: ViewGraph, generated: str | None = None) -> dict[str, Any]:
    """The page's data: kinds, relationship types, sources, nodes and edges as compact rows.

    Node row: ``[name, kind, degree, region, aliases, sources, detail, count, x, y]``;
    edge row: ``[from, to, rel, role, sources, count, co_presence]`` — indices into the
    tables; ``co_presence`` is 1 on a co-presence tie (drawn dashed), else 0.
    Built in one pass over nodes and one over edges.
    """
    generated = generated or datetime.now(UTC).strftime("%Y-%m-%d")
    kind_index: dict[str, int] = {}
    kinds: list[dict[str, Any]] = []
    rel_index: dict[str, int] = {}
    rels: list[dict[str, Any]] = []
    source_index: dict[tuple[str, str | None], int] = {}
    sources: list[list[str | None]] = []

    def src(refs: Any) -> list[int]:
        out = []
        for ref in refs:
            key = (ref.title, ref.date)
            idx = source_index.get(key)
            if idx is None:
                idx = source_index[key] = len(sources)
                sources.append([ref.title, ref.date])
            out.append(idx)
        return out

    position: dict[str, int] = {}
    node_rows: list[list[Any]] = []
    for i, node in enumerate(view.nodes):
        position[node.key] = i
        k = kind_index.get(node.kind)
        if k is None:
            k = kind_index[node.kind] = len(kinds)
            style = kind_style(node.kind)
            kinds.append(
                {"key": node.kind, "color": style.color, "shape": style.shape}
                | {"name": kind_name(node.kind, view.lang), "count": 0}
            )
        kinds[k]["count"] += node.count
        node_rows.append(
            [
                node.name,
                k,
                node.degree,
                node.region,
                list(node.aliases),
                src(node.sources),
                node.detail,
                node.count,
                node.x,
                node.y,
            ]
        )
    edge_rows: list[list[Any]] = []
    dashed = 0
    for edge in view.edges:
        co_presence = int(edge.basis == BASIS_CO_PRESENCE)
        dashed += edge.count * co_presence
        r = rel_index.get(edge.type)
        if r is None:
            r = rel_index[edge.type] = len(rels)
            rstyle = rel_style(edge.type)
            rels.append(
                {"key": edge.type, "color": rstyle.color, "name": rel_name(edge.type, view.lang), "count": 0}
            )
        rels[r]["count"] += edge.count
        edge_rows.append(
            [
                position[edge.source],
                position[edge.target],
                r,
                value_zh("role", edge.role) if view.lang == "zh" else edge.role,
                src(edge.sources),
                edge.count,
                co_presence,
            ]
        )
    return {
        "lang": "zh-Hans" if view.lang == "zh" else "en",
        "text": page_text(view.lang),
        "title": view.title,
        "caption": caption_of(view, generated),
        "summary": view.summary,
        "positioned": view.positioned,
        "focus": [position[k] for k in view.focus if k in position],
        # Co-presence ties drawn (dashed) and left out (not asked for), for the legend.
        "co_presence": {"asked": view.co_presence, "drawn": dashed, "hidden": view.hidden_co_presence},
        "kinds": kinds,
        "rels": rels,
        "sources": sources,
        "nodes": node_rows,
        "edges": edge_rows,
    }


def render_html(view: ViewGraph, generated: str | None = None) -> str:
    """The complete page for ``view`` as one string."""
    template, view_js, view_css = _own_assets()
    vis_js, vis_css = _vis_assets()
    # Substitute the data last and in one pass per marker: the inlined code
    # cannot contain a marker that a later replacement would fill.
    parts = {
        "@IEGRAPH_VERSION@": __version__,
        "@VIS_CSS@": vis_css,
        "@VIEW_CSS@": view_css,
        "@VIS_JS@": vis_js,
        "@VIEW_JS@": view_js,
        "@DATA_JSON@": script_json(payload(view, generated)),
    }
    out: list[str] = []
    rest = template
    while True:
        start = rest.find("@")
        if start < 0:
            out.append(rest)
            break
        end = rest.find("@", start + 1)
        marker = rest[start : end + 1] if end > 0 else ""
        if marker in parts:
            out.append(rest[:start])
            out.append(parts[marker])
            rest = rest[end + 1 :]
        else:
            out.append(rest[: start + 1])
            rest = rest[start + 1 :]
    return "".join(out)


def write_html(view: ViewGraph, path: str | Path, generated: str | None = None) -> Path:
    """Write the page for ``view`` to ``path`` as UTF-8 and return the path."""
    target = Path(path)
    if target.parent != Path():
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(view, generated), encoding="utf-8")
    return target
