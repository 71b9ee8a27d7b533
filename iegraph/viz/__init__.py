"""Network views: self-contained, offline, injection-safe HTML pages drawn with vis-network.

- ``graphdata``: the typed subgraph (nodes, edges, sources) built from Neo4j rows in linear time;
- ``views``: the standard views (ego, consortium, region, projects, overview, query);
- ``layout``: Python layout for big views and the summary above the hard cap;
- ``html``: the page (own template, vis-network inlined from pyvis's bundled copy).

The headless-Chromium driver that checks the pages lives with the tests (tests/browser.py).
"""
