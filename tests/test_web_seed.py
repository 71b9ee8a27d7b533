"""The workbench's core pages on the seed graph, in-process (TestClient): home, search,
question pages and their downloads against the CLI's own output, views."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from starlette.testclient import TestClient

from iegraph.db import Graph
from iegraph.queries.lookup import resolve_org
from tests.dbtools import load_seed_graph
from tests.helpers import run_cli
from tests.webtools import client

DUT = "大连理工大学"


@pytest.fixture(scope="module")
def seed(session_graph: Graph) -> Iterator[Graph]:
    """The seed graph, loaded once; no test of this module writes to the database."""
    yield load_seed_graph(session_graph)


@pytest.fixture(scope="module")
def web(seed: Graph) -> TestClient:
    return client(seed)


def _cli_json(*args: str) -> list[dict[str, object]]:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def _links(page: str) -> list[tuple[str, str]]:
    """(href, text) of every link of a page, unescaped."""
    return [
        (html.unescape(h), html.unescape(re.sub(r"<[^>]+>", "", t)).strip())
        for h, t in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', page, re.DOTALL)
    ]


@pytest.mark.parametrize("text", ["大工", "大連理工大學", "大连理工大学", " 大工 "])
def test_search_finds_dut_by_short_form_and_traditional_spelling(
    web: TestClient, seed: Graph, text: str
) -> None:
    page = web.get("/search", params={"q": text})
    assert page.status_code == 200
    results = _links(page.text.split('id="results"')[1].split("</ul>")[0])
    # an exact match of the name or an alias comes first
    assert results[0] == ("/entity/" + quote(resolve_org(seed, DUT).id, safe=""), DUT)


def test_search_traditional_short_form_of_an_association(web: TestClient) -> None:
    # 長春企聯: the traditional spelling of the alias 长春企联
    texts = [t for _h, t in _links(web.get("/search", params={"q": "長春企聯"}).text)]
    assert "长春市企业联合会" in texts


@pytest.mark.parametrize("text", ["不存在的机构名称", "---", "（）", "\"'`"])
def test_search_for_nothing_says_so(web: TestClient, text: str) -> None:
    page = web.get("/search", params={"q": text})
    assert page.status_code == 200 and 'id="no-results"' in page.text


def test_search_lists_every_kind_exact_match_first(web: TestClient, seed: Graph) -> None:
    results = _links(
        web.get("/search", params={"q": "大连市"}).text.split('id="results"')[1].split("</ul>")[0]
    )
    names = [t for _h, t in results]
    assert names[0] == "大连市"  # the region itself
    expected = {
        r["name"]
        for r in seed.read(
            "MATCH (n) WHERE n.name CONTAINS '大连市' OR any(a IN coalesce(n.aliases, []) WHERE a CONTAINS '大连市') "
            "RETURN n.name AS name"
        )
    }
    assert len(expected) > 2 and expected <= set(names)


def test_home_lists_counts_consortia_regions_and_sources(web: TestClient, cli_env: dict[str, str]) -> None:
    page = web.get("/")
    assert page.status_code == 200
    stats = {(r["section"], r["item"]): r["count"] for r in _cli_json("query", "stats")}
    counts = re.findall(r'<li><span class="n">(\d+)</span>(.*?)</li>', page.text)
    shown = {re.sub(r"<[^>]+>", "", label).split()[-1]: int(n) for n, label in counts}
    assert shown["College"] == stats[("kind", "College")]
    assert shown["Enterprise"] == stats[("kind", "Enterprise")]
    assert shown["Consortium"] == stats[("label", "Consortium")]
    assert shown["Source"] == stats[("label", "Source")]
    texts = [t for _h, t in _links(page.text)]
    assert "大连金普新区（大连经济技术开发区）市域产教联合体" in texts
    assert "大连市" in texts
    # every source is listed (the seed has five), each linked to its page
    source_links = [h for h, _t in _links(page.text.split('id="sources"')[1].split("</ul>")[0])]
    assert len(source_links) == stats[("label", "Source")] == 5
    assert all(h.startswith("/entity/") for h in source_links)


def test_partners_form_returns_the_cli_rows(web: TestClient, cli_env: dict[str, str]) -> None:
    cli_rows = _cli_json("query", "partners", "--org", DUT)
    assert cli_rows, "the seed graph gives 大连理工大学 partners"
    # the download is the CLI's json, row for row
    download = web.get("/query/partners", params={"org": DUT, "format": "json"})
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/json")
    assert json.loads(download.text) == cli_rows
    # the page's table: the same partners in the same order, each linked to its page
    page = web.get("/query/partners", params={"org": DUT})
    assert page.status_code == 200
    body = page.text.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    assert len(rows) == len(cli_rows)
    first_links = [_links(r)[0] for r in rows]
    assert first_links == [("/entity/" + str(r["partner_id"]), str(r["partner"])) for r in cli_rows]
    assert "大连三友电器设备有限公司" in [t for _h, t in first_links]
    # Chinese headers with the CLI's column names beside them
    assert '合作方 <span class="en">partner</span>' in page.text


def test_xlsx_download_opens_with_the_cli_rows(
    web: TestClient, cli_env: dict[str, str], tmp_path: Path
) -> None:
    response = web.get("/query/partners", params={"org": DUT, "format": "xlsx"})
    assert response.status_code == 200
    assert 'filename="partners.xlsx"' in response.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    # the same workbook as `iegraph --lang zh query partners --format xlsx` writes
    out = tmp_path / "cli.xlsx"
    result = run_cli("--lang", "zh", "query", "partners", "--org", DUT, "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    cli_sheet = openpyxl.load_workbook(out).active
    assert cli_sheet is not None
    assert [header, *cells] == [list(r) for r in cli_sheet.iter_rows(values_only=True)]
    # and its rows are the json rows
    json_rows = _cli_json("query", "partners", "--org", DUT)
    assert [c[header.index("合作方")] for c in cells] == [r["partner"] for r in json_rows]
    assert [c[header.index("来源数")] for c in cells] == [r["n_sources"] for r in json_rows]


def test_csv_download_starts_with_a_bom(web: TestClient) -> None:
    response = web.get("/query/partners", params={"org": DUT, "format": "csv"})
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "大连三友电器设备有限公司" in [r["合作方"] for r in rows]


def test_unknown_organisation_is_a_404_with_suggestions(web: TestClient) -> None:
    page = web.get("/query/partners", params={"org": "大连理工学院"})
    assert page.status_code == 404
    message = html.unescape(page.text)
    assert 'no organisation named "大连理工学院"; did you mean: 大连理工大学' in message
    assert "未找到" in message and "Traceback" not in message


def test_view_page_frames_the_renderer(web: TestClient) -> None:
    page = web.get("/view/ego", params={"org": DUT})
    assert page.status_code == 200
    frame = html.unescape(re.search(r'<iframe class="view" src="([^"]+)"', page.text).group(1))  # type: ignore[union-attr]
    raw = web.get(frame)
    assert raw.status_code == 200
    assert '<script id="iegraph-data" type="application/json">' in raw.text
    csp = raw.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert csp.count("'sha256-") == 2  # vis-network and the view's own script
    data = json.loads(raw.text.split('type="application/json">')[1].split("</script>")[0])
    assert DUT in data["title"]


def test_query_view_of_a_question(web: TestClient) -> None:
    raw = web.get("/view/query/raw", params={"question": "partners", "org": DUT})
    assert raw.status_code == 200
    data = json.loads(raw.text.split('type="application/json">')[1].split("</script>")[0])
    assert "partners" in data["title"] and len(data["nodes"]) > 1
