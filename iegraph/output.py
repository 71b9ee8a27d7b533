"""Rendering result rows as a table, JSON, CSV or an Excel workbook, and turning Neo4j values
into plain data.

Qualified amounts (``iegraph.quantities.Quantity``) print as the source writes them in
tables (``2800余``, ``近120``, ``1.2亿元``), as ``{value, qualifier, unit, text}`` in JSON,
and in CSV as the source's text in the column itself plus ``<column>_value``,
``<column>_qualifier`` and ``<column>_unit`` columns (a column holding a mapping of
quantities, such as a project's outputs, gets ``<column>_values`` with that mapping as
JSON): a person reads the first column, a program the others. An xlsx sheet has the same
columns as CSV. Only the terminal table cuts long cells (with "…"; the command then names
the columns on stderr); CSV, JSON and xlsx always hold the whole value.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path as FilePath
from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from iegraph.quantities import Quantity, display_mapping

FORMATS = ("table", "json", "csv", "xlsx")
#: Formats that are files, never text for a terminal: they need ``-o FILE``.
BINARY_FORMATS = frozenset({"xlsx"})
#: UTF-8 byte order mark: Excel on Windows reads a CSV as UTF-8 (Chinese intact) only with it.
BOM = "\ufeff"


def to_plain(value: Any) -> Any:
    """Convert Neo4j driver values (nodes, relationships, paths, temporals, points)
    into JSON-compatible Python values."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {
            "_type": value.type,
            "_start": to_plain(value.start_node.get("id")) if value.start_node else None,
            "_end": to_plain(value.end_node.get("id")) if value.end_node else None,
            **{k: to_plain(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_plain(n) for n in value.nodes],
            "relationships": [to_plain(r) for r in value.relationships],
        }
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, (Duration, timedelta)):
        return str(value)
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "model_dump"):
        return to_plain(value.model_dump())
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return str(value)


def _quantity_map(value: Any) -> bool:
    """A non-empty mapping whose values are all quantities (a project's outputs)."""
    return isinstance(value, Mapping) and bool(value) and all(isinstance(v, Quantity) for v in value.values())


def _cell(value: Any) -> str:
    if isinstance(value, Quantity):
        return value.display()
    if _quantity_map(value):
        return display_mapping(value)
    plain = to_plain(value)
    if plain is None or plain == {} or plain == []:
        return ""
    if isinstance(plain, str):
        return plain
    if isinstance(plain, list) and all(not isinstance(v, (dict, list)) for v in plain):
        return ", ".join("" if v is None else str(v) for v in plain)
    if isinstance(plain, float):
        return f"{plain:.4g}"
    if isinstance(plain, (dict, list)):
        return json.dumps(plain, ensure_ascii=False)
    return str(plain)


def cell_text(value: Any) -> str:
    """One cell as a table, CSV and xlsx show it (qualified amounts as the source writes them,
    lists joined with commas, mappings as JSON), uncut; the workbench's tables use it too."""
    return _cell(value)


def display_width(text: str) -> int:
    """Terminal columns taken by ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


#: Characters a terminal would obey instead of showing: controls (NUL, BEL, ESC …; the
#: whitespace ones are folded into spaces first) and the bidi overrides and isolates
#: that reorder what follows them. The loader refuses them in names, aliases and ids;
#: a graph written by other means (or text fields) may still hold them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control and bidi-control character written as an escape
    (``\\x1b``, ``\\u202e``), so a table shows what the data holds and the terminal
    neither rings, recolours nor reverses what follows."""
    return _UNPRINTABLE.sub(_escape, text)


#: Widest cell of a terminal table, in display columns; a longer cell is cut with "…"
#: (and the command says so on stderr: ``cut_columns``).
TABLE_CELL_WIDTH = 60


def _truncate(text: str, limit: int) -> str:
    text = visible(" ".join(text.split()))
    if display_width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def columns_of(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> list[str]:
    """Column order: the given one, else first-seen order over the rows."""
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def cut_columns(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None, max_width: int = TABLE_CELL_WIDTH
) -> list[str]:
    """The columns in which ``render_table`` cuts at least one cell: a table never cuts
    silently, the command names them and the formats that show them whole."""
    return [
        col
        for col in columns_of(rows, columns)
        if any(display_width(visible(" ".join(_cell(row.get(col)).split()))) > max_width for row in rows)
    ]


def render_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    max_width: int = TABLE_CELL_WIDTH,
) -> str:
    """A plain-text table aligned for CJK text; long cells are cut with an ellipsis
    (``cut_columns`` says which columns, for a note on stderr)."""
    cols = columns_of(rows, columns)
    if not cols:
        return "(no rows)"
    cells = [[_truncate(_cell(row.get(c)), max_width) for c in cols] for row in rows]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(cols, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    if not rows:
        lines.append("(no rows)")
    return "\n".join(lines)


def render_json(rows: Iterable[Mapping[str, Any]]) -> str:
    """A JSON array of row objects, UTF-8 text kept readable."""
    return json.dumps([to_plain(dict(r)) for r in rows], ensure_ascii=False, indent=2)


def _csv_fields(rows: Sequence[Mapping[str, Any]], col: str) -> list[tuple[str, Any]]:
    """The CSV columns one result column becomes: itself, plus the machine-readable
    parts of the quantities it holds (see the module docstring)."""
    values = [row.get(col) for row in rows]
    if any(isinstance(v, Quantity) for v in values):
        return [
            (col, _cell),
            (col + "_value", lambda v: _cell(v.value) if isinstance(v, Quantity) else ""),
            (col + "_qualifier", lambda v: (v.qualifier or "") if isinstance(v, Quantity) else ""),
            (col + "_unit", lambda v: (v.unit or "") if isinstance(v, Quantity) else ""),
        ]
    if any(_quantity_map(v) for v in values):
        return [
            (col, _cell),
            (col + "_values", lambda v: json.dumps(to_plain(v), ensure_ascii=False) if v else ""),
        ]
    return [(col, _cell)]


def _flat_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and cell texts of CSV: every result column, each column of quantities
    followed by its value/qualifier/unit columns; no cell is cut."""
    cols = columns_of(rows, columns)
    fields = [(col, name, fmt) for col in cols for name, fmt in _csv_fields(rows, col)]
    header = [name for _col, name, _fmt in fields]
    return header, [[fmt(row.get(col)) for col, _name, fmt in fields] for row in rows]


def render_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV with a header row; nested values are JSON-encoded; a column of quantities is
    followed by its value/qualifier/unit columns."""
    header, cells = _flat_table(rows, columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(cells)
    return buf.getvalue().rstrip("\n")


#: Widest column an xlsx sheet is given (in character widths); the cell keeps its whole text.
_XLSX_MAX_WIDTH = 80


def write_sheet(workbook: Any, title: str, header: Sequence[str], cells: Sequence[Sequence[Any]]) -> None:
    """Add a write-only sheet (frozen header row, widths from content, CJK characters
    counting double) to an ``openpyxl.Workbook(write_only=True)``."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    widths = [display_width(h) for h in header]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(str(value)) if value is not None else 0)
    # write-only sheets take column widths before the first row is appended
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width, _XLSX_MAX_WIDTH) + 2
    sheet.append(list(header))
    for row in cells:
        sheet.append(["" if v is None else v for v in row])


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def _xlsx_value(value: Any, quantity_value: bool, fmt: Callable[[Any], str]) -> Any:
    """A cell of an xlsx sheet: a plain number (or a quantity's value) as a number, else the CSV text."""
    number = _number(value.value if quantity_value and isinstance(value, Quantity) else value)
    return number if number is not None else fmt(value)


def write_xlsx(
    rows: Sequence[Mapping[str, Any]], path: FilePath, columns: Sequence[str] | None = None
) -> None:
    """Write rows as one sheet (``results``) of an Excel workbook: the columns of CSV,
    a frozen header row, column widths set from the content, nothing cut."""
    from openpyxl import Workbook

    cols = columns_of(rows, columns)
    fields = [(col, name, fmt) for col in cols for name, fmt in _csv_fields(rows, col)]
    header = [name for _col, name, _fmt in fields]
    # numbers stay numbers (Excel sorts and sums them); everything else is the CSV text
    cells = [
        [_xlsx_value(row.get(col), name == col + "_value", fmt) for col, name, fmt in fields] for row in rows
    ]
    workbook = Workbook(write_only=True)
    write_sheet(workbook, "results", header, cells)
    workbook.save(path)


def render(
    rows: Sequence[Mapping[str, Any]], fmt: str = "table", columns: Sequence[str] | None = None
) -> str:
    """Render rows in one of the text FORMATS (xlsx is written by ``write_xlsx``)."""
    if fmt == "json":
        return render_json(rows)
    if fmt == "csv":
        return render_csv(rows, columns)
    return render_table(rows, columns)
