"""Loading fact sheets into the real Neo4j: idempotence, all-or-nothing, error reports, aliases."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import load_paths
from iegraph.names import name_key

SEEDS = Path(__file__).parent.parent / "iegraph" / "data" / "seeds"


def counts(graph: Graph) -> dict[str, Any]:
    """Counts per label and relationship type, plus a checksum of every property."""
    nodes = graph.read("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c ORDER BY l")
    rels = graph.read("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t")
    node_rows = graph.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rel_rows = graph.read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")
    checksum = sorted(repr((sorted(r["l"]), sorted(r["p"].items()))) for r in node_rows)
    checksum += sorted(repr((r["a"], r["t"], r["b"], sorted(r["p"].items()))) for r in rel_rows)
    return {
        "nodes": {r["l"]: r["c"] for r in nodes},
        "rels": {r["t"]: r["c"] for r in rels},
        "checksum": hashlib.sha256("\n".join(checksum).encode()).hexdigest(),
    }


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


SHEET_A = """\
source:
  id: src-a
  title: 长春企联对接会
  date: "2023-04-16"
organizations:
  - key: qilian
    name: 长春市企业联合会
    kind: Association
    aliases: [长春企联, 长春市企业家协会]
    region: 长春市
  - name: 碧菲分离膜(大连)有限公司
    kind: Enterprise
  - name: 長春汽車工業高等專科學校
    kind: College
    level: higher_vocational
    region: 长春市
people:
  - name: 杨连仲
    positions:
      - {org: 长春企联, title: 会长}
    quote: 长春企联会长杨连仲
regions:
  - name: 长春市
    level: city
events:
  - name: 校企对接会
    date: 2023年4月16日
    organisers: [qilian]
    attendees: [长春汽车工业高等专科学校, 碧菲分离膜（大连）有限公司]
"""

SHEET_B = """\
source:
  id: src-b
  title: 另一篇报道
organizations:
  - name: 长春企联
    kind: Association
  - name: 碧菲分离膜（大连）有限公司
    kind: Enterprise
projects:
  - name: 实训基地
    type: training_base
    investment: 1.2亿元
    outputs: {trainees: 2.6万余人次}
    parties:
      - {org: 长春市企业家协会, role: lead}
      - {org: 碧菲分离膜(大连)有限公司}
"""


def test_aliases_brackets_and_traditional_resolve_to_one_node(graph: Graph, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", SHEET_A)
    b = write(tmp_path / "b.yaml", SHEET_B)
    report = load_paths(graph, [a, b])
    assert report.nodes_written["Association"] == 1
    rows = graph.read("MATCH (o:Association) RETURN o.name AS name, o.aliases AS aliases, o.id AS id")
    assert len(rows) == 1 and rows[0]["name"] == "长春市企业联合会"
    assert set(rows[0]["aliases"]) == {"长春企联", "长春市企业家协会"}
    bf = graph.read("MATCH (o:Enterprise) RETURN o.name AS name, o.name_key AS k")
    assert len(bf) == 1 and bf[0]["k"] == name_key("碧菲分离膜（大连）有限公司")
    college = graph.read("MATCH (o:College) RETURN o.name AS name, o.level AS level")
    assert college == [{"name": "长春汽车工业高等专科学校", "level": "higher_vocational"}]
    # the association is lead of the project and reported by both sources
    lead = graph.read(
        "MATCH (o:Association)-[r:PARTICIPATES_IN {role:'lead'}]->(p:Project) "
        "RETURN p.investment AS inv, p.investment_unit AS inv_unit, p.investment_text AS inv_text, "
        "p.output_trainees AS t, p.output_trainees_qualifier AS q, p.output_trainees_unit AS unit, "
        "p.output_trainees_text AS text, r.sources AS s"
    )
    # amounts are stored as number + the source's qualifier word + unit + text
    assert lead == [
        {
            "inv": 120000000,
            "inv_unit": "元",
            "inv_text": "1.2亿元",
            "t": 26000,
            "q": "余",
            "unit": "人次",
            "text": "2.6万余人次",
            "s": ["src-b"],
        }
    ]
    sources = graph.read("MATCH (o:Association)-[:REPORTED_IN]->(s:Source) RETURN s.id AS id ORDER BY id")
    assert [r["id"] for r in sources] == ["src-a", "src-b"]
    pos = graph.read(
        "MATCH (:Person {name:'杨连仲'})-[h:HOLDS_POSITION]->(o) RETURN o.name AS o, h.title AS t"
    )
    assert pos == [{"o": "长春市企业联合会", "t": "会长"}]
    ev = graph.read("MATCH (e:Event) RETURN e.date AS d")
    assert ev == [{"d": "2023-04-16"}]


def test_loading_twice_changes_nothing(graph: Graph, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", SHEET_A)
    b = write(tmp_path / "b.yaml", SHEET_B)
    first = load_paths(graph, [a, b])
    before = counts(graph)
    second = load_paths(graph, [tmp_path])
    assert counts(graph) == before
    assert sum(first.nodes_created.values()) > 0
    assert sum(second.nodes_created.values()) == 0
    assert sum(second.rels_created.values()) == 0


def test_a_sheet_loaded_later_resolves_against_the_graph(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a.yaml", SHEET_A)])
    # B alone: 长春企联 and 长春市企业家协会 are aliases already in the graph
    load_paths(graph, [write(tmp_path / "b" / "b.yaml", SHEET_B)])
    assert graph.read("MATCH (o:Association) RETURN count(o) AS c") == [{"c": 1}]
    # a third sheet adds an alias (with a bracket variant of a known one) to the existing node
    load_paths(
        graph,
        [
            write(
                tmp_path / "c" / "c.yaml",
                "source: {id: src-c, title: c}\norganizations:\n"
                "  - {name: 长春企联, kind: Association, aliases: [长春市企业联合会(长春市企业家协会), 长春企联]}\n",
            )
        ],
    )
    (row,) = graph.read("MATCH (o:Association) RETURN o.aliases AS a, o.alias_keys AS k")
    assert row["a"] == ["长春企联", "长春市企业家协会", "长春市企业联合会（长春市企业家协会）"]
    assert row["k"] == [name_key(a) for a in row["a"]]
    assert graph.read("MATCH (o:Enterprise) RETURN count(o) AS c") == [{"c": 1}]


BAD = """\
source:
  title: 坏的
organizations:
  - name: 某公司
    kind: Company
  - name: 某学院
    kind: College
    region: 不存在市
projects:
  - name: 基地
    type: training_base
    date: 2023年13月
    investment: 很多钱
    parties:
      - {org: 某学院}
"""


def test_all_errors_reported_with_file_line_field_and_nothing_written(graph: Graph, tmp_path: Path) -> None:
    good = write(tmp_path / "in" / "a.yaml", SHEET_A)
    bad = write(tmp_path / "in" / "z.yaml", BAD)
    with pytest.raises(InputError) as info:
        load_paths(graph, [tmp_path / "in"])
    text = str(info.value)
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert f"{bad}:5: kind: unknown organisation kind 'Company'" in problems[0] or any(
        p.startswith(f"{bad}:5: kind:") and "Company" in p for p in problems
    )
    assert any(p.startswith(f"{bad}:8: region:") and "不存在市" in p for p in problems)
    assert any(p.startswith(f"{bad}:12: date:") for p in problems)
    assert any(p.startswith(f"{bad}:13: investment:") for p in problems)
    assert str(good) not in text
    assert graph.read("MATCH (n) RETURN count(n) AS c") == [{"c": 0}]


def test_schema_errors_carry_lines(graph: Graph, tmp_path: Path) -> None:
    bad = write(
        tmp_path / "s.yaml",
        "source:\n  title: x\norganizations:\n  - name: 甲\n    kind: College\n    level: university\n"
        "  - name: 乙\n    knd: Enterprise\n",
    )
    with pytest.raises(InputError) as info:
        load_paths(graph, [bad])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert any(p.startswith(f"{bad}:6: organizations.0.level:") for p in problems), problems
    assert any(p.startswith(f"{bad}:8: organizations.1.knd:") for p in problems), problems
    assert any(p.startswith(f"{bad}:7: organizations.1.kind:") for p in problems), problems


def test_ambiguous_alias_is_reported_not_guessed(graph: Graph, tmp_path: Path) -> None:
    sheet = write(
        tmp_path / "amb.yaml",
        "source:\n  title: y\norganizations:\n"
        "  - {name: 长春市教育局, kind: Government, aliases: [市教育局]}\n"
        "  - {name: 大连市教育局, kind: Government, aliases: [市教育局]}\n"
        "  - {name: 某学院, kind: College, part_of: 市教育局}\n",
    )
    with pytest.raises(InputError) as info:
        load_paths(graph, [sheet])
    (problem,) = info.value.problems  # type: ignore[attr-defined]
    assert "ambiguous" in str(problem) and "长春市教育局" in str(problem) and "大连市教育局" in str(problem)
    assert problem.origin.line == 6


def test_seed_sheets_load(graph: Graph) -> None:
    report = load_paths(graph, [SEEDS])
    assert report.nodes > 100
    before = counts(graph)
    load_paths(graph, [SEEDS])
    assert counts(graph) == before
