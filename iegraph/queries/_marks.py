"""Marks that keep an answer honest about what the source did not state.

A node lists the fields whose value the curator inferred (``inferred``) and may say
why (``inferred_reason``); a relationship the source does not state carries its own
``inferred_reason`` (the graph contract, docs/contributing.md). Answers that show
such a value show this mark beside it, in an ``inferred`` column.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any


def inferred_mark(props: Mapping[str, Any], shown: Collection[str] | None = None) -> str | None:
    """``date, region — <reason>`` for a node's inferred fields (only those in ``shown``,
    the fields the answer shows, when given); None when nothing shown was inferred."""
    fields = [f for f in props.get("inferred") or () if shown is None or f in shown]
    if not fields:
        return None
    reason = props.get("inferred_reason")
    return ", ".join(fields) + (f" — {reason}" if reason else "")
