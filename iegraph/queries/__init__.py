"""The analyst question library: named, parameterised questions over the graph.

Every question is importable and takes a Runner, a neo4j Driver or a Session::

    from neo4j import GraphDatabase
    from iegraph.queries import partners, path
    driver = GraphDatabase.driver("bolt://localhost:7687", auth=("neo4j", "..."))
    for row in partners(driver, org="大连理工大学"):
        print(row.partner, row.through, row.n_sources)

Rows are dataclasses (``PartnerRow``, ``PathStep`` ...). ``REGISTRY`` maps each
question's name to its ``QuerySpec`` (description, parameters, columns, ``run``),
which the CLI (``iegraph query NAME``) and the views (``iegraph viz query NAME``)
use. Result columns named ``id``/``*_id``/``*_ids`` hold graph ids; ``sources``
holds Source ids (``QuerySpec.run(with_sources=True)`` adds ``source_titles``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from neo4j import Driver, Session

from iegraph.db import Runner, as_runner
from iegraph.queries import brokers as _brokers
from iegraph.queries import consortium as _consortium
from iegraph.queries import evidence as _evidence
from iegraph.queries import gaps as _gaps
from iegraph.queries import partners as _partners
from iegraph.queries import path as _path
from iegraph.queries import projects as _projects
from iegraph.queries import recommend as _recommend
from iegraph.queries import stats as _stats
from iegraph.queries import synergy as _synergy
from iegraph.queries import timeline as _timeline
from iegraph.queries._base import REGISTRY, Entity, Param, QuerySpec
from iegraph.queries.brokers import BrokerRow
from iegraph.queries.consortium import ConsortiumRow
from iegraph.queries.evidence import EvidenceRow
from iegraph.queries.gaps import GapRow
from iegraph.queries.lookup import (
    resolve_any,
    resolve_consortium,
    resolve_industry,
    resolve_org,
    resolve_region,
)
from iegraph.queries.partners import DepthRow, PartnerRow
from iegraph.queries.path import PathStep
from iegraph.queries.projects import ProjectRow
from iegraph.queries.recommend import RecommendRow
from iegraph.queries.stats import StatsRow
from iegraph.queries.synergy import SynergyRow
from iegraph.queries.timeline import TimelineRow

Target = Runner | Driver | Session
T = TypeVar("T")


def _public(func: Callable[..., T]) -> Callable[..., T]:
    """Wrap a question so it accepts a Runner, a neo4j Driver or an open Session."""

    @wraps(func)
    def call(target: Target, *args: Any, **kwargs: Any) -> T:
        return func(as_runner(target), *args, **kwargs)

    return call


partners = _public(_partners.partners)
depth = _public(_partners.depth)
consortium = _public(_consortium.consortium)
projects = _public(_projects.projects)
path = _public(_path.path)
brokers = _public(_brokers.brokers)
gaps = _public(_gaps.gaps)
recommend = _public(_recommend.recommend)
timeline = _public(_timeline.timeline)
evidence = _public(_evidence.evidence)
synergy = _public(_synergy.synergy)
stats = _public(_stats.stats)

__all__ = [
    "REGISTRY",
    "BrokerRow",
    "ConsortiumRow",
    "DepthRow",
    "Entity",
    "EvidenceRow",
    "GapRow",
    "Param",
    "PartnerRow",
    "PathStep",
    "ProjectRow",
    "QuerySpec",
    "RecommendRow",
    "StatsRow",
    "SynergyRow",
    "TimelineRow",
    "brokers",
    "consortium",
    "depth",
    "evidence",
    "gaps",
    "partners",
    "path",
    "projects",
    "recommend",
    "resolve_any",
    "resolve_consortium",
    "resolve_industry",
    "resolve_org",
    "resolve_region",
    "stats",
    "synergy",
    "timeline",
]
