"""Who an organisation works with, and how deep each partnership goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from iegraph.db import Runner
from iegraph.queries._base import (
    BASIS_CO_PRESENCE,
    BASIS_WORKING,
    CARRIER_KIND,
    CARRIER_LABEL_NAMES,
    PAGING,
    PARTNER_TYPES,
    WITH_CO_PRESENCE,
    Param,
    inferred_cypher,
    page_params,
    pair_basis,
    pair_filter,
    question,
    stronger_basis,
    tie_basis,
    uniq,
    year_of,
)
from iegraph.queries.lookup import resolve_org
from iegraph.schema.model import Label


class _Ranked(Protocol):
    """A row about one partner (``PartnerRow``, ``DepthRow``): what ``_in_order`` sorts."""

    partner_id: str


_R = TypeVar("_R", bound=_Ranked)

#: The two orders a page of partners can be cut in (``ranked_links``).
BY_PARTNERS = "partners"
BY_DEPTH = "depth"


def _links_query(with_co_presence: bool) -> str:
    """Rows of (partner, shared activity, the two ties) for one organisation: working
    pairs only unless ``with_co_presence``. The activity's kind is its carrier label, its
    date its own ``date`` (a consortium's ``founded``); ``inferred`` = the reasons of the
    two ties that the curator inferred."""
    return (
        f"MATCH (o:{Label.ORGANIZATION.value} {{id: $id}})-[r1:{PARTNER_TYPES}]->(v)"
        f"<-[r2:{PARTNER_TYPES}]-(p:{Label.ORGANIZATION.value}) "
        f"WHERE p <> o AND {pair_filter('r1', 'r2', with_co_presence)} "
        "RETURN p.id AS partner_id, p.name AS partner, p.kind AS kind, "
        "v.id AS via_id, v.name AS via_name, [l IN labels(v) WHERE l IN $carriers][0] AS via_label, "
        "coalesce(v.date, v.founded) AS date, type(r1) AS type1, r1.role AS role1, "
        "type(r2) AS type2, r2.role AS role2, "
        f"{inferred_cypher('r1', 'r2')} AS inferred, "
        "coalesce(r1.sources, []) + coalesce(r2.sources, []) AS sources"
    )


#: The two texts of the query, built once.
_LINKS = {flag: _links_query(flag) for flag in (False, True)}

#: How ``through`` and ``types`` name a consortium two organisations lead together
#: (working), to tell it from a consortium they only belong to (co-presence).
CO_LEAD_KIND = "consortium (co-leads)"


def _ranked_query(with_co_presence: bool, order: str) -> str:
    """The links of one page of an organisation's partners, the page cut in Cypher.

    The partners are ranked in the database by what ``partner_rows`` (``BY_PARTNERS``:
    working first, then most shared activities, most sources, name, id) or
    ``depth_rows`` (``BY_DEPTH``: score, then name, id) sort by, computed from the same
    links; only the partners of the page ``$skip``/``$limit`` return their links (the
    rows of ``_links_query``), so a hub's thousands of partners are ranked, not shipped.
    """
    kinds = ", ".join(f"{label}: '{kind}'" for label, kind in CARRIER_KIND.items())
    head = (
        f"MATCH (o:{Label.ORGANIZATION.value} {{id: $id}})-[r1:{PARTNER_TYPES}]->(v)"
        f"<-[r2:{PARTNER_TYPES}]-(p:{Label.ORGANIZATION.value}) "
        f"WHERE p <> o AND {pair_filter('r1', 'r2', with_co_presence)} "
        "WITH p, v, r1, r2, [l IN labels(v) WHERE l IN $carriers][0] AS via_label, "
        f"CASE WHEN {pair_filter('r1', 'r2', False)} THEN 1 ELSE 0 END AS w "
        "WITH p, v, via_label, max(w) AS w, collect({via_id: v.id, via_name: v.name, via_label: via_label, "
        "date: coalesce(v.date, v.founded), type1: type(r1), role1: r1.role, type2: type(r2), role2: r2.role, "
        f"inferred: {inferred_cypher('r1', 'r2')}, "
        "sources: coalesce(r1.sources, []) + coalesce(r2.sources, [])}) AS links "
        # per partner: its shared activities (a consortium led together is a kind of its own)
        f"WITH p, v, w, links, coalesce({{{kinds}}}[via_label], 'other') AS kind "
        f"WITH p, w, links, CASE WHEN kind = 'consortium' AND w = 1 THEN '{CO_LEAD_KIND}' ELSE kind END AS kind, "
        "coalesce(v.date, v.founded) AS date "
        "WITH p, max(w) AS working, count(*) AS n_vias, collect(DISTINCT kind) AS types, "
        "sum(CASE WHEN kind IN ['project', 'program'] THEN 1 ELSE 0 END) AS joint, "
        "sum(CASE WHEN kind = 'agreement' THEN 1 ELSE 0 END) AS agreements, "
        "collect(CASE WHEN date =~ '[0-9]{4}.*' THEN toInteger(left(date, 4)) END) AS years, "
        "reduce(acc = [], ls IN collect(links) | acc + ls) AS links "
        "CALL (links) { UNWIND links AS l UNWIND l.sources AS sid RETURN count(DISTINCT sid) AS n_src } "
    )
    if order == BY_DEPTH:
        rank = (
            "WITH p, links, size(types) + 2 * joint + agreements "
            "+ coalesce(reduce(m = null, y IN years | CASE WHEN m IS NULL OR y > m THEN y ELSE m END) "
            "- reduce(m = null, y IN years | CASE WHEN m IS NULL OR y < m THEN y ELSE m END), 0) "
            "+ CASE WHEN n_src > 1 THEN n_src - 1 ELSE 0 END AS score "
            "ORDER BY score DESC, p.name, p.id "
        )
    else:
        rank = "WITH p, links, working, n_vias, n_src ORDER BY working DESC, n_vias DESC, n_src DESC, p.name, p.id "
    return (
        head
        + rank
        + "SKIP $skip LIMIT $limit "
        + "UNWIND links AS link "
        + "RETURN p.id AS partner_id, p.name AS partner, p.kind AS kind, link.via_id AS via_id, "
        + "link.via_name AS via_name, link.via_label AS via_label, link.date AS date, link.type1 AS type1, "
        + "link.role1 AS role1, link.type2 AS type2, link.role2 AS role2, link.inferred AS inferred, "
        + "link.sources AS sources"
    )


_RANKED = {
    (flag, order): _ranked_query(flag, order) for flag in (False, True) for order in (BY_PARTNERS, BY_DEPTH)
}


def ranked_links(
    runner: Runner, org_id: str, with_co_presence: bool, order: str, limit: int | None, offset: int
) -> tuple[list[dict[str, Any]], list[str]]:
    """The links (as ``partner_links`` gives them) of one page of partners ranked by
    ``order`` in the database, and the page's partner ids in rank order."""
    rows = runner.read(
        _RANKED[(with_co_presence, order)],
        {"id": org_id, "carriers": CARRIER_LABEL_NAMES, **page_params(limit, offset)},
    )
    for row in rows:
        row["basis"] = pair_basis(
            tie_basis(row["type1"], row["role1"]), tie_basis(row["type2"], row["role2"])
        )
    return rows, uniq(row["partner_id"] for row in rows)


def partner_links(runner: Runner, org_id: str, with_co_presence: bool = False) -> list[dict[str, Any]]:
    """Raw (partner, shared activity, basis, inferred reasons, sources) rows of ``org_id``:
    working partnerships only unless ``with_co_presence``."""
    rows = runner.read(_LINKS[with_co_presence], {"id": org_id, "carriers": CARRIER_LABEL_NAMES})
    for row in rows:
        row["basis"] = pair_basis(
            tie_basis(row["type1"], row["role1"]), tie_basis(row["type2"], row["role2"])
        )
    return rows


@dataclass(slots=True)
class _Via:
    kind: str
    name: str
    date: str | None
    basis: str


@dataclass(slots=True)
class _Acc:
    partner_id: str
    partner: str
    kind: str | None
    vias: dict[str, _Via] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)

    @property
    def basis(self) -> str:
        """working when any shared activity is joint work, else co-presence."""
        working = any(v.basis == BASIS_WORKING for v in self.vias.values())
        return BASIS_WORKING if working else BASIS_CO_PRESENCE


def _group(links: list[dict[str, Any]]) -> list[_Acc]:
    accs: dict[str, _Acc] = {}
    for link in links:
        acc = accs.setdefault(link["partner_id"], _Acc(link["partner_id"], link["partner"], link["kind"]))
        kind = CARRIER_KIND.get(link["via_label"] or "", "other")
        basis = link["basis"]
        via = acc.vias.get(link["via_id"])
        if via is None:
            acc.vias[link["via_id"]] = _Via(kind, link["via_name"] or link["via_id"], link["date"], basis)
        else:
            # Two ties to one carrier (a lead also listed as member): the stronger counts.
            via.basis = stronger_basis(via.basis, basis)
        acc.sources = uniq([*acc.sources, *link["sources"]])
        acc.inferred = uniq([*acc.inferred, *link["inferred"]])
    for acc in accs.values():
        for via in acc.vias.values():
            if via.kind == CARRIER_KIND[Label.CONSORTIUM.value] and via.basis == BASIS_WORKING:
                via.kind = CO_LEAD_KIND
    return list(accs.values())


#: Kinds of *working* cooperation (a shared event, or a consortium not led together, is co-presence).
WORK_KINDS = frozenset({"project", "program", "agreement", CO_LEAD_KIND})


@dataclass(slots=True)
class PartnerRow:
    """One partner of the organisation asked about."""

    partner_id: str
    partner: str
    kind: str | None
    basis: str
    through: list[str]
    via_ids: list[str]
    first_date: str | None
    last_date: str | None
    n_sources: int
    inferred: list[str]
    sources: list[str]


def _sorted_vias(acc: _Acc) -> list[tuple[str, _Via]]:
    """Joint work first, then co-presence; oldest first within each, undated last.

    A shared consortium of 30 members says little, and listed first it hid the joint
    project behind the table's cut-off.
    """
    return sorted(
        acc.vias.items(),
        key=lambda kv: (kv[1].basis != BASIS_WORKING, kv[1].date is None, kv[1].date or "", kv[1].name),
    )


@question(
    "partners",
    "who an organisation works with (joint work; --with-co-presence adds co-members and co-attendees), "
    "through what, dates and corroboration",
    [
        Param("org", help="organisation: name, alias, traditional spelling or id", required=True),
        WITH_CO_PRESENCE,
        *PAGING,
    ],
    [
        "partner",
        "kind",
        "basis",
        "through",
        "first_date",
        "last_date",
        "n_sources",
        "inferred",
        "partner_id",
        "via_ids",
        "sources",
    ],
    example="iegraph query partners --org 大连理工大学 --with-sources",
)
def partners(
    runner: Runner, org: str, with_co_presence: bool = False, limit: int | None = None, offset: int = 0
) -> list[PartnerRow]:
    """Who does X work with, and through what? / X 与哪些单位合作，通过什么方式？

    Partners are organisations that work with X: they take part in the same project or
    programme, signed the same agreement, or lead a consortium together (the *working*
    basis, ``iegraph.queries._base``). With ``with_co_presence`` the organisations that
    only share a consortium (not both as leads) or an event with X are added, with
    ``basis`` 'co-presence'.

    Parameters: ``org`` — name, alias, traditional spelling or id; ``with_co_presence``
    (default False).
    Columns: partner, kind (the partner's kind), basis ('working' when any shared
    activity is joint work — its ``through`` then lists the co-presence ones too when
    asked for —, else 'co-presence'), through (``kind: name`` of each shared activity:
    joint work oldest first, then co-presence oldest first; a consortium led together is
    ``consortium (co-leads)``), first_date/last_date (of the dated activities), n_sources
    (distinct sources reporting either party's part in them), inferred (why the curator
    inferred a relationship the row rests on; empty when the sources state them all),
    partner_id, via_ids, sources (Source ids). Working partners first, then by number of
    shared activities, then sources, name and id; ``limit``/``offset``: one page of
    that order, ranked and cut in the database.
    """
    me = resolve_org(runner, org)
    links, order = ranked_links(runner, me.id, with_co_presence, BY_PARTNERS, limit, offset)
    return _in_order(partner_rows(links), order)


def _in_order(rows: list[_R], order: list[str]) -> list[_R]:
    """Rows in the database's rank order (the ids of ``ranked_links``): Python ranks the
    same links the same way, and the page must be the slice the database cut."""
    rank = {pid: i for i, pid in enumerate(order)}
    return sorted(rows, key=lambda r: rank[r.partner_id])


def partner_rows(links: list[dict[str, Any]]) -> list[PartnerRow]:
    """The ``partners`` answer from the organisation's links (``partner_links``): the
    question and the workbench's partner panel share it, so a page that needs partners
    and depth reads the links once."""
    rows = []
    for acc in _group(links):
        vias = _sorted_vias(acc)
        dates = sorted(v.date for _, v in vias if v.date)
        rows.append(
            PartnerRow(
                partner_id=acc.partner_id,
                partner=acc.partner,
                kind=acc.kind,
                basis=acc.basis,
                through=[f"{v.kind}: {v.name}" for _, v in vias],
                via_ids=[vid for vid, _ in vias],
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                n_sources=len(acc.sources),
                inferred=acc.inferred,
                sources=acc.sources,
            )
        )
    rows.sort(
        key=lambda r: (r.basis != BASIS_WORKING, -len(r.via_ids), -r.n_sources, r.partner, r.partner_id)
    )
    return rows


# --------------------------------------------------------------------------- depth

#: Depth classes, deepest first.
DEEP = "deep"
WORKING = "working"
SIGNATURE_ONLY = "signature-only (合而不融)"
CO_PRESENCE = "co-presence"


@dataclass(slots=True)
class DepthRow:
    """How deep one partnership of the organisation goes."""

    partner_id: str
    partner: str
    kind: str | None
    basis: str
    types: list[str]
    joint_projects: int
    agreements: int
    first_date: str | None
    last_date: str | None
    span_years: int
    n_sources: int
    score: float
    depth: str
    inferred: list[str]
    via_ids: list[str]
    sources: list[str]


def classify(types: set[str], joint_projects: int, agreements: int, n_sources: int) -> str:
    """The depth class of a partnership.

    - deep: at least one joint project/programme AND (another kind of working
      cooperation — an agreement, a consortium led together, or a programme beside a
      project —, or a second joint project, or a second source). Sharing a consortium
      or an event is co-presence and does not deepen a partnership: in a consortium's
      signing article every project partner also shares the consortium, which made
      every single project "deep";
    - working: a single joint project reported once, or leading a consortium together
      without a joint project;
    - signature-only (合而不融): agreements signed, no joint project;
    - co-presence: only a shared consortium (not both leads) or event.
    """
    if joint_projects >= 1:
        if len(types & WORK_KINDS) >= 2 or joint_projects >= 2 or n_sources >= 2:
            return DEEP
        return WORKING
    if agreements >= 1:
        return SIGNATURE_ONLY
    if CO_LEAD_KIND in types:
        return WORKING
    return CO_PRESENCE


def depth_score(n_types: int, joint_projects: int, agreements: int, span_years: int, n_sources: int) -> int:
    """types + 2·joint projects + agreements + span in years + (sources − 1).

    Joint projects weigh double: they are the "integration" that signatures lack.
    """
    return n_types + 2 * joint_projects + agreements + span_years + max(n_sources - 1, 0)


@question(
    "depth",
    "partnership depth per partner: kinds of cooperation, joint projects, span, corroboration (合而不融)",
    [
        Param("org", help="organisation: name, alias, traditional spelling or id", required=True),
        WITH_CO_PRESENCE,
        *PAGING,
    ],
    [
        "partner",
        "kind",
        "basis",
        "depth",
        "score",
        "types",
        "joint_projects",
        "agreements",
        "first_date",
        "last_date",
        "span_years",
        "n_sources",
        "inferred",
        "partner_id",
        "via_ids",
        "sources",
    ],
    example="iegraph query depth --org 大连理工大学",
)
def depth(
    runner: Runner, org: str, with_co_presence: bool = False, limit: int | None = None, offset: int = 0
) -> list[DepthRow]:
    """How deep is each partnership of X? / X 的每个合作关系有多深（是否合而不融）？

    Per working partner (with ``with_co_presence`` also the co-present ones, whose
    consortia and events then count among the types): ``basis`` (as in ``partners``),
    ``types`` (distinct kinds of shared activity: project, program, agreement,
    ``consortium (co-leads)``, and with co-presence consortium, event),
    ``joint_projects`` (shared projects + programmes), ``agreements`` (agreements both
    signed), ``first_date``/``last_date`` and ``span_years`` (last year − first year of
    the dated shared activities), ``n_sources`` (distinct sources), ``score`` = types +
    2·joint_projects + agreements + span_years + (n_sources − 1), and ``depth``: deep,
    working, signature-only (合而不融: signed, never worked together) or co-presence;
    ``inferred`` as in ``partners``.

    Parameters: ``org``, ``with_co_presence`` (default False).
    Columns: partner, kind, basis, depth, score, types, joint_projects, agreements,
    first_date, last_date, span_years, n_sources, inferred, partner_id, via_ids, sources.
    Sorted by score, deepest first, then name and id; ``limit``/``offset``: one page
    of that order, scored and cut in the database.
    """
    me = resolve_org(runner, org)
    links, order = ranked_links(runner, me.id, with_co_presence, BY_DEPTH, limit, offset)
    return _in_order(depth_rows(links), order)


def working_links(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The working links among ``links`` read with co-presence: what ``partner_links``
    returns without it (both filter on the same tie rule, ``pair_basis``)."""
    return [link for link in links if link["basis"] == BASIS_WORKING]


def depth_rows(links: list[dict[str, Any]]) -> list[DepthRow]:
    """The ``depth`` answer from the organisation's links (``partner_links``), shared by
    the question and the workbench's partner panel (see ``partner_rows``)."""
    rows = []
    for acc in _group(links):
        kinds = [v.kind for v in acc.vias.values()]
        types = set(kinds)
        joint = sum(1 for k in kinds if k in ("project", "program"))
        agreements = sum(1 for k in kinds if k == "agreement")
        dates = sorted(v.date for v in acc.vias.values() if v.date)
        years = [y for y in (year_of(d) for d in dates) if y is not None]
        span = (max(years) - min(years)) if years else 0
        n_sources = len(acc.sources)
        rows.append(
            DepthRow(
                partner_id=acc.partner_id,
                partner=acc.partner,
                kind=acc.kind,
                basis=acc.basis,
                types=sorted(types),
                joint_projects=joint,
                agreements=agreements,
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                span_years=span,
                n_sources=n_sources,
                score=depth_score(len(types), joint, agreements, span, n_sources),
                depth=classify(types, joint, agreements, n_sources),
                inferred=acc.inferred,
                via_ids=[vid for vid, _ in _sorted_vias(acc)],
                sources=acc.sources,
            )
        )
    rows.sort(key=lambda r: (-r.score, r.partner, r.partner_id))
    return rows
