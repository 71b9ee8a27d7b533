"""Round trip against the real Neo4j: extract the five seeds, load the drafts unreviewed,
and find the curated dataset's organisations and projects in the graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from iegraph.db import Graph
from iegraph.extract import extract_file
from iegraph.extract.draft import write_draft
from iegraph.loaders import load_paths
from iegraph.loaders.text import name_key

SEEDS = Path(__file__).resolve().parent.parent / "iegraph" / "data" / "seeds"

pytestmark = pytest.mark.neo4j


def roundtrip_overlap(graph: Graph, drafts: Path) -> dict[str, tuple[int, int]]:
    """Load the drafts; count curated organisations/projects found in the graph by name or alias."""
    load_paths(graph, [drafts])
    rows = graph.read("MATCH (o:Organization) RETURN o.name_key AS k, o.alias_keys AS a")
    org_keys = {r["k"] for r in rows} | {a for r in rows for a in (r["a"] or [])}
    project_keys = {r["k"] for r in graph.read("MATCH (p:Project) RETURN p.name_key AS k")}
    project_keys |= {name_key(r["n"]) for r in graph.read("MATCH (p:Project) RETURN p.name AS n")}
    gold_orgs = gold_projects = found_orgs = found_projects = 0
    for path in sorted(SEEDS.glob("*.yaml")):
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
        for org in sheet.get("organizations") or []:
            if org.get("unnamed"):
                continue
            gold_orgs += 1
            keys = {name_key(n) for n in [org["name"], *(org.get("aliases") or [])]}
            found_orgs += bool(keys & org_keys)
        for proj in sheet.get("projects") or []:
            gold_projects += 1
            keys = {name_key(n) for n in [proj["name"], *(proj.get("aliases") or [])]}
            keys |= {k.removesuffix("项目") for k in keys}
            found_projects += bool(keys & project_keys)
    return {"organizations": (found_orgs, gold_orgs), "projects": (found_projects, gold_projects)}


def test_seed_drafts_load_and_cover_the_curated_dataset(graph: Graph, tmp_path: Path) -> None:
    for text in sorted((SEEDS / "texts").glob("*.txt")):
        write_draft(extract_file(text), tmp_path)
    overlap = roundtrip_overlap(graph, tmp_path)
    found, total = overlap["organizations"]
    assert total >= 60 and found / total >= 0.95, overlap
    found, total = overlap["projects"]
    assert total >= 15 and found / total >= 0.85, overlap
    # Loading the same drafts again changes nothing (ids are deterministic).
    before = graph.read("MATCH (n) RETURN count(n) AS c")[0]["c"]
    load_paths(graph, [tmp_path])
    assert graph.read("MATCH (n) RETURN count(n) AS c")[0]["c"] == before
