"""Loaders: YAML fact sheets and tables (CSV folders, xlsx workbooks) into the graph.

``load_paths(graph, paths, progress=None) -> LoadReport`` is the public entry point:
it validates every input completely (raising ``InputError`` listing every problem,
with nothing written) and then writes in idempotent batches.
"""

from __future__ import annotations

from iegraph.loaders.pipeline import LoadReport, load_paths, validate_paths

__all__ = ["LoadReport", "load_paths", "validate_paths"]
