"""New nodes are CREATEd, not MERGEd: the unique id constraint refuses a batch in which any
node exists after all, and the MERGE then writes it — never a duplicate, lists still united."""

from __future__ import annotations

from pathlib import Path

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.loaders.writer import create_query, node_query, rel_query, reported_query
from iegraph.schema.apply import apply_schema, unique_id_labels
from iegraph.schema.model import Label, Rel
from tests.dbtools import run_unmanaged
from tests.test_load import counts, write

FIRST = """\
source: {id: src-1, title: 第一篇}
organizations:
  - {id: org-1, name: 甲公司, kind: Enterprise, aliases: [甲司]}
"""

# org-1 again (an explicit id the resolver does not look up: it is created optimistically)
SECOND = """\
source: {id: src-2, title: 第二篇}
organizations:
  - {id: org-1, name: 甲公司, kind: Enterprise, aliases: [甲厂]}
  - {id: org-2, name: 乙公司, kind: Enterprise}
"""


def test_a_batch_with_an_existing_id_falls_back_to_merge(graph: Graph, tmp_path: Path) -> None:
    load_paths(graph, [write(tmp_path / "a" / "first.yaml", FIRST)])
    report = load_paths(graph, [write(tmp_path / "b" / "second.yaml", SECOND)])
    rows = graph.read("MATCH (o:Organization) RETURN o.id AS id, o.aliases AS aliases ORDER BY id")
    # aliases united on MERGE; none at all is no property (absent means empty), not []
    assert rows == [{"id": "org-1", "aliases": ["甲司", "甲厂"]}, {"id": "org-2", "aliases": None}]
    assert report.nodes_created["Enterprise"] == 1
    assert report.nodes_written["Enterprise"] == 2


def test_write_new_creates_or_reports_the_refusal(graph: Graph) -> None:
    create = create_query(Label.ORGANIZATION, Label.ENTERPRISE)
    merge = node_query(Label.ORGANIZATION, Label.ENTERPRISE)
    row = {"id": "x-1", "name": "丙公司", "name_key": "丙公司", "props": {"uscc": "91220101MA0000000X"}}
    summary, created = graph.write_new(create, merge, [row])
    assert created and summary.nodes_created == 1
    first = counts(graph)
    # the same row again: CREATE is refused by the constraint, MERGE leaves the node as it was
    summary, created = graph.write_new(create, merge, [row, {**row, "id": "x-2", "name_key": "丁"}])
    assert not created and summary.nodes_created == 1
    assert graph.read("MATCH (o:Enterprise {id: 'x-1'}) RETURN count(*) AS c") == [{"c": 1}]
    assert first["nodes"]["Enterprise"] == 1
    assert counts(graph)["nodes"]["Enterprise"] == 2


def test_create_and_merge_write_the_same_node(graph: Graph) -> None:
    row = {
        "id": "y-1",
        "name": "某学院",
        "name_key": "某学院",
        "aliases": ["某院"],
        "alias_keys": ["某院"],
        "inferred": ["level"],
        "props": {"level": "higher_vocational", "kind": "College"},
    }
    graph.write_batches(create_query(Label.ORGANIZATION, Label.COLLEGE), [[row]])
    created = counts(graph)
    run_unmanaged(graph, "MATCH (n) DETACH DELETE n", write=True)
    graph.write_batches(node_query(Label.ORGANIZATION, Label.COLLEGE), [[row]])
    assert counts(graph) == created


def test_a_database_without_constraints_gets_them_before_the_first_write(
    graph: Graph, tmp_path: Path
) -> None:
    # a database where `iegraph schema apply` never ran: the load creates the unique id
    # constraints before it writes (ensure_schema), so the CREATE of an explicit-id node
    # (sources, org-1) on a reload is refused and merged instead of written twice
    assert unique_id_labels(graph) >= {Label.SOURCE, Label.ORGANIZATION}
    for row in graph.read("SHOW CONSTRAINTS YIELD name RETURN name"):
        run_unmanaged(graph, f"DROP CONSTRAINT `{row['name']}`", write=True)
    try:
        assert unique_id_labels(graph) == set()
        sheet = write(tmp_path / "first.yaml", FIRST)
        load_paths(graph, [sheet])
        again = load_paths(graph, [sheet])
        assert unique_id_labels(graph) >= {Label.SOURCE, Label.ORGANIZATION}
        assert sum(again.nodes_created.values()) == 0
        assert graph.read("MATCH (n) RETURN n.id AS id, count(*) AS c ORDER BY id") == [
            {"id": "org-1", "c": 1},
            {"id": "src-1", "c": 1},
        ]
    finally:
        apply_schema(graph)


def _props(graph: Graph, query: str) -> dict[str, object]:
    rows = graph.read(query + " AS p")
    assert len(rows) == 1, rows
    return dict(rows[0]["p"])


def test_no_empty_list_is_stored_and_a_merge_only_grows_lists(graph: Graph) -> None:
    # absent means empty (issue 15): a node without aliases/inferred has no such property
    bare = {"id": "y-1", "name": "某学院", "name_key": "某学院"}
    graph.write_batches(create_query(Label.ORGANIZATION, Label.COLLEGE), [[bare]])
    node = "MATCH (n:College {id: 'y-1'}) RETURN properties(n)"
    assert not {"aliases", "alias_keys", "inferred"} & set(_props(graph, node))
    # an alias that is the node's own name key adds nothing: still no list, not []
    same = {**bare, "aliases": ["某学院"], "alias_keys": ["某学院"]}
    graph.write_batches(node_query(Label.ORGANIZATION, Label.COLLEGE), [[same]])
    assert not {"aliases", "alias_keys", "inferred"} & set(_props(graph, node))
    grown = {**bare, "aliases": ["某院"], "alias_keys": ["某院"], "inferred": ["level"]}
    graph.write_batches(node_query(Label.ORGANIZATION, Label.COLLEGE), [[grown]])
    # a later row without lists (and one with [] sent) keeps them: a list only grows
    graph.write_batches(node_query(Label.ORGANIZATION, Label.COLLEGE), [[bare]])
    graph.write_batches(node_query(Label.ORGANIZATION, Label.COLLEGE), [[{**bare, "inferred": []}]])
    props = _props(graph, node)
    assert (props["aliases"], props["alias_keys"], props["inferred"]) == (["某院"], ["某院"], ["level"])
    # a graph of an older loader keeps its [] (it reads the same: empty)
    graph.write("MATCH (n:College {id: 'y-1'}) SET n.aliases = [], n.alias_keys = [], n.inferred = []")
    graph.write_batches(node_query(Label.ORGANIZATION, Label.COLLEGE), [[bare]])
    props = _props(graph, node)
    assert (props["aliases"], props["alias_keys"], props["inferred"]) == ([], [], [])

    graph.write("CREATE (:Source {id: 's-1'}), (:Source {id: 's-2'})")
    reported = "MATCH (:College {id: 'y-1'})-[r:REPORTED_IN]->(:Source {id: 's-1'}) RETURN properties(r)"
    graph.write_batches(reported_query(Label.ORGANIZATION), [[{"id": "y-1", "source": "s-1"}]])
    assert _props(graph, reported) == {}  # no quote: no quotes, not []
    graph.write_batches(
        reported_query(Label.ORGANIZATION), [[{"id": "y-1", "source": "s-1", "quotes": ["原文"]}]]
    )
    graph.write_batches(reported_query(Label.ORGANIZATION), [[{"id": "y-1", "source": "s-1"}]])
    assert _props(graph, reported) == {"quote": "原文", "quotes": ["原文"]}

    graph.write("CREATE (:Organization:Enterprise {id: 'e-1', name: '某公司', name_key: '某公司'})")
    part_of = rel_query(Rel.PART_OF, Label.ORGANIZATION, Label.ORGANIZATION, None)
    link = {"start": "e-1", "end": "y-1", "sources": []}
    rel = "MATCH (:Enterprise {id: 'e-1'})-[r:PART_OF]->(:College {id: 'y-1'}) RETURN properties(r)"
    graph.write_batches(part_of, [[link]])
    assert _props(graph, rel) == {}  # no source: no sources, not []
    graph.write_batches(part_of, [[{**link, "sources": ["s-2"]}]])
    graph.write_batches(part_of, [[link]])
    assert _props(graph, rel) == {"sources": ["s-2"]}
