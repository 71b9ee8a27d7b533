"""``iegraph schema apply|show|factsheet-json-schema``."""

from __future__ import annotations

import json

import click

from iegraph.commands._common import AppContext, Rows, info, output_options
from iegraph.schema.apply import apply_schema, show_schema


@click.group()
def schema() -> None:
    """Constraints and indexes of the knowledge model.

    \b
    Example:
      iegraph schema apply && iegraph schema show
    """


@schema.command("apply")
@click.pass_obj
def apply_cmd(app: AppContext) -> None:
    """Create the model's constraints and indexes (IF NOT EXISTS; safe to repeat).

    \b
    Example:
      iegraph schema apply
    """
    count = apply_schema(app.graph())
    info(f"Schema applied: {count} constraint and index statements (existing ones kept)")


@schema.command("show")
@output_options
@click.pass_obj
def show_cmd(app: AppContext) -> Rows:
    """List the constraints and indexes in the database.

    \b
    Example:
      iegraph schema show --format json
    """
    return Rows(show_schema(app.graph()), ["what", "name", "type", "labels", "properties", "state"])


@schema.command("factsheet-json-schema")
def factsheet_json_schema_cmd() -> None:
    """Print the JSON Schema of the YAML fact-sheet format.

    \b
    Example:
      iegraph schema factsheet-json-schema > factsheet.schema.json
    """
    from iegraph.schema.factsheet import factsheet_json_schema

    click.echo(json.dumps(factsheet_json_schema(), ensure_ascii=False, indent=2))


COMMANDS = [schema]
