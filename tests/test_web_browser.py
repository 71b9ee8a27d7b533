"""The workbench in real headless Chromium (tests/browser.py), served by uvicorn on a
free port over the seed graph: pages load with no console error and no CSP violation,
request nothing but their own server, and the search box, sortable tables and the
framed views work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from iegraph.db import Graph
from tests.browser import Browser, PageReport
from tests.dbtools import load_seed_graph
from tests.webtools import served


@pytest.fixture(scope="module")
def base(session_graph: Graph) -> Iterator[str]:
    """The workbench over the seed graph (loaded once; nothing here writes), its base URL."""
    with served(load_seed_graph(session_graph)) as url:
        yield url


def _clean(report: PageReport, base: str) -> None:
    assert report.ready, f"{report.url} did not finish loading"
    assert report.errors == [], report.errors  # CSP violations are console errors
    assert report.dialogs == []
    # inline data (images the stylesheets draw) is no request to anywhere
    outside = [u for u in report.requests if not u.startswith((base + "/", "data:", "blob:", "about:"))]
    assert outside == []


def test_home_then_search_for_a_short_form(browser: Browser, base: str) -> None:
    home = browser.open_url(base + "/")
    _clean(home, base)
    assert browser.evaluate("document.querySelectorAll('#counts li').length") > 5
    assert browser.evaluate("getComputedStyle(document.querySelector('header.site')).display") == "flex"
    # type 大工 into the header's search box and submit, as a user would
    found = browser.open_url(
        base + "/search",
        via="var f = document.querySelector('header form.search'); f.q.value = '大工'; f.submit()",
    )
    _clean(found, base)
    assert browser.evaluate("location.pathname + decodeURIComponent(location.search)") == "/search?q=大工"
    first = browser.evaluate("document.querySelector('#results a').textContent")
    assert first == "大连理工大学"


def test_question_table_sorts_in_the_browser(browser: Browser, base: str) -> None:
    page = browser.open_url(base + "/query/partners?org=%E5%A4%A7%E5%B7%A5")
    _clean(page, base)
    column = (
        "Array.from(document.querySelectorAll('table.results tbody tr')).map(r => r.cells[0].textContent)"
    )
    before = browser.evaluate(column)
    assert len(before) > 2
    browser.evaluate("document.querySelector('table.results th').click()")
    ascending = browser.evaluate(column)
    collated = browser.evaluate(f"{column}.slice().sort(new Intl.Collator(['zh-Hans', 'en']).compare)")
    assert ascending == collated and sorted(ascending) == sorted(before)
    assert (
        browser.evaluate("document.querySelector('table.results th').getAttribute('aria-sort')")
        == "ascending"
    )
    browser.evaluate("document.querySelector('table.results th').click()")
    assert browser.evaluate(column) == list(reversed(ascending))


def test_view_page_draws_its_frame_under_its_own_csp(browser: Browser, base: str) -> None:
    page = browser.open_url(base + "/view/ego?org=%E5%A4%A7%E5%B7%A5")
    _clean(page, base)
    frame = "document.querySelector('iframe.view').contentWindow"
    ready = browser.wait_for(f"{frame}.__iegraph && {frame}.__iegraph.ready", timeout=30)
    assert ready is True
    assert browser.evaluate(f"{frame}.__iegraph.nodes") > 3
    assert browser.evaluate(f"{frame}.document.querySelectorAll('#ie-graph canvas').length") == 1
    browser.evaluate("1")
    late = [e for e in browser.events_since() if e["method"] in ("Log.entryAdded", "Runtime.exceptionThrown")]
    assert [e for e in late if e["params"].get("entry", {}).get("level") == "error"] == []
    assert [e for e in late if e["method"] == "Runtime.exceptionThrown"] == []
