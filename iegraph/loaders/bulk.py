"""Bulk load: the first load of a big graph through Neo4j's own importer.

``bulk_load_paths`` validates and resolves the input exactly as ``load_paths`` does
(``validate_paths``, the same ``Resolver``), turns the rows the transactional writer
would send (``node_rows``/``rel_rows``) into node and relationship CSV files for
``neo4j-admin database import full``, stops the managed local server, imports, starts
it again and applies the schema. The graph is the one a transactional load of the same
input into an empty database writes: same ids, labels, properties, relationships.

How rows become files, and why:

- **One row per node and relationship.** Several declarations of one entity (a
  company in two sheets) or one relationship (reported by two sources) are folded
  with the transactional writer's own ``merge_rows``, in input order. To keep memory
  bounded, rows are first spilled to disk in hash buckets of their identity
  (``SPILL_ROWS`` rows per bucket); each bucket is then read alone, folded and
  written out. Memory holds one bucket, beyond what resolution already holds.
- **Typed columns.** Every property has a typed header column (``:string``,
  ``:long``, ``:double``, ``:boolean`` and their arrays). Strings are quoted, a quote
  doubled; arrays are one quoted field whose elements are separated by U+001F, a
  character validation refuses in every value (``limits.py``), so no element can hold
  it. Files with a line break in a value are named to the importer as multi-line.
- **Empty lists are not stored** (absent means empty), here as in the transactional
  load: an empty field is no property, which is what the graph wants.
- **What a CSV field cannot say** — a list of empty strings, a property whose type
  differs between rows of one file, a property name the header cannot carry — is
  left out of the file and set after the import from a spilled list of fix-ups
  matched by ``id`` once the constraints exist.
- **The write lock.** The load holds the graph's write lock from before validation.
  The lock node is written into the new store with the same token, so the lock is
  still this load's when the server comes back; the server's start lock keeps other
  iegraph commands from starting it during the import.
"""

from __future__ import annotations

import gc
import math
import pickle
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from iegraph.db import Graph, Row, Runner
from iegraph.errors import InputError, ServerError
from iegraph.loaders.lock import WriteLock, holding
from iegraph.loaders.matching import Resolver
from iegraph.loaders.passes import (
    Input,
    LoadReport,
    ReportedRow,
    Written,
    _group,
    _no_full_gc,
    node_rows,
    rel_rows,
    validate_paths,
)
from iegraph.loaders.records import Problem
from iegraph.loaders.writer import merge_rows
from iegraph.quantities import MoneyUnit
from iegraph.queries.stats import store_quality_after_load
from iegraph.schema.apply import apply_schema, await_fulltext_refresh, await_indexes
from iegraph.schema.model import Label, Rel, SystemLabel
from iegraph.server import manager
from iegraph.settings import ServerSettings

Echo = Callable[[str], None]

#: Separates array elements in a CSV field: U+001F (unit separator), a control
#: character validation refuses in every string, so no element holds it.
ARRAY_DELIMITER = "\x1f"
#: Rows per spill bucket: what one bucket's fold holds in memory at most (on average;
#: a folded row is about 500 bytes, so 100k rows are some 50 MB).
SPILL_ROWS = 100_000
#: Records per pickled chunk of the fix-up file, and at most per spill bucket's buffer.
SPILL_CHUNK = 5_000
#: Records the spill buffers hold together, whatever the number of buckets (90 at a
#: million organisations: 5,000 each would be 450k rows, 200 MB, in memory).
SPILL_BUFFERED = 50_000
#: Seconds the lock's lease in the new store lasts before the load renews it: the
#: restart and more. A load that dies meanwhile is taken over at once on this machine.
IMPORT_LEASE = 3600.0
#: Seconds to wait for the new indexes to come online.
INDEX_WAIT = 3600

#: The lists of a node (each stored only when not empty).
NODE_LISTS = ("aliases", "alias_keys", "inferred")
#: A property name the importer's header can carry (else the property is a fix-up).
_HEADER_NAME = re.compile(r"[^:,\"\s\x00-\x1f\x7f]+")
_LONG_MIN, _LONG_MAX = -(2**63), 2**63 - 1

#: A node file: label and organisation kind. A relationship file: type, end labels, key property.
NodeKey = tuple[Label, Label | None]
RelKey = tuple[Rel, Label, Label, str | None]


def _silent(_: str) -> None:
    return None


@dataclass
class BulkReport(LoadReport):
    """A ``LoadReport`` (every node and relationship is created) with the bulk phases:
    writing the files, the import with the server's stop and start, and the finish
    (fix-ups, constraints and indexes online)."""

    files_seconds: float = 0.0
    import_seconds: float = 0.0
    finish_seconds: float = 0.0
    #: properties set after the import because a CSV field cannot hold them
    fixups: int = 0


# --------------------------------------------------------------------------- values


def _scalar_type(value: object) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long" if _LONG_MIN <= value <= _LONG_MAX else None
    if isinstance(value, float):
        return "double" if math.isfinite(value) else None
    if isinstance(value, str):
        return "string"
    return None


def value_type(value: object) -> str | None:
    """The importer's type of ``value`` (``string``, ``long[]`` …), or None when a CSV
    field cannot hold it (it is then set after the import)."""
    if isinstance(value, list):
        if not value:
            return None
        first = _scalar_type(value[0])
        if first is None or any(_scalar_type(v) != first for v in value):
            return None
        if first == "string" and (all(v == "" for v in value) or any(ARRAY_DELIMITER in v for v in value)):
            return None  # the importer reads an empty field as no value, and splits on the delimiter
        return first + "[]"
    return _scalar_type(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _field(value: object, kind: str) -> str:
    """One CSV field of a value of the importer type ``kind`` (checked by ``value_type``)."""
    if kind == "string":
        return _quote(value)  # type: ignore[arg-type]
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(value)
    if kind == "long":
        return str(value)
    items: list[Any] = value  # type: ignore[assignment]
    if kind == "string[]":
        return _quote(ARRAY_DELIMITER.join(items))
    if kind == "boolean[]":
        return ARRAY_DELIMITER.join("true" if v else "false" for v in items)
    if kind == "double[]":
        return ARRAY_DELIMITER.join(repr(v) for v in items)
    return ARRAY_DELIMITER.join(str(v) for v in items)


# --------------------------------------------------------------------------- final properties


def node_props(row: Row, kind: Label | None) -> dict[str, object]:
    """A node's properties from its (folded) row, as the CREATE query sets them:
    ``id``, names and the lists that are not empty, then ``props`` over them, then ``kind``."""
    props: dict[str, object] = {"id": row["id"], "name": row["name"], "name_key": row["name_key"]}
    for name in NODE_LISTS:
        if row.get(name):
            props[name] = row[name]
    props.update(row.get("props") or {})  # type: ignore[call-overload]
    if kind is not None:
        props["kind"] = kind.value
    return props


def reported_props(row: Row) -> dict[str, object]:
    """REPORTED_IN's properties from its row: ``quote`` (the first) and ``quotes``,
    none when the row has no quote."""
    quotes: list[str] = row.get("quotes") or []  # type: ignore[assignment]
    return {"quote": quotes[0], "quotes": quotes} if quotes else {}


def rel_props(row: Row, key_prop: str | None) -> dict[str, object]:
    """A relationship's properties from its (folded) row, as ``rel_query`` creates them:
    the key, ``props``, then ``sources``, ``quotes``, ``inferred_reason``, ``inferred``."""
    props: dict[str, object] = {}
    if key_prop and row.get("key") is not None:
        props[key_prop] = row["key"]
    props.update(row.get("props") or {})  # type: ignore[call-overload]
    if row.get("sources"):
        props["sources"] = row["sources"]
    for name in ("quotes", "inferred_reason"):
        if row.get(name) is not None:
            props[name] = row[name]
    if row.get("inferred"):
        props["inferred"] = row["inferred"]
    return props


# --------------------------------------------------------------------------- spill


class _Spill:
    """Records spilled to ``buckets`` files by a hash of their identity, read back one
    bucket at a time in the order they were added. A record starts with the index of
    its file (a small int): enums in every record made unpickling several times slower."""

    def __init__(self, folder: Path, name: str, buckets: int) -> None:
        self.paths = [folder / f"{name}-{i:03d}.spill" for i in range(buckets)]
        self._files: list[IO[bytes]] = [p.open("wb") for p in self.paths]
        self._buffers: list[list[tuple[object, ...]]] = [[] for _ in self.paths]
        self._chunk = max(100, min(SPILL_CHUNK, SPILL_BUFFERED // buckets))

    def add(self, identity: object, record: tuple[object, ...]) -> None:
        index = hash(identity) % len(self.paths)
        buffer = self._buffers[index]
        buffer.append(record)
        if len(buffer) >= self._chunk:
            pickle.dump(buffer, self._files[index], pickle.HIGHEST_PROTOCOL)
            buffer.clear()

    def close(self) -> None:
        for buffer, handle in zip(self._buffers, self._files, strict=True):
            if buffer:
                pickle.dump(buffer, handle, pickle.HIGHEST_PROTOCOL)
                buffer.clear()
            handle.close()

    def buckets(self) -> Iterator[Iterator[tuple[Any, ...]]]:
        for path in self.paths:
            yield self._read(path)

    @staticmethod
    def _read(path: Path) -> Iterator[tuple[Any, ...]]:
        with path.open("rb") as handle:
            while True:
                try:
                    chunk = pickle.load(handle)  # noqa: S301 - our own spill file, written above
                except EOFError:
                    break
                yield from chunk
        path.unlink()


# --------------------------------------------------------------------------- files

#: Formats one value for a column of one importer type: the field, or None when the
#: value is not of that type (a fix-up).
Format = Callable[[Any], str | None]


def _generic(kind: str) -> Format:
    """The exact (slow) format of a ``kind`` column: ``value_type`` decides."""

    def fmt(value: Any) -> str | None:
        return _field(value, kind) if value_type(value) == kind else None

    return fmt


def _format_of(kind: str) -> Format:
    """The format of a ``kind`` column. The common case (a plain ``str``, ``int`` …) is
    tested by exact type and formatted at once; anything else (a subclass, a list of
    mixed types) goes through ``value_type`` as before, so the files say the same."""
    slow = _generic(kind)
    if kind == "string":

        def string(value: Any) -> str | None:
            if type(value) is str:
                return '"' + value.replace('"', '""') + '"'
            return slow(value)

        return string
    if kind == "string[]":
        delimiter = ARRAY_DELIMITER

        def strings(value: Any) -> str | None:
            if type(value) is list and value:
                try:
                    joined = delimiter.join(value)
                except TypeError:  # an element that is not a string
                    return slow(value)
                gaps = len(value) - 1
                # no element holds the delimiter, and not every element is empty
                if joined.count(delimiter) == gaps and len(joined) > gaps:
                    return '"' + joined.replace('"', '""') + '"'
                return None
            return slow(value)

        return strings
    if kind == "long":

        def long(value: Any) -> str | None:
            if type(value) is int and _LONG_MIN <= value <= _LONG_MAX:
                return str(value)
            return slow(value)

        return long
    if kind == "double":

        def double(value: Any) -> str | None:
            if type(value) is float and math.isfinite(value):
                return repr(value)
            return slow(value)

        return double
    if kind == "boolean":

        def boolean(value: Any) -> str | None:
            if type(value) is bool:
                return "true" if value else "false"
            return slow(value)

        return boolean
    return slow


def _fast_type(value: object) -> str | None:
    """``value_type`` with the common scalar types tested first by exact type."""
    kind = type(value)
    if kind is str:
        return "string"
    if kind is int:
        return "long" if _LONG_MIN <= value <= _LONG_MAX else None  # type: ignore[operator]
    return value_type(value)


@dataclass
class _CsvFile:
    """One importer input: a header of typed columns and its rows; for a node file its
    label and organisation kind, for a relationship file its ``RelKey``."""

    path: Path
    columns: list[tuple[str, str]]
    node: NodeKey | None = None
    rel: RelKey | None = None
    #: the property names a row may have: its columns', and a node file's ``id``
    accepted: frozenset[str] = frozenset()
    formats: list[tuple[str, Format]] = field(default_factory=list)
    handle: IO[str] | None = None
    rows: int = 0
    multiline: bool = False

    def __post_init__(self) -> None:
        self.accepted = frozenset(n for n, _t in self.columns) | ({"id"} if self.node is not None else set())
        self.formats = [(n, _format_of(t)) for n, t in self.columns]

    def line(self, ids: str, props: dict[str, object]) -> dict[str, object] | None:
        """Write ``props`` as one line after the id fields ``ids``; return what a CSV
        field cannot hold (set after the import), or None."""
        fields = [ids]
        rest: dict[str, object] | None = None
        for name, fmt in self.formats:
            value = props.get(name)
            if value is None:
                fields.append("")
                continue
            text = fmt(value)
            if text is None:
                fields.append("")
                if rest is None:
                    rest = {}
                rest[name] = value
            else:
                fields.append(text)
        if not props.keys() <= self.accepted:
            if rest is None:
                rest = {}
            for name in props.keys() - self.accepted:
                rest[name] = props[name]  # of several types in this file, or a name no header can carry
        text = ",".join(fields)
        # a line break anywhere in the line is one inside a quoted field (numbers and
        # booleans hold none): the importer must read this file as multi-line
        if not self.multiline and ("\n" in text or "\r" in text):
            self.multiline = True
        if self.handle is None:
            self.handle = self.path.open("w", encoding="utf-8", newline="")
        self.handle.write(text + "\n")
        self.rows += 1
        return rest

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


@dataclass
class ImportFiles:
    """The files of one import and the ``neo4j-admin database import full`` arguments
    that read them (``args``); fix-ups to apply once the server runs again."""

    folder: Path
    #: (labels, header file, data file) and (type, header file, data file)
    nodes: list[tuple[tuple[str, ...], Path, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path, Path]] = field(default_factory=list)
    multiline: list[Path] = field(default_factory=list)
    nodes_written: dict[str, int] = field(default_factory=dict)
    rels_written: dict[str, int] = field(default_factory=dict)
    #: pickled lists of (label, id, props) and (type, start, end, key prop, start id, end id, key, props)
    fixup_file: Path | None = None
    fixups: int = 0

    def args(self, database: str) -> list[str]:
        """``neo4j-admin`` arguments importing these files into ``database``."""
        args = ["database", "import", "full", f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}"]
        args += [f"--nodes={':'.join(labels)}={header},{data}" for labels, header, data in self.nodes]
        args += [f"--relationships={rel}={header},{data}" for rel, header, data in self.relationships]
        if self.multiline:
            args += [
                "--multiline-fields-format=v2",
                "--multiline-fields=" + ",".join(map(str, self.multiline)),
            ]
        return [
            *args,
            "--overwrite-destination=true",
            f"--report-file={self.folder / 'import.report'}",
            database,
        ]


class _Columns:
    """The typed columns of one file, collected from every row before any is written:
    a property of one type in every row is a column; of several types, a fix-up."""

    def __init__(self, fixed: Sequence[tuple[str, str]], skip: tuple[str, ...] = ()) -> None:
        self.fixed = dict(fixed)
        self.ignored = frozenset(self.fixed) | frozenset(skip)
        self.types: dict[str, str | None] = {}

    def see(self, props: dict[str, object]) -> None:
        types = self.types
        ignored = self.ignored
        for name, value in props.items():
            if name in ignored:
                continue
            kind = _fast_type(value)
            if kind is None:
                continue
            if name not in types:
                types[name] = kind if _HEADER_NAME.fullmatch(name) else None
            elif types[name] != kind:
                types[name] = None

    def columns(self) -> list[tuple[str, str]]:
        dynamic = sorted((n, t) for n, t in self.types.items() if t is not None)
        return [*self.fixed.items(), *dynamic]


_NODE_FIXED = (("name", "string"), ("name_key", "string"), *((n, "string[]") for n in NODE_LISTS))
_REL_FIXED = (
    ("sources", "string[]"),
    ("quotes", "string[]"),
    ("inferred_reason", "string"),
    ("inferred", "string[]"),
)


@_no_full_gc
def write_import_files(
    inputs: list[Input],
    resolver: Resolver,
    total_rows: int,
    folder: Path,
    lock_record: dict[str, object] | None = None,
) -> ImportFiles:
    """Write the importer's files for a validated input (``validate_paths``' inputs and
    resolver) into ``folder``: spill the rows, fold each bucket, write typed CSV."""
    sink: list[Problem] = []
    buckets = max(1, math.ceil(total_rows / SPILL_ROWS))
    spill = _Spill(folder, "rows", buckets)
    # Every file gets an index in the order it is first met; a spilled record is
    # (index, identity, row): nodes by id, REPORTED_IN by (id, source), others by
    # (start id, end id, key). Rows of one identity land in one bucket, folded there.
    node_index: dict[NodeKey, int] = {}
    rel_index: dict[RelKey, int] = {}
    keys: list[NodeKey | RelKey] = []
    columns: list[_Columns] = []
    seen_nodes = Written(resolver)
    # Pass 1: every row to its bucket; the columns of every file from every row.
    for item in node_rows(inputs, resolver, sink):
        entity = item.entity
        gkey: NodeKey = (entity.label, entity.kind)
        index = node_index.get(gkey)
        if index is None:
            fixed = [*_NODE_FIXED, *([("kind", "string")] if entity.kind is not None else [])]
            index = node_index[gkey] = len(keys)
            keys.append(gkey)
            columns.append(_Columns(fixed, skip=("id",)))
        row = item.row
        # the node's only properties that are not fixed columns are its ``props``
        # (``node_props`` puts them over id, names, lists; ``kind`` is fixed when set)
        props = row.get("props")
        if props:
            columns[index].see(props)  # type: ignore[arg-type]
        seen_nodes.first(entity, _group(entity))
        eid = entity.id
        spill.add(eid, (index, eid, row))
    reported = Rel.REPORTED_IN
    for rel in rel_rows(inputs, resolver, sink):
        if isinstance(rel, ReportedRow):
            rkey: RelKey = (reported, rel.entity.label, Label.SOURCE, None)
            index = rel_index.get(rkey)
            if index is None:
                index = rel_index[rkey] = len(keys)
                keys.append(rkey)
                columns.append(_Columns([("quote", "string"), ("quotes", "string[]")]))
            ident = (rel.entity.id, rel.source)
            spill.add(ident, (index, ident, rel.row))
            continue
        rtype, start, end, key_prop, _has_props = rel.args
        rkey = (rtype, start, end, key_prop)
        index = rel_index.get(rkey)
        if index is None:
            index = rel_index[rkey] = len(keys)
            keys.append(rkey)
            columns.append(_Columns(_REL_FIXED))
        cols = columns[index]
        row = rel.row
        # what ``rel_props`` gives beyond the fixed columns: the key, then ``props`` over it
        props = row.get("props")
        if key_prop and row.get("key") is not None and not (props and key_prop in props):  # type: ignore[operator]
            cols.see({key_prop: row["key"]})
        if props:
            cols.see(props)  # type: ignore[arg-type]
        spill.add(rel.identity, (index, rel.identity, row))
    spill.close()

    files = ImportFiles(folder)
    outs: list[_CsvFile] = []
    for fkey, cols in zip(keys, columns, strict=True):
        if len(fkey) == 2:
            label, kind = fkey
            stem = f"nodes-{label.value}" + (f"-{kind.value}" if kind else "")
            outs.append(_CsvFile(folder / f"{stem}.csv", cols.columns(), node=fkey))
        else:
            rtype, start, end, key_prop = fkey
            stem = f"rels-{rtype.value}-{start.value}-{end.value}" + (f"-{key_prop}" if key_prop else "")
            outs.append(_CsvFile(folder / f"{stem}.csv", cols.columns(), rel=fkey))
    del columns
    fixups: list[tuple[object, ...]] = []
    fixup_file = folder / "fixups.spill"
    fix_handle = fixup_file.open("wb")
    rels_written: Counter[str] = Counter()

    def fixup(record: tuple[object, ...]) -> None:
        fixups.append(record)
        files.fixups += 1
        if len(fixups) >= SPILL_CHUNK:
            pickle.dump(fixups, fix_handle, pickle.HIGHEST_PROTOCOL)
            fixups.clear()

    # Pass 2: fold each bucket (in input order) and write one line per node/relationship.
    for bucket in spill.buckets():
        folded: dict[tuple[int, Any], Row] = {}
        for index, ident, row in bucket:
            old = folded.get((index, ident))
            folded[(index, ident)] = row if old is None else merge_rows(old, row)
        for (index, ident), row in folded.items():
            out = outs[index]
            if out.node is not None:
                label, kind = out.node
                rest = out.line(_quote(str(ident)), node_props(row, kind))
                if rest:
                    fixup(("n", label.value, ident, rest))
                continue
            rtype, start, end, key_prop = out.rel  # type: ignore[misc]
            s_id, e_id = ident[0], ident[1]
            ids = _quote(str(s_id)) + "," + _quote(str(e_id))
            if rtype is reported:
                key = None
                rest = out.line(ids, reported_props(row))
            else:
                key = ident[2]
                rest = out.line(ids, rel_props(row, key_prop))
            if rest:
                fixup(("r", rtype.value, start.value, end.value, key_prop, s_id, e_id, key, rest))
            rels_written[rtype.value] += 1
        del folded
    if fixups:
        pickle.dump(fixups, fix_handle, pickle.HIGHEST_PROTOCOL)
    fix_handle.close()
    files.fixup_file = fixup_file

    for out in outs:
        out.close()
        if not out.rows:
            continue
        header = folder / (out.path.stem + ".header.csv")
        if out.node is not None:
            label, kind = out.node
            id_cols = [f"id:ID({label.value})"]
            labels = (label.value, kind.value) if kind is not None else (label.value,)
            files.nodes.append((labels, header, out.path))
        else:
            rtype, start, end, _key_prop = out.rel  # type: ignore[misc]
            id_cols = [f":START_ID({start.value})", f":END_ID({end.value})"]
            files.relationships.append((rtype.value, header, out.path))
        header.write_text(
            ",".join([*id_cols, *(f"{n}:{t}" for n, t in out.columns)]) + "\n", encoding="utf-8"
        )
        if out.multiline:
            files.multiline.append(out.path)
    if lock_record is not None:
        _write_lock_node(files, lock_record)
    files.nodes_written = dict(seen_nodes.counts)
    files.rels_written = dict(rels_written)
    return files


def _write_lock_node(files: ImportFiles, record: dict[str, object]) -> None:
    """The write lock node of this load, so that it holds the lock in the new store."""
    names = sorted(record)
    header = files.folder / "nodes-WriteLock.header.csv"
    data = files.folder / "nodes-WriteLock.csv"
    types = {n: value_type(record[n]) or "string" for n in names}
    label = SystemLabel.WRITE_LOCK.value
    header.write_text(
        ",".join([f":ID({label})", *(f"{n}:{types[n]}" for n in names)]) + "\n", encoding="utf-8"
    )
    data.write_text(
        ",".join(['"lock"', *(_field(record[n], types[n]) for n in names)]) + "\n", encoding="utf-8"
    )
    files.nodes.append(((label,), header, data))


# --------------------------------------------------------------------------- after the import


def _apply_fixups(graph: Runner, path: Path) -> None:
    """Set the properties a CSV field could not hold, matched by ``id`` (indexed now)."""
    with path.open("rb") as handle:
        while True:
            try:
                chunk: list[tuple[Any, ...]] = pickle.load(handle)  # noqa: S301 - our own file
            except EOFError:
                break
            groups: dict[tuple[object, ...], list[dict[str, object]]] = {}
            for rec in chunk:
                if rec[0] == "n":
                    groups.setdefault(("n", rec[1]), []).append({"id": rec[2], "props": rec[3]})
                else:
                    _r, rtype, start, end, key_prop, s_id, e_id, key, props = rec
                    groups.setdefault(("r", rtype, start, end, key_prop), []).append(
                        {"start": s_id, "end": e_id, "key": key, "props": props}
                    )
            for gkey, rows in groups.items():
                graph.write(_fixup_query(gkey), {"rows": rows})


def _fixup_query(gkey: tuple[object, ...]) -> str:
    """The Cypher of one fix-up group; labels and types from the schema enums only."""
    if gkey[0] == "n":
        label = Label(str(gkey[1]))
        return f"UNWIND $rows AS row MATCH (n:{label.value} {{id: row.id}}) SET n += row.props"
    rtype, start, end = Rel(str(gkey[1])), Label(str(gkey[2])), Label(str(gkey[3]))
    key_prop = gkey[4]
    where = ""
    if isinstance(key_prop, str):
        if not re.fullmatch(r"[a-z_]+", key_prop):
            raise ValueError(f"unexpected key property {key_prop!r}")
        where = f" WHERE r.{key_prop} = row.key"
    return (
        f"UNWIND $rows AS row MATCH (a:{start.value} {{id: row.start}})-[r:{rtype.value}]->"
        f"(b:{end.value} {{id: row.end}}){where} SET r += row.props"
    )


def finish_import(graph: Runner, files: ImportFiles, echo: Echo = _silent) -> None:
    """What follows the import of ``files``, once the database runs: the schema (constraints and indexes, waited for), the fix-ups by ``id``, and the
    quality figures a transactional load stores at its end."""
    started = time.perf_counter()
    apply_schema(graph)
    await_indexes(graph, INDEX_WAIT)
    if files.fixups and files.fixup_file is not None:
        _apply_fixups(graph, files.fixup_file)
    await_fulltext_refresh(graph)
    echo(f"Schema applied and indexes online in {time.perf_counter() - started:.1f} s.")
    store_quality_after_load(graph, echo)


# --------------------------------------------------------------------------- the load


def refuse_non_empty(graph: Runner) -> None:
    """Raise InputError when the database holds anything but the write lock: the
    importer replaces the whole store."""
    rows = graph.read(f"MATCH (n) WHERE NOT n:{SystemLabel.WRITE_LOCK.value} RETURN 1 AS some LIMIT 1")
    if rows:
        raise InputError(
            "load --bulk is for the first load into an empty database, and this one holds data: "
            "load without --bulk (the transactional load adds to a graph)"
        )


@_no_full_gc
def bulk_load_paths(
    graph: Runner,
    server: ServerSettings,
    paths: Sequence[str | Path],
    database: str = "neo4j",
    lock: WriteLock | None = None,
    money_unit: MoneyUnit | None = None,
    echo: Echo = _silent,
    work_dir: Path | None = None,
) -> BulkReport:
    """Load ``paths`` into the EMPTY database ``database`` of the managed local server
    ``server`` (which ``graph`` is connected to) through Neo4j's importer.

    Validation is ``validate_paths``' (an ``InputError`` listing every problem, nothing
    written); a database that holds data is refused (``InputError``). Holds the write
    lock (``lock`` when the caller holds it, else its own, failing fast). The server is
    stopped for the import and started again; the schema is applied after.

    ``graph`` is best a ``Graph``: its causal-consistency bookmarks are dropped after the
    restart (they name transactions of the old store). A caller's own session keeps its
    bookmarks and would wait for them: open a new one for the bulk load."""
    with holding(graph, lock, "iegraph.loaders.bulk_load_paths") as held:
        started = time.perf_counter()
        refuse_non_empty(graph)
        inputs, resolver, counts = validate_paths(graph, paths, money_unit)
        validated = time.perf_counter()
        folder = Path(tempfile.mkdtemp(prefix="iegraph-bulk-", dir=work_dir))
        try:
            total = counts["nodes"] + counts["reported"] + counts["rels"]
            echo(f"Writing the import files into {folder} ...")
            files = write_import_files(inputs, resolver, total, folder, held.record(IMPORT_LEASE))
            # The resolution state is done with: freed before the import and the whole-graph
            # figures, so its peak and theirs do not add up (1M: 1.6 GB).
            del resolver
            gc.collect()
            written = time.perf_counter()
            refuse_non_empty(graph)  # once more, right before the store is replaced
            echo("Stopping the local Neo4j for the import ...")
            held.pause()
            failed: ServerError | None = None
            with manager.stopped(server, echo):
                try:
                    manager.run_admin(server, files.args(database), folder / "import.log")
                except ServerError as exc:
                    failed = exc
                    kept = server.logs_dir / "import.log"
                    shutil.copy2(folder / "import.log", kept)
                    failed = ServerError(str(exc).replace(str(folder / "import.log"), str(kept)))
            if isinstance(graph, Graph):
                graph.forget_bookmarks()  # the new store's transactions start again at 1
            if failed is not None:
                raise failed
            held.resume()
            imported = time.perf_counter()
            echo("Imported; applying the schema ...")
            finish_import(graph, files, echo)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            for inp in inputs:
                inp.close()
        done = time.perf_counter()
    report = BulkReport(files=[str(i.path) for i in inputs])
    report.nodes_written = files.nodes_written
    report.nodes_created = dict(files.nodes_written)
    report.rels_written = files.rels_written
    report.rels_created = dict(files.rels_written)
    report.validate_seconds = validated - started
    report.files_seconds = written - validated
    report.import_seconds = imported - written
    report.finish_seconds = done - imported
    report.seconds = done - started
    report.fixups = files.fixups
    return report
