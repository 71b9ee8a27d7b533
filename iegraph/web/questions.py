"""``/query`` and ``/query/<name>``: every question of the library as a form, its answer
as a table and as downloads.

The form is generated from the question's ``Param``s (type, default, choices, help);
the answer comes from ``iegraph.commands.query.answer`` — the very code behind
``iegraph query NAME`` — so the page shows the CLI's rows and columns, and
``&format=json|csv|xlsx`` downloads what ``--format json|csv|xlsx`` writes (CSV with a
UTF-8 BOM, as ``--bom``, so Excel shows the Chinese; Chinese headers in CSV and xlsx
when the workbench's language is zh, as with ``iegraph --lang zh``; JSON stays English).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from iegraph.commands._common import Rows
from iegraph.commands.query import answer
from iegraph.errors import InputError, NotFoundError
from iegraph.i18n import translate_rows
from iegraph.output import BOM, columns_of, render, write_xlsx
from iegraph.queries import REGISTRY, Param, QuerySpec
from iegraph.web.state import state_of
from iegraph.web.tables import result_table
from iegraph.web.templating import render as render_page

#: Query-string names every question page takes besides the question's own parameters.
PAGE_PARAMS = ("format", "limit", "with_sources")
#: Download formats and their media types.
DOWNLOADS: dict[str, str] = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Rows a page shows at most (downloads hold them all).
SHOWN_ROWS = 1000

_TRUE = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"", "0", "false", "off", "no"})


class HasParams(Protocol):
    """What a form is generated from: a question's (or a view's) name and parameters."""

    @property
    def name(self) -> str: ...

    @property
    def params(self) -> tuple[Param, ...]: ...


def spec_of(name: str) -> QuerySpec:
    """The question ``name``, or NotFoundError naming the known ones."""
    spec = REGISTRY.get(name)
    if spec is None:
        known = "、".join(sorted(REGISTRY))
        raise NotFoundError(f"没有名为 {name!r} 的问题 / no question named {name!r}; 已有 known: {known}")
    return spec


def _value(p: Param, raw: str) -> Any:
    """One parameter's value from its query-string text, checked as the CLI checks it."""
    text = raw.strip()
    if p.type is bool:
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise InputError(f"参数 {p.name} 应为是/否 / {p.name} must be true or false, got {raw!r}")
    if text == "":
        return None
    if p.type is int:
        try:
            return int(text)
        except ValueError:
            raise InputError(
                f"参数 {p.name} 应为整数 / {p.name} must be a whole number, got {raw!r}"
            ) from None
    if p.choices:
        # as the CLI: choices in any case
        match = next((c for c in p.choices if c.lower() == text.lower()), None)
        if match is None:
            raise InputError(
                f"参数 {p.name} 只能取 / {p.name} must be one of: {', '.join(p.choices)} (got {raw!r})"
            )
        return match
    return text


def parse_params(
    spec: HasParams, query: QueryParams | Mapping[str, str], extra: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The question's parameter values from a query string (names as ``Param.name``).

    Empty fields are left out (the question's default applies); an unknown name or a
    value of the wrong type raises InputError (a 400 page)."""
    known = {p.name: p for p in spec.params}
    unknown = [k for k in query if k not in known and k not in PAGE_PARAMS and k not in extra]
    if unknown:
        raise InputError(
            f"问题 {spec.name} 没有参数 / question {spec.name} has no parameter(s): {', '.join(sorted(unknown))}"
        )
    values: dict[str, Any] = {}
    for name, p in known.items():
        if name in query:
            value = _value(p, str(query[name]))
            if value is not None:
                values[name] = value
    return values


def missing_required(spec: HasParams, values: Mapping[str, Any]) -> list[Param]:
    """The required parameters without a value."""
    return [p for p in spec.params if p.required and values.get(p.name) in (None, "")]


def _page_options(query: QueryParams) -> tuple[int | None, bool, str | None]:
    raw_limit = query.get("limit", "").strip()
    limit = None
    if raw_limit:
        if not raw_limit.isdigit():
            raise InputError(f"limit 应为非负整数 / limit must be a whole number ≥ 0, got {raw_limit!r}")
        limit = int(raw_limit)
    with_sources = query.get("with_sources", "").lower() in _TRUE
    fmt = query.get("format") or None
    if fmt is not None and fmt not in DOWNLOADS:
        raise InputError(f"format 只能取 / format must be one of: {', '.join(DOWNLOADS)} (got {fmt!r})")
    return limit, with_sources, fmt


@dataclass
class Field:
    """One form field generated from a ``Param``."""

    name: str
    label: str
    input: str  # text | number | checkbox | select
    value: Any
    required: bool
    help: str
    choices: tuple[str, ...] = ()


def form_fields(spec: HasParams, values: Mapping[str, Any]) -> list[Field]:
    """The form of ``spec``: one field per parameter, filled with the given value or the default."""
    fields = []
    for p in spec.params:
        kind = (
            "checkbox" if p.type is bool else "number" if p.type is int else "select" if p.choices else "text"
        )
        value = values.get(p.name, p.default)
        fields.append(Field(p.name, p.option.lstrip("-"), kind, value, p.required, p.help, p.choices or ()))
    return fields


def download(spec: QuerySpec, rows: Rows, fmt: str, lang: str) -> Response:
    """The answer as a file, written by the same code as ``iegraph query NAME --format FMT``."""
    columns = columns_of(rows.rows, rows.columns)
    if lang == "zh" and fmt != "json":
        # as the CLI's output_options: JSON stays English, tables and files speak Chinese
        zh_rows, zh_columns = translate_rows(list(rows.rows), columns)
        rows = Rows(zh_rows, zh_columns, rows.note)
    headers = {"Content-Disposition": f'attachment; filename="{spec.name}.{fmt}"'}
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory(prefix="iegraph-web-") as tmp:
            path = Path(tmp) / f"{spec.name}.xlsx"
            write_xlsx(list(rows.rows), path, rows.columns)
            body = path.read_bytes()
        return Response(body, media_type=DOWNLOADS[fmt], headers=headers)
    text = render(list(rows.rows), fmt, rows.columns) + "\n"
    if fmt == "csv":
        text = BOM + text
    return Response(text.encode("utf-8"), media_type=DOWNLOADS[fmt], headers=headers)


def question_list(request: Request) -> Response:
    """``/query``: every question with its description and parameters."""
    specs = sorted(REGISTRY.values(), key=lambda s: s.name)
    return render_page(request, "questions.html", specs=specs)


def question_page(request: Request) -> Response:
    """``/query/<name>``: the question's form; with its required parameters, its answer
    (or, with ``format``, the answer as a download)."""
    state = state_of(request)
    spec = spec_of(request.path_params["name"])
    query = request.query_params
    limit, with_sources, fmt = _page_options(query)
    values = parse_params(spec, query)
    missing = missing_required(spec, values)
    asked = any(p.name in query for p in spec.params)
    fields = form_fields(spec, values)
    context: dict[str, Any] = {
        "spec": spec,
        "fields": fields,
        "with_sources": with_sources,
        "limit": limit,
        "table": None,
        "note": None,
        "error": None,
        "downloads": [],
        "view_link": None,
    }
    if missing:
        if asked or fmt:
            needed = "、".join(p.name for p in missing)
            context["error"] = f"请填写必填参数 / required: {needed}"
            return render_page(request, "question.html", status_code=400, **context)
        return render_page(request, "question.html", **context)
    rows = answer(state.graph, spec, limit, with_sources, values)
    if fmt is not None:
        return download(spec, rows, fmt, state.lang)
    columns = list(rows.columns or columns_of(rows.rows))
    base = {k: v for k, v in query.items() if k != "format"}
    context.update(
        table=result_table(rows.rows, columns, state.lang, SHOWN_ROWS),
        note=rows.note,
        downloads=[(f, f"/query/{spec.name}?" + _encode({**base, "format": f})) for f in DOWNLOADS],
        view_link="/view/query?"
        + _encode({"question": spec.name, **{k: v for k, v in base.items() if k in values}}),
        shown_rows=SHOWN_ROWS,
    )
    return render_page(request, "question.html", **context)


def _encode(params: Mapping[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v not in (None, "")})
