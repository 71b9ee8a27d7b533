"""The ``iegraph`` command line: the root group, shared options and error handling.

Commands live in ``iegraph/commands/`` (one module per topic) and stay thin:
parse, call the library, render. No Cypher is written here or there.
"""

from __future__ import annotations

from typing import Any

import click

from iegraph import __version__
from iegraph.commands._common import AppContext
from iegraph.db import quiet_driver_logs
from iegraph.errors import IegraphError
from iegraph.i18n import LANGS
from iegraph.settings import ConnectionSettings, ServerSettings, redact_uri


class IegraphGroup(click.Group):
    """A click group that turns expected failures into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IegraphError as exc:
            # messages name URIs (a server, a source's url): never with their user:password
            click.echo(f"iegraph: error: {redact_uri(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("iegraph: interrupted", err=True)
            ctx.exit(130)
        finally:
            app = ctx.find_object(AppContext)
            if app is not None:
                app.close()


@click.group(cls=IegraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="iegraph")
@click.option(
    "--uri", envvar="NEO4J_URI", help="Neo4j URI (neo4j://, neo4j+s://, bolt://). Default: the local server."
)
@click.option("--user", envvar="NEO4J_USERNAME", help="Neo4j user (default neo4j).")
@click.option("--database", envvar="NEO4J_DATABASE", help="Database name (default neo4j).")
@click.option(
    "--home",
    envvar="IEGRAPH_HOME",
    type=click.Path(file_okay=False),
    help="Directory of the local server's jars, data, logs and credentials.",
)
@click.option(
    "--lang",
    envvar="IEGRAPH_LANG",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="Language of column headers and enumeration values in tables, CSV and xlsx, and of the "
    "views' words (JSON stays English).",
)
@click.pass_context
def main(
    ctx: click.Context, uri: str | None, user: str | None, database: str | None, home: str | None, lang: str
) -> None:
    """iegraph — a Neo4j knowledge graph of the industry–education ecosystem (产教融合).

    With no --uri / NEO4J_URI, commands use the managed local Neo4j and start it
    when needed. The password comes only from NEO4J_PASSWORD or a hidden prompt.

    \b
    Example:
      iegraph demo
      iegraph cypher "MATCH (o:Organization) RETURN o.name LIMIT 5"
    """
    from pathlib import Path

    # the CLI reports each failure itself, in one line (a library user keeps the driver's logs)
    quiet_driver_logs()
    ctx.obj = AppContext(
        conn=ConnectionSettings.from_env(uri, user, database),
        server=ServerSettings.from_env(Path(home).expanduser() if home else None),
        lang=lang,
    )


def _register() -> None:
    # Imported here so that each topic's commands live in their own module.
    from iegraph.commands import register

    register(main)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
