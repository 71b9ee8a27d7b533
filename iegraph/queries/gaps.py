"""Missing links: enterprises without a college partner, colleges without an
enterprise partner, prioritised industries without a project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.queries._base import PARTNER_TYPES, REGION_DEPTH, Param, question, region_tree
from iegraph.queries.lookup import resolve_consortium, resolve_region
from iegraph.schema.model import Label, Rel

_ORG = Label.ORGANIZATION.value
_IND, _LOC, _PART = Rel.IN_INDUSTRY.value, Rel.LOCATED_IN.value, Rel.PART_OF.value
_PROJ, _INDUSTRY, _REGION = Label.PROJECT.value, Label.INDUSTRY.value, Label.REGION.value


_A = {Label.COLLEGE: "a college", Label.ENTERPRISE: "an enterprise"}


@dataclass(slots=True)
class GapRow:
    """One gap: what is missing, for which entity, within which scope."""

    gap: str
    name: str
    kind: str | None
    scope: str | None
    detail: str
    entity_id: str
    scope_id: str | None


@question(
    "gaps",
    "enterprises with no college partner, colleges with no enterprise partner, prioritised industries without a project",
    [
        Param("region", help="only organisations/industries of this region (or inside it)"),
        Param("consortium", help="only members/industries of this consortium"),
    ],
    ["gap", "name", "kind", "scope", "detail", "entity_id", "scope_id"],
    example="iegraph query gaps --region 大连市",
)
def gaps(runner: Runner, region: str | None = None, consortium: str | None = None) -> list[GapRow]:
    """Where is cooperation missing? / 哪里缺少合作（无院校伙伴的企业、无企业伙伴的院校、无项目的重点产业）？

    Parameters (at most one): ``region`` — organisations located in the region or a
    region inside it, and the industries the region prioritises (Region-IN_INDUSTRY);
    ``consortium`` — its members and its industries. No scope: everything.
    Rows, by ``gap``:
    - ``enterprise without college partner`` — shares no activity with any college;
    - ``college without enterprise partner`` — shares no activity with any enterprise;
    - ``industry without project`` — the scope (region or consortium; every one of
      them when none is given) lists the industry, and no project in the scope is
      in that industry or one below it (for a consortium: projects PART_OF it or with
      a member among the parties).
    Columns: gap, name, kind, scope, detail (partners it does have), entity_id, scope_id.
    """
    if region is not None and consortium is not None:
        raise InputError("give at most one of --region, --consortium")
    params: dict[str, Any] = {}
    scope_name: str | None = None
    scope_id: str | None = None
    if region is not None:
        r = resolve_region(runner, region)
        scope_name, scope_id = r.name, r.id
        params["regions"] = region_tree(runner, r.id)
        org_scope = f"EXISTS {{ (o)-[:{_LOC}]->(rr:{_REGION}) WHERE rr.id IN $regions }}"
    elif consortium is not None:
        c = resolve_consortium(runner, consortium)
        scope_name, scope_id = c.name, c.id
        params["cid"] = c.id
        org_scope = f"EXISTS {{ (o)-[:{Rel.MEMBER_OF.value}]->(:{Label.CONSORTIUM.value} {{id: $cid}}) }}"
    else:
        org_scope = "true"
    rows: list[GapRow] = []
    for kind, other, label in (
        (Label.ENTERPRISE, Label.COLLEGE, "enterprise without college partner"),
        (Label.COLLEGE, Label.ENTERPRISE, "college without enterprise partner"),
    ):
        recs = runner.read(
            f"MATCH (o:{kind.value}) WHERE {org_scope} "
            f"AND NOT EXISTS {{ (o)-[:{PARTNER_TYPES}]->()<-[:{PARTNER_TYPES}]-(:{other.value}) }} "
            f"RETURN o.id AS id, o.name AS name, o.kind AS kind, "
            f"COUNT {{ (o)-[:{PARTNER_TYPES}]->() }} AS activities ORDER BY name",
            params,
        )
        rows.extend(
            GapRow(
                label,
                r["name"],
                r["kind"],
                scope_name,
                f"{r['activities']} shared {'activity' if r['activities'] == 1 else 'activities'}, none with {_A[other]}",
                r["id"],
                scope_id,
            )
            for r in recs
        )
    rows.extend(_industry_gaps(runner, region is not None, consortium is not None, scope_id))
    return rows


def _industry_row(r: dict[str, Any], missing: str) -> GapRow:
    """One prioritised industry (of the region or consortium ``r["sname"]``) without a project."""
    return GapRow(
        "industry without project",
        r["name"],
        _INDUSTRY,
        r["sname"],
        f"prioritised by {r['sname']}; {missing}",
        r["id"],
        r["sid"],
    )


def _industry_gaps(
    runner: Runner, by_region: bool, by_consortium: bool, scope_id: str | None
) -> list[GapRow]:
    ind_below = f"(p)-[:{_IND}]->(:{_INDUSTRY})-[:{_PART}*0..3]->(i)"
    out: list[GapRow] = []
    if not by_consortium:
        recs = runner.read(
            f"MATCH (s:{_REGION})-[:{_IND}]->(i:{_INDUSTRY}) WHERE $sid IS NULL OR s.id = $sid "
            f"WITH s, i WHERE NOT EXISTS {{ MATCH (p:{_PROJ})-[:{_LOC}]->(:{_REGION})-[:{_PART}*0..{REGION_DEPTH}]->(s) "
            f"WHERE EXISTS {{ {ind_below} }} }} "
            "RETURN i.id AS id, i.name AS name, s.id AS sid, s.name AS sname ORDER BY sname, name",
            {"sid": scope_id if by_region else None},
        )
        out.extend(_industry_row(r, "no project in it") for r in recs)
    if not by_region:
        cons = Label.CONSORTIUM.value
        recs = runner.read(
            f"MATCH (s:{cons})-[:{_IND}]->(i:{_INDUSTRY}) WHERE $sid IS NULL OR s.id = $sid "
            "WITH s, i WHERE NOT EXISTS { "
            f"MATCH (p:{_PROJ}) WHERE ((p)-[:{_PART}]->(s) OR EXISTS {{ (p)<-[:{Rel.PARTICIPATES_IN.value}]-(:{_ORG})-[:{Rel.MEMBER_OF.value}]->(s) }}) "
            f"AND EXISTS {{ {ind_below} }} }} "
            "RETURN i.id AS id, i.name AS name, s.id AS sid, s.name AS sname ORDER BY sname, name",
            {"sid": scope_id if by_consortium else None},
        )
        out.extend(_industry_row(r, "no project of it or its members in it") for r in recs)
    return out
