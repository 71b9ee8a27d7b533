"""What every command module shares: the per-process AppContext (settings and the one
database connection), ``Rows`` and ``@output_options`` for commands that print results,
and ``info`` for progress on stderr.

It lives apart from ``iegraph.cli`` so that a command module can be imported on its own
(``import iegraph.commands.query``) without importing the root group half-way: the root
group registers every command module when it is imported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import update_wrapper
from typing import Any, TypeVar

import click

from iegraph.db import Graph, connect
from iegraph.output import FORMATS, render
from iegraph.settings import ConnectionSettings, ServerSettings, redact_uri

F = TypeVar("F", bound=Callable[..., Any])


def info(message: str) -> None:
    """Progress and messages: always stderr, so stdout stays for results."""
    click.echo(message, err=True)


@dataclass
class Rows:
    """What an output command returns: rows and, optionally, a column order."""

    rows: Sequence[dict[str, Any]]
    columns: Sequence[str] | None = None
    note: str | None = None


@dataclass
class AppContext:
    """Per-process state: settings and the one lazily opened database connection."""

    conn: ConnectionSettings
    server: ServerSettings
    _graph: Graph | None = field(default=None, repr=False)

    def graph(self) -> Graph:
        """The process's one Graph (driver + database), opened on first use."""
        if self._graph is None:
            conn = self.conn
            if not conn.is_local and conn.password is None and sys.stdin.isatty():
                password = click.prompt(
                    f"Password for {conn.user} at {redact_uri(conn.uri or '')}", hide_input=True, err=True
                )
                conn = ConnectionSettings(conn.uri, conn.user, password, conn.database)
            self._graph = connect(conn, self.server, info)
        return self._graph

    def close(self) -> None:
        """Close the connection if a command opened one."""
        if self._graph is not None:
            self._graph.close()
            self._graph = None


def output_options(func: F) -> F:
    """Decorate a command returning ``Rows`` (or a list of dicts): adds ``--format``
    and renders the result to stdout as a table, JSON or CSV."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format: an aligned table for people, json or csv for machines.",
    )
    def wrapper(*args: Any, fmt: str, **kwargs: Any) -> None:
        result = func(*args, **kwargs)
        if result is None:
            return
        rows = result if isinstance(result, Rows) else Rows(list(result))
        click.echo(render(list(rows.rows), fmt, rows.columns))
        if rows.note:
            info(rows.note)

    return update_wrapper(wrapper, func)  # type: ignore[return-value]
