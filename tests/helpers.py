"""Helpers shared by tests: run the CLI in-process and capture stdout/stderr apart."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner, Result

from iegraph.cli import main


def run_cli(*args: str, input: str | None = None) -> Result:
    """Invoke ``iegraph ARGS`` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def table_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV table (e.g. one ``iegraph generate`` wrote) as dicts by column."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)
