"""Settings: where the local server lives and how to reach a Neo4j database.

Read once per process from the environment (and CLI options), then passed in.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE = "neo4j"

# scheme:// then, up to the last @ before a space, what a URI may carry as user:password
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)\S*@")


def redact_uri(text: str) -> str:
    """``text`` (a URI, or a message naming URIs) with each URI's user name and password
    shown as ``***``: ``neo4j://user:pw@host`` -> ``neo4j://***@host``.

    Everything from ``scheme://`` to the last ``@`` before a space goes, so a password
    holding ``/`` or ``@`` is hidden whole; a path or query holding ``@`` hides the host
    too, which errs on the safe side. Every message that prints a URI uses this.
    """
    return _USERINFO.sub(r"\g<scheme>***@", text)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        from iegraph.errors import InputError

        raise InputError(f"{name} must be an integer, got {raw!r}") from exc


def default_home() -> Path:
    """Per-user directory for the local server's jars, data, logs and credentials."""
    explicit = os.environ.get("IEGRAPH_HOME")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "iegraph"


@dataclass(frozen=True)
class ServerSettings:
    """Configuration of the managed local Neo4j; every field has an env override."""

    home: Path = field(default_factory=default_home)
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "2g"
    pagecache: str = "1g"
    java: str = "java"
    jars_dir: Path | None = None
    startup_timeout: float = 180.0

    @classmethod
    def from_env(cls, home: Path | None = None) -> ServerSettings:
        """Build settings from IEGRAPH_* variables (and JAVA_HOME for the JVM)."""
        java_home = os.environ.get("JAVA_HOME")
        java = os.environ.get("IEGRAPH_JAVA") or (
            str(Path(java_home) / "bin" / "java") if java_home else "java"
        )
        jars = os.environ.get("IEGRAPH_JARS_DIR")
        return cls(
            home=home or default_home(),
            bolt_port=_env_int("IEGRAPH_BOLT_PORT", 7687),
            http_port=_env_int("IEGRAPH_HTTP_PORT", 7474),
            heap=os.environ.get("IEGRAPH_HEAP", "2g"),
            pagecache=os.environ.get("IEGRAPH_PAGECACHE", "1g"),
            java=java,
            jars_dir=Path(jars).expanduser() if jars else None,
            startup_timeout=float(os.environ.get("IEGRAPH_STARTUP_TIMEOUT", "180")),
        )

    @property
    def jars_root(self) -> Path:
        """Cache of downloaded jars (shared by every server home that points at it)."""
        return self.jars_dir or (self.home / "jars")

    @property
    def neo4j_home(self) -> Path:
        return self.home / "neo4j"

    @property
    def data_dir(self) -> Path:
        return self.neo4j_home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.neo4j_home / "logs"

    @property
    def credentials_file(self) -> Path:
        return self.home / "credentials.json"

    @property
    def bolt_uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"


@dataclass(frozen=True)
class ConnectionSettings:
    """How to reach a Neo4j database. ``uri is None`` means: the local server."""

    uri: str | None = None
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(
        cls, uri: str | None = None, user: str | None = None, database: str | None = None
    ) -> ConnectionSettings:
        """Combine CLI options (which win) with NEO4J_* environment variables."""
        return cls(
            uri=uri or os.environ.get("NEO4J_URI") or None,
            user=user or os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j",
            password=os.environ.get("NEO4J_PASSWORD") or None,
            database=database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )

    @property
    def is_local(self) -> bool:
        return self.uri is None
