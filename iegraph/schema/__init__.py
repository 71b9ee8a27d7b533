"""The knowledge model: labels, relationship types, constraints, indexes and input models."""

from iegraph.schema.model import (
    CONSTRAINTS,
    FACT_LABELS,
    INDEXES,
    KEYED_LABELS,
    NAMED_LABELS,
    ORG_KINDS,
    CollegeLevel,
    Constraint,
    Index,
    Label,
    ProjectType,
    RegionLevel,
    Rel,
    label_of,
    rel_of,
)

__all__ = [
    "CONSTRAINTS",
    "FACT_LABELS",
    "INDEXES",
    "KEYED_LABELS",
    "NAMED_LABELS",
    "ORG_KINDS",
    "CollegeLevel",
    "Constraint",
    "Index",
    "Label",
    "ProjectType",
    "RegionLevel",
    "Rel",
    "label_of",
    "rel_of",
]
