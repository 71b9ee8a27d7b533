"""Entity pages (``/entity/<id>``, iegraph/web/entity.py) on the seed graph, in-process
(TestClient), a hostile name on a scratch graph, and one organisation page in headless
Chromium (with the screenshot docs/web.md shows, saved to docs/img only under
``make screenshots``)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from iegraph.db import Graph
from iegraph.loaders import load_paths
from iegraph.queries.lookup import resolve_any, resolve_consortium, resolve_org
from iegraph.queries.profile import Segment, find_entity, sections
from iegraph.schema.model import KEYED_LABELS
from iegraph.web.entity import amount_name, marked_text, safe_url, statement_zh
from tests.browser import Browser
from tests.dbtools import load_seed_graph
from tests.webtools import client, screenshot_path, served

DUT = "大连理工大学"
SANYOU = "大连三友电器设备有限公司"
SANYOU_PROJECT = "高低压电器装备制造产业产教融合实训基地"
SANYOU_QUOTE = "大连三友电器设备有限公司与大连理工大学合作,共建高低压电器装备制造产业产教融合实训基地项目"
SOURCE_004 = "seed-004-dalian-daily-20240517"


_SEED_SIZE: dict[str, int] = {}


@pytest.fixture
def seed(session_graph: Graph) -> Graph:
    """The seed graph: loaded once, and again only when a test with a scratch graph wiped it."""
    n = session_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if _SEED_SIZE.get("n") != n:
        load_seed_graph(session_graph)
        _SEED_SIZE["n"] = session_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    return session_graph


@pytest.fixture
def web(seed: Graph) -> TestClient:
    return client(seed)


def _text(fragment: str) -> str:
    """A page fragment as text: tags dropped, entities unescaped, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _row_of(page: str, partner_id: str) -> str:
    """The partners table's row of one partner."""
    match = re.search(
        rf'<tr class="basis-[^"]+" data-partner="{re.escape(partner_id)}">(.*?)</tr>', page, re.S
    )
    assert match, f"no partner row for {partner_id}"
    return match.group(0)


def test_org_page_lists_partner_with_project_and_quote(web: TestClient, seed: Graph) -> None:
    dut = resolve_org(seed, DUT).id
    page = web.get(f"/entity/{dut}")
    assert page.status_code == 200
    assert "<h1>" in page.text and DUT in _text(page.text.split("</h1>")[0])
    row = _row_of(page.text, resolve_org(seed, SANYOU).id)
    text = _text(row)
    assert SANYOU in text and "实际合作" in text
    project_id = resolve_any(seed, SANYOU_PROJECT).id
    assert f'href="/entity/{project_id}"' in row  # the project that connects them, as a link
    assert SANYOU_QUOTE in text  # and that relationship's own quote
    # the ego view of the organisation is embedded (the core's view route, same renderer)
    assert f'<iframe class="view" src="/view/ego/raw?org={dut}"' in page.text


def test_co_presence_pair_is_marked_not_partner(web: TestClient, seed: Graph) -> None:
    dut = resolve_org(seed, DUT).id
    page = web.get(f"/entity/{dut}").text
    # 一汽解放大连柴油机 only shares the consortium with 大工: co-presence, never "working"
    row = _row_of(page, resolve_org(seed, "一汽解放大连柴油机有限公司").id)
    assert 'class="basis-co-presence"' in row
    text = _text(row)
    assert "同场共现" in text and "实际合作" not in text and "深度合作" not in text


def test_consortium_page_lists_members_leads_first(web: TestClient, seed: Graph) -> None:
    cons = resolve_consortium(seed, "长春市汽车产业集群产教联合体").id
    page = web.get(f"/entity/{cons}")
    assert page.status_code == 200
    section = page.text.split('data-section="members"', 1)[1].split("</section>", 1)[0]
    members = re.findall(
        r'<li>\s*<a href="/entity/([^"]+)">([^<]+)</a>.*?<span class="role">([^<]+)</span>', section, re.S
    )
    assert members, "no members listed"
    leads = seed.read(
        "MATCH (o:Organization)-[:MEMBER_OF {role: 'lead'}]->(:Consortium {id: $id}) RETURN o.id AS id",
        {"id": cons},
    )
    assert {m[0] for m in members if m[2] == "牵头单位"} == {r["id"] for r in leads}
    assert members[0][2] == "牵头单位"
    # the reported composition keeps its qualifier
    assert "近120" in _text(page.text)
    assert f'src="/view/consortium/raw?name={cons}"' in page.text
    # the links to the questions whose parameter is called ``name``
    assert f'href="/query/consortium?name={cons}"' in page.text
    assert f'href="/query/evidence?name={cons}"' in page.text


def test_project_page_keeps_qualifiers_and_unit(web: TestClient, seed: Graph) -> None:
    pid = resolve_any(seed, "辽宁省装备制造产业产教融合实训基地").id
    text = _text(web.get(f"/entity/{pid}").text)
    assert "成果：实习岗位 2800余" in text and "成果：培训 2.6万余人次" in text
    assert "投资额 1.2亿元" in text
    assert "2800 " not in text.replace("2800余", "")  # never the bare number


def test_source_page_highlights_a_quote(web: TestClient) -> None:
    page = web.get(f"/entity/{SOURCE_004}")
    assert page.status_code == 200
    body = page.text.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
    marks = [html.unescape(m) for m in re.findall(r"<mark [^>]*>(.*?)</mark>", body, re.S)]
    assert any(SANYOU_QUOTE in m for m in marks) or SANYOU_QUOTE in "".join(marks)
    assert "未在文中找到" not in page.text  # every quote of the seed sheet is found
    assert "大连日报" in _text(page.text)  # publisher on the card


def test_unknown_id_is_a_chinese_404(web: TestClient) -> None:
    page = web.get("/entity/no-such-id")
    assert page.status_code == 404
    assert "未找到" in page.text and "no-such-id" in page.text


def test_region_page_caps_its_lists(web: TestClient, seed: Graph) -> None:
    rid = resolve_any(seed, "大连市").id
    page = web.get(f"/entity/{rid}", params={"limit": 2}).text
    section = page.split('data-section="organizations"', 1)[1].split("</section>", 1)[0]
    assert len(re.findall(r"<li>", section)) == 2
    assert f'href="/entity/{rid}?limit=8"' in section  # the "more" link asks for more
    assert web.get(f"/entity/{rid}", params={"limit": "x"}).status_code == 400


@pytest.mark.parametrize("label", [lbl.value for lbl in KEYED_LABELS])
def test_every_kind_of_node_has_a_page(web: TestClient, seed: Graph, label: str) -> None:
    """One node of each label: its page answers, names it and lists its first section."""
    entity_id = seed.read(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id LIMIT 1")[0]["id"]
    card = find_entity(seed, entity_id)
    assert card is not None
    page = web.get(f"/entity/{entity_id}")
    assert page.status_code == 200
    assert card.name in _text(page.text.split("</h1>")[0])
    shown = sections(seed, card)
    if shown:
        first = shown[0]
        assert f'data-section="{first.section.key}"' in page.text
        assert f'href="/entity/{first.items[0].id}"' in page.text


def test_person_page_lists_positions(web: TestClient, seed: Graph) -> None:
    row = seed.read(
        "MATCH (p:Person)-[h:HOLDS_POSITION]->(o:Organization) RETURN p.id AS id, o.name AS org, h.title AS title LIMIT 1"
    )[0]
    text = _text(web.get(f"/entity/{row['id']}").text)
    assert "任职" in text and row["org"] in text and row["title"] in text


HOSTILE = '<script>alert("x")</script>恶意&机构'


def test_hostile_name_renders_as_text(graph: Graph, tmp_path: Path) -> None:
    sheet = tmp_path / "hostile.yaml"
    sheet.write_text(
        "source:\n  id: src-hostile\n  title: '<img src=x onerror=alert(1)>'\n"
        "  url: 'javascript:alert(1)'\n"
        "organizations:\n"
        f"  - key: bad\n    name: '{HOSTILE}'\n    kind: Enterprise\n"
        "    quote: '<b>bold</b> quote'\n",
        encoding="utf-8",
    )
    load_paths(graph, [sheet])
    web = client(graph)
    oid = resolve_org(graph, HOSTILE).id
    page = web.get(f"/entity/{oid}").text
    # the name as stored (the loader normalises brackets to full width), escaped
    stored = graph.read("MATCH (o:Organization {id: $id}) RETURN o.name AS name", {"id": oid})[0]["name"]
    assert "<script>" in stored
    assert str(escape(stored)) in page and "<script>alert" not in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt; quote" in page
    source = web.get("/entity/src-hostile").text
    assert "<img src=x" not in source and "&lt;img src=x onerror=alert(1)&gt;" in source
    assert 'href="javascript:' not in source  # a non-http URL is shown as text, never a link


def test_marked_text_escapes_before_marking() -> None:
    out = str(marked_text([Segment("<b>", ()), Segment("甲&乙", (1, 2))]))
    assert out == '&lt;b&gt;<mark data-facts="1 2" title="事实 1 2">甲&amp;乙</mark>'


def test_labels() -> None:
    assert amount_name("output_internship_places") == "成果：实习岗位"
    assert amount_name("reported_enterprise") == "报道构成：企业"
    assert amount_name("output_new_thing") == "成果：new_thing"
    assert statement_zh("-[PARTICIPATES_IN]-> 某项目 (partner)") == "→ 参与 某项目 (partner)"
    assert statement_zh("<-[MEMBER_OF]- 某机构") == "← 成员 某机构"
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None and safe_url(" data:text/html,x") is None


def _errors(events: list[dict[str, Any]]) -> list[str]:
    """Console errors and uncaught exceptions among DevTools events (the frame's included)."""
    out = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            out.append(str(params.get("exceptionDetails", {}).get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            out.append(str(params.get("args")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            out.append(str(params["entry"].get("text")))
    return out


def test_org_page_in_chromium(seed: Graph, browser: Browser, tmp_path: Path) -> None:
    dut = resolve_org(seed, DUT).id
    with served(seed) as base:
        report = browser.open_url(f"{base}/entity/{dut}")
        assert report.ready, "the page did not load"
        # the embedded ego view draws: the renderer reports ready inside the frame
        drawn = browser.wait_for(
            "(function(){var f=document.querySelector('iframe.view');"
            "var w=f && f.contentWindow; return !!(w && w.__iegraph && w.__iegraph.ready);})()",
            timeout=30,
        )
        assert drawn, "the ego view in the frame never drew"
        assert _errors(browser.events_since()) == []
        assert all(u.startswith((base, "data:")) for u in report.requests), report.requests
        partner = browser.evaluate(
            f"document.querySelector('tr[data-partner=\"{resolve_org(seed, SANYOU).id}\"]').innerText"
        )
        assert SANYOU in partner and SANYOU_PROJECT in partner
        # a taller viewport for the picture in docs/web.md: the card, the partners, their quotes
        browser.call(
            "Emulation.setDeviceMetricsOverride", width=1400, height=1500, deviceScaleFactor=1, mobile=False
        )
        try:
            browser.settle()
            shot = browser.screenshot(screenshot_path("web-entity.png", tmp_path))
        finally:
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                width=1400,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
    assert shot.stat().st_size > 10_000, "an empty screenshot"
