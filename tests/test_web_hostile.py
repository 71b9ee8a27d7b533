"""Hostile names render as text: a graph whose organisation, alias, project and source
title are HTML and script (tests/vizgraph.py) shown by the workbench, in-process and in
headless Chromium."""

from __future__ import annotations

import pytest

from iegraph.db import Graph
from tests.browser import Browser
from tests.vizgraph import HOSTILE_ORG, HOSTILE_PROJECT, write_viz_graph
from tests.webtools import client, served

HOSTILE_ALIAS = "<script>alert(2)</script>"


@pytest.fixture
def hostile(graph: Graph) -> Graph:
    write_viz_graph(graph)
    return graph


def test_hostile_names_are_escaped(hostile: Graph) -> None:
    web = client(hostile)
    found = web.get("/search", params={"q": "onerror"})
    assert found.status_code == 200
    assert "&lt;img src=x onerror=alert(1)&gt;" in found.text
    assert "<img src=x" not in found.text
    projects = web.get("/query/projects").text
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;联合实验室" in projects
    assert "<script>window.__pwned" not in projects
    home = web.get("/").text
    assert "长春企联 &amp; &lt;b&gt;产教融合&lt;/b&gt; 报道" in home and "<b>产教融合" not in home
    by_alias = web.get("/search", params={"q": HOSTILE_ALIAS})
    assert "<script>alert" not in by_alias.text


def test_hostile_names_stay_text_in_the_browser(hostile: Graph, browser: Browser) -> None:
    with served(hostile) as base:
        for path in ("/search?q=onerror", "/query/projects", "/"):
            report = browser.open_url(base + path)
            assert report.ready and report.errors == [] and report.dialogs == []
            assert browser.evaluate("typeof window.__pwned") == "undefined"
            assert browser.evaluate("document.querySelectorAll('main img, main script').length") == 0
        browser.open_url(base + "/search?q=onerror")
        assert browser.evaluate("document.querySelector('#results a').textContent") == HOSTILE_ORG
        browser.open_url(base + "/query/projects")
        cells = browser.evaluate("Array.from(document.querySelectorAll('td a')).map(a => a.textContent)")
        assert HOSTILE_PROJECT in cells
