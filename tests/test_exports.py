"""Exports on the seed graph: xlsx result files hold what JSON holds, CSV can carry a BOM
for Excel, and GEXF/GraphML/xlsx graph files hold exactly the chosen subgraph."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from iegraph.db import Graph
from iegraph.exports import EDGE_FIELDS, NODE_FIELDS
from iegraph.queries.subgraph import OVERVIEW_LABELS
from iegraph.schema.model import Label, Rel
from tests.dbtools import load_seed_graph
from tests.helpers import run_cli

JINPU_REGION = "金普新区"


@pytest.fixture(scope="module")
def seed(session_graph: Graph) -> Iterator[Graph]:
    """The seed graph, loaded once; no test of this module writes to the database."""
    yield load_seed_graph(session_graph)


def _cli(*args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_xlsx_holds_the_rows_json_holds(seed: Graph, cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "projects.xlsx"
    _cli("query", "projects", "--format", "xlsx", "-o", str(out))
    rows = json.loads(_cli("query", "projects", "--format", "json"))
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.freeze_panes == "A2"
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(cells) == len(rows) > 0
    by_name = {c[header.index("project")]: dict(zip(header, c, strict=True)) for c in cells}
    assert set(by_name) == {r["project"] for r in rows}
    # quantities: the source's text, plus the machine-readable parts like CSV
    base = by_name["辽宁省装备制造产业产教融合实训基地"]
    assert base["investment"] == "1.2亿元" and base["investment_value"] == 120000000
    assert base["investment_unit"] == "元"
    assert {c[header.index("n_sources")] for c in cells} == {r["n_sources"] for r in rows}
    # a long cell is whole (the terminal table cuts it with "…")
    longest = max((str(v) for c in cells for v in c if v), key=len)
    assert "…" not in longest


def test_xlsx_without_output_file_is_refused_in_one_line(seed: Graph, cli_env: dict[str, str]) -> None:
    result = run_cli("query", "projects", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "-o FILE" in result.stderr


def test_csv_bom_for_excel(seed: Graph, cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "projects.csv"
    _cli("query", "projects", "--format", "csv", "--bom", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfproject")
    assert "辽宁省装备制造产业产教融合实训基地".encode() in data
    plain = _cli("query", "projects", "--format", "csv")
    assert data.decode("utf-8-sig") == plain
    assert run_cli("query", "projects", "--bom").exit_code == 2


def _count(graph: Graph, query: str, **params: object) -> int:
    return int(graph.read(query, params)[0]["n"])


def _subgraph_counts(graph: Graph, keys: list[str]) -> tuple[int, int]:
    """Nodes and relationships (not REPORTED_IN) among the nodes ``keys``, counted by Cypher."""
    nodes = _count(graph, "MATCH (n) WHERE elementId(n) IN $keys RETURN count(n) AS n", keys=keys)
    edges = _count(
        graph,
        "MATCH (a)-[r]->(b) WHERE elementId(a) IN $keys AND elementId(b) IN $keys AND type(r) <> $reported "
        "RETURN count(r) AS n",
        keys=keys,
        reported=Rel.REPORTED_IN.value,
    )
    return nodes, edges


def test_whole_graph_exports_with_the_graphs_counts(
    seed: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    labels = "|".join(lbl.value for lbl in OVERVIEW_LABELS)
    nodes = _count(seed, f"MATCH (n:{labels}) RETURN count(n) AS n")
    edges = _count(
        seed,
        f"MATCH (a:{labels})-[r]->(b:{labels}) WHERE type(r) <> $reported RETURN count(r) AS n",
        reported=Rel.REPORTED_IN.value,
    )
    assert nodes > 50 and edges > 50
    gexf, graphml, xlsx = tmp_path / "g.gexf", tmp_path / "g.graphml", tmp_path / "g.xlsx"
    _cli("export", "--format", "gexf", "-o", str(gexf))
    _cli("export", "--format", "graphml", "-o", str(graphml))
    _cli("export", "--format", "xlsx", "-o", str(xlsx))
    for read in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        assert (read.number_of_nodes(), read.number_of_edges()) == (nodes, edges)
    g = nx.read_graphml(graphml)
    kinds = {d["kind"] for _n, d in g.nodes(data=True)}
    assert {Label.COLLEGE.value, Label.ENTERPRISE.value, Label.PROJECT.value} <= kinds
    assert any(d["sources"] for _n, d in g.nodes(data=True))
    assert any(d["basis"] == "working" for _a, _b, d in g.edges(data=True))
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["nodes", "edges"]
    node_rows = list(book["nodes"].iter_rows(values_only=True))
    edge_rows = list(book["edges"].iter_rows(values_only=True))
    assert node_rows[0] == NODE_FIELDS and edge_rows[0] == EDGE_FIELDS
    assert (len(node_rows) - 1, len(edge_rows) - 1) == (nodes, edges)


def test_region_export_is_the_region_views_subgraph(
    seed: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    from iegraph.queries import subgraph as sq
    from iegraph.viz.views import resolve_key

    key, _ = resolve_key(seed, JINPU_REGION, Label.REGION)
    keys = sq.region_keys(seed, key, with_co_presence=True)
    nodes, edges = _subgraph_counts(seed, keys)
    out = tmp_path / "jinpu.gexf"
    _cli("export", "--format", "gexf", "--region", JINPU_REGION, "-o", str(out))
    g = nx.read_gexf(out)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert 0 < nodes < _count(seed, "MATCH (n) RETURN count(n) AS n")
    labels = {d["label"] for _n, d in g.nodes(data=True)}
    assert "大连职业技术学院" in labels or any("大连" in x for x in labels)


def test_lang_zh_headers_and_values_json_stays_english(
    seed: Graph, cli_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _cli("--lang", "zh", "query", "projects")
    header = table.splitlines()[0].split()
    assert header[:6] == ["项目", "项目类型", "类别", "日期", "状态", "投资额"]
    assert "实训基地" in table and "training_base" not in table
    out = tmp_path / "zh.xlsx"
    _cli("--lang", "zh", "query", "projects", "--format", "xlsx", "-o", str(out))
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    first = [c.value for c in sheet[1]]
    assert "项目" in first and "投资额" in first and "project" not in first
    csv_zh = _cli("--lang", "zh", "query", "projects", "--format", "csv")
    assert csv_zh.splitlines()[0].startswith("项目,")
    # JSON is the contract programs read: English keys and values whatever the language
    monkeypatch.setenv("IEGRAPH_LANG", "zh")
    rows = json.loads(_cli("query", "projects", "--format", "json"))
    assert "project" in rows[0] and any(r["type"] == "training_base" for r in rows)
    assert "实训基地" in _cli("query", "projects")


def test_ego_export_holds_the_ego_subgraph(seed: Graph, cli_env: dict[str, str], tmp_path: Path) -> None:
    from iegraph.exports import subgraph_keys

    one, two = (
        subgraph_keys(seed, org="大连职业技术学院"),
        subgraph_keys(seed, org="大连职业技术学院", hops=2),
    )
    assert 1 < len(one) < len(two)
    nodes, edges = _subgraph_counts(seed, two)
    out = tmp_path / "ego.graphml"
    _cli("export", "--format", "graphml", "--org", "大连职业技术学院", "--hops", "2", "-o", str(out))
    g = nx.read_graphml(out)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    both = run_cli(
        "export", "--format", "gexf", "--org", "大连职业技术学院", "--region", JINPU_REGION, "-o", "x.gexf"
    )
    assert both.exit_code == 2 and "at most one" in both.stderr
