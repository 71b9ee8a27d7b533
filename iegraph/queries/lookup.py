"""Name resolution: turn what an analyst types into one entity of the graph.

Accepted: the id, the canonical name, an alias, or any spelling that normalises to
the same key (traditional characters, full-width brackets, spaces, pinyin noise —
see ``iegraph.names.name_key``). Steps, cheapest first:

1. exact: ``id`` or ``name_key`` equals the text/key (index seeks), else one of
   ``alias_keys`` does (candidates from the full-text index on names and aliases —
   a list property is not range-indexable — or a scan for the small labels);
2. contains: the key is part of exactly one name or alias (full-text candidates);
3. loose: the key equals a name or alias once bracketed parts and 市 are dropped from
   both (``大连金普新区市域产教联合体``, ``长春汽车产业集群产教联合体``);
4. otherwise ``NotFoundError`` quoting the text and suggesting the closest names
   (difflib ratio over a bounded candidate set sharing a character bigram), or
   ``AmbiguousNameError`` listing the candidates.

The text only ever travels as a query parameter, so quotes, backticks or Cypher
fragments are just names that are not found.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from iegraph.db import Runner
from iegraph.errors import AmbiguousNameError, InputError, NotFoundError
from iegraph.names import name_key
from iegraph.queries._base import Entity
from iegraph.schema.model import INDEXES, NAMED_LABELS, Label

#: How many candidates a contains-match or a suggestion looks at, at most.
CANDIDATE_LIMIT = 200
#: How many names an error message lists.
SHOWN = 6

_WHAT = {
    Label.ORGANIZATION: "organisation",
    Label.CONSORTIUM: "consortium",
    Label.REGION: "region",
    Label.INDUSTRY: "industry",
    Label.PROJECT: "project",
    Label.PROGRAM: "programme",
    Label.AGREEMENT: "agreement",
    Label.EVENT: "event",
    Label.POLICY: "policy",
    Label.PERSON: "person",
}


def _one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _entity(row: dict[str, object], label: Label) -> Entity:
    # ``label`` is the model label the entity was found under (Organization for every
    # organisation); ``kind`` its organisation kind, else that label.
    return Entity(
        id=str(row["id"]),
        name=str(row["name"] or row["id"]),
        kind=str(row.get("kind") or label.value),
        label=label.value,
    )


_RETURN = "RETURN DISTINCT n.id AS id, n.name AS name, n.kind AS kind"


#: The full-text index over names and aliases (schema/model.py INDEXES) and its labels.
_FULLTEXT = next(ix for ix in INDEXES if ix.fulltext)
FULLTEXT_INDEX = _FULLTEXT.name
FULLTEXT_LABELS = frozenset((_FULLTEXT.label, *_FULLTEXT.extra_labels))

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


def lucene_phrase(text: str) -> str:
    """``text`` as one Lucene phrase, every special character escaped.

    The standard analyzer indexes Chinese one character per token, so the phrase of
    a name key matches names and aliases containing those characters in a row.
    """
    return '"' + "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in text) + '"'


def _searchable(text: str) -> bool:
    # A phrase with no letter, digit or CJK character yields no tokens; Lucene rejects it.
    return any(ch.isalnum() for ch in text)


def _candidates(
    runner: Runner, label: Label, phrases: list[str], where: str, params: dict[str, object]
) -> list[Entity]:
    """Nodes of ``label`` matching ``where``: drawn from the full-text index (any of
    ``phrases``) when the label has one, else from a bounded label scan."""
    if label in FULLTEXT_LABELS:
        phrases = [p for p in phrases if _searchable(p)]
        if not phrases:
            return []
        query = " OR ".join(lucene_phrase(p) for p in phrases)
        rows = runner.read(
            "CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS n "
            f"WITH n LIMIT $limit WHERE n:{label.value} AND ({where}) " + _RETURN,
            {"index": FULLTEXT_INDEX, "query": query, "limit": CANDIDATE_LIMIT, **params},
        )
    else:
        rows = runner.read(
            f"MATCH (n:{label.value}) WHERE {where} WITH n LIMIT $limit " + _RETURN,
            {"limit": CANDIDATE_LIMIT, **params},
        )
    return [_entity(r, label) for r in rows]


def _exact(runner: Runner, text: str, key: str, labels: Sequence[Label]) -> list[Entity]:
    for label in labels:
        lbl = label.value
        # Two index seeks (id, name_key); a canonical-name hit beats alias hits.
        rows = runner.read(
            f"CALL () {{ MATCH (n:{lbl} {{id: $text}}) RETURN n "
            f"UNION MATCH (n:{lbl}) WHERE n.name_key = $key RETURN n }} " + _RETURN + " LIMIT $limit",
            {"text": text, "key": key, "limit": CANDIDATE_LIMIT},
        )
        if rows:
            return [_entity(r, label) for r in rows]
        found = _candidates(runner, label, [key], "$key IN coalesce(n.alias_keys, [])", {"key": key})
        if found:
            return found
    return []


def _contains(runner: Runner, key: str, labels: Sequence[Label]) -> list[Entity]:
    found: list[Entity] = []
    for label in labels:
        found.extend(
            _candidates(
                runner,
                label,
                [key],
                "n.name_key CONTAINS $key OR any(a IN coalesce(n.alias_keys, []) WHERE a CONTAINS $key)",
                {"key": key},
            )
        )
    return found


def _bigrams(key: str) -> list[str]:
    if len(key) < 2:
        return [key]
    grams = [key[i : i + 2] for i in range(len(key) - 1)]
    # A handful of spread-out bigrams keeps the candidate query small.
    step = max(1, len(grams) // 6)
    return list(dict.fromkeys(grams[::step]))


_POOL_RETURN = (
    "RETURN n.id AS id, n.name AS name, n.kind AS kind, n.name_key AS key, "
    "coalesce(n.aliases, []) AS aliases, coalesce(n.alias_keys, []) AS alias_keys"
)


def _pool(runner: Runner, key: str, labels: Sequence[Label]) -> list[tuple[Entity, dict[str, str]]]:
    """Entities sharing a character bigram with ``key`` (at most CANDIDATE_LIMIT per
    label), each with its keys: name key and alias keys -> the name to show."""
    grams = _bigrams(key)
    out: list[tuple[Entity, dict[str, str]]] = []
    for label in labels:
        if label in FULLTEXT_LABELS:
            searchable = [g for g in grams if _searchable(g)]
            if not searchable:
                continue
            rows = runner.read(
                "CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS n "
                f"WITH n LIMIT $limit WHERE n:{label.value} " + _POOL_RETURN,
                {
                    "index": FULLTEXT_INDEX,
                    "query": " OR ".join(lucene_phrase(g) for g in searchable),
                    "limit": CANDIDATE_LIMIT,
                },
            )
        else:
            rows = runner.read(
                f"MATCH (n:{label.value}) "
                "WHERE any(g IN $grams WHERE n.name_key CONTAINS g "
                "OR any(a IN coalesce(n.alias_keys, []) WHERE a CONTAINS g)) "
                + _POOL_RETURN
                + " LIMIT $limit",
                {"grams": grams, "limit": CANDIDATE_LIMIT},
            )
        for r in rows:
            keys: dict[str, str] = {}
            if r["key"]:
                keys[r["key"]] = r["name"]
            for alias, akey in zip(r["aliases"], r["alias_keys"], strict=False):
                keys.setdefault(akey, f"{alias} ({r['name']})")
            out.append((_entity(r, label), keys))
    return out


_BRACKETED_RE = re.compile(r"\([^()]*\)")


def loose_key(key: str) -> str:
    """A name key without bracketed parts and without 市, for the last-resort match:
    ``大连金普新区市域产教联合体`` ~ ``大连金普新区（大连经济技术开发区）市域产教联合体``,
    ``长春汽车产业集群产教联合体`` ~ ``长春市汽车产业集群产教联合体``."""
    return _BRACKETED_RE.sub("", key).replace("市", "")


def _loose(pool: list[tuple[Entity, dict[str, str]]], key: str) -> list[Entity]:
    """Entities of the pool one of whose keys equals ``key`` up to brackets and 市."""
    want = loose_key(key)
    if not want:
        return []
    return [e for e, keys in pool if any(loose_key(k) == want for k in keys)]


def _closest(pool: list[tuple[Entity, dict[str, str]]], key: str, n: int = 3) -> list[str]:
    """The names of the ``n`` entities closest to ``key`` (each entity once, by its
    closest name or alias)."""
    shown: dict[str, str] = {}
    owner: dict[str, str] = {}
    for entity, keys in pool:
        for k, name in keys.items():
            shown.setdefault(k, name)
            owner.setdefault(k, entity.id)
    out: list[str] = []
    seen: set[str] = set()
    if not shown:
        return []
    for k in difflib.get_close_matches(key, list(shown), n=len(shown), cutoff=0.4):
        if owner[k] not in seen:
            seen.add(owner[k])
            out.append(shown[k])
            if len(out) == n:
                break
    return out


def lookup(runner: Runner, text: str, label: Label | Sequence[Label] = Label.ORGANIZATION) -> Entity:
    """Resolve ``text`` (id, name, alias, any spelling) to exactly one entity of ``label``.

    Raises InputError for an empty name, NotFoundError (with suggestions) for an
    unknown one, AmbiguousNameError (with the candidates) for an ambiguous one.
    """
    labels = [label] if isinstance(label, Label) else list(label)
    what = _WHAT.get(labels[0], "entity") if len(labels) == 1 else "entity"
    if text is None or not str(text).strip():
        raise InputError(f"an empty {what} name was given")
    text = str(text).strip()
    key = name_key(text)
    found = _exact(runner, text, key, labels) if key else []
    if not found and key:
        found = _contains(runner, key, labels)
    pool = None
    if not found and key:
        # Last resort: the name without its bracketed part or 市 (the forms people type).
        pool = _pool(runner, key, labels)
        found = _loose(pool, key)
    unique = {e.id: e for e in found}
    if len(unique) == 1:
        return next(iter(unique.values()))
    shown = f'"{_one_line(text)}"'
    if not unique:
        near = _closest(pool, key) if pool is not None else []
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        raise NotFoundError(f"no {what} named {shown}{hint}")
    names = sorted(unique.values(), key=lambda e: (len(e.name), e.name))
    listed = ", ".join(f"{e.name} [{e.id}]" for e in names[:SHOWN])
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    raise AmbiguousNameError(
        f"{what} name {shown} matches {len(names)}: {listed}{more}; use a full name or id"
    )


def resolve_org(runner: Runner, text: str) -> Entity:
    """Resolve an organisation by id, canonical name, alias or traditional spelling."""
    return lookup(runner, text, Label.ORGANIZATION)


def resolve_consortium(runner: Runner, text: str) -> Entity:
    """Resolve a consortium (市域产教联合体, 共同体, 职教集团 ...)."""
    return lookup(runner, text, Label.CONSORTIUM)


def resolve_region(runner: Runner, text: str) -> Entity:
    """Resolve a region (province, city, district, zone)."""
    return lookup(runner, text, Label.REGION)


def resolve_industry(runner: Runner, text: str) -> Entity:
    """Resolve an industry or industrial chain."""
    return lookup(runner, text, Label.INDUSTRY)


def resolve_any(runner: Runner, text: str) -> Entity:
    """Resolve a name among every named label (organisations first)."""
    return lookup(runner, text, NAMED_LABELS)


#: How many entities a search returns at most.
SEARCH_LIMIT = 50


def _search_query(fulltext: bool) -> str:
    """The one statement of ``search``: index seeks for exact ids and names of every named
    label, full-text candidates for the labels the index covers (when the key has a token
    to search for), a bounded scan of the others; then the key filter. Built from the
    schema enums only."""
    exact = [f"MATCH (n:{lbl.value} {{id: $text}}) RETURN n" for lbl in NAMED_LABELS]
    exact += [f"MATCH (n:{lbl.value}) WHERE n.name = $text RETURN n" for lbl in NAMED_LABELS]
    exact.append(f"MATCH (n:{Label.ORGANIZATION.value}) WHERE n.name_key = $key RETURN n")
    others = "|".join(lbl.value for lbl in NAMED_LABELS if lbl not in FULLTEXT_LABELS)
    branches = [
        *exact,
        *(
            ["CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS n WITH n LIMIT $limit RETURN n"]
            if fulltext
            else []
        ),
        f"MATCH (n:{others}) WHERE n.name_key CONTAINS $key "
        "OR any(a IN coalesce(n.alias_keys, []) WHERE a CONTAINS $key) WITH n LIMIT $limit RETURN n",
    ]
    return (
        "CALL () { " + " UNION ".join(branches) + " } "
        "WITH n WHERE n.id = $text OR n.name_key CONTAINS $key "
        "OR any(a IN coalesce(n.alias_keys, []) WHERE a CONTAINS $key) "
        "RETURN n.id AS id, n.name AS name, n.kind AS kind, labels(n) AS labels, "
        "(n.id = $text OR n.name_key = $key OR $key IN coalesce(n.alias_keys, [])) AS exact"
    )


def search(runner: Runner, text: str, limit: int = SEARCH_LIMIT) -> list[Entity]:
    """Every named entity (of any kind in NAMED_LABELS) that ``text`` names: by id, name,
    alias, short form or any spelling with the same key (traditional characters ...).

    For the workbench's search box, where several answers are welcome (``lookup``
    insists on one). Exact matches of the id, name or an alias come first, then names
    and aliases containing the key (shorter names first), then, when nothing else
    matched, the loose form (brackets and 市 dropped). Each entity appears once. One
    round trip (a second one only for the loose form).
    """
    text = str(text or "").strip()
    key = name_key(text)
    if not key:
        return []
    # a key without letters or digits gives the full-text index no token to search for
    fulltext = _searchable(key)
    rows = runner.read(
        _search_query(fulltext),
        {
            "text": text,
            "key": key,
            "index": FULLTEXT_INDEX,
            "query": lucene_phrase(key),
            "limit": CANDIDATE_LIMIT,
        },
    )
    named = {lbl.value: lbl for lbl in NAMED_LABELS}
    found: dict[str, tuple[bool, Entity]] = {}
    for r in rows:
        label = next((named[x] for x in r["labels"] if x in named), None)
        if label is None or r["id"] in found:
            continue
        found[str(r["id"])] = (bool(r["exact"]), _entity(r, label))
    ordered = sorted(found.values(), key=lambda x: (not x[0], len(x[1].name), x[1].name))
    entities = [e for _exact, e in ordered]
    if not entities:
        entities = list({e.id: e for e in _loose(_pool(runner, key, NAMED_LABELS), key)}.values())
    return entities[: max(limit, 0)]
