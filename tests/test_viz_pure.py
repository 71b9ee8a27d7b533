"""Pure tests of the view building blocks: escaping, page assembly, layout, summary."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from iegraph.viz.graphdata import SourceRef, ViewGraph, VizEdge, VizNode, build_graph, kind_of, to_view
from iegraph.viz.html import payload, render_html, script_json, write_html
from iegraph.viz.layout import group_layout, prepare, summarise
from iegraph.viz.views import id_values

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "a & b > c",
    "line\u2028separator\u2029paragraph",
    "\"quotes\" 'single' `back`",
    "@VIS_JS@",
]

DATA_OPEN = '<script id="iegraph-data" type="application/json">'


def page_data(html: str) -> dict[str, object]:
    start = html.index(DATA_OPEN) + len(DATA_OPEN)
    return dict(json.loads(html[start : html.index("</script>", start)]))


def small_view(names: list[str]) -> ViewGraph:
    nodes = [
        VizNode(f"k{i}", name, "Enterprise", aliases=(name,), sources=(SourceRef(name, "2024-01-02"),))
        for i, name in enumerate(names)
    ]
    edges = [VizEdge(f"k{i}", f"k{i + 1}", "SIGNED", role=names[i]) for i in range(len(names) - 1)]
    return ViewGraph(names[0], names[-1], nodes, edges, data_date="2024-01-02")


def test_script_json_escapes_and_round_trips() -> None:
    text = script_json({"names": HOSTILE})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == {"names": HOSTILE}


def test_page_carries_hostile_text_only_as_json() -> None:
    html = render_html(small_view(HOSTILE))
    data = page_data(html)
    assert [row[0] for row in data["nodes"]] == HOSTILE  # type: ignore[index,union-attr]
    assert data["title"] == HOSTILE[0]
    # nothing of the data appears as markup
    assert "<img src=x" not in html
    assert html.count("</script>") == 3  # data, vis-network, view script
    # a marker-looking name is data, not a place to paste vis-network again
    assert html.count("vis-network") < 50


def test_page_loads_nothing_from_the_network() -> None:
    html = render_html(small_view(["大连理工大学", "大连三友电器设备有限公司"]))
    assert not re.search(r"""<(script|link|img|iframe)[^>]*\s(src|href)\s*=""", html, re.IGNORECASE)
    assert "sourceMappingURL" not in html
    assert "default-src 'none'" in html
    assert not re.search(r"""url\(\s*['"]?(https?:)?//""", html)


def test_written_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    code = (
        "from iegraph.viz.graphdata import ViewGraph, VizNode\n"
        "from iegraph.viz.html import write_html\n"
        f"write_html(ViewGraph('产教融合', '大连', [VizNode('a', '大连理工大学', 'College')], []), {str(out)!r})\n"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    script = tmp_path / "write.py"  # a file: argv would be decoded with the C locale
    script.write_text(code, encoding="utf-8")
    subprocess.run([sys.executable, str(script)], check=True, env=env)
    assert "大连理工大学" in out.read_bytes().decode("utf-8")


def test_build_graph_keeps_model_types_and_known_ends() -> None:
    nodes = [
        {
            "key": "a",
            "labels": ["Organization", "College"],
            "name": "甲",
            "sources": [{"title": "T", "date": "2023"}],
        },
        {"key": "b", "labels": ["Project"], "name": "乙"},
        {"key": "c", "labels": ["Organization", "Evil`Label"], "name": "丙", "kind": "Evil"},
    ]
    edges = [
        {"a": "a", "b": "b", "type": "PARTICIPATES_IN", "role": "lead", "sources": ["s1", "missing"]},
        {"a": "c", "b": "b", "type": "DROP_ALL", "sources": []},
        {"a": "a", "b": "zz", "type": "SIGNED", "sources": []},
    ]
    view = to_view(build_graph(nodes, edges, {"s1": {"title": "来源一", "date": "2024-05"}}), "t", "s")
    assert [(e.source, e.target, e.type) for e in view.edges] == [("a", "b", "PARTICIPATES_IN")]
    assert view.edges[0].sources == (SourceRef("来源一", "2024-05"),)
    kinds = {n.key: n.kind for n in view.nodes}
    assert kinds == {"a": "College", "b": "Project", "c": "OtherOrganization"}
    assert {n.key: n.degree for n in view.nodes} == {"a": 1, "b": 1, "c": 0}
    assert view.data_date == "2024-05"
    assert kind_of(["Region"]) == "Region"


def test_group_layout_places_every_node_apart() -> None:
    nodes = [
        VizNode(f"n{i}", f"n{i}", ("College", "Enterprise", "Project")[i % 3], degree=i % 7)
        for i in range(3000)
    ]
    group_layout(nodes)
    points = {(n.x, n.y) for n in nodes}
    assert len(points) == len(nodes)
    assert all(
        n.x is not None and n.y is not None and math.isfinite(n.x) and math.isfinite(n.y) for n in nodes
    )
    # the best-connected college sits at the centre of the college disk
    colleges = [n for n in nodes if n.kind == "College"]
    hub = max(colleges, key=lambda n: n.degree)
    cx = sum(n.x or 0 for n in colleges) / len(colleges)
    cy = sum(n.y or 0 for n in colleges) / len(colleges)
    nearest = min(colleges, key=lambda n: math.hypot((n.x or 0) - cx, (n.y or 0) - cy))
    assert nearest.degree == hub.degree


def test_prepare_lays_out_big_views_and_summarises_huge_ones() -> None:
    def view(n: int) -> ViewGraph:
        nodes = [
            VizNode(f"n{i}", f"n{i}", "Enterprise" if i % 2 else "College", region=f"r{i % 3}")
            for i in range(n)
        ]
        edges = [VizEdge(f"n{i}", f"n{i + 1}", "SIGNED") for i in range(n - 1)]
        return ViewGraph("t", "s", nodes, edges)

    small = prepare(view(50), hard_cap=100, threshold=60)
    assert not small.positioned and small.summary is None
    big = prepare(view(80), hard_cap=100, threshold=60)
    assert big.positioned and big.summary is None
    huge = prepare(view(150), hard_cap=100, threshold=60)
    assert huge.summary and "150 nodes" in huge.summary and "100-node cap" in huge.summary
    assert len(huge.nodes) == 6  # 2 kinds x 3 regions
    assert sum(n.count for n in huge.nodes) == 150
    assert sum(e.count for e in huge.edges) == 149
    data = payload(huge)
    assert "summarised" in str(data["summary"]).lower()
    assert "150 nodes" in str(data["caption"]) and "个节点" not in str(data["caption"])
    # the same view with Chinese words (iegraph --lang zh)
    zh = view(150)
    zh.lang = "zh"
    data = payload(prepare(zh, hard_cap=100, threshold=60))
    assert str(data["summary"]).startswith("汇总视图：150 个节点") and "100 个节点的上限" in str(
        data["summary"]
    )
    assert "150 个节点" in str(data["caption"]) and "nodes" not in str(data["caption"])


def test_summarise_keeps_kinds() -> None:
    nodes = [VizNode("a", "a", "College", region="大连市"), VizNode("b", "b", "College", region="大连市")]
    out = summarise(ViewGraph("t", "s", nodes, [VizEdge("a", "b", "SIGNED")]), cap=1)
    assert [(n.kind, n.count, n.name) for n in out.nodes] == [("College", 2, "college · 大连市 (2)")]
    assert [(e.type, e.count) for e in out.edges] == [("SIGNED", 1)]
    chinese = ViewGraph("t", "s", [VizNode("a", "a", "College"), VizNode("b", "b", "College")], [], lang="zh")
    out = summarise(chinese, cap=1)
    assert [(n.name, n.detail) for n in out.nodes] == [("院校 · 地区未知 (2)", "汇总组，共 2 个")]
    assert out.lang == "zh"


def test_id_values_from_answer_columns() -> None:
    rows = [
        {"id": "a", "partner_id": "b", "via_ids": ["c", "d"], "name": "x", "sources": ["s1"]},
        {"partner_id": "b", "via_ids": None, "org_id": None},
    ]
    assert id_values(rows) == ["a", "b", "c", "d"]


def test_question_arguments() -> None:
    import click

    from iegraph.commands.query import parse_question_args
    from iegraph.queries import REGISTRY

    # The same flags, types and choices as `iegraph query NAME` (path's --from/--to,
    # brokers' --with-co-presence flag, case-insensitive --kind).
    assert parse_question_args(REGISTRY["path"], ["--from", "大工", "--to=三友", "--max-hops", "3"]) == {
        "from_org": "大工",
        "to_org": "三友",
        "max_hops": 3,
        "paths": 3,
        "through_hubs": False,
        "hub_degree": 200,
    }
    brokers = parse_question_args(REGISTRY["brokers"], ["--with-co-presence", "--top", "5"])
    assert brokers["with_co_presence"] is True and brokers["top"] == 5
    assert (
        parse_question_args(REGISTRY["recommend"], ["--org", "大工", "--kind", "enterprise"])["kind"]
        == "Enterprise"
    )
    with pytest.raises(click.UsageError):
        parse_question_args(REGISTRY["partners"], ["--org"])
    with pytest.raises(click.UsageError):
        parse_question_args(REGISTRY["partners"], ["大工"])
    with pytest.raises(click.UsageError) as missing:
        parse_question_args(REGISTRY["path"], ["--from", "大工"])
    assert "--to" in missing.value.format_message()
    with pytest.raises(click.UsageError):
        parse_question_args(REGISTRY["path"], ["--from", "大工", "--to", "x", "--max-hops", "many"])


def test_write_html_creates_parent(tmp_path: Path) -> None:
    path = write_html(small_view(["甲", "乙"]), tmp_path / "deep" / "v.html")
    assert page_data(path.read_text(encoding="utf-8"))["caption"]


def test_view_words_in_both_languages_take_the_same_values() -> None:
    import re
    import string

    from iegraph.i18n import VIEW_TEXT
    from iegraph.viz.html import page_text

    cjk = re.compile("[\u4e00-\u9fff]")
    for key, (en, zh) in VIEW_TEXT.items():
        fields = [{f for _t, f, _s, _c in string.Formatter().parse(text) if f} for text in (en, zh)]
        assert fields[0] == fields[1], key
        # Chinese words, or at least Chinese punctuation (（…）, ，)
        assert not cjk.search(en) and zh != en, key
    english, chinese = page_text("en"), page_text("zh")
    assert set(english) == set(chinese) >= {"find", "kinds", "degree", "sources", "co_presence", "not_found"}
    assert chinese["co_presence"] == "同场共现" and english["co_presence"] == "co-presence"
