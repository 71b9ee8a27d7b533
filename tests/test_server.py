"""The managed local Neo4j: version, auth, idempotent start, clear failures."""

from __future__ import annotations

import functools
import http.server
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError

from iegraph.errors import ServerError
from iegraph.server import manager
from iegraph.settings import ServerSettings
from tests.helpers import run_cli


def test_status_reports_5_26_and_never_the_password(cli_env: dict[str, str]) -> None:
    result = run_cli("server", "status")
    assert result.exit_code == 0, result.stderr
    assert "running" in result.stdout
    assert "5.26." in result.stdout
    settings = ServerSettings.from_env()
    _, password = manager.read_credentials(settings)
    assert password not in result.stdout + result.stderr
    assert str(settings.credentials_file) in result.stdout
    assert f"127.0.0.1:{settings.bolt_port}" in result.stdout
    assert "/browser" in result.stdout


def test_credentials_file_is_private(neo4j_server: ServerSettings) -> None:
    mode = stat.S_IMODE(neo4j_server.credentials_file.stat().st_mode)
    assert mode == 0o600


def test_unauthenticated_bolt_is_refused(neo4j_server: ServerSettings) -> None:
    uri = f"bolt://127.0.0.1:{neo4j_server.bolt_port}"
    with GraphDatabase.driver(uri, auth=("neo4j", "wrong-password")) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()
    with GraphDatabase.driver(uri, auth=None) as driver, pytest.raises((AuthError, ClientError)):
        driver.execute_query("RETURN 1", database_="neo4j")


def test_apoc_and_browser_are_served(neo4j_server: ServerSettings) -> None:
    import urllib.request

    user, password = manager.read_credentials(neo4j_server)
    with GraphDatabase.driver(f"bolt://127.0.0.1:{neo4j_server.bolt_port}", auth=(user, password)) as d:
        records, _, _ = d.execute_query("RETURN apoc.version() AS v", database_="neo4j")
    assert records[0]["v"].startswith("5.26")
    with urllib.request.urlopen(neo4j_server.browser_url, timeout=10) as resp:
        assert resp.status == 200
        assert b"<html" in resp.read(4096).lower()


def test_start_is_idempotent(cli_env: dict[str, str]) -> None:
    result = run_cli("server", "start")
    assert result.exit_code == 0
    assert "already running" in result.stderr


def test_taken_port_is_one_clear_line(tmp_path: Path, neo4j_server: ServerSettings) -> None:
    other = ServerSettings(
        home=tmp_path,
        bolt_port=neo4j_server.bolt_port,
        http_port=neo4j_server.http_port,
        jars_dir=neo4j_server.jars_root,
    )
    with pytest.raises(ServerError, match=f"port {neo4j_server.bolt_port}"):
        manager.start(other)


def _fake_java(tmp_path: Path, version: str) -> str:
    path = tmp_path / "java"
    path.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2021-01-01' >&2\n")
    path.chmod(0o755)
    return str(path)


def test_missing_java_is_one_clear_line(tmp_path: Path) -> None:
    settings = ServerSettings(home=tmp_path, java=str(tmp_path / "no-such-java"), bolt_port=1, http_port=1)
    with pytest.raises(ServerError, match="Java not found"):
        manager.start(settings)


def test_unsupported_java_is_one_clear_line(tmp_path: Path) -> None:
    settings = ServerSettings(home=tmp_path, java=_fake_java(tmp_path, "11.0.2"))
    with pytest.raises(ServerError, match="Java 11 is not supported"):
        manager.start(settings)


def test_failed_download_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, maven: str
) -> None:
    # An offline Maven with an empty local repository cannot fetch anything. (Maven runs
    # on Java: the `maven` fixture puts this test in the integration tier.)
    settings = ServerSettings(home=tmp_path, jars_dir=tmp_path / "jars")
    monkeypatch.setenv("IEGRAPH_MAVEN_ARGS", f"--offline -Dmaven.repo.local={tmp_path / 'm2'}")
    with pytest.raises(ServerError, match="downloading the Neo4j jars with Maven failed"):
        manager.ensure_jars(settings)
    assert not manager.jars_path(settings).exists()


def test_missing_maven_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    settings = ServerSettings(home=tmp_path, jars_dir=tmp_path / "jars")
    with pytest.raises(ServerError, match="Maven"):
        manager.ensure_jars(settings)


def test_auth_ini_matches_neo4j_hash_format() -> None:
    line = manager._auth_ini_line("neo4j", "pw")
    user, rest = line.split(":", 1)
    algo, digest, salt, iterations = rest.rstrip(":\n").split(",")
    assert (user, algo, iterations) == ("neo4j", "SHA-256", "1024")
    assert len(bytes.fromhex(digest)) == 32 and len(bytes.fromhex(salt)) == 32


def test_port_probe_sees_a_listener() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert manager._port_in_use(sock.getsockname()[1])


def test_server_home_is_private(neo4j_server: ServerSettings) -> None:
    # Data, logs and transaction logs are as private as the credentials: nothing under
    # the home may be read (or listed) by the group or others. The jar cache holds public
    # artefacts and may be shared between homes, so it is not part of this.
    home = neo4j_server.home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    exposed = []
    for path in home.rglob("*"):
        if path.is_relative_to(neo4j_server.jars_root) or path.is_symlink():
            continue
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            exposed.append(f"{oct(stat.S_IMODE(path.stat().st_mode))} {path.relative_to(home)}")
    assert exposed == []
    # what Neo4j itself wrote is among them
    assert (neo4j_server.logs_dir / "neo4j.log").exists()
    assert any((neo4j_server.data_dir / "databases" / "neo4j").iterdir())


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet: no request lines on stderr
        return None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A directory served over HTTP on 127.0.0.1 (the machine has no internet): its base URL."""
    (tmp_path / "orgs.csv").write_text("name,kind\n大连理工大学,College\n", encoding="utf-8")
    (tmp_path / "orgs.json").write_text('{"orgs": [{"name": "大连理工大学"}]}', encoding="utf-8")
    handler = functools.partial(_Files, directory=str(tmp_path))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()
            thread.join()


def test_apoc_load_and_load_csv_work(neo4j_server: ServerSettings, served: str) -> None:
    # The jar set is complete: APOC's URL handling initialises Hadoop's (on the classpath
    # for Neo4j's Parquet import), which failed with NoClassDefFoundError com/ctc/wstx/...
    user, password = manager.read_credentials(neo4j_server)
    import_dir = neo4j_server.neo4j_home / "import"
    (import_dir / "orgs.json").write_text(
        '{"orgs": [{"name": "长春汽车工业高等专科学校"}]}', encoding="utf-8"
    )
    with GraphDatabase.driver(f"bolt://127.0.0.1:{neo4j_server.bolt_port}", auth=(user, password)) as d:

        def one(query: str) -> object:
            records, _, _ = d.execute_query(query, database_="neo4j")
            return [r["v"] for r in records]

        # a file in the import directory, by file:/// URL and by bare name
        assert one("CALL apoc.load.json('file:///orgs.json') YIELD value RETURN value.orgs[0].name AS v") == [
            "长春汽车工业高等专科学校"
        ]
        assert one("CALL apoc.load.json('orgs.json') YIELD value RETURN value.orgs[0].name AS v") == [
            "长春汽车工业高等专科学校"
        ]
        # over HTTP, APOC's and Cypher's own LOAD CSV
        assert one(
            f"CALL apoc.load.json('{served}/orgs.json') YIELD value RETURN value.orgs[0].name AS v"
        ) == ["大连理工大学"]
        assert one(f"LOAD CSV WITH HEADERS FROM '{served}/orgs.csv' AS row RETURN row.kind AS v") == [
            "College"
        ]
        # files outside the import directory stay out of reach (the credentials file is two levels up)
        with pytest.raises(ClientError, match="import"):
            d.execute_query(
                "CALL apoc.load.json('file:///../../credentials.json') YIELD value RETURN value",
                database_="neo4j",
            )
