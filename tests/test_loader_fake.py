"""The loader's side of the seam, without a database: what it sends through a Runner.

A recording fake stands in for Neo4j (tests/fakes.py): these tests check which
queries and rows the loader hands over, in which batches and in which order; what
Neo4j makes of them is tested against Neo4j (test_load*.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.loaders import load_paths
from iegraph.loaders.writer import BatchWriter
from iegraph.schema.apply import schema_statements
from tests.fakes import RecordingRunner
from tests.test_load import write

QUERY = "UNWIND $rows AS row MERGE (n:Thing {id: row.id})"
#: What the database answers a load's first two calls: the write lock's constraint
#: exists, and the lock was free (load_paths takes it before it reads the graph).
LOCK_FREE = [[{"n": 1}], [{"won": True, "stale": False}]]
CREATE = "UNWIND $rows AS row CREATE (n:Thing {id: row.id})"


def test_the_fake_is_a_runner() -> None:
    # the loaders take any Runner: the fake must offer everything they call
    assert isinstance(RecordingRunner(), Runner)


def test_batch_writer_sends_rows_as_parameters_in_batches_of_the_configured_size() -> None:
    fake = RecordingRunner()
    writer = BatchWriter(fake, batch_size=3, workers=1)
    try:
        for i in range(7):
            writer.add("Thing", QUERY, f"t{i}", {"id": f"t{i}"})
        writer.flush()
    finally:
        writer.close()
    assert [(c.mode, c.query) for c in fake.calls] == [("batch", QUERY)] * 3
    assert fake.batches() == [
        [{"id": "t0"}, {"id": "t1"}, {"id": "t2"}],
        [{"id": "t3"}, {"id": "t4"}, {"id": "t5"}],
        [{"id": "t6"}],
    ]
    assert writer.rows["Thing"] == 7


def test_rows_of_one_node_become_one_row_of_the_batch() -> None:
    # Neo4j may read every row of a batch before writing any: one node, one row
    fake = RecordingRunner()
    writer = BatchWriter(fake, batch_size=10, workers=1)
    try:
        writer.add(
            "Thing", QUERY, "a", {"id": "a", "aliases": ["甲"], "alias_keys": ["甲"], "sources": ["s1"]}
        )
        writer.add("Thing", QUERY, "b", {"id": "b"})
        writer.add(
            "Thing", QUERY, "a", {"id": "a", "aliases": ["乙"], "alias_keys": ["乙"], "sources": ["s2"]}
        )
        writer.flush()
    finally:
        writer.close()
    assert fake.batches() == [
        [
            {"id": "a", "aliases": ["甲", "乙"], "alias_keys": ["甲", "乙"], "sources": ["s1", "s2"]},
            {"id": "b"},
        ]
    ]


def test_a_refused_create_falls_back_to_merge_and_is_not_tried_again() -> None:
    # a re-run: the first batch of "new" nodes exists after all, so the rest does too
    fake = RecordingRunner(refuse={CREATE})
    writer = BatchWriter(fake, batch_size=2, workers=1)
    try:
        for i in range(5):
            writer.add_node("Thing", CREATE, QUERY, f"t{i}", {"id": f"t{i}"}, new=True)
        writer.flush()
    finally:
        writer.close()
    assert [(c.mode, c.query) for c in fake.calls] == [
        ("create", CREATE),
        ("batch", QUERY),
        ("batch", QUERY),
        ("batch", QUERY),
    ]
    assert [[r["id"] for r in b] for b in fake.batches(QUERY)] == [["t0", "t1"], ["t2", "t3"], ["t4"]]


SHEET = """\
source: {id: src-1, title: 第一篇}
organizations:
  - {id: org-1, name: 甲公司, kind: Enterprise, aliases: [甲司]}
  - {id: org-2, name: 乙学院, kind: College, level: higher_vocational}
projects:
  - id: prj-1
    name: 实训基地
    type: training_base
    parties:
      - {org: 甲司, role: lead}
      - {org: 乙学院}
"""


def test_load_paths_writes_nodes_first_then_relationships_all_as_parameters(tmp_path: Path) -> None:
    fake = RecordingRunner(responses=[*LOCK_FREE])
    load_paths(fake, [write(tmp_path / "a.yaml", SHEET)], batch_size=1)
    # the fake shows no constraint or index: the load creates the whole schema first
    schema = [c for c in fake.calls if c.mode == "write" and c.query in schema_statements()]
    assert sorted(c.query for c in schema) == sorted(schema_statements())
    locking = [c for c in fake.calls if c.mode == "write" and c not in schema]
    assert [("WriteLock" in c.query, "DELETE" in c.query) for c in locking] == [(True, False), (True, True)]
    assert fake.calls.index(locking[0]) == 1 and fake.calls[-1] == locking[1]  # around everything else
    writes = [c for c in fake.calls if c.mode in ("batch", "create")]
    assert fake.calls.index(schema[-1]) < fake.calls.index(writes[0])
    assert {c.mode for c in writes} == {"batch"}  # no constraint reported: every node MERGEd
    node_ids = [c.params["rows"][0]["id"] for c in writes if "MERGE (n:" in c.query]
    assert sorted(node_ids) == ["org-1", "org-2", "prj-1", "src-1"]
    # relationships MATCH their endpoints by id: every node batch comes before them
    first_rel = next(i for i, c in enumerate(writes) if "MERGE (n:" not in c.query)
    assert all("MERGE (n:" not in c.query for c in writes[first_rel:])
    parties = sorted(
        (r["start"], r["end"], r.get("key"))
        for c in writes
        if "PARTICIPATES_IN" in c.query
        for r in c.params["rows"]
    )
    assert parties == [("org-1", "prj-1", "lead"), ("org-2", "prj-1", "member")]
    reported = sorted(
        (r["id"], r["source"]) for c in writes if "REPORTED_IN" in c.query for r in c.params["rows"]
    )
    assert reported == [("org-1", "src-1"), ("org-2", "src-1"), ("prj-1", "src-1")]
    for c in fake.calls:
        for text in ("甲公司", "甲司", "乙学院", "实训基地", "src-1", "org-1"):
            assert text not in c.query


def test_an_invalid_sheet_writes_nothing(tmp_path: Path) -> None:
    fake = RecordingRunner(responses=[*LOCK_FREE])
    bad = SHEET.replace("{org: 乙学院}", "{org: 不存在的学校}")
    with pytest.raises(InputError, match="不存在的学校"):
        load_paths(fake, [write(tmp_path / "a.yaml", bad)])
    assert fake.calls  # the graph was asked about the names
    # only the write lock was taken and given back: validation ran under it
    assert all("WriteLock" in c.query for c in fake.calls if c.mode != "read")
    assert [c.mode for c in fake.calls if c.mode != "read"] == ["write", "write"]
