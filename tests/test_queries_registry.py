"""Every question is reachable wherever questions are offered, and a new question
module is found without editing any other file (no database: unit tier).

Reachable means: a subcommand of ``iegraph query`` with an option per parameter, a line
of ``iegraph query list``, a question ``iegraph viz query NAME`` knows, and the
attribute ``iegraph.queries.NAME`` that takes a Runner and the declared parameters.
"""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

import iegraph
import iegraph.queries

# iegraph.cli before iegraph.commands.query: the command modules import iegraph.cli, which
# registers them as it loads, and a module still being imported has no COMMANDS yet.
from iegraph.cli import main
from iegraph.commands.query import parse_question_args
from iegraph.commands.query import query as query_group
from iegraph.db import Params, Row
from iegraph.errors import InputError
from iegraph.queries import REGISTRY, Param, QuerySpec
from iegraph.queries._base import question
from iegraph.viz import views
from tests.helpers import run_cli

CONTRIBUTING = Path(__file__).parent.parent / "docs" / "contributing.md"


class FirstQueryReached(Exception):
    """Raised by ``StopAtFirstQuery`` once a question hands it a query."""


@dataclass
class StopAtFirstQuery:
    """A Runner that records the first query a question sends and stops the question
    there: what the rows would be is Neo4j's business and is tested against Neo4j."""

    database: str = "neo4j"
    calls: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def _stop(self, mode: str, query: str, params: Params | None) -> NoReturn:
        self.calls.append((mode, query, dict(params or {})))
        raise FirstQueryReached

    def read(self, query: str, params: Params | None = None) -> NoReturn:
        self._stop("read", query, params)

    def write(self, query: str, params: Params | None = None) -> NoReturn:
        self._stop("write", query, params)

    def write_batches(self, query: str, batches: Iterable[Sequence[Row]]) -> NoReturn:
        self._stop("batch", query, None)

    def write_new(self, create: str, fallback: str, rows: Sequence[Row]) -> NoReturn:
        self._stop("create", create, None)


def _value(p: Param) -> Any:
    """A valid value for a parameter (used only for the required ones)."""
    if p.choices:
        return p.choices[0]
    return {int: 1, bool: True}.get(p.type, "x")


def _required(spec: QuerySpec) -> dict[str, Any]:
    return {p.name: _value(p) for p in spec.params if p.required}


def _args(spec: QuerySpec) -> list[str]:
    """The required parameters as command-line arguments."""
    return [a for p in spec.params if p.required for a in (p.option, str(_value(p)))]


def test_the_registry_holds_every_question_module() -> None:
    # The package's modules that declare a question (read from the files, not from REGISTRY).
    package = Path(iegraph.queries.__file__).parent
    declaring = sorted(
        f.stem
        for f in package.glob("*.py")
        if not f.stem.startswith("_") and re.search(r"^@question\(", f.read_text(encoding="utf-8"), re.M)
    )
    assert len(declaring) >= 11
    assert sorted({spec.func.__module__.rsplit(".", 1)[1] for spec in REGISTRY.values()}) == declaring
    # Deterministic order: modules by name, then declaration order (depth follows partners).
    modules = [spec.func.__module__ for spec in REGISTRY.values()]
    assert modules == sorted(modules)
    names = list(REGISTRY)
    assert names.index("depth") == names.index("partners") + 1


def test_every_question_is_a_query_subcommand_with_its_options() -> None:
    assert main.commands["query"] is query_group
    for name, spec in REGISTRY.items():
        command = query_group.commands.get(name)
        assert command is not None, f"iegraph query {name} is missing"
        options = {opt for param in command.params for opt in param.opts}
        assert {p.option for p in spec.params} <= options, name
        assert {"--format", "--limit", "--with-sources"} <= options, name
    assert set(query_group.commands) == {*REGISTRY, "list"}


def test_query_list_shows_every_question_without_a_database() -> None:
    result = run_cli("query", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["question"] for r in rows] == sorted(REGISTRY)
    for row in rows:
        spec = REGISTRY[row["question"]]
        assert row["description"] == spec.description
        for p in spec.params:
            assert p.option in row["parameters"], (spec.name, p.option)


def test_every_question_is_a_package_attribute_that_takes_a_runner() -> None:
    for name, spec in REGISTRY.items():
        func = getattr(iegraph.queries, name)
        assert func is spec.func, name
        assert name in iegraph.queries.__all__
        # Its keyword parameters are exactly the declared ones (the CLI passes them by name).
        signature = list(inspect.signature(func).parameters)
        assert signature[1:] == [p.name for p in spec.params], name
        runner = StopAtFirstQuery()
        with pytest.raises(FirstQueryReached):
            func(runner, **_required(spec))
        assert len(runner.calls) == 1 and runner.calls[0][0] == "read", name


def test_row_classes_stay_importable_from_the_package() -> None:
    from iegraph.queries import DepthRow, PartnerRow, PathStep, StatsRow
    from iegraph.queries.partners import DepthRow as depth_row
    from iegraph.queries.path import PathStep as path_step

    assert DepthRow is depth_row and PathStep is path_step
    assert {"PartnerRow", "StatsRow"} <= set(iegraph.queries.__all__)
    assert PartnerRow.__module__ == "iegraph.queries.partners" and StatsRow.__module__.endswith("stats")


def test_every_question_is_available_to_viz_query() -> None:
    registry = views.query_registry()
    assert set(registry) == set(REGISTRY)
    for name, spec in REGISTRY.items():
        assert registry[name] is spec
        # `iegraph viz query NAME ARGS` parses ARGS as `iegraph query NAME` does ...
        assert parse_question_args(spec, _args(spec)) == {
            **{p.name: p.default for p in spec.params if p.default is not None},
            **_required(spec),
        }
        # ... and names a missing required option before any query is sent.
        needed = [p.option for p in spec.params if p.required]
        if needed:
            runner = StopAtFirstQuery()
            with pytest.raises(InputError, match=re.escape(", ".join(needed))):
                views.query(runner, name, {})
            assert runner.calls == []


def test_a_question_name_is_declared_once() -> None:
    before = dict(REGISTRY)
    with pytest.raises(ValueError, match="declared twice"):

        @question("partners", "a second partners", [], ["id"])
        def partners(runner: Any) -> list[Any]:
            return []

    with pytest.raises(ValueError, match="not a Python identifier"):
        question("org-count", "a name iegraph.queries cannot carry", [], ["id"])
    assert before == REGISTRY


def _example_module() -> tuple[str, str]:
    """The question module that docs/contributing.md shows under "Adding a question"."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split("## Adding a question", 1)[1]
    match = re.search(r"^# iegraph/queries/(\w+)\.py\n(.*?)^```", section, re.M | re.S)
    assert match, "docs/contributing.md: no example module under 'Adding a question'"
    return match.group(1), match.group(2)


#: Run in a fresh interpreter from a copy of the package: what the CLI, `query list`
#: and the package offer once the example module is there.
_PROBE = """
import json
from click.testing import CliRunner
import iegraph, iegraph.queries as q
from iegraph.cli import main
runner = CliRunner()
listed = json.loads(runner.invoke(main, ["query", "list", "--format", "json"]).stdout)
help_ = runner.invoke(main, ["query", NAME, "--help"])
spec = q.REGISTRY[NAME]
print(json.dumps({
    "package": iegraph.__file__,
    "registry": list(q.REGISTRY),
    "listed": [r["question"] for r in listed],
    "help": help_.stdout,
    "help_exit": help_.exit_code,
    "attribute": getattr(q, NAME) is spec.func,
    "exported": NAME in q.__all__,
}))
"""


def test_a_new_question_module_is_found_without_other_edits(tmp_path: Path) -> None:
    """The example of docs/contributing.md, dropped into a copy of the package as its
    one new file, is a question everywhere; nothing else in the copy is changed."""
    stem, source = _example_module()
    original = Path(iegraph.__file__).parent
    copy = tmp_path / "iegraph"
    shutil.copytree(original, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert not (copy / "queries" / f"{stem}.py").exists()
    (copy / "queries" / f"{stem}.py").write_text(source, encoding="utf-8")
    name = re.search(r'@question\(\s*"(\w+)"', source)
    assert name, "the example declares no @question"
    probe = _PROBE.replace("NAME", repr(name.group(1)))
    # cwd first on sys.path: the copy, not the installed package, is imported.
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert Path(seen["package"]).parent == copy
    assert set(seen["registry"]) == {*REGISTRY, name.group(1)}
    assert [n for n in seen["registry"] if n != name.group(1)] == list(REGISTRY)
    assert name.group(1) in seen["listed"]
    assert seen["help_exit"] == 0 and "Example" in seen["help"]
    assert seen["attribute"] and seen["exported"]
