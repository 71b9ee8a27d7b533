"""The command output quoted in README.md and docs/*.md is what the commands print today.

Every fenced block with ``$ `` lines is marked (tests/docs_output.py says how); each checked
block's commands run against the real test server, one CliRunner call per command, and
their output is compared with the doc. ``make docs`` rewrites stale outputs instead
(``IEGRAPH_UPDATE_DOCS=1``), so a change of answers is one command plus a review of the diff.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from iegraph.cli import main
from iegraph.db import Graph
from iegraph.loaders import bundled_seed_paths, load_paths
from iegraph.settings import ServerSettings
from tests import docs_output

BLOCKS = [block for path in docs_output.DOCS for block in docs_output.parse_blocks(path)]
CHECKED = [block for block in BLOCKS if block.mode in docs_output.MODES]


class GraphState:
    """Puts the test database in the state a block asks for. The seed graph is loaded once
    and loaded again only when a block changed it (a load, the demo, enrich-colleges)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.seed_fingerprint: str | None = None

    def fingerprint(self) -> str:
        """A digest of every node and relationship with its properties (ids, not element ids)."""
        nodes = self.graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
        rels = self.graph.read(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, properties(r) AS props, b.id AS b"
        )
        rows = sorted(json.dumps(row, sort_keys=True, default=str) for row in [*nodes, *rels])
        return hashlib.sha256("\n".join(rows).encode()).hexdigest()

    def wipe(self) -> None:
        self.graph.write("MATCH (n) DETACH DELETE n")  # the seed graph is small: one transaction

    def prepare(self, mode: str) -> None:
        if mode == "empty graph":
            self.wipe()
        elif mode == "seed graph" and (
            self.seed_fingerprint is None or self.fingerprint() != self.seed_fingerprint
        ):
            self.wipe()
            load_paths(self.graph, bundled_seed_paths())
            self.seed_fingerprint = self.fingerprint()


@pytest.fixture(scope="module")
def graph_state(session_graph: Graph) -> GraphState:
    return GraphState(session_graph)


def _environment(server: ServerSettings) -> docs_output.Environment:
    """The test server's values and what the docs show instead (a user's defaults)."""
    return docs_output.Environment(
        (
            ("127.0.0.1:7687", f"127.0.0.1:{server.bolt_port}"),
            ("127.0.0.1:7474", f"127.0.0.1:{server.http_port}"),
            ("~/.local/share/iegraph/jars", str(server.jars_root)),
            ("~/.local/share/iegraph", str(server.home)),
        )
    )


def _invoke(args: list[str], env: dict[str, str]) -> tuple[str, str, str]:
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    return result.output, result.stdout, result.stderr


def _scratch(tmp_path: Path) -> Path:
    """A working directory where the repo's iegraph/ and docs/ read as usual, writes stay here."""
    for name in ("iegraph", "docs"):
        (tmp_path / name).symlink_to(docs_output.ROOT / name, target_is_directory=True)
    return tmp_path


def test_every_quoted_block_says_whether_it_is_checked() -> None:
    unmarked = [block.where for block in BLOCKS if not block.mode]
    assert not unmarked, (
        "blocks quoting `$ ` commands without an `<!-- output: ... -->` or "
        f"`<!-- output not checked: REASON -->` line above the fence: {unmarked}"
    )
    unknown = [
        block.where for block in BLOCKS if block.mode not in (*docs_output.MODES, docs_output.NOT_CHECKED)
    ]
    assert not unknown, f"unknown output mode (one of {docs_output.MODES}): {unknown}"


@pytest.mark.parametrize("block", CHECKED, ids=[block.where for block in CHECKED])
def test_quoted_output_is_real(
    block: docs_output.Block,
    graph_state: GraphState,
    neo4j_server: ServerSettings,
    cli_env: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph_state.prepare(block.mode)
    monkeypatch.chdir(_scratch(tmp_path))
    environment = _environment(neo4j_server)
    outputs = [docs_output.run_command(c.line, environment, _invoke) for c in block.commands]
    new = [docs_output.regenerate(c.expected, out) for c, out in zip(block.commands, outputs, strict=True)]
    stale = [(c, n) for c, n in zip(block.commands, new, strict=True) if n != c.expected]
    if stale and docs_output.update_requested():
        docs_output.rewrite(block.path, block.index, new)
        return
    if stale:  # the message says it all: no traceback of this function
        pytest.fail("\n\n".join(docs_output.diff(block, c, n) for c, n in stale), pytrace=False)
