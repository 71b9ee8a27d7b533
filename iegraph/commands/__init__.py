"""CLI commands, one module per topic.

Each module lists its top-level click commands/groups in ``COMMANDS``; ``register``
adds every one of them to the root group, so adding a topic never means editing
a shared file.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def register(group: click.Group) -> None:
    """Add the ``COMMANDS`` of every module in this package to ``group``.

    Modules whose name starts with ``_`` hold shared pieces, not commands; every other
    module must declare ``COMMANDS`` (a missing list is an error, not a silent skip)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in module.COMMANDS:
            group.add_command(command)
