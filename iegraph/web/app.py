"""The workbench application: core routes, the entity and review routes, error pages.

``create_app(state)`` builds the Starlette app; ``iegraph serve`` runs it with uvicorn.
Expected failures become Chinese/English error pages (404 unknown page or entity, 400
bad parameter or ambiguous name, 403 refused write, 503 database unreachable) and
anything else a plain 500 page: never a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from iegraph.errors import AmbiguousNameError, ConnectionFailure, IegraphError, InputError, NotFoundError
from iegraph.web import entity, pages, questions, review, viewpages
from iegraph.web.security import SecurityMiddleware
from iegraph.web.state import WebState
from iegraph.web.templating import render

STATIC_DIR = Path(__file__).parent / "static"

log = logging.getLogger(__name__)

#: The core pages; entity.ROUTES and review.ROUTES are added after them.
CORE_ROUTES: list[BaseRoute] = [
    Route("/", pages.home, name="home"),
    Route("/search", pages.search, name="search"),
    Route("/query", questions.question_list, name="questions"),
    Route("/query/{name}", questions.question_page, name="question"),
    Route("/view", viewpages.view_list, name="views"),
    Route("/view/{kind}", viewpages.view_page, name="view"),
    Route("/view/{kind}/raw", viewpages.view_raw, name="view_raw"),
    Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
]

_TITLES = {
    400: "请求有误 / Bad request",
    403: "不允许 / Not allowed",
    404: "未找到 / Not found",
    405: "不支持的请求方法 / Method not allowed",
    500: "服务器内部错误 / Internal error",
    503: "数据库不可用 / Database unavailable",
}


def _status_of(exc: IegraphError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, (InputError, AmbiguousNameError)):
        return 400
    if isinstance(exc, ConnectionFailure):
        return 503
    return 400


def error_page(request: Request, status: int, message: str) -> Response:
    """The error page: a Chinese/English title, the one-line message, a way home."""
    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        title=_TITLES.get(status, f"错误 / Error {status}"),
        message=message,
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else ""
    message = detail or "没有这个页面。 / There is no such page."
    return error_page(request, exc.status_code, message)


async def _iegraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, IegraphError)
    return error_page(request, _status_of(exc), str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    # the details go to the server's log, never to the page
    log.error("error serving %s", request.url.path, exc_info=exc)
    return error_page(
        request, 500, "出现了意外错误，详情见服务器日志。 / Something went wrong; see the server's log."
    )


def create_app(state: WebState) -> Starlette:
    """The workbench for ``state``: core, entity and review routes behind the security middleware."""
    routes: list[BaseRoute] = [*CORE_ROUTES, *entity.ROUTES, *review.ROUTES]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityMiddleware, allowed_hosts=state.allowed_hosts)],
        exception_handlers={
            HTTPException: _http_error,
            IegraphError: _iegraph_error,
            Exception: _server_error,
        },
    )
    app.state.iegraph = state
    return app
