"""``iegraph query`` / ``iegraph stats`` from the command line, and hostile inputs."""

from __future__ import annotations

import csv
import io
import json

import pytest

from iegraph.db import Graph
from iegraph.errors import NotFoundError
from iegraph.queries import REGISTRY
from tests import querygraph as qg
from tests.helpers import run_cli

HOSTILE = [
    "x'}) DETACH DELETE n //",
    '大连理工大学"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "`Organization`",
    "<script>alert(1)</script>",
    "'; CALL dbms.killQueries([]) //",
    "\\u0027 OR 1=1",
]


@pytest.fixture
def dalian(graph: Graph) -> Graph:
    qg.build_dalian(graph)
    return graph


def _counts(graph: Graph) -> tuple[int, int, int]:
    rows = graph.read(
        "MATCH (n) WITH count(n) AS n, sum(size(keys(n))) AS p "
        "OPTIONAL MATCH ()-[r]->() RETURN n, p, count(r) AS r"
    )
    return rows[0]["n"], rows[0]["p"], rows[0]["r"]


def test_query_list_names_every_question(cli_env: dict[str, str]) -> None:
    result = run_cli("query", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["question"] for r in rows} == set(REGISTRY)
    assert len(REGISTRY) >= 12
    path = next(r for r in rows if r["question"] == "path")
    assert "--from TEXT" in path["parameters"] and "[--max-hops N]" in path["parameters"]


def test_partners_cli_formats(cli_env: dict[str, str], dalian: Graph) -> None:
    result = run_cli("query", "partners", "--org", "大連理工大學", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["partner_id"] for r in rows} == {"e1", "e2", "g1", "u2", "r1"}  # working partners
    assert {r["basis"] for r in rows} == {"working"}
    assert "sources" not in rows[0]  # only with --with-sources
    wide = run_cli("query", "partners", "--org", "大工", "--with-co-presence", "--format", "json")
    assert wide.exit_code == 0, wide.stderr
    assert {r["partner_id"]: r["basis"] for r in json.loads(wide.stdout)}["e3"] == "co-presence"
    result = run_cli(
        "query", "partners", "--org", "大工", "--format", "csv", "--limit", "2", "--with-sources"
    )
    assert result.exit_code == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 2
    assert table[0]["partner"] == qg.E1 and "大连理工大学与三友电器签约" in table[0]["source_titles"]
    result = run_cli("query", "partners", "--org", "大工")
    assert result.exit_code == 0 and qg.E1 in result.stdout


def test_path_cli_shows_step_sources(cli_env: dict[str, str], dalian: Graph) -> None:
    result = run_cli("query", "path", "--from", "长春汽车职业技术大学", "--to", "大工", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["sources"] == ["s3"] and rows[0]["via_id"] == "ev1"


def test_stats_alias(cli_env: dict[str, str], dalian: Graph) -> None:
    top = run_cli("stats", "--format", "json")
    sub = run_cli("query", "stats", "--format", "json")
    assert top.exit_code == sub.exit_code == 0, top.stderr + sub.stderr
    assert json.loads(top.stdout) == json.loads(sub.stdout)
    rows = json.loads(top.stdout)
    assert {"section": "kind", "item": "College", "count": 4, "detail": None, "example_ids": []} in rows


def test_limit_zero_does_not_claim_there_are_no_rows(cli_env: dict[str, str], dalian: Graph) -> None:
    # Regression: `--limit 0` printed "partners: no rows" for an organisation with partners.
    result = run_cli("query", "partners", "--org", "大工", "--limit", "0", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no rows" not in result.stderr and "--limit" in result.stderr
    # Choices are enum values in any case (`--kind enterprise`).
    kind = run_cli("query", "recommend", "--org", "大工", "--kind", "enterprise", "--format", "json")
    assert kind.exit_code == 0, kind.stderr
    assert {r["kind"] for r in json.loads(kind.stdout)} <= {"Enterprise"}


def test_unknown_org_is_one_line_with_suggestion(cli_env: dict[str, str], dalian: Graph) -> None:
    result = run_cli("query", "partners", "--org", "大连理工大写")
    assert result.exit_code == NotFoundError.exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert '"大连理工大写"' in lines[0] and "大连理工大学" in lines[0]
    assert result.stdout == ""


def test_ambiguous_org_lists_candidates(cli_env: dict[str, str], dalian: Graph) -> None:
    result = run_cli("query", "depth", "--org", "大连")
    assert result.exit_code == 3
    assert "大连理工大学" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_names_on_the_cli(cli_env: dict[str, str], dalian: Graph, text: str) -> None:
    before = _counts(dalian)
    for args in (
        ("partners", "--org", text),
        ("path", "--from", text, "--to", "大工"),
        ("consortium", "--name", text),
        ("evidence", "--name", text),
        ("projects", "--region", text),
    ):
        result = run_cli("query", *args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "not" in result.stderr or "no " in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert _counts(dalian) == before


#: Text parameters that filter on words rather than name an entity: hostile text finds nothing.
WORD_FILTERS = {("projects", "category")}


def test_hostile_names_in_every_question(dalian: Graph) -> None:
    """Every text parameter of every question treats hostile text as a plain name
    (or, for a word filter, as plain words that match nothing)."""
    before = _counts(dalian)
    required = {
        "path": {"from_org": "大工", "to_org": "e1"},
    }
    for spec in REGISTRY.values():
        for param in spec.params:
            if param.type is not str or param.choices:
                continue
            for text in HOSTILE:
                params = {p.name: "u1" for p in spec.params if p.required}
                params.update(required.get(spec.name, {}))
                params[param.name] = text
                if (spec.name, param.name) in WORD_FILTERS:
                    assert spec.run(dalian, **params) == [], (spec.name, text)
                    continue
                with pytest.raises(NotFoundError):
                    spec.run(dalian, **params)
    assert _counts(dalian) == before


def test_every_question_runs_from_the_registry(dalian: Graph) -> None:
    """Each question answers with its declared columns (id columns for the views)."""
    args = {
        "partners": {"org": "u1"},
        "depth": {"org": "u1"},
        "recommend": {"org": "e1"},
        "path": {"from_org": "u3", "to_org": "u1"},
        "consortium": {"name": "c1"},
        "evidence": {"name": "u1"},
    }
    for name, spec in REGISTRY.items():
        rows = spec.run(dalian, with_sources=True, **args.get(name, {}))
        assert rows, name
        for column in spec.columns:
            assert column in rows[0], (name, column)
        assert any(c == "id" or c.endswith(("_id", "_ids")) for c in spec.columns), name


def test_path_without_chain_says_what_to_try(cli_env: dict[str, str], dalian: Graph) -> None:
    result = run_cli("query", "path", "--from", qg.E4, "--to", qg.U1, "--max-hops", "2")
    assert result.exit_code == 0, result.stderr
    assert "(no rows)" in result.stdout
    assert "no chain within --max-hops" in result.stderr and "try a larger --max-hops" in result.stderr
