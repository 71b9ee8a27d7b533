"""``iegraph serve``: the local web workbench (iegraph.web) on http://127.0.0.1:8765/."""

from __future__ import annotations

import ipaddress
import socket

import click

from iegraph.commands._common import AppContext, info
from iegraph.errors import InputError
from iegraph.i18n import LANGS


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or InputError saying why not (in use, unknown host)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot listen on {host}: {exc.strerror}") from exc
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    return sock


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (this machine only by default).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a --host other machines can reach (anyone on the network can read the graph).",
)
@click.option(
    "--allow-writes", is_flag=True, help="Allow the draft review to load accepted facts into the graph."
)
@click.option(
    "--lang",
    "web_lang",
    type=click.Choice(LANGS),
    default="zh",
    show_default=True,
    help="Language of table headers and CSV/xlsx downloads (pages are Chinese first, English second).",
)
@click.pass_obj
def serve(
    app: AppContext, port: int, host: str, allow_remote: bool, allow_writes: bool, web_lang: str
) -> None:
    """Serve the web workbench: search, questions, views, entity pages, draft review.

    Starts the local Neo4j like every command, prints the URL and serves until
    Ctrl-C; it opens no browser. It listens on 127.0.0.1 only unless --host names
    another address AND --allow-remote is given. Without --allow-writes it never
    writes to the graph.

    \b
    Example:
      iegraph serve
      iegraph serve --port 8080 --allow-writes
    """
    if not is_loopback(host) and not allow_remote:
        raise InputError(
            f"--host {host} is reachable from other machines: add --allow-remote to share the "
            "workbench (anyone who can reach it can read the graph)"
        )
    import uvicorn

    from iegraph.web.app import create_app
    from iegraph.web.state import WebState

    sock = _listen(host, port)
    try:
        graph = app.graph()
        allowed = () if is_loopback(host) else ("*",) if host in ("0.0.0.0", "::") else (host,)  # noqa: S104
        state = WebState(graph=graph, allow_writes=allow_writes, lang=web_lang, allowed_hosts=allowed)
        bound = sock.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        if not is_loopback(host):
            info(
                f"WARNING: serving on {host}, reachable from other machines; anyone who can reach it "
                "can read the graph" + (" and load facts into it" if allow_writes else "")
            )
        info(
            "writes allowed (--allow-writes)"
            if allow_writes
            else "read-only (start with --allow-writes to load drafts)"
        )
        click.echo(f"iegraph workbench: http://{shown}:{bound}/  (Ctrl-C to stop)")
        config = uvicorn.Config(create_app(state), log_level="warning", access_log=False)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


COMMANDS = [serve]
