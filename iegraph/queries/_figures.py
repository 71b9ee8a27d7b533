"""Whole-graph answers computed once per load and kept, dated, in the graph.

Some answers need the whole graph (``stats``' quality scans; ``brokers``, ``synergy``
and ``gaps`` at national scope): seconds to minutes at a million organisations. A
load computes them once at its end and stores each as JSON on a ``GraphFigures`` node
(one per ``name``) with the date it was computed (``as_of``); the question reads it
back in milliseconds, says in its note that it is the stored result of that date, and
recomputes and stores it with ``refresh``. Below ``STORE_FIGURES_FROM`` organisations a
load stores nothing (on such a graph computing is cheap), unless figures are stored
already — then they would go stale, so they are recomputed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from iegraph.db import Runner
from iegraph.schema.model import Label, SystemLabel

_FIGURES = SystemLabel.GRAPH_FIGURES.value
#: From this many organisations on, a load stores the whole-graph figures.
STORE_FIGURES_FROM = 10_000


@dataclass(frozen=True, slots=True)
class Stored:
    """One stored answer: when it was computed (ISO, UTC), the JSON-decoded ``value``."""

    as_of: str
    value: object


def now() -> str:
    """The date stored with figures: ISO 8601, UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def store(runner: Runner, name: str, value: object, as_of: str | None = None) -> str:
    """Store ``value`` (JSON-able) as the figures ``name`` with its date; return the date."""
    as_of = as_of or now()
    runner.write(
        f"MERGE (f:{_FIGURES} {{name: $name}}) SET f.as_of = $as_of, f.value = $value",
        {"name": name, "as_of": as_of, "value": json.dumps(value, ensure_ascii=False)},
    )
    return as_of


def stored(runner: Runner, name: str) -> Stored | None:
    """The figures ``name`` as stored, or None when nothing is stored under it."""
    recs = runner.read(
        f"MATCH (f:{_FIGURES} {{name: $name}}) RETURN f.as_of AS as_of, f.value AS value LIMIT 1",
        {"name": name},
    )
    if not recs or recs[0]["value"] is None:
        return None
    return Stored(str(recs[0]["as_of"]), json.loads(recs[0]["value"]))


def drop(runner: Runner, names: list[str]) -> None:
    """Remove the figures ``names``: a load that could not store them leaves no stale
    answer behind (the questions compute them live until stored again)."""
    runner.write(f"MATCH (f:{_FIGURES}) WHERE f.name IN $names DELETE f", {"names": names})


def count(runner: Runner, label: str) -> int:
    """Nodes with ``label``: answered from the count store, no scan."""
    rows = runner.read(f"MATCH (n:{label}) RETURN count(n) AS c")
    return int(rows[0]["c"]) if rows else 0


def worth_storing(runner: Runner) -> bool:
    """Whether a load should store the whole-graph figures: the graph is large enough for
    computing them to cost, or figures are stored already (they would go stale)."""
    return count(runner, Label.ORGANIZATION.value) >= STORE_FIGURES_FROM or count(runner, _FIGURES) > 0


def stored_note(as_of: str, command: str) -> str:
    """The note of an answer read from the store: its date and how to refresh it."""
    return (
        f"stored national result of {as_of}, computed after the last load ({command} --refresh recomputes it)"
    )
