"""How tests/docs_output.py reads doc blocks, compares outputs and rewrites them (no database)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests import docs_output
from tests.docs_output import Environment, matches, parse_blocks, parse_command, regenerate, run_command

DOC = """\
# Title

<!-- output: seed graph -->
```text
$ iegraph stats | tail -2      # the quality rows
a
b
$ iegraph query list

```

```
iegraph query list        (no $ line: not a quoted-output block)
```

<!-- output not checked: the server's first start -->
```
$ iegraph server start
started
```

```
$ iegraph cypher "RETURN 1"
```
"""


def test_blocks_markers_and_outputs(tmp_path: Path) -> None:
    blocks = parse_blocks(tmp_path / "x.md", DOC)
    assert [(b.line, b.mode, b.reason) for b in blocks] == [
        (4, "seed graph", ""),
        (17, "not checked", "the server's first start"),
        (22, "", ""),
    ]
    first = blocks[0]
    assert [c.line for c in first.commands] == [
        "iegraph stats | tail -2      # the quality rows",
        "iegraph query list",
    ]
    assert first.commands[0].expected == ("a", "b")
    assert first.commands[1].expected == ()  # the empty line before the fence is dropped


def test_rewrite_replaces_one_blocks_outputs(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(DOC, encoding="utf-8")
    docs_output.rewrite(path, 0, [("x",), ("y", "", "z")])
    text = path.read_text(encoding="utf-8")
    assert "$ iegraph stats | tail -2      # the quality rows\nx\n$ iegraph query list\ny\n\nz\n```" in text
    assert text.endswith('$ iegraph cypher "RETURN 1"\n```\n')
    assert parse_blocks(path)[1].commands[0].expected == ("started",)


def test_command_lines_parse_like_a_shell() -> None:
    p = parse_command('NEO4J_URI=neo4j://h:1 NEO4J_PASSWORD=x iegraph cypher "RETURN 1"   # why')
    assert p.env == {"NEO4J_URI": "neo4j://h:1", "NEO4J_PASSWORD": "x"}
    assert p.argv == ["iegraph", "cypher", "RETURN 1"]
    p = parse_command('iegraph cypher "MATCH (o {name: \\$n}) RETURN o" -p n=大连 | tail -n 3 | head -1')
    assert p.argv == ["iegraph", "cypher", "MATCH (o {name: $n}) RETURN o", "-p", "n=大连"]
    assert p.filters == [("tail", 3), ("head", 1)]
    assert parse_command('iegraph query partners --org "x\'}) DETACH DELETE n //"').argv[-1] == (
        "x'}) DETACH DELETE n //"
    )
    with pytest.raises(ValueError, match="unsupported pipe"):
        parse_command("iegraph stats | grep x")


def test_elisions_and_run_to_run_values() -> None:
    actual = ["Loaded 5 file(s) in 0.6 s (914 rows/s).", "status: running (pid 42)", "c", "d"]
    assert matches(["Loaded 5 file(s) in 7.6 s (71 rows/s).", "status: running (pid 6362)", "c", "d"], actual)
    assert matches(["...", "d"], actual)
    assert matches(["Loaded 5 file(s) in 1 s (1 rows/s).", "…", "c", "...", "d"], actual)  # empty elisions
    assert not matches(["Loaded 6 file(s) in 0.6 s (914 rows/s).", "..."], actual)  # a count is no time
    assert not matches(["...", "c"], actual)  # the end is anchored
    assert not matches(["c", "..."], actual)  # so is the start
    assert matches([], [])
    assert not matches([], ["x"])


def test_regenerate_keeps_the_doc_while_it_matches_else_takes_the_run() -> None:
    doc = ("in 7.6 s", "a")
    assert regenerate(doc, ["in 0.1 s", "a"]) == doc  # the doc keeps its own figure
    assert regenerate(doc, ["in 0.1 s", "b"]) == ("in 0.1 s", "b")


def test_regenerate_keeps_the_doc_elisions() -> None:
    doc = ["$ setup", "...", "== Partners", "p1", "p2", "...", "== Gaps", "g1", "..."]
    run = ["$ setup", "make noise", "== Partners", "p1", "p1b", "p2", "p3", "p4", "== Gaps", "g1", "g2"]
    new = regenerate(doc, run)
    assert new == ("$ setup", "...", "== Partners", "p1", "p1b", "p2", "...", "== Gaps", "g1", "...")
    assert matches(new, run)
    # A changed first line of a run goes with its run.
    run2 = ["$ setup", "== Partners (33 rows)", "p1", "p2", "x", "== Gaps", "g0", "g1"]
    new2 = regenerate(doc, run2)
    assert new2 == (
        "$ setup",
        "...",
        "== Partners (33 rows)",
        "p1",
        "p2",
        "...",
        "== Gaps",
        "g0",
        "g1",
        "...",
    )
    assert matches(new2, run2)
    # A blank line is no anchor across an elision: the changed run stays as short as it was.
    doc3 = ["a", "loaded 137", "", "...", "== P", "p"]
    run3 = ["a", "loaded 136", "", "== Stats", "s", "", "== P", "p"]
    assert regenerate(doc3, run3) == ("a", "loaded 136", "", "...", "== P", "p")
    # A run whose every line changed (a table grew a column) is found by similarity.
    doc4 = ["h", "...", "coverage total 97", "coverage college 17", "...", "t"]
    run4 = ["h2", "member a", "coverage total 97 x", "coverage college 17 x", "project p", "t"]
    assert regenerate(doc4, run4) == ("h2", "...", "coverage total 97 x", "coverage college 17 x", "...", "t")
    # A run the new output no longer has disappears; its elisions merge.
    assert regenerate(["a", "...", "gone", "...", "z"], ["a", "b", "z2"]) == ("a", "...", "z2")


def test_environment_values_are_shown_as_a_users_defaults(tmp_path: Path) -> None:
    env = Environment((("127.0.0.1:7687", "127.0.0.1:40001"), ("~/.iegraph", str(tmp_path))))
    calls: list[tuple[list[str], dict[str, str]]] = []

    def invoke(args: list[str], extra: dict[str, str]) -> tuple[str, str, str]:
        calls.append((args, extra))
        out = f"bolt neo4j://127.0.0.1:40001\ndata {tmp_path}/data\n"
        return "progress\n" + out, out, "progress\n"

    out = run_command("NEO4J_URI=neo4j://127.0.0.1:7687 iegraph server status", env, invoke)
    assert calls == [(["server", "status"], {"NEO4J_URI": "neo4j://127.0.0.1:40001"})]
    assert out == ("progress", "bolt neo4j://127.0.0.1:7687", "data ~/.iegraph/data")
    # With a pipe, stderr comes first, then the filtered stdout.
    assert run_command("iegraph server status | tail -1", env, invoke) == ("progress", "data ~/.iegraph/data")
    assert run_command("make demo", env, invoke)[0] == ".venv/bin/iegraph demo"
    assert calls[-1][0] == ["demo"]


def test_head_of_a_file_and_what_cannot_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.csv").write_text("h\n1\n2\n", encoding="utf-8")
    env = Environment(())

    def invoke(args: list[str], extra: dict[str, str]) -> tuple[str, str, str]:
        raise AssertionError("not called")

    assert run_command("head -2 t.csv", env, invoke) == ("h", "1")
    with pytest.raises(ValueError, match="cannot run"):
        run_command(".venv/bin/python bench/bench_extract.py", env, invoke)


def test_what_regenerate_writes_always_matches_the_run() -> None:
    rng = random.Random(7)
    for _ in range(500):
        run = [rng.choice("abcdef") for _ in range(rng.randrange(0, 12))]
        doc = [rng.choice(["a", "b", "c", "x", "...", "…"]) for _ in range(rng.randrange(0, 10))]
        new = regenerate(doc, run)
        assert matches(new, run), (doc, run, new)
