"""Schema: constraints for every keyed label, name indexes, idempotent apply."""

from __future__ import annotations

import json

import pytest

from iegraph.db import Graph
from iegraph.errors import QueryError
from iegraph.schema import KEYED_LABELS, NAMED_LABELS
from iegraph.schema.apply import apply_schema, show_schema
from tests.helpers import run_cli


def test_apply_is_idempotent_and_complete(graph: Graph) -> None:
    before = show_schema(graph)
    apply_schema(graph)
    apply_schema(graph)
    after = show_schema(graph)
    assert sorted(r["name"] for r in before) == sorted(r["name"] for r in after)
    unique = {(r["labels"][0], tuple(r["properties"])) for r in after if r["what"] == "constraint"}
    for label in KEYED_LABELS:
        assert (label.value, ("id",)) in unique
    indexed = {(r["labels"][0], tuple(r["properties"])) for r in after if r["what"] == "index"}
    for label in NAMED_LABELS:
        assert (label.value, ("name",)) in indexed


def test_uniqueness_is_enforced(graph: Graph) -> None:
    graph.write("CREATE (:Organization {id: 'o1'})")
    with pytest.raises(QueryError, match="already exists"):
        graph.write("CREATE (:Organization {id: 'o1'})")


def test_schema_show_cli(cli_env: dict[str, str], graph: Graph) -> None:
    result = run_cli("schema", "show", "--format", "json")
    assert result.exit_code == 0, result.stderr
    names = {r["name"] for r in json.loads(result.stdout)}
    assert "organization_id_unique" in names and "organization_name_idx" in names
