"""``iegraph server start|stop|status|logs``: the managed local Neo4j."""

from __future__ import annotations

import click

from iegraph.commands._common import AppContext, info
from iegraph.server import manager


@click.group()
def server() -> None:
    """Manage the local Neo4j 5.26 (Community, with APOC and Neo4j Browser).

    Jars come from Maven Central on first start; data, logs and the generated
    password live under the iegraph home (IEGRAPH_HOME, default
    ~/.local/share/iegraph). Memory and ports: IEGRAPH_HEAP (2g),
    IEGRAPH_PAGECACHE (1g), IEGRAPH_BOLT_PORT (7687), IEGRAPH_HTTP_PORT (7474).

    \b
    Example:
      iegraph server start && iegraph server status
    """


@server.command()
@click.pass_obj
def start(app: AppContext) -> None:
    """Start the local Neo4j and wait until Bolt answers (idempotent).

    \b
    Example:
      iegraph server start
    """
    took = manager.start(app.server, info)
    if took is None:
        info(f"The local Neo4j is already running at {app.server.bolt_uri}")
    else:
        info(f"Neo4j {manager.NEO4J_VERSION} started in {took:.1f} s")
        info(f"  Bolt:    {app.server.bolt_uri}")
        info(f"  Browser: {app.server.browser_url}")


@server.command()
@click.pass_obj
def install(app: AppContext) -> None:
    """Fetch the Neo4j and APOC jars from Maven Central (once; reused after).

    \b
    Example:
      iegraph server install
    """
    jars = manager.ensure_jars(app.server, info)
    info(
        f"Neo4j {manager.NEO4J_VERSION} jars ready: {jars.lib.parent} ({jars.downloaded_bytes / 1e6:.0f} MB)"
    )


@server.command()
@click.pass_obj
def stop(app: AppContext) -> None:
    """Stop the local Neo4j (data is kept).

    The server is found even when its pid file is stale (by the process that serves
    the home); a start under way in another process is waited for, then stopped.

    \b
    Example:
      iegraph server stop
    """
    if manager.stop(app.server, echo=info):
        info("The local Neo4j stopped")
    else:
        info("The local Neo4j was not running")


@server.command()
@click.pass_obj
def status(app: AppContext) -> None:
    """Show whether the local Neo4j runs, its addresses, version and files.

    The password itself is never printed; the credentials file holds it. The
    server is found even when its pid file is stale; "starting or stopping" means
    another iegraph process is doing that right now.

    \b
    Example:
      iegraph server status
    """
    st = manager.status(app.server)
    version = st.version
    if st.running and not st.busy:  # a server still starting may not answer yet
        from iegraph.db import connect
        from iegraph.settings import ConnectionSettings

        graph = connect(ConnectionSettings(database="system"), app.server)
        try:
            rows = graph.read(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition"
            )
            version = f"{rows[0]['v']} {rows[0]['edition']}" if rows else version
        finally:
            graph.close()
    lines = [
        ("status", _state(st)),
        ("neo4j", version or ""),
        ("bolt", st.bolt_uri),
        ("browser", st.browser_url),
        ("data", str(st.data_dir)),
        ("credentials", str(st.credentials_file)),
        ("jars", str(st.jars_dir)),
    ]
    for key, value in lines:
        click.echo(f"{key + ':':<13}{value}")


def _state(st: manager.Status) -> str:
    pid = f" (pid {st.pid})" if st.pid is not None else ""
    if st.busy:
        return "starting or stopping" + pid
    return f"running{pid}" if st.running else "stopped"


@server.command()
@click.option("-n", "--lines", default=50, show_default=True, help="How many lines to show.")
@click.option("--debug", is_flag=True, help="Show debug.log instead of neo4j.log.")
@click.pass_obj
def logs(app: AppContext, lines: int, debug: bool) -> None:
    """Print the end of the local Neo4j's log.

    \b
    Example:
      iegraph server logs -n 20
    """
    for line in manager.log_lines(app.server, lines, debug):
        click.echo(line)


COMMANDS = [server]
