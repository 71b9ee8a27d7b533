"""Pure tests of result rendering: CJK alignment, CSV, JSON of driver values."""

from __future__ import annotations

import json

from neo4j.time import Date

from iegraph.output import display_width, render_csv, render_json, render_table


def test_table_aligns_chinese_by_display_width() -> None:
    rows = [{"name": "大连理工大学", "n": 5}, {"name": "abc", "n": 12}]
    lines = render_table(rows).splitlines()
    assert lines[0].split() == ["name", "n"]
    # The second column starts at the same display column on every line.
    starts = [display_width(line[: line.rindex(" ") + 1]) for line in lines[2:]]
    assert len(set(starts)) == 1


def test_empty_containers_are_blank_cells_and_long_cells_are_cut() -> None:
    table = render_table([{"outputs": {}, "parties": [], "quote": "长" * 200}])
    row = table.splitlines()[2]
    assert "{}" not in row and "[]" not in row
    assert row.endswith("…") and display_width(row.split()[-1]) <= 60


def test_csv_and_json() -> None:
    rows = [{"name": "长春企联", "ids": ["a", "b"], "d": Date(2024, 5, 17)}]
    assert render_csv(rows).splitlines() == ["name,ids,d", '长春企联,"a, b",2024-05-17']
    assert json.loads(render_json(rows)) == [{"name": "长春企联", "ids": ["a", "b"], "d": "2024-05-17"}]
    assert render_table([]) == "(no rows)"
