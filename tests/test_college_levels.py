"""职业本科: vocational universities at undergraduate level have a level of their own."""

from __future__ import annotations

from pathlib import Path

from iegraph.db import Graph
from iegraph.extract.orgs import kind_of
from iegraph.loaders import load_paths
from iegraph.loaders.registry import enrich_colleges, level_of, moe_institutions
from iegraph.schema.factsheet import OrganizationSpec
from tests.test_load import write


def test_the_level_is_part_of_the_fact_sheet_format() -> None:
    spec = OrganizationSpec(name="南京工业职业技术大学", kind="College", level="vocational_undergraduate")
    assert spec.level is not None and spec.level.value == "vocational_undergraduate"


def test_moe_list_levels_tell_vocational_universities_apart() -> None:
    by_name = {i.name: i for i in moe_institutions()}
    # 本科 and named 职业技术大学 / 职业大学: 职业本科
    assert level_of(by_name["南京工业职业技术大学"]) == "vocational_undergraduate"
    assert level_of(by_name["西安汽车职业大学"]) == "vocational_undergraduate"
    # an older 职业大学 at 专科 level stays higher vocational
    assert level_of(by_name["黎明职业大学"]) == "higher_vocational"
    # 本科 with 职业 in the name but a normal university (it trains vocational teachers)
    assert level_of(by_name["天津职业技术师范大学"]) == "undergraduate"
    vocational = [i.name for i in moe_institutions() if level_of(i) == "vocational_undergraduate"]
    assert 25 <= len(vocational) <= 60, len(vocational)  # a few dozen in the list


def test_the_extractor_reads_the_level_from_the_name() -> None:
    assert kind_of("上海中侨职业技术大学") == ("College", "vocational_undergraduate")
    assert kind_of("大连职业技术学院") == ("College", "higher_vocational")


def test_enrich_colleges_sets_vocational_undergraduate(graph: Graph, tmp_path: Path) -> None:
    sheet = """\
source: {id: s1, title: 测试}
organizations:
  - {name: 南京工业职业技术大学, kind: College}
  - {name: 黎明职业大学, kind: College}
  - {name: 天津职业技术师范大学, kind: College}
"""
    load_paths(graph, [write(tmp_path / "s.yaml", sheet)])
    enrich_colleges(graph)
    levels = {
        r["name"]: r["level"] for r in graph.read("MATCH (c:College) RETURN c.name AS name, c.level AS level")
    }
    assert levels == {
        "南京工业职业技术大学": "vocational_undergraduate",
        "黎明职业大学": "higher_vocational",
        "天津职业技术师范大学": "undergraduate",
    }
