"""``iegraph cypher`` and connection errors, against the real server."""

from __future__ import annotations

import json

import pytest

from iegraph.db import Graph
from tests.helpers import run_cli


def test_return_1_as_json(cli_env: dict[str, str]) -> None:
    result = run_cli("cypher", "RETURN 1 AS x", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"x": 1}]


def test_nodes_and_temporals_become_plain_json(cli_env: dict[str, str], graph: Graph) -> None:
    graph.write("CREATE (:Scratch {id: 's1', name: '大连理工大学', d: date('2024-05-17')})")
    result = run_cli("cypher", "MATCH (n:Scratch) RETURN n, n.d AS d", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "n": {"_labels": ["Scratch"], "id": "s1", "name": "大连理工大学", "d": "2024-05-17"},
            "d": "2024-05-17",
        }
    ]


def test_parameters_are_values_not_code(cli_env: dict[str, str], graph: Graph) -> None:
    hostile = "x'}) DETACH DELETE n //"
    result = run_cli(
        "cypher",
        "RETURN $name AS name, $n + 1 AS m",
        "-p",
        f"name={hostile}",
        "-p",
        "n=41",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"name": hostile, "m": 42}]


def test_writes_refused_without_write_flag(cli_env: dict[str, str], graph: Graph) -> None:
    result = run_cli("cypher", "CREATE (:Scratch {id: 'w'})")
    assert result.exit_code != 0
    assert "--write" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert graph.read("MATCH (n:Scratch) RETURN count(n) AS c") == [{"c": 0}]
    result = run_cli("cypher", "--write", "CREATE (:Scratch {id: 'w'})")
    assert result.exit_code == 0, result.stderr
    assert graph.read("MATCH (n:Scratch) RETURN count(n) AS c") == [{"c": 1}]


def test_cypher_error_is_one_line(cli_env: dict[str, str]) -> None:
    result = run_cli("cypher", "RETURN nope")
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("iegraph: error: Neo4j:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_table_and_csv_outputs(cli_env: dict[str, str]) -> None:
    table = run_cli("cypher", "RETURN '长春企联' AS name, 3 AS n")
    assert table.stdout.splitlines()[0].split() == ["name", "n"]
    assert "长春企联" in table.stdout
    csv = run_cli("cypher", "RETURN '长春企联' AS name, 3 AS n", "--format", "csv")
    assert csv.stdout.splitlines() == ["name,n", "长春企联,3"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"NEO4J_URI": "neo4j://127.0.0.1:1", "NEO4J_PASSWORD": "s3cret-pw"},
            "cannot reach Neo4j at neo4j://127.0.0.1:1",
        ),
        (
            {"NEO4J_URI": "bolt://no-such-host.invalid:7687", "NEO4J_PASSWORD": "s3cret-pw"},
            "no-such-host.invalid",
        ),
    ],
)
def test_unreachable_uri_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run_cli("cypher", "RETURN 1")
    assert result.exit_code != 0
    assert expected in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


def test_wrong_password_and_unknown_database(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = cli_env["IEGRAPH_BOLT_PORT"]
    monkeypatch.setenv("NEO4J_URI", f"neo4j://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "definitely-wrong")
    result = run_cli("cypher", "RETURN 1")
    assert result.exit_code != 0
    assert "refused the credentials" in result.stderr
    assert "definitely-wrong" not in result.stderr
    monkeypatch.delenv("NEO4J_URI")
    monkeypatch.delenv("NEO4J_PASSWORD")
    result = run_cli("--database", "nosuchdb", "cypher", "RETURN 1")
    assert result.exit_code != 0
    assert "database 'nosuchdb' does not exist" in result.stderr
