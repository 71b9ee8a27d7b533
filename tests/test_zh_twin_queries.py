"""A workbook in Chinese answers every question exactly as its English twin does (issue 13):
the same JSON from the CLI for each question asked of the graph each one loads."""

from __future__ import annotations

import json
from pathlib import Path

from iegraph.db import Graph
from iegraph.loaders import load_paths
from tests.dbtools import wipe
from tests.helpers import run_cli
from tests.test_load_tables_zh import _workbook

#: questions (with their parameters) over the twin workbooks' 苏州 data
QUESTIONS: list[list[str]] = [
    ["stats"],
    ["projects"],
    ["projects", "--type", "training_base"],
    ["projects", "--region", "苏州市"],
    ["partners", "--org", "苏州大学", "--with-co-presence"],
    ["partners", "--org", "苏州工业园区职业技术学院"],
    ["depth", "--org", "苏州工业园区职业技术学院"],
    ["gaps"],
    ["gaps", "--region", "苏州市"],
    ["timeline", "--region", "苏州市"],
    ["evidence", "--name", "苏州工业园区职业技术学院"],
    # every shortest path: which of two equally short ones comes first is not part of the answer
    ["path", "--from", "苏州工业园区职业技术学院", "--to", "苏州某精密机械有限公司", "--paths", "5"],
]


def _answers() -> list[str]:
    out = []
    for args in QUESTIONS:
        result = run_cli("query", *args, "--format", "json")
        assert result.exit_code == 0, (args, result.stderr)
        if args[0] == "path":
            # the paths as a set: each path's rows without its number, paths in sorted order
            rows = json.loads(result.stdout)
            paths: dict[object, list[str]] = {}
            for row in rows:
                number = row.pop("path")
                paths.setdefault(number, []).append(json.dumps(row, ensure_ascii=False, sort_keys=True))
            out.append("\n".join(sorted("|".join(steps) for steps in paths.values())))
        else:
            out.append(result.stdout)
    return out


def test_a_chinese_workbook_answers_as_its_english_twin(
    graph: Graph, cli_env: dict[str, str], tmp_path: Path
) -> None:
    load_paths(graph, [_workbook(tmp_path / "en" / "data.xlsx", chinese=False)])
    english = _answers()
    wipe(graph)
    load_paths(graph, [_workbook(tmp_path / "zh" / "data.xlsx", chinese=True)])
    chinese = _answers()
    for args, en, zh in zip(QUESTIONS, english, chinese, strict=True):
        assert zh == en, args
    # the answers hold something to compare: projects, partners, a path, the stored English values
    assert "精密制造实训基地" in english[1] and '"training_base"' in english[1]
    assert "苏州某精密机械有限公司" in english[5] and "精密制造实训基地" in english[11]
