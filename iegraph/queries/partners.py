"""Who an organisation works with, and how deep each partnership goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iegraph.db import Runner
from iegraph.queries._base import (
    CARRIER_KIND,
    CARRIER_LABEL_NAMES,
    PARTNER_TYPES,
    Param,
    question,
    uniq,
    year_of,
)
from iegraph.queries.lookup import resolve_org
from iegraph.schema.model import Label

#: Rows of (partner, shared activity) for one organisation; the activity's kind is its
#: carrier label, its date its own ``date`` (a consortium's ``founded``).
_LINKS = (
    f"MATCH (o:{Label.ORGANIZATION.value} {{id: $id}})-[r1:{PARTNER_TYPES}]->(v)"
    f"<-[r2:{PARTNER_TYPES}]-(p:{Label.ORGANIZATION.value}) "
    "WHERE p <> o "
    "RETURN p.id AS partner_id, p.name AS partner, p.kind AS kind, "
    "v.id AS via_id, v.name AS via_name, [l IN labels(v) WHERE l IN $carriers][0] AS via_label, "
    "coalesce(v.date, v.founded) AS date, "
    "coalesce(r1.sources, []) + coalesce(r2.sources, []) AS sources"
)


def partner_links(runner: Runner, org_id: str) -> list[dict[str, Any]]:
    """Raw (partner, shared activity, sources) rows of the organisation ``org_id``."""
    return runner.read(_LINKS, {"id": org_id, "carriers": CARRIER_LABEL_NAMES})


@dataclass(slots=True)
class _Acc:
    partner_id: str
    partner: str
    kind: str | None
    vias: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def _group(links: list[dict[str, Any]]) -> list[_Acc]:
    accs: dict[str, _Acc] = {}
    for link in links:
        acc = accs.setdefault(link["partner_id"], _Acc(link["partner_id"], link["partner"], link["kind"]))
        kind = CARRIER_KIND.get(link["via_label"] or "", "other")
        acc.vias.setdefault(link["via_id"], (kind, link["via_name"] or link["via_id"], link["date"]))
        acc.sources = uniq([*acc.sources, *link["sources"]])
    return list(accs.values())


#: Kinds of *working* cooperation (a shared consortium or event is co-presence).
WORK_KINDS = frozenset({"project", "program", "agreement"})


@dataclass(slots=True)
class PartnerRow:
    """One partner of the organisation asked about."""

    partner_id: str
    partner: str
    kind: str | None
    through: list[str]
    via_ids: list[str]
    first_date: str | None
    last_date: str | None
    n_sources: int
    sources: list[str]


@question(
    "partners",
    "who an organisation works with, through what, the partner's kind, dates and corroboration",
    [Param("org", help="organisation: name, alias, traditional spelling or id", required=True)],
    [
        "partner",
        "kind",
        "through",
        "first_date",
        "last_date",
        "n_sources",
        "partner_id",
        "via_ids",
        "sources",
    ],
    example="iegraph query partners --org 大连理工大学 --with-sources",
)
def partners(runner: Runner, org: str) -> list[PartnerRow]:
    """Who does X work with, and through what? / X 与哪些单位合作，通过什么方式？

    Partners are organisations sharing a project or programme (PARTICIPATES_IN), an
    agreement (SIGNED), a consortium (MEMBER_OF) or an event (ATTENDED) with X.

    Parameters: ``org`` — name, alias, traditional spelling or id.
    Columns: partner, kind (the partner's kind), through (``kind: name`` of each shared
    activity: joint work (projects, programmes, agreements) oldest first, then the
    shared events and consortia, oldest first), first_date/last_date (of the dated
    activities), n_sources (distinct sources reporting either party's part in them),
    partner_id, via_ids, sources (Source ids). Sorted by number of shared activities,
    then sources.
    """
    me = resolve_org(runner, org)
    rows = []
    for acc in _group(partner_links(runner, me.id)):
        # Joint work first: a shared consortium of 30 members says little, and listed
        # first it hid the joint project behind the table's cut-off.
        vias = sorted(
            acc.vias.items(),
            key=lambda kv: (kv[1][0] not in WORK_KINDS, kv[1][2] is None, kv[1][2] or "", kv[1][1]),
        )
        dates = sorted(d for _, (_, _, d) in vias if d)
        rows.append(
            PartnerRow(
                partner_id=acc.partner_id,
                partner=acc.partner,
                kind=acc.kind,
                through=[f"{k}: {n}" for _, (k, n, _) in vias],
                via_ids=[vid for vid, _ in vias],
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                n_sources=len(acc.sources),
                sources=acc.sources,
            )
        )
    rows.sort(key=lambda r: (-len(r.via_ids), -r.n_sources, r.partner))
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
    types: list[str]
    joint_projects: int
    agreements: int
    first_date: str | None
    last_date: str | None
    span_years: int
    n_sources: int
    score: float
    depth: str
    via_ids: list[str]
    sources: list[str]


def classify(types: set[str], joint_projects: int, agreements: int, n_sources: int) -> str:
    """The depth class of a partnership.

    - deep: at least one joint project/programme AND (another kind of working
      cooperation — an agreement, or a programme beside a project —, or a second joint
      project, or a second source). Sharing a consortium or an event is co-presence and
      does not deepen a partnership: in a consortium's signing article every project
      partner also shares the consortium, which made every single project "deep";
    - working: a single joint project reported once;
    - signature-only (合而不融): agreements signed, no joint project;
    - co-presence: only a shared consortium or event.
    """
    if joint_projects >= 1:
        if len(types & WORK_KINDS) >= 2 or joint_projects >= 2 or n_sources >= 2:
            return DEEP
        return WORKING
    if agreements >= 1:
        return SIGNATURE_ONLY
    return CO_PRESENCE


def depth_score(n_types: int, joint_projects: int, agreements: int, span_years: int, n_sources: int) -> int:
    """types + 2·joint projects + agreements + span in years + (sources − 1).

    Joint projects weigh double: they are the "integration" that signatures lack.
    """
    return n_types + 2 * joint_projects + agreements + span_years + max(n_sources - 1, 0)


@question(
    "depth",
    "partnership depth per partner: kinds of cooperation, joint projects, span, corroboration (合而不融)",
    [Param("org", help="organisation: name, alias, traditional spelling or id", required=True)],
    [
        "partner",
        "kind",
        "depth",
        "score",
        "types",
        "joint_projects",
        "agreements",
        "first_date",
        "last_date",
        "span_years",
        "n_sources",
        "partner_id",
        "via_ids",
        "sources",
    ],
    example="iegraph query depth --org 大连理工大学",
)
def depth(runner: Runner, org: str) -> list[DepthRow]:
    """How deep is each partnership of X? / X 的每个合作关系有多深（是否合而不融）？

    Per partner: ``types`` (distinct kinds of shared activity: project, program,
    agreement, consortium, event), ``joint_projects`` (shared projects + programmes),
    ``agreements`` (agreements both signed), ``first_date``/``last_date`` and
    ``span_years`` (last year − first year of the dated shared activities),
    ``n_sources`` (distinct sources), ``score`` = types + 2·joint_projects +
    agreements + span_years + (n_sources − 1), and ``depth``: deep, working,
    signature-only (合而不融: signed, never worked together) or co-presence.

    Parameters: ``org``.
    Columns: partner, kind, depth, score, types, joint_projects, agreements,
    first_date, last_date, span_years, n_sources, partner_id, via_ids, sources.
    Sorted by score, deepest first.
    """
    me = resolve_org(runner, org)
    rows = []
    for acc in _group(partner_links(runner, me.id)):
        kinds = [k for (k, _, _) in acc.vias.values()]
        types = set(kinds)
        joint = sum(1 for k in kinds if k in ("project", "program"))
        agreements = sum(1 for k in kinds if k == "agreement")
        dates = sorted(d for (_, _, d) in acc.vias.values() if d)
        years = [y for y in (year_of(d) for d in dates) if y is not None]
        span = (max(years) - min(years)) if years else 0
        n_sources = len(acc.sources)
        rows.append(
            DepthRow(
                partner_id=acc.partner_id,
                partner=acc.partner,
                kind=acc.kind,
                types=sorted(types),
                joint_projects=joint,
                agreements=agreements,
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                span_years=span,
                n_sources=n_sources,
                score=depth_score(len(types), joint, agreements, span, n_sources),
                depth=classify(types, joint, agreements, n_sources),
                via_ids=list(acc.vias),
                sources=acc.sources,
            )
        )
    rows.sort(key=lambda r: (-r.score, r.partner))
    return rows
