"""Read a YAML fact sheet: validate it against ``FactSheet`` and declare what it reports.

Errors carry line numbers: the YAML is composed into its node tree (which keeps
each node's position), so a pydantic error location such as
``('organizations', 3, 'kind')`` maps to the line of that value in the file.
Timestamps are read as text (``2023-08-19`` stays a string), since dates in the
graph are ISO text of the precision the source gives. A key given twice in one
mapping is a problem at the second key (YAML would keep the last value silently).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from iegraph.loaders.convert import SECTIONS, Context, Decl, convert_source, source_id
from iegraph.loaders.records import Origin, Problem
from iegraph.quantities import MoneyUnit
from iegraph.schema.factsheet import FactSheet, error_path


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_finder(root: yaml.Node | None) -> Any:
    """A function mapping a path of keys/indexes to the 1-based line of that node
    (or of the deepest ancestor that exists)."""

    def line_of(path: tuple[Any, ...]) -> int | None:
        node = root
        if node is None:
            return None
        for step in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
            elif (
                isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node = child
        return int(node.start_mark.line) + 1

    return line_of


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _repeated_keys(root: yaml.Node | None) -> list[tuple[tuple[Any, ...], yaml.Node, yaml.Node]]:
    """Every key that a mapping of the tree gives twice: (path of the mapping, first key
    node, repeated key node), in document order. A merge key (``<<: *anchor``) is how
    YAML overrides on purpose and is not counted; keys of different mappings never clash."""
    found: list[tuple[tuple[Any, ...], yaml.Node, yaml.Node]] = []
    seen_nodes: set[int] = set()  # an aliased node is one node: walked once
    stack: list[tuple[tuple[Any, ...], yaml.Node]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        children: list[tuple[tuple[Any, ...], yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            keys: dict[tuple[str, str], yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE_TAG:
                    # tag and text: the resolved type counts (1 and "1" are two keys)
                    first = keys.setdefault((key.tag, key.value), key)
                    if first is not key:
                        found.append((path, first, key))
                children.append(((*path, getattr(key, "value", "?")), value))
        elif isinstance(node, yaml.SequenceNode):
            children = [((*path, i), item) for i, item in enumerate(node.value)]
        stack.extend(reversed(children))
    return found


def read_factsheet(path: Path, problems: list[Problem], money_unit: MoneyUnit | None = None) -> list[Decl]:
    """Validate one fact sheet; return its declarations (Source first), adding any
    problems (with lines) to ``problems``. A sheet with schema errors declares nothing.
    ``money_unit`` (``--money-unit``): the unit of a bare number in a money field when
    the sheet names none itself (``money_unit:``)."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(Origin(file), f"cannot read: {exc}"))
        return []
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            # before construction, which merges ``<<:`` keys into the mapping nodes
            repeated = _repeated_keys(root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problems.append(Problem(Origin(file, line), f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return []
    for where, first, again in repeated:
        key = again.value
        problems.append(
            Problem(
                Origin(file, again.start_mark.line + 1, ".".join(str(p) for p in (*where, key))),
                f"key {key!r} given twice (first on line {first.start_mark.line + 1}); "
                "the second would replace the first",
            )
        )
    line_of = _line_finder(root)
    if not isinstance(data, dict):
        problems.append(Problem(Origin(file, 1), "a fact sheet is a mapping with source: and sections"))
        return []
    try:
        sheet = FactSheet.model_validate(data, context={"money_unit": money_unit})
    except ValidationError as exc:
        for err in exc.errors():
            loc = error_path(tuple(err["loc"]))
            fld = ".".join(str(p) for p in loc)
            problems.append(Problem(Origin(file, line_of(loc), fld), err["msg"]))
        return []
    sid = source_id(sheet.source)
    ctx = Context(file=file, sources=[sid], problems=problems, scope=file, line_of=line_of)
    decls: list[Decl] = [convert_source(sheet.source, ctx, ("source",))]
    for section, (_model, convert) in SECTIONS.items():
        for i, spec in enumerate(getattr(sheet, section)):
            decls.extend(convert(spec, ctx, (section, i)))
    return decls
