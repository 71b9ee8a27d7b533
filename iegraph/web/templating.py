"""The workbench's one Jinja2 environment and the helpers every page template uses.

Autoescaping is on for every template (``autoescape=True``, not by file extension), so
any value from the graph — a name, a quote, a title — reaches the page as text.
Templates live in ``iegraph/web/templates`` (one directory for the core, entity and
review pages); each page extends ``base.html``.

Globals in every template: ``t(value, what)`` (Chinese/English label of a column or an
enumeration value), ``entity_url(id)``, ``view_url(kind, **params)``,
``query_url(name, **params)``, ``csrf_token()`` (for POST forms), ``lang``,
``allow_writes`` and ``request``.
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from iegraph.i18n import VALUES_ZH, header_zh
from iegraph.queries._base import QuerySpec
from iegraph.web.security import csrf_token
from iegraph.web.state import state_of

#: Extra Chinese labels of columns the CLI leaves in English (the web shows every header in Chinese).
_EXTRA_HEADERS_ZH: dict[str, str] = {
    "section": "部分",
    "example_ids": "示例编号",
    "source_titles": "来源标题",
    "title": "标题",
    "publisher": "发布者",
    "members": "成员",
    "n_members": "成员数",
    "n_orgs": "机构数",
    "question": "问题",
    "description": "说明",
    "parameters": "参数",
    # question and view parameters
    "with_co_presence": "含同场共现",
    "top": "数量上限",
    "regions": "地区数",
    "max_hops": "最大跳数",
    "paths": "路径数",
    "min_units": "最少单位数",
    "project_type": "项目类型",
}


def entity_url(entity_id: str) -> str:
    """The link of an entity's page (``/entity/<id>``, the id percent-encoded)."""
    return "/entity/" + quote(str(entity_id), safe="")


def _params(params: dict[str, Any]) -> str:
    given = {k: ("1" if v is True else v) for k, v in params.items() if v not in (None, "", False)}
    return ("?" + urlencode(given)) if given else ""


def view_url(kind: str, /, **params: Any) -> str:
    """The link of a network view page (``/view/ego?org=…``). ``kind`` is positional-only,
    so a view parameter of any name (``name=…``) is a parameter."""
    return f"/view/{quote(kind, safe='')}" + _params(params)


def query_url(name: str, /, **params: Any) -> str:
    """The link of a question page with its parameters filled in (``/query/partners?org=…``).
    ``name`` is positional-only: the evidence and consortium questions have a parameter
    called ``name`` too (``query_url('evidence', name=id)``). True is written 1, and
    None, "" and False are left out (a flag that is off)."""
    return f"/query/{quote(name, safe='')}" + _params(params)


def t(value: Any, what: str = "header", lang: str = "zh") -> str:
    """The label of a result column (``what="header"``) or of an enumeration value
    (``what`` = the column it appears in: kind, type, level, basis, gap), in Chinese
    when ``lang`` is zh (from iegraph.i18n, whose names come from schema.names_zh),
    else as it is."""
    text = "" if value is None else str(value)
    if lang != "zh":
        return text
    if what == "header":
        zh = header_zh(text)
        return _EXTRA_HEADERS_ZH.get(text, zh)
    return VALUES_ZH.get(what, {}).get(text, text)


def question_zh(spec: QuerySpec) -> str:
    """The Chinese half of a question's summary — the first paragraph of its docstring
    is "English? / 中文？" — for the question pages in Chinese; "" when it has none."""
    doc = inspect.getdoc(spec.func) or ""
    _, sep, zh = doc.split("\n\n", 1)[0].partition(" /")
    # a Chinese line wraps without a space: the wrapped lines join with none
    zh = "".join(line.strip() for line in zh.splitlines())
    return zh if sep and any("\u4e00" <= ch <= "\u9fff" for ch in zh) else ""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one template environment: package templates, autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("iegraph.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(entity_url=entity_url, view_url=view_url, query_url=query_url, question_zh=question_zh)
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render the template ``name`` with ``context`` (plus the globals above) as an HTML response."""
    state = state_of(request)
    lang = state.lang

    def label(value: Any, what: str = "header") -> str:
        return t(value, what, lang)

    html = (
        environment()
        .get_template(name)
        .render(
            request=request,
            lang=lang,
            allow_writes=state.allow_writes,
            t=label,
            csrf_token=lambda: csrf_token(request),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)
