"""The standard views of the curated seed graph, built and opened in headless Chromium."""

from __future__ import annotations

from pathlib import Path

from iegraph.db import Graph
from iegraph.viz.views import STANDARD_VIEWS, standard_views
from tests.browser import Browser

SEEDS = Path(__file__).resolve().parent.parent / "iegraph" / "data" / "seeds"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "views" / "seed"


def test_standard_views_of_the_seed_graph(graph: Graph, browser: Browser) -> None:
    from iegraph.loaders import load_paths

    load_paths(graph, [SEEDS])
    messages: list[str] = []
    written = standard_views(graph, ARTIFACTS, messages.append)
    stems = {stem for stem, _, _ in written}
    expected = {stem for stem, kind, _ in STANDARD_VIEWS if kind != "query"}
    assert expected <= stems, messages
    by_stem = {stem: view for stem, _, view in written}
    ego = {n.name for n in by_stem["ego-dalian-university-of-technology"].nodes}
    for partner in (
        "大连三友电器设备有限公司",
        "大连人工智能计算中心",
        "通用技术集团大连机床有限责任公司",
        "东风日产大连有限公司",
        "大连职业技术学院",
    ):
        assert partner in ego
    jinpu = by_stem["consortium-jinpu"]
    assert any(e.type == "MEMBER_OF" and e.role == "lead" for e in jinpu.edges)
    assert any(n.kind == "Project" for n in jinpu.nodes)
    overview = by_stem["overview"]
    assert not any(n.kind in ("Source", "Region", "Industry") for n in overview.nodes)
    assert overview.data_date is not None
    for stem, path, view in written:
        report = browser.open(path)
        assert report.ready, (stem, report.errors)
        assert report.state["nodes"] == len(view.nodes)
        assert report.state["edges"] == len(view.edges)
        assert report.errors == [] and report.outside_requests == [] and report.dialogs == []
        assert path.read_bytes().decode("utf-8")
        browser.screenshot(ARTIFACTS / f"{stem}.png")
