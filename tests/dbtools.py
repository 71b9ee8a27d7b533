"""Database chores of tests and benchmarks that library code never needs."""

from __future__ import annotations

from neo4j import READ_ACCESS, WRITE_ACCESS

from iegraph.db import Graph, Params, Row, translate_errors


def run_unmanaged(graph: Graph, query: str, params: Params | None = None, write: bool = False) -> list[Row]:
    """Run ``query`` as an auto-commit transaction, read-only unless ``write``: what
    ``CALL {…} IN TRANSACTIONS`` (wiping a big database) needs, which a managed
    transaction refuses."""
    mode = WRITE_ACCESS if write else READ_ACCESS
    with (
        translate_errors(graph.uri, graph.database),
        graph.driver.session(database=graph.database, default_access_mode=mode) as session,
    ):
        return [dict(r) for r in session.run(query, dict(params or {}))]  # type: ignore[arg-type]
