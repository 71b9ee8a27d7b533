"""``iegraph template``: the Excel workbook analysts fill in, and a project's parties column.

The unit tests read the written workbook with openpyxl and validate it with the
loader's own reader (no graph); the integration tests load it into the real Neo4j and
ask it a question, and load a project's parties column beside its participations twin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import load_paths, validate_paths
from iegraph.loaders.tables import TABLE_ORDER, TABLE_ZH, _columns, english_header
from iegraph.loaders.template import ENUM_COLUMNS, NOTES_SHEET, build_template, table_columns
from iegraph.queries.evidence import evidence
from iegraph.queries.partners import partners
from iegraph.schema.names_zh import (
    ENUMS_ZH,
    MEMBERSHIP_ROLE_ZH,
    PARTICIPATION_ROLE_ZH,
    role_english,
    to_english,
)
from tests.dbtools import wipe
from tests.helpers import run_cli
from tests.test_load_tables_zh import _graph_state

COLLEGE = "示例职业技术学院"
ENTERPRISE = "示例精密机械有限公司"
PROJECT = "示例智能制造实训基地"
PROJECT_QUOTE = "示例职业技术学院与示例精密机械有限公司共建示例智能制造实训基地，总投资2000万元。"


def _write(tmp_path: Path, *args: str, name: str = "模板.xlsx") -> Path:
    path = tmp_path / name
    result = run_cli("template", "-o", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return path


def _header(sheet: Worksheet) -> list[str]:
    return [str(c.value) for c in sheet[1]]


def _validations(sheet: Worksheet) -> dict[str, str]:
    """Column letter -> the list formula of the drop-down covering it from row 2."""
    out: dict[str, str] = {}
    for check in sheet.data_validations.dataValidation:
        assert check.type == "list"
        for cells in check.sqref.ranges:
            assert cells.min_row == 2 and cells.min_col == cells.max_col
            out[cells.coord.split(":")[0].rstrip("0123456789")] = str(check.formula1)
    return out


def test_the_template_has_the_notes_then_one_chinese_sheet_per_table(tmp_path: Path) -> None:
    book = load_workbook(_write(tmp_path))
    assert book.sheetnames[0] == "说明"
    assert book.sheetnames[1:] == [TABLE_ZH[t][0] for t in TABLE_ORDER]
    assert book.sheetnames[1:6] == ["来源", "地区", "产业", "机构", "人物"]
    for table in TABLE_ORDER:
        sheet = book[TABLE_ZH[table][0]]
        header = _header(sheet)
        # every header is Chinese and the reader maps it back to the table's column
        assert all(not h.isascii() for h in header), (table, header)
        keys = english_header(table, list(header))
        assert keys == table_columns(table)
        assert set(keys) == _columns(table)[0]
        for cell, key in zip(sheet[1], keys, strict=True):
            assert cell.comment is not None and cell.comment.text.startswith(f"英文键: {key}\n")
    assert _header(book["机构"])[:4] == ["编号", "名称", "类型", "层次"]
    assert "参与方" in _header(book["项目"]) and "签约方" in _header(book["协议"])


def test_every_enumeration_column_has_a_drop_down_of_its_chinese_names(tmp_path: Path) -> None:
    book = load_workbook(_write(tmp_path))
    # every enumeration of names_zh has its column, and so do the roles a table row gives
    roles = {"participation role": PARTICIPATION_ROLE_ZH, "membership role": MEMBERSHIP_ROLE_ZH}
    assert {id(t) for t in ENUM_COLUMNS.values()} == {id(t) for t in (*ENUMS_ZH.values(), *roles.values())}
    seen = set()
    for (table, column), enum in ENUM_COLUMNS.items():
        sheet = book[TABLE_ZH[table][0]]
        letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[table_columns(table).index(column)]
        listed = _validations(sheet)[letter].strip('"').split(",")
        assert listed == [names[0] for names in enum.values()]
        # each value is one the loader takes back, and together they are the whole enumeration
        what = next((w for w, t in ENUMS_ZH.items() if t is enum), None)
        check = to_english(what).func if what else role_english  # type: ignore[attr-defined]
        assert {check(v) for v in listed} == set(map(str, enum))
        seen.add((sheet.title, _header(sheet)[table_columns(table).index(column)]))
    assert seen == {
        ("机构", "类型"),
        ("机构", "层次"),
        ("地区", "级别"),
        ("项目", "类型"),
        ("联合体", "级别"),
        ("成员", "角色"),
        ("参与", "角色"),
    }
    assert _validations(book["机构"])["C"] == '"政府,院校,企业,科研院所,协会,其他"'
    assert (
        _validations(book["项目"])["C"]
        == '"实训基地,实践基地,创新中心,产业学院,技术研发,人才培养,就业基地,其他"'
    )
    # roles: the usual ones offered, other text kept (the warning says so, not "refused")
    assert _validations(book["参与"])["C"] == '"牵头单位,合作方,共建方,负责单位"'
    assert _validations(book["成员"])["C"] == '"牵头单位,成员单位,理事单位"'
    (role_check,) = book["参与"].data_validations.dataValidation
    assert role_check.errorStyle == "warning" and "按原文保存" in str(role_check.error)
    # free-text columns have none
    assert _validations(book["协议"]) == {}


def test_required_columns_are_marked_and_the_notes_list_every_column(tmp_path: Path) -> None:
    book = load_workbook(_write(tmp_path))
    for table in TABLE_ORDER:
        sheet = book[TABLE_ZH[table][0]]
        required = _columns(table)[1]
        for cell, key in zip(sheet[1], table_columns(table), strict=True):
            red = cell.font.color is not None and cell.font.color.rgb == "00C00000"
            assert cell.font.bold and red == (key in required), (table, key)
            assert ("\n必填" in str(cell.comment.text)) == (key in required)
    notes = list(book["说明"].iter_rows(values_only=True))
    listed = {(r[0], r[2]) for r in notes if r[2]}
    for table in TABLE_ORDER:
        assert {(TABLE_ZH[table][0], key) for key in table_columns(table)} <= listed
    text = "\n".join(str(c) for r in notes for c in r if c)
    assert "2000万元" in text and "投资额(万元)" in text and "--money-unit 万元" in text
    assert ("机构", "名称", "name", "名称：全称", "是", None) in notes


def test_the_shipped_template_validates_as_it_is_without_a_graph(tmp_path: Path) -> None:
    for lang, name in (("zh", "模板.xlsx"), ("en", "template.xlsx")):
        path = _write(tmp_path, "--lang", lang, name=name)
        _inputs, _resolver, counts = validate_paths(None, [path])
        # source, 2 regions, 5 organisations, 1 project, 1 agreement
        assert counts["nodes"] == 10, lang
        # 2 project parties, 3 signatories, 1 PART_OF (region), 6 LOCATED_IN (5 organisations, the project)
        assert counts["rels"] == 2 + 3 + 1 + 6, lang


def test_empty_and_english_templates(tmp_path: Path) -> None:
    empty = load_workbook(_write(tmp_path, "--empty", name="空.xlsx"))
    assert all(sheet.max_row == 1 for sheet in empty.worksheets[1:])
    english = load_workbook(_write(tmp_path, "--lang", "en", name="en.xlsx"))
    assert english.sheetnames == [NOTES_SHEET["en"], *TABLE_ORDER]
    assert _header(english["organizations"]) == table_columns("organizations")
    assert _validations(english["organizations"])["C"] == (
        '"Government,College,Enterprise,ResearchInstitute,Association,OtherOrganization"'
    )
    rows = list(english["projects"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == (None, PROJECT, "training_base")


def test_an_existing_file_is_kept_unless_force(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    path.write_bytes(b"my filled-in data")
    result = run_cli("template", "-o", str(path))
    assert result.exit_code != 0
    assert result.stderr == f"iegraph: error: {path} exists; pass --force to overwrite it\n"
    assert path.read_bytes() == b"my filled-in data"
    assert run_cli("template", "-o", str(path), "--force").exit_code == 0
    assert load_workbook(path).sheetnames[0] == "说明"


def test_the_notes_sheet_is_the_only_sheet_the_reader_skips(tmp_path: Path) -> None:
    book = build_template(example=False)
    book.create_sheet("备忘")
    path = tmp_path / "t.xlsx"
    book.save(path)
    with pytest.raises(InputError) as refused:
        validate_paths(None, [path])
    assert [str(p) for p in refused.value.problems] == [  # type: ignore[attr-defined]
        f"{path}[备忘]: unknown sheet '备忘': valid: "
        + ", ".join(f"{t} ({TABLE_ZH[t][0]})" for t in TABLE_ORDER)
    ]


# -- into the real Neo4j ---------------------------------------------------------------------


def test_the_shipped_template_loads_and_answers_in_chinese(
    graph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    path = _write(tmp_path)
    check = run_cli("load", str(path), "--check")
    assert check.exit_code == 0, check.stderr
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    result = run_cli("load", str(path))
    assert result.exit_code == 0, result.stderr
    (partner,) = partners(graph, org="示例职院")  # the college, by its alias
    assert (partner.partner, partner.kind, partner.basis) == (ENTERPRISE, "Enterprise", "working")
    assert partner.through == [f"project: {PROJECT}"] and partner.first_date == "2024-03"
    rows = [r for r in evidence(graph, name=COLLEGE) if r.statement.startswith("-[PARTICIPATES_IN]->")]
    assert [(r.statement, r.quote, r.source_id) for r in rows] == [
        (f"-[PARTICIPATES_IN]-> {PROJECT} (partner)", PROJECT_QUOTE, "示例报道")
    ]
    (project,) = graph.read(
        "MATCH (p:Project {name: $n}) RETURN p.type AS type, p.investment AS inv", {"n": PROJECT}
    )
    assert project == {"type": "training_base", "inv": 20_000_000}
    levels = graph.read("MATCH (c:College) RETURN c.name AS name, c.level AS level ORDER BY name")
    assert [(r["name"], r["level"]) for r in levels] == [
        ("示例大学", "undergraduate"),
        (COLLEGE, "higher_vocational"),
    ]
    # the answer as an analyst takes it: Chinese headers in an xlsx file
    out = tmp_path / "合作方.xlsx"
    answer = run_cli(
        "--lang", "zh", "query", "partners", "--org", COLLEGE, "--format", "xlsx", "-o", str(out)
    )
    assert answer.exit_code == 0, answer.stderr
    sheet = load_workbook(out).worksheets[0]
    header = _header(sheet)
    row = [c.value for c in sheet[2]]
    assert row[header.index("合作方")] == ENTERPRISE and row[header.index("类型")] == "企业"


def test_the_english_template_loads_the_graph_of_the_chinese_one(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [_write(tmp_path, "--lang", "en", name="en.xlsx")])
    english = _graph_state(graph)
    wipe(graph)
    load_paths(graph, [_write(tmp_path)])
    assert _graph_state(graph) == english


def _tables(path: Path, project_parties: str | None, participations: list[list[str]]) -> Path:
    """A workbook with one project, its parties in the projects sheet's 参与方 column
    (when given) and/or rows of the 参与 sheet."""
    quote = "甲学院与乙公司共建实训基地。"
    sheets: dict[str, list[list[str]]] = {
        "来源": [["编号", "标题"], ["s1", "报道"], ["s2", "另一篇报道"]],
        "机构": [["名称", "类型", "来源"], ["甲学院", "院校", "s1"], ["乙公司", "企业", "s1"]],
        "项目": [["名称", "类型", "来源", "引文"], ["实训基地", "实训基地", "s1", quote]],
    }
    if project_parties is not None:
        sheets["项目"][0].append("参与方")
        sheets["项目"][1].append(project_parties)
    if participations:
        sheets["参与"] = [["机构", "项目", "角色", "来源", "引文"], *participations]
    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _participations(graph: Graph) -> list[tuple[str, str, list[str], list[str]]]:
    rows = graph.read(
        "MATCH (o:Organization)-[r:PARTICIPATES_IN]->(:Project) "
        "RETURN o.name AS org, r.role AS role, r.sources AS sources, r.quotes AS quotes ORDER BY org, role"
    )
    return [(r["org"], r["role"], r["sources"], r["quotes"]) for r in rows]


def test_a_projects_parties_column_loads_the_graph_of_its_participations_twin(
    graph: Graph, tmp_path: Path
) -> None:
    quote = "甲学院与乙公司共建实训基地。"
    load_paths(graph, [_tables(tmp_path / "a.xlsx", "甲学院；乙公司", [])])
    column = _graph_state(graph)
    assert _participations(graph) == [
        ("乙公司", "partner", ["s1"], [quote]),
        ("甲学院", "partner", ["s1"], [quote]),
    ]
    wipe(graph)
    twin = [["甲学院", "实训基地", "", "s1", quote], ["乙公司", "实训基地", "", "s1", quote]]
    load_paths(graph, [_tables(tmp_path / "b.xlsx", None, twin)])
    assert _graph_state(graph) == column


def test_a_party_named_in_both_ways_is_one_relationship(graph: Graph, tmp_path: Path) -> None:
    quote = "甲学院与乙公司共建实训基地。"
    rows = [["甲学院", "实训基地", "lead", "s2", ""], ["乙公司", "实训基地", "", "s2", ""]]
    load_paths(graph, [_tables(tmp_path / "both.xlsx", "甲学院;乙公司", rows)])
    # 甲学院: the role the participations row gives, with both sources; 乙公司: the default
    # role from both places, one relationship (the column's links join last)
    assert _participations(graph) == [
        ("乙公司", "partner", ["s2", "s1"], ["", quote]),
        ("甲学院", "lead", ["s2", "s1"], ["", quote]),
    ]
    # loading again changes nothing
    load_paths(graph, [tmp_path / "both.xlsx"])
    assert len(_participations(graph)) == 2
