"""The loader's state stays compact (issue 15, bounded memory), without a database.

What a load keeps between its passes is what bounds its memory at a million
organisations: the node declarations of a table are spooled to a temporary file
(``NodeSpool``) instead of held, and the resolver keeps one entity per node with no
per-entity containers it does not need. These tests check that the compact forms
give back exactly what the full ones did.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.errors import InputError
from iegraph.loaders.generate import generate
from iegraph.loaders.matching import LoadEntity, Resolver, _bucket
from iegraph.loaders.passes import Written, node_rows, rel_rows, validate_paths
from iegraph.loaders.records import NodeDecl, Origin, Ref
from iegraph.loaders.spool import CHUNK, NodeSpool
from iegraph.schema.model import Label
from tests.test_load import write


def _decl(i: int) -> NodeDecl:
    decl = NodeDecl(Label.ORGANIZATION, f"甲{i}公司", Origin("orgs.csv", i + 2), Label.ENTERPRISE, f"o{i}")
    if i % 3 == 0:
        decl.aliases = [f"甲{i}"]
        decl.props = {"level": "provincial", "industries_count": i, "founded": "2020-01"}
        decl.inferred = ["level"]
    if i % 7 == 0:
        decl.name_refs = {
            "anchor_park": Ref(f"园区{i}", (Label.ORGANIZATION,), Origin("orgs.csv", i + 2, "x"))
        }
    return decl


def _fields(decl: NodeDecl) -> tuple[object, ...]:
    refs = {k: (r.text, r.labels, r.scope) for k, r in decl.name_refs.items()}
    return (decl.label, decl.kind, decl.id, decl.name, decl.aliases, decl.props, decl.inferred, refs)


def test_the_node_spool_gives_back_every_declaration_in_order_and_holds_one_chunk_at_most() -> None:
    spool = NodeSpool("orgs.csv")
    decls = [_decl(i) for i in range(CHUNK * 2 + 3)]
    try:
        for decl in decls:
            spool.add(decl)
            # never more than one chunk waits in memory: the rest is on disk
            assert len(spool._pending) < CHUNK
        assert spool.count == len(decls)
        for _ in range(2):  # read back as often as a load needs, always the same
            back = list(spool)
            assert [_fields(d) for d in back] == [_fields(d) for d in decls]
            assert {d.origin.file for d in back} == {"orgs.csv"}
            # no empty list is stored per row, and none is shared between rows
            assert back[1].aliases == [] and back[1].aliases is not back[2].aliases
    finally:
        spool.close()
    assert list(spool) == []  # closed: the temporary file is gone


def test_spooled_node_rows_are_the_rows_a_fresh_read_of_the_tables_gives(tmp_path: Path) -> None:
    generate(tmp_path / "eco", 300, seed=3)
    inputs, resolver, counts = validate_paths(None, [tmp_path / "eco"])
    try:
        spooled = [inp for inp in inputs if inp.nodes is not None]
        assert spooled and sum(inp.nodes.count for inp in spooled if inp.nodes) == counts["nodes"]
        from_spool = [(item.entity.id, item.row) for item in node_rows(inputs, resolver, [])]
        rels = [(type(r).__name__, r.row) for r in rel_rows(inputs, resolver, [])]
        for inp in inputs:
            inp.close()  # the next pass reads the tables again, as before the spool
        assert all(inp.nodes is None for inp in inputs)
        assert [(item.entity.id, item.row) for item in node_rows(inputs, resolver, [])] == from_spool
        assert [(type(r).__name__, r.row) for r in rel_rows(inputs, resolver, [])] == rels
        assert len(from_spool) == counts["nodes"]
    finally:
        for inp in inputs:
            inp.close()
    # references by the id of a declared node are neither kept nor cached (an entry
    # per reference was some 250 bytes): they resolve through the id index
    assert resolver._cache == {}
    entities = resolver._entities()
    assert len(entities) == counts["nodes"]
    # entities without aliases share one empty frozenset; one entity per name is no list
    plain = [e for e in entities if not e.alias_keys]
    assert plain and all(type(e.alias_keys) is frozenset for e in plain)
    assert all(type(e.alias_keys) is set for e in entities if e.alias_keys)
    buckets = [b for keys in resolver.by_name.values() for b in keys.values()]
    assert sum(isinstance(b, LoadEntity) for b in buckets) > 0.9 * len(buckets)


def test_a_duplicate_id_is_reported_within_each_file_as_before(tmp_path: Path) -> None:
    # the first declaration of an id names its line by the entity's own origin; an id
    # declared again in another file is no duplicate there, unless that file repeats it
    first = write(tmp_path / "a" / "organizations.csv", "id,name,kind\no1,甲公司,Enterprise\n")
    second = write(
        tmp_path / "b" / "organizations.csv",
        "id,name,kind\no2,乙公司,Enterprise\no1,甲公司,Enterprise\no1,甲公司,Enterprise\no2,乙公司,Enterprise\n",
    )
    with pytest.raises(InputError) as info:
        validate_paths(None, [first.parent, second.parent])
    problems = sorted(str(p) for p in info.value.problems)  # type: ignore[attr-defined]
    assert problems == [
        f"{second}:4: id: duplicate id 'o1' (first at line/row 3)",
        f"{second}:5: id: duplicate id 'o2' (first at line/row 2)",
    ]


def test_written_counts_each_node_once_without_a_set_of_every_id() -> None:
    resolver = Resolver(None, [])
    for i in range(3):
        resolver.register(
            NodeDecl(Label.ORGANIZATION, f"甲{i}公司", Origin("o.csv", i + 2), Label.ENTERPRISE, f"o{i}")
        )
    resolver.register(NodeDecl(Label.ORGANIZATION, "乙公司", Origin("o.csv", 9), Label.ENTERPRISE))
    resolver.finalize()
    o0, o1 = resolver.by_id[Label.ORGANIZATION]["o0"], resolver.by_id[Label.ORGANIZATION]["o1"]
    derived = _bucket(resolver.by_name, Label.ORGANIZATION, "乙公司")[0]
    # two names that found one graph node, and one that found the node of a given id
    found = [LoadEntity(Label.ORGANIZATION, n, n, Origin("graph"), Label.ENTERPRISE, "g1") for n in "AB"]
    same_as_o1 = LoadEntity(Label.ORGANIZATION, "C", "c", Origin("graph"), Label.ENTERPRISE, "o1")
    for entity in [*found, same_as_o1]:
        entity.existing = True
    written = Written(resolver)
    rows = [o0, o1, o0, derived, found[0], found[1], same_as_o1, derived, o1]
    firsts = [written.first(e, "Enterprise") for e in rows]
    assert firsts == [True, True, False, True, True, False, False, False, False]
    assert written.counts == {"Enterprise": 4}  # o0, o1, the derived id, g1
    # only the ids two entities may share are kept in a set
    assert written.shared == {"Enterprise": {derived.id, "g1", "o1"}}
