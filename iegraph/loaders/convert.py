"""Turn fact-sheet specs (``iegraph.schema.factsheet``) into node and relationship declarations.

Both readers use this: a YAML fact sheet is validated into a ``FactSheet`` and each
entry converted here; a table row is validated into the same ``*Spec`` model and
converted here too, so YAML and tables land in the graph exactly the same way
(the graph contract in docs/contributing.md). Dates and amounts are parsed here; a value
that does not parse becomes a ``Problem``, never a guess. Amounts are stored in the
scheme of ``iegraph.quantities`` (number, qualifier, unit and the source's text).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from iegraph.loaders.limits import value_problem
from iegraph.loaders.records import (
    REL_KEY_DEFAULT,
    REL_KEY_PROP,
    NodeDecl,
    Origin,
    Problem,
    Ref,
    RelDecl,
)
from iegraph.names import clean_text, name_key, normalize_name, parse_date
from iegraph.quantities import COMPANIONS, amount_props
from iegraph.schema.factsheet import (
    AgreementSpec,
    ConsortiumSpec,
    EventSpec,
    IndustrySpec,
    LinkSpec,
    MemberSpec,
    OrganizationSpec,
    PersonSpec,
    PolicySpec,
    PositionSpec,
    ProgramSpec,
    ProjectSpec,
    RegionSpec,
    RelationSpec,
    SourceSpec,
    link_ref,
)
from iegraph.schema.model import COMPOSITION_KEYS, KEYED_LABELS, ORG_KINDS, Label, Rel, rel_of
from iegraph.schema.names_zh import (
    AMOUNT_KEY_ZH,
    COMPOSITION_KEY_ZH,
    ORG_KIND_ZH,
    amount_key,
    role_english,
    valid_names,
)

Decl = NodeDecl | RelDecl

#: Prefix of the derived id of each label / org kind (id = prefix + hash of name_key).
ID_PREFIX: dict[Label, str] = {
    Label.GOVERNMENT: "gov",
    Label.COLLEGE: "col",
    Label.ENTERPRISE: "ent",
    Label.RESEARCH_INSTITUTE: "res",
    Label.ASSOCIATION: "asc",
    Label.OTHER_ORGANIZATION: "oth",
    Label.CONSORTIUM: "con",
    Label.PROJECT: "prj",
    Label.AGREEMENT: "agr",
    Label.EVENT: "evt",
    Label.PROGRAM: "prg",
    Label.POLICY: "pol",
    Label.INDUSTRY: "ind",
    Label.REGION: "reg",
    Label.PERSON: "per",
    Label.SOURCE: "src",
}

_PROP_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_MOE_CODE_RE = re.compile(r"\d{10}")

# Hot paths (one call per table row) use these constants: an enum member's ``.value``
# and even ``Label.X`` are attribute look-ups through the enum machinery.
ORG = (Label.ORGANIZATION,)
_REGION = (Label.REGION,)
_INDUSTRY = (Label.INDUSTRY,)
_CONSORTIUM = (Label.CONSORTIUM,)
_PERSON = (Label.PERSON,)
_IN_INDUSTRY, _LOCATED_IN, _PART_OF = Rel.IN_INDUSTRY, Rel.LOCATED_IN, Rel.PART_OF
_COLLEGE, _OTHER_ORGANIZATION = Label.COLLEGE, Label.OTHER_ORGANIZATION
#: label -> its name (``Label.COLLEGE.value``)
_LABEL_NAME: dict[Label, str] = {lbl: lbl.value for lbl in Label}
_ORG_KINDS: dict[str, Label] = {k.value: k for k in ORG_KINDS}


def derived_id(label: Label, key: str) -> str:
    """The deterministic id of an entity declared without one: prefix + short hash of
    its name key, so that every load of the same name lands on the same node."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
    return f"{ID_PREFIX[label]}-{digest}"


def source_id(spec: SourceSpec) -> str:
    """The id of a source: as given, else derived from its title (and date)."""
    if spec.id:
        return spec.id
    return derived_id(Label.SOURCE, name_key(spec.title) + "|" + (spec.date or ""))


def org_kind(text: str) -> Label:
    """The org kind Label named ``text`` (Enterprise, College, ...); ValueError otherwise."""
    label = _ORG_KINDS.get(text)
    if label is None:
        raise ValueError(f"unknown organisation kind {text!r}: valid: {valid_names(ORG_KIND_ZH)}")
    return label


@dataclass
class Context:
    """Where specs come from and where problems go."""

    file: str
    sources: list[str]
    problems: list[Problem]
    #: fact-sheet file whose keys refs may use (None for tables)
    scope: str | None = None
    #: maps a path inside the input (section, index, field...) to a line number
    line_of: Callable[[tuple[Any, ...]], int | None] = field(default=lambda _path: None)
    #: the row number of a table row (every field is on it): skips ``line_of``
    row: int | None = None

    def origin(self, path: tuple[Any, ...], field_name: str | None = None) -> Origin:
        line = self.row if self.row is not None else self.line_of(path)
        return Origin(self.file, line, field_name)

    def problem(self, path: tuple[Any, ...], field_name: str | None, reason: str) -> None:
        self.problems.append(Problem(self.origin(path, field_name), reason))


class _Conv:
    """Converts one spec at ``path`` into declarations, collecting problems."""

    __slots__ = ("ctx", "file", "path", "row", "scope")

    def __init__(self, ctx: Context, path: tuple[Any, ...]) -> None:
        self.ctx = ctx
        self.path = path
        # read once: every origin, ref and rel of the spec needs them
        self.file = ctx.file
        self.row = ctx.row
        self.scope = ctx.scope

    def origin(self, *sub: Any) -> Origin:
        if not sub:
            fld = None
        elif len(sub) == 1:
            fld = str(sub[0])
        else:
            fld = ".".join(map(str, sub))
        if self.row is not None:  # a table row: no path walk
            return Origin(self.file, self.row, fld)
        return self.ctx.origin((*self.path, *sub), fld)

    def item(self, fld: str, i: int) -> Origin:
        """``origin(fld, i)``, the origin of item ``i`` of list field ``fld``."""
        if self.row is not None:
            return Origin(self.file, self.row, f"{fld}.{i}")
        return self.ctx.origin((*self.path, fld, i), f"{fld}.{i}")

    def problem(self, sub: tuple[Any, ...], reason: str) -> None:
        self.ctx.problem((*self.path, *sub), ".".join(str(s) for s in sub) or None, reason)

    def ref(self, text: str, labels: tuple[Label, ...], *sub: Any) -> Ref:
        return Ref(text.strip(), labels, self.origin(*sub), self.scope)

    def linked(
        self, rel: Rel, node: NodeDecl, item: str | LinkSpec, labels: tuple[Label, ...], fld: str
    ) -> RelDecl:
        """``node -[rel]-> ref`` declared by the single-ref field ``fld`` (a link item):
        one origin for both."""
        origin = self.origin(fld)
        if isinstance(item, str):
            return RelDecl(
                rel, node, Ref(item.strip(), labels, origin, self.scope), origin, {}, list(self.ctx.sources)
            )
        decl = RelDecl(
            rel, node, Ref(item.ref, labels, origin, self.scope), origin, {}, list(self.ctx.sources)
        )
        return supported(decl, item)

    def date(self, value: str | None, fld: str) -> str | None:
        if value is None or value == "":
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.problem((fld,), str(exc))
            return None

    def amount(self, base: str, value: Any, fld: tuple[Any, ...]) -> dict[str, Any]:
        """The properties storing amount ``value`` under ``base`` (iegraph.quantities)."""
        if value is None or value == "":
            return {}
        try:
            return amount_props(base, value)
        except ValueError as exc:
            self.problem(fld, f"bad amount: {exc}")
            return {}

    def node(self, label: Label, spec: Any, kind: Label | None = None) -> NodeDecl:
        name = normalize_name(spec.name)
        aliases = getattr(spec, "aliases", None)
        if aliases:  # most nodes have none: no list comprehensions then
            aliases = [a for a in map(normalize_name, aliases) if name_key(a)]
        if not name_key(name):
            self.problem(("name",), "empty name")
        return NodeDecl(  # positional (one per table row: keywords cost a third more)
            label,
            name,
            self.origin(),
            kind,
            spec.id,
            spec.key,
            self.scope,
            aliases or [],
            _node_props(spec),
            list(spec.inferred),
            list(self.ctx.sources),
            clean_text(spec.quote) if spec.quote else None,
        )

    def rel(
        self,
        rel: Rel,
        start: Ref | NodeDecl,
        end: Ref | NodeDecl,
        origin: Origin,
        props: dict[str, Any] | None = None,
    ) -> RelDecl:
        return RelDecl(rel, start, end, origin, props or {}, list(self.ctx.sources))

    def counts(self, values: dict[str, Any], prefix: str, fld: str) -> dict[str, Any]:
        """Amounts of a dict field as ``<prefix><key>`` amount props (iegraph.quantities)."""
        props: dict[str, Any] = {}
        for given, raw in values.items():
            key = amount_key(fld, given)  # 培训人次 -> trainees
            if not _PROP_KEY_RE.match(key):
                named = AMOUNT_KEY_ZH.get(fld)
                listed = f" or one of {valid_names(named)}" if named else ""
                self.problem((fld, given), f"key must be lower_snake_case ASCII{listed}")
                continue
            if key.endswith(COMPANIONS):
                # <prefix><key>_text would read as the text of <prefix><key>
                self.problem((fld, key), f"a key may not end in {', '.join(COMPANIONS)}")
                continue
            props.update(self.amount(prefix + key, raw, (fld, given)))
        return props


def _node_props(spec: Any) -> dict[str, Any]:
    """The stored remarks of a fact: its note, why its inferred fields were inferred."""
    if not spec.note and not spec.inferred_reason:  # most specs: no dict built
        return {}
    props: dict[str, Any] = {}
    if spec.note:
        props["note"] = spec.note
    if spec.inferred_reason:
        props["inferred_reason"] = spec.inferred_reason
    return props


def supported(decl: RelDecl, spec: LinkSpec | MemberSpec | PositionSpec) -> RelDecl:
    """``decl`` with the relationship's own quote and inferred reason from its link item."""
    if spec.quote:
        decl.quote = clean_text(spec.quote)
    if spec.inferred_reason:  # validation: only with inferred: true
        decl.inferred_reason = spec.inferred_reason
    return decl


def _region(c: _Conv, node: NodeDecl, region: str | LinkSpec | None) -> Iterator[RelDecl]:
    if region:
        yield c.linked(_LOCATED_IN, node, region, _REGION, "region")


def _consortium(c: _Conv, node: NodeDecl, consortium: str | LinkSpec | None) -> Iterator[RelDecl]:
    """A project, programme, agreement or event that is part of a consortium."""
    if consortium:
        yield c.linked(_PART_OF, node, consortium, _CONSORTIUM, "consortium")


def _industries(c: _Conv, node: NodeDecl, industries: list[str | LinkSpec]) -> Iterator[RelDecl]:
    scope, sources = c.scope, c.ctx.sources
    for i, ind in enumerate(industries):
        origin = c.item("industries", i)
        if isinstance(ind, str):  # a plain ref (every table cell): no support to copy
            yield RelDecl(
                _IN_INDUSTRY, node, Ref(ind.strip(), _INDUSTRY, origin, scope), origin, {}, list(sources)
            )
        else:
            decl = RelDecl(
                _IN_INDUSTRY, node, Ref(ind.ref, _INDUSTRY, origin, scope), origin, {}, list(sources)
            )
            yield supported(decl, ind)


def _org_refs(
    c: _Conv,
    node: NodeDecl,
    refs: list[str | LinkSpec],
    fld: str,
    rel: Rel,
    props: dict[str, Any] | None = None,
) -> Iterator[RelDecl]:
    """Organisation -> node relationships for a list of org link items (each its own props)."""
    scope, sources = c.scope, c.ctx.sources
    for i, item in enumerate(refs):
        origin = c.item(fld, i)
        if isinstance(item, str):
            yield RelDecl(
                rel, Ref(item.strip(), ORG, origin, scope), node, origin, dict(props or {}), list(sources)
            )
        else:
            decl = RelDecl(
                rel, Ref(item.ref, ORG, origin, scope), node, origin, dict(props or {}), list(sources)
            )
            yield supported(decl, item)


def convert_source(spec: SourceSpec, ctx: Context, path: tuple[Any, ...]) -> NodeDecl:
    """The Source node of a sheet (or of a row of the sources table)."""
    c = _Conv(ctx, path)
    props: dict[str, Any] = {"title": clean_text(spec.title), "language": spec.language}
    for fld in ("publisher", "url", "author", "file"):
        value = getattr(spec, fld)
        if value:
            props[fld] = value
    date = c.date(spec.date, "date")
    if date:
        props["date"] = date
    sid = source_id(spec)
    return NodeDecl(
        label=Label.SOURCE,
        name=props["title"],
        origin=c.origin(),
        id=sid,
        props=props,
        inferred=list(spec.inferred),
    )


def convert_organization(spec: OrganizationSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    try:
        kind = org_kind(spec.kind)
    except ValueError as exc:
        c.problem(("kind",), str(exc))
        kind = _OTHER_ORGANIZATION
    node = c.node(Label.ORGANIZATION, spec, kind)
    props = node.props
    props["kind"] = _LABEL_NAME[kind]
    if spec.level is not None:
        if kind is not _COLLEGE:
            c.problem(("level",), "only a College has a level")
        props["level"] = spec.level.value
    elif kind is _COLLEGE:
        props["level"] = "other"
        if "level" not in node.inferred:  # the sheet may list it already
            node.inferred.append("level")
    for fld in ("uscc", "moe_code", "ownership"):
        value = getattr(spec, fld)
        if value:
            props[fld] = value
    if spec.uscc and not _USCC_RE.fullmatch(spec.uscc):
        c.problem(("uscc",), f"not a 统一社会信用代码 (18 characters): {spec.uscc!r}")
    if spec.moe_code and not _MOE_CODE_RE.fullmatch(spec.moe_code):
        c.problem(("moe_code",), f"not a 学校标识码 (10 digits): {spec.moe_code!r}")
    if spec.designations:
        props["designations"] = list(spec.designations)
    if spec.unnamed:
        props["unnamed"] = True
    yield node
    yield from _region(c, node, spec.region)
    yield from _industries(c, node, spec.industries)
    if spec.part_of:
        yield c.linked(_PART_OF, node, spec.part_of, ORG, "part_of")


def convert_person(spec: PersonSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.PERSON, spec)
    yield node
    for i, pos in enumerate(spec.positions):
        origin = c.origin("positions", i)
        decl = c.rel(
            Rel.HOLDS_POSITION,
            node,
            c.ref(pos.org, ORG, "positions", i, "org"),
            origin,
            {"title": clean_text(pos.title)},
        )
        yield supported(decl, pos)


def convert_consortium(spec: ConsortiumSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.CONSORTIUM, spec)
    props = node.props
    props["kind"] = spec.kind
    if spec.level is not None:
        props["level"] = spec.level.value
    founded = c.date(spec.founded, "founded")
    if founded:
        props["founded"] = founded
    if spec.anchor_park:
        # a ref (key, name, id): stored as the name (and id) of the park it resolves to
        park = spec.anchor_park
        node.name_refs["anchor_park"] = c.ref(
            link_ref(park), (Label.ORGANIZATION, Label.REGION), "anchor_park"
        )
        if isinstance(park, LinkSpec):  # a property, not a relationship: its support is too
            if park.quote:
                props["anchor_park_quote"] = clean_text(park.quote)
            if park.inferred_reason:
                node.inferred.append("anchor_park")
                props["anchor_park_inferred_reason"] = park.inferred_reason
    # 企业 -> enterprise: the keys by their Chinese names too
    composition = {amount_key("composition", k): v for k, v in spec.composition.items()}
    for key in composition:
        if key not in COMPOSITION_KEYS:
            c.problem(
                ("composition", key), f"unknown composition key (one of {valid_names(COMPOSITION_KEY_ZH)})"
            )
    props.update(
        c.counts({k: v for k, v in composition.items() if k in COMPOSITION_KEYS}, "reported_", "composition")
    )
    as_of = c.date(spec.composition_as_of, "composition_as_of")
    if as_of:
        props["reported_as_of"] = as_of
    yield node
    yield from _region(c, node, spec.region)
    yield from _industries(c, node, spec.industries)
    yield from _org_refs(c, node, spec.leads, "leads", Rel.MEMBER_OF, {"role": "lead"})
    for i, member in enumerate(spec.members):
        decl = c.rel(
            Rel.MEMBER_OF,
            c.ref(member.org, ORG, "members", i, "org"),
            node,
            c.origin("members", i),
            {"role": member.role},
        )
        yield supported(decl, member)
    yield from _org_refs(c, node, spec.approved_by, "approved_by", Rel.APPROVED)


def convert_project(spec: ProjectSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.PROJECT, spec)
    props = node.props
    props["type"] = spec.type.value
    date = c.date(spec.date, "date")
    if date:
        props["date"] = date
    if spec.status:
        props["status"] = spec.status
    if spec.category:
        props["category"] = clean_text(spec.category)
    props.update(c.amount("investment", spec.investment, ("investment",)))
    props.update(c.counts(spec.outputs, "output_", "outputs"))
    yield node
    for i, party in enumerate(spec.parties):
        decl = c.rel(
            Rel.PARTICIPATES_IN,
            c.ref(party.org, ORG, "parties", i, "org"),
            node,
            c.origin("parties", i),
            {"role": party.role},
        )
        yield supported(decl, party)
    yield from _consortium(c, node, spec.consortium)
    if spec.program:
        yield c.linked(_PART_OF, node, spec.program, (Label.PROGRAM,), "program")
    if spec.event:
        yield c.linked(Rel.SIGNED_AT, node, spec.event, (Label.EVENT,), "event")
    yield from _region(c, node, spec.region)
    yield from _industries(c, node, spec.industries)
    yield from _org_refs(c, node, spec.approved_by, "approved_by", Rel.APPROVED)


def convert_agreement(spec: AgreementSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.AGREEMENT, spec)
    props = node.props
    if spec.kind:
        props["kind"] = spec.kind
    date = c.date(spec.date, "date")
    if date:
        props["date"] = date
    props.update(c.amount("signatory_count", spec.signatory_count, ("signatory_count",)))
    yield node
    yield from _org_refs(c, node, spec.parties, "parties", Rel.SIGNED)
    if spec.event:
        yield c.linked(Rel.SIGNED_AT, node, spec.event, (Label.EVENT,), "event")
    yield from _consortium(c, node, spec.consortium)


def convert_event(spec: EventSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.EVENT, spec)
    props = node.props
    if spec.kind:
        props["kind"] = spec.kind
    date = c.date(spec.date, "date")
    if date:
        props["date"] = date
    if spec.place:
        props["place"] = clean_text(spec.place)
    props.update(c.counts(spec.attendee_counts, "attendee_count_", "attendee_counts"))
    yield node
    yield from _region(c, node, spec.region)
    yield from _org_refs(c, node, spec.organisers, "organisers", Rel.ATTENDED, {"role": "organiser"})
    yield from _org_refs(c, node, spec.hosts, "hosts", Rel.ATTENDED, {"role": "host"})
    yield from _org_refs(c, node, spec.attendees, "attendees", Rel.ATTENDED, {"role": "attendee"})
    for i, person in enumerate(spec.people):
        role = person.role if person.role != "member" else "attendee"
        decl = c.rel(
            Rel.ATTENDED,
            c.ref(person.org, _PERSON, "people", i, "org"),
            node,
            c.origin("people", i),
            {"role": role},
        )
        yield supported(decl, person)
    yield from _consortium(c, node, spec.consortium)


def convert_program(spec: ProgramSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.PROGRAM, spec)
    props = node.props
    date = c.date(spec.date, "date")
    if date:
        props["date"] = date
    props.update(c.counts(spec.targets, "target_", "targets"))
    yield node
    yield from _org_refs(c, node, spec.owners, "owners", Rel.PARTICIPATES_IN, {"role": "owner"})
    yield from _consortium(c, node, spec.consortium)


def convert_policy(spec: PolicySpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.POLICY, spec)
    date = c.date(spec.date, "date")
    if date:
        node.props["date"] = date
    if spec.doc_number:
        node.props["doc_number"] = spec.doc_number
    yield node
    yield from _org_refs(c, node, spec.issuers, "issuers", Rel.ISSUED)


def convert_industry(spec: IndustrySpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.INDUSTRY, spec)
    yield node
    if spec.parent:
        yield c.linked(_PART_OF, node, spec.parent, _INDUSTRY, "parent")


def convert_region(spec: RegionSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    node = c.node(Label.REGION, spec)
    node.props["level"] = spec.level.value
    yield node
    if spec.parent:
        yield c.linked(_PART_OF, node, spec.parent, _REGION, "parent")


#: Labels a generic relation's endpoints may have (any keyed label except Source).
ANY_FACT: tuple[Label, ...] = tuple(lbl for lbl in KEYED_LABELS if lbl is not Label.SOURCE)


def convert_relation(spec: RelationSpec, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
    c = _Conv(ctx, path)
    try:
        rel = rel_of(spec.type)
        if rel is Rel.REPORTED_IN:
            raise ValueError("REPORTED_IN is written by the loader from each sheet's source")
    except ValueError as exc:
        c.problem(("type",), str(exc))
        return
    props: dict[str, Any] = {}
    for key, value in spec.props.items():
        if not _PROP_KEY_RE.match(key) or key in ("sources", "inferred"):
            c.problem(("props", key), "property names are lower_snake_case and not sources/inferred")
        elif (reason := value_problem(value)) is not None:  # what Neo4j would refuse
            c.problem(("props", key), reason)
        else:
            props[key] = value
    key_prop = REL_KEY_PROP.get(rel)
    if key_prop and key_prop not in props:
        if rel in REL_KEY_DEFAULT:
            props[key_prop] = REL_KEY_DEFAULT[rel]
        else:
            c.problem(("props", key_prop), f"{rel.value} needs a {key_prop}")
            return
    if key_prop == "role" and isinstance(props["role"], str):
        props["role"] = role_english(props["role"])  # 牵头 -> lead, as in members and parties
    decl = c.rel(rel, c.ref(spec.from_, ANY_FACT, "from"), c.ref(spec.to, ANY_FACT, "to"), c.origin(), props)
    if isinstance(spec.inferred, list):
        decl.inferred = list(spec.inferred)
    elif spec.inferred:  # the relationship itself (validation: with a reason)
        decl.inferred_reason = spec.inferred_reason
    if spec.quote:  # the relationship's own quote
        decl.quote = clean_text(spec.quote)
    yield decl


def inferred_links(decls: Iterator[Decl], spec: Any) -> Iterator[Decl]:
    """The links of a field the entry lists in ``inferred`` (``region``, ``members`` …)
    are inferred relationships: those without their own quote or mark get the entry's
    ``inferred_reason`` (or a note that the field is listed as inferred)."""
    fields = set(spec.inferred)
    for decl in decls:
        if isinstance(decl, RelDecl) and decl.quote is None and decl.inferred_reason is None:
            fld = (decl.origin.field or "").split(".", 1)[0]
            if fld in fields:
                decl.inferred_reason = spec.inferred_reason or f"the sheet lists {fld} as inferred"
        yield decl


def _marking_inferred_links(
    convert: Callable[[Any, Context, tuple[Any, ...]], Iterator[Decl]],
) -> Callable[[Any, Context, tuple[Any, ...]], Iterator[Decl]]:
    """``convert`` followed by ``inferred_links`` for entries that list inferred fields."""

    def wrapped(spec: Any, ctx: Context, path: tuple[Any, ...]) -> Iterator[Decl]:
        decls = convert(spec, ctx, path)
        return inferred_links(decls, spec) if spec.inferred else decls

    wrapped.__doc__ = convert.__doc__
    return wrapped


#: Fact-sheet section -> (spec model, converter). A relation's ``inferred`` names its
#: own properties (or marks it whole), so it is not wrapped.
SECTIONS: dict[str, tuple[type[BaseModel], Callable[..., Iterator[Decl]]]] = {
    "regions": (RegionSpec, _marking_inferred_links(convert_region)),
    "industries": (IndustrySpec, _marking_inferred_links(convert_industry)),
    "organizations": (OrganizationSpec, _marking_inferred_links(convert_organization)),
    "people": (PersonSpec, _marking_inferred_links(convert_person)),
    "consortia": (ConsortiumSpec, _marking_inferred_links(convert_consortium)),
    "programs": (ProgramSpec, _marking_inferred_links(convert_program)),
    "events": (EventSpec, _marking_inferred_links(convert_event)),
    "projects": (ProjectSpec, _marking_inferred_links(convert_project)),
    "agreements": (AgreementSpec, _marking_inferred_links(convert_agreement)),
    "policies": (PolicySpec, _marking_inferred_links(convert_policy)),
    "relations": (RelationSpec, convert_relation),
}
