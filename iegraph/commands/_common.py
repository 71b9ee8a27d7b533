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
from pathlib import Path
from typing import Any, TypeVar

import click

from iegraph.db import Graph, connect
from iegraph.errors import InputError
from iegraph.i18n import translate_rows
from iegraph.output import BINARY_FORMATS, BOM, FORMATS, columns_of, cut_columns, render, write_xlsx
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
    #: Language of headers and enumeration values in tables, CSV and xlsx ("en" or "zh").
    lang: str = "en"
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
    """Decorate a command returning ``Rows`` (or a list of dicts): adds ``--format``,
    ``-o/--output`` and ``--bom``, and renders the result as a table, JSON, CSV (to
    stdout or a file) or an xlsx workbook (to a file only: never binary to a terminal)."""
    return _with_output(func, shares_output=False)


def output_options_sharing_o(func: F) -> F:
    """``output_options`` for a command whose ``-o`` (also ``--out``) names what the command
    writes itself when it prints no rows (``iegraph extract -o DRAFTS_DIR``): the command
    is called with ``output`` too, and only the rows it returns are rendered to it."""
    return _with_output(func, shares_output=True)


def _with_output(func: F, shares_output: bool) -> F:
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format: an aligned table for people, json or csv for machines, xlsx for Excel (needs -o).",
    )
    @click.option(
        *(("-o", "--output", "--out") if shares_output else ("-o", "--output")),
        "output",
        # shared: the command gets the text as typed (``drafts/`` keeps its slash in messages)
        type=click.Path(dir_okay=shares_output, writable=True, path_type=str if shares_output else Path),
        default=None,
        help="Write the result to this file instead of stdout (required for xlsx).",
    )
    @click.option(
        "--bom", is_flag=True, help="CSV: start with a UTF-8 BOM, so Excel on Windows shows Chinese."
    )
    def wrapper(*args: Any, fmt: str, output: Path | str | None, bom: bool, **kwargs: Any) -> None:
        if fmt in BINARY_FORMATS and output is None:
            raise InputError(f"--format {fmt} writes a file: give -o FILE.{fmt}")
        if bom and fmt != "csv":
            raise InputError("--bom applies to --format csv only")
        result = func(*args, output=output, **kwargs) if shares_output else func(*args, **kwargs)
        if result is None:
            return
        rows = result if isinstance(result, Rows) else Rows(list(result))
        emit(rows, fmt, Path(output) if output is not None else None, bom)

    return update_wrapper(wrapper, func)  # type: ignore[return-value]


def emit(rows: Rows, fmt: str, output: Path | None = None, bom: bool = False) -> None:
    """Print or write ``rows`` in ``fmt`` (Chinese headers and values under ``--lang zh``,
    except JSON), then the rows' note; a terminal table that cut a cell says which
    columns and which formats show them whole (stderr)."""
    app = click.get_current_context().find_object(AppContext)
    if app is not None and app.lang == "zh" and fmt != "json":
        # JSON stays English (keys and values): programs read it
        zh_rows, zh_columns = translate_rows(rows.rows, columns_of(rows.rows, rows.columns))
        rows = Rows(zh_rows, zh_columns, rows.note)
    if fmt in BINARY_FORMATS and output is not None:
        write_xlsx(list(rows.rows), output, rows.columns)
        info(f"wrote {len(rows.rows)} rows to {output}")
    else:
        text = render(list(rows.rows), fmt, rows.columns)
        if output is not None:
            # a BOM only in files or pipes asked for it; newline="" keeps CSV's own line ends
            with output.open("w", encoding="utf-8", newline="") as handle:
                handle.write((BOM if bom else "") + text + "\n")
            info(f"wrote {len(rows.rows)} rows to {output}")
        else:
            click.echo((BOM if bom else "") + text)
        if fmt == "table":
            cut = cut_columns(rows.rows, rows.columns)
            if cut:
                info(
                    f"note: long cells cut with … in {', '.join(cut)}; "
                    "--format csv or json, or --format xlsx -o FILE.xlsx, shows them whole"
                )
    if rows.note:
        info(rows.note)
