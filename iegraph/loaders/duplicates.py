"""Find likely duplicate nodes (``iegraph resolve``) and merge two nodes (``iegraph merge``).

The loader never merges on a guess; these two commands let an analyst do it:

- ``find_duplicates`` scores candidate pairs without comparing every pair: pairs are
  generated from shared keys (name key, alias keys, uscc, moe_code), from name
  containment within one region, and from shared *rare* character bigrams of the
  names with legal suffixes removed (an inverted index), then scored.
- ``merge_nodes`` moves every relationship of OTHER to KEEP in one transaction (a
  relationship KEEP already has gets OTHER's sources, quotes and inferred fields
  united in), adds OTHER's name and aliases to KEEP's aliases, fills KEEP's missing
  properties from OTHER, and deletes OTHER.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Any

from iegraph.db import Row, Runner
from iegraph.errors import InputError, NotFoundError
from iegraph.loaders.lock import WriteLock, holding
from iegraph.loaders.records import REL_KEY_PROP
from iegraph.loaders.writer import aligned_quotes, grown
from iegraph.names import name_key
from iegraph.schema.apply import await_fulltext_refresh
from iegraph.schema.model import KEYED_LABELS, Label, Rel, label_of

_SUFFIX_RE = re.compile(r"(股份有限公司|有限责任公司|集团有限公司|有限公司|集团|公司)$")
#: bigrams shared by more names than this are too common to suggest a duplicate
MAX_BIGRAM_DF = 40
#: region groups larger than this are not checked pairwise for containment
MAX_REGION_GROUP = 3000


def _core(key: str) -> str:
    """A name key without its legal-form suffix (有限公司 ...)."""
    return _SUFFIX_RE.sub("", key) or key


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def find_duplicates(
    graph: Runner, label: str = "Organization", min_score: float = 0.6, limit: int = 100
) -> list[Row]:
    """Likely duplicate pairs of ``label`` nodes, best first: score, reason, and which
    to keep (the one with more relationships)."""
    try:
        lbl = label_of(label)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    if lbl not in KEYED_LABELS or lbl is Label.SOURCE:
        raise InputError(
            f"resolve works on {', '.join(x.value for x in KEYED_LABELS if x is not Label.SOURCE)}"
        )
    nodes = graph.read(
        f"MATCH (n:{lbl.value}) "
        f"OPTIONAL MATCH (n)-[:{Rel.LOCATED_IN.value}]->(r:{Label.REGION.value}) "
        "RETURN n.id AS id, n.name AS name, coalesce(n.name_key, '') AS key, coalesce(n.alias_keys, []) AS aliases, "
        "n.uscc AS uscc, n.moe_code AS moe, n.kind AS kind, collect(r.id) AS regions, COUNT { (n)--() } AS degree"
    )
    for node in nodes:
        node["key"] = node["key"] or name_key(node["name"] or "")
        node["core"] = _core(node["key"])
        node["grams"] = _bigrams(node["core"])
    pairs: dict[tuple[int, int], tuple[float, list[str]]] = {}

    def note(i: int, j: int, score: float, reason: str) -> None:
        if i == j:
            return
        a, b = (i, j) if i < j else (j, i)
        best, reasons = pairs.get((a, b), (0.0, []))
        if reason not in reasons:
            reasons.append(reason)
        pairs[(a, b)] = (max(best, score), reasons)

    by_key: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        by_key[node["key"]].append(i)
    for group in by_key.values():
        for i, j in combinations(group, 2):
            note(i, j, 1.0, "same name key")
    for i, node in enumerate(nodes):
        for alias in node["aliases"]:
            for j in by_key.get(alias, ()):
                note(i, j, 0.95, "one's name is the other's alias")
    for prop, reason in (("uscc", "same uscc"), ("moe", "same moe_code")):
        by_value: dict[str, list[int]] = defaultdict(list)
        for i, node in enumerate(nodes):
            if node[prop]:
                by_value[node[prop]].append(i)
        for group in by_value.values():
            for i, j in combinations(group, 2):
                note(i, j, 0.98, reason)
    by_region: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for region in node["regions"]:
            by_region[region].append(i)
    for group in by_region.values():
        if len(group) > MAX_REGION_GROUP:
            continue
        for i, j in combinations(group, 2):
            a, b = nodes[i]["core"], nodes[j]["core"]
            if len(a) >= 2 and len(b) >= 2 and (a in b or b in a):
                note(i, j, 0.8, "one name contains the other, same region")
    index: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for gram in node["grams"]:
            index[gram].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        if len(members) > MAX_BIGRAM_DF:
            continue
        for i, j in combinations(members, 2):
            shared[(i, j)] += 1
    for (i, j), count in shared.items():
        if count < 2:
            continue
        sim = _jaccard(nodes[i]["grams"], nodes[j]["grams"])
        if sim >= min_score:
            note(i, j, round(sim * 0.9, 3), f"similar names (bigram Jaccard {sim:.2f})")
    rows: list[Row] = []
    for (i, j), (score, reasons) in pairs.items():
        if score < min_score:
            continue
        keep, other = (
            (nodes[i], nodes[j]) if nodes[i]["degree"] >= nodes[j]["degree"] else (nodes[j], nodes[i])
        )
        if keep["kind"] != other["kind"]:
            reasons = [*reasons, f"kinds differ: {keep['kind']} / {other['kind']}"]
        rows.append(
            {
                "score": score,
                "reason": "; ".join(reasons),
                "keep_id": keep["id"],
                "keep": keep["name"],
                "other_id": other["id"],
                "other": other["name"],
            }
        )
    rows.sort(key=lambda r: (-float(r["score"]), str(r["keep_id"]), str(r["other_id"])))
    return rows[:limit]


def _union(a: str, b: str) -> str:
    # never an empty list written, nor an existing one dropped (absent means empty)
    return grown(a, b)


def _move_block(rel: Rel, outgoing: bool, n: int) -> str:
    """A subquery moving OTHER's ``rel`` relationships (one direction) to KEEP."""
    key_prop = REL_KEY_PROP.get(rel)
    key = f" {{{key_prop}: r.{key_prop}}}" if key_prop else ""
    pattern_old = f"(o)-[r:{rel.value}]->(x)" if outgoing else f"(x)-[r:{rel.value}]->(o)"
    pattern_new = f"(k)-[nr:{rel.value}{key}]->(x)" if outgoing else f"(x)-[nr:{rel.value}{key}]->(k)"
    where = "WHERE x <> k AND x <> o" + (f" AND r.{key_prop} IS NOT NULL" if key_prop else "")
    if rel is Rel.REPORTED_IN:
        before = ""
        after = f", nr.quote = coalesce(nr.quote, r.quote), nr.quotes = {_union('nr.quotes', 'r.quotes')}"
    else:
        # a relationship's quotes stay aligned with its sources (set first: they read
        # the old sources); it stays inferred only if both relationships were
        aligned = aligned_quotes("nr.sources", "nr.quotes", "r.sources", "r.quotes")
        before = (
            f"nr.quotes = CASE WHEN nr.quotes IS NULL AND r.quotes IS NULL THEN null ELSE {aligned} END, "
        )
        after = (
            ", nr.inferred_reason = CASE WHEN r.inferred_reason IS NULL THEN null ELSE nr.inferred_reason END"
        )
    return (
        f"CALL (k, o) {{ MATCH {pattern_old} {where} "
        f"MERGE {pattern_new} "
        "ON CREATE SET nr = properties(r) "
        f"ON MATCH SET {before}nr.sources = {_union('nr.sources', 'r.sources')}, "
        f"nr.inferred = {_union('nr.inferred', 'r.inferred')}{after} "
        f"DELETE r RETURN count(*) AS moved{n} }} "
    )


def merge_query(label: Label) -> str:
    """One query (one transaction) merging node $other into node $keep."""
    blocks = []
    n = 0
    for rel in Rel:
        for outgoing in (True, False):
            blocks.append(_move_block(rel, outgoing, n))
            n += 1
    moved = " + ".join(f"moved{i}" for i in range(n))
    # $fill: o's properties k lacks (k's own values win); then names and lists are united
    return (
        f"MATCH (k:{label.value} {{id: $keep}}), (o:{label.value} {{id: $other}}) "
        + "".join(blocks)
        + f"WITH k, o, {moved} AS moved "
        "SET k += $fill "
        "WITH k, o, moved, [o.name] + coalesce(o.aliases, []) AS names, "
        "[coalesce(o.name_key, '')] + coalesce(o.alias_keys, []) AS keys "
        "WITH k, o, moved, [i IN range(0, size(keys) - 1) WHERE keys[i] <> k.name_key AND keys[i] <> '' "
        "AND NOT keys[i] IN coalesce(k.alias_keys, [])] AS add, names, keys "
        "SET k.aliases = CASE WHEN size(add) > 0 THEN coalesce(k.aliases, []) + [i IN add | names[i]] "
        "ELSE k.aliases END, "
        "k.alias_keys = CASE WHEN size(add) > 0 THEN coalesce(k.alias_keys, []) + [i IN add | keys[i]] "
        "ELSE k.alias_keys END, "
        f"k.inferred = {_union('k.inferred', 'o.inferred')} "
        "WITH k, o, moved DETACH DELETE o "
        "RETURN k.id AS keep, k.name AS name, k.aliases AS aliases, moved"
    )


def merge_nodes(graph: Runner, keep: str, other: str, lock: WriteLock | None = None) -> dict[str, Any]:
    """Merge node ``other`` into node ``keep`` (ids); returns what was done.

    Runs under the graph's write lock (``lock`` if the caller holds it, else its own,
    failing fast with LockedError), so no load writes between its read and its write."""
    if keep == other:
        raise InputError("KEEP and OTHER are the same node")
    with holding(graph, lock, "iegraph.loaders.merge_nodes"):
        return _merge_locked(graph, keep, other)


def _merge_locked(graph: Runner, keep: str, other: str) -> dict[str, Any]:
    # One index seek per keyed label: a label-less MATCH on id would scan every node.
    seeks = " UNION ".join(
        f"MATCH (n:{lbl.value}) WHERE n.id IN [$keep, $other] RETURN n" for lbl in KEYED_LABELS
    )
    rows = graph.read(
        f"CALL () {{ {seeks} }} RETURN n.id AS id, labels(n) AS labels, properties(n) AS props",
        {"keep": keep, "other": other},
    )
    found = {str(r["id"]): set(r["labels"]) for r in rows}
    props = {str(r["id"]): dict(r["props"]) for r in rows}
    for node_id in (keep, other):
        if node_id not in found:
            raise NotFoundError(f"no node with id {node_id!r}")
    shared = [lbl for lbl in KEYED_LABELS if lbl.value in found[keep] and lbl.value in found[other]]
    if not shared:
        raise InputError(f"{keep!r} and {other!r} have no label in common; only like nodes merge")
    fill = {
        k: v
        for k, v in props.get(other, {}).items()
        if k not in props.get(keep, {})
        and k not in ("id", "name", "name_key", "aliases", "alias_keys", "inferred")
        and v != []  # an older graph's empty list: absent means empty
    }
    result = graph.write(merge_query(shared[0]), {"keep": keep, "other": other, "fill": fill})
    await_fulltext_refresh(graph)
    row = result[0]
    return {
        "keep": row["keep"],
        "merged": other,
        "name": row["name"],
        "aliases": "; ".join(row["aliases"] or []),
        "relationships_moved": row["moved"],
    }
