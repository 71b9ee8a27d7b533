"""Every view opened in headless Chromium, offline: it draws, stays quiet, loads nothing,
and shows hostile names as text. Screenshots land in artifacts/views/ (git-ignored)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from iegraph.db import Graph
from iegraph.viz import views
from iegraph.viz.graphdata import ViewGraph
from iegraph.viz.html import write_html
from iegraph.viz.layout import prepare
from tests.browser import Browser, PageReport
from tests.helpers import run_cli
from tests.vizgraph import HOSTILE_ORG, HOSTILE_PROJECT, write_viz_graph

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "views"


@pytest.fixture
def vgraph(graph: Graph) -> Graph:
    write_viz_graph(graph)
    return graph


def check_page(report: PageReport, view: ViewGraph, browser: Browser, name: str) -> None:
    """The common 'done' checks of issue 5 for one opened page."""
    assert report.ready, f"{name}: page never reported ready; errors: {report.errors}"
    assert report.state["nodes"] == len(view.nodes)
    assert report.state["edges"] == len(view.edges)
    assert browser.evaluate("document.querySelectorAll('#ie-graph canvas').length") == 1
    assert report.errors == []
    assert report.outside_requests == []
    assert report.dialogs == []
    shot = browser.screenshot(ARTIFACTS / f"{name}.png")
    assert shot.stat().st_size > 5000


VIEW_CASES: list[tuple[str, list[str], Any]] = [
    ("ego", ["--org", "大工", "--hops", "2"], lambda g: views.ego(g, "大工", 2)),
    ("consortium", ["--name", "金普联合体"], lambda g: views.consortium(g, "金普联合体")),
    ("region", ["--name", "大连市"], lambda g: views.region(g, "大连市")),
    ("projects", ["--type", "industrial_college"], lambda g: views.projects(g, "industrial_college")),
    ("overview", [], lambda g: views.overview(g)),
    ("overview-summarised", ["--max-nodes", "10"], lambda g: views.overview(g, hard_cap=10)),
    (
        "query",
        ["partners", "--org", "大连理工大学"],
        lambda g: views.query(g, "partners", {"org": "大连理工大学"}),
    ),
]


@pytest.mark.parametrize(("name", "args", "build"), VIEW_CASES, ids=[c[0] for c in VIEW_CASES])
def test_view_draws_offline(
    name: str, args: list[str], build: Any, vgraph: Graph, cli_env: dict[str, str], browser: Browser
) -> None:
    if name == "query" and "partners" not in views.query_registry():
        pytest.skip("the query library's `partners` question is not available")
    command = name.split("-")[0]
    out = ARTIFACTS / f"{name}.html"
    result = run_cli("viz", command, *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    expected = build(vgraph)
    report = browser.open(out)
    check_page(report, expected, browser, name)
    if expected.summary:
        shown = browser.evaluate("document.getElementById('ie-summary').hidden")
        assert shown is False
        assert "cap" in browser.evaluate("document.getElementById('ie-summary').textContent")


def _node_center(browser: Browser, index: int) -> tuple[float, float]:
    pos = browser.evaluate(
        f"(function(){{var n=window.__iegraph.network; var p=n.getPositions([{index}])[{index}];"
        "var d=n.canvasToDOM(p); var r=document.getElementById('ie-graph').getBoundingClientRect();"
        "return JSON.stringify({x: d.x + r.left, y: d.y + r.top});})()"
    )
    point = json.loads(pos)
    return float(point["x"]), float(point["y"])


def test_hostile_names_show_as_text(vgraph: Graph, browser: Browser, tmp_path: Path) -> None:
    view = views.ego(vgraph, HOSTILE_ORG)
    path = write_html(view, ARTIFACTS / "injection.html")
    report = browser.open(path)
    check_page(report, view, browser, "injection")
    evil = browser.evaluate(f"window.__iegraph.nodeIndex({json.dumps(HOSTILE_ORG)})")
    assert evil is not None
    # A real hover through vis-network's own popup (shown tooltipDelay after the last move).
    x, y = _node_center(browser, evil)
    tooltip = "(document.querySelector('div.vis-tooltip')||{}).textContent||''"
    shown = f"{tooltip}.indexOf({json.dumps(HOSTILE_ORG)}) >= 0"
    for nudge in range(5):  # a move can arrive before the canvas hit-tests it: move again
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x + nudge % 2, y=y)
        if browser.wait_for(shown, timeout=1.0):
            break
    tip = browser.evaluate(tooltip)
    assert HOSTILE_ORG in tip
    browser.screenshot(ARTIFACTS / "injection-tooltip.png")
    assert "<script>alert(2)</script>" in tip  # the alias, as text
    # Every tooltip, the search list and a search for the hostile name.
    browser.evaluate(
        "(function(){var box=document.createElement('div');document.body.appendChild(box);"
        f"for (var i=0;i<{len(view.nodes)};i++){{box.appendChild(window.__iegraph.nodeTooltip(i));}}"
        f"for (var j=0;j<{len(view.edges)};j++){{box.appendChild(window.__iegraph.edgeTooltip(j));}}"
        "document.getElementById('ie-search').dispatchEvent(new Event('focus'));"
        f"window.__iegraph.focus({json.dumps(HOSTILE_ORG)}); return 1;}})()"
    )
    # Let what the insertion queued run (one frame and its tasks); nothing that could run later may
    # exist: no <img>, no script but the page's own (checked below).
    browser.settle()
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.scripts.length") == 3  # data, vis-network, view
    assert HOSTILE_PROJECT in browser.evaluate("document.body.textContent")
    late = browser.open(path)  # reload: also no dialog or error on a second load
    assert late.dialogs == [] and late.errors == []


def test_chinese_page_words(vgraph: Graph, cli_env: dict[str, str], browser: Browser) -> None:
    """`iegraph --lang zh viz …`: title, caption, legend, kinds, basis, tooltips' field names
    and messages in Chinese; data (the hostile name too) still text only."""
    out = ARTIFACTS / "ego-zh.html"
    result = run_cli(
        "--lang", "zh", "viz", "ego", "--org", "大连理工大学", "--with-co-presence", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("大连理工大学 合作网络:")
    view = views.ego(vgraph, "大连理工大学", with_co_presence=True, lang="zh")
    check_page(browser.open(out), view, browser, "ego-zh")

    def text(selector: str) -> str:
        return str(browser.evaluate(f"document.querySelector({json.dumps(selector)}).textContent"))

    assert browser.evaluate("document.documentElement.lang") == "zh-Hans"
    assert text("#ie-title") == "大连理工大学 合作网络"
    caption = text("#ie-caption")
    assert (
        caption.startswith("大连理工大学 及其 1 跳内的合作方：")
        and "个节点" in caption
        and "资料截至" in caption
    )
    assert (text("#ie-find"), text("#ie-go"), text("#ie-reset")) == ("查找", "定位", "全部显示")
    assert (text("#ie-kinds-head"), text("#ie-rels-head")) == ("类型", "关系")
    assert browser.evaluate("document.getElementById('ie-search').placeholder") == "名称或别名"
    kinds, rels = text("#ie-kinds"), text("#ie-rels")
    assert "院校" in kinds and "企业" in kinds and "college" not in kinds and "enterprise" not in kinds
    assert "参与" in rels and "同场共现 (" in rels and "虚线：" in rels and "participates" not in rels
    dut = browser.evaluate("window.__iegraph.nodeIndex('大连理工大学')")
    tip = browser.evaluate(f"window.__iegraph.nodeTooltip({dut}).textContent")
    assert "院校" in tip and "度数" in tip and "来源:" in tip and "degree" not in tip
    dashed = "window.__iegraph.network.body.data.edges.get().filter(function (e) { return e.dashes; })[0].id"
    assert "仅同场共现" in browser.evaluate(f"window.__iegraph.edgeTooltip({dashed}).textContent")
    assert browser.evaluate("window.__iegraph.focus('没有这个机构')") is None
    assert text("#ie-message") == "未找到: 没有这个机构"
    browser.screenshot(ARTIFACTS / "ego-zh-legend.png")
    # the hostile organisation in a Chinese page: still shown as text, nothing runs
    hostile = views.ego(vgraph, HOSTILE_ORG, lang="zh")
    check_page(
        browser.open(write_html(hostile, ARTIFACTS / "injection-zh.html")), hostile, browser, "injection-zh"
    )
    browser.evaluate(
        "(function(){var box=document.createElement('div');document.body.appendChild(box);"
        f"for (var i=0;i<{len(hostile.nodes)};i++){{box.appendChild(window.__iegraph.nodeTooltip(i));}}"
        "return 1;})()"
    )
    browser.settle()
    assert HOSTILE_ORG in browser.evaluate("document.body.textContent")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0


def test_search_filter_and_highlight(vgraph: Graph, browser: Browser) -> None:
    # With co-presence, so that the consortium and the event (plain membership,
    # attendance) are drawn too, dashed.
    view = views.ego(vgraph, "大连理工大学", with_co_presence=True)
    path = write_html(view, ARTIFACTS / "interaction.html")
    check_page(browser.open(path), view, browser, "interaction")
    sanyou = browser.evaluate("window.__iegraph.nodeIndex('大连三友电器设备有限公司')")
    # by alias
    assert browser.evaluate("window.__iegraph.focus('三友电器')") == sanyou
    # 三友 takes part in the consortium and the industrial college: itself + 2 carriers
    assert browser.evaluate("window.__iegraph.highlighted") == 3
    assert browser.evaluate("window.__iegraph.focus('没有这个机构')") is None
    assert "没有这个机构" in browser.evaluate("document.getElementById('ie-message').textContent")
    enterprises = sum(1 for n in view.nodes if n.kind == "Enterprise")
    assert enterprises >= 2
    assert browser.evaluate("window.__iegraph.setKindVisible('Enterprise', false)") is True
    assert browser.evaluate("window.__iegraph.visibleNodes") == len(view.nodes) - enterprises
    browser.evaluate("window.__iegraph.setKindVisible('Enterprise', true)")
    # A real click on 大连理工大学 highlights it and its 5 carriers. Reset (un-highlight, fit
    # without animation) happens in the click handler, so the view is final when it returns.
    browser.evaluate("document.getElementById('ie-reset').click()")
    assert browser.evaluate("window.__iegraph.highlighted") == 0
    dut = browser.evaluate("window.__iegraph.nodeIndex('大连理工大学')")
    x, y = _node_center(browser, dut)
    browser.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
    browser.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)
    browser.wait_for("window.__iegraph.highlighted === 6", timeout=3.0)
    assert browser.evaluate("window.__iegraph.highlighted") == 6
    browser.screenshot(ARTIFACTS / "interaction-highlight.png")


def test_big_view_is_positioned_and_draws(browser: Browser) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from bench_viz import synthetic_view

    view = prepare(synthetic_view(5000))
    assert view.positioned
    path = write_html(view, ARTIFACTS / "synthetic-5000.html")
    report = browser.open(path)
    check_page(report, view, browser, "synthetic-5000")
    assert browser.evaluate("window.__iegraph.network.physics.options.enabled") is False
