"""The sources and quotes behind an entity and each of its relationships.

A relationship is shown with *its own* quote for each source (the graph keeps
``quotes`` aligned with ``sources``), never with a sentence borrowed from one of its
ends: where a source gave none, the row says so (``quote_status`` ``none given``), and
that is a finding — the source reports the link without a sentence stating it, or the
sheet did not record one. Inferred relationships and inferred fields say so, with the
curator's reason, in the ``inferred`` column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from iegraph.db import Runner
from iegraph.queries._base import OFFSET, NotedRows, Param, page_params, question
from iegraph.queries.lookup import resolve_any
from iegraph.schema.model import Label, Rel, label_of

_REP, _SRC = Rel.REPORTED_IN.value, Label.SOURCE.value

#: ``quote_status`` values: a quote is given; the source gives none for this
#: statement; the relationship has no source at all.
GIVEN, NONE_GIVEN, NO_SOURCE = "given", "none given", "no source"

#: Rows shown when no --limit is given: a hub's relationships have thousands of sources.
EVIDENCE_ROWS = 500


@dataclass(slots=True)
class EvidenceRow:
    """One (statement, source) pair: the entity itself or one of its relationships."""

    statement: str
    source: str | None
    date: str | None
    #: the quote of this statement by this source; None when it gave none (see quote_status)
    quote: str | None
    quote_status: str
    #: ``inferred: <reason>`` for an inferred relationship, ``inferred <fields>: <reason>``
    #: for inferred fields; None when nothing of the statement is inferred
    inferred: str | None
    other_id: str | None
    source_id: str | None
    entity_id: str

    @property
    def sources(self) -> list[str]:
        return [self.source_id] if self.source_id else []


def inferred_note(whole: str | None, fields: list[str] | None, reason: str | None) -> str | None:
    """The ``inferred`` cell: ``whole`` is the reason a whole relationship was inferred,
    ``fields`` the names of inferred fields and ``reason`` why they were."""
    parts = []
    if whole:
        parts.append(f"inferred: {whole}")
    if fields:
        parts.append(f"inferred {', '.join(fields)}" + (f": {reason}" if reason else ""))
    return "; ".join(parts) or None


def _quote(value: Any, sid: Any) -> tuple[str | None, str]:
    """A stored quote ('' or null: none) and its status."""
    if sid is None:
        return None, NO_SOURCE
    if value:
        return str(value), GIVEN
    return None, NONE_GIVEN


@question(
    "evidence",
    "every source and quote behind an entity and each of its relationships",
    [
        Param("name", help="any named entity: organisation, consortium, project, event ...", required=True),
        Param(
            "limit", int, EVIDENCE_ROWS, "at most N rows (the database stops there; a note says what is left)"
        ),
        OFFSET,
    ],
    [
        "statement",
        "source",
        "date",
        "quote_status",
        "quote",
        "inferred",
        "other_id",
        "source_id",
        "entity_id",
    ],
    example="iegraph query evidence --name 大连三友电器设备有限公司",
    source_columns=(),
)
def evidence(runner: Runner, name: str, limit: int | None = EVIDENCE_ROWS, offset: int = 0) -> NotedRows:
    """What says so, and where? / 这个实体及其每条关系的依据（来源与原文引语）是什么？

    Parameters: ``name`` — any named entity (organisations are tried first).
    Rows: first the entity itself (``statement`` = its name) with each source that
    reports it and the quote (one ``no source`` row if none does); then each relationship (``statement`` like
    ``-[SIGNED]-> 大工-三友战略合作协议``) with each source in its ``sources`` and the
    relationship's own quote by that source. ``quote_status``: ``given``, ``none
    given`` (the source reports the relationship, no sentence stating it was recorded:
    a finding; never filled with an end node's quote) or ``no source`` (a relationship
    with no source at all, one row). ``inferred``: the reason an inferred relationship
    or inferred fields of the entity were inferred. ``limit`` (default 500) and
    ``offset``: one page of the rows in this order, cut in the database; the answer's
    note says how many rows the page leaves out.
    Columns: statement, source (title), date, quote_status, quote, inferred, other_id,
    source_id, entity_id.
    """
    page = page_params(limit, offset)
    e = resolve_any(runner, name)
    # The label comes from the model (checked again here), so the id lookup is an index seek.
    lbl = label_of(e.label or Label.ORGANIZATION.value).value
    own = runner.read(
        f"MATCH (n:{lbl} {{id: $id}}) OPTIONAL MATCH (n)-[q:{_REP}]->(s:{_SRC}) "
        "RETURN s.id AS sid, s.title AS title, s.date AS date, q.quote AS quote, n.inferred AS fields, "
        "n.inferred_reason AS reason, n.anchor_park_inferred_reason AS park_reason "
        "ORDER BY s.date, s.title",
        {"id": e.id},
    )
    rows: list[EvidenceRow] = []
    for r in own:
        fields = [f for f in r["fields"] or [] if not (f == "anchor_park" and r["park_reason"])]
        note = inferred_note(None, fields, r["reason"])
        if r["park_reason"]:  # the anchor park is a property: its own reason
            note = "; ".join(filter(None, [note, f"inferred anchor_park: {r['park_reason']}"]))
        quote, status = _quote(r["quote"], r["sid"])
        rows.append(EvidenceRow(e.name, r["title"], r["date"], quote, status, note, None, r["sid"], e.id))
    # The entity's own rows are few (one per source); the relationships' rows are paged in
    # the database, after those, in a total order (ties broken down to the quote).
    total_own = len(rows)
    rows = rows[page["skip"] : page["skip"] + page["limit"]]
    rel_skip = max(page["skip"] - total_own, 0)
    rel_limit = page["limit"] - len(rows)
    match = f"MATCH (n:{lbl} {{id: $id}})-[r]-(m) WHERE type(r) <> '{_REP}' "
    rels = runner.read(
        match + "WITH r, m, startNode(r) = n AS out, coalesce(r.sources, []) AS srcs "
        # one row per source, with the quote at the same index (-1: no source at all)
        "UNWIND CASE WHEN size(srcs) = 0 THEN [-1] ELSE range(0, size(srcs) - 1) END AS i "
        "WITH r, m, out, CASE WHEN i < 0 THEN null ELSE srcs[i] END AS sid, "
        "CASE WHEN i < 0 THEN null ELSE r.quotes[i] END AS quote "
        f"OPTIONAL MATCH (s:{_SRC} {{id: sid}}) "
        "RETURN type(r) AS type, out, m.id AS mid, coalesce(m.name, m.title, m.id) AS mname, "
        "r.role AS role, r.title AS title, sid, s.title AS stitle, s.date AS sdate, quote, "
        "r.inferred_reason AS whole, r.inferred AS fields "
        "ORDER BY type, mname, sdate, sid, mid, out, role, title, quote SKIP $skip LIMIT $limit",
        {"id": e.id, "skip": rel_skip, "limit": rel_limit},
    )
    # Whether the page leaves rows out: counted from the relationships' source lists only.
    total = total_own + int(
        runner.read(
            match + "RETURN sum(CASE WHEN size(coalesce(r.sources, [])) = 0 THEN 1 "
            "ELSE size(r.sources) END) AS n",
            {"id": e.id},
        )[0]["n"]
        or 0
    )
    for r in rels:
        extra = r["role"] or r["title"]
        arrow = f"-[{r['type']}]->" if r["out"] else f"<-[{r['type']}]-"
        statement = f"{arrow} {r['mname']}" + (f" ({extra})" if extra else "")
        quote, status = _quote(r["quote"], r["sid"])
        rows.append(
            EvidenceRow(
                statement,
                r["stitle"] or r["sid"],
                r["sdate"],
                quote,
                status,
                inferred_note(r["whole"], r["fields"], None),
                r["mid"],
                r["sid"],
                e.id,
            )
        )
    note = None
    end = page["skip"] + len(rows)
    if rows and end < total:
        note = f"rows {page['skip'] + 1:,}–{end:,} of {total:,} shown: --offset {end} shows the next ones"
    elif not rows and page["skip"]:
        note = f"no rows past --offset {page['skip']} ({total:,} rows in all)"
    return NotedRows(rows, note)
