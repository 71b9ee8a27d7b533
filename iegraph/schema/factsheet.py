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
but the author inferred (a year, say) are listed by field name in ``inferred``, and
``inferred_reason`` says why.

Every ref that becomes a relationship (``parties``, ``leads``, ``region``,
``industries`` …) is a *link item*: the plain ref, or a mapping
``{ref, quote, inferred, inferred_reason}`` giving the sentence that states *that*
relationship, or marking it as inferred (``inferred: true`` needs a reason).
Project parties, consortium members, event people and positions take the same
``quote``/``inferred``/``inferred_reason`` beside their ``org``.

``iegraph schema factsheet-json-schema`` prints the JSON Schema generated from
these models.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from iegraph.quantities import MONEY_UNITS, MoneyUnit, bare_money
from iegraph.schema.model import CollegeLevel, ConsortiumLevel, ProjectType, RegionLevel
from iegraph.schema.names_zh import ROLE, to_english

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


def check_link_inferred(inferred: bool, reason: str | None) -> None:
    """A link marked inferred says why, and a reason comes with the mark (ValueError)."""
    if inferred and not reason:
        raise ValueError("inferred: true needs an inferred_reason (why the link is inferred)")
    if reason and not inferred:
        raise ValueError("inferred_reason is given but inferred is not true")


class _Supported(_Strict):
    """What supports one relationship: its own quote, or the mark that it is inferred."""

    quote: str | None = Field(None, description="the sentence of the source that states this relationship")
    inferred: bool = Field(False, description="the source does not state this relationship; it was inferred")
    inferred_reason: str | None = Field(
        None, description="why it was inferred (required with inferred: true)"
    )

    @model_validator(mode="after")
    def _reason_with_mark(self) -> Self:
        check_link_inferred(self.inferred, self.inferred_reason)
        return self


class LinkSpec(_Supported):
    """A link item written as a mapping: the ref plus what supports the relationship."""

    ref: Ref


#: Tags of the two forms of a link item. Pydantic puts the tag into an error's location
#: (``parties.0.<link>.quote``); ``error_path`` leaves it out again.
_PLAIN, _MAPPING = "<ref>", "<link>"


def _link_form(value: Any) -> str:
    return _PLAIN if isinstance(value, str) else _MAPPING


#: A link item: a plain ref, or a mapping ``{ref, quote, inferred, inferred_reason}``.
#: The form is chosen by the value's type, so an error names only the mapping's problem.
Link = Annotated[
    Annotated[Ref, Tag(_PLAIN)] | Annotated[LinkSpec, Tag(_MAPPING)],
    Discriminator(_link_form),
    Field(description="a ref, or {ref, quote, inferred, inferred_reason} for the relationship it makes"),
]


def link_ref(item: str | LinkSpec) -> str:
    """The ref of a link item (plain or mapping)."""
    return item if isinstance(item, str) else item.ref


def error_path(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """A validation error's location as the sheet's path (without link-form tags)."""
    return tuple(step for step in loc if step != _PLAIN and step != _MAPPING)


class _Fact(_Strict):
    """Fields shared by every fact: a local key, the quote and inferred fields."""

    key: str | None = Field(None, description="local key other entries of this sheet refer to")
    id: str | None = Field(None, description="explicit global id; derived from the name when absent")
    quote: str | None = Field(None, description="the sentence of the source that reports this fact")
    inferred: list[str] = Field(
        default_factory=list, description="names of fields inferred rather than read in the source"
    )
    inferred_reason: str | None = Field(None, description="why the fields listed in inferred were inferred")
    note: str | None = Field(None, description="reviewer's remark; stored, never shown as a fact")

    @model_validator(mode="after")
    def _reason_explains_fields(self) -> Self:
        # a reason with no field listed explains nothing: most likely meant for a link
        if self.inferred_reason and not self.inferred:
            raise ValueError("inferred_reason explains the fields listed in inferred; list them")
        return self


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
    # unknown kinds pass on to convert.org_kind, which names the valid ones
    kind: Annotated[str, to_english("organisation kind", strict=False)] = Field(
        description="one of " + ", ".join(ORG_KIND_NAMES) + " or a Chinese name (企业, 院校 …)"
    )
    level: Annotated[CollegeLevel | None, to_english("college level", optional=True)] = Field(
        None, description="for colleges: school level (本科, 高职 …)"
    )
    aliases: list[str] = Field(default_factory=list)
    region: Link | None = Field(None, description="Region the organisation is located in")
    industries: list[Link] = Field(default_factory=list)
    part_of: Link | None = Field(None, description="parent organisation (department of, branch of)")
    uscc: str | None = Field(None, description="统一社会信用代码 (18 characters)")
    moe_code: str | None = Field(None, description="学校标识码 (10 digits)")
    ownership: str | None = Field(None, description="central_soe, state, private, foreign, ...")
    designations: list[str] = Field(default_factory=list, description="e.g. 专精特新")
    unnamed: bool = Field(False, description="the source refers to it without naming it")


class PositionSpec(_Supported):
    """A position a person holds in an organisation (with the quote that states it)."""

    org: Ref
    title: str


class PersonSpec(_Fact):
    """A named person and the positions the source gives."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    positions: list[PositionSpec] = Field(default_factory=list)


class MemberSpec(_Supported):
    """A party with a role (member of a consortium, party to a project), with the quote
    that states its part, or the mark that it was inferred."""

    org: Ref
    #: open set; a Chinese name (牵头, 成员, 共建, 发言 …) is stored as its English role
    role: Annotated[str, ROLE] = "member"


class ConsortiumSpec(_Fact):
    """A consortium: 市域产教联合体, 行业产教融合共同体, 职教集团, alliance."""

    name: str
    kind: str = Field(description="city_consortium, industry_community, vocational_group, alliance, other")
    level: Annotated[ConsortiumLevel | None, to_english("consortium level", optional=True)] = None
    aliases: list[str] = Field(default_factory=list)
    founded: DateText | None = None
    anchor_park: Link | None = Field(
        None, description="the park/zone (organisation or region) it is anchored on"
    )
    region: Link | None = None
    industries: list[Link] = Field(default_factory=list)
    leads: list[Link] = Field(default_factory=list)
    members: list[MemberSpec] = Field(default_factory=list)
    composition: dict[str, Amount] = Field(
        default_factory=dict,
        description="reported composition: total, government, undergraduate, higher_vocational, "
        "secondary_vocational, college, research_institute, enterprise, association, other",
    )
    composition_as_of: DateText | None = None
    approved_by: list[Link] = Field(default_factory=list)


class ProjectSpec(_Fact):
    """A cooperation project: base, centre, industrial college, R&D, talent programme."""

    name: str
    type: Annotated[ProjectType, to_english("project type")]
    category: str | None = Field(
        None, description="the category the source files it under, in its own words (e.g. 科技创新类)"
    )
    aliases: list[str] = Field(default_factory=list)
    parties: list[MemberSpec] = Field(default_factory=list)
    investment: Amount | None = Field(
        None,
        description="money with its unit: 2000万元, 1.2亿元, 3000元 (a bare number only with the sheet's money_unit)",
    )
    outputs: dict[str, Amount] = Field(
        default_factory=dict, description="e.g. results, internship_places, trainees"
    )
    date: DateText | None = Field(None, description="date signed or started")
    status: str | None = Field(None, description="signed, approved, building, operating, completed")
    consortium: Link | None = None
    program: Link | None = None
    event: Link | None = Field(None, description="event at which it was signed or announced")
    region: Link | None = None
    industries: list[Link] = Field(default_factory=list)
    approved_by: list[Link] = Field(default_factory=list)

    @field_validator("investment")
    @classmethod
    def _money_says_its_unit(cls, value: int | float | str | None) -> int | float | str | None:
        # 2000 could be yuan or 万元 (10,000x apart): the sheet must say which, as a table must
        number = bare_money(value)
        if number is not None:
            # a custom error: the message alone, without pydantic's "Value error, "
            raise PydanticCustomError(
                "bare_money",
                f"a bare number {number} does not say its unit: write it with one ({number}万元, "
                f"{number}元, 1.2亿元), or give the sheet's unit once with money_unit: 万元 at its top, "
                "or pass --money-unit 万元",
            )
        return value


class AgreementSpec(_Fact):
    """A signed cooperation agreement, with parties or only a count of signatories."""

    name: str
    kind: str | None = Field(None, description="strategic, school_enterprise, school_school, ...")
    date: DateText | None = None
    parties: list[Link] = Field(default_factory=list)
    signatory_count: Amount | None = Field(
        None, description="number of signatories when only a count is reported"
    )
    event: Link | None = None
    consortium: Link | None = None


class EventSpec(_Fact):
    """A meeting, matchmaking session, signing ceremony or launch."""

    name: str
    kind: str | None = Field(
        None, description="matchmaking, promotion_meeting, founding, signing, launch, ..."
    )
    date: DateText | None = None
    place: str | None = Field(None, description="venue as written")
    region: Link | None = None
    organisers: list[Link] = Field(default_factory=list)
    hosts: list[Link] = Field(default_factory=list)
    attendees: list[Link] = Field(default_factory=list)
    people: list[MemberSpec] = Field(
        default_factory=list, description="persons at the event (org field holds the person ref)"
    )
    consortium: Link | None = None
    attendee_counts: dict[str, Amount] = Field(
        default_factory=dict, description="reported numbers of attendees by kind, e.g. college: 6"
    )


class ProgramSpec(_Fact):
    """A programme (计划) with its owners and targets."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    owners: list[Link] = Field(default_factory=list)
    targets: dict[str, Amount] = Field(default_factory=dict)
    date: DateText | None = None
    consortium: Link | None = None


class PolicySpec(_Fact):
    """A policy document: 《title》, issuer, date."""

    name: str = Field(description="the title, without 《》")
    issuers: list[Link] = Field(default_factory=list)
    date: DateText | None = None
    doc_number: str | None = None


class IndustrySpec(_Fact):
    """An industry or industrial chain (装备制造, 新能源汽车, ...)."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    parent: Link | None = None


class RegionSpec(_Fact):
    """A province, city, district or zone."""

    name: str
    level: Annotated[RegionLevel, to_english("region level")]
    aliases: list[str] = Field(default_factory=list)
    parent: Link | None = None


class RelationSpec(_Fact):
    """Any other relationship of the model, between two refs. Its ``quote`` is the
    relationship's own; ``inferred: true`` (with ``inferred_reason``) marks the whole
    relationship as inferred, a list names inferred properties."""

    type: str = Field(description="a relationship type of the model, e.g. APPROVED, PART_OF")
    from_: Ref = Field(alias="from")
    to: Ref
    props: dict[str, Any] = Field(default_factory=dict)
    inferred: bool | list[str] = Field(  # type: ignore[assignment]
        default_factory=list,
        description="true: the relationship itself is inferred (give inferred_reason); "
        "a list: names of inferred properties",
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _reason_explains_fields(self) -> Self:
        if isinstance(self.inferred, bool):
            check_link_inferred(self.inferred, self.inferred_reason)
        elif self.inferred_reason:
            raise ValueError("inferred_reason marks the relationship inferred: write inferred: true")
        return self


class FactSheet(_Strict):
    """One source document and every entity and fact it reports."""

    source: SourceSpec
    draft: bool = Field(False, description="true for machine drafts not yet reviewed")
    money_unit: MoneyUnit | None = Field(
        None, description="unit of a bare number in a money field (investment): 元, 万元 or 亿元"
    )
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

    @model_validator(mode="before")
    @classmethod
    def _bare_money_in_the_unit(cls, data: Any, info: ValidationInfo) -> Any:
        """A bare number in a money field gets the sheet's ``money_unit`` (else the one
        the caller passes as ``context={"money_unit": …}``, the loader's --money-unit):
        ``2000`` in a 万元 sheet is ``2000万元``. Without a unit it stays bare and the
        project's own check refuses it with the fix."""
        if not isinstance(data, dict):
            return data
        unit = data.get("money_unit")
        if unit is None and isinstance(info.context, dict):
            unit = info.context.get("money_unit")
        projects = data.get("projects")
        if unit not in MONEY_UNITS or not isinstance(projects, list):
            return data  # a wrong unit is reported by the money_unit field itself
        given = []
        for project in projects:
            number = bare_money(project.get("investment")) if isinstance(project, dict) else None
            given.append(project if number is None else {**project, "investment": f"{number}{unit}"})
        return {**data, "projects": given}


def factsheet_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the fact-sheet format, generated from the models."""
    schema = FactSheet.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "iegraph fact sheet"
    return schema
