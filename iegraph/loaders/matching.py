"""Entity matching for a load: which node does each declaration and reference stand for?

Rules (the same for YAML and tables, across every file of one load and against the
graph already loaded):

- A declaration with an ``id`` is that node. Two different ids are never merged
  automatically, even with equal names (``iegraph resolve`` lists such pairs).
- A declaration without an ``id`` joins the entity whose name has the same key
  (``iegraph.names.name_key``: width, brackets, spaces, traditional characters, pinyin noise
  ignored); else the one entity that lists its name as an alias (``长春企联``);
  else the one existing graph node whose ``name_key``/``alias_keys`` match; else
  it is new, with a deterministic id (kind prefix + hash of the key) so re-runs
  land on the same node. Several candidates are an error, never a guess.
- A reference is a sheet ``key``, an ``id``, a name or an alias, looked up in that
  order, first among this load's entities, then in the graph (batched, index-backed).

Organisation kinds share one namespace (the ``Organization`` label).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass

from iegraph.db import Runner
from iegraph.loaders.convert import derived_id
from iegraph.loaders.records import FailedNode, NodeDecl, Origin, Problem, Ref

# memoised in text (names recur across passes and rows); re-exported for the pipeline
from iegraph.names import name_key as name_key
from iegraph.schema.model import UNIQUE_NAME_LABELS, Label

LOOKUP_BATCH = 5000


_NO_KEYS: frozenset[str] = frozenset()


@dataclass(eq=False, slots=True, init=False)
class LoadEntity:
    """One node-to-be (or existing node) of this load.

    A load keeps one per node until it has written, so it is kept small: its origin
    as three fields (an ``Origin`` object each was 56 bytes more), no alias set of
    its own while it has no alias."""

    label: Label
    name: str
    key: str
    kind: Label | None
    id: str | None
    explicit: bool
    existing: bool
    #: a shared empty frozenset until the first alias: most entities have none, and an
    #: empty set per entity was 216 bytes (a third of the resolver at 1M entities)
    alias_keys: Set[str]
    merged_into: LoadEntity | None
    #: set by the write passes (``passes.Written``) once a row of it was written
    written: bool
    _file: str
    _line: int | None
    _field: str | None

    def __init__(
        self,
        label: Label,
        name: str,
        key: str,
        origin: Origin,
        kind: Label | None = None,
        id: str | None = None,
        explicit: bool = False,
    ) -> None:
        self.label, self.name, self.key, self.kind, self.id = label, name, key, kind, id
        self.explicit, self.existing = explicit, False
        self.alias_keys, self.merged_into, self.written = _NO_KEYS, None, False
        self._file, self._line, self._field = origin.file, origin.line, origin.field

    @property
    def origin(self) -> Origin:
        """Where the entity was first declared."""
        return Origin(self._file, self._line, self._field)

    def add_alias_keys(self, keys: Iterable[str]) -> None:
        """Add ``keys`` to ``alias_keys`` (its own set from the first one on)."""
        own = self.alias_keys if isinstance(self.alias_keys, set) else set(self.alias_keys)
        own.update(keys)
        self.alias_keys = own

    def root(self) -> LoadEntity:
        entity = self
        while entity.merged_into is not None:
            entity = entity.merged_into
        return entity

    def describe(self) -> str:
        return f"{self.name} ({self.id or 'new'})"


#: an index bucket: the one entity of a key (nearly every name), or a list of several
_Bucket = LoadEntity | list[LoadEntity]


#: label -> key -> bucket: one dict per label, so that no (label, key) tuple is kept
#: per entity (56 bytes each, in two indexes)
_Index = dict[Label, dict[str, _Bucket]]


def _bucket(index: Mapping[Label, Mapping[str, _Bucket]], label: Label, key: str) -> Sequence[LoadEntity]:
    """The entities ``index`` holds under ``label`` and ``key`` (none, one or several)."""
    keys = index.get(label)
    found = keys.get(key) if keys is not None else None
    if found is None:
        return ()
    return (found,) if isinstance(found, LoadEntity) else found


def _put(index: _Index, label: Label, key: str, entity: LoadEntity) -> None:
    """Add ``entity`` under ``label`` and ``key``: alone while it is the only one (a list
    per name was about 90 bytes more per entity), in a list from the second on."""
    keys = index.get(label)
    if keys is None:
        keys = index[label] = {}
    found = keys.get(key)
    if found is None:
        keys[key] = entity
    elif isinstance(found, LoadEntity):
        keys[key] = [found, entity]
    else:
        found.append(entity)


def _kind_name(label: Label, kind: Label | None) -> str:
    return (kind or label).value


class Resolver:
    """Collects declarations, assigns ids, resolves references; problems go to ``problems``."""

    def __init__(self, graph: Runner | None, problems: list[Problem]) -> None:
        self.graph = graph
        self.problems = problems
        #: label -> id -> entity
        self.by_id: dict[Label, dict[str, LoadEntity]] = defaultdict(dict)
        self.by_name: _Index = {}
        self.by_alias: _Index = {}
        self.keys: dict[tuple[str, str], LoadEntity] = {}
        self._scoped_names: dict[tuple[str, Label, str], Origin] = {}
        #: (file, label, id) -> first origin, for ids declared in more than one file
        #: (within the file of an entity's first declaration, its ``origin`` says it)
        self._file_ids: dict[tuple[str, Label, str], Origin] = {}
        self._cache: dict[tuple[str | None, tuple[Label, ...], str], LoadEntity | None] = {}
        self._alias_cache: dict[Label, dict[str, list[tuple[str, str, str | None]]]] = {}
        #: (label, id or name key) -> the failed row declaring it; built when first needed
        self._failed: dict[tuple[Label, str], FailedNode] | None = None

    # ------------------------------------------------------------------ declarations

    def _problem(self, origin: Origin, reason: str) -> None:
        self.problems.append(Problem(origin, reason))

    def register(self, decl: NodeDecl) -> None:
        """Attach ``decl`` to its entity (creating one if needed)."""
        label = decl.label
        key = name_key(decl.name)
        if key == decl.name:
            key = decl.name  # one string for both (most Chinese names are their own key)
        origin = decl.origin
        if decl.key:
            if decl.scope is None:
                self._problem(origin.at("key"), "keys are only for fact sheets")
            elif (decl.scope, decl.key) in self.keys:
                self._problem(origin.at("key"), f"duplicate key {decl.key!r} in this sheet")
        entity: LoadEntity | None = None
        if decl.id:
            ids = self.by_id[label]
            entity = ids.get(decl.id)
            if entity is not None and decl.label is not Label.SOURCE:
                first: Origin | None = entity.origin
                if entity.origin.file != origin.file:
                    file_id = (origin.file, label, decl.id)
                    first = self._file_ids.get(file_id)
                    if first is None:
                        self._file_ids[file_id] = origin
                if first is not None:
                    self._problem(
                        origin.at("id"), f"duplicate id {decl.id!r} (first at line/row {first.line})"
                    )
            if entity is None:
                entity = LoadEntity(label, decl.name, key, origin, decl.kind, decl.id, True)  # explicit
                ids[decl.id] = entity
                _put(self.by_name, label, key, entity)
        else:
            if decl.scope is not None:
                scoped = (decl.scope, label, key)
                if scoped in self._scoped_names:
                    first = self._scoped_names[scoped]
                    self._problem(
                        origin.at("name"),
                        f"{decl.name!r} is declared twice in this sheet (first at line {first.line})",
                    )
                self._scoped_names.setdefault(scoped, origin)
            candidates = _bucket(self.by_name, label, key)
            roots = list({id(e.root()): e.root() for e in candidates}.values())
            if len(roots) > 1:
                self._problem(
                    origin.at("name"),
                    f"{decl.name!r} matches several entities: {', '.join(e.describe() for e in roots)}; give an id",
                )
            if roots:
                entity = roots[0]
            else:
                entity = LoadEntity(label, decl.name, key, origin, decl.kind)
                _put(self.by_name, label, key, entity)
        if entity.kind != decl.kind:
            self._problem(
                origin.at("kind"),
                f"{decl.name!r} is a {_kind_name(label, decl.kind)} here but a "
                f"{_kind_name(label, entity.kind)} at {entity.origin.file}:{entity.origin.line}",
            )
        for alias in decl.aliases:
            akey = name_key(alias)
            if akey != entity.key and akey not in entity.alias_keys:
                entity.add_alias_keys((akey,))
                _put(self.by_alias, label, akey, entity)
        if decl.key and decl.scope is not None:
            self.keys.setdefault((decl.scope, decl.key), entity)
        decl.entity = entity

    def finalize(self) -> None:
        """After every declaration: join names to the entities that alias them, look the
        remaining new entities up in the graph, and give every entity its id."""
        entities = self._entities()
        for entity in entities:
            if entity.explicit:
                continue
            others = {id(e.root()): e.root() for e in _bucket(self.by_alias, entity.label, entity.key)}
            others.pop(id(entity), None)
            if len(others) == 1:
                target = next(iter(others.values()))
                if target.kind != entity.kind:
                    self._problem(
                        entity.origin.at("kind"),
                        f"{entity.name!r} is an alias of {target.describe()}, a {_kind_name(target.label, target.kind)}",
                    )
                entity.merged_into = target
                target.add_alias_keys((entity.key, *entity.alias_keys))
            elif len(others) > 1:
                self._problem(
                    entity.origin.at("name"),
                    f"{entity.name!r} is an alias of several entities: "
                    + ", ".join(e.describe() for e in others.values()),
                )
        roots = [e for e in entities if e.merged_into is None]  # merging adds no entity
        del entities
        if self.graph is not None:
            new = [e for e in roots if not e.explicit]
            if new:
                self._lookup_existing(new)
            explicit_orgs = [e for e in roots if e.explicit and e.label is Label.ORGANIZATION]
            if explicit_orgs:
                self._check_kinds(explicit_orgs)
            del new, explicit_orgs
        self._check_unique_names([e for e in roots if e.label in UNIQUE_NAME_LABELS])
        for entity in roots:
            if entity.id is None:
                entity.id = derived_id(entity.kind or entity.label, entity.key)

    def _check_unique_names(self, entities: list[LoadEntity]) -> None:
        """Regions and industries are known by their name (a constraint keeps ``name_key``
        unique): two ids of one name, in this load or against the graph, are a problem
        here rather than a refused batch later."""
        first: dict[tuple[Label, str], LoadEntity] = {}
        for entity in entities:
            other = first.setdefault((entity.label, entity.key), entity)
            if other is not entity:
                self._problem(
                    entity.origin.at("name"),
                    f"{entity.label.value} {entity.name!r} ({entity.id or 'new'}) has the name of "
                    f"{other.describe()} at {other.origin.file}:{other.origin.line}; "
                    f"{entity.label.value.lower()} names are unique: use one id, or name them apart",
                )
        explicit = [e for e in entities if e.explicit]
        if self.graph is None or not explicit:
            return
        for label in UNIQUE_NAME_LABELS:
            group = [e for e in explicit if e.label is label]
            for start in range(0, len(group), LOOKUP_BATCH):
                chunk = group[start : start + LOOKUP_BATCH]
                rows = self.graph.read(
                    f"UNWIND $rows AS row MATCH (n:{label.value} {{name_key: row.key}}) WHERE n.id <> row.id "
                    "RETURN row.i AS i, n.id AS id, n.name AS name",
                    {"rows": [{"i": i, "key": e.key, "id": e.id} for i, e in enumerate(chunk)]},
                )
                for rec in rows:
                    entity = chunk[int(rec["i"])]
                    self._problem(
                        entity.origin.at("id"),
                        f"{label.value} {entity.name!r} ({entity.id}) has the name of {rec['name']} "
                        f"({rec['id']}) in the graph; {label.value.lower()} names are unique: "
                        f"use id {rec['id']}, or name them apart",
                    )

    def _entities(self) -> list[LoadEntity]:
        """Every entity of this load, once each: ``register`` puts each in ``by_name``
        once, when it makes it (no dict of them by ``id()``: 100 MB at 1M entities)."""
        out: list[LoadEntity] = []
        for keys in self.by_name.values():
            for bucket in keys.values():
                if isinstance(bucket, LoadEntity):
                    out.append(bucket)
                else:
                    out.extend(bucket)
        return out

    def _lookup_existing(self, entities: list[LoadEntity]) -> None:
        """Match new entities against existing nodes by name/alias keys (batched)."""
        assert self.graph is not None
        by_label: dict[Label, list[LoadEntity]] = defaultdict(list)
        for entity in entities:
            by_label[entity.label].append(entity)
        for label, group in by_label.items():
            for start in range(0, len(group), LOOKUP_BATCH):
                chunk = group[start : start + LOOKUP_BATCH]
                rows = [{"i": i, "key": e.key, "aliases": sorted(e.alias_keys)} for i, e in enumerate(chunk)]
                found = self._match_names(label, rows)
                for i, entity in enumerate(chunk):
                    hits = found.get(i, {})
                    if len(hits) > 1:
                        self._problem(
                            entity.origin.at("name"),
                            f"{entity.name!r} matches several nodes in the graph: "
                            + ", ".join(f"{name} ({nid})" for nid, (name, _k) in sorted(hits.items()))
                            + "; give an id, or iegraph merge them",
                        )
                    elif hits:
                        ((nid, (_name, kind)),) = hits.items()
                        entity.id = nid
                        entity.existing = True
                        if entity.kind is not None and kind != entity.kind.value:
                            self._problem(
                                entity.origin.at("kind"),
                                f"{entity.name!r} is a {entity.kind.value} here but a {kind} in the graph ({nid})",
                            )

    def _check_kinds(self, entities: list[LoadEntity]) -> None:
        """An organisation keeps its kind: a given id that exists with another kind is an
        error (the loader never relabels silently; fix the input or merge the nodes)."""
        assert self.graph is not None
        existing = self.graph.read(f"MATCH (n:{Label.ORGANIZATION.value}) RETURN count(n) AS n")
        if not existing or not existing[0]["n"]:
            return  # an empty graph (first load): nothing to conflict with
        for start in range(0, len(entities), LOOKUP_BATCH * 2):
            chunk = entities[start : start + LOOKUP_BATCH * 2]
            rows = self.graph.read(
                f"UNWIND $ids AS id MATCH (n:{Label.ORGANIZATION.value} {{id: id}}) RETURN n.id AS id, n.kind AS kind",
                {"ids": [e.id for e in chunk]},
            )
            kinds = {str(r["id"]): r["kind"] for r in rows}
            for entity in chunk:
                kind = kinds.get(str(entity.id))
                if kind is not None and entity.kind is not None and kind != entity.kind.value:
                    self._problem(
                        entity.origin.at("kind"),
                        f"{entity.id!r} is a {kind} in the graph, not a {entity.kind.value}",
                    )

    def _match_names(
        self, label: Label, rows: list[dict[str, object]]
    ) -> dict[int, dict[str, tuple[str, str]]]:
        assert self.graph is not None
        lbl = label.value
        query = (
            f"UNWIND $rows AS row MATCH (n:{lbl}) WHERE n.name_key = row.key "
            "RETURN row.i AS i, n.id AS id, n.name AS name, n.kind AS kind "
            f"UNION UNWIND $rows AS row UNWIND row.aliases AS a MATCH (n:{lbl}) WHERE n.name_key = a "
            "RETURN row.i AS i, n.id AS id, n.name AS name, n.kind AS kind"
        )
        found: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
        for rec in self.graph.read(query, {"rows": rows}):
            found[int(rec["i"])][str(rec["id"])] = (str(rec["name"]), str(rec["kind"]))
        aliases = self._graph_aliases(label)
        for row in rows:
            for nid, name, kind in aliases.get(str(row["key"]), ()):
                found[int(str(row["i"]))][nid] = (name, str(kind))
        return found

    def _graph_aliases(self, label: Label) -> dict[str, list[tuple[str, str, str | None]]]:
        """alias key -> nodes of ``label`` listing it, read once per label and load.

        ``k IN n.alias_keys`` cannot use an index (Neo4j indexes a list property as a
        whole value), so one scan per load replaces one scan per looked-up name."""
        if label not in self._alias_cache:
            assert self.graph is not None
            index: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
            rows = self.graph.read(
                f"MATCH (n:{label.value}) WHERE size(coalesce(n.alias_keys, [])) > 0 "
                "RETURN n.id AS id, n.name AS name, n.kind AS kind, n.alias_keys AS keys"
            )
            for rec in rows:
                for key in rec["keys"]:
                    index[str(key)].append((str(rec["id"]), str(rec["name"]), rec["kind"]))
            self._alias_cache[label] = index
        return self._alias_cache[label]

    # ------------------------------------------------------------------ references

    def _local(self, ref: Ref) -> tuple[list[LoadEntity], bool]:
        """Candidates for a ref among this load's entities; (candidates, decided)."""
        if ref.scope is not None:
            entity = self.keys.get((ref.scope, ref.text))
            if entity is not None:
                root = entity.root()
                if root.label not in ref.labels:
                    return [], True
                return [root], True
        for label in ref.labels:
            entity = self.by_id[label].get(ref.text)
            if entity is not None:
                return [entity.root()], True
        key = name_key(ref.text)
        for index in (self.by_name, self.by_alias):
            roots: dict[int, LoadEntity] = {}
            for label in ref.labels:
                for entity in _bucket(index, label, key):
                    root = entity.root()
                    roots[id(root)] = root
            if roots:
                return list(roots.values()), True
        return [], False

    def check_refs(self, refs: Iterable[Ref]) -> None:
        """Resolve refs, reporting dangling and ambiguous ones; unresolved refs are
        looked up in the graph in batches. Fills the cache ``resolve`` reads."""
        pending: dict[tuple[tuple[Label, ...], str], list[Ref]] = defaultdict(list)
        for ref in refs:
            ck = (ref.scope, ref.labels, ref.text)
            if ck in self._cache:
                if self._cache[ck] is None:
                    self._report(ref, [])
                continue
            candidates, decided = self._local(ref)
            if decided:
                self._cache[ck] = candidates[0] if len(candidates) == 1 else None
                if len(candidates) != 1:
                    self._report(ref, candidates)
            else:
                pending[(ref.labels, ref.text)].append(ref)
        if pending:
            self._resolve_in_graph(pending)

    def _report(self, ref: Ref, candidates: list[LoadEntity]) -> None:
        wanted = " or ".join(lbl.value for lbl in ref.labels) if len(ref.labels) < 4 else "entity"
        if ref.scope is not None and (ref.scope, ref.text) in self.keys and not candidates:
            entity = self.keys[(ref.scope, ref.text)].root()
            self._problem(ref.origin, f"{ref.text!r} is a {entity.label.value}, expected {wanted}")
        elif candidates:
            names = ", ".join(sorted(e.describe() for e in candidates))
            self._problem(ref.origin, f"{ref.text!r} is ambiguous: {names}; use a key or id")
        elif (failed := self._failed_row(ref)) is not None:
            # declared, but its row failed: one cause, said once where it is, not "unknown"
            where = f"{failed.origin.file}:{failed.origin.line}"
            self.problems.append(
                Problem(
                    ref.origin,
                    f"refers to {failed.what} {ref.text!r}, whose row failed above ({where}); "
                    "fixing that row fixes this one",
                    follows=True,
                )
            )
        else:
            self._problem(ref.origin, f"unknown {wanted} {ref.text!r} (not in this load nor in the graph)")

    def _failed_row(self, ref: Ref) -> FailedNode | None:
        """The failed row that declares what ``ref`` names (by id, name or alias), if any."""
        if self._failed is None:
            self._failed = {}
            for problem in self.problems:
                node = problem.failed
                if node is not None:
                    for text in (node.id, *(name_key(n) for n in node.names)):
                        if text:
                            self._failed.setdefault((node.label, text), node)
        for label in ref.labels:
            node = self._failed.get((label, ref.text)) or self._failed.get((label, name_key(ref.text)))
            if node is not None:
                return node
        return None

    def _resolve_in_graph(self, pending: dict[tuple[tuple[Label, ...], str], list[Ref]]) -> None:
        items = list(pending.items())
        hits: dict[int, list[LoadEntity]] = defaultdict(list)
        if self.graph is not None:
            by_label: dict[Label, list[tuple[int, str, str]]] = defaultdict(list)
            for i, ((labels, text), _refs) in enumerate(items):
                for label in labels:
                    by_label[label].append((i, text, name_key(text)))
            for label, rows in by_label.items():
                lbl = label.value
                query = (
                    f"UNWIND $rows AS row MATCH (n:{lbl} {{id: row.text}}) "
                    "RETURN row.i AS i, n.id AS id, n.name AS name, n.kind AS kind, 0 AS rank "
                    f"UNION UNWIND $rows AS row MATCH (n:{lbl}) WHERE n.name_key = row.key "
                    "RETURN row.i AS i, n.id AS id, n.name AS name, n.kind AS kind, 1 AS rank"
                )
                aliases = self._graph_aliases(label)
                for i, _text, key in rows:
                    for nid, name, kind in aliases.get(key, ()):
                        ent = LoadEntity(label, name, "", Origin("graph"), Label(kind) if kind else None, nid)
                        ent.existing = True
                        ent.explicit = True  # matched by name, not id
                        hits[i].append(ent)
                for start in range(0, len(rows), LOOKUP_BATCH):
                    chunk = [{"i": i, "text": t, "key": k} for i, t, k in rows[start : start + LOOKUP_BATCH]]
                    for rec in self.graph.read(query, {"rows": chunk}):
                        kind = Label(rec["kind"]) if rec["kind"] else None
                        ent = LoadEntity(label, str(rec["name"]), "", Origin("graph"), kind, str(rec["id"]))
                        ent.existing = True
                        ent.explicit = bool(rec["rank"])  # reused: rank > 0 means matched by name
                        hits[int(rec["i"])].append(ent)
        for i, ((labels, text), refs) in enumerate(items):
            found = hits.get(i, [])
            by_id = [e for e in found if not e.explicit]
            chosen = by_id or found
            unique = {(e.label, e.id): e for e in chosen}
            result = next(iter(unique.values())) if len(unique) == 1 else None
            for ref in refs:
                self._cache[(ref.scope, labels, text)] = result
                if result is None:
                    self._report(ref, list(unique.values()))

    def entity_of(self, decl: NodeDecl) -> LoadEntity:
        """The (root) entity of a declaration, also for a re-read table row."""
        entity: LoadEntity | None = decl.entity
        if entity is None:
            if decl.id:
                entity = decl.entity = self.by_id[decl.label][decl.id]
            else:
                entity = decl.entity = _bucket(self.by_name, decl.label, name_key(decl.name))[0]
        return entity if entity.merged_into is None else entity.root()

    def by_given_id(self, ref: Ref) -> LoadEntity | None:
        """The entity of this load whose id ``ref`` gives (a table's reference: no sheet
        scope), else None. Such a ref needs no checking and no cache entry: an id, once
        declared, stands for its entity (its root after ``finalize``) whatever comes."""
        if ref.scope is not None:
            return None
        for label in ref.labels:
            ids = self.by_id.get(label)
            entity = ids.get(ref.text) if ids is not None else None
            if entity is not None:
                return entity
        return None

    def resolve(self, ref: Ref) -> LoadEntity | None:
        """The entity a checked ref stands for (None if it was reported)."""
        entity = self.by_given_id(ref)
        if entity is not None:  # the first rule of ``_local``, without a cache entry
            return entity.root()
        ck = (ref.scope, ref.labels, ref.text)
        try:  # one look-up: every relationship of the write pass asks (refs are checked)
            return self._cache[ck]
        except KeyError:
            self.check_refs([ref])
            return self._cache.get(ck)
