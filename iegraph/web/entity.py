"""Entity pages: ``/entity/<id>`` for every kind of node of the graph.

One handler serves every label: it asks the library (``iegraph.queries.profile``,
``partners``/``depth`` and ``evidence``) for the entity's card, its capped
neighbourhood and, by label, its partners (organisations), reported composition
(consortia), amounts (projects, programmes, events …) or supported facts and
highlighted text (sources), and renders ``entity_page.html``. No Cypher here.

Chinese labels first: kinds, bases, project types and levels come from
``iegraph.i18n`` (through ``templating.t``); the words only these pages use —
section headings, roles, depth classes, relationship types — are in the tables below.
An unknown id is a 404 page in Chinese and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from iegraph.errors import InputError, NotFoundError
from iegraph.quantities import Quantity
from iegraph.queries.evidence import EvidenceRow, evidence
from iegraph.queries.partners import CO_LEAD_KIND, CO_PRESENCE, DEEP, SIGNATURE_ONLY, WORKING
from iegraph.queries.profile import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Card,
    Segment,
    amount_props,
    amounts,
    clamp_limit,
    find_entity,
    highlight,
    partner_panel,
    sections,
    source_facts,
    source_text,
)
from iegraph.schema.model import Label, Rel
from iegraph.web.state import state_of
from iegraph.web.templating import render, t, view_url
from iegraph.web.viewpages import raw_url

#: Section headings (profile.SECTIONS keys): Chinese, English.
SECTION_ZH: dict[str, tuple[str, str]] = {
    "consortia": ("联合体", "Consortia"),
    "projects": ("项目", "Projects"),
    "programs": ("计划", "Programmes"),
    "agreements": ("协议", "Agreements"),
    "events": ("活动", "Events"),
    "people": ("人物", "People"),
    "approved": ("批准的项目", "Projects it approved"),
    "approved_consortia": ("批准的联合体", "Consortia it approved"),
    "policies": ("发布的政策", "Policies issued"),
    "parent_org": ("上级机构", "Part of"),
    "units": ("下属单位", "Units"),
    "regions": ("地区", "Regions"),
    "industries": ("产业", "Industries"),
    "members": ("牵头单位与成员", "Leads and members"),
    "approved_by": ("批准单位", "Approved by"),
    "parties": ("参与方", "Parties"),
    "part_of": ("所属联合体", "Part of consortium"),
    "part_of_program": ("所属计划", "Part of programme"),
    "signed_at": ("签约活动", "Signed at"),
    "signatories": ("签约方", "Signatories"),
    "owners": ("负责单位", "Owners"),
    "attendees": ("参与机构", "Organisations taking part"),
    "signed_projects": ("在此签约的项目", "Projects signed here"),
    "signed_agreements": ("在此签署的协议", "Agreements signed here"),
    "issuers": ("发布单位", "Issued by"),
    "parent_region": ("上级地区", "Part of region"),
    "subregions": ("下辖地区", "Sub-regions"),
    "organizations": ("机构", "Organisations"),
    "parent_industry": ("上级产业", "Part of industry"),
    "subindustries": ("细分产业", "Sub-industries"),
    "positions": ("任职", "Positions"),
}

#: Roles on MEMBER_OF / PARTICIPATES_IN / ATTENDED, in Chinese.
ROLE_ZH: dict[str, str] = {
    "lead": "牵头单位",
    "member": "成员单位",
    "council": "理事单位",
    "partner": "合作方",
    "builder": "共建方",
    "owner": "负责单位",
    "organiser": "主办",
    "host": "承办",
    "attendee": "参会",
    "speaker": "发言",
}

#: Depth classes of the ``depth`` question (合而不融), in Chinese.
DEPTH_ZH: dict[str, str] = {
    DEEP: "深度合作",
    WORKING: "实际合作",
    SIGNATURE_ONLY: "合而不融（仅签约）",
    CO_PRESENCE: "同场共现（非合作）",
}

#: Kinds of shared activity in the partners question's ``through``.
VIA_ZH: dict[str, str] = {
    "project": "项目",
    "program": "计划",
    "agreement": "协议",
    "consortium": "联合体",
    CO_LEAD_KIND: "联合体（共同牵头）",
    "event": "活动",
}

#: Relationship types as a reader says them.
REL_ZH: dict[str, str] = {
    Rel.PARTICIPATES_IN.value: "参与",
    Rel.MEMBER_OF.value: "成员",
    Rel.SIGNED.value: "签署",
    Rel.ATTENDED.value: "参加",
    Rel.ISSUED.value: "发布",
    Rel.APPROVED.value: "批准",
    Rel.LOCATED_IN.value: "位于",
    Rel.IN_INDUSTRY.value: "属于产业",
    Rel.PART_OF.value: "隶属",
    Rel.HOLDS_POSITION.value: "任职",
    Rel.SIGNED_AT.value: "签约于",
    Rel.REPORTED_IN.value: "见于",
}

#: Names of a node's plain properties on its card.
PROP_ZH: dict[str, str] = {
    "kind": "类型",
    "level": "层次",
    "type": "项目类型",
    "category": "类别",
    "status": "状态",
    "date": "日期",
    "founded": "成立",
    "ownership": "所有制",
    "designations": "称号",
    "uscc": "统一社会信用代码",
    "moe_code": "学校标识码",
    "anchor_park": "依托园区",
    "reported_as_of": "报道数字截至",
    "place": "地点",
    "doc_number": "文号",
    "publisher": "发布者",
    "author": "作者",
    "url": "网址",
    "language": "语言",
    "title": "标题",
    "file": "存档文本",
    "note": "备注",
    "unnamed": "未具名",
}

#: Names of amounts (base names without the family prefix) and families.
AMOUNT_ZH: dict[str, str] = {
    "investment": "投资额",
    "signatory_count": "签约单位数",
    "output_": "成果：",
    "target_": "目标：",
    "attendee_count_": "参加人数：",
    "reported_": "报道构成：",
    "trainees": "培训",
    "internship_places": "实习岗位",
    "results": "成果数",
    "total": "总数",
    "government": "政府部门",
    "college": "院校",
    "undergraduate": "本科院校",
    "higher_vocational": "高职院校",
    "secondary_vocational": "中职学校",
    "research_institute": "科研院所",
    "enterprise": "企业",
    "association": "协会",
    "other": "其他",
}

#: Consortium kinds.
CONSORTIUM_KIND_ZH: dict[str, str] = {
    "city_consortium": "市域产教联合体",
    "industry_community": "行业产教融合共同体",
    "vocational_group": "职教集团",
}

#: How many evidence rows the panel shows (the evidence question lists all; the page links to it).
EVIDENCE_SHOWN = 200


def role_zh(role: str | None) -> str:
    """A role (or a position's title) as the page shows it."""
    if not role:
        return ""
    return ROLE_ZH.get(role, role)


def amount_name(base: str) -> str:
    """``output_trainees`` -> 成果：培训 (the key itself when it has no Chinese name)."""
    for prefix in ("output_", "target_", "attendee_count_", "reported_"):
        if base.startswith(prefix):
            key = base[len(prefix) :]
            return AMOUNT_ZH[prefix] + AMOUNT_ZH.get(key, key)
    return AMOUNT_ZH.get(base, base)


def statement_zh(statement: str) -> str:
    """An evidence statement (``-[SIGNED]-> X``) with the relationship type in Chinese."""
    for rel, zh in REL_ZH.items():
        for arrow in (f"-[{rel}]->", f"<-[{rel}]-"):
            if statement.startswith(arrow):
                side = "→" if arrow.endswith(">") else "←"
                return f"{side} {zh}{statement[len(arrow) :]}"
    return statement


def kind_zh(kind: str | None) -> str:
    """A node kind: organisation kinds and labels from i18n, consortium kinds here."""
    if not kind:
        return ""
    return CONSORTIUM_KIND_ZH.get(kind) or t(kind, "kind")


def marked_text(segments: list[Segment]) -> Markup:
    """The article's text with each quoted segment in a ``<mark>``: every segment is
    escaped first, then wrapped, so no text of the article ever becomes markup."""
    parts = []
    for seg in segments:
        text = escape(seg.text)
        if seg.facts:
            numbers = " ".join(str(n) for n in seg.facts)
            parts.append(Markup('<mark data-facts="{0}" title="事实 {0}">{1}</mark>').format(numbers, text))
        else:
            parts.append(text)
    return Markup("").join(parts)


@dataclass(slots=True)
class Figure:
    """One amount on a card: its name and the quantity as the source writes it."""

    name: str
    quantity: Quantity


def _limit(request: Request) -> int:
    raw = request.query_params.get("limit")
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"limit 应为正整数 / limit must be a positive integer, not {raw!r}") from None
    if value < 1:
        raise InputError(f"limit 应为正整数 / limit must be a positive integer, not {value}")
    return clamp_limit(value)


def safe_url(value: Any) -> str | None:
    """A source's URL when it is an http(s) address, else None: a ``javascript:`` or
    ``data:`` value from the graph must never become a link, only text."""
    if not isinstance(value, str):
        return None
    scheme = urlsplit(value.strip()).scheme.lower()
    return value.strip() if scheme in ("http", "https") else None


@dataclass(slots=True)
class ViewLink:
    """The network view of an entity: its page, the frame's source, its heading."""

    page: str
    raw: str
    title: str


def view_of(card: Card) -> ViewLink | None:
    """The existing view that shows the entity (the ego network of an organisation, a
    consortium's or a region's view), or None for kinds without one."""
    if card.label == Label.ORGANIZATION.value:
        kind, params, title = "ego", {"org": card.id}, "合作网络 · ego network"
    elif card.label == Label.CONSORTIUM.value:
        kind, params, title = "consortium", {"name": card.id}, "联合体成员与项目 · consortium view"
    elif card.label == Label.REGION.value:
        kind, params, title = "region", {"name": card.id}, "地区网络 · region view"
    else:
        return None
    return ViewLink(view_url(kind, **params), raw_url(kind, **params), title)


def _plain_props(card: Card) -> list[tuple[str, Any]]:
    """The card's properties other than amounts and internal ones, in PROP_ZH order first."""
    skip = amount_props(card.props) | {
        k for k in card.props if k.endswith(("_quote", "_inferred_reason", "_id"))
    }
    keys = [k for k in PROP_ZH if k in card.props and k not in skip]
    keys += sorted(k for k in card.props if k not in PROP_ZH and k not in skip)
    return [(k, card.props[k]) for k in keys]


def entity_page(request: Request) -> Response:
    """``/entity/<id>``: the page of any node of the graph (404 for an unknown id)."""
    entity_id = request.path_params["entity_id"]
    graph = state_of(request).graph
    limit = _limit(request)
    card = find_entity(graph, entity_id)
    if card is None:
        raise NotFoundError(
            f"图谱中没有编号为 {entity_id} 的实体。 / No entity with id {entity_id!r} in the graph."
        )
    context: dict[str, Any] = {
        "card": card,
        "limit": limit,
        "more_limit": min(limit * 4, MAX_LIMIT),
        "max_limit": MAX_LIMIT,
        "props": _plain_props(card),
        "figures": [Figure(amount_name(k), q) for k, q in amounts(card.props).items()],
        "sections": sections(graph, card, limit),
        "view": view_of(card),
        "source_url": safe_url(card.props.get("url")),
        "panel": None,
        "facts": None,
        "segments": None,
        "missing": [],
        "evidence": [],
        "evidence_more": False,
    }
    if card.label == Label.ORGANIZATION.value:
        context["panel"] = partner_panel(graph, card.id, limit)
    if card.label == Label.SOURCE.value:
        facts = source_facts(graph, card.id, limit)
        context["facts"] = facts
        text = source_text(card.props.get("file"))
        if text is not None:
            quoted = [*facts.nodes, *facts.relations]
            context["segments"], context["missing"] = highlight(text, [f.quote for f in quoted])
    else:
        rows: list[EvidenceRow] = evidence(graph, card.id)
        context["evidence"] = rows[:EVIDENCE_SHOWN]
        context["evidence_more"] = len(rows) > EVIDENCE_SHOWN
    return render(
        request,
        "entity_page.html",
        section_zh=SECTION_ZH,
        depth_zh=DEPTH_ZH,
        via_zh=VIA_ZH,
        prop_zh=PROP_ZH,
        role_zh=role_zh,
        kind_zh=kind_zh,
        statement_zh=statement_zh,
        marked_text=marked_text,
        **context,
    )


ROUTES: list[Route] = [Route("/entity/{entity_id:path}", entity_page, name="entity")]
