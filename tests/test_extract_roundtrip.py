"""Round trip against the real Neo4j: extract the five seeds, load the drafts unreviewed,
and find the curated dataset's organisations and projects in the graph."""

from __future__ import annotations

from pathlib import Path

import yaml

from iegraph.db import Graph
from iegraph.extract import extract_file
from iegraph.extract.draft import write_draft
from iegraph.loaders import load_paths
from iegraph.names import name_key

SEEDS = Path(__file__).resolve().parent.parent / "iegraph" / "data" / "seeds"


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
    print("round-trip overlap (found, curated):", overlap)
    found, total = overlap["organizations"]
    assert total >= 60 and found / total >= 0.95, overlap
    found, total = overlap["projects"]
    assert total >= 15 and found / total >= 0.85, overlap
    # Loading the same drafts again changes nothing (ids are deterministic).
    before = graph.read("MATCH (n) RETURN count(n) AS c")[0]["c"]
    load_paths(graph, [tmp_path])
    assert graph.read("MATCH (n) RETURN count(n) AS c")[0]["c"] == before


def test_match_graph_reuses_ids_of_curated_organisations(graph: Graph, tmp_path: Path) -> None:
    from iegraph.extract.draft import to_sheet
    from iegraph.extract.match import match_sheet

    load_paths(graph, [SEEDS / "004.yaml"])
    sheet = to_sheet(extract_file(SEEDS / "texts" / "004_1bfc3baa3dfa997f.txt"))
    matched = match_sheet(graph, sheet)
    by_name = {o["name"]: o for o in sheet["organizations"]}
    curated = {
        r["name"]: r["id"] for r in graph.read("MATCH (o:Organization) RETURN o.name AS name, o.id AS id")
    }
    assert matched >= 30
    assert by_name["大连职业技术学院"]["id"] == curated["大连职业技术学院"]
    # 金普新区 is the curated name; the draft's fuller form became an alias.
    jinpu = next(o for o in sheet["organizations"] if o.get("id") == curated["金普新区"])
    assert jinpu["name"] == "金普新区" and "大连金普新区" in jinpu["aliases"]
    # Loading the matched draft adds no second 大连职业技术学院.
    write_draft_path = tmp_path / "004.yaml"
    write_draft_path.write_text(yaml.safe_dump(sheet, allow_unicode=True), encoding="utf-8")
    load_paths(graph, [write_draft_path])
    rows = graph.read("MATCH (o:Organization) WHERE o.name = '大连职业技术学院' RETURN count(o) AS c")
    assert rows[0]["c"] == 1


def test_json_with_match_graph_names_the_graph_ids(graph: Graph, cli_env: dict[str, str]) -> None:
    # Regression: `extract FILE --json --match-graph` ignored --match-graph silently.
    import json

    from tests.helpers import run_cli

    load_paths(graph, [SEEDS / "004.yaml"])
    result = run_cli("extract", str(SEEDS / "texts" / "004_1bfc3baa3dfa997f.txt"), "--json", "--match-graph")
    assert result.exit_code == 0, result.stderr
    orgs = {o["name"]: o for o in json.loads(result.stdout)["organizations"]}
    curated = {
        r["name"]: r["id"] for r in graph.read("MATCH (o:Organization) RETURN o.name AS name, o.id AS id")
    }
    assert orgs["大连职业技术学院"]["graph_id"] == curated["大连职业技术学院"]
    assert orgs["大连金普新区"]["graph_name"] == "金普新区"
    assert "matched in the graph" in result.stderr
