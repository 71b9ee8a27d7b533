"""National answers of the whole-graph questions (issue 15), stored once per load.

On a generated graph loaded by the real loader, with the storing threshold lowered
so that a small graph counts as large: the load stores the broker ranking, synergy
per region and the first rows of the national gaps, each dated; the questions read
them back and say so; the stored answer is the computed one; it goes stale until
``refresh`` recomputes it; pages beyond the stored rows are computed.
"""

from __future__ import annotations

import importlib
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.loaders.generate import generate
from iegraph.queries import _figures
from iegraph.queries._base import page_params
from iegraph.queries.brokers import brokers, ranking
from iegraph.queries.gaps import _gaps, gaps
from iegraph.queries.stats import region_counts, stats
from iegraph.queries.synergy import _rows, synergy
from iegraph.schema.model import Label, Rel

# The modules by name (the package attributes of these names are the questions).
gaps_module = importlib.import_module("iegraph.queries.gaps")
brokers_module = importlib.import_module("iegraph.queries.brokers")


@pytest.fixture
def loaded(graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Graph:
    """A generated graph of 300 organisations, loaded as if it were a large one."""
    monkeypatch.setattr(_figures, "STORE_FIGURES_FROM", 100)
    generate(tmp_path / "eco", 300, seed=3)
    load_paths(graph, [tmp_path / "eco"])
    return graph


def _t(rows: list[Any]) -> list[tuple[Any, ...]]:
    return [astuple(r) for r in rows]


def test_small_graph_stores_nothing_and_computes(graph: Graph, tmp_path: Path) -> None:
    generate(tmp_path / "eco", 300, seed=3)
    load_paths(graph, [tmp_path / "eco"])
    assert _figures.stored(graph, brokers_module.FIGURES) is None
    answer = brokers(graph)
    assert answer and (answer.note is None or "stored" not in answer.note)
    assert synergy(graph).note is None and gaps(graph, limit=5).note is None


def test_load_stores_national_answers_that_are_read_back(loaded: Graph) -> None:
    for name in ("brokers", "synergy", "gaps"):
        kept = _figures.stored(loaded, name)
        assert kept is not None and kept.as_of[:4].isdigit(), name
    # brokers: the stored ranking is the computed one, with the date and how to refresh.
    as_of = _figures.stored(loaded, "brokers").as_of  # type: ignore[union-attr]
    read = brokers(loaded, top=15)
    computed, _ = ranking(loaded, None, False, 15)
    assert _t(read) == _t(computed) and read[0].betweenness > 0
    assert read.note == f"stored national result of {as_of}, computed after the last load " + (
        "(iegraph query brokers --refresh recomputes it)"
    )
    # A region-scoped or co-presence answer is computed, never the national store.
    assert "stored" not in (brokers(loaded, with_co_presence=True).note or "")
    # synergy: every region's row, as computed; min_units filters the stored rows.
    rows = synergy(loaded)
    assert rows.note and "stored national result of" in rows.note
    assert _t(rows) == _t(_rows(loaded, None, 1)) and len(rows) > 1
    big = max(r.units for r in rows)
    assert _t(synergy(loaded, min_units=big)) == _t([r for r in rows if r.units >= big])
    # A region's rows are read from the stored ones: those its own computation gives.
    for rid in [r.region_id for r in rows][:12]:
        scoped = synergy(loaded, region=rid)
        assert scoped.note == rows.note and _t(scoped) == _t(_rows(loaded, rid, 1)), rid
        assert _t(synergy(loaded, region=rid, refresh=True)) == _t(scoped)
    assert synergy(loaded, region=rows[0].region_id, refresh=True).note is None
    # gaps: pages of the stored rows are the computed pages.
    page = gaps(loaded, limit=7, offset=3)
    assert page.note and "iegraph query gaps --refresh" in page.note
    assert _t(page) == _t(_gaps(loaded, None, None, page_params(7, 3)))


def test_gaps_pages_beyond_the_stored_rows_are_computed(
    loaded: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = gaps(loaded)
    assert len(whole) > 12
    # Store only 10 rows: a page inside them is read back, one beyond them computed.
    monkeypatch.setattr(gaps_module, "STORED_ROWS", 10)
    gaps(loaded, limit=1, refresh=True)
    inside, beyond = gaps(loaded, limit=4, offset=6), gaps(loaded, limit=4, offset=8)
    assert inside.note and "stored" in inside.note and beyond.note is None
    assert _t(inside) == _t(whole[6:10]) and _t(beyond) == _t(whole[8:12])
    assert gaps(loaded).note is None  # the whole answer is more than the stored rows


def test_stored_answers_go_stale_until_refresh(loaded: Graph) -> None:
    before = brokers(loaded, top=1000)
    old = _figures.stored(loaded, "brokers").as_of  # type: ignore[union-attr]
    # A new college working with the top broker: its degree grows, but only once refreshed.
    top = before[0]
    loaded.write(
        f"MATCH (o:{Label.ORGANIZATION.value} {{id: $id}}) "
        f"CREATE (c:{Label.ORGANIZATION.value}:{Label.COLLEGE.value} {{id: 'new-c', name: '新学院', kind: $kind}}) "
        f"CREATE (p:{Label.PROJECT.value} {{id: 'new-p', name: '新项目'}}) "
        f"CREATE (o)-[:{Rel.PARTICIPATES_IN.value} {{sources: ['s']}}]->(p)<-[:{Rel.PARTICIPATES_IN.value} "
        "{sources: ['s']}]-(c)",
        {"id": top.org_id, "kind": Label.COLLEGE.value},
    )
    assert _t(brokers(loaded, top=1000)) == _t(before)
    fresh = brokers(loaded, top=1000, refresh=True)
    assert fresh.note and "computed now" in fresh.note
    assert {r.org_id: r.degree for r in fresh}[top.org_id] == top.degree + 1
    after = brokers(loaded, top=1000)
    new = _figures.stored(loaded, "brokers").as_of  # type: ignore[union-attr]
    assert _t(after) == _t(fresh) and new >= old and after.note and new in after.note
    # synergy and gaps refresh the same way: the new project is a unit with a college only.
    units = sum(r.units for r in synergy(loaded))
    assert sum(r.units for r in synergy(loaded, refresh=True)) > units
    assert "computed now" in (gaps(loaded, limit=3, refresh=True).note or "")


def test_stats_region_counts_are_stored_with_the_quality_figures(loaded: Graph) -> None:
    def regions(rows: list[Any]) -> list[tuple[Any, ...]]:
        return [astuple(r) for r in rows if r.section == "region"]

    stored = regions(stats(loaded, regions=5))
    assert stored == _t(region_counts(loaded, 5)) and len(stored) == 5
    # An organisation added in the top region: counted once refreshed.
    top = stored[0]
    loaded.write(
        f"MATCH (g:{Label.REGION.value} {{id: $rid}}) "
        f"CREATE (:{Label.ORGANIZATION.value}:{Label.ENTERPRISE.value} {{id: 'new-e', name: '新企业', kind: $kind}})"
        f"-[:{Rel.LOCATED_IN.value} {{sources: ['s']}}]->(g)",
        {"rid": top[4][0], "kind": Label.ENTERPRISE.value},
    )
    assert regions(stats(loaded, regions=5)) == stored
    assert regions(stats(loaded, regions=5, refresh=True))[0][2] == top[2] + 1
    assert regions(stats(loaded, regions=5))[0][2] == top[2] + 1
