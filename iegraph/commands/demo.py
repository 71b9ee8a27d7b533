"""``iegraph demo``: start, schema, load the seed dataset, ask, draw."""

from __future__ import annotations

from pathlib import Path

import click

from iegraph.commands._common import AppContext, info


@click.command()
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="iegraph-demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where to write the views.",
)
@click.pass_obj
def demo(app: AppContext, out_dir: str) -> None:
    """Run the main job end to end on the bundled seed dataset.

    Starts the local Neo4j if needed, applies the schema, loads the curated fact
    sheets of the five seed articles, runs the standard analyst questions and
    writes the standard network views. With --lang zh (or IEGRAPH_LANG=zh) the
    answers' titles, headers and enumeration values and the views' words are Chinese.

    \b
    Example:
      iegraph demo -o demo-out
      iegraph --lang zh demo -o 演示
    """
    from iegraph.demo_run import run_demo

    run_demo(app.graph(), Path(out_dir), info, click.echo, app.lang)
    info("[demo] to browse the graph in a web page, run: iegraph serve  (then open http://127.0.0.1:8765/)")


COMMANDS = [demo]
