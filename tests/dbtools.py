"""Database chores of tests and benchmarks that library code never needs."""

from __future__ import annotations

from neo4j import READ_ACCESS, WRITE_ACCESS

from iegraph.db import Graph, Params, Row, translate_errors
from iegraph.loaders import bundled_seed_paths, load_paths

#: Empties a database of any size in batches (a managed transaction would hold it all).
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


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


def wipe(graph: Graph) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    run_unmanaged(graph, WIPE, write=True)


def load_seed_graph(graph: Graph) -> Graph:
    """Make the database hold exactly the bundled seed dataset; return the graph."""
    wipe(graph)
    load_paths(graph, bundled_seed_paths())
    return graph
