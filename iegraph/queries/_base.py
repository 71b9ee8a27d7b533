"""What every question shares: the registry, parameter specs, the partnership
vocabulary (built only from the schema enums) and small helpers.

A question is a plain function ``f(runner, **params) -> list[Row]`` where each Row
is a dataclass; ``@question(...)`` records it in ``REGISTRY`` with its parameters
and result columns, so the CLI (``iegraph query``), the views (``iegraph viz query``)
and the package (``iegraph.queries.NAME``) find it. Rows that state a relationship
carry ``sources`` (Source ids); ``QuerySpec.run(with_sources=True)`` adds their titles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from iegraph.db import Runner, Target, as_runner
from iegraph.errors import InputError
from iegraph.schema.model import ORG_KINDS, Label, Rel

# --------------------------------------------------------------------------- vocabulary

#: Relationships by which an organisation takes part in a shared activity (a *tie* to a
#: carrier: a Project/Program, Agreement, Consortium or Event). Two organisations
#: with a tie to the same carrier are related through it; ``pair_basis`` says how.
PARTNER_RELS: tuple[Rel, ...] = (Rel.PARTICIPATES_IN, Rel.SIGNED, Rel.MEMBER_OF, Rel.ATTENDED)
#: The same as a Cypher type alternation, e.g. ``PARTICIPATES_IN|SIGNED|...``.
PARTNER_TYPES = "|".join(r.value for r in PARTNER_RELS)

# ----- the basis of a partnership: working vs co-presence. The rule lives here only;
# every question and view asks ``tie_basis``/``pair_basis`` (Python) or ``working_tie``
# (Cypher), never the relationship types itself.
#
# A tie is *working* when it is joint work whatever the others do: taking part in a
# Project or Program (PARTICIPATES_IN), signing an Agreement (SIGNED), or leading a
# Consortium (MEMBER_OF {role: 'lead'}). A co-built body — a 共建 training base,
# practice base, industrial college or innovation centre — is a Project in this graph
# with its builders as parties (docs/contributing.md, graph contract), so building one
# together is a joint project. (An organisation PART_OF another is a subordinate unit,
# not a partnership, and no question treats it as one.)
# Every other tie is *co-presence*: plain membership of a consortium, any part in an
# event (organiser, host, attendee, speaker).
# Two organisations sharing a carrier are *working* partners through it when both
# ties are working — joint project or programme, same agreement, co-leads — and
# otherwise only *co-present* (co-members, or a lead and a member, or at one event).

#: The two bases of a partnership, as the ``basis`` column spells them.
BASIS_WORKING = "working"
BASIS_CO_PRESENCE = "co-presence"
#: ``role`` of a consortium's lead on MEMBER_OF (co-leads of one consortium work together).
LEAD_ROLE = "lead"
#: Relationships that are working ties whatever their role.
WORK_RELS: tuple[Rel, ...] = (Rel.PARTICIPATES_IN, Rel.SIGNED)
_WORK_TYPE_SET = frozenset(r.value for r in WORK_RELS)
#: Property of a relationship the curator inferred (the source does not state it): why.
#: Its presence is what makes a relationship inferred (graph contract, issue 11).
INFERRED_REASON = "inferred_reason"


def tie_basis(rel_type: str, role: str | None = None) -> str:
    """The basis of one tie (organisation -> carrier): working or co-presence."""
    if rel_type in _WORK_TYPE_SET:
        return BASIS_WORKING
    if rel_type == Rel.MEMBER_OF.value and role == LEAD_ROLE:
        return BASIS_WORKING
    return BASIS_CO_PRESENCE


def pair_basis(a: str, b: str) -> str:
    """The basis of two organisations' relation through one carrier, from the bases of their ties."""
    return BASIS_WORKING if a == b == BASIS_WORKING else BASIS_CO_PRESENCE


def stronger_basis(a: str | None, b: str) -> str:
    """The basis of a relation known two ways: working wins over co-presence."""
    return BASIS_WORKING if BASIS_WORKING in (a, b) else b


def _literal(text: str) -> str:
    """A vocabulary constant as a Cypher string literal (constants only, never input)."""
    if not all(ch.isalnum() or ch in "_-" for ch in text):
        raise ValueError(f"not a vocabulary constant: {text!r}")
    return f"'{text}'"


def working_tie(r: str) -> str:
    """Cypher: true when the relationship variable ``r`` is a working tie (see ``tie_basis``)."""
    works = ", ".join(_literal(rel.value) for rel in WORK_RELS)
    return (
        f"(type({r}) IN [{works}] OR "
        f"(type({r}) = {_literal(Rel.MEMBER_OF.value)} AND {r}.role = {_literal(LEAD_ROLE)}))"
    )


def tie_filter(r: str, with_co_presence: bool) -> str:
    """Cypher: the ties a question follows — working ties only, or every tie."""
    return "true" if with_co_presence else working_tie(r)


def pair_filter(r1: str, r2: str, with_co_presence: bool) -> str:
    """Cypher: the pairs of ties a question follows — working pairs (both ties working,
    as ``pair_basis`` says) only, or every pair."""
    return "true" if with_co_presence else f"({working_tie(r1)} AND {working_tie(r2)})"


def inferred_cypher(*rels: str) -> str:
    """Cypher: the ``inferred_reason`` values set on the given relationship variables (a list)."""
    items = ", ".join(f"{r}.{INFERRED_REASON}" for r in rels)
    return f"[x IN [{items}] WHERE x IS NOT NULL]"


#: Node labels of the shared activities ("carriers") that make organisations partners.
CARRIER_LABELS: tuple[Label, ...] = (
    Label.PROJECT,
    Label.PROGRAM,
    Label.AGREEMENT,
    Label.CONSORTIUM,
    Label.EVENT,
)
#: Short lower-case names of carrier kinds as shown to readers.
CARRIER_KIND: dict[str, str] = {
    Label.PROJECT.value: "project",
    Label.PROGRAM.value: "program",
    Label.AGREEMENT.value: "agreement",
    Label.CONSORTIUM.value: "consortium",
    Label.EVENT.value: "event",
}
CARRIER_LABEL_NAMES: list[str] = [lbl.value for lbl in CARRIER_LABELS]
ORG_KIND_NAMES: list[str] = [lbl.value for lbl in ORG_KINDS]

#: Largest region hierarchy depth followed (country > province > city > district > zone).
REGION_DEPTH = 5


def label_expr(labels: Iterable[Label]) -> str:
    """A label disjunction for a node pattern, e.g. ``Project|Agreement`` (enum values only)."""
    return "|".join(lbl.value for lbl in labels)


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Param:
    """One parameter of a question: Python name, type, default, help, CLI flag."""

    name: str
    type: type = str
    default: Any = None
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] | None = None
    flag: str | None = None  # CLI option name; default ``--`` + name with dashes

    @property
    def option(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")


class NotedRows(list[Any]):
    """A question's rows with a note that qualifies the whole answer (e.g. what a
    bounded search left out); ``QuerySpec.run`` keeps the note, the CLI prints it."""

    def __init__(self, rows: Iterable[Any] = (), note: str | None = None) -> None:
        super().__init__(rows)
        self.note = note


@dataclass(frozen=True)
class QuerySpec:
    """A named analyst question: what it asks, its parameters, its columns, how to run it."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    func: Callable[..., Sequence[Any]]
    example: str = ""
    #: Columns that list Source ids (shown with --with-sources).
    source_columns: tuple[str, ...] = ("sources",)
    #: What an empty answer means and what to try next (shown instead of "no rows").
    empty: str = "no rows"

    def run(
        self,
        target: Target,
        *,
        with_sources: bool = False,
        limit: int | None = None,
        **params: Any,
    ) -> NotedRows:
        """Run the question and return plain dict rows (with source titles if asked);
        ``.note`` is the question's note on its answer, if it gave one."""
        runner = as_runner(target)
        known = {p.name for p in self.params}
        unknown = set(params) - known
        if unknown:
            raise InputError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
        if limit is not None and self.paged:
            # A paged question takes --limit as its own parameter: the database stops early.
            params["limit"] = limit
            limit = None
        answer = self.func(runner, **params)
        rows = NotedRows((as_dict(r) for r in answer), getattr(answer, "note", None))
        if limit is not None:
            del rows[max(limit, 0) :]
        if with_sources:
            attach_source_titles(runner, rows)
        return rows

    @property
    def paged(self) -> bool:
        """Whether the question pages in Cypher (declares the ``PAGING`` parameters)."""
        return any(p.name == LIMIT.name for p in self.params)

    def output_columns(self, with_sources: bool = False) -> list[str]:
        """Columns to show: the source-id columns only when asked for, then with titles."""
        cols = [c for c in self.columns if with_sources or c not in self.source_columns]
        if with_sources and "sources" in self.columns:
            cols.append("source_titles")
        return cols


#: Every question by name, in discovery order (module name, then declaration);
#: filled by ``@question`` as ``iegraph.queries`` imports its modules.
REGISTRY: dict[str, QuerySpec] = {}

P = ParamSpec("P")
R = TypeVar("R", bound=Sequence[Any])


def question(
    name: str,
    description: str,
    params: Sequence[Param],
    columns: Sequence[str],
    example: str = "",
    source_columns: Sequence[str] = ("sources",),
    empty: str = "no rows",
) -> Callable[[Callable[Concatenate[Runner, P], R]], Callable[Concatenate[Target, P], R]]:
    """Register the decorated function as the analyst question ``name``.

    The decorated name is the public function: it takes a Runner, a neo4j Driver or
    an open Session, so ``from iegraph.queries.partners import partners`` is typed
    and usable as is. ``name`` must be a Python identifier (it is also the attribute
    ``iegraph.queries.NAME``) and unique across the package.
    ``source_columns`` are hidden unless --with-sources (pass ``()`` to always show them);
    ``empty`` says what an empty answer means.
    """
    if not name.isidentifier():
        raise ValueError(f"question name {name!r} is not a Python identifier")

    def deco(
        func: Callable[Concatenate[Runner, P], R],
    ) -> Callable[Concatenate[Target, P], R]:
        @wraps(func)
        def public(target: Target, /, *args: P.args, **kwargs: P.kwargs) -> R:
            return func(as_runner(target), *args, **kwargs)

        old = REGISTRY.get(name)
        # The same function declared again (a module imported twice) replaces itself;
        # two different functions under one name would silently hide one of them.
        if old is not None and _origin(old.func) != _origin(public):
            raise ValueError(
                f"question {name!r} is declared twice: {_origin(old.func)} and {_origin(public)}"
            )
        REGISTRY[name] = QuerySpec(
            name, description, tuple(params), tuple(columns), public, example, tuple(source_columns), empty
        )
        return public

    return deco


def _origin(func: Callable[..., Any]) -> str:
    """Where a function is declared, as ``module.qualname``."""
    return f"{func.__module__}.{func.__qualname__}"


def as_dict(row: Any) -> dict[str, Any]:
    """A result row (dataclass or mapping) as a plain dict."""
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    if isinstance(row, Mapping):
        return dict(row)
    raise TypeError(f"cannot turn {type(row).__name__} into a row")


# --------------------------------------------------------------------------- helpers

#: The parameter of every question that derives partnerships (CLI ``--with-co-presence``).
WITH_CO_PRESENCE = Param(
    "with_co_presence",
    bool,
    False,
    "also count co-presence (same consortium as plain members, same event), not only joint work",
)


#: Paging of a question that can return many rows (a region's projects, national gaps):
#: ``SKIP $offset LIMIT $limit`` in its Cypher, after an ORDER BY that makes pages stable,
#: so a page costs the database a top-k, not the whole answer shipped to Python.
LIMIT = Param("limit", int, None, "at most N rows (the database stops there)")
OFFSET = Param("offset", int, 0, "skip the first N rows (with --limit: one page)")
PAGING: tuple[Param, ...] = (LIMIT, OFFSET)
#: What LIMIT means with no --limit (Cypher needs an integer): no bound.
NO_LIMIT = 2**63 - 1


def page_params(limit: int | None, offset: int | None) -> dict[str, int]:
    """The ``$skip`` and ``$limit`` of a paged question's Cypher, validated."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise InputError(f"--{name} must be a non-negative integer, got {value!r}")
    return {"skip": offset or 0, "limit": NO_LIMIT if limit is None else limit}


def uniq(values: Iterable[Any]) -> list[Any]:
    """Distinct values in first-seen order (None dropped)."""
    seen: dict[Any, None] = {}
    for v in values:
        if v is not None:
            seen.setdefault(v, None)
    return list(seen)


def source_titles(runner: Runner, ids: Iterable[str]) -> dict[str, str]:
    """Source id -> "title (date)" for the given ids."""
    wanted = uniq(ids)
    if not wanted:
        return {}
    rows = runner.read(
        f"MATCH (s:{Label.SOURCE.value}) WHERE s.id IN $ids RETURN s.id AS id, s.title AS title, s.date AS date",
        {"ids": wanted},
    )
    return {r["id"]: f"{r['title'] or r['id']}" + (f" ({r['date']})" if r.get("date") else "") for r in rows}


def attach_source_titles(runner: Runner, rows: list[dict[str, Any]]) -> None:
    """Add ``source_titles`` to every row that has ``sources``; one query for all rows."""
    ids = [s for r in rows for s in (r.get("sources") or [])]
    titles = source_titles(runner, ids)
    for r in rows:
        if "sources" in r:
            r["source_titles"] = [titles.get(s, s) for s in (r.get("sources") or [])]


def check_positive(name: str, value: int | None, upper: int | None = None) -> int | None:
    """Validate an integer option (top, max-hops ...)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputError(f"--{name.replace('_', '-')} must be a positive integer, got {value!r}")
    if upper is not None and value > upper:
        raise InputError(f"--{name.replace('_', '-')} must be at most {upper}, got {value}")
    return value


def region_tree(runner: Runner, region_id: str) -> list[str]:
    """The ids of a region and every region below it (districts of a city ...)."""
    rows = runner.read(
        f"MATCH (r:{Label.REGION.value} {{id: $id}}) "
        f"OPTIONAL MATCH (c:{Label.REGION.value})-[:{Rel.PART_OF.value}*1..{REGION_DEPTH}]->(r) "
        "RETURN r.id AS id, collect(DISTINCT c.id) AS below",
        {"id": region_id},
    )
    if not rows:
        return [region_id]
    return [rows[0]["id"], *rows[0]["below"]]


def year_of(date: str | None) -> int | None:
    """The year of an ISO date text ('2023', '2023-05', '2023-05-10')."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    return int(date[:4])


@dataclass
class Entity:
    """A resolved entity: id, canonical name, kind (org kind or label)."""

    id: str
    name: str
    kind: str | None = None
    label: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
