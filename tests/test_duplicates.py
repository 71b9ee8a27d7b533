"""``iegraph resolve`` (duplicate candidates) and ``iegraph merge`` against the real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError, NotFoundError
from iegraph.loaders import load_paths
from iegraph.loaders.duplicates import find_duplicates, merge_nodes
from tests.helpers import run_cli
from tests.test_load import counts, write
from tests.test_seed_facts import EMPTY_LISTS

SHEET_1 = """\
source: {id: s1, title: 第一篇}
regions:
  - {name: 长春市, level: city}
organizations:
  - {name: 一汽富维, kind: Enterprise, region: 长春市, uscc: 91220101123456789X}
  - {name: 长春职业技术学院, kind: College, level: higher_vocational, region: 长春市}
  - {name: 大连理工大学, kind: College, level: undergraduate}
projects:
  - name: 汽车零部件实训基地
    type: training_base
    parties: [{org: 一汽富维, role: partner}, {org: 长春职业技术学院, role: partner}]
    quote: 一汽富维与长春职业技术学院共建实训基地
"""

SHEET_2 = """\
source: {id: s2, title: 第二篇}
regions:
  - {name: 长春市, level: city}
organizations:
  - {name: 长春一汽富维汽车零部件股份有限公司, kind: Enterprise, region: 长春市}
  - {name: 长春职业技术学院, kind: College, level: higher_vocational}
  - {name: 大连理工大学城市学院, kind: College, level: undergraduate}
projects:
  - name: 汽车零部件实训基地
    type: training_base
    parties:
      - {org: 长春一汽富维汽车零部件股份有限公司, role: partner}
      - {org: 长春职业技术学院, role: partner}
    quote: 长春一汽富维汽车零部件股份有限公司共建实训基地
  - name: 订单班
    type: talent_cultivation
    parties: [{org: 长春一汽富维汽车零部件股份有限公司, role: lead}]
"""


def _ids(graph: Graph) -> dict[str, str]:
    return {
        r["name"]: r["id"] for r in graph.read("MATCH (o:Organization) RETURN o.name AS name, o.id AS id")
    }


def test_resolve_lists_the_containment_pair_and_merge_keeps_everything(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "1.yaml", SHEET_1), write(tmp_path / "2.yaml", SHEET_2)])
    ids = _ids(graph)
    short, full = ids["一汽富维"], ids["长春一汽富维汽车零部件股份有限公司"]
    rows = find_duplicates(graph, min_score=0.6)
    pairs = {frozenset((r["keep_id"], r["other_id"])): r for r in rows}
    hit = pairs[frozenset((short, full))]
    assert "contains" in hit["reason"] and hit["score"] >= 0.8
    # a different school is not proposed just for sharing a prefix in another city
    assert frozenset((ids["大连理工大学"], ids["大连理工大学城市学院"])) not in pairs or (
        pairs[frozenset((ids["大连理工大学"], ids["大连理工大学城市学院"]))]["score"] < 0.8
    )

    result = merge_nodes(graph, full, short)
    assert result["keep"] == full and result["relationships_moved"] >= 3
    assert graph.read("MATCH (o {id: $id}) RETURN count(o) AS c", {"id": short}) == [{"c": 0}]
    (node,) = graph.read(
        "MATCH (o:Organization {id: $id}) RETURN o.aliases AS a, o.uscc AS uscc, labels(o) AS l", {"id": full}
    )
    assert node["a"] == ["一汽富维"] and node["uscc"] == "91220101123456789X"
    assert sorted(node["l"]) == ["Enterprise", "Organization"]
    # uniting lists neither of the two had (inferred, quotes) writes no [] (absent means empty)
    assert graph.read(EMPTY_LISTS) == []
    # the parallel participation in the shared project is one relationship with both sources
    part = graph.read(
        "MATCH (o:Organization {id: $id})-[r:PARTICIPATES_IN]->(p:Project {name: '汽车零部件实训基地'}) "
        "RETURN r.role AS role, r.sources AS s",
        {"id": full},
    )
    assert len(part) == 1 and sorted(part[0]["s"]) == ["s1", "s2"]
    reported = graph.read(
        "MATCH (:Organization {id: $id})-[:REPORTED_IN]->(s:Source) RETURN s.id AS s ORDER BY s", {"id": full}
    )
    assert [r["s"] for r in reported] == ["s1", "s2"]
    located = graph.read(
        "MATCH (:Organization {id: $id})-[r:LOCATED_IN]->(:Region) RETURN r.sources AS s", {"id": full}
    )
    assert len(located) == 1 and sorted(located[0]["s"]) == ["s1", "s2"]

    # loading sheet 1 again finds 一汽富维 as an alias: the merged node is not re-created
    before = counts(graph)
    load_paths(graph, [tmp_path / "1.yaml"])
    assert counts(graph) == before
    assert graph.read(EMPTY_LISTS) == []


def test_merge_errors(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "1.yaml", SHEET_1)])
    ids = _ids(graph)
    with pytest.raises(NotFoundError):
        merge_nodes(graph, ids["一汽富维"], "nope")
    with pytest.raises(InputError):
        merge_nodes(graph, ids["一汽富维"], ids["一汽富维"])
    project = graph.read("MATCH (p:Project) RETURN p.id AS id")[0]["id"]
    with pytest.raises(InputError, match="no label in common"):
        merge_nodes(graph, ids["一汽富维"], project)


def test_resolve_and_merge_commands(cli_env: dict[str, str], graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "1.yaml", SHEET_1), write(tmp_path / "2.yaml", SHEET_2)])
    result = run_cli("resolve", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "一汽富维" in result.stdout and "contains" in result.stdout
    ids = _ids(graph)
    merged = run_cli("merge", ids["长春一汽富维汽车零部件股份有限公司"], ids["一汽富维"])
    assert merged.exit_code == 0, merged.stderr
    assert "一汽富维" in merged.stdout
    assert "一汽富维" not in _ids(graph)
