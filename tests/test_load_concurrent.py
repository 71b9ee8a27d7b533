"""Issue 12, case 1: two loads of different data at once.

Before the write lock, both loads validated against a graph the other was changing
and both wrote: organisations with two kind labels (generated data of seeds 1 and 2
give the same ids other kinds) and two 吉林省 (generated regions carry ids, the seed
sheets derive theirs). Scaled down here so it runs in seconds: two ``load_paths``
threads released at the same moment.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import IegraphError, InputError, LockedError
from iegraph.loaders import WriteLock, bundled_seed_paths, load_paths
from iegraph.loaders.generate import generate

TWO_KINDS = (
    "MATCH (o:Organization) WITH o, [l IN labels(o) WHERE l <> 'Organization'] AS kinds "
    "WHERE size(kinds) <> 1 RETURN o.id AS id, kinds ORDER BY id"
)
SHARED_NAMES = (
    "MATCH (n) WHERE n:Region OR n:Industry WITH labels(n)[0] AS label, n.name_key AS key, "
    "collect(n.id) AS ids WHERE size(ids) > 1 RETURN label, key, ids ORDER BY label, key"
)


def run_together(loads: list[Callable[[], object]]) -> list[BaseException | None]:
    """Run each load in its own thread, all released at once; what each raised."""
    barrier = threading.Barrier(len(loads))
    outcomes: list[BaseException | None] = [None] * len(loads)

    def run(i: int) -> None:
        barrier.wait(timeout=60)
        try:
            loads[i]()
        except IegraphError as exc:
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(loads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _waiting_load(graph: Graph, paths: list[Path], waited: list[str]) -> Callable[[], object]:
    """A load that waits for the lock as ``iegraph load --wait`` does."""

    def load() -> object:
        lock = WriteLock(graph, "test load", echo=waited.append)
        lock.acquire(wait=300)
        try:
            return load_paths(graph, paths, lock=lock)
        finally:
            lock.release()

    return load


@pytest.fixture
def conflicting(tmp_path: Path) -> tuple[Path, Path]:
    """Generated data of seeds 1 and 2: ids gorg-0000000… in both, many of other kinds."""
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, 600, seed=1)
    generate(b, 300, seed=2)
    return a, b


def test_the_second_of_two_loads_at_once_fails_fast_naming_the_holder(
    graph: Graph, conflicting: tuple[Path, Path]
) -> None:
    a, b = conflicting
    outcomes = run_together([lambda: load_paths(graph, [a]), lambda: load_paths(graph, [b])])
    assert graph.read(TWO_KINDS) == []
    won = [i for i, o in enumerate(outcomes) if o is None]
    assert len(won) == 1
    lost = outcomes[1 - won[0]]
    # refused at once by the lock, or (if the winner was done first) by validation
    assert isinstance(lost, LockedError | InputError)
    if isinstance(lost, LockedError):
        assert re.search(
            r"^the graph is being written by iegraph\.loaders\.load_paths on \S+ \(pid \d+\) "
            r"since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+ s ago\); try again later, or pass --wait",
            str(lost),
        )
        assert "\n" not in str(lost)
    # whichever won, its data is all there: the loser wrote nothing
    winner = [a, b][won[0]]
    orgs = sum(1 for _ in (winner / "organizations.csv").open(encoding="utf-8")) - 1
    assert graph.read("MATCH (o:Organization) RETURN count(o) AS n") == [{"n": orgs}]


def test_a_waiting_load_validates_against_what_the_first_wrote(
    graph: Graph, conflicting: tuple[Path, Path]
) -> None:
    a, b = conflicting
    waited: list[str] = []
    outcomes = run_together([_waiting_load(graph, [a], waited), _waiting_load(graph, [b], waited)])
    assert graph.read(TWO_KINDS) == []
    # both ran, one after the other: the second saw the first's organisations and
    # refused its own input (kind conflicts), writing nothing
    assert sorted(type(o).__name__ for o in outcomes) == ["InputError", "NoneType"]
    refused = next(o for o in outcomes if o is not None)
    assert re.search(r"gorg-\d{7}'? is a \w+ in the graph", str(refused))
    assert len(waited) == 1 and waited[0].startswith(
        "Waiting for the write lock (up to 300 s): held by test load"
    )


def test_generated_data_and_the_seed_sheets_at_once_share_their_regions(graph: Graph, tmp_path: Path) -> None:
    a = tmp_path / "a"
    generate(a, 600, seed=1)  # 吉林省, 河南省 … as greg-p06, greg-p15 …
    waited: list[str] = []
    outcomes = run_together(
        [_waiting_load(graph, [a], waited), _waiting_load(graph, bundled_seed_paths(), waited)]
    )
    assert graph.read(SHARED_NAMES) == []
    # generated first: the seeds' 吉林省 is greg-p06. Seeds first: the generated tables
    # name it again under another id, which validation refuses (names are unique).
    assert outcomes[1] is None or isinstance(outcomes[1], InputError)
    if outcomes[0] is not None:
        assert isinstance(outcomes[0], InputError)
        assert "region names are unique" in str(outcomes[0])
    regions = graph.read("MATCH (r:Region {name_key: $key}) RETURN r.id AS id", {"key": "吉林省"})
    assert len(regions) == 1
