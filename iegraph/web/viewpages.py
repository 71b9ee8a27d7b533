"""``/view`` and ``/view/<kind>``: the network views of ``iegraph viz`` in the workbench.

``/view/<kind>?…`` is a workbench page (the view's parameters as a form) that frames
``/view/<kind>/raw?…``: the page the existing renderer (``iegraph.viz.html.render_html``)
writes for ``iegraph viz``, served as it is. That page keeps its own policy: its
header CSP is the renderer's (nothing from the network, inline styles) with each inline
script allowed by its SHA-256 hash instead of ``'unsafe-inline'``, and it may be framed
by the workbench only.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from iegraph.db import Runner
from iegraph.errors import InputError, NotFoundError
from iegraph.queries import Param
from iegraph.queries._base import WITH_CO_PRESENCE
from iegraph.schema.model import ProjectType
from iegraph.viz import views
from iegraph.viz.graphdata import ViewGraph
from iegraph.viz.html import render_html
from iegraph.web.questions import form_fields, missing_required, parse_params, spec_of
from iegraph.web.state import state_of
from iegraph.web.templating import render

_ORG = Param("org", help="机构：名称、简称、别名或编号 / organisation: name, alias or id", required=True)


@dataclass(frozen=True)
class ViewKind:
    """One kind of view: its Chinese/English title, parameters and builder."""

    zh: str
    en: str
    params: tuple[Param, ...]
    build: Callable[..., ViewGraph]


VIEW_KINDS: dict[str, ViewKind] = {
    "ego": ViewKind(
        "机构合作网络",
        "ego network",
        (_ORG, Param("hops", int, 1, "1 或 2 跳 / 1 or 2 hops"), WITH_CO_PRESENCE),
        views.ego,
    ),
    "consortium": ViewKind(
        "联合体成员与项目",
        "consortium",
        (Param("name", help="联合体 / consortium: name, alias or id", required=True), WITH_CO_PRESENCE),
        views.consortium,
    ),
    "region": ViewKind(
        "地区产教融合网络",
        "region",
        (Param("name", help="地区 / region: name or id", required=True), WITH_CO_PRESENCE),
        views.region,
    ),
    "projects": ViewKind(
        "项目网络",
        "projects",
        (
            Param(
                "project_type", help="项目类型 / project type", choices=tuple(t.value for t in ProjectType)
            ),
            Param("industry", help="产业 / industry"),
        ),
        views.projects,
    ),
    "overview": ViewKind("图谱总览", "overview", (WITH_CO_PRESENCE,), views.overview),
    "query": ViewKind("问题子图", "query subgraph", (), views.query),
}


@dataclass(frozen=True)
class _Spec:
    """What ``parse_params`` needs of a view kind (its name and parameters)."""

    name: str
    params: tuple[Param, ...]


def kind_of(name: str) -> ViewKind:
    """The view kind ``name``, or NotFoundError."""
    kind = VIEW_KINDS.get(name)
    if kind is None:
        raise NotFoundError(
            f"没有名为 {name!r} 的视图 / no view named {name!r}; 已有 known: {'、'.join(VIEW_KINDS)}"
        )
    return kind


def _params(kind_name: str, query: Mapping[str, str]) -> tuple[tuple[Param, ...], dict[str, Any], str | None]:
    """The parameters of a view, their values from the query string, and (for the query
    view) the question's name."""
    if kind_name == "query":
        question = str(query.get("question", "")).strip()
        if not question:
            raise InputError("请给出问题名 question / give the question's name (question=…)")
        spec = spec_of(question)
        # the form keeps the fields of the question asked before when another is chosen
        own = {p.name for p in spec.params}
        values = parse_params(spec, {k: v for k, v in query.items() if k in own})
        return spec.params, values, question
    kind = kind_of(kind_name)
    return kind.params, parse_params(_Spec(kind_name, kind.params), query), None


def build_view(runner: Runner, kind_name: str, query: Mapping[str, str], lang: str = "zh") -> ViewGraph:
    """The ViewGraph of ``/view/<kind>`` for the query string (through the existing view
    functions), its words in ``lang`` as ``iegraph --lang LANG viz`` writes them."""
    params, values, question = _params(kind_name, query)
    missing = [p.name for p in params if p.required and values.get(p.name) in (None, "")]
    if missing:
        raise InputError(f"请填写必填参数 / required: {'、'.join(missing)}")
    if question is not None:
        return views.query(runner, question, values, lang=lang)
    return VIEW_KINDS[kind_name].build(runner, **values, lang=lang)


def raw_url(kind: str, **params: Any) -> str:
    """The link of the bare view page (for an ``<iframe>``)."""
    given = {k: ("1" if v is True else v) for k, v in params.items() if v not in (None, "", False)}
    return f"/view/{kind}/raw" + ("?" + urlencode(given) if given else "")


_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def view_csp(html: str) -> str:
    """The renderer's policy with each inline script allowed by hash, framed by the workbench only."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
        for m in _SCRIPT_RE.finditer(html)
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )


def view_raw(request: Request) -> Response:
    """``/view/<kind>/raw``: the renderer's page for the view, with its own CSP."""
    kind_name = request.path_params["kind"]
    kind_of(kind_name)
    state = state_of(request)
    view = build_view(state.graph, kind_name, request.query_params, state.lang)
    html = render_html(view)
    return HTMLResponse(html, headers={"Content-Security-Policy": view_csp(html)})


def view_list(request: Request) -> Response:
    """``/view``: the kinds of view and what each shows."""
    return render(request, "views.html", kinds=VIEW_KINDS)


def view_page(request: Request) -> Response:
    """``/view/<kind>``: the view's parameters as a form and, when they are complete, the view."""
    kind_name = request.path_params["kind"]
    kind = kind_of(kind_name)
    query = request.query_params
    params, values, question = (
        _params(kind_name, query) if (kind_name != "query" or "question" in query) else ((), {}, None)
    )
    spec = _Spec(kind_name, params)
    missing = missing_required(spec, values)
    frame = (
        None if missing or (kind_name == "query" and question is None) else raw_url(kind_name, **dict(query))
    )
    return render(
        request,
        "view.html",
        kind_name=kind_name,
        kind=kind,
        fields=form_fields(spec, values),
        question=question,
        frame=frame,
        questions=sorted(views.query_registry()),
    )
