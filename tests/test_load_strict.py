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


# -- CSV ----------------------------------------------------------------------------


def test_a_csv_header_given_twice_names_both_columns(tmp_path: Path) -> None:
    table = write(tmp_path / "t" / "organizations.csv", "id,name,kind,name\no1,甲学院,College,乙学院\n")
    assert problems_of(table.parent) == [
        f"{table}:1: name: column 'name' given twice (columns 2 and 4); the second would replace the first"
    ]


def test_cells_beyond_the_csv_header_are_a_problem_of_their_row(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        "id,name,kind,aliases\n"
        "o1,甲学院,College,甲院\n"
        "o2,乙学院,College,乙院;乙校,乙学\n"  # the ; list was typed with a comma
        "o3,丙公司,Enterprise,,\n",  # an empty cell beyond the header loses nothing
    )
    assert problems_of(table.parent) == [f"{table}:3: a cell without a header would be lost: column 5 '乙学'"]
    # the same folder without the typo loads all three
    write(table, table.read_text(encoding="utf-8").replace("乙校,乙学", "乙校;乙学"))
    assert node_count(table.parent) == 3


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        "id,name,kind\n"
        "o1,甲学院,College\n"
        'o2,"乙公司,Enterprise\n'  # 3: the quote opens here and never closes
        "o3,丙公司,Enterprise\n"
        "o4,丁公司,Enterprise\n",
    )
    problems = problems_of(table.parent)
    assert len(problems) == 1 and problems[0].startswith(f"{table}:3: unclosed quote"), problems


def test_an_unclosed_quote_that_runs_past_the_field_limit(tmp_path: Path) -> None:
    rows = "".join(f"o{i},公司{i}号,Enterprise\n" for i in range(3, 20_000))
    table = write(
        tmp_path / "t" / "organizations.csv",
        'id,name,kind\no1,甲学院,College\no2,"乙公司,Enterprise\n' + rows,
    )
    problems = problems_of(table.parent)
    assert len(problems) == 1 and problems[0].startswith(f"{table}:3: unclosed quote"), problems


def test_text_after_a_closing_quote_is_bad_quoting_on_its_line(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        'id,name,kind\no1,甲学院,College\no2,"乙"公司,Enterprise\no3,丙公司,Enterprise\n',
    )
    problems = problems_of(table.parent)
    assert len(problems) == 1 and problems[0].startswith(f"{table}:3: bad quoting"), problems


def test_quoted_cells_over_several_lines_keep_later_rows_on_their_lines(tmp_path: Path) -> None:
    table = write(
        tmp_path / "t" / "organizations.csv",
        'id,name,kind,note\no1,甲学院,College,"两行\n的备注"\no2,乙公司,Firm,\n',
    )
    # the row starting on line 2 ends on line 3; the next row is line 4
    assert problems_of(table.parent) == [
        f"{table}:4: kind: unknown organisation kind 'Firm' (one of Government, College, Enterprise, "
        "ResearchInstitute, Association, OtherOrganization)"
    ]
