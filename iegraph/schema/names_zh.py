"""Chinese names of the model's enumerations, accepted on input.

Analysts write 企业, 本科 and 实训基地, not ``Enterprise``, ``undergraduate`` and
``training_base``. This is the one table of those names: the fact-sheet models
(iegraph.schema.factsheet) map a Chinese name to the English value before they
validate it, so YAML sheets and table rows accept the same names. The English value
stays what the graph stores; docs/loading.md lists the same table for people.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BeforeValidator

from iegraph.schema.model import (
    COMPOSITION_KEYS,
    ORG_KINDS,
    CollegeLevel,
    ConsortiumLevel,
    ProjectType,
    RegionLevel,
)

#: English value -> Chinese names, per enumeration; the first Chinese name is the one
#: shown in messages (and the one output in Chinese would use).
ORG_KIND_ZH: dict[str, tuple[str, ...]] = {
    "Government": ("政府", "政府部门", "政府机构"),
    "College": ("院校", "高校", "学校"),
    "Enterprise": ("企业", "公司"),
    "ResearchInstitute": ("科研院所", "科研机构", "研究院"),
    "Association": ("协会", "行业组织", "行业协会", "学会"),
    "OtherOrganization": ("其他", "其他机构"),
}

COLLEGE_LEVEL_ZH: dict[str, tuple[str, ...]] = {
    CollegeLevel.UNDERGRADUATE: ("本科", "普通本科"),
    CollegeLevel.VOCATIONAL_UNDERGRADUATE: ("职业本科", "本科层次职业教育"),
    CollegeLevel.HIGHER_VOCATIONAL: ("高职", "专科", "高职专科", "高职高专"),
    CollegeLevel.SECONDARY_VOCATIONAL: ("中职", "中专", "职业高中"),
    CollegeLevel.TECHNICIAN: ("技工院校", "技工学校", "技师学院"),
    CollegeLevel.OTHER: ("其他",),
}

PROJECT_TYPE_ZH: dict[str, tuple[str, ...]] = {
    ProjectType.TRAINING_BASE: ("实训基地",),
    ProjectType.PRACTICE_BASE: ("实践基地", "实习基地"),
    ProjectType.INNOVATION_CENTER: ("创新中心", "技术创新中心"),
    ProjectType.INDUSTRIAL_COLLEGE: ("产业学院",),
    ProjectType.TECH_RD: ("技术研发", "研发"),
    ProjectType.TALENT_CULTIVATION: ("人才培养",),
    ProjectType.EMPLOYMENT_BASE: ("就业基地",),
    ProjectType.OTHER: ("其他",),
}

REGION_LEVEL_ZH: dict[str, tuple[str, ...]] = {
    RegionLevel.COUNTRY: ("国家", "全国"),
    RegionLevel.PROVINCE: ("省", "省级", "自治区", "直辖市"),
    RegionLevel.CITY: ("市", "地级市", "州"),
    RegionLevel.DISTRICT: ("区", "县", "县级市", "区县"),
    RegionLevel.ZONE: ("开发区", "园区", "高新区", "新区"),
}

CONSORTIUM_LEVEL_ZH: dict[str, tuple[str, ...]] = {
    ConsortiumLevel.NATIONAL: ("国家级",),
    ConsortiumLevel.PROVINCIAL: ("省级",),
    ConsortiumLevel.CITY: ("市级",),
    ConsortiumLevel.OTHER: ("其他",),
}

#: Roles on relationships (the ``role`` of PARTICIPATES_IN, MEMBER_OF and ATTENDED).
#: Roles are an open set: the model names typical ones (schema/model.py, Rel) and sheets
#: use more (initiator, investor, signatory …), so other text is kept as written; only
#: these Chinese names become their English role. ``lead`` is the one a rule reads (a
#: consortium's co-leads work together: queries/_base.py), hence 牵头 must become it.
LEAD_ZH: tuple[str, ...] = ("牵头单位", "牵头", "牵头方")

#: Organisation -> Project | Program (participations, a project's parties).
PARTICIPATION_ROLE_ZH: dict[str, tuple[str, ...]] = {
    "lead": LEAD_ZH,
    "partner": ("合作方", "合作", "参与", "参与方", "合作单位", "参与单位"),
    "builder": ("共建方", "共建", "共建单位", "建设单位"),
    "owner": ("负责单位", "负责", "实施单位"),
}

#: Organisation -> Consortium (memberships, a consortium's members).
MEMBERSHIP_ROLE_ZH: dict[str, tuple[str, ...]] = {
    "lead": LEAD_ZH,
    "member": ("成员单位", "成员"),
    "council": ("理事单位", "理事"),
}

#: Organisation | Person -> Event (an event's people; organisers, hosts and attendees
#: have columns of their own).
EVENT_ROLE_ZH: dict[str, tuple[str, ...]] = {
    "organiser": ("主办", "主办单位", "主办方"),
    "host": ("承办", "承办单位", "承办方", "主持"),
    "attendee": ("参会", "参会单位", "出席"),
    "speaker": ("发言", "发言人", "致辞"),
}

#: relationship's roles by name (as messages and docs say it) -> the table
ROLES_ZH: dict[str, dict[str, tuple[str, ...]]] = {
    "participation role": PARTICIPATION_ROLE_ZH,
    "membership role": MEMBERSHIP_ROLE_ZH,
    "event role": EVENT_ROLE_ZH,
}

#: Keys of a consortium's reported composition (COMPOSITION_KEYS): the kinds and levels
#: above, under the same Chinese names.
COMPOSITION_KEY_ZH: dict[str, tuple[str, ...]] = {
    "total": ("总数", "合计"),
    "government": ORG_KIND_ZH["Government"],
    "college": ORG_KIND_ZH["College"],
    "undergraduate": COLLEGE_LEVEL_ZH[CollegeLevel.UNDERGRADUATE],
    "higher_vocational": COLLEGE_LEVEL_ZH[CollegeLevel.HIGHER_VOCATIONAL],
    "secondary_vocational": COLLEGE_LEVEL_ZH[CollegeLevel.SECONDARY_VOCATIONAL],
    "research_institute": ORG_KIND_ZH["ResearchInstitute"],
    "enterprise": ORG_KIND_ZH["Enterprise"],
    "association": ORG_KIND_ZH["Association"],
    "other": ("其他",),
}

#: Amounts kept by key (fact-sheet field -> key -> Chinese names): a key may be written
#: in Chinese in a sheet (``outputs: {培训人次: 2.6万余人次}``) or a table column
#: (``产出_培训人次``); the graph stores the English key (``output_trainees``). Keys not
#: listed stay free, in lower_snake_case ASCII.
AMOUNT_KEY_ZH: dict[str, dict[str, tuple[str, ...]]] = {
    "composition": COMPOSITION_KEY_ZH,
    "outputs": {
        "results": ("成果", "研究成果", "科研成果"),
        "trainees": ("培训人次", "培训人数", "培训"),
        "internship_places": ("实习岗位",),
        "jobs": ("就业岗位", "岗位"),
        "patents": ("专利",),
        "standards": ("标准",),
        "textbooks": ("教材",),
        "courses": ("课程",),
    },
    "attendee_counts": {
        **COMPOSITION_KEY_ZH,
        "student": ("学生",),
        "member_units": ("成员单位",),
    },
    "targets": {
        "students_per_year": ("每年学生数", "年培养学生"),
        "order_classes_per_year": ("每年订单班数",),
        "first_batch_trainees": ("首批培训人数",),
        "first_batch_students": ("首批学生数",),
        "first_batch_apprentices": ("首批学徒数",),
    },
}

#: The column prefix of each keyed amount in a table (``output_trainees``), with its
#: Chinese names (``产出_培训人次``); the graph's own prefix differs for composition
#: (stored as ``reported_<key>``).
AMOUNT_PREFIX_ZH: dict[str, tuple[str, tuple[str, ...]]] = {
    "composition": ("composition_", ("构成_",)),
    "outputs": ("output_", ("产出_", "成果_")),
    "attendee_counts": ("attendee_count_", ("参会人数_", "人数_")),
    "targets": ("target_", ("目标_",)),
}


def amount_key(field: str, key: str) -> str:
    """The English key of amount ``key`` of fact-sheet field ``field`` (``outputs``,
    ``composition`` …): a Chinese name becomes its key, any other key is kept."""
    for english, names in AMOUNT_KEY_ZH.get(field, {}).items():
        if key == english or key in names:
            return english
    return key


#: enumeration name (as messages say it) -> its table; every English value of the
#: enumeration is a key (tests/test_names_zh.py holds that)
ENUMS_ZH: dict[str, dict[str, tuple[str, ...]]] = {
    "organisation kind": ORG_KIND_ZH,
    "college level": COLLEGE_LEVEL_ZH,
    "project type": PROJECT_TYPE_ZH,
    "region level": REGION_LEVEL_ZH,
    "consortium level": CONSORTIUM_LEVEL_ZH,
}

assert set(ORG_KIND_ZH) == {k.value for k in ORG_KINDS}
assert set(COMPOSITION_KEY_ZH) == set(COMPOSITION_KEYS)


def _reverse(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {zh: str(en) for en, names in table.items() for zh in names}


#: every Chinese role name -> its English role (one meaning across relationships)
_ROLE_OF_ZH: dict[str, str] = {zh: en for table in ROLES_ZH.values() for zh, en in _reverse(table).items()}


def role_english(text: str) -> str:
    """The role to store for ``text`` as written: a Chinese name (牵头, 共建 …) becomes
    its English role, anything else is kept (stripped), since roles are an open set."""
    text = text.strip()
    return _ROLE_OF_ZH.get(text, text)


def _role_before(value: object) -> object:
    return role_english(value) if isinstance(value, str) else value


#: A pydantic BeforeValidator for a ``role`` field (a consortium member's, a project
#: party's, an event person's): Chinese names become the English role.
ROLE = BeforeValidator(_role_before)


def valid_names(table: Mapping[str, tuple[str, ...]]) -> str:
    """The valid values of an enumeration for a message: ``undergraduate (本科), …``."""
    return ", ".join(f"{en} ({names[0]})" for en, names in table.items())


def to_english(what: str, strict: bool = True, optional: bool = False) -> BeforeValidator:
    """A pydantic BeforeValidator for enumeration ``what`` (a key of ENUMS_ZH): a
    Chinese name becomes its English value; with ``strict``, any other text that is
    not an English value is refused with the valid names in both languages (without,
    it passes on for a later check); ``optional``: the field may be null. The published JSON Schema lists both languages,
    so an editor accepts 本科 as the loader does."""
    table = ENUMS_ZH[what]
    chinese = _reverse(table)
    english = {str(en) for en in table}

    def check(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text in english:
            return text
        if text in chinese:
            return chinese[text]
        if strict:
            raise ValueError(f"unknown {what} {text!r}: valid: {valid_names(table)}")
        return value

    names = tuple(str(en) for en in table) + tuple(chinese)
    # Literal[...] built from the table: the JSON Schema enum of the input
    accepted = Literal.__getitem__((*names, None) if optional else names)
    return BeforeValidator(check, json_schema_input_type=accepted)
