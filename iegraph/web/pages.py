"""The home page and the search page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from iegraph.queries import catalogue
from iegraph.queries.lookup import SEARCH_LIMIT
from iegraph.queries.lookup import search as search_entities
from iegraph.web.state import state_of
from iegraph.web.templating import render


def home(request: Request) -> Response:
    """``/``: counts by kind, the consortia, regions and latest sources, one search box."""
    graph = state_of(request).graph
    return render(
        request,
        "home.html",
        counts=catalogue.kind_counts(graph),
        consortia=catalogue.consortia(graph),
        regions=catalogue.regions(graph),
        sources=catalogue.latest_sources(graph),
    )


def search(request: Request) -> Response:
    """``/search?q=``: the entities a name, alias, short form or traditional spelling names."""
    q = request.query_params.get("q", "").strip()
    found = search_entities(state_of(request).graph, q) if q else []
    return render(request, "search.html", q=q, found=found, limit=SEARCH_LIMIT)
