"""Test fixtures: one real local Neo4j per test session, a clean database per test.

The server runs from a throw-away home with free ports, so tests never touch the
user's own local database and several test sessions can run side by side. The
downloaded jars are shared with the user's cache (IEGRAPH_JARS_DIR, default
~/.local/share/iegraph/jars) so they are fetched once per machine.

Tiers: a test lands in the integration tier by the fixtures it uses (see
``TIER_FIXTURES``), never by hand: ``pytest -m "not neo4j and not browser"`` runs the
unit tier without Java, Maven or Chromium. Where a tool is missing the integration
tests are skipped with one line saying what is missing, except under ``CI=true``, where
they fail so that a broken CI machine cannot pass.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from iegraph.db import Graph, connect
from iegraph.errors import ServerError
from iegraph.schema.apply import apply_schema
from iegraph.server import manager
from iegraph.settings import ConnectionSettings, ServerSettings, default_home
from tests.browser import Browser, find_chromium
from tests.dbtools import wipe

#: Fixture -> marker: a test whose fixture closure holds the fixture (directly or through
#: graph, session_graph, cli_env, a module's own seeded graph ...) gets the marker.
#: ``neo4j`` = needs Java (the real local Neo4j, or Maven); ``browser`` = needs Chromium.
TIER_FIXTURES = {"neo4j_server": "neo4j", "server_tools": "neo4j", "maven": "neo4j", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by the fixtures it needs, so the tiers follow from the code."""
    for item in items:
        closure = getattr(item, "fixturenames", ())
        for fixture, marker in TIER_FIXTURES.items():
            if fixture in closure:
                item.add_marker(marker)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing(reason: str) -> NoReturn:
    """Skip for want of a tool; under CI fail instead, since there a missing tool is a broken setup."""
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerSettings]:
    """Settings of the session's test server (started by ``neo4j_server``)."""
    home = Path(os.environ.get("IEGRAPH_TEST_HOME") or tmp_path_factory.mktemp("iegraph-home"))
    jars = Path(os.environ.get("IEGRAPH_JARS_DIR") or default_home() / "jars")
    yield ServerSettings(
        home=home,
        bolt_port=_free_port(),
        http_port=_free_port(),
        heap=os.environ.get("IEGRAPH_TEST_HEAP", "1g"),
        pagecache=os.environ.get("IEGRAPH_TEST_PAGECACHE", "512m"),
        jars_dir=jars,
        java=ServerSettings.from_env().java,  # IEGRAPH_JAVA or JAVA_HOME, as for the CLI
    )


@pytest.fixture(scope="session")
def server_tools(server_settings: ServerSettings) -> ServerSettings:
    """What starting a local Neo4j needs: Java 17+, and the jars or Maven to fetch them.

    For tests that start servers of their own (in throw-away homes); the session's
    settings say where the jar cache and Java are."""
    try:
        manager.check_java(server_settings.java)
    except ServerError as exc:
        _missing(f"needs Java 17+ for the local Neo4j: {exc}")
    if not manager.jars_present(server_settings) and shutil.which("mvn") is None:
        _missing(
            f"needs the Neo4j jars in {server_settings.jars_root} or Maven (mvn) to fetch them: neither found"
        )
    return server_settings


@pytest.fixture(scope="session")
def neo4j_server(server_tools: ServerSettings) -> Iterator[ServerSettings]:
    """The real local Neo4j, started once for the whole test session."""
    server_settings = server_tools
    manager.start(server_settings)
    try:
        yield server_settings
    finally:
        manager.stop(server_settings)


@pytest.fixture(scope="session")
def session_graph(neo4j_server: ServerSettings) -> Iterator[Graph]:
    graph = connect(ConnectionSettings(), neo4j_server)
    apply_schema(graph)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """A connection to an empty database (schema applied)."""
    wipe(session_graph)
    return session_graph


@pytest.fixture
def cli_env(neo4j_server: ServerSettings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment that points the ``iegraph`` CLI at the test server."""
    env = {
        "IEGRAPH_HOME": str(neo4j_server.home),
        "IEGRAPH_BOLT_PORT": str(neo4j_server.bolt_port),
        "IEGRAPH_HTTP_PORT": str(neo4j_server.http_port),
        "IEGRAPH_JARS_DIR": str(neo4j_server.jars_root),
        "IEGRAPH_HEAP": neo4j_server.heap,
        "IEGRAPH_PAGECACHE": neo4j_server.pagecache,
    }
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture(scope="session")
def maven() -> str:
    """Maven's ``mvn`` (a Java program), for the tests of the jar download."""
    mvn = shutil.which("mvn")
    if mvn is None:
        _missing("needs Maven (mvn) for the jar download tests: not found")
    return mvn


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session's view tests."""
    if find_chromium() is None:
        _missing("needs Chromium for the view tests: not found (make browser)")
    with Browser() as b:
        yield b
