"""``iegraph demo``: the main job end to end on the bundled seed dataset.

Steps: start the local server, apply the schema, load the curated dataset, run the
standard analyst questions, write the standard views. Each step is a function so
that later capabilities plug in without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from iegraph.db import Runner
from iegraph.schema.apply import apply_schema

Echo = Callable[[str], None]


def run_demo(graph: Runner, out_dir: Path, echo: Echo, show: Callable[[str], None], lang: str = "en") -> None:
    """Run every demo step; ``echo`` is for progress (stderr), ``show`` for results (stdout);
    ``lang`` ("en" or "zh", the CLI's --lang) is the language of the answers and views."""
    count = apply_schema(graph)
    echo(f"[demo] schema applied ({count} constraints and indexes)")
    out_dir.mkdir(parents=True, exist_ok=True)
    _load_dataset(graph, echo)
    _questions(graph, echo, show, lang)
    _views(graph, out_dir, echo, show, lang)


def _load_dataset(graph: Runner, echo: Echo) -> None:
    """Load the bundled dataset: the curated fact sheets of the five seed articles."""
    from iegraph.loaders import bundled_seed_paths, load_paths

    report = load_paths(graph, bundled_seed_paths())
    created = sum(report.nodes_created.values())
    echo(
        f"[demo] loaded the seed dataset: {report.nodes} nodes ({created} new), "
        f"{report.relationships} relationships from {len(report.files)} fact sheets"
    )


def _questions(graph: Runner, echo: Echo, show: Callable[[str], None], lang: str) -> None:
    """Ask the standard analyst questions and print short answers in ``lang``."""
    from iegraph.queries.standard import answer_standard_questions

    answer_standard_questions(graph, echo, show, lang)


def _views(graph: Runner, out_dir: Path, echo: Echo, show: Callable[[str], None], lang: str) -> None:
    """Write the standard network views (offline HTML, words in ``lang``) and print their paths."""
    from iegraph.viz.views import write_standard_views

    write_standard_views(graph, out_dir / "views", echo, show, lang)
