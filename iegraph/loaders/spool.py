"""A compact temporary spool of the node declarations a validation pass read.

The node pass of a load needs every node declaration of a table again (to turn it
into the row it writes). Keeping the validated ``NodeDecl`` objects in memory cost
about 700 bytes per node (100k organisations: 110 MB, 1M: over 1 GB); reading and
validating the table again costs as much time as the first pass. The spool keeps
only what the node pass reads, as plain tuples pickled in chunks into an anonymous
temporary file (deleted when closed, or when the process ends), and gives it back
as ``NodeDecl`` objects, one chunk in memory at a time.

What is left out: ``origin`` (the node pass reports nothing: every problem was
found in the validation pass), ``sources`` and ``quote`` (the relationship pass
re-reads the input anyway, REPORTED_IN with the rest), ``key`` and ``scope`` (fact
sheet keys; tables have none) and ``entity`` (the resolver finds it again by id or
name, as for a re-read row).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from iegraph.loaders.records import NodeDecl, Origin, Ref
from iegraph.schema.model import Label

#: Declarations per pickled chunk: large enough that pickle's per-call cost and the
#: memo of repeated objects (labels, kinds, a file's name) pay off, small enough to
#: be a few hundred kilobytes in memory at a time.
CHUNK = 5000

#: label, kind, id, name, aliases, props, inferred, name_refs (prop -> text, labels,
#: file, line, field, scope)
_Row = tuple[
    str,
    str | None,
    str | None,
    str,
    list[str] | None,
    dict[str, Any],
    list[str] | None,
    dict[str, tuple[str, tuple[str, ...], str, int | None, str | None, str | None]] | None,
]


class NodeSpool:
    """Node declarations written once, read back any number of times, in order."""

    def __init__(self, file: str) -> None:
        #: the input's file name: the origin every read-back declaration names
        self.file = file
        self._handle: IO[bytes] | None = None
        self._pending: list[_Row] = []
        self.count = 0

    def add(self, decl: NodeDecl) -> None:
        """Spool ``decl`` (what the node pass reads of it)."""
        refs = None
        if decl.name_refs:
            refs = {
                prop: (
                    r.text,
                    tuple(lb.value for lb in r.labels),
                    r.origin.file,
                    r.origin.line,
                    r.origin.field,
                    r.scope,
                )
                for prop, r in decl.name_refs.items()
            }
        self._pending.append(
            (
                decl.label.value,
                decl.kind.value if decl.kind is not None else None,
                decl.id,
                decl.name,
                decl.aliases or None,  # absent means empty: no list stored per row
                decl.props,
                decl.inferred or None,
                refs,
            )
        )
        self.count += 1
        if len(self._pending) >= CHUNK:
            self._dump()

    def _dump(self) -> None:
        if not self._pending:
            return
        if self._handle is None:
            self._handle = tempfile.TemporaryFile(prefix="iegraph-spool-")  # noqa: SIM115 - closed by close()
        pickle.dump(self._pending, self._handle, pickle.HIGHEST_PROTOCOL)
        self._pending = []

    def __iter__(self) -> Iterator[NodeDecl]:
        """The spooled declarations, in the order they were added."""
        self._dump()
        if self._handle is None:
            return
        handle = self._handle
        handle.flush()
        handle.seek(0)
        origin = Origin(self.file)
        label_of = Label
        while True:
            try:
                chunk: list[_Row] = pickle.load(handle)  # noqa: S301 - our own temporary file
            except EOFError:
                break
            for label, kind, nid, name, aliases, props, inferred, refs in chunk:
                decl = NodeDecl(
                    label_of(label),
                    name,
                    origin,
                    label_of(kind) if kind is not None else None,
                    nid,
                    None,
                    None,
                    aliases or [],
                    props,
                    inferred or [],
                )
                if refs:
                    decl.name_refs = {
                        prop: Ref(text, tuple(map(label_of, labels)), Origin(file, line, fld), scope)
                        for prop, (text, labels, file, line, fld, scope) in refs.items()
                    }
                yield decl
            del chunk

    def close(self) -> None:
        """Delete the temporary file (it also goes when the process ends)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self._pending = []
