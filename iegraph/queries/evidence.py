"""The sources and quotes behind an entity and each of its relationships."""

from __future__ import annotations

from dataclasses import dataclass

from iegraph.db import Runner
from iegraph.queries._base import Param, question
from iegraph.queries.lookup import resolve_any
from iegraph.schema.model import Label, Rel, label_of

_REP, _SRC = Rel.REPORTED_IN.value, Label.SOURCE.value
#: Relationships from an actor to the fact it takes part in: the fact's quote (the
#: sentence naming the project, agreement ... and its parties) supports them. Every
#: other relationship (HOLDS_POSITION, LOCATED_IN, PART_OF, SIGNED_AT ...) is stated
#: about its start node, whose quote supports it (a person's quote names the title).
_TO_FACT = [
    rel.value
    for rel in (Rel.PARTICIPATES_IN, Rel.SIGNED, Rel.MEMBER_OF, Rel.ATTENDED, Rel.APPROVED, Rel.ISSUED)
]


@dataclass(slots=True)
class EvidenceRow:
    """One (statement, source) pair: the entity itself or one of its relationships."""

    statement: str
    source: str | None
    date: str | None
    quote: str | None
    other_id: str | None
    source_id: str | None
    entity_id: str

    @property
    def sources(self) -> list[str]:
        return [self.source_id] if self.source_id else []


@question(
    "evidence",
    "every source and quote behind an entity and each of its relationships",
    [Param("name", help="any named entity: organisation, consortium, project, event ...", required=True)],
    ["statement", "source", "date", "quote", "other_id", "source_id", "entity_id"],
    example="iegraph query evidence --name 大连三友电器设备有限公司",
    source_columns=(),
)
def evidence(runner: Runner, name: str) -> list[EvidenceRow]:
    """What says so, and where? / 这个实体及其每条关系的依据（来源与原文引语）是什么？

    Parameters: ``name`` — any named entity (organisations are tried first).
    Rows: first the entity itself (``statement`` = its name) with each source that
    reports it and the quote; then each relationship (``statement`` like
    ``-[SIGNED]-> 大工-三友战略合作协议``) with each source in its ``sources`` and the
    quote by which that source reports the fact the relationship is about: the
    project/agreement/event/consortium/policy for taking part in one, else the
    relationship's start node (the person of HOLDS_POSITION, the located entity ...).
    A relationship with no source gets one row with an empty source: a finding.
    Columns: statement, source (title), date, quote, other_id, source_id, entity_id.
    """
    e = resolve_any(runner, name)
    # The label comes from the model (checked again here), so the id lookup is an index seek.
    lbl = label_of(e.label or Label.ORGANIZATION.value).value
    own = runner.read(
        f"MATCH (n:{lbl} {{id: $id}})-[q:{_REP}]->(s:{_SRC}) "
        "RETURN s.id AS sid, s.title AS title, s.date AS date, q.quote AS quote ORDER BY s.date, s.title",
        {"id": e.id},
    )
    rows = [EvidenceRow(e.name, r["title"], r["date"], r["quote"], None, r["sid"], e.id) for r in own]
    rels = runner.read(
        f"MATCH (n:{lbl} {{id: $id}})-[r]-(m) WHERE type(r) <> '{_REP}' "
        "WITH n, r, m, startNode(r) = n AS out "
        "UNWIND CASE WHEN size(coalesce(r.sources, [])) = 0 THEN [NULL] ELSE r.sources END AS sid "
        f"OPTIONAL MATCH (s:{_SRC} {{id: sid}}) "
        f"OPTIONAL MATCH (m)-[qm:{_REP}]->(s) "
        f"OPTIONAL MATCH (n)-[qn:{_REP}]->(s) "
        "RETURN type(r) AS type, out, m.id AS mid, coalesce(m.name, m.title, m.id) AS mname, "
        "r.role AS role, r.title AS title, sid, s.title AS stitle, s.date AS sdate, "
        "CASE WHEN (type(r) IN $to_fact) = out THEN coalesce(qm.quote, qn.quote) "
        "ELSE coalesce(qn.quote, qm.quote) END AS quote "
        "ORDER BY type, mname, sdate",
        {"id": e.id, "to_fact": _TO_FACT},
    )
    for r in rels:
        extra = r["role"] or r["title"]
        arrow = f"-[{r['type']}]->" if r["out"] else f"<-[{r['type']}]-"
        statement = f"{arrow} {r['mname']}" + (f" ({extra})" if extra else "")
        rows.append(
            EvidenceRow(statement, r["stitle"] or r["sid"], r["sdate"], r["quote"], r["mid"], r["sid"], e.id)
        )
    return rows
