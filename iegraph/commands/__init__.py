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
    """Add the ``COMMANDS`` of every module in this package to ``group``."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            group.add_command(command)
