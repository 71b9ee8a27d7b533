"""Helpers shared by tests: run the CLI in-process and capture stdout/stderr apart."""

from __future__ import annotations

from click.testing import CliRunner, Result

from iegraph.cli import main


def run_cli(*args: str, input: str | None = None) -> Result:
    """Invoke ``iegraph ARGS`` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)
