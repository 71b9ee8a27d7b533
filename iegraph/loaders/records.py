"""The loader's common currency: declarations of nodes and relationships read from any input.

Readers (YAML fact sheets, CSV folders, xlsx workbooks) turn their rows into
``NodeDecl`` and ``RelDecl`` objects whose references are still text (``Ref``).
The resolver then decides which node every declaration and reference stands for,
and the writer turns resolved declarations into ``UNWIND`` rows. Every declaration
carries its ``Origin`` so that any problem names the file, line/row and field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from iegraph.schema.model import Label, Rel

#: Relationship types whose ``role``/``title`` property is part of the relationship's
#: identity (MERGE key): an organisation may both lead and be a member of a consortium.
REL_KEY_PROP: dict[Rel, str] = {
    Rel.PARTICIPATES_IN: "role",
    Rel.MEMBER_OF: "role",
    Rel.ATTENDED: "role",
    Rel.HOLDS_POSITION: "title",
}

#: Default value of the key property when a generic relation leaves it out.
REL_KEY_DEFAULT: dict[Rel, str] = {
    Rel.PARTICIPATES_IN: "partner",
    Rel.MEMBER_OF: "member",
    Rel.ATTENDED: "attendee",
}


@dataclass(frozen=True, slots=True, init=False)
class Origin:
    """Where a declaration came from: file, line (YAML) or row (tables), field."""

    file: str
    line: int | None = None
    field: str | None = None

    def __init__(self, file: str, line: int | None = None, field: str | None = None) -> None:
        # Every declaration and ref has one (a million per pass over a large table): the
        # slots are set through their descriptors, a third cheaper than the generated
        # frozen __init__ (object.__setattr__ per field). Still frozen afterwards.
        _set_file(self, file)
        _set_line(self, line)
        _set_field(self, field)

    def at(self, field_name: str | None, line: int | None = None) -> Origin:
        """The same place, narrowed to a field (and its own line when known)."""
        return Origin(self.file, line if line is not None else self.line, field_name)


_set_file: Callable[[Origin, str], None] = Origin.__dict__["file"].__set__
_set_line: Callable[[Origin, int | None], None] = Origin.__dict__["line"].__set__
_set_field: Callable[[Origin, str | None], None] = Origin.__dict__["field"].__set__


@dataclass(frozen=True, slots=True)
class FailedNode:
    """A node a table row declares but could not, since the row failed validation: what
    a later reference to it is told instead of "unknown" (it is declared, but invalid)."""

    label: Label
    #: the table's noun in Chinese (项目, 机构 …), as messages name the node
    what: str
    id: str | None
    names: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where, and why."""

    origin: Origin
    reason: str
    #: set on the problems of a row that declares a node: the node it failed to declare
    failed: FailedNode | None = None
    #: a consequence of another problem (a reference to a failed row): listed after
    #: every problem of its own, so the cause reads first
    follows: bool = False

    def __str__(self) -> str:
        where = self.origin.file
        if self.origin.line is not None:
            where += f":{self.origin.line}"
        if self.origin.field:
            where += f": {self.origin.field}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Ref:
    """A reference as written: a sheet key, a name/alias, or an id of an entity whose
    label is one of ``labels`` (Organization stands for every org kind)."""

    text: str
    labels: tuple[Label, ...]
    origin: Origin
    #: the fact sheet whose local keys are visible to this ref (None for tables)
    scope: str | None = None


@dataclass(slots=True)
class NodeDecl:
    """A node as one input declares it.

    ``label`` is the keyed label (Organization for every org kind); ``kind`` the
    org kind label. ``props`` hold parsed, non-null values only.
    """

    label: Label
    name: str
    origin: Origin
    kind: Label | None = None
    id: str | None = None
    key: str | None = None
    scope: str | None = None
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quote: str | None = None
    #: properties whose value is the name of another entity (consortium ``anchor_park``)
    name_refs: dict[str, Ref] = field(default_factory=dict)
    #: set by the resolver: the entity this declaration belongs to
    entity: Any = None


@dataclass(slots=True)
class RelDecl:
    """A relationship as declared: endpoints are refs, or the declaring node (``owner``)."""

    type: Rel
    start: Ref | NodeDecl
    end: Ref | NodeDecl
    origin: Origin
    props: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    #: names of inferred properties (an inferred role, say)
    inferred: list[str] = field(default_factory=list)
    #: the sentence of the source that states this relationship (stored per source)
    quote: str | None = None
    #: set when the source does not state the relationship and the author inferred it
    inferred_reason: str | None = None
    #: the key property (role) was not given but defaulted (a project's parties column):
    #: the link joins a relationship of the same ends whose role another row gives
    default_key: bool = False

    @property
    def key_prop(self) -> str | None:
        return REL_KEY_PROP.get(self.type)
