"""``iegraph query``: the analyst questions from the command line; ``iegraph stats``.

The subcommands are built from ``iegraph.queries.REGISTRY``: each question's
parameters become options, and every question also takes --limit, --with-sources
and --format. The commands only parse, call the library and render.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from iegraph.commands._common import AppContext, Rows, output_options
from iegraph.db import Runner
from iegraph.queries import REGISTRY, Param, QuerySpec

F = TypeVar("F", bound=Callable[..., Any])


def _run(
    app: AppContext, spec: QuerySpec, limit: int | None, with_sources: bool, params: dict[str, Any]
) -> Rows:
    return answer(app.graph(), spec, limit, with_sources, params)


def answer(
    runner: Runner, spec: QuerySpec, limit: int | None, with_sources: bool, params: dict[str, Any]
) -> Rows:
    """The rows, columns and note of one question, as ``iegraph query NAME`` prints them
    (and the workbench's question pages show and download them: one row code for both)."""
    values = {k: v for k, v in params.items() if v is not None}
    if spec.paged:  # --limit is the paged question's own parameter: given once, whichever way
        limit = values.pop("limit", limit)
    rows = spec.run(runner, with_sources=with_sources, limit=limit, **values)
    notes = []
    if limit is not None and len(rows) == limit:
        # Before "no rows": --limit 0 hides rows, it does not mean there are none.
        notes.append(f"showing the first {limit} row{'' if limit == 1 else 's'} (--limit)")
    elif not rows:
        notes.append(spec.empty)
    if rows.note:  # the question's own word on its answer (what a bounded search left out ...)
        notes.append(rows.note)
    note = f"{spec.name}: {'; '.join(notes)}" if notes else None
    columns = spec.output_columns(with_sources)
    # Every format shows the same columns (JSON too): source ids only with --with-sources.
    return Rows([{c: row.get(c) for c in columns} for row in rows], columns, note)


def _option(p: Param) -> Callable[[F], F]:
    """The click option of one question parameter (its flag, type, choices, default)."""
    if p.type is bool:
        return click.option(p.option, p.name, is_flag=True, help=p.help)
    kwargs: dict[str, Any] = {"help": p.help, "required": p.required}
    # Choices are enum values; accept them in any case (``--kind enterprise``).
    kwargs["type"] = click.Choice(p.choices, case_sensitive=False) if p.choices else p.type
    if p.default is not None:
        kwargs["default"] = p.default
        kwargs["show_default"] = True
    return click.option(p.option, p.name, **kwargs)


def question_options(spec: QuerySpec) -> Callable[[F], F]:
    """Decorator adding the options of ``spec``'s parameters to a click command.

    Shared by ``iegraph query NAME`` and ``iegraph viz query NAME`` so both accept the
    same flags (``--from``/``--to`` of path, ``--with-co-presence``), types and choices.
    """

    def deco(cmd: F) -> F:
        for p in reversed(spec.params):
            cmd = _option(p)(cmd)
        return cmd

    return deco


def parse_question_args(spec: QuerySpec, args: Sequence[str]) -> dict[str, Any]:
    """Parse ``args`` (``--org 大工 --top 5``) as the options of ``spec`` with click.

    Returns the given and default values by parameter name (None values dropped);
    usage errors (unknown option, missing required one, bad value) raise click.UsageError.
    """

    @click.command(spec.name, add_help_option=False)
    @question_options(spec)
    def parse(**params: Any) -> None:  # pragma: no cover - never invoked
        """Only its parameters are used."""

    with parse.make_context(f"iegraph viz query {spec.name}", list(args)) as ctx:
        return {k: v for k, v in ctx.params.items() if v is not None}


def _command(spec: QuerySpec) -> click.Command:
    """A click command for one question."""

    def callback(app: AppContext, limit: int | None, with_sources: bool, **params: Any) -> Rows:
        return _run(app, spec, limit, with_sources, params)

    callback.__doc__ = (
        f"{spec.description[0].upper()}{spec.description[1:]}.\n\n"
        f"Columns: {', '.join(spec.output_columns())}.\n\n"
        f"\b\nExample:\n  {spec.example or 'iegraph query ' + spec.name}"
    )
    cmd: Any = output_options(callback)
    cmd = click.pass_obj(cmd)
    cmd = click.option("--with-sources", is_flag=True, help="Add the Source ids and titles behind each row.")(
        cmd
    )
    if not spec.paged:  # a paged question's own --limit (with --offset) goes to the database
        cmd = click.option("--limit", type=click.IntRange(min=0), help="Show at most N rows.")(cmd)
    cmd = question_options(spec)(cmd)
    return click.command(spec.name, help=callback.__doc__, short_help=spec.description)(cmd)


class QueryGroup(click.Group):
    """``iegraph query``: ``list`` first, then the questions in name order."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return ["list", *sorted(n for n in self.commands if n != "list")]


@click.group(cls=QueryGroup)
def query() -> None:
    """Ask a named analyst question (see `iegraph query list`).

    Organisation options accept canonical names, aliases, traditional
    characters or ids. Every question takes --format table|json|csv, --limit N
    and --with-sources.

    \b
    Example:
      iegraph query list
      iegraph query partners --org 大连理工大学 --with-sources
      iegraph query path --from 一汽解放大连柴油机有限公司 --to 大工 --max-hops 3
    """


def _usage(p: Param) -> str:
    text = p.option + {int: " N", bool: "", str: " TEXT"}.get(p.type, "")
    return text if p.required else f"[{text}]"


@click.command("list")
@output_options
def list_questions() -> Rows:
    """List every question with its parameters and a one-line description.

    \b
    Example:
      iegraph query list --format json
    """
    rows = [
        {
            "question": spec.name,
            "parameters": " ".join(_usage(p) for p in spec.params),
            "description": spec.description,
        }
        for spec in sorted(REGISTRY.values(), key=lambda s: s.name)
    ]
    return Rows(rows, ["question", "parameters", "description"])


@click.command("stats")
@click.option("--regions", type=int, default=20, show_default=True, help="How many regions to list.")
@output_options
@click.pass_obj
def stats(app: AppContext, regions: int) -> Rows:
    """Counts per label, organisation kind, relationship type and region, and data-quality findings.

    The same as `iegraph query stats`.

    \b
    Example:
      iegraph stats
      iegraph stats --format json
    """
    return _run(app, REGISTRY["stats"], None, False, {"regions": regions})


query.add_command(list_questions)
for _spec in REGISTRY.values():
    query.add_command(_command(_spec))

COMMANDS = [query, stats]
