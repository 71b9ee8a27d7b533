"""How each kind of node and each relationship type looks, with its legend text.

Colours are from the Tableau/D3 category palettes (distinguishable, print-safe);
shapes are the vis-network shapes whose size scales (dot, square, diamond, ...),
so that a node's size can encode its degree.
"""

from __future__ import annotations

from dataclasses import dataclass

from iegraph.schema.model import Label, Rel
from iegraph.viz.graphdata import GROUP_KIND


@dataclass(frozen=True)
class KindStyle:
    """Colour, vis-network shape and legend words of one node kind."""

    color: str
    shape: str
    zh: str
    en: str


@dataclass(frozen=True)
class RelStyle:
    """Colour and legend/edge-label words of one relationship type."""

    color: str
    zh: str
    en: str


KIND_STYLES: dict[str, KindStyle] = {
    Label.GOVERNMENT.value: KindStyle("#d62728", "diamond", "政府", "government"),
    Label.COLLEGE.value: KindStyle("#1f77b4", "dot", "院校", "college"),
    Label.ENTERPRISE.value: KindStyle("#ff7f0e", "square", "企业", "enterprise"),
    Label.RESEARCH_INSTITUTE.value: KindStyle("#9467bd", "triangle", "科研院所", "research institute"),
    Label.ASSOCIATION.value: KindStyle("#8c564b", "triangleDown", "行业协会", "association"),
    Label.OTHER_ORGANIZATION.value: KindStyle("#7f7f7f", "dot", "其他机构", "other organisation"),
    Label.CONSORTIUM.value: KindStyle("#2ca02c", "hexagon", "联合体", "consortium"),
    Label.PROJECT.value: KindStyle("#17becf", "star", "项目", "project"),
    Label.AGREEMENT.value: KindStyle("#bcbd22", "triangle", "协议", "agreement"),
    Label.EVENT.value: KindStyle("#e377c2", "diamond", "活动", "event"),
    Label.PROGRAM.value: KindStyle("#98df8a", "hexagon", "计划", "programme"),
    Label.POLICY.value: KindStyle("#aec7e8", "square", "政策", "policy"),
    Label.INDUSTRY.value: KindStyle("#ffbb78", "triangleDown", "产业", "industry"),
    Label.REGION.value: KindStyle("#c5b0d5", "dot", "地区", "region"),
    Label.PERSON.value: KindStyle("#f7b6d2", "dot", "人物", "person"),
    GROUP_KIND: KindStyle("#393b79", "hexagon", "汇总组", "summary group"),
}

REL_STYLES: dict[str, RelStyle] = {
    Rel.PARTICIPATES_IN.value: RelStyle("#17becf", "参与", "participates in"),
    Rel.MEMBER_OF.value: RelStyle("#2ca02c", "成员", "member of"),
    Rel.SIGNED.value: RelStyle("#bcbd22", "签约", "signed"),
    Rel.ATTENDED.value: RelStyle("#e377c2", "出席", "attended"),
    Rel.ISSUED.value: RelStyle("#aec7e8", "发布", "issued"),
    Rel.APPROVED.value: RelStyle("#d62728", "批准", "approved"),
    Rel.LOCATED_IN.value: RelStyle("#c5b0d5", "位于", "located in"),
    Rel.IN_INDUSTRY.value: RelStyle("#ffbb78", "产业", "in industry"),
    Rel.PART_OF.value: RelStyle("#8c6d31", "隶属", "part of"),
    Rel.HOLDS_POSITION.value: RelStyle("#f7b6d2", "任职", "holds position"),
    Rel.SIGNED_AT.value: RelStyle("#7b4173", "签于", "signed at"),
    Rel.REPORTED_IN.value: RelStyle("#bbbbbb", "来源", "reported in"),
}

_FALLBACK_KIND = KIND_STYLES[Label.OTHER_ORGANIZATION.value]
_FALLBACK_REL = RelStyle("#999999", "关系", "related")


def kind_style(kind: str) -> KindStyle:
    """Style of a node kind (unknown kinds look like 'other organisation')."""
    return KIND_STYLES.get(kind, _FALLBACK_KIND)


def rel_style(rel_type: str) -> RelStyle:
    """Style of a relationship type."""
    return REL_STYLES.get(rel_type, _FALLBACK_REL)
