"""Chinese output (``iegraph --lang zh`` / ``IEGRAPH_LANG=zh``): column headers and
enumeration values in Chinese for people reading tables, CSV and xlsx.

JSON stays English, keys and values: it is the stable contract programs read. The
Chinese names of the input enumerations come from the one table in
``iegraph.schema.names_zh`` (the first name of each value is the one shown), so what a
table prints is a name the loader accepts back. Columns and values without a Chinese
name here are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from iegraph.queries._base import BASIS_CO_PRESENCE, BASIS_WORKING, CARRIER_KIND
from iegraph.queries.gaps import GAP_INDUSTRY, GAP_MET_ONLY, GAP_WITHOUT
from iegraph.queries.partners import CO_LEAD_KIND, CO_PRESENCE, DEEP, SIGNATURE_ONLY, WORKING
from iegraph.schema.model import Label, Rel
from iegraph.schema.names_zh import (
    AMOUNT_KEY_ZH,
    AMOUNT_PREFIX_ZH,
    COLLEGE_LEVEL_ZH,
    ORG_KIND_ZH,
    PROJECT_TYPE_ZH,
    ROLES_ZH,
)

LANGS = ("en", "zh")

#: Result column -> Chinese header (the columns of the named questions and commands).
HEADERS_ZH: dict[str, str] = {
    "name": "名称",
    "id": "编号",
    "kind": "类型",
    "type": "项目类型",
    # the depth question's kinds of shared activity (project, agreement …), not project types
    "types": "合作形式",
    "depth": "深度",
    "section": "部分",
    "reported": "报道数",
    "enumerated": "列出数",
    "level": "层次",
    "region": "地区",
    "org": "机构",
    "org_id": "机构编号",
    "partner": "合作方",
    "partner_id": "合作方编号",
    "partners": "合作方",
    "project": "项目",
    "project_id": "项目编号",
    "parties": "参与方",
    "party_ids": "参与方编号",
    "investment": "投资额",
    "outputs": "成果",
    "date": "日期",
    "first_date": "最早日期",
    "last_date": "最近日期",
    "span_years": "跨度（年）",
    "sources": "来源",
    "source": "来源",
    "source_id": "来源编号",
    "n_sources": "来源数",
    "basis": "合作依据",
    "gap": "缺口",
    "count": "数量",
    "degree": "度数",
    "betweenness": "中介中心性",
    "score": "得分",
    "role": "角色",
    "industries": "产业",
    "agreements": "协议",
    "joint_projects": "共同项目",
    "college_partners": "院校合作方",
    "enterprise_partners": "企业合作方",
    "common_partners": "共同合作方",
    "candidate": "候选方",
    "reasons": "理由",
    "quote": "原文",
    "status": "状态",
    "statement": "陈述",
    "inferred": "推断",
    "category": "类别",
    "detail": "详情",
    "scope": "范围",
    "path": "路径",
    "hops": "跳数",
    "from_org": "起点机构",
    "to_org": "终点机构",
    "through": "经由",
    "what": "内容",
    "item": "条目",
    "coverage": "覆盖",
    "step": "步骤",
    # iegraph extract --evaluate
    "article": "文章",
    "org_p": "机构精确率",
    "org_r": "机构召回率",
    "org_f1": "机构F1",
    "pair_p": "合作对精确率",
    "pair_r": "合作对召回率",
    "pair_f1": "合作对F1",
    "people_f1": "人物F1",
    "gold_orgs": "标注机构数",
    "gold_pairs": "标注合作对数",
}

#: Labels of the model that name a node's kind (organisation kinds come from names_zh).
_LABEL_ZH: dict[str, str] = {
    Label.ORGANIZATION.value: "机构",
    Label.CONSORTIUM.value: "联合体",
    Label.PROJECT.value: "项目",
    Label.AGREEMENT.value: "协议",
    Label.EVENT.value: "活动",
    Label.PROGRAM.value: "计划",
    Label.POLICY.value: "政策",
    Label.INDUSTRY.value: "产业",
    Label.REGION.value: "地区",
    Label.PERSON.value: "人物",
    Label.SOURCE.value: "来源",
}

_GAPS_ZH: dict[str, str] = {
    GAP_WITHOUT[Label.ENTERPRISE]: "企业无院校合作方",
    GAP_WITHOUT[Label.COLLEGE]: "院校无企业合作方",
    GAP_MET_ONLY[Label.ENTERPRISE]: "企业仅在活动或联合体中与院校同场",
    GAP_MET_ONLY[Label.COLLEGE]: "院校仅在活动或联合体中与企业同场",
    GAP_INDUSTRY: "产业无项目",
}


def _first(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {str(en): names[0] for en, names in table.items()}


_KINDS_ZH = {**_LABEL_ZH, **_first(ORG_KIND_ZH)}
_TYPES_ZH = _first(PROJECT_TYPE_ZH)

#: Roles on relationships: the first Chinese name of each in names_zh (which the loader
#: takes back); a role without one is shown as stored (roles are an open set).
_ROLES_ZH: dict[str, str] = {en: zh for table in ROLES_ZH.values() for en, zh in _first(table).items()}

#: Relationship types in Chinese (the views' legends, edge labels and tooltips).
REL_ZH: dict[str, str] = {
    Rel.PARTICIPATES_IN.value: "参与",
    Rel.MEMBER_OF.value: "成员",
    Rel.SIGNED.value: "签约",
    Rel.ATTENDED.value: "出席",
    Rel.ISSUED.value: "发布",
    Rel.APPROVED.value: "批准",
    Rel.LOCATED_IN.value: "位于",
    Rel.IN_INDUSTRY.value: "产业",
    Rel.PART_OF.value: "隶属",
    Rel.HOLDS_POSITION.value: "任职",
    Rel.SIGNED_AT.value: "签于",
    Rel.REPORTED_IN.value: "来源",
}

#: Result column -> its enumeration's Chinese names (value -> name).
VALUES_ZH: dict[str, dict[str, str]] = {
    "kind": _KINDS_ZH,
    "type": _TYPES_ZH,
    "types": {
        **{kind: _LABEL_ZH[label] for label, kind in CARRIER_KIND.items()},
        CO_LEAD_KIND: "联合体（共同牵头）",
    },
    "depth": {
        DEEP: "深度合作",
        WORKING: "实际合作",
        SIGNATURE_ONLY: "合而不融（仅签约）",
        CO_PRESENCE: "同场共现",
    },
    "level": _first(COLLEGE_LEVEL_ZH),
    "basis": {BASIS_WORKING: "实际合作", BASIS_CO_PRESENCE: "同场共现"},
    "gap": _GAPS_ZH,
    "role": _ROLES_ZH,
}

#: The words of the network views (``iegraph viz``): key -> (English, Chinese). Kinds,
#: relationship types, basis and field names come from the tables above; ``{name}``
#: placeholders are filled by ``view_text`` (data-derived values, put in the page as
#: text only).
VIEW_TEXT: dict[str, tuple[str, str]] = {
    # titles and subjects of the standard views
    "ego.title": ("{name} — ego network", "{name} 合作网络"),
    "ego.subject": ("{name} and its partners within {hops}", "{name} 及其 {hops}内的合作方"),
    "hops.1": ("1 hop", "1 跳"),
    "hops.2": ("2 hops", "2 跳"),
    "consortium.title": ("{name} — consortium", "{name} — 联合体成员与项目"),
    "consortium.subject": ("{name}: leads, members and their projects", "{name}：牵头单位、成员及其项目"),
    "region.title": ("{name} — region network", "{name} 产教融合网络"),
    "region.subject": (
        "Organisations of {name} and their collaborations (partners elsewhere included)",
        "{name} 的机构及其合作（含外地合作方）",
    ),
    "projects.title": ("organisation–project network{scope}", "项目网络{scope}"),
    "projects.subject": ("Projects{scope} and the organisations taking part", "项目{scope}及参与机构"),
    "scope": (" ({parts})", "（{parts}）"),
    "scope.sep": (", ", "，"),
    "scope.type": ("type {value}", "项目类型 {value}"),
    "scope.industry": ("industry {value}", "产业 {value}"),
    "overview.title": ("overview of the industry–education graph", "产教融合知识图谱总览"),
    "overview.subject": (
        "The whole graph (sources, regions and industries shown in tooltips)",
        "全图（来源、地区和产业见提示框）",
    ),
    "query.title": ("subgraph of question {name}", "问题 {name} 的子图"),
    "query.subject": (
        "Entities in the {rows} answer rows of `{name}`{params}",
        "问题 {name} 的 {rows} 行答案中的实体{params}",
    ),
    # caption, summary, groups
    "caption.counts": ("{nodes} nodes · {edges} edges", "{nodes} 个节点 · {edges} 条关系"),
    "caption.drawn": (" (drawn as {groups} groups, {links} links)", "（绘为 {groups} 组、{links} 条连线）"),
    "caption.data": ("data up to {date}", "资料截至 {date}"),
    "caption.unknown_date": ("unknown date", "日期不详"),
    "caption.generated": ("generated {date}", "生成于 {date}"),
    "caption.colon": (": ", "："),
    "summary": (
        "Summarised: {nodes} nodes and {edges} edges exceed the {cap}-node cap, so they are collapsed "
        "into {groups} groups by kind and region (node label: kind · region (count)); edges are counted "
        "per pair of groups and type.",
        "汇总视图：{nodes} 个节点和 {edges} 条关系超过 {cap} 个节点的上限，已按类型和地区汇总为 {groups} 组"
        "（节点标签：类型 · 地区（数量））；连线按组对和关系类型计数。",
    ),
    "summary.db": (
        "Summarised in the database: {nodes} nodes exceed the {cap}-node cap, so they are counted in "
        "{groups} groups by kind and region (projects without a region: by industry; node label: "
        "kind · region (count)){merged}; the {ties} strongest links between groups are drawn, each "
        "counting the relationships of one type between two groups (co-presence ties only when asked for).",
        "数据库内汇总视图：{nodes} 个节点超过 {cap} 个节点的上限，已按类型和地区（无地区的项目按产业）计数为 "
        "{groups} 组（节点标签：类型 · 地区（数量））{merged}；只绘出组间最强的 {ties} 条连线，每条计数两组之间"
        "同一类型的关系（同场关系仅在要求时计入）。",
    ),
    "summary.stored": (
        " Counted once after the last load ({date}); a load of new data counts again.",
        "汇总于最近一次导入之后（{date}）；导入新数据后重新汇总。",
    ),
    "summary.merged": (
        ", the {count} smallest merged into one group per kind",
        "，最小的 {count} 组按类型合并",
    ),
    "summary.region": (
        "Summarised: this region has {total} organisations, more than the cap of {cap}; the {cap} with "
        "the most working ties are drawn with the activities they share, the other {rest} are counted "
        "in {groups} groups by kind and region.",
        "汇总视图：该地区有 {total} 个机构，超过 {cap} 个的上限；绘出实际合作关系最多的 {cap} 个机构及其"
        "共同活动，其余 {rest} 个按类型和地区计数为 {groups} 组。",
    ),
    "group.kind": ("summary group", "汇总组"),
    "group.detail": ("summary group of {count}", "汇总组，共 {count} 个"),
    "group.no_region": ("region unknown", "地区未知"),
    # the page: toolbar, legend, tooltips, messages
    "page.find": ("Find", "查找"),
    "page.placeholder": ("name or alias", "名称或别名"),
    "page.focus": ("Focus", "定位"),
    "page.reset": ("Reset", "全部显示"),
    "page.kinds": ("Kinds", "类型"),
    "page.rels": ("Relationships", "关系"),
    "page.dashed": (
        "dashed: same consortium (not both leads) or same event, no joint work",
        "虚线：同一联合体（并非共同牵头）或同一活动，无共同合作",
    ),
    "page.hidden": (
        "working ties only: {n} co-presence ties (plain consortium membership, events) not drawn; "
        "--with-co-presence draws them dashed",
        "只画实际合作：{n} 条同场共现关系（普通联合体成员、活动）未画出；--with-co-presence 以虚线画出",
    ),
    "page.co_presence_only": ("co-presence only", "仅同场共现"),
    "page.aka": ("aka", "别名"),
    "page.not_found": ("not found", "未找到"),
}


def view_text(key: str, lang: str, **values: object) -> str:
    """The views' words ``key`` in ``lang`` ("en" or "zh"), placeholders filled."""
    en, zh = VIEW_TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def value_zh(column: str, value: Any) -> Any:
    """``value`` of result column ``column`` with its Chinese name, if its enumeration has one."""
    table = VALUES_ZH.get(column)
    return _value(table, value) if table is not None else value


#: Result columns holding a mapping of keyed amounts (a project's outputs) -> their field.
_KEYED_COLUMNS = frozenset(AMOUNT_KEY_ZH)


def _keyed(fld: str, value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_key_zh(fld, k) if isinstance(k, str) else k: v for k, v in value.items()}
    return value


def _value(table: Mapping[str, str], value: Any) -> Any:
    if isinstance(value, str):
        return table.get(value, value)
    if isinstance(value, list):
        return [table.get(v, v) if isinstance(v, str) else v for v in value]
    return value


#: Column prefix of a keyed amount -> its fact-sheet field (tables' prefixes, and the
#: graph's ``reported_`` for a consortium's composition).
_PREFIX_FIELD: dict[str, str] = {
    **{prefix: fld for fld, (prefix, _names) in AMOUNT_PREFIX_ZH.items()},
    "reported_": "composition",
}


def _key_zh(fld: str, key: str) -> str:
    names = AMOUNT_KEY_ZH.get(fld, {}).get(key)
    return names[0] if names else key


def header_zh(column: str) -> str:
    """The Chinese header of a result column (the column itself when it has none); a
    keyed amount's column as the tables accept it back (``output_trainees`` -> 产出_培训人次)."""
    zh = HEADERS_ZH.get(column)
    if zh is not None:
        return zh
    for prefix, fld in _PREFIX_FIELD.items():
        if column.startswith(prefix) and len(column) > len(prefix):
            return AMOUNT_PREFIX_ZH[fld][1][0] + _key_zh(fld, column[len(prefix) :])
    return column


def translate_rows(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and column order with Chinese headers and enumeration values. A column whose
    Chinese header another column already took keeps its English name (no two alike)."""
    names: dict[str, str] = {}
    for col in columns:
        zh = header_zh(col)
        names[col] = zh if zh not in names.values() else col
    out = [
        {
            names.get(k, k): _value(VALUES_ZH[k], v)
            if k in VALUES_ZH
            else _keyed(k, v)
            if k in _KEYED_COLUMNS
            else v
            for k, v in row.items()
        }
        for row in rows
    ]
    return out, [names[c] for c in columns]
