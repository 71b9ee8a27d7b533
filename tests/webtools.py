"""Test helpers for the web workbench: the app over a test Graph, in-process or served
by a real uvicorn on a free port (for headless Chromium)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn
from starlette.testclient import TestClient

from iegraph.db import Graph
from iegraph.web.app import create_app
from iegraph.web.state import WebState

#: The origin TestClient requests claim (a loopback Host, as a browser on this machine sends).
BASE_URL = "http://127.0.0.1:8765"

#: Where the workbench's screenshots that docs/web.md shows are kept (tracked files).
DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"

#: Set to 1 to let the browser tests rewrite docs/img (``make screenshots``).
SCREENSHOTS_ENV = "IEGRAPH_SCREENSHOTS"


def screenshot_path(name: str, tmp_path: Path) -> Path:
    """Where a browser test saves its screenshot ``name``: docs/img only when
    IEGRAPH_SCREENSHOTS=1 (``make screenshots``), else the test's tmp_path — a test run
    must not rewrite tracked pictures and dirty the clone."""
    folder = DOCS_IMG if os.environ.get(SCREENSHOTS_ENV) == "1" else tmp_path
    return folder / name


def client(graph: Graph, allow_writes: bool = False, lang: str = "zh") -> TestClient:
    """An in-process client of the workbench over ``graph``; server errors become 500 pages."""
    app = create_app(WebState(graph=graph, allow_writes=allow_writes, lang=lang))
    return TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)


@contextlib.contextmanager
def served(graph: Graph, allow_writes: bool = False) -> Iterator[str]:
    """Run the workbench with uvicorn in a thread on a free loopback port; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    app = create_app(WebState(graph=graph, allow_writes=allow_writes))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
