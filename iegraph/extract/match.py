"""Reuse the ids of organisations already in the graph (``iegraph extract --match-graph``).

One batched look-up per draft: every name and alias of every drafted organisation
is turned into its ``name_key`` and matched against ``Organization.name_key`` and
``Organization.alias_keys`` (both indexed). An organisation that matches exactly
one node gets that node's ``id``, so loading the draft enriches the existing node
instead of creating a twin; several matches are left to the reviewer (noted).
"""

from __future__ import annotations

from typing import Any

from iegraph.db import Runner
from iegraph.names import name_key
from iegraph.schema.model import Label

_LOOKUP = (
    f"UNWIND $rows AS row UNWIND row.keys AS k "
    f"MATCH (o:{Label.ORGANIZATION.value}) WHERE o.name_key = k "
    f"RETURN row.i AS i, o.id AS id, o.name AS name, o.kind AS kind "
    f"UNION "
    f"UNWIND $rows AS row UNWIND row.keys AS k "
    f"MATCH (o:{Label.ORGANIZATION.value}) WHERE k IN o.alias_keys "
    f"RETURN row.i AS i, o.id AS id, o.name AS name, o.kind AS kind"
)


def lookup(runner: Runner, names: list[list[str]]) -> tuple[dict[int, dict[str, str]], dict[str, str]]:
    """For each list of written forms (name and aliases of one organisation), the graph
    organisations whose name or alias key equals one of them: ``{index: {id: name}}``,
    and ``{id: kind}``. One batched query."""
    rows = [{"i": i, "keys": sorted({name_key(n) for n in forms})} for i, forms in enumerate(names)]
    hits: dict[int, dict[str, str]] = {}
    kinds: dict[str, str] = {}
    if not rows:
        return hits, kinds
    for r in runner.read(_LOOKUP, {"rows": rows}):
        hits.setdefault(r["i"], {})[r["id"]] = r["name"]
        if r["kind"]:
            kinds[r["id"]] = r["kind"]
    return hits, kinds


def match_json(runner: Runner, data: dict[str, Any]) -> int:
    """Add ``graph_id`` (and ``graph_name``) to the ``--json`` organisations that match one
    graph node, ``graph_matches`` (ids) to those matching several; return how many matched one."""
    orgs = data.get("organizations") or []
    hits, _ = lookup(runner, [[o["name"], *(o.get("mentions") or [])] for o in orgs])
    for i, found in hits.items():
        if len(found) == 1:
            ((node_id, node_name),) = found.items()
            orgs[i]["graph_id"], orgs[i]["graph_name"] = node_id, node_name
        else:
            orgs[i]["graph_matches"] = sorted(found)
    return sum(1 for found in hits.values() if len(found) == 1)


def match_sheet(runner: Runner, sheet: dict[str, Any]) -> int:
    """Set ``id`` on the sheet's organisations that match one graph node; return how many."""
    orgs = sheet.get("organizations") or []
    hits, kinds = lookup(runner, [[o["name"], *(o.get("aliases") or [])] for o in orgs])
    matched = 0
    for i, found in hits.items():
        org = orgs[i]
        if len(found) == 1:
            ((node_id, node_name),) = found.items()
            org["id"] = node_id
            # The graph's (reviewed) kind wins over the naming-pattern guess.
            if kinds.get(node_id) and kinds[node_id] != org["kind"]:
                org["kind"] = kinds[node_id]
                if org["kind"] != "College":
                    org.pop("level", None)
            if node_name != org["name"]:
                org.setdefault("aliases", [])
                if org["name"] not in org["aliases"]:
                    org["aliases"].append(org["name"])
                org["name"] = node_name
            matched += 1
        else:
            org["note"] = "several graph organisations match: " + ", ".join(
                f"{n} ({k})" for k, n in found.items()
            )
    return matched
