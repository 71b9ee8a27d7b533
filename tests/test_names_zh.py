"""The Chinese names of the enumerations: complete, unambiguous, accepted by the models."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pytest
from pydantic import ValidationError

from iegraph.schema.factsheet import ConsortiumSpec, OrganizationSpec, ProjectSpec, RegionSpec
from iegraph.schema.model import ORG_KINDS, CollegeLevel, ConsortiumLevel, ProjectType, RegionLevel
from iegraph.schema.names_zh import (
    COLLEGE_LEVEL_ZH,
    CONSORTIUM_LEVEL_ZH,
    ENUMS_ZH,
    ORG_KIND_ZH,
    PROJECT_TYPE_ZH,
    REGION_LEVEL_ZH,
    ROLES_ZH,
)

ENUMS: list[tuple[type[StrEnum], dict[str, tuple[str, ...]]]] = [
    (CollegeLevel, COLLEGE_LEVEL_ZH),
    (ProjectType, PROJECT_TYPE_ZH),
    (RegionLevel, REGION_LEVEL_ZH),
    (ConsortiumLevel, CONSORTIUM_LEVEL_ZH),
]


@pytest.mark.parametrize(("enum", "table"), ENUMS, ids=lambda x: getattr(x, "__name__", ""))
def test_every_member_has_a_chinese_name(enum: type[StrEnum], table: dict[str, tuple[str, ...]]) -> None:
    assert set(table) == {m.value for m in enum}
    assert all(names and all(n.strip() == n and n for n in names) for names in table.values())


def test_every_org_kind_has_a_chinese_name() -> None:
    assert set(ORG_KIND_ZH) == {k.value for k in ORG_KINDS}
    assert all(ORG_KIND_ZH.values())


@pytest.mark.parametrize("what", list(ENUMS_ZH))
def test_no_chinese_name_maps_to_two_values(what: str) -> None:
    seen: dict[str, str] = {}
    for english, names in ENUMS_ZH[what].items():
        for name in names:
            assert name not in seen, f"{name} means both {seen[name]} and {english}"
            assert name not in ENUMS_ZH[what], f"{name} is also an English value"
            seen[name] = english


def test_models_take_chinese_names_and_keep_english_values() -> None:
    college = OrganizationSpec(name="苏州职业大学", kind="院校", level="职业本科")
    assert (college.kind, college.level) == ("College", CollegeLevel.VOCATIONAL_UNDERGRADUATE)
    assert OrganizationSpec(name="甲", kind="政府部门").kind == "Government"
    assert OrganizationSpec(name="甲", kind="College", level="专科").level is CollegeLevel.HIGHER_VOCATIONAL
    assert ProjectSpec(name="乙", type="产业学院").type is ProjectType.INDUSTRIAL_COLLEGE
    assert RegionSpec(name="苏州工业园区", level="开发区").level is RegionLevel.ZONE
    assert ConsortiumSpec(name="丙", kind="alliance", level="省级").level is ConsortiumLevel.PROVINCIAL


def test_unknown_value_lists_the_valid_names_in_both_languages() -> None:
    with pytest.raises(ValidationError) as caught:
        ProjectSpec(name="乙", type="实训")
    message = caught.value.errors()[0]["msg"]
    assert "unknown project type '实训'" in message
    assert "training_base (实训基地)" in message and "employment_base (就业基地)" in message


def test_docs_list_the_one_table_of_names_with_the_roles() -> None:
    text = (Path(__file__).parent.parent / "docs" / "loading.md").read_text(encoding="utf-8")
    section = text.split("### Chinese names of the enumerations", 1)[1].split("\n### ", 1)[0]
    documented = {
        (cells[1], cells[2])
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| field")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    tables = [*ENUMS_ZH.values(), *ROLES_ZH.values()]
    assert documented == {(str(en), ", ".join(names)) for table in tables for en, names in table.items()}
