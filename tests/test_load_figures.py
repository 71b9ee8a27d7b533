"""The whole-graph figures a load stores at its end: progress on stderr, and a failure
there is a warning, not a failed load (the data is written by then).

A generated graph of 300 organisations counts as large here (the storing threshold is
lowered), so ``iegraph load`` computes and stores the figures as it would at a million.
A real failure of that step (the server's transaction memory limit at 1M, a restart
while the figures run) cannot be provoked on a graph this small: the failing step is
our own function made to raise the error the database seam raises for a failed query.
Everything else — the data loaded, the stale figures removed, the command the warning
names storing them again — is asserted against the real Neo4j.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import QueryError
from iegraph.loaders.generate import generate
from iegraph.queries import _figures
from iegraph.schema.model import Label
from tests.helpers import run_cli

brokers_module = importlib.import_module("iegraph.queries.brokers")

STARTED = "Computing the whole-graph figures"
ENDED = "Stored the whole-graph figures in"


@pytest.fixture
def eco(graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated input of 300 organisations that a load treats as a large graph."""
    monkeypatch.setattr(_figures, "STORE_FIGURES_FROM", 100)
    generate(tmp_path / "eco", 300, seed=3)
    return tmp_path / "eco"


def _organisations(graph: Graph) -> int:
    return int(graph.read(f"MATCH (o:{Label.ORGANIZATION.value}) RETURN count(o) AS c")[0]["c"])


def test_load_says_when_the_figures_start_and_end(cli_env: dict[str, str], graph: Graph, eco: Path) -> None:
    result = run_cli("load", str(eco))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    started = [i for i, line in enumerate(lines) if line.startswith(STARTED)]
    ended = [i for i, line in enumerate(lines) if line.startswith(ENDED)]
    assert len(started) == 1 and len(ended) == 1 and started[0] < ended[0], result.stderr
    assert lines[ended[0]].endswith(" s."), lines[ended[0]]  # nothing failed
    assert "warning" not in result.stderr
    assert _figures.stored(graph, brokers_module.FIGURES) is not None


def test_small_graph_prints_no_figures_lines(cli_env: dict[str, str], graph: Graph, tmp_path: Path) -> None:
    generate(tmp_path / "small", 300, seed=3)  # the real threshold: nothing is computed
    result = run_cli("load", str(tmp_path / "small"))
    assert result.exit_code == 0, result.stderr
    assert STARTED not in result.stderr and ENDED not in result.stderr


def test_failed_figures_are_a_warning_naming_the_fix(
    cli_env: dict[str, str], graph: Graph, eco: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # figures of an earlier load: left stale if this load's could not replace them
    _figures.store(graph, brokers_module.FIGURES, {"rows": [], "note": "an earlier graph"})

    def fails(_runner: Graph) -> object:
        raise QueryError("the query failed: transaction memory limit reached")

    real = brokers_module.store_national
    monkeypatch.setattr(brokers_module, "store_national", fails)
    result = run_cli("load", str(eco))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr
    assert "data is loaded" in warnings[0] and "national brokers" in warnings[0]
    assert "transaction memory limit" in warnings[0]
    assert "`iegraph query brokers --refresh`" in warnings[0]
    assert "1 of them not" in result.stderr
    # the data is there, the other figures are stored, the stale ranking is gone
    assert _organisations(graph) == 300
    assert _figures.stored(graph, "synergy") is not None
    assert _figures.stored(graph, brokers_module.FIGURES) is None
    # and the command the warning names stores the ranking again
    monkeypatch.setattr(brokers_module, "store_national", real)
    again = run_cli("query", "brokers", "--refresh")
    assert again.exit_code == 0, again.stderr
    kept = _figures.stored(graph, brokers_module.FIGURES)
    assert kept is not None and kept.value["rows"]  # type: ignore[index]
