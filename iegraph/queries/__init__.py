"""The analyst question library: named, parameterised questions over the graph.

Every question is importable and takes a Runner, a neo4j Driver or a Session::

    from neo4j import GraphDatabase
    from iegraph.queries import partners, path
    driver = GraphDatabase.driver("bolt://localhost:7687", auth=("neo4j", "..."))
    for row in partners(driver, org="大连理工大学"):
        print(row.partner, row.through, row.n_sources)

Questions are found, not listed: importing this package imports every module in
it whose name does not start with ``_`` (sorted by name), and each ``@question``
in them registers itself in ``REGISTRY``. A *question module* is one that declares
at least one ``@question``; helper modules (``lookup``, ``projection``,
``subgraph``, ``standard``) are imported too and simply register nothing. So
adding a question is adding one module (docs/contributing.md, "Adding a question").

After the import, each question is the package attribute of its name
(``iegraph.queries.depth``), and so are the public dataclasses its module defines
(its rows: ``PartnerRow``, ``PathStep`` ...). Those attributes are made at import
time, so a type checker does not see them: typed code imports from the module
(``from iegraph.queries.partners import partners, PartnerRow``).

``REGISTRY`` maps each question's name to its ``QuerySpec`` (description,
parameters, columns, ``run``), which the CLI (``iegraph query NAME``) and the views
(``iegraph viz query NAME``) use. Result columns named ``id``/``*_id``/``*_ids``
hold graph ids; ``sources`` holds Source ids (``QuerySpec.run(with_sources=True)``
adds ``source_titles``).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from types import ModuleType

from iegraph.queries._base import REGISTRY, Entity, Param, QuerySpec, question
from iegraph.queries.lookup import (
    resolve_any,
    resolve_consortium,
    resolve_industry,
    resolve_org,
    resolve_region,
)

#: Names this file binds itself; the questions and their rows are added by ``_discover``.
__all__ = [
    "REGISTRY",
    "Entity",
    "Param",
    "QuerySpec",
    "question",
    "resolve_any",
    "resolve_consortium",
    "resolve_industry",
    "resolve_org",
    "resolve_region",
]


def _discover() -> list[str]:
    """Import every public module of this package; bind each question and the rows of
    its module as package attributes. Returns the names bound."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
        if not info.name.startswith("_")
    ]
    # One module may import another's question (catalogue reads stats' count store), which
    # registers it early; the order users see is modules by name, then declaration order.
    modules_order = {module.__name__: i for i, module in enumerate(modules)}
    ordered = sorted(
        REGISTRY.items(), key=lambda item: modules_order.get(item[1].func.__module__, len(modules))
    )
    REGISTRY.clear()
    REGISTRY.update(ordered)
    found: dict[str, object] = {}
    for spec in REGISTRY.values():
        current = globals().get(spec.name)
        # Importing ``partners.py`` made ``partners`` the module; the question of the
        # same name takes its place. Any other clash (a helper module, REGISTRY ...)
        # would break an import elsewhere, so it is refused here, at import time.
        if current is not None and not _is_module(current, spec.func.__module__):
            raise ImportError(
                f"question {spec.name!r} ({spec.func.__module__}) would hide iegraph.queries.{spec.name}"
            )
        found[spec.name] = spec.func
    question_modules = {spec.func.__module__ for spec in REGISTRY.values()}
    for module in modules:
        if module.__name__ in question_modules:
            found.update(_rows(module))
    globals().update(found)
    return sorted(found)


def _is_module(value: object, name: str) -> bool:
    return isinstance(value, ModuleType) and value.__name__ == name


def _rows(module: ModuleType) -> dict[str, type]:
    """The public dataclasses ``module`` defines (not those it imports)."""
    return {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_")
        and isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
    }


__all__ += _discover()
