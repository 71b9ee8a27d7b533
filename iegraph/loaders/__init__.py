"""Loaders: YAML fact sheets and tables (CSV folders, xlsx workbooks) into the graph.

``load_paths(graph, paths, progress=None) -> LoadReport`` is the public entry point:
it validates every input completely (raising ``InputError`` listing every problem,
with nothing written) and then writes in idempotent batches, all under the graph's
write lock (``WriteLock``: one writer at a time, readers never blocked).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from iegraph.loaders.lock import WriteLock
from iegraph.loaders.passes import LoadReport, load_paths, validate_paths


def bundled_seed_paths() -> list[Path]:
    """The curated fact sheets shipped in the package (iegraph/data/seeds/*.yaml)."""
    seeds = Path(str(files("iegraph").joinpath("data", "seeds")))
    return sorted(seeds.glob("*.yaml"))


__all__ = ["LoadReport", "WriteLock", "bundled_seed_paths", "load_paths", "validate_paths"]
