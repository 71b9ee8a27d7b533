"""On the curated seed graph: amounts print as the articles write them, the article's own
project categories filter, a consortium reported in parts gets a marked total, and
inferred facts are visible in the answers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.queries import consortium, projects, timeline
from tests.helpers import run_cli

SEEDS = sorted((Path(__file__).parent.parent / "iegraph" / "data" / "seeds").glob("*.yaml"))

#: The article (seed 004) lists these five under 科技创新类项目5个.
TECH_INNOVATION = {
    "卧式车铣镗复合加工中心性能调控技术攻关",
    "新能源汽车充电系统故障快速检测技术攻关",
    "超声悬浮精密零件减摩搬运工作台研制",
    "质子交换膜燃料电池金属石墨复合双极板开发",
    "辽宁省压缩机专业技术创新中心",
}
TRAINING_BASE = "辽宁省装备制造产业产教融合实训基地"


@pytest.fixture
def seed(graph: Graph, cli_env: dict[str, str]) -> Graph:
    load_paths(graph, SEEDS)
    return graph


def _cli(*args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_amounts_print_as_the_articles_write_them(seed: Graph) -> None:
    # projects: the 1.2亿元 base and its 2800余 internship places (seed 004)
    table = _cli("query", "projects", "--region", "金普新区")
    assert "1.2亿元" in table and "120000000" not in table
    assert "internship_places 2800余" in table and "trainees 2.6万余人次" in table
    rows = {r["project"]: r for r in json.loads(_cli("query", "projects", "--format", "json"))}
    base = rows[TRAINING_BASE]
    assert base["investment"] == {"value": 120000000, "qualifier": None, "unit": "元", "text": "1.2亿元"}
    assert base["outputs"]["internship_places"] == {
        "value": 2800,
        "qualifier": "余",
        "unit": None,
        "text": "2800余",
    }
    (line,) = [
        r
        for r in csv.DictReader(io.StringIO(_cli("query", "projects", "--format", "csv")))
        if r["project"] == TRAINING_BASE
    ]
    assert (line["investment"], line["investment_value"], line["investment_unit"]) == (
        "1.2亿元",
        "120000000",
        "元",
    )
    # consortium: Changchun's enterprises are 近120 (seed 002)
    table = _cli("query", "consortium", "--name", "长春市汽车产业集群产教联合体")
    assert "近120" in table


def test_changchun_gets_a_total_row_marked_as_a_sum(seed: Graph) -> None:
    rows = consortium(seed, name="长春市汽车产业集群产教联合体")
    cov = {r.name: r for r in rows if r.section == "coverage"}
    assert str(cov["enterprise"].reported) == "近120"
    total = cov["total"]
    # 10 政府机构 + 8 本科 + 8 高职 + 38 中职 + 6 科研机构 + 近120 企业; the article gives no total
    assert str(total.reported) == "≈190"
    assert total.detail is not None and "not reported" in total.detail and "近120" in total.detail
    assert total.coverage is not None and total.coverage.startswith("≈")
    # Jinpu reports its total (97): no sum is made there
    jinpu = {r.name: r for r in consortium(seed, name="金普新区市域产教联合体") if r.section == "coverage"}
    assert str(jinpu["total"].reported) == "97" and "not reported" not in (jinpu["total"].detail or "")


def test_category_filter_returns_the_articles_five_tech_projects(seed: Graph) -> None:
    rows = projects(seed, category="科技创新")
    assert {r.project for r in rows} == TECH_INNOVATION
    assert {r.category for r in rows} == {"科技创新类"}
    # our type is another matter: the compressor centre is an innovation_center
    assert {r.type for r in rows} == {"tech_rd", "innovation_center"}
    assert {r.project for r in projects(seed, category="人才培养")} >= {"大思政课实践教育基地"}
    assert projects(seed, category="科技創新") == rows  # traditional characters as well
    table = _cli("query", "projects", "--category", "科技创新")
    header = table.splitlines()[0].split()
    assert header[:3] == ["project", "type", "category"]
    assert all(name in table for name in TECH_INNOVATION)


def test_inferred_facts_are_marked_in_the_answers(seed: Graph) -> None:
    rows = {r.project: r for r in projects(seed, category="科技创新")}
    # the article says "近日": the meeting's month, and so the projects' date, is inferred
    assert all(r.inferred and r.inferred.startswith("date") for r in rows.values())
    jinpu = consortium(seed, name="金普新区市域产教联合体")
    members = [r for r in jinpu if r.section == "member"]
    assert members and all(r.inferred for r in members), "the article lists no member"
    facts = {r.name: r for r in timeline(seed, consortium="金普新区市域产教联合体")}
    assert "founded" in (facts["大连金普新区（大连经济技术开发区）市域产教联合体"].inferred or "")
