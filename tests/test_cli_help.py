"""Every command has help text with an example, and the README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import click

from iegraph.cli import main
from tests.helpers import run_cli


def _walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_walk(command, path))
    return found


def test_every_command_has_help_with_an_example() -> None:
    for path, _command in _walk(main):
        result = run_cli(*path, "--help")
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, f"iegraph {' '.join(path)} --help has no example"
        assert "iegraph" in result.stdout.split("Example", 1)[1], path


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert re.match(r"iegraph, version \d+\.\d+\.\d+", result.stdout)


def test_readme_commands_exist() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    known = {" ".join(path) for path, _ in _walk(main)}
    for match in re.finditer(r"^\$ iegraph ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)", readme, re.MULTILINE):
        words = match.group(1).split()
        assert words[0] in known, f"README uses unknown command {match.group(0)!r}"
        if len(words) > 1 and words[0] in {p.split()[0] for p in known if " " in p}:
            assert " ".join(words[:2]) in known or not words[1].isalpha(), match.group(0)
