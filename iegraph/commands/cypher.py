"""``iegraph cypher``: ad hoc Cypher, read-only unless --write."""

from __future__ import annotations

import json
from typing import Any

import click

from iegraph.commands._common import AppContext, Rows, output_options
from iegraph.errors import InputError


def parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """Turn ``name=value`` pairs into query parameters (JSON values, else strings)."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"parameter {pair!r} is not of the form name=value")
        try:
            params[name.strip()] = json.loads(raw)
        except ValueError:
            params[name.strip()] = raw
    return params


@click.command()
@click.argument("query")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Query parameter; the value is read as JSON when it parses, else as text.",
)
@click.option("--write", is_flag=True, help="Allow the query to write (default: read-only).")
@output_options
@click.pass_obj
def cypher(app: AppContext, query: str, params: tuple[str, ...], write: bool) -> Rows:
    """Run a Cypher QUERY, read-only unless --write.

    Read-only queries run in a read transaction, so Neo4j itself refuses writes.

    \b
    Examples:
      iegraph cypher "RETURN 1 AS x" --format json
      iegraph cypher "MATCH (o:Organization {name: $n}) RETURN o" -p n=大连理工大学
      iegraph cypher --write "MATCH (n:Scratch) DETACH DELETE n"
    """
    values = parse_params(params)
    graph = app.graph()
    rows = graph.write(query, values) if write else graph.read(query, values)
    return Rows(rows)


COMMANDS = [cypher]
