"""Amounts and categories from tables land as YAML's do: number, qualifier, unit, text."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import load_paths
from iegraph.quantities import read_quantities, read_quantity
from iegraph.queries import consortium, projects
from tests.test_load import write


def test_table_amounts_keep_qualifier_unit_text_and_the_category(graph: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write(folder / "sources.csv", "id,title\ns1,报道\n")
    write(
        folder / "projects.csv",
        "id,name,type,category,investment,output_trainees,output_results,source\n"
        "p1,实训基地,training_base,实训基地类,1.2亿元,2.6万余人次,31,s1\n"
        "p2,攻关项目,tech_rd,科技创新类,,,,s1\n",
    )
    write(
        folder / "consortia.csv",
        "id,name,kind,composition_government,composition_enterprise,source\nc1,某联合体,city_consortium,10,近120,s1\n",
    )
    load_paths(graph, [folder])
    (p1,) = graph.read("MATCH (p:Project {id: 'p1'}) RETURN properties(p) AS p")
    props = p1["p"]
    assert props["category"] == "实训基地类"
    assert str(read_quantity(props, "investment")) == "1.2亿元" and props["investment"] == 120000000
    outputs = read_quantities(props, "output_")
    assert (outputs["trainees"].value, outputs["trainees"].qualifier, outputs["trainees"].unit) == (
        26000,
        "余",
        "人次",
    )
    assert outputs["results"].value == 31 and outputs["results"].exact and outputs["results"].text is None
    assert [r.project for r in projects(graph, category="科技创新")] == ["攻关项目"]
    cov = {r.name: r for r in consortium(graph, name="某联合体") if r.section == "coverage"}
    assert str(cov["enterprise"].reported) == "近120"
    assert str(cov["total"].reported) == "≈130"


def test_a_key_that_would_read_as_a_companion_is_refused(graph: Graph, tmp_path: Path) -> None:
    sheet = write(
        tmp_path / "s.yaml",
        """\
source: {id: s1, title: 测试}
projects:
  - name: 基地
    type: training_base
    outputs: {trainees_text: 12}
""",
    )
    with pytest.raises(InputError) as info:
        load_paths(graph, [sheet])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert any("outputs.trainees_text" in p and "_text" in p for p in problems), problems
