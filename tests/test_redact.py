"""Credentials never echoed: a URI's user:password is redacted from every message.

Unit tier: the URIs point at a closed port or carry userinfo that iegraph refuses before
connecting, so no server is needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase

from iegraph.db import translate_errors
from iegraph.errors import ConnectionFailure
from iegraph.settings import redact_uri
from tests.helpers import run_cli

SECRET = "s3cr3t-Pw"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("neo4j://alice:s3cr3t-Pw@db.example:7687", "neo4j://***@db.example:7687"),
        ("bolt+s://alice@db.example", "bolt+s://***@db.example"),
        # a password holding / or @ goes whole
        ("neo4j://alice:a/s3cr3t-Pw@db.example", "neo4j://***@db.example"),
        ("neo4j://alice:s3cr3t@-Pw@db.example/x", "neo4j://***@db.example/x"),
        # within a message, each URI on its own
        (
            "bad URI 'neo4j://a:s3cr3t-Pw@h:1': Given URI: 'bolt://b:s3cr3t-Pw@h:2'.",
            "bad URI 'neo4j://***@h:1': Given URI: 'bolt://***@h:2'.",
        ),
        # nothing to hide: unchanged
        ("neo4j://127.0.0.1:7687", "neo4j://127.0.0.1:7687"),
        ("write to alice@example.org", "write to alice@example.org"),
    ],
)
def test_redact_uri(text: str, shown: str) -> None:
    assert redact_uri(text) == shown


@pytest.fixture
def remote_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No NEO4J_* from the caller's shell; a throw-away iegraph home."""
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("IEGRAPH_HOME", str(tmp_path))
    return monkeypatch


@pytest.mark.parametrize("scheme", ["neo4j", "bolt", "neo4j+s", "nosuch"])
@pytest.mark.parametrize("with_password", [True, False])
def test_uri_userinfo_is_refused_without_echoing_it(
    remote_env: pytest.MonkeyPatch, scheme: str, with_password: bool
) -> None:
    if with_password:
        remote_env.setenv("NEO4J_PASSWORD", "x")
    result = run_cli("--uri", f"{scheme}://alice:{SECRET}@127.0.0.1:1", "cypher", "RETURN 1")
    assert result.exit_code == ConnectionFailure.exit_code
    assert SECRET not in result.stderr + result.stdout
    assert "alice" not in result.stderr
    assert f"{scheme}://***@127.0.0.1:1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_env_uri_userinfo_is_not_echoed(remote_env: pytest.MonkeyPatch) -> None:
    remote_env.setenv("NEO4J_URI", f"neo4j://alice:{SECRET}@127.0.0.1:1")
    result = run_cli("cypher", "RETURN 1")
    assert result.exit_code == ConnectionFailure.exit_code
    assert SECRET not in result.stderr


def test_driver_messages_quoting_a_uri_are_redacted() -> None:
    # The driver's own refusal quotes the URI it was given; the translated error does not.
    uri = f"neo4j://alice:{SECRET}@127.0.0.1:1"
    with pytest.raises(ConnectionFailure) as caught, translate_errors(uri, "neo4j"):
        GraphDatabase.driver(uri, auth=("alice", "x"))
    assert SECRET not in str(caught.value)
    assert "neo4j://***@127.0.0.1:1" in str(caught.value)
