"""Result rows as an HTML table: the question pages' tables (and any page's, through
``templates/_table.html``).

Cells show what the CLI's table shows (``iegraph.output.cell_text``: qualified amounts
as written, lists joined), enumeration values in Chinese when the workbench's language
is zh, and entity names linked to their pages wherever the row holds their id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from iegraph.output import cell_text
from iegraph.quantities import Quantity
from iegraph.web.templating import entity_url, t

#: Columns whose values are graph ids (or lists of them) whatever their name says.
_ID_LIST_COLUMNS = frozenset({"sources", "example_ids"})
#: Name columns whose ids are in a column not called ``<column>_id``.
_ID_COLUMN_OF: dict[str, tuple[str, ...]] = {
    "name": ("id", "entity_id", "fact_id"),
    "through": ("via_id", "via_ids"),
    "from_org": ("from_id",),
    "to_org": ("to_id",),
    "parties": ("party_ids",),
    "common_partners": ("common_ids",),
    "source_titles": ("sources",),
}


@dataclass
class Cell:
    """One table cell: its pieces of text (each linked or not) and how it sorts."""

    parts: list[tuple[str, str | None]] = field(default_factory=list)
    sort: str | None = None
    numeric: bool = False


@dataclass
class Table:
    """A table ready for ``_table.html``: headers (shown label, column name) and rows of cells."""

    headers: list[tuple[str, str]]
    rows: list[list[Cell]]
    total: int


def is_id_column(column: str) -> bool:
    """Whether a result column holds graph ids (``id``, ``*_id``, ``*_ids``, ``sources``)."""
    return column == "id" or column.endswith(("_id", "_ids")) or column in _ID_LIST_COLUMNS


def _ids_for(column: str, row: Mapping[str, Any]) -> Any:
    """The id (or ids) of the entity (or entities) a name column names, if the row has them."""
    for candidate in (*_ID_COLUMN_OF.get(column, ()), f"{column}_id", f"{column}_ids"):
        if row.get(candidate):
            return row[candidate]
    return None


def _text(value: Any, column: str, lang: str) -> str:
    if isinstance(value, str):
        return t(value, column, lang)
    return cell_text(value)


def make_cell(column: str, row: Mapping[str, Any], lang: str) -> Cell:
    """The cell of ``column`` in ``row``."""
    value = row.get(column)
    if isinstance(value, bool):
        return Cell([("是" if value else "否", None)], "1" if value else "0")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Cell([(cell_text(value), None)], str(value), numeric=True)
    if isinstance(value, Quantity):
        number = value.value
        return Cell([(cell_text(value), None)], str(number) if number is not None else None, numeric=True)
    if is_id_column(column):
        ids = value if isinstance(value, list) else [value] if value else []
        return Cell(_joined([(str(i), entity_url(str(i))) for i in ids if i]))
    ids = _ids_for(column, row)
    if isinstance(value, str) and isinstance(ids, str):
        return Cell([(_text(value, column, lang), entity_url(ids))])
    if isinstance(value, list) and isinstance(ids, list) and len(ids) == len(value):
        return Cell(
            _joined(
                [
                    (_text(v, column, lang), entity_url(str(i)) if i else None)
                    for v, i in zip(value, ids, strict=True)
                ]
            )
        )
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return Cell([(", ".join(t(v, column, lang) for v in value), None)])
    return Cell([(_text(value, column, lang), None)] if value not in (None, "", [], {}) else [])


def _joined(parts: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Pieces separated by "、" (a separator piece between every two)."""
    out: list[tuple[str, str | None]] = []
    for i, part in enumerate(parts):
        if i:
            out.append(("、", None))
        out.append(part)
    return out


def result_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], lang: str, max_rows: int | None = None
) -> Table:
    """The table of ``rows`` in ``columns`` (the first ``max_rows`` rows when given)."""
    shown = rows if max_rows is None else rows[:max_rows]
    headers = [(t(c, "header", lang), c) for c in columns]
    return Table(headers, [[make_cell(c, row, lang) for c in columns] for row in shown], len(rows))
