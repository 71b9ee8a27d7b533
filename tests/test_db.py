"""The database seam (iegraph/db.py): a caller's driver or session as a Runner, errors as
one line, and the library leaving the driver's logging to the program that imports it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iegraph.db import Graph, SessionRunner, as_runner
from iegraph.errors import ConnectionFailure, QueryError
from iegraph.loaders import load_paths
from iegraph.loaders.writer import create_query, node_query
from iegraph.schema.model import Label
from tests.test_load import SHEET_A, counts, write


def test_importing_the_library_leaves_the_driver_logs_alone() -> None:
    # Only the iegraph CLI keeps the driver's log records off stderr; a notebook or
    # program using the library must still see them.
    code = (
        "import logging, iegraph.db, iegraph.queries, iegraph.loaders, iegraph.viz.views\n"
        "log = logging.getLogger('neo4j')\n"
        "print(log.propagate, len(log.handlers))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "0"]


def test_session_runner_turns_driver_errors_into_one_line(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        runner = as_runner(session, database=graph.database)
        assert isinstance(runner, SessionRunner)
        with pytest.raises(QueryError) as err:
            runner.read("RETURN nope(")
        assert str(err.value).startswith("Neo4j:")
        assert len(str(err.value).splitlines()) == 1
        with pytest.raises(QueryError, match="--write"):
            runner.read("CREATE (:Scratch {id: 'r'})")
        # the session is still usable after a failed transaction
        assert runner.read("RETURN 1 AS x") == [{"x": 1}]


def test_a_driver_runs_in_the_database_it_is_given(graph: Graph) -> None:
    assert as_runner(graph.driver, database=graph.database).read("RETURN 1 AS x") == [{"x": 1}]
    with pytest.raises(ConnectionFailure, match="database 'nosuchdb' does not exist"):
        as_runner(graph.driver, database="nosuchdb").read("RETURN 1 AS x")


def test_write_new_through_a_session_falls_back_when_refused(graph: Graph) -> None:
    create = create_query(Label.ORGANIZATION, Label.ENTERPRISE)
    merge = node_query(Label.ORGANIZATION, Label.ENTERPRISE)
    row = {"id": "s-1", "name": "丙公司", "name_key": "丙公司"}
    with graph.driver.session(database=graph.database) as session:
        runner = SessionRunner(session, graph.database)
        summary, created = runner.write_new(create, merge, [row])
        assert created and summary.nodes_created == 1
        # the id constraint refuses the CREATE inside the session; the MERGE runs instead
        summary, created = runner.write_new(create, merge, [row])
        assert not created and summary.nodes_created == 0
    assert graph.read("MATCH (o:Enterprise {id: 's-1'}) RETURN count(*) AS c") == [{"c": 1}]


def test_a_load_through_a_callers_session_writes_the_same_graph(graph: Graph, tmp_path: Path) -> None:
    # the loader writes from background threads; over one session they must take turns
    sheet = write(tmp_path / "a.yaml", SHEET_A)
    load_paths(graph, [sheet])
    expected = counts(graph)
    graph.write("MATCH (n) DETACH DELETE n")
    with graph.driver.session(database=graph.database) as session:
        load_paths(as_runner(session, database=graph.database), [sheet], batch_size=1)
    assert counts(graph) == expected
