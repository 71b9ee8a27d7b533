"""A brand-new database: ``iegraph load`` creates the constraints and indexes before it
writes, so a question by name works right after the first load; a graph that lacks the
full-text index gets one line naming the fix, not Neo4j's Java message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import QueryError
from iegraph.queries.lookup import FULLTEXT_INDEX, resolve_org
from iegraph.schema.apply import apply_schema, await_indexes, ensure_schema
from iegraph.schema.model import CONSTRAINTS, INDEXES, SYSTEM_CONSTRAINTS
from tests.dbtools import run_unmanaged, wipe
from tests.helpers import run_cli


def _drop_schema(graph: Graph) -> None:
    """The database as Neo4j creates it: no data, no constraint, no index but its own."""
    wipe(graph)
    for row in graph.read("SHOW CONSTRAINTS YIELD name RETURN name"):
        run_unmanaged(graph, f"DROP CONSTRAINT `{row['name']}`", write=True)
    for row in graph.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
        run_unmanaged(graph, f"DROP INDEX `{row['name']}`", write=True)


@pytest.fixture
def new_database(graph: Graph) -> Iterator[Graph]:
    """An empty database without iegraph's schema; the schema is back afterwards."""
    _drop_schema(graph)
    try:
        yield graph
    finally:
        wipe(graph)
        apply_schema(graph)


def _schema(graph: Graph) -> set[str]:
    constraints = {r["name"] for r in graph.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    indexes = graph.read("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")
    return constraints | {r["name"] for r in indexes}


MODEL = {c.name for c in CONSTRAINTS + SYSTEM_CONSTRAINTS} | {i.name for i in INDEXES}


def test_the_first_load_into_a_new_database_makes_questions_by_name_work(
    cli_env: dict[str, str], new_database: Graph, tmp_path: Path
) -> None:
    assert not MODEL & _schema(new_database)
    book = tmp_path / "模板.xlsx"
    assert run_cli("template", "-o", str(book)).exit_code == 0
    loaded = run_cli("load", str(book))
    assert loaded.exit_code == 0, loaded.stderr
    # every constraint and index of the model, online when the load returns
    assert _schema(new_database) >= MODEL
    # 示例职院 is an alias: found through the full-text index
    asked = run_cli("query", "partners", "--org", "示例职院", "--format", "json")
    assert asked.exit_code == 0, asked.stderr
    assert "示例精密机械有限公司" in asked.stdout
    # nothing is missing any more: the next load writes no schema
    assert ensure_schema(new_database) == []


def test_a_graph_without_the_full_text_index_says_how_to_fix_it(
    cli_env: dict[str, str], new_database: Graph, tmp_path: Path
) -> None:
    book = tmp_path / "模板.xlsx"
    assert run_cli("template", "-o", str(book)).exit_code == 0
    assert run_cli("load", str(book)).exit_code == 0
    run_unmanaged(new_database, f"DROP INDEX `{FULLTEXT_INDEX}`", write=True)
    asked = run_cli("query", "partners", "--org", "示例职院")
    assert asked.exit_code == QueryError.exit_code
    line = f"database 'neo4j' has no full-text index {FULLTEXT_INDEX} (name look-ups use it): "
    assert asked.stderr.strip().splitlines() == [
        f"iegraph: error: {line}run iegraph schema apply, then ask again"
    ]
    with pytest.raises(QueryError, match="run iegraph schema apply"):
        resolve_org(new_database, "示例职院")
    assert run_cli("schema", "apply").exit_code == 0
    assert run_cli("query", "partners", "--org", "示例职院").exit_code == 0


def test_a_load_leaves_out_a_name_constraint_that_shared_names_block(new_database: Graph) -> None:
    new_database.write(
        "CREATE (:Region {id: 'r1', name: '吉林省', name_key: '吉林省'}), "
        "(:Region {id: 'r2', name: '吉林省', name_key: '吉林省'})"
    )
    created = ensure_schema(new_database)
    # everything else is made; schema apply still names the pair to merge
    assert set(created) == MODEL - {"region_name_key_unique"}
    # _schema counts online indexes only; a new index fills in the background
    await_indexes(new_database)
    assert MODEL - _schema(new_database) == {"region_name_key_unique"}
    with pytest.raises(QueryError, match=r"Region '吉林省' \(r1, r2\)"):
        apply_schema(new_database)
