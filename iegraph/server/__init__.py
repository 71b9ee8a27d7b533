"""The managed local Neo4j (Maven pom, generated config, start/stop)."""

from iegraph.server.manager import (
    APOC_VERSION,
    NEO4J_VERSION,
    Status,
    ensure_jars,
    is_running,
    log_lines,
    read_credentials,
    start,
    status,
    stop,
)

__all__ = [
    "APOC_VERSION",
    "NEO4J_VERSION",
    "Status",
    "ensure_jars",
    "is_running",
    "log_lines",
    "read_credentials",
    "start",
    "status",
    "stop",
]
