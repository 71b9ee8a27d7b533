"""How each kind of node and each relationship type looks, with its legend text.

The English words are here; the Chinese ones come from ``iegraph.i18n`` (the one table
of Chinese names the tables and CSV use too), picked by ``kind_name`` / ``rel_name``.

Colours are from the Tableau/D3 category palettes (distinguishable, print-safe);
shapes are the vis-network shapes whose size scales (dot, square, diamond, ...),
so that a node's size can encode its degree.
"""

from __future__ import annotations

from dataclasses import dataclass

from iegraph.i18n import REL_ZH, VALUES_ZH, view_text
from iegraph.schema.model import Label, Rel
from iegraph.viz.graphdata import GROUP_KIND


@dataclass(frozen=True)
class KindStyle:
    """Colour, vis-network shape and English legend word of one node kind."""

    color: str
    shape: str
    en: str


@dataclass(frozen=True)
class RelStyle:
    """Colour and English legend/edge-label words of one relationship type."""

    color: str
    en: str


KIND_STYLES: dict[str, KindStyle] = {
    Label.GOVERNMENT.value: KindStyle("#d62728", "diamond", "government"),
    Label.COLLEGE.value: KindStyle("#1f77b4", "dot", "college"),
    Label.ENTERPRISE.value: KindStyle("#ff7f0e", "square", "enterprise"),
    Label.RESEARCH_INSTITUTE.value: KindStyle("#9467bd", "triangle", "research institute"),
    Label.ASSOCIATION.value: KindStyle("#8c564b", "triangleDown", "association"),
    Label.OTHER_ORGANIZATION.value: KindStyle("#7f7f7f", "dot", "other organisation"),
    Label.CONSORTIUM.value: KindStyle("#2ca02c", "hexagon", "consortium"),
    Label.PROJECT.value: KindStyle("#17becf", "star", "project"),
    Label.AGREEMENT.value: KindStyle("#bcbd22", "triangle", "agreement"),
    Label.EVENT.value: KindStyle("#e377c2", "diamond", "event"),
    Label.PROGRAM.value: KindStyle("#98df8a", "hexagon", "programme"),
    Label.POLICY.value: KindStyle("#aec7e8", "square", "policy"),
    Label.INDUSTRY.value: KindStyle("#ffbb78", "triangleDown", "industry"),
    Label.REGION.value: KindStyle("#c5b0d5", "dot", "region"),
    Label.PERSON.value: KindStyle("#f7b6d2", "dot", "person"),
    GROUP_KIND: KindStyle("#393b79", "hexagon", "summary group"),
}

REL_STYLES: dict[str, RelStyle] = {
    Rel.PARTICIPATES_IN.value: RelStyle("#17becf", "participates in"),
    Rel.MEMBER_OF.value: RelStyle("#2ca02c", "member of"),
    Rel.SIGNED.value: RelStyle("#bcbd22", "signed"),
    Rel.ATTENDED.value: RelStyle("#e377c2", "attended"),
    Rel.ISSUED.value: RelStyle("#aec7e8", "issued"),
    Rel.APPROVED.value: RelStyle("#d62728", "approved"),
    Rel.LOCATED_IN.value: RelStyle("#c5b0d5", "located in"),
    Rel.IN_INDUSTRY.value: RelStyle("#ffbb78", "in industry"),
    Rel.PART_OF.value: RelStyle("#8c6d31", "part of"),
    Rel.HOLDS_POSITION.value: RelStyle("#f7b6d2", "holds position"),
    Rel.SIGNED_AT.value: RelStyle("#7b4173", "signed at"),
    Rel.REPORTED_IN.value: RelStyle("#bbbbbb", "reported in"),
}

_FALLBACK_KIND = KIND_STYLES[Label.OTHER_ORGANIZATION.value]
_FALLBACK_REL = RelStyle("#999999", "related")


def kind_style(kind: str) -> KindStyle:
    """Style of a node kind (unknown kinds look like 'other organisation')."""
    return KIND_STYLES.get(kind, _FALLBACK_KIND)


def rel_style(rel_type: str) -> RelStyle:
    """Style of a relationship type."""
    return REL_STYLES.get(rel_type, _FALLBACK_REL)


def kind_name(kind: str, lang: str) -> str:
    """A node kind's legend word in ``lang`` (``college`` / 院校)."""
    if lang != "zh":
        return kind_style(kind).en
    if kind == GROUP_KIND:
        return view_text("group.kind", lang)
    return VALUES_ZH["kind"].get(kind) or VALUES_ZH["kind"][Label.OTHER_ORGANIZATION.value]


def rel_name(rel_type: str, lang: str) -> str:
    """A relationship type's legend and edge-label words in ``lang`` (``participates in`` / 参与)."""
    if lang != "zh":
        return rel_style(rel_type).en
    return REL_ZH.get(rel_type) or view_text("page.rels", lang)
