"""Draft review in the workbench (``/drafts``) against the real Neo4j: the review flow
loads what was accepted with its quotes, match suggestions come from the graph, the
write routes refuse without --allow-writes or a good CSRF token, hostile text stays
text; plus the form parsing (pure) and one run through headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.testclient import TestClient

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders import WriteLock, bundled_seed_paths, load_paths
from iegraph.loaders.review import Review, draft_review
from iegraph.queries.evidence import evidence
from iegraph.queries.partners import partners
from iegraph.web.review import apply_form
from tests import webtools
from tests.browser import Browser

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_004 = ROOT / "iegraph" / "data" / "seeds" / "texts" / "004_1bfc3baa3dfa997f.txt"
SANYOU, DUT, PROJECT = "大连三友电器设备有限公司", "大连理工大学", "高低压电器装备制造产业产教融合实训基地"


def client(graph: Graph, allow_writes: bool = True) -> TestClient:
    """The workbench in process; writes allowed unless said otherwise."""
    return webtools.client(graph, allow_writes=allow_writes)


def token(c: TestClient) -> str:
    page = c.get("/drafts").text
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert found, "the start page has no CSRF token"
    return found.group(1)


def stored(app: object, review_id: str) -> Review:
    """The review ``review_id`` held by the app (its in-memory store)."""
    assert isinstance(app, Starlette)
    review = app.state.iegraph_reviews.get(review_id)
    assert isinstance(review, Review)
    return review


def key_of(review: Review, section: str, name: str) -> str:
    (item,) = [it for it in review.items if it.section == section and it.name == name]
    return item.key


def submit(c: TestClient, csrf: str, text: str) -> Review:
    """Paste ``text``: the answer sends the browser to the new review's page."""
    answer = c.post("/drafts", data={"text": text, "csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 303, answer.text[-500:]
    location = answer.headers["location"]
    assert re.fullmatch(r"/drafts/[A-Za-z0-9_-]{16}", location)
    return stored(c.app, location.rsplit("/", 1)[1])


def count(graph: Graph, cypher: str, **params: object) -> int:
    return int(graph.read(cypher, params)[0]["n"])


def test_the_review_flow_loads_two_organisations_and_a_project_with_their_quotes(graph: Graph) -> None:
    c = client(graph)
    csrf = token(c)
    review = submit(c, csrf, ARTICLE_004.read_text(encoding="utf-8"))
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    project = key_of(review, "projects", PROJECT)
    page = c.get(f"/drafts/{review.id}")
    assert page.status_code == 200
    assert f'id="i-{project}"' in page.text and f'id="s-{project}"' in page.text  # item and its mark
    form = {
        "csrf_token": csrf,
        f"action.{o_sanyou}": "accept",
        f"action.{o_dut}": "accept",
        f"action.{project}": "accept",
        f"parties.{project}": "1",
        f"keep.{project}": [o_sanyou, o_dut],
    }
    answer = c.post(f"/drafts/{review.id}/load", data=form)
    assert answer.status_code == 200, answer.text[-800:]
    assert "已载入图谱" in answer.text
    # exactly what was accepted is in the graph: two organisations, one project, one source
    assert count(graph, "MATCH (o:Organization) RETURN count(o) AS n") == 2
    assert count(graph, "MATCH (p:Project) RETURN count(p) AS n") == 1
    assert count(graph, "MATCH (n) WHERE n:Event OR n:Consortium OR n:Person RETURN count(n) AS n") == 0
    quote = review.item(project).quote
    assert quote and SANYOU in quote and DUT in quote
    rows = evidence(graph, name=PROJECT)
    own = [r for r in rows if r.other_id is None]  # the project itself: its sentence, one source
    assert [r.quote for r in own] == [quote]
    party_rows = [r for r in rows if r.other_id is not None]
    assert len(party_rows) == 2 and all(r.quote == quote for r in party_rows)
    (partner,) = partners(graph, org=SANYOU)
    assert partner.partner == DUT and partner.through == [f"project: {PROJECT}"]
    # the organisations carry their own sentence too
    org_quotes = {r.quote for r in evidence(graph, name=DUT) if r.other_id is None}
    assert review.item(o_dut).quote in org_quotes


def test_a_fact_with_a_rejected_party_is_refused_and_nothing_is_written(graph: Graph) -> None:
    c = client(graph)
    csrf = token(c)
    review = submit(c, csrf, ARTICLE_004.read_text(encoding="utf-8"))
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    project = key_of(review, "projects", PROJECT)
    form = {
        "csrf_token": csrf,
        f"action.{o_sanyou}": "accept",
        f"action.{o_dut}": "reject",
        f"action.{project}": "accept",
        f"parties.{project}": "1",
        f"keep.{project}": [o_sanyou, o_dut],
    }
    answer = c.post(f"/drafts/{review.id}/load", data=form)
    assert answer.status_code == 400
    assert "已被拒绝" in answer.text and "nothing was written" in answer.text
    assert count(graph, "MATCH (n) RETURN count(n) AS n") == 0
    # the decisions were kept: the page shows them as the reviewer left them
    assert review.decision(o_dut).action == "reject"


def test_a_load_while_another_writer_holds_the_graph_is_refused_naming_it(graph: Graph) -> None:
    c = client(graph)
    csrf = token(c)
    review = submit(c, csrf, ARTICLE_004.read_text(encoding="utf-8"))
    o_dut = key_of(review, "organizations", DUT)
    with WriteLock(graph, "iegraph load (a colleague)"):
        answer = c.post(f"/drafts/{review.id}/load", data={"csrf_token": csrf, f"action.{o_dut}": "accept"})
    assert answer.status_code == 409
    assert "being written by iegraph load (a colleague)" in answer.text
    assert count(graph, "MATCH (o:Organization) RETURN count(o) AS n") == 0
    # once it is done, the same decisions load
    answer = c.post(f"/drafts/{review.id}/load", data={"csrf_token": csrf})
    assert answer.status_code == 200 and count(graph, "MATCH (o:Organization) RETURN count(o) AS n") == 1


def test_suggestions_come_from_the_graph_and_a_match_reuses_the_node(graph: Graph) -> None:
    load_paths(graph, bundled_seed_paths())
    dut_id = graph.read("MATCH (o:Organization {name: $n}) RETURN o.id AS id", {"n": DUT})[0]["id"]
    before = count(graph, "MATCH (o:Organization) RETURN count(o) AS n")
    c = client(graph)
    csrf = token(c)
    review = submit(c, csrf, ARTICLE_004.read_text(encoding="utf-8"))
    o_dut = key_of(review, "organizations", DUT)
    suggestions = review.item(o_dut).suggestions
    assert suggestions[0].id == dut_id and suggestions[0].how == "same_name"
    assert review.decision(o_dut).match == dut_id  # one exact hit: pre-selected
    page = c.get(f"/drafts/{review.id}").text
    assert f'name="match.{o_dut}" value="{dut_id}" checked' in page
    answer = c.post(
        f"/drafts/{review.id}/load",
        data={"csrf_token": csrf, f"action.{o_dut}": "accept", f"match.{o_dut}": dut_id},
    )
    assert answer.status_code == 200, answer.text[-800:]
    assert count(graph, "MATCH (o:Organization) RETURN count(o) AS n") == before
    assert count(graph, "MATCH (o:Organization {name: $n}) RETURN count(o) AS n", n=DUT) == 1


def test_without_allow_writes_the_post_routes_refuse_and_nothing_is_written(graph: Graph) -> None:
    c = client(graph, allow_writes=False)
    start = c.get("/drafts")
    assert start.status_code == 200
    text = start.text
    assert "只读" in text and "--allow-writes" in text
    assert text.index("只读") < text.index("read-only")  # Chinese first
    assert "<fieldset disabled>" in text
    csrf = token(c)
    # a review that exists (as if opened before): its write routes refuse all the same
    review = draft_review(ARTICLE_004.read_text(encoding="utf-8"))
    app = c.app
    assert isinstance(app, Starlette)
    app.state.iegraph_reviews.add(review)  # the store the start page created
    everything = {f"action.{it.key}": "accept" for it in review.items}
    for path in ("/drafts", f"/drafts/{review.id}", f"/drafts/{review.id}/load"):
        answer = c.post(path, data={"csrf_token": csrf, "text": "x", **everything})
        assert answer.status_code == 403, path
        assert "只读" in answer.text
    page = c.get(f"/drafts/{review.id}")
    assert page.status_code == 200 and "只读" in page.text
    assert count(graph, "MATCH (n) RETURN count(n) AS n") == 0


def test_a_bad_csrf_token_or_another_origin_is_refused(graph: Graph) -> None:
    c = client(graph)
    csrf = token(c)
    review = submit(c, csrf, ARTICLE_004.read_text(encoding="utf-8"))
    accept_all = {f"action.{it.key}": "accept" for it in review.items}
    for data, headers in (
        ({"text": "x"}, {}),
        ({"text": "x", "csrf_token": "0" * 64}, {}),
        ({"text": "x", "csrf_token": csrf}, {"origin": "http://evil.example"}),
    ):
        for path in ("/drafts", f"/drafts/{review.id}/load"):
            answer = c.post(path, data={**data, **accept_all}, headers=headers)
            assert answer.status_code == 403, (path, data, headers)
    assert count(graph, "MATCH (n) RETURN count(n) AS n") == 0
    assert all(review.decision(it.key).action == "pending" for it in review.items)
    # an upload over the limit is refused before its body is read
    big = c.post(
        "/drafts",
        data={"csrf_token": csrf},
        files={"file": ("big.txt", "产".encode() * 800_000, "text/plain")},
    )
    assert big.status_code == 413 and "太大" in big.text


def test_a_hostile_article_renders_as_text(graph: Graph) -> None:
    c = client(graph)
    csrf = token(c)
    hostile = (
        "<script>alert('x')</script>近日，大连理工大学与<img src=x onerror=alert(1)>大连三友电器设备有限公司"
        "签署合作协议，共建实训基地。"
    )
    review = submit(c, csrf, hostile)
    page = c.get(f"/drafts/{review.id}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert DUT in page


def test_an_uploaded_gb18030_file_gives_the_same_review_as_pasted_text(graph: Graph) -> None:
    c = client(graph)
    csrf = token(c)
    text = ARTICLE_004.read_text(encoding="utf-8")
    answer = c.post(
        "/drafts",
        data={"csrf_token": csrf, "encoding": "auto", "text": ""},
        files={"file": ("004.txt", text.encode("gb18030"), "text/plain")},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[-500:]
    uploaded = stored(c.app, answer.headers["location"].rsplit("/", 1)[1])
    pasted = draft_review(text)
    assert [(it.key, it.name) for it in uploaded.items] == [(it.key, it.name) for it in pasted.items]
    assert uploaded.source.get("file") == "004.txt"
    bad = c.post(
        "/drafts",
        data={"csrf_token": csrf, "encoding": "utf-8"},
        files={"file": ("x.txt", text.encode("gb18030"), "text/plain")},
    )
    assert bad.status_code == 400 and "not valid utf-8" in bad.text


def test_the_review_form_sets_decisions_edits_and_unticked_parties() -> None:
    review = draft_review(ARTICLE_004.read_text(encoding="utf-8"))
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    project = key_of(review, "projects", PROJECT)
    form = FormData(
        [
            (f"action.{o_sanyou}", "accept"),
            (f"name.{o_sanyou}", "三友电器"),
            (f"match.{o_sanyou}", ""),
            (f"action.{o_dut}", "reject"),
            (f"action.{project}", "accept"),
            (f"parties.{project}", "1"),
            (f"keep.{project}", o_sanyou),
        ]
    )
    apply_form(review, form)
    assert review.decision(o_sanyou).action == "accept" and review.decision(o_sanyou).name == "三友电器"
    assert review.decision(o_dut).action == "reject"
    assert review.decision(project).drop == {o_dut}
    with pytest.raises(InputError, match="unknown decision"):
        apply_form(review, FormData([(f"action.{o_dut}", "maybe")]))
    with pytest.raises(InputError, match="not a suggested match"):
        apply_form(review, FormData([(f"action.{o_dut}", "accept"), (f"match.{o_dut}", "ent-elsewhere")]))


# --------------------------------------------------------------------------- headless Chromium


def _item_key(browser: Browser, name: str) -> str:
    """The key of the item named ``name`` on the review page (its card's id is i-KEY)."""
    found = browser.evaluate(
        "(function (name) { var a = Array.prototype.find.call(document.querySelectorAll('article.item'), "
        "function (a) { return a.querySelector('header strong').textContent === name; }); "
        f"return a ? a.id.slice(2) : null; }})({json.dumps(name)})"
    )
    assert found, f"no item {name} on the page"
    return str(found)


def test_paste_review_accept_and_load_in_chromium(graph: Graph, browser: Browser, tmp_path: Path) -> None:
    text = ARTICLE_004.read_text(encoding="utf-8")
    reports = []
    with webtools.served(graph, allow_writes=True) as url:
        reports.append(browser.open_url(url + "/drafts"))
        browser.evaluate(f"document.getElementById('text').value = {json.dumps(text)}; true")
        reports.append(
            browser.open_url(url, via="document.querySelector('form.review-new button[type=submit]').click()")
        )
        path = urlsplit(reports[-1].url).path
        assert re.fullmatch(r"/drafts/[A-Za-z0-9_-]{16}", path), browser.evaluate("document.body.innerText")[
            :600
        ]
        keys = [_item_key(browser, SANYOU), _item_key(browser, DUT), _item_key(browser, PROJECT)]
        for key in keys:
            browser.evaluate(
                f"document.querySelector('input[name=\"action.{key}\"][value=accept]').click(); true"
            )
        reports.append(browser.open_url(url, via="document.querySelector('button.primary').click()"))
        assert "已载入图谱" in browser.evaluate("document.querySelector('section.loaded').innerText")
        # the picture for docs/web.md: the project's clause marked beside its item
        browser.evaluate(f"document.getElementById('i-{keys[2]}').scrollIntoView({{block: 'center'}}); true")
        browser.evaluate(f"document.getElementById('s-{keys[2]}').scrollIntoView({{block: 'center'}}); true")
        browser.settle()
        shot = browser.screenshot(webtools.screenshot_path("web-review.png", tmp_path))
        assert shot.stat().st_size > 10_000, "an empty screenshot"
    for report in reports:
        assert report.ready, report.url
        assert report.errors == [], report.url
        assert report.requests and all(r.startswith(url) for r in report.requests), report.requests
    assert count(graph, "MATCH (o:Organization) RETURN count(o) AS n") == 2
    assert count(graph, "MATCH (p:Project) RETURN count(p) AS n") == 1
