"""Strict parsing: no typo or damaged file passes silently, every problem names its line.

YAML keys given twice, CSV/xlsx headers given twice, cells beyond the header, bad or
unclosed quotes; workbooks whose declared size lies, whose sheets claim a million
rows, whose parts unpack to more than a workbook may hold. All of it is read without
Neo4j (``validate_paths(None, …)`` and the readers), so this is the unit tier.
"""

from __future__ import annotations

from pathlib import Path

from iegraph.errors import InputError
from iegraph.loaders.passes import validate_paths
from tests.test_load import write


def problems_of(*paths: Path) -> list[str]:
    """The problems ``load --check`` would list for ``paths`` (none: the empty list)."""
    try:
        validate_paths(None, list(paths))
    except InputError as exc:
        return [str(p) for p in exc.problems]  # type: ignore[attr-defined]
    return []


def node_count(*paths: Path) -> int:
    """How many node declarations ``paths`` make (they must be free of problems)."""
    _inputs, _resolver, counts = validate_paths(None, list(paths))
    return counts["nodes"]


# -- YAML ---------------------------------------------------------------------------


def test_a_yaml_key_given_twice_is_a_problem_at_the_second_key(tmp_path: Path) -> None:
    sheet = write(
        tmp_path / "twice.yaml",
        "source: {id: s1, title: 报道}\n"  # 1
        "organizations:\n"  # 2
        "  - name: 甲学院\n"  # 3
        "    kind: College\n"  # 4
        "    name: 乙学院\n"  # 5
        "organizations:\n"  # 6
        "  - {name: 丙公司, kind: Enterprise}\n",  # 7
    )
    problems = problems_of(sheet)
    assert f"{sheet}:5: organizations.0.name: key 'name' given twice (first on line 3)" in problems[0]
    assert problems[1].startswith(
        f"{sheet}:6: organizations: key 'organizations' given twice (first on line 2)"
    )
    assert len(problems) == 2, problems


def test_yaml_merge_keys_and_equal_keys_of_different_mappings_pass(tmp_path: Path) -> None:
    sheet = write(
        tmp_path / "merge.yaml",
        "source: {id: s1, title: 报道}\n"
        "organizations:\n"
        "  - &college {name: 甲学院, kind: College, level: higher_vocational}\n"
        "  - <<: *college\n"
        "    name: 乙学院\n"
        "  - {name: 丙公司, kind: Enterprise}\n",
    )
    assert node_count(sheet) == 4  # the source and three organisations
