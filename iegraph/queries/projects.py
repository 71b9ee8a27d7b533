"""Projects with their parties, type, the source's category, investment and outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.names import to_simplified
from iegraph.quantities import Quantity, read_quantities, read_quantity
from iegraph.queries._base import PAGING, Param, page_params, question, region_tree, uniq
from iegraph.queries._marks import inferred_mark
from iegraph.queries.lookup import resolve_industry, resolve_org, resolve_region
from iegraph.schema.model import Label, ProjectType, Rel

_ORG, _PROJ = Label.ORGANIZATION.value, Label.PROJECT.value
_IN, _LOC, _PART = Rel.PARTICIPATES_IN.value, Rel.LOCATED_IN.value, Rel.PART_OF.value
_IND = Rel.IN_INDUSTRY.value
_CONS = Label.CONSORTIUM.value
#: Fields of a project an answer row shows (their inference is marked).
_SHOWN = frozenset(
    ("type", "category", "date", "status", "investment", "outputs", "parties", "region", "industries")
)


@dataclass(slots=True)
class ProjectRow:
    """One project. ``type`` is ours (ProjectType); ``category`` is the source's own
    filing (e.g. 科技创新类); amounts are Quantities as the source gives them."""

    project: str
    type: str | None
    category: str | None
    date: str | None
    status: str | None
    investment: Quantity | None
    outputs: dict[str, Quantity]
    parties: list[str]
    region: str | None
    industries: list[str]
    inferred: str | None
    n_sources: int
    project_id: str
    party_ids: list[str]
    sources: list[str]


@question(
    "projects",
    "projects with parties, type, category, investment and outputs; filter by organisation, type, "
    "category, industry, region",
    [
        Param("org", help="only projects of this organisation"),
        Param("type", help="only projects of this type", choices=tuple(t.value for t in ProjectType)),
        Param("category", help="only projects the source files under this category (words of it: 科技创新)"),
        Param("industry", help="only projects in this industry (or a sub-industry)"),
        Param("region", help="only projects in this region (or a region inside it)"),
        *PAGING,
    ],
    [
        "project",
        "type",
        "category",
        "date",
        "status",
        "investment",
        "outputs",
        "parties",
        "region",
        "industries",
        "inferred",
        "n_sources",
        "project_id",
        "party_ids",
        "sources",
    ],
    example="iegraph query projects --category 科技创新",
)
def projects(
    runner: Runner,
    org: str | None = None,
    type: str | None = None,
    category: str | None = None,
    industry: str | None = None,
    region: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ProjectRow]:
    """Which cooperation projects are there? / 有哪些校企合作项目（按单位、类型、类别、产业、地区筛选）？

    Parameters (all optional): ``org``, ``type`` (a ProjectType value), ``category``
    (words of the category the source files the project under: 科技创新 matches
    科技创新类; traditional characters are simplified), ``industry`` (includes its
    sub-industries), ``region`` (includes the regions inside it; a project without a
    region of its own counts where one of its parties is and where the consortium it
    belongs to is); ``limit``/``offset`` — one page of the answer, cut in the database.
    Columns: project, type, category, date, status, investment and outputs (Quantities:
    ``1.2亿元``, ``2800余`` as the source writes them), parties (``name (role)``),
    region, industries, inferred (the project's inferred fields and why), n_sources,
    project_id, party_ids, sources (Source ids of the projects' REPORTED_IN and
    participations). Dated projects first, in date order.
    """
    if type is not None and type not in {t.value for t in ProjectType}:
        raise InputError(f"unknown project type {type!r}; one of {', '.join(t.value for t in ProjectType)}")
    params: dict[str, Any] = {"type": type, **page_params(limit, offset)}
    head = f"MATCH (p:{_PROJ}) "
    where = ["($type IS NULL OR p.type = $type)"]
    if category is not None:
        words = to_simplified(category.strip())
        if not words:
            raise InputError("--category needs the words of a category, e.g. 科技创新")
        params["category"] = words
        where.append("p.category CONTAINS $category")
    if org is not None:
        params["org_id"] = resolve_org(runner, org).id
        # Start from the organisation: an index seek, then its few projects.
        head = f"MATCH (:{_ORG} {{id: $org_id}})-[:{_IN}]->(p:{_PROJ}) "
    if industry is not None:
        params["industry_id"] = resolve_industry(runner, industry).id
        where.append(
            f"EXISTS {{ (p)-[:{_IND}]->(:{Label.INDUSTRY.value})-[:{_PART}*0..3]->(:{Label.INDUSTRY.value} {{id: $industry_id}}) }}"
        )
    if region is not None:
        params["regions"] = region_tree(runner, resolve_region(runner, region).id)
        if org is None:
            # Start from the regions (index seeks), not from every project.
            head = (
                f"CALL () {{ UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{_LOC}]-(p:{_PROJ}) RETURN p "
                f"UNION UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{_LOC}]-(:{_ORG})-[:{_IN}]->(p:{_PROJ}) "
                f"WHERE NOT EXISTS {{ (p)-[:{_LOC}]->() }} RETURN p "
                f"UNION UNWIND $regions AS rid MATCH (:{Label.REGION.value} {{id: rid}})<-[:{_LOC}]-(:{_CONS})<-[:{_PART}]-(p:{_PROJ}) "
                f"WHERE NOT EXISTS {{ (p)-[:{_LOC}]->() }} RETURN p }} "
            )
        else:
            where.append(
                f"(EXISTS {{ (p)-[:{_LOC}]->(r:{Label.REGION.value}) WHERE r.id IN $regions }} "
                f"OR (NOT EXISTS {{ (p)-[:{_LOC}]->() }} AND (EXISTS {{ (p)<-[:{_IN}]-(:{_ORG})-[:{_LOC}]->(r2:{Label.REGION.value}) WHERE r2.id IN $regions }} "
                f"OR EXISTS {{ (p)-[:{_PART}]->(:{_CONS})-[:{_LOC}]->(r3:{Label.REGION.value}) WHERE r3.id IN $regions }})))"
            )
    query = (
        head
        + "WITH DISTINCT p WHERE "
        + " AND ".join(where)
        + " WITH DISTINCT p "
        + f"OPTIONAL MATCH (o:{_ORG})-[r:{_IN}]->(p) "
        + "WITH p, collect({id: o.id, name: o.name, role: r.role}) AS parties, "
        + "reduce(acc = [], x IN collect(r) | acc + coalesce(x.sources, [])) AS rel_sources "
        + f"OPTIONAL MATCH (p)-[:{_LOC}]->(reg:{Label.REGION.value}) "
        + f"OPTIONAL MATCH (p)-[:{_IND}]->(ind:{Label.INDUSTRY.value}) "
        + f"OPTIONAL MATCH (p)-[:{Rel.REPORTED_IN.value}]->(s:{Label.SOURCE.value}) "
        + "RETURN p.id AS id, p.date AS date, p.name AS name, properties(p) AS props, parties, rel_sources, "
        + "collect(DISTINCT reg.name) AS regions, collect(DISTINCT ind.name) AS industries, "
        + "collect(DISTINCT s.id) AS node_sources "
        + "ORDER BY date IS NULL, date, name, id SKIP $skip LIMIT $limit"
    )
    out = []
    for rec in runner.read(query, params):
        props = rec["props"]
        # collect() order is not stable across runs: parties in name order
        parties = sorted(
            (p for p in rec["parties"] if p["id"] is not None), key=lambda p: (p["name"], p["id"])
        )
        sources = uniq([*rec["node_sources"], *rec["rel_sources"]])
        out.append(
            ProjectRow(
                project=props.get("name") or rec["id"],
                type=props.get("type"),
                category=props.get("category"),
                date=props.get("date"),
                status=props.get("status"),
                investment=read_quantity(props, "investment"),
                outputs=read_quantities(props, "output_"),
                parties=[p["name"] + (f" ({p['role']})" if p.get("role") else "") for p in parties],
                region="、".join(rec["regions"]) or None,
                industries=rec["industries"],
                inferred=inferred_mark(props, _SHOWN),
                n_sources=len(sources),
                project_id=rec["id"],
                party_ids=uniq(p["id"] for p in parties),
                sources=sources,
            )
        )
    return out
