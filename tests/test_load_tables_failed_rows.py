"""A row that fails validation is reported once; rows referring to what it declares are
told that row failed, not that the entity is unknown (no cascade of "unknown Project")."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.errors import InputError
from iegraph.loaders.passes import validate_paths
from tests.test_load import write


def _problems(folder: Path) -> tuple[str, list[str]]:
    with pytest.raises(InputError) as info:
        validate_paths(None, [folder])
    return str(info.value), [str(p) for p in info.value.problems]  # type: ignore[attr-defined]


def test_rows_naming_a_project_whose_row_failed_point_back_to_it(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write(folder / "机构.csv", "名称,类型\n甲职业技术学院,院校\n乙精密机械有限公司,企业\n")
    # row 3: a project type that does not exist
    write(folder / "项目.csv", "编号,名称,类型\np1,好基地,实训基地\np2,坏基地,实训\n")
    write(
        folder / "参与.csv",
        "机构,项目,角色\n甲职业技术学院,坏基地,牵头\n乙精密机械有限公司,坏基地,合作\n甲职业技术学院,好基地,\n",
    )
    message, problems = _problems(folder)
    projects, parts = folder / "项目.csv", folder / "参与.csv"
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{projects}:3: type: ") and "unknown project type '实训'" in problems[0]
    # the cause first, then one line for the rows that name it (not one per row)
    assert problems[1] == (
        f"{parts}:2: project: refers to 项目 '坏基地', whose row failed above ({projects}:3); "
        "fixing that row fixes this one"
    )
    assert "unknown" not in problems[1] and message.index(problems[0]) < message.index(problems[1])


def test_an_organisation_whose_row_failed_is_not_unknown_to_a_project_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    # the college's level is no level; the enterprise's money has no unit
    write(folder / "organizations.csv", "id,name,kind,level\no1,甲学院,College,大专\no2,乙公司,Enterprise,\n")
    write(
        folder / "projects.csv",
        "name,type,parties,investment\n丙基地,training_base,o1;乙公司;丁公司,2000\n戊基地,training_base,乙公司,\n",
    )
    _message, problems = _problems(folder)
    orgs, projects = folder / "organizations.csv", folder / "projects.csv"
    assert problems[0].startswith(f"{orgs}:2: level: ")
    assert problems[1].startswith(f"{projects}:2: investment: a bare number '2000'")
    # 丙基地's row failed itself; 戊基地 names 乙公司, which is fine: no cascade at all
    assert problems[2:] == []
    write(folder / "projects.csv", "name,type,parties\n丙基地,training_base,o1;乙公司;丁公司\n")
    _message, problems = _problems(folder)
    assert problems == [
        f"{orgs}:2: level: " + problems[0].split(": level: ", 1)[1],
        # a name no row declares is still unknown
        f"{projects}:2: parties.2.org: unknown Organization '丁公司' (not in this load nor in the graph)",
        f"{projects}:2: parties.0.org: refers to 机构 'o1', whose row failed above ({orgs}:2); "
        "fixing that row fixes this one",
    ]
