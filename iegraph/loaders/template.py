"""The Excel template analysts fill in (``iegraph template -o 模板.xlsx``).

A workbook with a notes sheet (说明) first and then one sheet per table the table
reader accepts (iegraph.loaders.tables), named and headed in Chinese by the first
name of the documented aliases (``TABLE_ZH``, ``COLUMN_ZH``), or in English with
``lang="en"``. Each header cell carries a comment with the column's English key, what
it means, whether it is required and what it takes; required headers are red and
bold. Every enumeration column gets a drop-down of its values (the first Chinese
name of each, from iegraph.schema.names_zh, which the loader accepts back). A small
worked example fills the sheets and loads as it is; ``example=False`` leaves only
the headers.

Nothing here knows a column the reader does not: the columns of a sheet are those
``tables._columns`` allows (the prefixed ones such as ``output_<key>`` are described
on the notes sheet instead, since their keys are free), so the template cannot drift
from what ``iegraph load`` reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from iegraph.errors import InputError
from iegraph.loaders.records import REL_KEY_DEFAULT
from iegraph.loaders.tables import (
    COLUMN_ZH,
    COMMON,
    LINK_COLUMNS,
    NODE_TABLES,
    REL_TABLES,
    SOURCE_COLUMNS,
    TABLE_ORDER,
    TABLE_ZH,
    _columns,
)
from iegraph.schema.model import COMPOSITION_KEYS, Rel
from iegraph.schema.names_zh import (
    COLLEGE_LEVEL_ZH,
    CONSORTIUM_LEVEL_ZH,
    MEMBERSHIP_ROLE_ZH,
    ORG_KIND_ZH,
    PARTICIPATION_ROLE_ZH,
    PROJECT_TYPE_ZH,
    REGION_LEVEL_ZH,
)

#: The languages of a template (``iegraph template --lang``).
TemplateLang = Literal["zh", "en"]

#: The notes sheet's name per language (the reader skips both: tables.NOTE_SHEETS).
NOTES_SHEET: dict[TemplateLang, str] = {"zh": "说明", "en": "README"}

#: (table, column) -> the enumeration of its values (English value -> Chinese names).
ENUM_COLUMNS: dict[tuple[str, str], Mapping[str, tuple[str, ...]]] = {
    ("organizations", "kind"): ORG_KIND_ZH,
    ("organizations", "level"): COLLEGE_LEVEL_ZH,
    ("regions", "level"): REGION_LEVEL_ZH,
    ("projects", "type"): PROJECT_TYPE_ZH,
    ("consortia", "level"): CONSORTIUM_LEVEL_ZH,
    # roles are open (other text is stored as written), but these are the usual ones
    ("memberships", "role"): MEMBERSHIP_ROLE_ZH,
    ("participations", "role"): PARTICIPATION_ROLE_ZH,
}

#: Enumeration columns that also take other text (kept as written): their drop-down's
#: warning says so.
_OPEN_COLUMNS = {("memberships", "role"), ("participations", "role")}

#: The relationship types a relations row may name (the loader writes REPORTED_IN itself);
#: they have no Chinese names, so both languages list them in English.
RELATION_TYPES: tuple[str, ...] = tuple(r.value for r in Rel if r is not Rel.REPORTED_IN)

#: Yes/no columns: the reader takes 是 (or 1, true, yes) as yes, anything else as no.
YES_NO: dict[TemplateLang, tuple[str, str]] = {"zh": ("是", "否"), "en": ("yes", "no")}
_BOOLEAN_COLUMNS = {("organizations", "unnamed")}

#: Where a table's header is better read with another of the column's documented
#: Chinese names than its first (a position's 职务, not a source's 标题).
_HEADER_ZH: dict[tuple[str, str], str] = {
    ("positions", "title"): "职务",
    ("regions", "level"): "级别",
    ("consortia", "level"): "级别",
    ("agreements", "parties"): "签约方",
}

#: Columns shown first in a node table, in this order (when the table has them).
_FIRST = ("id", "name", "kind", "type", "level", "parties")

#: What each table is for: (Chinese, English).
TABLE_HELP: dict[str, tuple[str, str]] = {
    "sources": (
        "信息来源（报道、文件）：每条事实的“来源”列填这里的编号",
        "the documents facts come from; every other sheet's source column holds these ids",
    ),
    "regions": ("地区：省、市、区县、开发区，用“上级”连成层级", "regions, linked into a hierarchy by parent"),
    "industries": ("产业：可用“上级”表示细分产业", "industries, optionally under a parent industry"),
    "organizations": (
        "机构：政府、院校、企业、科研院所、协会等",
        "organisations: governments, colleges, enterprises, institutes, associations",
    ),
    "people": ("人物（职务写在“职务”表）", "named people (their positions go in the positions sheet)"),
    "consortia": (
        "联合体：市域产教联合体、行业产教融合共同体、职教集团等",
        "consortia: city consortia, industry communities, vocational education groups",
    ),
    "projects": (
        "项目：实训基地、产业学院、技术研发等合作载体；参与方可直接写在“参与方”列",
        "projects: training bases, industrial colleges, R&D …; parties may be listed in the parties column",
    ),
    "agreements": (
        "协议：签约各方写在“签约方”列",
        "signed agreements; the signatories in the parties column",
    ),
    "events": ("活动：会议、对接会、签约仪式", "events: meetings, matchmaking sessions, signing ceremonies"),
    "programs": ("计划：有目标的专项计划（……计划）", "named programmes with targets"),
    "policies": ("政策文件及发文单位", "policy documents and who issued them"),
    "positions": (
        "任职：某人在某机构的职务，一行一条",
        "a person's position in an organisation, one per row",
    ),
    "memberships": ("联合体成员，一行一条，可写角色", "consortium members, one per row, with a role"),
    "participations": (
        "项目参与方，一行一条，可写角色与该关系自己的原文；与项目表“参与方”列可并用，同一机构不会重复",
        "project parties, one per row, with a role and the link's own quote; may be combined with the "
        "projects' parties column (a party named in both is one link)",
    ),
    "relations": (
        "其他关系：类型从下拉列表选（如 PART_OF），起点、终点填编号或名称，其他列为关系属性",
        "any other relationship: type from the list (e.g. PART_OF), from and to are ids or names; "
        "other columns become its properties",
    ),
}

#: What each column means: (Chinese, English); per table where it differs.
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "id": (
        "编号：可空，空则按名称生成；其他表可用编号或名称引用",
        "id: may be empty (derived from the name)",
    ),
    "name": ("名称：全称", "name: the full name"),
    "aliases": ("别名、简称，多个用“；”分隔", "other names and short forms, ;-separated"),
    "source": ("来源编号（“来源”表），多个用“；”分隔", "source ids (sources sheet), ;-separated"),
    "quote": ("引文：来源中支持这条事实的原句", "the sentence of the source that states this"),
    "inferred": ("推断字段：来源未直接写明、由整理者推断的列名", "columns whose value was inferred"),
    "inferred_reason": ("推断理由", "why they were inferred"),
    "note": ("备注（保存，但不作为事实显示）", "reviewer's remark (stored, never shown as a fact)"),
    "kind": ("类型", "kind"),
    "type": ("类型", "type"),
    "level": ("层次", "level"),
    "parent": ("上级：所属的上一级（编号或名称）", "parent (id or name)"),
    "region": ("所在地：“地区”表中的地区（编号或名称）", "the region it is in (id or name)"),
    "industries": ("所属产业，多个用“；”分隔", "industries, ;-separated"),
    "part_of": ("隶属：上级单位（编号或名称）", "the organisation it belongs to"),
    "uscc": ("统一社会信用代码（18位）", "unified social credit code (18 characters)"),
    "moe_code": ("学校标识码（10位）", "Ministry of Education school code (10 digits)"),
    "ownership": ("所有制（自由填写），如 央企、国企、民企", "ownership: central_soe, state, private …"),
    "designations": ("称号、认定，如 专精特新，多个用“；”分隔", "designations such as 专精特新, ;-separated"),
    "unnamed": ("未具名：来源未写出其名称时填“是”", "yes when the source does not name it"),
    "founded": ("成立日期", "date founded"),
    "anchor_park": ("依托园区（机构或地区）", "the park it is anchored on (organisation or region)"),
    "leads": ("牵头单位，多个用“；”分隔", "lead organisations, ;-separated"),
    "approved_by": ("批准/认定单位，多个用“；”分隔", "approving bodies, ;-separated"),
    "composition_as_of": ("报道构成的截至日期", "date of the reported composition"),
    "category": ("类别：来源所用的分类原话，如 科技创新类", "the source's own category, e.g. 科技创新类"),
    "date": ("日期：2024、2024-03、2024-03-15 或 2024年3月15日", "date: 2024, 2024-03, 2024-03-15"),
    "status": (
        "状态（自由填写），如 签约、在建、运营",
        "status: signed, approved, building, operating, completed",
    ),
    "investment": (
        "投资额：须带单位，如 2000万元、1.2亿元；只写数字时把列名改为 投资额(万元)",
        "investment with its unit (2000万元, 1.2亿元), or name the column investment_万元",
    ),
    "consortium": ("所属联合体（编号或名称）", "the consortium it belongs to"),
    "program": ("所属计划（编号或名称）", "the programme it belongs to"),
    "event": ("签约或发布的活动（编号或名称）", "the event at which it was signed or announced"),
    "parties": (
        "参与方：机构的编号或名称，多个用“；”分隔",
        "parties: organisation ids or names, ;-separated",
    ),
    "signatory_count": ("签约单位数（只报道数量时）", "number of signatories when only a count is given"),
    "place": ("地点", "place"),
    "organisers": ("主办单位，多个用“；”分隔", "organisers, ;-separated"),
    "hosts": ("承办单位，多个用“；”分隔", "hosts, ;-separated"),
    "attendees": ("参会单位，多个用“；”分隔", "attending organisations, ;-separated"),
    "owners": ("负责/实施单位，多个用“；”分隔", "owners, ;-separated"),
    "issuers": ("发文单位，多个用“；”分隔", "issuers, ;-separated"),
    "doc_number": ("文号", "document number"),
    "title": ("标题", "title"),
    "publisher": ("发布者（媒体、网站）", "publisher"),
    "url": ("网址", "URL"),
    "language": ("原文语言，默认 zh-Hans；繁体为 zh-Hant", "language tag, default zh-Hans"),
    "author": ("作者", "author"),
    "file": ("存档文件名", "archived file name"),
    "person": ("人物（编号或名称）", "person (id or name)"),
    "org": ("机构（编号或名称）", "organisation (id or name)"),
    "role": ("角色", "role"),
    "project": ("项目或计划（编号或名称）", "project or programme (id or name)"),
    "from": ("起点（编号或名称）", "start (id or name)"),
    "to": ("终点（编号或名称）", "end (id or name)"),
}

_TABLE_COLUMN_HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("consortia", "kind"): (
        "类型（自由填写）：city_consortium 市域产教联合体、industry_community 行业产教融合共同体、"
        "vocational_group 职教集团、alliance 联盟、other",
        "free text: city_consortium, industry_community, vocational_group, alliance, other",
    ),
    ("agreements", "kind"): ("协议类型（自由填写），如 战略合作、校企合作", "free text: strategic, …"),
    ("events", "kind"): ("活动类型（自由填写），如 签约仪式、对接会", "free text: signing, matchmaking …"),
    ("positions", "title"): ("职务，如 校长、董事长", "the position held, e.g. 校长"),
    ("sources", "id"): ("编号（必填），其他表“来源”列引用它", "id, which other sheets' source columns cite"),
    ("sources", "title"): ("标题", "title of the document"),
    ("memberships", "role"): (
        f"角色：从列表选，空则为 {MEMBERSHIP_ROLE_ZH[REL_KEY_DEFAULT[Rel.MEMBER_OF]][0]}；"
        "其他角色可自由填写，按原文保存",
        f"role from the list, default {REL_KEY_DEFAULT[Rel.MEMBER_OF]}; other roles are kept as written",
    ),
    ("participations", "role"): (
        f"角色：从列表选，空则为 {PARTICIPATION_ROLE_ZH[REL_KEY_DEFAULT[Rel.PARTICIPATES_IN]][0]}；"
        "其他角色可自由填写，按原文保存",
        f"role from the list, default {REL_KEY_DEFAULT[Rel.PARTICIPATES_IN]}; other roles are kept as written",
    ),
    ("relations", "type"): ("关系类型（英文名，如 PART_OF）", "relationship type (e.g. PART_OF)"),
    ("organizations", "kind"): ("机构类型", "organisation kind"),
    ("organizations", "level"): ("办学层次（院校填写）", "college level (colleges only)"),
    ("regions", "level"): ("行政级别", "region level"),
    ("consortia", "level"): ("级别", "consortium level"),
    ("projects", "type"): ("项目类型", "project type"),
    ("regions", "parent"): ("上级地区（编号或名称）", "parent region"),
    ("industries", "parent"): ("上级产业（编号或名称）", "parent industry"),
}

#: Dict columns a table may add (their keys are free): prefix -> (Chinese, English).
_PREFIX_HELP: dict[str, tuple[str, str]] = {
    "composition_": (
        "报道的构成（数量，可带单位）：composition_" + "、composition_".join(COMPOSITION_KEYS),
        "reported composition: composition_" + ", composition_".join(COMPOSITION_KEYS),
    ),
    "output_": ("成果数量，如 output_trainees（培训人次）", "outputs, e.g. output_trainees"),
    "attendee_count_": ("参会数量，如 attendee_count_enterprise", "attendance counts"),
    "target_": ("目标数量，如 target_enterprise", "targets, e.g. target_enterprise"),
}


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    """One column of a template sheet: its English key, header, and what it takes."""

    key: str
    header: str
    required: bool
    #: the drop-down's values (None: free text)
    choices: tuple[str, ...] | None
    help: str


def table_columns(table: str) -> list[str]:
    """The columns of ``table`` in the template's order: those the reader allows, the
    most important first (prefixed dict columns are left to the notes sheet)."""
    allowed, _required, _prefixes = _columns(table)
    if table == "sources":
        declared: tuple[str, ...] = SOURCE_COLUMNS
    elif table in NODE_TABLES:
        _section, lists, others, _dicts = NODE_TABLES[table]
        first = tuple(c for c in _FIRST if c in allowed)
        tail = ("aliases", *COMMON)
        declared = (*first, *others, *lists, *tail)
    else:
        _rel, (src, _l1), (dst, _l2), key = REL_TABLES[table]
        declared = ("type",) if table == "relations" else ()
        declared += (src, dst, *([key] if key else []), *LINK_COLUMNS)
    ordered = list(dict.fromkeys(c for c in declared if c in allowed))
    assert set(ordered) == allowed, (table, allowed - set(ordered))
    return ordered


def sheet_name(table: str, lang: TemplateLang) -> str:
    """The template's sheet for ``table``: its first Chinese name, or the English one."""
    return TABLE_ZH[table][0] if lang == "zh" else table


def choices(table: str, column: str, lang: TemplateLang) -> tuple[str, ...] | None:
    """The drop-down values of a column: the first Chinese name of each value of its
    enumeration (or the English values), 是/否 for a yes/no column; None for free text."""
    enum = ENUM_COLUMNS.get((table, column))
    if enum is not None:
        return tuple(names[0] for names in enum.values()) if lang == "zh" else tuple(map(str, enum))
    if (table, column) == ("relations", "type"):
        return RELATION_TYPES
    if (table, column) in _BOOLEAN_COLUMNS:
        return YES_NO[lang]
    return None


def template_columns(table: str, lang: TemplateLang) -> list[TemplateColumn]:
    """The columns of ``table``'s sheet with their headers, marks and help texts."""
    _allowed, required, _prefixes = _columns(table)
    side = 0 if lang == "zh" else 1
    out = []
    for key in table_columns(table):
        header = _HEADER_ZH.get((table, key), COLUMN_ZH[key][0]) if lang == "zh" else key
        text = _TABLE_COLUMN_HELP.get((table, key), COLUMN_HELP[key])[side]
        out.append(TemplateColumn(key, header, key in required, choices(table, key, lang), text))
    return out


# -- the worked example: a few organisations, a project with parties, an agreement ---------------

_SOURCE_ID = "示例报道"
_PROJECT_QUOTE = "示例职业技术学院与示例精密机械有限公司共建示例智能制造实训基地，总投资2000万元。"
_AGREEMENT_QUOTE = "示例市教育局、示例大学与示例智能装备有限公司签署政校企合作协议。"

#: table -> rows (English column key -> cell); enumeration cells hold the English value
#: and are written in the template's language
EXAMPLE: dict[str, list[dict[str, str]]] = {
    "sources": [
        {
            "id": _SOURCE_ID,
            "title": "示例市校企合作报道（示例数据，可删除）",
            "publisher": "示例日报",
            "date": "2024-05-08",
        }
    ],
    "regions": [
        {"name": "示例市", "level": "city"},
        {"name": "示例高新区", "level": "zone", "parent": "示例市"},
    ],
    "organizations": [
        {
            "name": "示例职业技术学院",
            "kind": "College",
            "level": "higher_vocational",
            "region": "示例高新区",
            "aliases": "示例职院",
            "source": _SOURCE_ID,
        },
        {
            "name": "示例大学",
            "kind": "College",
            "level": "undergraduate",
            "region": "示例市",
            "source": _SOURCE_ID,
        },
        {"name": "示例精密机械有限公司", "kind": "Enterprise", "region": "示例高新区", "source": _SOURCE_ID},
        {"name": "示例智能装备有限公司", "kind": "Enterprise", "region": "示例高新区", "source": _SOURCE_ID},
        {"name": "示例市教育局", "kind": "Government", "region": "示例市", "source": _SOURCE_ID},
    ],
    "projects": [
        {
            "name": "示例智能制造实训基地",
            "type": "training_base",
            "parties": "示例职业技术学院；示例精密机械有限公司",
            "date": "2024-03",
            "investment": "2000万元",
            "region": "示例高新区",
            "source": _SOURCE_ID,
            "quote": _PROJECT_QUOTE,
        }
    ],
    "agreements": [
        {
            "name": "示例市政校企合作协议",
            "parties": "示例市教育局；示例大学；示例智能装备有限公司",
            "date": "2024-05-08",
            "source": _SOURCE_ID,
            "quote": _AGREEMENT_QUOTE,
        }
    ],
}


def _example_cell(table: str, column: str, value: str, lang: TemplateLang) -> str:
    enum = ENUM_COLUMNS.get((table, column))
    return enum[value][0] if value and enum is not None and lang == "zh" else value


# -- the workbook --------------------------------------------------------------------------------

_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
#: the drop-downs cover the rows below the header, up to the most a sheet holds
_LAST_ROW = 1_048_576

_WORDS: dict[TemplateLang, dict[str, str]] = {
    "zh": {
        "required": "必填",
        "optional": "选填",
        "values": "可选值",
        "key": "英文键",
        "title": "产教融合数据模板 · 填写说明",
        "sheet": "工作表",
        "column": "列",
        "meaning": "含义",
        "required?": "必填",
        "allowed": "可选值 / 单位",
        "yes": "是",
        "bad_value": "不在列表中",
        "bad_value_text": "该值不在下拉列表中；导入时只接受列表中的值（或其文档中的别名）。",
        "other_role_text": "该角色不在下拉列表中；导入时按原文保存（列表中的角色及其文档中的别名存为标准角色）。",
    },
    "en": {
        "required": "required",
        "optional": "optional",
        "values": "values",
        "key": "key",
        "title": "iegraph data template: how to fill it in",
        "sheet": "sheet",
        "column": "column",
        "meaning": "meaning",
        "required?": "required",
        "allowed": "values / unit",
        "yes": "yes",
        "bad_value": "not in the list",
        "bad_value_text": "This value is not in the list; the loader accepts the listed values "
        "and their documented Chinese names.",
        "other_role_text": "This role is not in the list; the loader keeps it as written (listed "
        "roles and their documented Chinese names are stored as the standard role).",
    },
}

#: the guide's last line, about the example rows (left out with ``example=False``)
_EXAMPLE_TEXT: dict[TemplateLang, str] = {
    "zh": "黄色底的行是示例（示例数据，可直接导入查看效果），填写自己的数据前请删除。",
    "en": "Yellow rows are a worked example that loads as it is: delete them before entering your data.",
}

_GUIDE: dict[TemplateLang, tuple[str, ...]] = {
    "zh": (
        "用法：iegraph template -o 模板.xlsx → 在 Excel 中填写 → iegraph load 模板.xlsx --check（只检查）"
        " → iegraph load 模板.xlsx（写入）→ iegraph --lang zh query partners --org 名称 --format xlsx -o 结果.xlsx",
        "每个工作表是一张表，第一行是表头（不要改动）；表头的批注写着该列的英文键、含义与可选值。红色粗体的表头为必填列。",
        "带下拉箭头的列只能填列表中的值（文档中的别名也可，如 高职 写作 专科）。",
        "引用：其他表中的机构、地区、项目等，填它的编号、名称或别名均可（如“参与方”填 示例职业技术学院）。",
        "多个值写在一个单元格里，用“；”或“;”分隔。",
        "来源：每行的“来源”列填“来源”表中的编号；“引文”填来源里支持这一行的句子。",
        "金额必须带单位，如 2000万元、1.2亿元、3000元；若整列只写数字，请把列名改为 投资额(万元)（或 投资额(元)、投资额(亿元)），"
        "或导入时加 --money-unit 万元。数量可带限定词，如 2800余、近120家。",
        "日期写作 2024、2024-03、2024-03-15 或 2024年3月15日。",
        "项目的参与方可直接写在“项目”表的“参与方”列（角色为 partner），也可在“参与”表逐行填写（可写角色与该关系自己的原文）；"
        "同一机构两处都写，只算一条关系，角色以“参与”表为准。",
        "新建的数据库无需先建索引：iegraph load 写入前会自动建好约束和索引（即 iegraph schema apply）。",
        "本说明页导入时会被跳过。",
    ),
    "en": (
        "Workflow: iegraph template -o template.xlsx → fill it in Excel → iegraph load template.xlsx --check"
        " → iegraph load template.xlsx → iegraph query partners --org NAME --format xlsx -o result.xlsx",
        "Each sheet is one table; row 1 is its header (keep it). A header's comment gives the column's key, "
        "meaning and values. Red bold headers are required.",
        "Columns with a drop-down take the listed values.",
        "References to organisations, regions, projects … in other sheets: an id, name or alias.",
        "Several values in one cell are separated by ; .",
        "source: ids from the sources sheet; quote: the source's sentence that states the row.",
        "Money carries its unit (2000万元, 1.2亿元, 3000元); a column of bare numbers is named in its unit "
        "(investment_万元), or load with --money-unit 万元.",
        "Dates: 2024, 2024-03, 2024-03-15 or 2024年3月15日.",
        "A project's parties may be listed in its parties column (role partner) or row by row in "
        "participations (with a role and the link's own quote); a party named in both is one link, "
        "with the participations role.",
        "A new database needs no preparation: iegraph load creates the constraints and indexes "
        "(iegraph schema apply) before it writes.",
        "This sheet is skipped by the loader.",
    ),
}


def _notes_sheet(book: Workbook, lang: TemplateLang, example: bool) -> None:
    """The first sheet: how to fill the template, then every sheet's columns."""
    words = _WORDS[lang]
    side = 0 if lang == "zh" else 1
    sheet = book.create_sheet(NOTES_SHEET[lang], 0)
    sheet.append([words["title"]])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (*_GUIDE[lang], *([_EXAMPLE_TEXT[lang]] if example else [])):
        sheet.append([line])
    sheet.append([])
    head = [
        words["sheet"],
        words["column"],
        words["key"],
        words["meaning"],
        words["required?"],
        words["allowed"],
    ]
    sheet.append(head)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for table in TABLE_ORDER:
        name = sheet_name(table, lang)
        sheet.append([name, "", "", TABLE_HELP[table][side]])
        sheet.cell(sheet.max_row, 1).font = _HEADER_FONT
        for col in template_columns(table, lang):
            sheet.append(
                [
                    name,
                    col.header,
                    col.key,
                    col.help,
                    words["yes"] if col.required else "",
                    "、".join(col.choices) if col.choices and lang == "zh" else ", ".join(col.choices or ()),
                ]
            )
        _allowed, _required, prefixes = _columns(table)
        for prefix in prefixes:
            if prefix in _PREFIX_HELP:
                sheet.append([name, f"{prefix}<key>", f"{prefix}<key>", _PREFIX_HELP[prefix][side]])
    for letter, width in zip("ABCDEF", (12, 16, 18, 70, 8, 40), strict=True):
        sheet.column_dimensions[letter].width = width


def _header_comment(col: TemplateColumn, lang: TemplateLang) -> Comment:
    words = _WORDS[lang]
    lines = [f"{words['key']}: {col.key}", col.help, words["required"] if col.required else words["optional"]]
    if col.choices:
        lines.append(f"{words['values']}: " + ("、" if lang == "zh" else ", ").join(col.choices))
    comment = Comment("\n".join(lines), "iegraph")
    comment.width, comment.height = 260, 140
    return comment


def _table_sheet(book: Workbook, table: str, lang: TemplateLang, example: bool) -> None:
    """One table's sheet: the header with comments and marks, drop-downs, the example rows."""
    words = _WORDS[lang]
    sheet: Worksheet = book.create_sheet(sheet_name(table, lang))
    columns = template_columns(table, lang)
    sheet.append([c.header for c in columns])
    for i, col in enumerate(columns, start=1):
        cell = sheet.cell(1, i)
        cell.font = _REQUIRED_FONT if col.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.comment = _header_comment(col, lang)
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = max(10, min(40, 2 * len(col.header) + 4))
        if col.choices:
            # the list is the formula's quoted text; Excel caps it at 255 characters
            listed = ",".join(col.choices)
            assert len(listed) <= 255 and "," not in "".join(col.choices), listed
            check = DataValidation(
                type="list",
                formula1=f'"{listed}"',
                allow_blank=True,
                showErrorMessage=True,
                # a documented alias (专科 for 高职) loads too: warn, do not refuse
                errorStyle="warning",
                errorTitle=words["bad_value"],
                error=words["other_role_text" if (table, col.key) in _OPEN_COLUMNS else "bad_value_text"],
            )
            check.add(f"{letter}2:{letter}{_LAST_ROW}")
            sheet.add_data_validation(check)
    if example:
        for row in EXAMPLE.get(table, []):
            unknown = set(row) - {c.key for c in columns}
            assert not unknown, (table, unknown)
            sheet.append([_example_cell(table, c.key, row.get(c.key, ""), lang) for c in columns])
            for cell in sheet[sheet.max_row]:
                cell.fill = _EXAMPLE_FILL
    sheet.freeze_panes = "A2"


def build_template(lang: TemplateLang = "zh", example: bool = True) -> Workbook:
    """The template workbook: the notes sheet, then one sheet per table in load order;
    ``example``: with the worked example's rows (else headers only)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]  # the default empty sheet
    for table in TABLE_ORDER:
        _table_sheet(book, table, lang, example)
    _notes_sheet(book, lang, example)
    book.active = 0
    return book


def write_template(path: Path, lang: TemplateLang = "zh", example: bool = True, force: bool = False) -> None:
    """Write the template to ``path``; an existing file is refused (InputError) unless
    ``force``: a filled-in workbook must not be replaced by a blank one."""
    if path.exists() and not force:
        raise InputError(f"{path} exists; pass --force to overwrite it")
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path}: the template is an .xlsx workbook (name it e.g. 模板.xlsx)")
    try:
        build_template(lang, example).save(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
