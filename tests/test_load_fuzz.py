"""Property-based fuzz of the all-or-nothing guarantee (issue 12): small fact sheets
(YAML) and tables (CSV) with hostile values — strings too long for an index, mixed
lists, control and bidi characters, numbers past 64 bits, NaN, odd unicode — are
validated as ``iegraph load --check`` does, then loaded into the real Neo4j.

Whatever validation accepts loads completely: the graph holds the declared source,
organisations, REPORTED_IN and relationships. Whatever it refuses, the load refuses
too, with ``InputError`` and the graph unchanged. Bounded: a few dozen examples per
format, hypothesis' example database off (nothing written to the repository).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import load_paths
from iegraph.loaders.passes import validate_paths
from iegraph.schema.model import Label, Rel, SystemLabel

# hypothesis keeps caches (constants, unicode data) in its home even with the example
# database off: in the temp folder, not the repository
set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "iegraph-hypothesis"))

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: characters a hostile user reaches for: controls, bidi overrides and isolates, a
#: zero-width joiner, a line separator, full-width and CJK, beyond the BMP
_ODD = "\x00\x07\x08\x1b\x7f\x85\x9b\t\n\r\u200d\u2028\u202e\u2066\u3000（）《》企业ａ😀 a"
_LONG_CHARS = ("a", "企", "😀")


def _long(ch: str, n: int) -> str:
    return ch * n


#: text: mostly plain, some odd, some long enough for the index limit (or not quite)
TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.text(st.sampled_from(_ODD), min_size=1, max_size=8),
    st.builds(_long, st.sampled_from(_LONG_CHARS), st.integers(900, 4_200)),
)
SCALAR = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)
#: a property value: a scalar, a list (of one type or mixed, possibly nested), a map
VALUE = st.one_of(
    SCALAR,
    st.lists(SCALAR, max_size=4),
    st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=3),
    st.lists(st.one_of(st.none(), st.lists(st.integers(), max_size=2)), min_size=1, max_size=2),
    st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), max_size=2),
)
KINDS = st.sampled_from(["College", "Enterprise", "Government"])


@st.composite
def organisations(draw: st.DrawFn) -> list[dict[str, Any]]:
    """1-3 organisations; a distinct prefix keeps their names (and so entities) apart."""
    orgs: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        org: dict[str, Any] = {"name": f"机构{i}号{draw(TEXT)}", "kind": draw(KINDS)}
        if draw(st.booleans()):
            org["aliases"] = [f"别称{i}-{draw(TEXT)}"]
        if draw(st.booleans()):
            org["note"] = draw(TEXT)
        if draw(st.booleans()):
            org["id"] = f"o{i}{draw(TEXT)}"
        orgs.append(org)
    return orgs


def _graph_counts(graph: Graph) -> tuple[int, int, int]:
    """Knowledge nodes, REPORTED_IN, other relationships (the write lock is not counted)."""
    nodes = graph.read(f"MATCH (n) WHERE NOT n:{SystemLabel.WRITE_LOCK.value} RETURN count(n) AS c")
    reported = graph.read(f"MATCH ()-[r:{Rel.REPORTED_IN.value}]->() RETURN count(r) AS c")
    rels = graph.read(f"MATCH ()-[r]->() WHERE NOT r:{Rel.REPORTED_IN.value} RETURN count(r) AS c")
    return int(nodes[0]["c"]), int(reported[0]["c"]), int(rels[0]["c"])


def _wipe(graph: Graph) -> None:
    graph.write("MATCH (n) DETACH DELETE n")


def _accepted(paths: list[Path]) -> bool:
    try:
        validate_paths(None, paths)
    except InputError:
        return False
    return True


def _check_all_or_nothing(graph: Graph, paths: list[Path], orgs: int, rels: int) -> None:
    """Validate as --check does, then load: complete when accepted, untouched when refused."""
    _wipe(graph)
    before = _graph_counts(graph)
    if _accepted(paths):
        event("accepted")  # --hypothesis-show-statistics: both branches are taken
        load_paths(graph, paths)
        assert _graph_counts(graph) == (1 + orgs, orgs, rels)
        assert graph.read(f"MATCH (s:{Label.SOURCE.value}) RETURN s.id AS id") == [{"id": "s1"}]
    else:
        event("refused")
        with pytest.raises(InputError):
            load_paths(graph, paths)
        assert _graph_counts(graph) == before == (0, 0, 0)


@FUZZ
@given(orgs=organisations(), values=st.lists(VALUE, min_size=1, max_size=2), data=st.data())
def test_fact_sheets_load_completely_or_not_at_all(
    graph: Graph,
    tmp_path_factory: pytest.TempPathFactory,
    orgs: list[dict[str, Any]],
    values: list[Any],
    data: Any,
) -> None:
    keyed = [{"key": f"k{i}", **org} for i, org in enumerate(orgs)]
    relations: list[dict[str, Any]] = [
        {"type": "PART_OF", "from": f"k{i}", "to": f"k{i + 1}", "props": {"w": data.draw(VALUE)}}
        for i in range(len(orgs) - 1)
    ]
    if relations:
        relations[0]["props"]["v"] = values
    sheet = {"source": {"id": "s1", "title": "报道"}, "organizations": keyed, "relations": relations}
    path = tmp_path_factory.mktemp("fuzz") / "sheet.yaml"
    path.write_text(yaml.safe_dump(sheet, allow_unicode=True), encoding="utf-8")
    _check_all_or_nothing(graph, [path], len(orgs), len(relations))


@FUZZ
@given(orgs=organisations(), cells=st.lists(TEXT, min_size=2, max_size=2))
def test_tables_load_completely_or_not_at_all(
    graph: Graph, tmp_path_factory: pytest.TempPathFactory, orgs: list[dict[str, Any]], cells: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    tables: dict[str, list[list[str]]] = {
        "sources": [["id", "title"], ["s1", "报道"]],
        "organizations": [["id", "name", "kind", "aliases", "note", "source"]]
        + [
            [f"t{i}", org["name"], org["kind"], ";".join(org.get("aliases", [])), org.get("note", ""), "s1"]
            for i, org in enumerate(orgs)
        ],
        "relations": [["type", "from", "to", "role", "source"]]
        + [["PART_OF", f"t{i}", f"t{i + 1}", cells[i % 2], "s1"] for i in range(len(orgs) - 1)],
    }
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    _check_all_or_nothing(graph, [folder], len(orgs), len(orgs) - 1)
