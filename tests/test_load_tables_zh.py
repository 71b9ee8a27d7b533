"""A workbook in Chinese (sheet, column and enumeration names) loads as its English twin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.loaders.tables import COLUMN_ZH, NODE_TABLES, REL_TABLES, TABLE_ZH, _columns
from tests.dbtools import wipe

#: (English sheet, Chinese sheet, English header, Chinese header, rows as English, rows as Chinese)
SHEETS: list[tuple[str, str, list[str], list[str], list[list[str]], list[list[str]]]] = [
    (
        "sources",
        "来源",
        ["id", "title"],
        ["编号", "标题"],
        [["s1", "苏州产教融合报道"]],
        [["s1", "苏州产教融合报道"]],
    ),
    (
        "regions",
        "地区",
        ["id", "name", "level", "parent"],
        ["编号", "名称", "层次", "上级"],
        [["r1", "苏州市", "city", ""], ["r2", "苏州工业园区", "zone", "r1"]],
        [["r1", "苏州市", "市", ""], ["r2", "苏州工业园区", "开发区", "r1"]],
    ),
    (
        "organizations",
        "机构",
        ["id", "name", "kind", "level", "region", "uscc", "aliases", "source"],
        ["编号", "名称", "类型", "层次", "所在地", "统一社会信用代码", "别名", "来源"],
        [
            ["o1", "苏州大学", "College", "undergraduate", "r1", "", "苏大", "s1"],
            ["o2", "苏州工业园区职业技术学院", "College", "higher_vocational", "r2", "", "", "s1"],
            ["o3", "苏州某精密机械有限公司", "Enterprise", "", "r2", "91320594MA1XXXXXX1", "", "s1"],
            ["o4", "苏州市教育局", "Government", "", "r1", "", "", "s1"],
            ["o5", "苏州市机械工程学会", "Association", "", "r1", "", "", "s1"],
        ],
        [
            ["o1", "苏州大学", "高校", "本科", "r1", "", "苏大", "s1"],
            ["o2", "苏州工业园区职业技术学院", "院校", "高职", "r2", "", "", "s1"],
            ["o3", "苏州某精密机械有限公司", "企业", "", "r2", "91320594MA1XXXXXX1", "", "s1"],
            ["o4", "苏州市教育局", "政府部门", "", "r1", "", "", "s1"],
            ["o5", "苏州市机械工程学会", "行业组织", "", "r1", "", "", "s1"],
        ],
    ),
    (
        "projects",
        "项目",
        ["id", "name", "type", "date", "investment", "region", "source"],
        ["编号", "名称", "类型", "日期", "投资额", "所在地", "来源"],
        [
            ["p1", "精密制造实训基地", "training_base", "2024-03", "1.2亿元", "r2", "s1"],
            ["p2", "智能制造产业学院", "industrial_college", "2024-05-08", "2000万元", "r1", "s1"],
        ],
        [
            ["p1", "精密制造实训基地", "实训基地", "2024-03", "1.2亿元", "r2", "s1"],
            ["p2", "智能制造产业学院", "产业学院", "2024-05-08", "2000万元", "r1", "s1"],
        ],
    ),
    (
        "participations",
        "参与",
        ["org", "project", "role", "source"],
        ["机构", "项目", "角色", "来源"],
        [["o2", "p1", "lead", "s1"], ["o3", "p1", "partner", "s1"], ["苏大", "p2", "lead", "s1"]],
        [["o2", "p1", "lead", "s1"], ["o3", "p1", "partner", "s1"], ["苏大", "p2", "lead", "s1"]],
    ),
    (
        "agreements",
        "协议",
        ["id", "name", "date", "parties", "source"],
        ["编号", "名称", "日期", "签约方", "来源"],
        [["a1", "校企合作协议", "2024-03-01", "o2;o3", "s1"]],
        [["a1", "校企合作协议", "2024-03-01", "o2；o3", "s1"]],
    ),
]


def _workbook(path: Path, chinese: bool) -> Path:
    book = Workbook(write_only=True)
    for en, zh, en_header, zh_header, en_rows, zh_rows in SHEETS:
        sheet = book.create_sheet(zh if chinese else en)
        for row in [zh_header if chinese else en_header, *(zh_rows if chinese else en_rows)]:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _graph_state(graph: Graph) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (ends, type, properties)."""
    nodes = graph.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = graph.read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")

    def props(p: dict[str, Any]) -> list[tuple[str, Any]]:
        return sorted(p.items())

    return (
        sorted(repr((sorted(r["l"]), props(r["p"]))) for r in nodes),
        sorted(repr((r["a"], r["t"], r["b"], props(r["p"]))) for r in rels),
    )


def test_a_chinese_workbook_gives_the_graph_of_its_english_twin(graph: Graph, tmp_path: Path) -> None:
    # the same file name: a load keeps no path, but a twin must not differ even if it did
    english = _workbook(tmp_path / "en" / "data.xlsx", chinese=False)
    chinese = _workbook(tmp_path / "zh" / "data.xlsx", chinese=True)
    report_en = load_paths(graph, [english])
    state_en = _graph_state(graph)
    wipe(graph)
    report_zh = load_paths(graph, [chinese])
    state_zh = _graph_state(graph)
    assert state_zh == state_en
    assert report_zh.nodes_written == report_en.nodes_written
    nodes, rels = state_en
    assert len(nodes) == 1 + 2 + 5 + 2 + 1  # source, regions, organisations, projects, agreement
    assert sum("'PART_OF'" in r or "'LOCATED_IN'" in r for r in rels) == 1 + 5 + 2
    # the enumerations are stored in English, the amounts in yuan
    rows = graph.read(
        "MATCH (o:Organization {id: $id}) RETURN o.level AS level, labels(o) AS labels", {"id": "o2"}
    )
    assert rows[0]["level"] == "higher_vocational" and "College" in rows[0]["labels"]
    projects = graph.read(
        "MATCH (p:Project) RETURN p.id AS id, p.type AS type, p.investment AS inv ORDER BY id"
    )
    assert [(r["id"], r["type"], r["inv"]) for r in projects] == [
        ("p1", "training_base", 120000000),
        ("p2", "industrial_college", 20000000),
    ]
    assert graph.read("MATCH (:Organization)-[r:PARTICIPATES_IN]->(:Project) RETURN count(r) AS c") == [
        {"c": 3}
    ]
    assert graph.read("MATCH (:Organization)-[r:SIGNED]->(:Agreement) RETURN count(r) AS c") == [{"c": 2}]


def test_every_table_and_column_has_a_chinese_name() -> None:
    assert set(TABLE_ZH) == {"sources", *NODE_TABLES, *REL_TABLES}
    named = {c for t in TABLE_ZH for c in _columns(t)[0]}
    assert named <= set(COLUMN_ZH), named - set(COLUMN_ZH)


def test_no_chinese_name_means_two_tables_or_two_columns_of_one_table() -> None:
    tables = [zh for names in TABLE_ZH.values() for zh in names]
    assert len(tables) == len(set(tables))
    for table in TABLE_ZH:
        allowed = _columns(table)[0]
        names = [zh for column, zhs in COLUMN_ZH.items() if column in allowed for zh in zhs]
        assert len(names) == len(set(names)), table
