"""docs/loading.md's tables of Chinese names are the code's tables, row for row, so they
cannot drift: the enumerations and roles (names_zh), table and column names (tables.py),
the keyed amounts' prefixes and keys (names_zh)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from iegraph.loaders.tables import COLUMN_ZH, TABLE_ZH
from iegraph.schema.names_zh import AMOUNT_KEY_ZH, AMOUNT_PREFIX_ZH, ENUMS_ZH, ROLES_ZH

DOC = Path(__file__).resolve().parent.parent / "docs" / "loading.md"

Row = list[str]


def _tables(heading: str) -> list[list[Row]]:
    """The markdown tables of the section under ``### heading``, each as its rows of cells
    (the header row first, the |---| line left out); a blank line ends a table."""
    section = DOC.read_text(encoding="utf-8").split(f"\n### {heading}\n", 1)[1].split("\n### ", 1)[0]
    tables: list[list[Row]] = []
    current: list[Row] | None = None
    for line in section.splitlines():
        if not line.startswith("|"):
            current = None
            continue
        if current is None:
            current = []
            tables.append(current)
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not all(set(c) <= {"-", ":"} for c in cells):
            current.append(cells)
    return tables


def _grouped(what: str, table: Mapping[str, tuple[str, ...]]) -> list[Row]:
    """Rows of one enumeration as the doc writes them: ``noun `field` …`` on its first row."""
    return [
        [what if i == 0 else "", str(en), ", ".join(names)] for i, (en, names) in enumerate(table.items())
    ]


def test_the_one_table_of_enumerations_and_roles_is_names_zh() -> None:
    tables = _tables("Chinese names of the enumerations")
    assert len(tables) == 1, "one table: a blank line splits it into a table without a header"
    header, *rows = tables[0]
    assert header == ["field", "English value", "Chinese names"]
    expected: list[Row] = []
    for what, table in [*ENUMS_ZH.items(), *ROLES_ZH.items()]:
        noun, field = what.rsplit(" ", 1)
        expected += _grouped(f"{noun} `{field}`", table)
    # the first cell of a group may say more after the field: "participation `role` (participations, …)"
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        assert row[1:] == want[1:] and row[0].startswith(want[0]) and bool(row[0]) == bool(want[0]), row


def test_table_and_column_names_are_tables_py() -> None:
    tables = _tables("Chinese table and column names")
    by_header = {tuple(t[0]): t[1:] for t in tables}
    assert by_header[("table", "Chinese names")] == [[en, ", ".join(zh)] for en, zh in TABLE_ZH.items()]
    assert by_header[("column", "Chinese names")] == [[en, ", ".join(zh)] for en, zh in COLUMN_ZH.items()]


def test_keyed_amounts_are_names_zh() -> None:
    tables = _tables("Chinese table and column names")
    header = ["field (table columns)", "Chinese prefixes", "key", "Chinese names"]
    rows = next(t[1:] for t in tables if t[0] == header)
    expected: list[Row] = []
    for fld, (prefix, zh) in AMOUNT_PREFIX_ZH.items():
        for i, (key, names) in enumerate(AMOUNT_KEY_ZH[fld].items()):
            first = i == 0
            expected.append(
                [f"`{fld}` (`{prefix}<key>`" if first else "", ", ".join(zh) if first else "", key]
            )
            expected[-1].append(", ".join(names))
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        assert row[1:] == want[1:] and want[0] in row[0] and bool(row[0]) == bool(want[0]), row
