"""Tables: CSV folders and xlsx workbooks load alike, counts match the rows, errors name rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import load_paths
from iegraph.loaders.generate import generate
from tests.dbtools import wipe
from tests.helpers import run_cli, table_rows
from tests.test_load import counts, write


def to_workbook(folder: Path, path: Path) -> Path:
    """The CSV tables of ``folder`` as the sheets of one workbook (numbers stay text)."""
    book = Workbook(write_only=True)
    for table in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(table.stem)
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book.save(path)
    return path


def test_generated_tables_round_trip_as_csv_and_xlsx(graph: Graph, tmp_path: Path) -> None:
    data = tmp_path / "eco"
    rows = generate(data, 400, seed=5)
    report = load_paths(graph, [data])
    got = counts(graph)
    assert (
        got["nodes"]["Organization"]
        == rows["organizations"]
        == report.nodes_written.get("Enterprise", 0)
        + sum(
            v
            for k, v in report.nodes_written.items()
            if k in ("College", "Government", "ResearchInstitute", "Association", "OtherOrganization")
        )
    )
    assert got["nodes"]["Project"] == rows["projects"]
    assert got["rels"]["PARTICIPATES_IN"] == rows["participations"]
    assert got["rels"]["MEMBER_OF"] == rows["memberships"] + 2 * rows["consortia"]
    colleges = sum(1 for r in table_rows(data / "organizations.csv") if r["kind"] == "College")
    assert got["nodes"]["College"] == colleges > 0
    # the same data as one workbook gives the same graph
    book = to_workbook(data, tmp_path / "eco.xlsx")
    wipe(graph)
    load_paths(graph, [book])
    assert counts(graph) == got


def test_a_folder_with_one_bad_table_writes_nothing(graph: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write(folder / "sources.csv", "id,title\ns1,报道\n")
    write(
        folder / "organizations.csv",
        "id,name,kind,level,source\no1,甲学院,College,higher_vocational,s1\no2,乙公司,Enterprise,,s1\n",
    )
    write(
        folder / "projects.csv",
        "id,name,type,date,investment,source\np1,基地,training_base,2023-02-30,1.2亿元,s1\n"
        "p2,中心,centre,2023,,s1\np3,学院,other,2023,abc,s1\n",
    )
    write(
        folder / "participations.csv", "org,project,role,source\no1,p1,lead,s1\no9,p1,partner,s1\no2,p2,,s2\n"
    )
    with pytest.raises(InputError) as info:
        load_paths(graph, [folder])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    projects, parts = folder / "projects.csv", folder / "participations.csv"
    assert any(p.startswith(f"{projects}:2: date:") for p in problems), problems
    assert any(p.startswith(f"{projects}:3: type:") for p in problems), problems
    assert any(p.startswith(f"{projects}:4: investment:") for p in problems), problems
    assert any(p.startswith(f"{parts}:3: org:") and "o9" in p for p in problems), problems
    assert any(p.startswith(f"{parts}:4: source:") and "s2" in p for p in problems), problems
    assert graph.read("MATCH (n) RETURN count(n) AS c") == [{"c": 0}]


def test_duplicate_ids_and_unknown_columns(graph: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write(folder / "organizations.csv", "id,name,kind,colour\no1,甲,College,red\n")
    write(folder / "people.csv", "id,name\nx1,张三\nx1,李四\n")
    with pytest.raises(InputError) as info:
        load_paths(graph, [folder])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert any("unknown column 'colour'" in p for p in problems), problems
    assert any(p.startswith(f"{folder / 'people.csv'}:3: id:") and "duplicate id" in p for p in problems), (
        problems
    )


def test_every_unknown_sheet_of_a_workbook_is_reported(graph: Graph, tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    for title, rows in (
        ("sources", [["id", "title"], ["s1", "报道"]]),
        ("Notes", [["x"], ["1"]]),
        ("Summary", [["y"], ["2"]]),
    ):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "two-unknown.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        load_paths(graph, [path])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    valid = "valid: sources (来源), regions (地区), industries (产业), organizations (机构)"
    assert [p[: p.index(valid) + len(valid)] for p in problems if "unknown sheet" in p] == [
        f"{path}[Notes]: unknown sheet 'Notes': {valid}",
        f"{path}[Summary]: unknown sheet 'Summary': {valid}",
    ], problems
    assert graph.read("MATCH (n) RETURN count(n) AS c") == [{"c": 0}]


def test_load_command_prints_summary_and_errors(
    cli_env: dict[str, str], graph: Graph, tmp_path: Path
) -> None:
    data = tmp_path / "eco"
    generate(data, 100, seed=2)
    result = run_cli("load", str(data), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "nodes,Enterprise," in result.stdout and "relationships,PARTICIPATES_IN," in result.stdout
    assert "Loaded" in result.stderr
    again = run_cli("load", str(data), "--format", "json")
    assert '"created": 0' in again.stdout and '"created": 1' not in again.stdout
    bad = write(tmp_path / "bad.yaml", "source: {title: x}\norganizations:\n  - {name: 甲, kind: Firm}\n")
    failed = run_cli("load", str(bad))
    assert failed.exit_code == 2
    assert f"{bad}:3: kind:" in failed.stderr and "Firm" in failed.stderr
