"""A consortium: leads, members by kind and role, reported vs enumerated composition,
projects of its members."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iegraph.db import Runner
from iegraph.quantities import Quantity, read_quantity, sum_quantities
from iegraph.queries._base import Param, check_positive, question, uniq
from iegraph.queries._marks import inferred_mark
from iegraph.queries.lookup import resolve_consortium
from iegraph.schema.model import COMPOSITION_KEYS, CollegeLevel, Label, Rel

#: Which enumerated members count toward a reported composition key: a kind label and
#: the college levels counted (None: any). A 职业本科 university counts as 本科 (the MOE
#: list files it so), not as 高职.
_KIND_OF_KEY: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "government": (Label.GOVERNMENT.value, None),
    "college": (Label.COLLEGE.value, None),
    "undergraduate": (
        Label.COLLEGE.value,
        (CollegeLevel.UNDERGRADUATE.value, CollegeLevel.VOCATIONAL_UNDERGRADUATE.value),
    ),
    "higher_vocational": (Label.COLLEGE.value, (CollegeLevel.HIGHER_VOCATIONAL.value,)),
    "secondary_vocational": (Label.COLLEGE.value, (CollegeLevel.SECONDARY_VOCATIONAL.value,)),
    "research_institute": (Label.RESEARCH_INSTITUTE.value, None),
    "enterprise": (Label.ENTERPRISE.value, None),
    "association": (Label.ASSOCIATION.value, None),
    "other": (Label.OTHER_ORGANIZATION.value, None),
}
#: Composition keys that together partition the members (a total is their sum);
#: colleges either as one ``college`` number or split by level.
_PARTS = ("government", "research_institute", "enterprise", "association", "other")
_COLLEGE_PARTS = ("undergraduate", "higher_vocational", "secondary_vocational")

#: Projects listed by default (a national consortium's members have tens of thousands).
PROJECTS_SHOWN = 100
#: A member taking part in more projects and programmes than this (a national group) is
#: not listed project by project: one row counts them. Choosing the earliest projects
#: reads the date of every candidate, and one such member made that seconds at 1M.
BUSY_MEMBER = 1000

_SHOWN_UNREPORTED = ("government", "college", "enterprise", "research_institute", "association")


@dataclass(slots=True)
class ConsortiumRow:
    """One line of a consortium's portrait; ``section`` says which part.

    Sections: ``lead`` and ``member`` (one row per organisation), ``coverage`` (one per
    reported composition key: reported number next to members enumerated in the graph),
    ``project`` (projects of the consortium or of its members). ``reported`` is a
    Quantity as the source gives it (``近120``); ``inferred`` names what the source did
    not state (the membership, the date of the composition …) and why.
    """

    section: str
    name: str
    kind: str | None = None
    role: str | None = None
    reported: Quantity | None = None
    enumerated: int | None = None
    coverage: str | None = None
    detail: str | None = None
    inferred: str | None = None
    id: str | None = None
    member_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@question(
    "consortium",
    "a consortium's leads, members by kind and role, reported vs enumerated composition, member projects",
    [
        Param("name", help="consortium: name, alias or id", required=True),
        Param("projects", int, PROJECTS_SHOWN, "at most N projects (earliest first); a row counts the rest"),
    ],
    [
        "section",
        "name",
        "kind",
        "role",
        "reported",
        "enumerated",
        "coverage",
        "detail",
        "inferred",
        "id",
        "member_ids",
        "sources",
    ],
    example="iegraph query consortium --name 金普新区市域产教联合体",
)
def consortium(runner: Runner, name: str, projects: int = PROJECTS_SHOWN) -> list[ConsortiumRow]:
    """Who leads and belongs to consortium C, how complete is that list, what do its
    members build? / 联合体 C 由谁牵头、有哪些成员、名单覆盖了报道数字的多少、成员有哪些项目？

    Parameters: ``name`` — consortium name, alias or id.
    Rows by ``section``: ``lead`` / ``member`` (name, kind, role, id, sources;
    ``inferred`` when the source does not state the membership), then ``coverage`` per
    reported composition key (reported Quantity as the source writes it, enumerated
    members of that kind, coverage = enumerated/reported; ``≈`` marks a qualified
    report). When the source gives parts but no total, a ``total`` row sums them
    (``detail`` says so; ``≈`` when a part is qualified). Then ``project`` (projects
    PART_OF the consortium or with a member among the parties: name, type in
    ``kind``, date and parties in ``detail``, member_ids), earliest first, at most
    ``projects`` (default 100) of them: a national consortium's members have tens of
    thousands; then one ``more projects`` row whose ``enumerated`` counts the rest;
    then one ``projects of <member>`` row per member taking part in more than
    ``BUSY_MEMBER`` (1,000) projects and programmes (a national group), counting them:
    such a member's projects are listed only when they are the consortium's own or
    another member's too.
    """
    shown = check_positive("projects", projects) or PROJECTS_SHOWN
    c = resolve_consortium(runner, name)
    members = runner.read(
        f"MATCH (o:{Label.ORGANIZATION.value})-[m:{Rel.MEMBER_OF.value}]->(c:{Label.CONSORTIUM.value} {{id: $id}}) "
        "RETURN o.id AS id, o.name AS name, o.kind AS kind, o.level AS level, "
        "collect(DISTINCT coalesce(m.role, 'member')) AS roles, "
        "[m2 IN collect(m) WHERE m2.inferred_reason IS NOT NULL | m2.inferred_reason] AS reasons, "
        "reduce(acc = [], m2 IN collect(m) | acc + coalesce(m2.sources, [])) AS sources "
        "ORDER BY name",
        {"id": c.id},
    )
    props = runner.read(
        f"MATCH (c:{Label.CONSORTIUM.value} {{id: $id}}) RETURN properties(c) AS p", {"id": c.id}
    )[0]["p"]
    rows: list[ConsortiumRow] = []
    leads = [m for m in members if "lead" in m["roles"]]
    others = [m for m in members if "lead" not in m["roles"]]
    for section, group in (
        ("lead", leads),
        ("member", sorted(others, key=lambda m: (m["kind"] or "", m["name"]))),
    ):
        # The membership is inferred when its relationship says why, or when the sheet
        # marked the consortium's leads/members list as inferred.
        listed = inferred_mark(props, {"leads" if section == "lead" else "members"})
        for m in group:
            rows.append(
                ConsortiumRow(
                    section=section,
                    name=m["name"],
                    kind=m["kind"],
                    role=", ".join(sorted(m["roles"])),
                    inferred="; ".join(uniq(m["reasons"])) or listed,
                    id=m["id"],
                    sources=uniq(m["sources"]),
                )
            )
    rows.extend(_coverage(props, members))
    rows.extend(_projects(runner, c.id, shown))
    return rows


def _sum_of_parts(reported: dict[str, Quantity]) -> tuple[Quantity, str] | None:
    """The total of a composition the source gives in parts only, and how it was made."""
    keys = [k for k in _PARTS if k in reported]
    if "college" in reported:
        keys.append("college")
    else:
        keys += [k for k in _COLLEGE_PARTS if k in reported]
    if len(keys) < 2:
        return None
    parts = [reported[k] for k in keys]
    qualified = [f"{k} {reported[k].display()}" for k in keys if not reported[k].exact]
    detail = f"not reported: the sum of {len(parts)} reported parts"
    if qualified:
        detail += f", {len(qualified)} of them qualified ({'; '.join(qualified)})"
    return sum_quantities(parts), detail


def _coverage(props: dict[str, Any], members: list[dict[str, Any]]) -> list[ConsortiumRow]:
    as_of = props.get("reported_as_of")
    reported_of = {
        key: q for key in COMPOSITION_KEYS if (q := read_quantity(props, f"reported_{key}")) is not None
    }
    derived = None if "total" in reported_of else _sum_of_parts(reported_of)
    inferred = inferred_mark(props, {"composition", "composition_as_of"})
    out = []
    for key in COMPOSITION_KEYS:
        reported = reported_of.get(key)
        detail = f"reported as of {as_of}" if as_of and reported is not None else None
        if key == "total":
            matching = members
            if derived is not None:
                reported, detail = derived
        else:
            kind, levels = _KIND_OF_KEY[key]
            matching = [m for m in members if m["kind"] == kind and (levels is None or m["level"] in levels)]
        # Unreported keys are shown only for the main kinds that have members.
        if reported is None and not (key in _SHOWN_UNREPORTED and matching):
            continue
        enumerated = len(matching)
        coverage = f"{enumerated / reported.value:.0%}" if reported and reported.value else None
        mark = "≈" if reported is not None and not reported.exact else ""
        out.append(
            ConsortiumRow(
                section="coverage",
                name=key,
                reported=reported,
                enumerated=enumerated,
                coverage=(mark + coverage) if coverage else None,
                detail=detail,
                inferred=inferred if reported is not None else None,
                member_ids=[m["id"] for m in matching],
            )
        )
    return out


def _projects(runner: Runner, consortium_id: str, shown: int) -> list[ConsortiumRow]:
    org, proj, cons = Label.ORGANIZATION.value, Label.PROJECT.value, Label.CONSORTIUM.value
    part_in = Rel.PARTICIPATES_IN.value
    # Members with more than BUSY_MEMBER ties (their degree: no project is read) are counted
    # apart; their projects that are the consortium's or another member's are still listed.
    busy = runner.read(
        f"MATCH (c:{cons} {{id: $id}})<-[:{Rel.MEMBER_OF.value}]-(m:{org}) "
        f"WITH DISTINCT m, COUNT {{ (m)-[:{part_in}]->() }} AS n WHERE n > $busy "
        "RETURN m.id AS id, m.name AS name, n ORDER BY n DESC, name, id",
        {"id": consortium_id, "busy": BUSY_MEMBER},
    )
    rows = runner.read(
        f"MATCH (c:{cons} {{id: $id}}) "
        "CALL (c) { "
        f"  MATCH (p:{proj})-[:{Rel.PART_OF.value}]->(c) RETURN p "
        f"  UNION MATCH (c)<-[:{Rel.MEMBER_OF.value}]-(m:{org}) WHERE NOT m.id IN $busy "
        f"  MATCH (m)-[:{part_in}]->(p:{proj}) RETURN p "
        "} "
        # Choose the page of projects first (ids and dates only), then read their parties:
        # the parties of tens of thousands of projects are never collected.
        "WITH c, p ORDER BY coalesce(p.date, '9999'), p.name, p.id "
        "WITH c, collect(p) AS ps WITH c, size(ps) AS total, ps[..$shown] AS ps UNWIND ps AS p "
        f"OPTIONAL MATCH (o:{org})-[r:{Rel.PARTICIPATES_IN.value}]->(p) "
        "WITH c, total, p, o, r, EXISTS { (o)-[:" + Rel.MEMBER_OF.value + "]->(c) } AS is_member "
        "WITH total, p, collect(DISTINCT CASE WHEN o IS NULL THEN NULL ELSE {id: o.id, name: o.name, member: is_member} END) AS parties, "
        "reduce(acc = [], r2 IN collect(r) | acc + coalesce(r2.sources, [])) AS sources "
        "RETURN p.id AS id, p.name AS name, p.type AS type, p.date AS date, parties, sources, "
        "p.inferred AS inferred, p.inferred_reason AS inferred_reason, total "
        "ORDER BY coalesce(p.date, '9999'), name, id",
        {"id": consortium_id, "shown": shown, "busy": [b["id"] for b in busy]},
    )
    out = []
    for r in rows:
        # collect() order is not stable across runs: parties in name order
        parties = sorted(r["parties"], key=lambda p: (p["name"], p["id"]))
        out.append(
            ConsortiumRow(
                section="project",
                name=r["name"],
                kind=r["type"],
                detail=(f"{r['date']}; " if r["date"] else "") + "、".join(p["name"] for p in parties),
                inferred=inferred_mark(r, {"date", "parties"}),
                id=r["id"],
                member_ids=[p["id"] for p in parties if p["member"]],
                sources=uniq(r["sources"]),
            )
        )
    total = int(rows[0]["total"]) if rows else 0
    if total > len(out):
        out.append(
            ConsortiumRow(
                section="project",
                name="more projects",
                enumerated=total - len(out),
                detail=f"{total - len(out)} more projects not listed (--projects {total} lists all {total})",
            )
        )
    for b in busy:
        out.append(
            ConsortiumRow(
                section="project",
                name=f"projects of {b['name']}",
                enumerated=int(b["n"]),
                detail=f"{b['name']} takes part in {int(b['n']):,} projects and programmes: more than "
                f"{BUSY_MEMBER:,}, not listed one by one (iegraph query projects --org {b['id']} lists them)",
                id=b["id"],
                member_ids=[b["id"]],
            )
        )
    return out
