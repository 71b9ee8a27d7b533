"""One entity's profile: its card and its bounded neighbourhood, for the workbench's
entity pages (``/entity/<id>``) and anyone who wants the same in a notebook.

Every function starts from the entity's id — a seek on the label's unique ``id`` —
and never scans a label. Every list is capped in Cypher (``LIMIT $limit``, one row
more than shown, so a page knows there is more): a region with a million
organisations costs what a region with ten does.

- ``find_entity`` — which node an id names (one seek per keyed label), its properties
  and the sources that report it, each with its quote;
- ``sections`` — the neighbours of an entity, section by section (an organisation's
  consortia, projects, agreements …; a consortium's members; a region's organisations
  …), each neighbour with the relationship's role, its own quotes and sources, and the
  curator's reason when the relationship is inferred (``SECTIONS`` says which sections
  each label has);
- ``partner_panel`` — an organisation's partners as the registry's ``partners``
  (with co-presence) and ``depth`` questions answer (the same functions, over one read
  of its links), each shared activity with the quotes of both ties;
- ``amounts`` — the amounts and counts of a node as Quantities (``2800余`` stays
  qualified);
- ``source_facts`` / ``source_text`` / ``highlight`` — what a source supports, the
  article's text where the package holds it, and that text cut into plain and quoted
  segments.

This module declares no question: it is a helper of the package (docs/contributing.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from itertools import groupby
from pathlib import Path
from typing import Any

from iegraph.db import Runner
from iegraph.names import clean_text
from iegraph.quantities import Quantity, read_quantities, read_quantity
from iegraph.queries._base import CARRIER_KIND, PARTNER_TYPES, source_titles, uniq
from iegraph.queries._marks import inferred_mark
from iegraph.queries.partners import (
    CO_LEAD_KIND,
    CO_PRESENCE,
    depth_rows,
    partner_links,
    partner_rows,
    working_links,
)
from iegraph.schema.model import COMPOSITION_KEYS, KEYED_LABELS, Label, Rel, label_of

#: How many items a section lists by default, and at most (a "more" link raises it).
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: How many shared activities of one partnership a page shows with their quotes.
MAX_VIAS = 10

#: Internal properties a card does not show (keys of matching, bookkeeping).
_HIDDEN_PROPS = frozenset(("name_key", "alias_keys", "id", "name", "aliases", "inferred", "inferred_reason"))


def clamp_limit(limit: int | None) -> int:
    """A list size a page may ask for: DEFAULT_LIMIT when none, at most MAX_LIMIT."""
    if limit is None or limit < 1:
        return DEFAULT_LIMIT
    return min(limit, MAX_LIMIT)


@dataclass(slots=True)
class QuoteRef:
    """One source's word on a node or relationship: the quote (None when the source gave
    none — a finding, never filled with another sentence) and the source."""

    source_id: str
    source: str
    quote: str | None


@dataclass(slots=True)
class Card:
    """What a node is: id, model label, kind (organisation kind or the label), name,
    aliases, its other properties, what the curator inferred (and why), its sources."""

    id: str
    label: str
    kind: str
    name: str
    aliases: list[str]
    props: dict[str, Any]
    inferred: str | None
    sources: list[QuoteRef]


def _label_of(labels: list[str]) -> str:
    """The keyed label of a node (Organization for every organisation, whatever its kind)."""
    for lbl in KEYED_LABELS:
        if lbl.value in labels:
            return lbl.value
    return labels[0] if labels else ""


#: One index seek per keyed label: ids are unique per label, so an id may (rarely) name
#: nodes of two labels; the first label in KEYED_LABELS order wins.
_FIND = (
    "CALL () { "
    + " UNION ".join(f"MATCH (n:{lbl.value} {{id: $id}}) RETURN n" for lbl in KEYED_LABELS)
    + " } WITH n LIMIT $most "
    f"OPTIONAL MATCH (n)-[q:{Rel.REPORTED_IN.value}]->(s:{Label.SOURCE.value}) "
    "WITH n, q, s ORDER BY s.date, s.id "
    "RETURN labels(n) AS labels, properties(n) AS props, "
    "collect(CASE WHEN s IS NULL THEN NULL ELSE {id: s.id, title: s.title, quote: q.quote} END) AS sources"
)


def find_entity(runner: Runner, entity_id: str) -> Card | None:
    """The node whose ``id`` is ``entity_id`` (any keyed label), or None."""
    rows = runner.read(_FIND, {"id": entity_id, "most": len(KEYED_LABELS)})
    if not rows:
        return None
    rows.sort(key=lambda r: [lbl.value for lbl in KEYED_LABELS].index(_label_of(r["labels"])))
    row = rows[0]
    props = dict(row["props"])
    label = _label_of(row["labels"])
    name = props.get("name") or props.get("title") or entity_id
    return Card(
        id=entity_id,
        label=label,
        kind=str(props.get("kind") or label) if label == Label.ORGANIZATION.value else label,
        name=str(name),
        aliases=list(props.get("aliases") or []),
        props={k: v for k, v in props.items() if k not in _HIDDEN_PROPS},
        inferred=inferred_mark(props),
        sources=[QuoteRef(s["id"], s["title"] or s["id"], s["quote"] or None) for s in row["sources"]],
    )


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True, slots=True)
class Section:
    """A kind of neighbour: relationship type, direction (``outgoing`` from the entity)
    and the neighbour's label. ``key`` names the section (the page's heading)."""

    key: str
    rel: Rel
    outgoing: bool
    other: Label


def _s(key: str, rel: Rel, outgoing: bool, other: Label) -> Section:
    return Section(key, rel, outgoing, other)


_ORG, _CONS, _PROJ, _AGR = Label.ORGANIZATION, Label.CONSORTIUM, Label.PROJECT, Label.AGREEMENT
_EVT, _PRG, _POL, _REG = Label.EVENT, Label.PROGRAM, Label.POLICY, Label.REGION
_IND, _PER = Label.INDUSTRY, Label.PERSON
_IN, _MEM, _SIG, _ATT = Rel.PARTICIPATES_IN, Rel.MEMBER_OF, Rel.SIGNED, Rel.ATTENDED
_LOC, _INDR, _PART, _APP = Rel.LOCATED_IN, Rel.IN_INDUSTRY, Rel.PART_OF, Rel.APPROVED

#: The sections of each label's page, in page order (relationships as the graph contract
#: writes them, docs/contributing.md).
SECTIONS: dict[str, tuple[Section, ...]] = {
    _ORG.value: (
        _s("consortia", _MEM, True, _CONS),
        _s("projects", _IN, True, _PROJ),
        _s("programs", _IN, True, _PRG),
        _s("agreements", _SIG, True, _AGR),
        _s("events", _ATT, True, _EVT),
        _s("people", Rel.HOLDS_POSITION, False, _PER),
        _s("approved", _APP, True, _PROJ),
        _s("approved_consortia", _APP, True, _CONS),
        _s("policies", Rel.ISSUED, True, _POL),
        _s("parent_org", _PART, True, _ORG),
        _s("units", _PART, False, _ORG),
        _s("regions", _LOC, True, _REG),
        _s("industries", _INDR, True, _IND),
    ),
    _CONS.value: (
        _s("members", _MEM, False, _ORG),
        _s("projects", _PART, False, _PROJ),
        _s("agreements", _PART, False, _AGR),
        _s("events", _PART, False, _EVT),
        _s("programs", _PART, False, _PRG),
        _s("approved_by", _APP, False, _ORG),
        _s("regions", _LOC, True, _REG),
        _s("industries", _INDR, True, _IND),
    ),
    _PROJ.value: (
        _s("parties", _IN, False, _ORG),
        _s("part_of", _PART, True, _CONS),
        _s("part_of_program", _PART, True, _PRG),
        _s("signed_at", Rel.SIGNED_AT, True, _EVT),
        _s("approved_by", _APP, False, _ORG),
        _s("regions", _LOC, True, _REG),
        _s("industries", _INDR, True, _IND),
    ),
    _AGR.value: (
        _s("signatories", _SIG, False, _ORG),
        _s("part_of", _PART, True, _CONS),
        _s("signed_at", Rel.SIGNED_AT, True, _EVT),
    ),
    _PRG.value: (
        _s("owners", _IN, False, _ORG),
        _s("projects", _PART, False, _PROJ),
        _s("part_of", _PART, True, _CONS),
        _s("approved_by", _APP, False, _ORG),
        _s("industries", _INDR, True, _IND),
    ),
    _EVT.value: (
        _s("attendees", _ATT, False, _ORG),
        _s("people", _ATT, False, _PER),
        _s("signed_projects", Rel.SIGNED_AT, False, _PROJ),
        _s("signed_agreements", Rel.SIGNED_AT, False, _AGR),
        _s("part_of", _PART, True, _CONS),
        _s("regions", _LOC, True, _REG),
    ),
    _POL.value: (_s("issuers", Rel.ISSUED, False, _ORG),),
    _REG.value: (
        _s("parent_region", _PART, True, _REG),
        _s("subregions", _PART, False, _REG),
        _s("organizations", _LOC, False, _ORG),
        _s("consortia", _LOC, False, _CONS),
        _s("projects", _LOC, False, _PROJ),
        _s("events", _LOC, False, _EVT),
        _s("industries", _INDR, True, _IND),
    ),
    _IND.value: (
        _s("parent_industry", _PART, True, _IND),
        _s("subindustries", _PART, False, _IND),
        _s("organizations", _INDR, False, _ORG),
        _s("consortia", _INDR, False, _CONS),
        _s("projects", _INDR, False, _PROJ),
        _s("programs", _INDR, False, _PRG),
        _s("regions", _INDR, False, _REG),
    ),
    _PER.value: (
        _s("positions", Rel.HOLDS_POSITION, True, _ORG),
        _s("events", _ATT, True, _EVT),
    ),
    Label.SOURCE.value: (),
}


@dataclass(slots=True)
class Neighbour:
    """One neighbour of the entity and the relationship that links them: the
    relationship's role (or a position's title), its own quote per source
    (``quotes``, aligned with the relationship's sources), and ``inferred`` — the
    curator's reason when no source states the relationship (or a field of it)."""

    id: str
    name: str
    label: str
    kind: str
    role: str | None
    date: str | None
    quotes: list[QuoteRef]
    inferred: str | None


@dataclass(slots=True)
class SectionRows:
    """The capped neighbours of one section; ``more`` when the cap cut the list."""

    section: Section
    items: list[Neighbour] = field(default_factory=list)
    more: bool = False


def _sections_query(label: str) -> str:
    """One query for every section of ``label``'s page: a subquery per section, each
    capped, collected into one list (``s0``, ``s1`` … in SECTIONS order) — one round trip
    instead of one per section."""
    calls = []
    for i, sec in enumerate(SECTIONS[label]):
        arrow = f"-[r:{sec.rel.value}]->" if sec.outgoing else f"<-[r:{sec.rel.value}]-"
        # A consortium's leads come first: the one section whose order carries meaning.
        # Elsewhere no ORDER BY, so LIMIT stops the expansion early on a hub; the page
        # sorts the capped rows itself.
        order = "ORDER BY coalesce(r.role, '') = 'lead' DESC, m.name " if sec.rel is _MEM else ""
        calls.append(
            f"CALL (n) {{ MATCH (n){arrow}(m:{sec.other.value}) WITH r, m {order}LIMIT $limit "
            "RETURN collect({id: m.id, name: coalesce(m.name, m.id), kind: m.kind, "
            "date: coalesce(m.date, m.founded), role: coalesce(r.role, r.title), "
            "sources: coalesce(r.sources, []), quotes: coalesce(r.quotes, []), "
            f"whole: r.inferred_reason, fields: r.inferred}}) AS s{i} }} "
        )
    names = ", ".join(f"s{i}" for i in range(len(calls)))
    return f"MATCH (n:{label} {{id: $id}}) " + "".join(calls) + f"RETURN {names}"


#: The sections query of each label that has sections, built once.
_SECTIONS_QUERY = {label: _sections_query(label) for label, secs in SECTIONS.items() if secs}


def _quote_refs(sources: list[str], quotes: list[Any], titles: dict[str, str]) -> list[QuoteRef]:
    """A relationship's (source, own quote) pairs; a missing ``quotes`` reads as all ''."""
    return [
        QuoteRef(sid, titles.get(sid, sid), (quotes[i] if i < len(quotes) else "") or None)
        for i, sid in enumerate(sources)
    ]


def _inferred(whole: str | None, fields: list[str] | None) -> str | None:
    parts = [whole] if whole else []
    if fields:
        parts.append("inferred " + ", ".join(fields))
    return "; ".join(parts) or None


def sections(runner: Runner, card: Card, limit: int = DEFAULT_LIMIT) -> list[SectionRows]:
    """The neighbours of the entity of ``card``, section by section (``SECTIONS``), at
    most ``limit`` per section; empty sections are left out."""
    limit = clamp_limit(limit)
    raw: list[tuple[Section, list[dict[str, Any]]]] = []
    query = _SECTIONS_QUERY.get(card.label)
    found = runner.read(query, {"id": card.id, "limit": limit + 1}) if query else []
    if found:
        for i, sec in enumerate(SECTIONS[card.label]):
            if found[0][f"s{i}"]:
                raw.append((sec, found[0][f"s{i}"]))
    titles = source_titles(runner, [s for _, rows in raw for r in rows for s in r["sources"]])
    out = []
    for sec, rows in raw:
        items = [
            Neighbour(
                id=r["id"],
                name=r["name"],
                label=sec.other.value,
                kind=r["kind"] or sec.other.value,
                role=r["role"],
                date=r["date"],
                quotes=_quote_refs(r["sources"], r["quotes"], titles),
                inferred=_inferred(r["whole"], r["fields"]),
            )
            for r in rows[:limit]
        ]
        if sec.rel is not _MEM:
            items.sort(key=lambda n: (n.date is None, n.date or "", n.name))
        out.append(SectionRows(sec, items, more=len(rows) > limit))
    return out


# --------------------------------------------------------------------------- partners


@dataclass(slots=True)
class Via:
    """A shared activity of a partnership ("through what"): its kind, id, name, and the
    quotes of both organisations' ties to it (the entity's first)."""

    kind: str
    id: str
    name: str
    quotes: list[QuoteRef]
    inferred: list[str]


@dataclass(slots=True)
class PartnerView:
    """One partner as the page shows it: ``basis`` (working or co-presence) and ``through``
    from the ``partners`` question, ``depth`` from the ``depth`` question (co-presence
    for a partner without joint work), dates and sources."""

    partner_id: str
    partner: str
    kind: str | None
    basis: str
    depth: str
    score: float | None
    through: list[Via]
    #: shared activities beyond the MAX_VIAS shown (the partners question lists them all)
    more_vias: int
    first_date: str | None
    last_date: str | None
    sources: list[str]
    inferred: list[str]


@dataclass(slots=True)
class PartnerPanel:
    """An organisation's partners (the first ``limit``), ``more`` when there are more,
    and how many partners fall in each depth class (over all of them)."""

    partners: list[PartnerView]
    more: bool
    depth_counts: dict[str, int]


def _tie_quotes_query(carrier: Label) -> str:
    """The ties of given (organisation, carrier) pairs, walked from the carrier (an index
    seek, then its few parties), never over a hub organisation's every tie."""
    return (
        "UNWIND $pairs AS pair "
        f"MATCH (v:{carrier.value} {{id: pair.v}})<-[r:{PARTNER_TYPES}]-(o:{Label.ORGANIZATION.value}) "
        # the hint makes the carrier the start: left alone the planner seeks the
        # organisation and walks all its ties, thousands for a hub, once per pair
        f"USING INDEX v:{carrier.value}(id) "
        "WHERE o.id = pair.o "
        "RETURN pair.o AS o, pair.v AS v, coalesce(r.sources, []) AS sources, "
        "coalesce(r.quotes, []) AS quotes, r.inferred_reason AS whole"
    )


#: The carrier label of each kind of shared activity the partners question names.
_CARRIER_OF_KIND: dict[str, Label] = {
    **{kind: label_of(name) for name, kind in CARRIER_KIND.items()},
    CO_LEAD_KIND: Label.CONSORTIUM,
}
_TIE_QUOTES = {label: _tie_quotes_query(label) for label in set(_CARRIER_OF_KIND.values())}


def partner_panel(runner: Runner, org_id: str, limit: int = DEFAULT_LIMIT) -> PartnerPanel:
    """The partners of organisation ``org_id``: every partner of ``partners`` with
    co-presence (working partners first), its depth class from ``depth``, and, for the
    first ``limit`` of them, their first MAX_VIAS shared activities with both ties' own
    quotes."""
    limit = clamp_limit(limit)
    # One read of the organisation's links serves both answers: a hub has thousands,
    # and reading them once for partners and again for depth doubled the page's time.
    links = partner_links(runner, org_id, with_co_presence=True)
    rows = partner_rows(links)
    depth_of = {d.partner_id: d for d in depth_rows(working_links(links))}
    counts: dict[str, int] = {}
    for row in rows:
        cls = depth_of[row.partner_id].depth if row.partner_id in depth_of else CO_PRESENCE
        counts[cls] = counts.get(cls, 0) + 1
    shown = rows[:limit]
    by_label: dict[Label, list[dict[str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for row in shown:
        for vid, text in list(zip(row.via_ids, row.through, strict=True))[:MAX_VIAS]:
            label = _CARRIER_OF_KIND.get(text.partition(": ")[0])
            for o in (org_id, row.partner_id):
                if label is not None and (o, vid) not in seen:
                    seen.add((o, vid))
                    by_label.setdefault(label, []).append({"o": o, "v": vid})
    ties = [t for label, pairs in by_label.items() for t in runner.read(_TIE_QUOTES[label], {"pairs": pairs})]
    titles = source_titles(runner, [s for t in ties for s in t["sources"]])
    quotes_of: dict[tuple[str, str], list[tuple[list[QuoteRef], str | None]]] = {}
    for t in ties:
        quotes_of.setdefault((t["o"], t["v"]), []).append(
            (_quote_refs(t["sources"], t["quotes"], titles), t["whole"])
        )
    out = []
    for row in shown:
        vias = []
        for vid, text in list(zip(row.via_ids, row.through, strict=True))[:MAX_VIAS]:
            kind, _, name = text.partition(": ")
            refs: list[QuoteRef] = []
            reasons: list[str] = []
            for who in (org_id, row.partner_id):
                for qs, whole in quotes_of.get((who, vid), []):
                    refs.extend(qs)
                    if whole:
                        reasons.append(whole)
            vias.append(Via(kind, vid, name, _distinct_quotes(refs), uniq(reasons)))
        d = depth_of.get(row.partner_id)
        out.append(
            PartnerView(
                partner_id=row.partner_id,
                partner=row.partner,
                kind=row.kind,
                basis=row.basis,
                depth=d.depth if d is not None else CO_PRESENCE,
                score=d.score if d is not None else None,
                through=vias,
                more_vias=len(row.via_ids) - len(vias),
                first_date=row.first_date,
                last_date=row.last_date,
                sources=row.sources,
                inferred=row.inferred,
            )
        )
    return PartnerPanel(out, more=len(rows) > limit, depth_counts=counts)


def _distinct_quotes(refs: list[QuoteRef]) -> list[QuoteRef]:
    """One ref per (source, quote): the two ties of a pair often quote one sentence. A
    source that gave no quote for one tie but a quote for the other keeps the quote."""
    seen: dict[tuple[str, str | None], QuoteRef] = {}
    for ref in refs:
        seen.setdefault((ref.source_id, ref.quote), ref)
    quoted = {sid for sid, q in seen if q}
    return [ref for (sid, q), ref in seen.items() if q or sid not in quoted]


# --------------------------------------------------------------------------- amounts

#: Prefixes of the amount families of the graph contract (iegraph/quantities.py).
AMOUNT_PREFIXES: tuple[str, ...] = ("output_", "target_", "attendee_count_")
#: Single amounts, by base name.
AMOUNT_BASES: tuple[str, ...] = ("investment", "signatory_count")


def amounts(props: dict[str, Any]) -> dict[str, Quantity]:
    """Every amount or count of a node as the source gives it (``investment``,
    ``output_trainees``, ``reported_enterprise`` …), by its property base name."""
    out: dict[str, Quantity] = {}
    for base in AMOUNT_BASES:
        q = read_quantity(props, base)
        if q is not None:
            out[base] = q
    for prefix in AMOUNT_PREFIXES:
        for key, q in read_quantities(props, prefix).items():
            out[prefix + key] = q
    for key in COMPOSITION_KEYS:
        q = read_quantity(props, f"reported_{key}")
        if q is not None:
            out[f"reported_{key}"] = q
    return out


def amount_props(props: dict[str, Any]) -> set[str]:
    """The property names that make up the amounts of ``props`` (numbers and companions)."""
    names: set[str] = set()
    for base in amounts(props):
        names.update(k for k in props if k == base or k.startswith(base + "_"))
    for legacy in ("investment_yuan", "investment_text"):
        if legacy in props:
            names.add(legacy)
    return names


# --------------------------------------------------------------------------- sources


@dataclass(slots=True)
class Fact:
    """One statement a source supports: a node it reports (``statement`` = the node's
    name) or a relationship it cites (``-[TYPE]-> other``), with the source's quote for it."""

    statement: str
    subject_id: str
    subject: str
    rel: str | None
    other_id: str | None
    other: str | None
    quote: str | None
    inferred: str | None


_NODE_FACTS = (
    f"MATCH (s:{Label.SOURCE.value} {{id: $id}})<-[q:{Rel.REPORTED_IN.value}]-(n) "
    "WITH n, q LIMIT $limit "
    "RETURN n.id AS id, coalesce(n.name, n.id) AS name, q.quote AS quote, "
    "n.inferred AS fields, n.inferred_reason AS reason"
)

# Relationships citing the source start at a node the source reports (the loader writes
# both from one entry), so they are found from those nodes, never from a scan of all
# relationships; ``$scan`` bounds the nodes looked at.
_REL_FACTS = (
    f"MATCH (s:{Label.SOURCE.value} {{id: $id}})<-[:{Rel.REPORTED_IN.value}]-(n) "
    "WITH n LIMIT $scan "
    f"MATCH (n)-[r]->(m) WHERE type(r) <> '{Rel.REPORTED_IN.value}' AND $id IN coalesce(r.sources, []) "
    "WITH n, r, m LIMIT $limit "
    "WITH n, r, m, [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] = $id][0] AS at "
    "RETURN n.id AS id, coalesce(n.name, n.id) AS name, type(r) AS type, "
    "coalesce(r.role, r.title) AS role, m.id AS mid, coalesce(m.name, m.id) AS mname, "
    "coalesce(r.quotes, [])[at] AS quote, r.inferred_reason AS whole, r.inferred AS fields"
)


@dataclass(slots=True)
class SourceFacts:
    """What a source supports: the nodes it reports and the relationships citing it
    (each capped), ``more`` when a cap cut either list."""

    nodes: list[Fact]
    relations: list[Fact]
    more: bool


def source_facts(runner: Runner, source_id: str, limit: int = DEFAULT_LIMIT) -> SourceFacts:
    """The facts source ``source_id`` supports, each with the quote it gives (capped at
    ``limit`` nodes and ``limit`` relationships)."""
    limit = clamp_limit(limit)
    nodes = runner.read(_NODE_FACTS, {"id": source_id, "limit": limit + 1})
    rels = runner.read(_REL_FACTS, {"id": source_id, "scan": 4 * limit, "limit": limit + 1})
    node_facts = [
        Fact(
            r["name"],
            r["id"],
            r["name"],
            None,
            None,
            None,
            r["quote"] or None,
            inferred_mark({"inferred": r["fields"], "inferred_reason": r["reason"]}),
        )
        for r in nodes[:limit]
    ]
    rel_facts = [
        Fact(
            f"{r['name']} -[{r['type']}]-> {r['mname']}" + (f" ({r['role']})" if r["role"] else ""),
            r["id"],
            r["name"],
            r["type"],
            r["mid"],
            r["mname"],
            r["quote"] or None,
            _inferred(r["whole"], r["fields"]),
        )
        for r in rels[:limit]
    ]
    node_facts.sort(key=lambda f: f.subject)
    rel_facts.sort(key=lambda f: (f.subject, f.rel or "", f.other or ""))
    return SourceFacts(node_facts, rel_facts, more=len(nodes) > limit or len(rels) > limit)


#: Where the package keeps the archived texts of its sources (the seed articles).
TEXT_DIRS: tuple[Path, ...] = (Path(str(files("iegraph").joinpath("data", "seeds", "texts"))),)


def source_text(file_name: str | None, dirs: tuple[Path, ...] = TEXT_DIRS) -> str | None:
    """The text of a source's archived article (its ``file`` property) in simplified
    Chinese without the pinyin noise — how quotes are written — or None when no text is
    held. Only a bare file name inside ``dirs`` is read: a ``file`` value from the graph
    never names a path."""
    if not file_name or Path(file_name).name != file_name or file_name in (".", ".."):
        return None
    for folder in dirs:
        path = folder / file_name
        if path.is_file():
            return clean_text(path.read_text(encoding="utf-8"))
    return None


#: How a quote leaves out a part of the article between two passages it joins.
ELLIPSIS = "……"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the text: ``facts`` are the numbers (1-based) of the quotes covering
    it; empty for plain text."""

    text: str
    facts: tuple[int, ...]


def highlight(text: str, quotes: list[str | None]) -> tuple[list[Segment], list[int]]:
    """Cut ``text`` into segments, each covered by the same quotes (numbered from 1 in
    ``quotes`` order). A quote that joins passages with …… marks each passage, in order.
    Returns the segments and the numbers of the quotes not found in the text. The
    segments are plain text: a page escapes each one and marks the quoted ones."""
    cover: list[set[int]] = [set() for _ in text]
    missing = []
    for n, quote in enumerate(quotes, start=1):
        if not quote:
            continue
        spans = _find_passages(text, quote)
        if spans is None:
            missing.append(n)
            continue
        for start, end in spans:
            for i in range(start, end):
                cover[i].add(n)
    keys = [tuple(sorted(facts)) for facts in cover]
    segments = []
    start = 0
    for key, run in groupby(keys):
        length = len(list(run))
        segments.append(Segment(text[start : start + length], key))
        start += length
    return segments, missing


def _find_passages(text: str, quote: str) -> list[tuple[int, int]] | None:
    """Where each passage of ``quote`` occurs in ``text``, in order; None when one does not."""
    spans = []
    at = 0
    for passage in quote.split(ELLIPSIS):
        passage = passage.strip()
        if not passage:
            continue
        found = text.find(passage, at)
        if found < 0:
            return None
        spans.append((found, found + len(passage)))
        at = found + len(passage)
    return spans or None
