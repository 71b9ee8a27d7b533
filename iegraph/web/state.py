"""The workbench's per-process state, kept apart from the app so that page modules
(``entity``, ``review``) can import it without importing the app that imports them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from starlette.requests import Request

from iegraph.db import Graph


@dataclass
class WebState:
    """What every request handler may need: the one Graph, whether writes are allowed,
    the language of table headers and downloads, and the process's CSRF secret."""

    graph: Graph
    allow_writes: bool = False
    #: Language of table headers, enumeration values and CSV/xlsx downloads ("zh" or "en");
    #: page labels are always Chinese first, English second.
    lang: str = "zh"
    #: Host names the app answers to (the Host header); empty means loopback names only.
    #: Guards against DNS rebinding: a page on another site cannot reach us under its name.
    allowed_hosts: tuple[str, ...] = ()
    #: Per-process secret the CSRF tokens are derived from (a restart invalidates open forms).
    csrf_secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)


def state_of(request: Request) -> WebState:
    """The WebState of the app serving ``request``."""
    state = request.app.state.iegraph
    assert isinstance(state, WebState)
    return state
