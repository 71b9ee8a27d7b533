"""The knowledge model of the industry–education ecosystem, as code.

Every label, relationship type, constraint and index that iegraph ever sends to
Neo4j is declared here. Other modules import these constants instead of writing
label or type names themselves, so that nothing taken from input can become a
label, and so that Cypher strings are built only from this closed vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Label(StrEnum):
    """Node labels of the knowledge model."""

    ORGANIZATION = "Organization"
    # Exactly one of these kind labels sits on every Organization node.
    GOVERNMENT = "Government"
    COLLEGE = "College"
    ENTERPRISE = "Enterprise"
    RESEARCH_INSTITUTE = "ResearchInstitute"
    ASSOCIATION = "Association"
    OTHER_ORGANIZATION = "OtherOrganization"

    CONSORTIUM = "Consortium"
    PROJECT = "Project"
    AGREEMENT = "Agreement"
    EVENT = "Event"
    PROGRAM = "Program"
    POLICY = "Policy"
    INDUSTRY = "Industry"
    REGION = "Region"
    PERSON = "Person"
    SOURCE = "Source"


class SystemLabel(StrEnum):
    """Labels of iegraph's own bookkeeping nodes, outside the knowledge model: no
    question, view or count reads them, and loads never write them as facts."""

    #: The graph's write lock (iegraph.loaders.lock): at most one node, while a writer runs.
    WRITE_LOCK = "WriteLock"
    #: The data-quality figures of the last load (iegraph.queries.stats): at most one node,
    #: read only by ``stats``; stored once a graph is large enough for the scans to cost.
    GRAPH_FIGURES = "GraphFigures"


class Rel(StrEnum):
    """Relationship types of the knowledge model (kept deliberately few).

    Every relationship except REPORTED_IN carries ``sources``: the ids of the
    Source nodes that report it, so corroboration can be counted.
    """

    #: Organization -> Project | Program, ``role`` (lead, partner, builder, ...)
    PARTICIPATES_IN = "PARTICIPATES_IN"
    #: Organization -> Consortium, ``role`` (lead, member, council, ...)
    MEMBER_OF = "MEMBER_OF"
    #: Organization -> Agreement
    SIGNED = "SIGNED"
    #: Organization | Person -> Event, ``role`` (organiser, host, attendee, speaker)
    ATTENDED = "ATTENDED"
    #: Organization -> Policy
    ISSUED = "ISSUED"
    #: Organization -> Project | Consortium | Program (approval, designation)
    APPROVED = "APPROVED"
    #: Organization | Consortium | Project | Event -> Region
    LOCATED_IN = "LOCATED_IN"
    #: Organization | Consortium | Project | Program | Region -> Industry
    IN_INDUSTRY = "IN_INDUSTRY"
    #: Region -> Region, Organization -> Organization, Project | Agreement | Event -> Consortium | Program
    PART_OF = "PART_OF"
    #: Person -> Organization, ``title``
    HOLDS_POSITION = "HOLDS_POSITION"
    #: Project | Agreement -> Event (signed or announced at)
    SIGNED_AT = "SIGNED_AT"
    #: any fact node -> Source, ``quote``
    REPORTED_IN = "REPORTED_IN"


#: Organisation kinds: the kind label that accompanies ``Organization``.
ORG_KINDS: tuple[Label, ...] = (
    Label.GOVERNMENT,
    Label.COLLEGE,
    Label.ENTERPRISE,
    Label.RESEARCH_INSTITUTE,
    Label.ASSOCIATION,
    Label.OTHER_ORGANIZATION,
)

#: Labels that carry a unique ``id`` (every node label except the kind labels,
#: which share the Organization constraint).
KEYED_LABELS: tuple[Label, ...] = (
    Label.ORGANIZATION,
    Label.CONSORTIUM,
    Label.PROJECT,
    Label.AGREEMENT,
    Label.EVENT,
    Label.PROGRAM,
    Label.POLICY,
    Label.INDUSTRY,
    Label.REGION,
    Label.PERSON,
    Label.SOURCE,
)

#: Labels whose nodes have a ``name`` worth indexing for look-ups.
NAMED_LABELS: tuple[Label, ...] = (
    Label.ORGANIZATION,
    Label.CONSORTIUM,
    Label.PROJECT,
    Label.AGREEMENT,
    Label.EVENT,
    Label.PROGRAM,
    Label.POLICY,
    Label.INDUSTRY,
    Label.REGION,
    Label.PERSON,
)

#: Labels that are "fact nodes": each is linked to the Source(s) reporting it.
FACT_LABELS: tuple[Label, ...] = tuple(lbl for lbl in KEYED_LABELS if lbl is not Label.SOURCE)


class CollegeLevel(StrEnum):
    """School level (办学层次) of a College."""

    UNDERGRADUATE = "undergraduate"
    #: 职业本科: an undergraduate-level vocational university (职业技术大学 / 职业大学 at
    #: 本科 level, since 2019); the MOE list files it as 本科.
    VOCATIONAL_UNDERGRADUATE = "vocational_undergraduate"
    HIGHER_VOCATIONAL = "higher_vocational"
    SECONDARY_VOCATIONAL = "secondary_vocational"
    TECHNICIAN = "technician"
    OTHER = "other"


class ProjectType(StrEnum):
    """Carrier of cooperation a Project represents."""

    TRAINING_BASE = "training_base"
    PRACTICE_BASE = "practice_base"
    INNOVATION_CENTER = "innovation_center"
    INDUSTRIAL_COLLEGE = "industrial_college"
    TECH_RD = "tech_rd"
    TALENT_CULTIVATION = "talent_cultivation"
    EMPLOYMENT_BASE = "employment_base"
    OTHER = "other"


class ConsortiumLevel(StrEnum):
    """Administrative level at which a consortium is recognised."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    CITY = "city"
    OTHER = "other"


class RegionLevel(StrEnum):
    """Level of a Region in the province -> city -> district/zone hierarchy."""

    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    ZONE = "zone"


#: Keys of a consortium's reported composition (numbers the article reports,
#: kept apart from the members actually enumerated).
COMPOSITION_KEYS: tuple[str, ...] = (
    "total",
    "government",
    "college",
    "undergraduate",
    "higher_vocational",
    "secondary_vocational",
    "research_institute",
    "enterprise",
    "association",
    "other",
)


@dataclass(frozen=True)
class Constraint:
    """A uniqueness constraint on ``label.prop``."""

    label: Label | SystemLabel
    prop: str

    @property
    def name(self) -> str:
        return f"{self.label.value.lower()}_{self.prop}_unique"

    def cypher(self) -> str:
        # Names come from the closed vocabulary above, never from input.
        return (
            f"CREATE CONSTRAINT {self.name} IF NOT EXISTS "
            f"FOR (n:{self.label.value}) REQUIRE n.{self.prop} IS UNIQUE"
        )


@dataclass(frozen=True)
class Index:
    """A range (or full-text) index on ``label.props``."""

    label: Label
    props: tuple[str, ...]
    fulltext: bool = False
    extra_labels: tuple[Label, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        kind = "fulltext" if self.fulltext else "idx"
        return f"{self.label.value.lower()}_{'_'.join(self.props)}_{kind}"

    def cypher(self) -> str:
        if self.fulltext:
            labels = "|".join(lbl.value for lbl in (self.label, *self.extra_labels))
            props = ", ".join(f"n.{p}" for p in self.props)
            # Eventually consistent: Lucene is updated after commit, off the write path,
            # which cuts bulk-load time; writers that need the index at once (the loader,
            # merge) call schema.apply.await_fulltext_refresh() when they finish.
            return (
                f"CREATE FULLTEXT INDEX {self.name} IF NOT EXISTS "
                f"FOR (n:{labels}) ON EACH [{props}] "
                "OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}}"
            )
        props = ", ".join(f"n.{p}" for p in self.props)
        return f"CREATE INDEX {self.name} IF NOT EXISTS FOR (n:{self.label.value}) ON ({props})"


#: Shared reference nodes: every fact links to them, two loads name them alike. Their
#: ``name_key`` is unique, so two writers (or an explicit id in one load and a derived
#: one in another) can never make two 吉林省: the database refuses the second.
UNIQUE_NAME_LABELS: tuple[Label, ...] = (Label.REGION, Label.INDUSTRY)

CONSTRAINTS: tuple[Constraint, ...] = (
    *(Constraint(lbl, "id") for lbl in KEYED_LABELS),
    *(Constraint(lbl, "name_key") for lbl in UNIQUE_NAME_LABELS),
)

#: Constraints of the bookkeeping nodes: one write lock per database.
SYSTEM_CONSTRAINTS: tuple[Constraint, ...] = (Constraint(SystemLabel.WRITE_LOCK, "name"),)

INDEXES: tuple[Index, ...] = (
    *(Index(lbl, ("name",)) for lbl in NAMED_LABELS),
    # Normalised-name keys make entity resolution an index seek, not a scan.
    Index(Label.ORGANIZATION, ("name_key",)),
    # No index on alias_keys: a range index cannot serve list membership (`k IN n.alias_keys`),
    # so it would only slow writes; alias look-ups go through the full-text index below.
    Index(Label.ORGANIZATION, ("uscc",)),
    Index(Label.ORGANIZATION, ("moe_code",)),
    Index(Label.PROJECT, ("type",)),
    Index(Label.PROJECT, ("date",)),
    Index(Label.EVENT, ("date",)),
    Index(Label.AGREEMENT, ("date",)),
    Index(Label.POLICY, ("date",)),
    Index(
        Label.ORGANIZATION,
        ("name", "aliases"),
        fulltext=True,
        extra_labels=(Label.CONSORTIUM, Label.PERSON, Label.PROJECT, Label.PROGRAM, Label.POLICY),
    ),
)


def label_of(value: str) -> Label:
    """Return the Label named ``value``; raise ValueError for anything else.

    Used wherever a label arrives as text (a CLI option, a table column), so the
    text is checked against the model before it gets near a query.
    """
    for lbl in Label:
        if lbl.value == value:
            return lbl
    raise ValueError(f"unknown label {value!r}")


def rel_of(value: str) -> Rel:
    """Return the Rel named ``value``; raise ValueError for anything else."""
    for rel in Rel:
        if rel.value == value:
            return rel
    raise ValueError(f"unknown relationship type {value!r}")
