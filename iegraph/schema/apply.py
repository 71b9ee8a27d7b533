"""Create and list the constraints and indexes declared in ``iegraph.schema.model``."""

from __future__ import annotations

from iegraph.db import Row, Runner
from iegraph.errors import QueryError
from iegraph.schema.model import (
    CONSTRAINTS,
    INDEXES,
    SYSTEM_CONSTRAINTS,
    UNIQUE_NAME_LABELS,
    Constraint,
    Index,
    Label,
)

#: Shared names shown when a graph's duplicates keep a name constraint from being created.
MAX_DUPLICATES_SHOWN = 5
#: Seconds a writer waits for the indexes it created to come online.
INDEX_WAIT = 3600


def schema_statements() -> list[str]:
    """Every schema statement of the model, constraints first (they back the MERGE keys)."""
    constraints = CONSTRAINTS + SYSTEM_CONSTRAINTS
    return [c.cypher() for c in constraints] + [i.cypher() for i in INDEXES]


def apply_schema(graph: Runner) -> int:
    """Create every constraint and index that does not exist yet; return how many statements ran.

    Idempotent: every statement is ``IF NOT EXISTS``. A graph that already holds two
    regions (or industries) of one name — written before their names were unique —
    cannot take the name constraint: that is an error naming them and saying how to
    merge them, before any statement runs.
    """
    _refuse_shared_names(graph)
    statements = schema_statements()
    for statement in statements:
        graph.write(statement)
    return len(statements)


def _shared_names(graph: Runner, labels: tuple[Label, ...] = UNIQUE_NAME_LABELS) -> list[tuple[Label, str]]:
    """The regions/industries (of ``labels``) that share a ``name_key``: each group's
    label and its text for a message."""
    found: list[tuple[Label, str]] = []
    for label in labels:
        rows = graph.read(
            f"MATCH (n:{label.value}) WHERE n.name_key IS NOT NULL "
            "WITH n.name_key AS key, collect(n.id) AS ids WHERE size(ids) > 1 "
            "RETURN key, ids ORDER BY key LIMIT $limit",
            {"limit": MAX_DUPLICATES_SHOWN},
        )
        found += [
            (label, f"{label.value} {r['key']!r} ({', '.join(sorted(map(str, r['ids'])))})") for r in rows
        ]
    return found


def _refuse_shared_names(graph: Runner) -> None:
    """Raise QueryError naming the regions/industries that share a ``name_key``."""
    found = [text for _label, text in _shared_names(graph)]
    if found:
        raise QueryError(
            "cannot make region and industry names unique: the graph has nodes sharing a name: "
            + "; ".join(found[:MAX_DUPLICATES_SHOWN])
            + " — merge each group first (iegraph merge KEEP OTHER), then run iegraph schema apply again"
        )


def ensure_schema(graph: Runner) -> list[str]:
    """Create the constraints and indexes of the model that this database lacks; return
    their names (empty when the schema is complete, the usual case: two reads, no write).

    For writers (``iegraph load``): a new database gets the schema with its first load,
    so questions by name find the full-text index they need without a separate
    ``iegraph schema apply``. Unlike ``apply_schema`` it never refuses a graph: where
    regions or industries already share a name, their name constraint is left out (the
    loader worked without it; ``iegraph schema apply`` names them and says how to merge).
    """
    present = {str(r["name"]) for r in graph.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    present |= {str(r["name"]) for r in graph.read("SHOW INDEXES YIELD name RETURN name")}
    constraints = [c for c in CONSTRAINTS + SYSTEM_CONSTRAINTS if c.name not in present]
    indexes = [i for i in INDEXES if i.name not in present]
    names = [c for c in constraints if c.prop == "name_key" and isinstance(c.label, Label)]
    if names:
        labels = tuple(c.label for c in names if isinstance(c.label, Label))
        blocked = {label for label, _text in _shared_names(graph, labels)}
        constraints = [c for c in constraints if not (c.prop == "name_key" and c.label in blocked)]
    missing: list[Constraint | Index] = [*constraints, *indexes]
    for item in missing:
        graph.write(item.cypher())
    return [item.name for item in missing]


def await_indexes(graph: Runner, seconds: int = INDEX_WAIT) -> None:
    """Wait until every index is online (a new one fills in the background): a
    question must not meet a full-text index that is still populating."""
    graph.read("CALL db.awaitIndexes($seconds)", {"seconds": seconds})


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


def unique_id_labels(graph: Runner) -> set[Label]:
    """The labels whose ``id`` a uniqueness constraint guards in this database.

    The loader CREATEs new nodes only under such a constraint: it is what refuses a
    batch holding a node that exists after all (without one, CREATE would duplicate
    it, e.g. on a database where ``iegraph schema apply`` never ran)."""
    rows = graph.read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type IN ['UNIQUENESS', 'NODE_KEY'] AND properties = ['id'] "
        "RETURN labelsOrTypes AS labels"
    )
    wanted = {c.label.value: c.label for c in CONSTRAINTS if isinstance(c.label, Label) and c.prop == "id"}
    return {wanted[name] for row in rows for name in row["labels"] if name in wanted}


def await_fulltext_refresh(graph: Runner) -> None:
    """Wait until the eventually consistent full-text indexes reflect every commit.

    Called by writers when they finish, so that name look-ups right after a load or
    merge (aliases resolve through the full-text index) see the new names.
    """
    graph.read("CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()")
