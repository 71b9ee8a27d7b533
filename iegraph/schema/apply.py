"""Create and list the constraints and indexes declared in ``iegraph.schema.model``."""

from __future__ import annotations

from iegraph.db import Row, Runner
from iegraph.schema.model import CONSTRAINTS, INDEXES


def schema_statements() -> list[str]:
    """Every schema statement of the model, constraints first (they back the MERGE keys)."""
    return [c.cypher() for c in CONSTRAINTS] + [i.cypher() for i in INDEXES]


def apply_schema(graph: Runner) -> int:
    """Create every constraint and index that does not exist yet; return how many statements ran.

    Idempotent: every statement is ``IF NOT EXISTS``.
    """
    statements = schema_statements()
    for statement in statements:
        graph.write(statement)
    return len(statements)


def show_schema(graph: Runner) -> list[Row]:
    """List the constraints and indexes present in the database (not only iegraph's)."""
    constraints = graph.read(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
        "RETURN 'constraint' AS what, name, type, labelsOrTypes AS labels, properties, "
        "'ONLINE' AS state ORDER BY name"
    )
    indexes = graph.read(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state, owningConstraint "
        "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' "
        "RETURN 'index' AS what, name, type, labelsOrTypes AS labels, properties, state ORDER BY name"
    )
    return constraints + indexes


def await_fulltext_refresh(graph: Runner) -> None:
    """Wait until the eventually consistent full-text indexes reflect every commit.

    Called by writers when they finish, so that name look-ups right after a load or
    merge (aliases resolve through the full-text index) see the new names.
    """
    graph.read("CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()")
