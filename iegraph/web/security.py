"""Security of the workbench: headers on every response, Host checking, CSRF tokens
for POST forms and the ``--allow-writes`` guard.

- Every response carries a Content-Security-Policy (``PAGE_CSP``: everything from this
  origin only, no inline script or style), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: same-origin`` (nothing to other sites; ``no-referrer`` would make a
  browser send ``Origin: null`` with a form POST, which ``check_csrf`` refuses) and
  ``frame-ancestors 'self'``. A response that sets
  its own policy (the network views, whose inline scripts are allowed by hash) keeps it.
- Requests whose Host header is not one the server was started for are refused (400):
  a web page elsewhere cannot rebind its own name to 127.0.0.1 and read the workbench.
- POST forms carry ``csrf_token(request)``; ``check_csrf(request, form)`` refuses a form
  without the right token, or one sent from another origin (403).
- ``require_writes(state)`` refuses (403) when the server was started without
  ``--allow-writes``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from starlette.datastructures import FormData, Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from iegraph.web.state import WebState, state_of

#: The policy of the workbench's own pages: nothing inline, nothing from elsewhere.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
#: Name of the form field that carries the CSRF token.
CSRF_FIELD = "csrf_token"
#: Host names every server answers to.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

WRITES_REFUSED = (
    "本服务以只读方式启动，不能写入图谱：请用 iegraph serve --allow-writes 重新启动。"
    " / The workbench was started read-only: restart it with iegraph serve --allow-writes to write."
)
CSRF_REFUSED = (
    "表单已失效或来自其他网站，请刷新页面后重试。"
    " / The form is stale or came from another site: reload the page and try again."
)


def _host_name(host_header: str) -> str:
    """The host part of a Host header (``[::1]:8765`` -> ``[::1]``, ``localhost:80`` -> ``localhost``)."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class SecurityMiddleware:
    """Adds the security headers to every response and refuses unknown Host headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        # "*" (a server bound to every interface with --allow-remote) accepts any name
        self.any_host = "*" in allowed_hosts
        self.allowed = {h.lower() for h in (*LOOPBACK_HOSTS, *allowed_hosts)}
        self.allowed |= {f"[{h}]" for h in self.allowed if ":" in h and not h.startswith("[")}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _host_name(Headers(scope=scope).get("host", "")).lower()
        if not self.any_host and host not in self.allowed:
            body = "400 Bad Request: unknown host / 未知的主机名".encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                        *_security_headers(set()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *_security_headers(present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _security_headers(present: set[bytes]) -> list[tuple[bytes, bytes]]:
    wanted = {
        b"content-security-policy": PAGE_CSP.encode(),
        b"x-content-type-options": b"nosniff",
        b"referrer-policy": b"same-origin",
        b"cross-origin-opener-policy": b"same-origin",
    }
    return [(k, v) for k, v in wanted.items() if k not in present]


def csrf_token(request: Request) -> str:
    """The CSRF token to put in a POST form (hidden field ``csrf_token``)."""
    state = state_of(request)
    return hmac.new(state.csrf_secret, b"iegraph-csrf-v1", hashlib.sha256).hexdigest()


def _same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another origin."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # "null": a sandboxed or file page, never ours
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1].lower() == host.lower()


def check_csrf(request: Request, form: FormData | Mapping[str, object]) -> None:
    """Refuse (403) a POST whose form lacks this process's token or that another origin sent."""
    given = form.get(CSRF_FIELD)
    if not isinstance(given, str) or not hmac.compare_digest(given, csrf_token(request)):
        raise HTTPException(403, CSRF_REFUSED)
    if not _same_origin(request):
        raise HTTPException(403, CSRF_REFUSED)


def require_writes(state: WebState) -> None:
    """Refuse (403) a write when the server was started without ``--allow-writes``."""
    if not state.allow_writes:
        raise HTTPException(403, WRITES_REFUSED)
