"""Pydantic models of a YAML fact sheet: one source document and what it reports.

A fact sheet is written by a person (or drafted by ``iegraph extract``) and loaded
with ``iegraph load``. It names its Source, then the entities and facts that the
source reports, each with the ``quote`` that supports it.

References between entities (``org``, ``parties``, ``leads`` …) are *refs*: the
``key`` of an entity declared in the same sheet, or its ``name`` or one of its
``aliases``, or the ``id`` of a node already in the graph. The loader resolves
them; a ref that resolves to nothing, or to several entities, is an error.

Amounts and counts may be written as numbers or as Chinese text (``1.2亿元``,
``2.6万余人次``, ``近120家``); dates as ``2023-08-19``, ``2022-12``, ``2023`` or
``2023年8月19日``. The loader parses both. Values that the source does not state
but the author inferred (a year, say) are listed by field name in ``inferred``.

``iegraph schema factsheet-json-schema`` prints the JSON Schema generated from
these models.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from iegraph.schema.model import CollegeLevel, ConsortiumLevel, ProjectType, RegionLevel

#: A reference to an entity: a sheet key, a name/alias, or a graph id.
Ref = Annotated[str, Field(min_length=1, description="key, name, alias or id of an entity")]
#: A date as ISO text (YYYY, YYYY-MM, YYYY-MM-DD) or Chinese text (2023年8月19日).
DateText = Annotated[str, Field(description="YYYY, YYYY-MM, YYYY-MM-DD or 2023年8月19日")]
#: A number, or Chinese text holding one (1.2亿元, 2.6万余人次, 近120家).
Amount = Annotated[int | float | str, Field(description="number or Chinese amount text")]

ORG_KIND_NAMES = (
    "Government",
    "College",
    "Enterprise",
    "ResearchInstitute",
    "Association",
    "OtherOrganization",
)


class _Strict(BaseModel):
    """Base: unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Fact(_Strict):
    """Fields shared by every fact: a local key, the quote and inferred fields."""

    key: str | None = Field(None, description="local key other entries of this sheet refer to")
    id: str | None = Field(None, description="explicit global id; derived from the name when absent")
    quote: str | None = Field(None, description="the sentence of the source that reports this fact")
    inferred: list[str] = Field(
        default_factory=list, description="names of fields inferred rather than read in the source"
    )
    note: str | None = Field(None, description="reviewer's remark; stored, never shown as a fact")


class SourceSpec(_Strict):
    """The document a fact sheet is about."""

    id: str | None = Field(None, description="source id; derived from title and date when absent")
    title: str
    publisher: str | None = None
    url: str | None = None
    date: DateText | None = None
    language: str = Field("zh-Hans", description="BCP-47 tag of the original text, e.g. zh-Hant")
    author: str | None = None
    file: str | None = Field(None, description="file name of the archived text")
    inferred: list[str] = Field(default_factory=list)


class OrganizationSpec(_Fact):
    """An organisation: government body, college, enterprise, institute, association, other."""

    name: str
    kind: str = Field(description="one of " + ", ".join(ORG_KIND_NAMES))
    level: CollegeLevel | None = Field(None, description="for colleges: school level")
    aliases: list[str] = Field(default_factory=list)
    region: Ref | None = Field(None, description="Region the organisation is located in")
    industries: list[Ref] = Field(default_factory=list)
    part_of: Ref | None = Field(None, description="parent organisation (department of, branch of)")
    uscc: str | None = Field(None, description="统一社会信用代码 (18 characters)")
    moe_code: str | None = Field(None, description="学校标识码 (10 digits)")
    ownership: str | None = Field(None, description="central_soe, state, private, foreign, ...")
    designations: list[str] = Field(default_factory=list, description="e.g. 专精特新")
    unnamed: bool = Field(False, description="the source refers to it without naming it")


class PositionSpec(_Strict):
    """A position a person holds in an organisation."""

    org: Ref
    title: str


class PersonSpec(_Fact):
    """A named person and the positions the source gives."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    positions: list[PositionSpec] = Field(default_factory=list)


class MemberSpec(_Strict):
    """A party with a role (member of a consortium, party to a project)."""

    org: Ref
    role: str = "member"


class ConsortiumSpec(_Fact):
    """A consortium: 市域产教联合体, 行业产教融合共同体, 职教集团, alliance."""

    name: str
    kind: str = Field(description="city_consortium, industry_community, vocational_group, alliance, other")
    level: ConsortiumLevel | None = None
    aliases: list[str] = Field(default_factory=list)
    founded: DateText | None = None
    anchor_park: Ref | None = Field(
        None, description="the park/zone (organisation or region) it is anchored on"
    )
    region: Ref | None = None
    industries: list[Ref] = Field(default_factory=list)
    leads: list[Ref] = Field(default_factory=list)
    members: list[MemberSpec] = Field(default_factory=list)
    composition: dict[str, Amount] = Field(
        default_factory=dict,
        description="reported composition: total, government, undergraduate, higher_vocational, "
        "secondary_vocational, college, research_institute, enterprise, association, other",
    )
    composition_as_of: DateText | None = None
    approved_by: list[Ref] = Field(default_factory=list)


class ProjectSpec(_Fact):
    """A cooperation project: base, centre, industrial college, R&D, talent programme."""

    name: str
    type: ProjectType
    aliases: list[str] = Field(default_factory=list)
    parties: list[MemberSpec] = Field(default_factory=list)
    investment: Amount | None = Field(None, description="in yuan, or Chinese text such as 1.2亿元")
    outputs: dict[str, Amount] = Field(
        default_factory=dict, description="e.g. results, internship_places, trainees"
    )
    date: DateText | None = Field(None, description="date signed or started")
    status: str | None = Field(None, description="signed, approved, building, operating, completed")
    consortium: Ref | None = None
    program: Ref | None = None
    event: Ref | None = Field(None, description="event at which it was signed or announced")
    region: Ref | None = None
    industries: list[Ref] = Field(default_factory=list)
    approved_by: list[Ref] = Field(default_factory=list)


class AgreementSpec(_Fact):
    """A signed cooperation agreement, with parties or only a count of signatories."""

    name: str
    kind: str | None = Field(None, description="strategic, school_enterprise, school_school, ...")
    date: DateText | None = None
    parties: list[Ref] = Field(default_factory=list)
    signatory_count: Amount | None = Field(
        None, description="number of signatories when only a count is reported"
    )
    event: Ref | None = None
    consortium: Ref | None = None


class EventSpec(_Fact):
    """A meeting, matchmaking session, signing ceremony or launch."""

    name: str
    kind: str | None = Field(
        None, description="matchmaking, promotion_meeting, founding, signing, launch, ..."
    )
    date: DateText | None = None
    place: str | None = Field(None, description="venue as written")
    region: Ref | None = None
    organisers: list[Ref] = Field(default_factory=list)
    hosts: list[Ref] = Field(default_factory=list)
    attendees: list[Ref] = Field(default_factory=list)
    people: list[MemberSpec] = Field(
        default_factory=list, description="persons at the event (org field holds the person ref)"
    )
    consortium: Ref | None = None
    attendee_counts: dict[str, Amount] = Field(
        default_factory=dict, description="reported numbers of attendees by kind, e.g. college: 6"
    )


class ProgramSpec(_Fact):
    """A programme (计划) with its owners and targets."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    owners: list[Ref] = Field(default_factory=list)
    targets: dict[str, Amount] = Field(default_factory=dict)
    date: DateText | None = None
    consortium: Ref | None = None


class PolicySpec(_Fact):
    """A policy document: 《title》, issuer, date."""

    name: str = Field(description="the title, without 《》")
    issuers: list[Ref] = Field(default_factory=list)
    date: DateText | None = None
    doc_number: str | None = None


class IndustrySpec(_Fact):
    """An industry or industrial chain (装备制造, 新能源汽车, ...)."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    parent: Ref | None = None


class RegionSpec(_Fact):
    """A province, city, district or zone."""

    name: str
    level: RegionLevel
    aliases: list[str] = Field(default_factory=list)
    parent: Ref | None = None


class RelationSpec(_Fact):
    """Any other relationship of the model, between two refs."""

    type: str = Field(description="a relationship type of the model, e.g. APPROVED, PART_OF")
    from_: Ref = Field(alias="from")
    to: Ref
    props: dict[str, Any] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class FactSheet(_Strict):
    """One source document and every entity and fact it reports."""

    source: SourceSpec
    draft: bool = Field(False, description="true for machine drafts not yet reviewed")
    organizations: list[OrganizationSpec] = Field(default_factory=list)
    people: list[PersonSpec] = Field(default_factory=list)
    consortia: list[ConsortiumSpec] = Field(default_factory=list)
    projects: list[ProjectSpec] = Field(default_factory=list)
    agreements: list[AgreementSpec] = Field(default_factory=list)
    events: list[EventSpec] = Field(default_factory=list)
    programs: list[ProgramSpec] = Field(default_factory=list)
    policies: list[PolicySpec] = Field(default_factory=list)
    industries: list[IndustrySpec] = Field(default_factory=list)
    regions: list[RegionSpec] = Field(default_factory=list)
    relations: list[RelationSpec] = Field(default_factory=list)


def factsheet_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the fact-sheet format, generated from the models."""
    schema = FactSheet.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "iegraph fact sheet"
    return schema
