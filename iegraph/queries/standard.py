"""The standard analyst questions of ``iegraph demo``, printed short."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iegraph.db import Runner
from iegraph.errors import NotFoundError
from iegraph.output import render
from iegraph.queries._base import REGISTRY

#: (title, question, parameters, columns shown, rows shown)
STANDARD: tuple[tuple[str, str, dict[str, Any], list[str], int], ...] = (
    ("What the graph holds", "stats", {"regions": 5}, ["section", "item", "count", "detail"], 40),
    (
        "Partners of 大连理工大学",
        "partners",
        {"org": "大连理工大学"},
        ["partner", "kind", "through", "n_sources"],
        10,
    ),
    (
        "How 一汽解放大连柴油机有限公司 reaches 大连理工大学",
        "path",
        {"from_org": "一汽解放大连柴油机有限公司", "to_org": "大连理工大学", "max_hops": 3, "paths": 2},
        ["path", "step", "from_org", "through", "to_org", "sources"],
        6,
    ),
    (
        "Depth of 大连理工大学's partnerships",
        "depth",
        {"org": "大连理工大学"},
        ["partner", "depth", "score", "types"],
        8,
    ),
    (
        "金普新区市域产教联合体: reported vs enumerated members",
        "consortium",
        {"name": "金普新区市域产教联合体"},
        ["section", "name", "reported", "enumerated", "coverage"],
        0,
    ),
    (
        "Brokers between colleges and enterprises",
        "brokers",
        {"top": 5},
        ["org", "kind", "betweenness", "degree"],
        5,
    ),
    ("Triple-Helix synergy per region", "synergy", {}, ["region", "units", "t_uig", "reading"], 6),
    ("Gaps", "gaps", {}, ["gap", "name", "scope"], 8),
)

#: question -> the title of its answer under ``--lang zh`` (STANDARD's English titles)
TITLES_ZH: dict[str, str] = {
    "stats": "图谱概况",
    "partners": "大连理工大学的合作方",
    "path": "一汽解放大连柴油机有限公司如何连到大连理工大学",
    "depth": "大连理工大学各合作关系的深度",
    "consortium": "金普新区市域产教联合体：报道的成员与列出的成员",
    "brokers": "院校与企业之间的中介机构",
    "synergy": "各地区的三螺旋协同",
    "gaps": "缺口",
}


def answer_text(
    title: str, name: str, rows: list[dict[str, Any]], columns: list[str], total: int, lang: str
) -> str:
    """One answer as the demo prints it: a title line, then the table, in ``lang``
    ("zh": Chinese title, headers and enumeration values, as ``iegraph --lang zh query``)."""
    if lang != "zh":
        return f"\n== {title}  (iegraph query {name}; {total} rows)\n" + render(rows, "table", columns)
    # imported here: iegraph.i18n imports the queries package, which imports this module
    from iegraph.i18n import translate_rows

    zh_rows, zh_columns = translate_rows(rows, columns)
    heading = f"\n== {TITLES_ZH.get(name, title)}（iegraph --lang zh query {name}；共 {total} 行）"
    return heading + "\n" + render(zh_rows, "table", zh_columns)


def answer_standard_questions(
    graph: Runner, echo: Callable[[str], None], show: Callable[[str], None], lang: str = "en"
) -> None:
    """Ask the standard questions on the loaded graph; print a few rows of each, in
    ``lang`` (the CLI's --lang: "en" or "zh")."""
    for title, name, params, columns, shown in STANDARD:
        try:
            rows: list[dict[str, Any]] = REGISTRY[name].run(graph, **params)
        except NotFoundError as exc:
            echo(f"[demo] question {name} skipped: {exc}")
            continue
        if name == "consortium":
            rows = [r for r in rows if r["section"] == "coverage"]
        total = len(rows)
        if shown:
            rows = rows[:shown]
        show(answer_text(title, name, rows, columns, total, lang))
    echo("[demo] standard questions answered (see `iegraph query list` for all of them)")
