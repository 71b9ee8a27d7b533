"""Commands that print rows share one output path: --format xlsx -o FILE and --lang zh on
`extract --evaluate` too, and a terminal table that cuts a cell says so on stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from iegraph.output import TABLE_CELL_WIDTH, cut_columns, render_table
from iegraph.queries import REGISTRY
from tests.helpers import run_cli

SEEDS = Path(__file__).parent.parent / "iegraph" / "data" / "seeds"


def test_evaluate_writes_xlsx_with_the_rows_json_holds(tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    written = run_cli("extract", "--evaluate", str(SEEDS), "--format", "xlsx", "-o", str(out))
    assert written.exit_code == 0, written.stderr
    assert written.stdout == "" and f"to {out}" in written.stderr
    rows = json.loads(run_cli("extract", "--evaluate", str(SEEDS), "--format", "json").stdout)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.freeze_panes == "A2"
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == list(rows[0]) and len(cells) == len(rows) >= 6
    # the same values, numbers as numbers
    assert [dict(zip(header, c, strict=True)) for c in cells] == rows


def test_evaluate_in_chinese(tmp_path: Path) -> None:
    table = run_cli("--lang", "zh", "extract", "--evaluate", str(SEEDS))
    assert table.exit_code == 0, table.stderr
    assert table.stdout.split()[:3] == ["文章", "机构精确率", "机构召回率"]
    out = tmp_path / "评测.xlsx"
    assert (
        run_cli(
            "--lang", "zh", "extract", "--evaluate", str(SEEDS), "--format", "xlsx", "-o", str(out)
        ).exit_code
        == 0
    )
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:2] == ["文章", "机构精确率"]
    # JSON stays English
    rows = json.loads(run_cli("--lang", "zh", "extract", "--evaluate", str(SEEDS), "--format", "json").stdout)
    assert "org_f1" in rows[0]


def test_extract_drafts_keep_their_o_and_refuse_row_formats(tmp_path: Path) -> None:
    article = SEEDS / "texts" / sorted(p.name for p in (SEEDS / "texts").glob("*.txt"))[0]
    for flag in ("-o", "--out"):
        drafts = tmp_path / flag.strip("-")
        result = run_cli("extract", str(article), flag, str(drafts))
        assert result.exit_code == 0, result.stderr
        assert [p.suffix for p in drafts.iterdir()] == [".yaml"]
    refused = run_cli("extract", str(article), "-o", str(tmp_path / "x"), "--format", "csv")
    assert refused.exit_code == 2 and not (tmp_path / "x").exists()
    assert (
        refused.stderr
        == "iegraph: error: --format applies to --evaluate (the scores); drafts are YAML files\n"
    )


def test_a_cut_table_says_so_and_csv_holds_the_whole_cell() -> None:
    longest = max((spec.description for spec in REGISTRY.values()), key=len)
    assert len(longest) > TABLE_CELL_WIDTH  # else this test shows nothing
    table = run_cli("query", "list")
    assert table.exit_code == 0, table.stderr
    assert longest not in table.stdout and "…" in table.stdout
    notes = [line for line in table.stderr.splitlines() if line.startswith("note: long cells cut")]
    assert len(notes) == 1 and "description" in notes[0] and "--format csv or json" in notes[0]
    whole = run_cli("query", "list", "--format", "csv")
    assert whole.stderr == ""
    assert longest in [row["description"] for row in csv.DictReader(io.StringIO(whole.stdout))]


def test_cut_columns_are_the_columns_the_table_cuts() -> None:
    rows = [{"a": "短", "b": "字" * 31, "c": "x" * 60}, {"a": "y" * 61, "b": "", "c": None}]
    # CJK characters take two columns: 31 of them are 62 wide
    assert cut_columns(rows) == ["a", "b"]
    table = render_table(rows)
    assert "字" * 31 not in table and "y" * 61 not in table and "x" * 60 in table
    assert cut_columns([{"a": "z" * 60}]) == []
