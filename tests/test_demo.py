"""``iegraph demo`` in Chinese: the answers' titles, headers and values and the views' words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from iegraph.db import Graph
from iegraph.queries._base import CARRIER_KIND
from iegraph.queries.partners import CO_LEAD_KIND, CO_PRESENCE, DEEP, SIGNATURE_ONLY, WORKING
from iegraph.queries.standard import STANDARD, TITLES_ZH, answer_text
from tests.helpers import run_cli

ROWS = [
    {"partner": "大连三友电器设备有限公司", "kind": "Enterprise", "through": ["project: 甲"], "n_sources": 1}
]
COLUMNS = ["partner", "kind", "through", "n_sources"]
DEPTHS = [DEEP, WORKING, SIGNATURE_ONLY, CO_PRESENCE]


def test_every_standard_question_has_a_chinese_title() -> None:
    assert {name for _title, name, *_ in STANDARD} == set(TITLES_ZH)


def test_an_answer_in_chinese_has_chinese_title_headers_and_values() -> None:
    zh = answer_text("Partners of 大连理工大学", "partners", ROWS, COLUMNS, 18, "zh").splitlines()
    assert zh[1] == "== 大连理工大学的合作方（iegraph --lang zh query partners；共 18 行）"
    assert zh[2].split() == ["合作方", "类型", "经由", "来源数"]
    assert zh[4].split()[:2] == ["大连三友电器设备有限公司", "企业"]
    en = answer_text("Partners of 大连理工大学", "partners", ROWS, COLUMNS, 18, "en").splitlines()
    assert en[1] == "== Partners of 大连理工大学  (iegraph query partners; 18 rows)"
    assert en[2].split() == COLUMNS and en[4].split()[1] == "Enterprise"


def _page_data(path: Path) -> dict[str, Any]:
    """The data a view page carries (the JSON its script reads)."""
    html = path.read_text(encoding="utf-8")
    match = re.search(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert match, path
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_demo_in_chinese_with_iegraph_lang(
    graph: Graph, cli_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IEGRAPH_LANG", "zh")
    result = run_cli("demo", "-o", str(tmp_path / "演示"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "== 大连理工大学的合作方（iegraph --lang zh query partners；共 " in out
    partners = out.split("== 大连理工大学的合作方", 1)[1].splitlines()
    assert partners[1].split()[:2] == ["合作方", "类型"]
    assert any(line.split()[:2] == ["大连三友电器设备有限公司", "企业"] for line in partners[3:13])
    assert "== 院校与企业之间的中介机构" in out and "Partners of" not in out
    assert "skipped" not in result.stderr
    ego = _page_data(tmp_path / "演示" / "views" / "ego-dalian-university-of-technology.html")
    assert ego["lang"] == "zh-Hans"
    assert ego["title"] == "大连理工大学 合作网络"
    assert {k["name"] for k in ego["kinds"]} >= {"院校", "企业"}
    overview = _page_data(tmp_path / "演示" / "views" / "overview.html")
    assert overview["title"] == "产教融合知识图谱总览"


def test_depth_in_chinese_names_its_classes_and_kinds_of_shared_activity() -> None:
    # types are the kinds of shared activity (project, agreement …), not project types
    every = [
        {"partner": "甲", "depth": d, "score": 1, "types": [*CARRIER_KIND.values(), CO_LEAD_KIND]}
        for d in DEPTHS
    ]
    text = answer_text("Depth", "depth", every, ["partner", "depth", "score", "types"], 4, "zh").splitlines()
    assert text[2].split() == ["合作方", "深度", "得分", "合作形式"]
    assert [line.split()[1] for line in text[4:]] == [
        "深度合作",
        "实际合作",
        "合而不融（仅签约）",
        "同场共现",
    ]
    assert text[4].split()[3:] == ["项目,", "计划,", "协议,", "联合体,", "活动,", "联合体（共同牵头）"]
