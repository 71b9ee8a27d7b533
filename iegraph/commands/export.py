"""``iegraph export``: the graph or a subgraph as GEXF, GraphML or xlsx (for Gephi, yEd, Excel)."""

from __future__ import annotations

from pathlib import Path

import click

from iegraph.commands._common import AppContext, info
from iegraph.db import as_runner
from iegraph.exports import GRAPH_FORMATS, export_graph, subgraph_keys, write_graph


@click.command()
@click.option("--format", "fmt", type=click.Choice(GRAPH_FORMATS), required=True, help="File format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="File to write.",
)
@click.option(
    "--region", default=None, help="Only the organisations of this region and their collaborations."
)
@click.option("--consortium", default=None, help="Only this consortium, its members and their projects.")
@click.option("--org", default=None, help="Only this organisation's ego network.")
@click.option(
    "--hops", type=click.IntRange(1, 2), default=1, show_default=True, help="With --org: 1 or 2 hops."
)
@click.pass_obj
def export(
    app: AppContext,
    fmt: str,
    output: Path,
    region: str | None,
    consortium: str | None,
    org: str | None,
    hops: int,
) -> None:
    """Write the graph (or a region, consortium or ego subgraph) as a file for Gephi/yEd/Excel.

    Nodes carry kind, name, id, aliases, region, type/level/date and sources; edges
    their type, role, basis (working / co-presence) and sources. xlsx: a nodes sheet
    and an edges sheet.

    \b
    Example:
      iegraph export --format gexf -o graph.gexf
      iegraph export --format graphml --region 金普新区 -o jinpu.graphml
      iegraph export --format xlsx --org 大连职业技术学院 --hops 2 -o ego.xlsx
    """
    runner = as_runner(app.graph())
    keys = subgraph_keys(runner, region=region, consortium=consortium, org=org, hops=hops)
    graph = export_graph(runner, keys)
    write_graph(graph, fmt, output)
    info(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}")


COMMANDS = [export]
