"""The workbench without a database: security headers, Host and CSRF refusals, the
--allow-writes guard, Chinese error pages, forms generated from the registry, and
``iegraph serve`` refusing a non-loopback --host. (The Graph points at a closed port:
none of these requests may reach the database, and one that did would fail.)"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from iegraph.db import Graph
from iegraph.queries import REGISTRY
from iegraph.web.app import create_app
from iegraph.web.security import CSRF_FIELD, check_csrf, csrf_token, require_writes
from iegraph.web.state import WebState, state_of
from iegraph.web.templating import query_url, question_zh, view_url
from iegraph.web.viewpages import view_csp
from tests.helpers import run_cli
from tests.webtools import BASE_URL, DOCS_IMG, SCREENSHOTS_ENV, screenshot_path


@pytest.fixture
def nowhere() -> Iterator[Graph]:
    """A Graph whose driver points at a closed port (the driver connects only when used)."""
    driver = GraphDatabase.driver("bolt://127.0.0.1:9", auth=("neo4j", "unused"))
    yield Graph(driver, "neo4j")
    driver.close()


def _client(graph: Graph, **kwargs: object) -> TestClient:
    return TestClient(create_app(WebState(graph=graph, **kwargs)), base_url=BASE_URL)  # type: ignore[arg-type]


def test_every_page_carries_a_strict_csp(nowhere: Graph) -> None:
    response = _client(nowhere).get("/query")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert "unsafe" not in csp
    assert directives["frame-ancestors"] == "'self'"
    assert response.headers["x-content-type-options"] == "nosniff"
    # and the page keeps to it: no inline script or style attribute
    assert "<script>" not in response.text and "style=" not in response.text
    assert '<script src="/static/table.js"></script>' in response.text


def test_unknown_page_and_question_are_chinese_404s(nowhere: Graph) -> None:
    client = _client(nowhere)
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "未找到" in page.text and "Traceback" not in page.text
    assert "content-security-policy" in page.headers
    question = client.get("/query/no_such_question")
    assert question.status_code == 404
    assert "没有名为 'no_such_question' 的问题" in html.unescape(question.text)
    assert "partners" in question.text  # the known questions are named
    view = client.get("/view/no_such_view")
    assert view.status_code == 404 and "没有名为 'no_such_view' 的视图" in html.unescape(view.text)


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/query/stats?regions=many", "应为整数"),
        ("/query/partners?org=x&with_co_presence=maybe", "应为是/否"),
        ("/query/projects?type=castle", "只能取"),
        ("/query/partners?org=x&colour=red", "没有参数"),
        ("/query/partners?org=", "必填"),
        ("/query/stats?format=pdf", "format"),
    ],
)
def test_bad_parameters_are_400_pages_before_any_query(nowhere: Graph, path: str, says: str) -> None:
    response = _client(nowhere).get(path)
    assert response.status_code == 400, response.text
    assert says in response.text and "Traceback" not in response.text


def test_question_form_is_generated_from_the_registry(nowhere: Graph) -> None:
    # a required parameter not given yet: the form alone, no query
    page = _client(nowhere).get("/query/recommend").text
    assert 'name="org"' in page and "required" in page
    assert 'type="number" id="f-top" name="top" value="10"' in page  # int default from the Param
    assert '<option value="Enterprise">企业 · Enterprise</option>' in page  # choices, Chinese first
    assert 'type="checkbox" id="f-with_co_presence"' in page  # bool -> checkbox
    assert "candidate new partners" in page  # the description
    # in Chinese, the Chinese half of the question's summary first, the English after it
    assert "X 下一步可以与谁合作？" in page
    assert "X 下一步可以与谁合作？" not in _client(nowhere, lang="en").get("/query/recommend").text
    listing = _client(nowhere).get("/query").text
    assert (
        "X 与哪些单位合作，通过什么方式？" in listing
        and "一个地区的政府、院校、企业三螺旋协同度如何？" in listing
    )


def test_every_question_has_a_chinese_summary() -> None:
    """The Chinese question pages show each question's Chinese half: none may lack one."""
    missing = [name for name, spec in REGISTRY.items() if not question_zh(spec)]
    assert missing == []
    assert question_zh(REGISTRY["consortium"]).startswith("联合体 C 由谁牵头")


def test_unknown_host_is_refused(nowhere: Graph) -> None:
    response = _client(nowhere).get("/query", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert "unknown host" in response.text
    # loopback names are served
    assert _client(nowhere).get("/query", headers={"host": "localhost:8765"}).status_code == 200


def _write_app(graph: Graph, allow_writes: bool) -> TestClient:
    """The workbench plus a POST route guarded as the review's write routes are (writes
    allowed, then the token) and a page that hands out the token, as a form would."""

    async def write(request: Request) -> Response:
        require_writes(state_of(request))
        check_csrf(request, await request.form())
        return PlainTextResponse("written")

    async def token(request: Request) -> Response:
        return PlainTextResponse(csrf_token(request))

    app = create_app(WebState(graph=graph, allow_writes=allow_writes))
    app.router.routes.insert(0, Route("/w", write, methods=["POST"]))
    app.router.routes.insert(0, Route("/t", token))
    return TestClient(app, base_url=BASE_URL)


def test_writes_are_refused_without_allow_writes(nowhere: Graph) -> None:
    client = _write_app(nowhere, allow_writes=False)
    token = client.get("/t").text
    response = client.post("/w", data={CSRF_FIELD: token})
    assert response.status_code == 403
    assert "--allow-writes" in response.text and "只读" in response.text


def test_csrf_refusals(nowhere: Graph) -> None:
    client = _write_app(nowhere, allow_writes=True)
    token = client.get("/t").text
    assert client.post("/w", data={CSRF_FIELD: token}).text == "written"
    no_token = client.post("/w", data={})
    assert no_token.status_code == 403 and "表单已失效" in no_token.text
    assert client.post("/w", data={CSRF_FIELD: "0" * 64}).status_code == 403
    # the right token sent from another site's page
    cross = client.post("/w", data={CSRF_FIELD: token}, headers={"origin": "http://evil.example"})
    assert cross.status_code == 403
    # another process (a restart) has another secret: its token is worthless here
    other = _write_app(nowhere, allow_writes=True)
    assert other.post("/w", data={CSRF_FIELD: token}).status_code == 403


def test_view_csp_allows_exactly_the_inline_scripts() -> None:
    html = "<script>a()</script><script type='application/json'>{}</script><script>\nb()\n</script>"
    csp = view_csp(html)
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src")).split()[1:]
    # sha256 of "a()" and of "\nb()\n" (printf 'a()' | openssl dgst -sha256 -binary | base64)
    assert script_src == [
        "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='",
        "'sha256-NlXKTQe8YfLmZqnEm5aXK1Lb/1wWgkKgNs+lNRY6yOo='",
    ]
    assert "'unsafe-inline'" not in script_src and "frame-ancestors 'self'" in csp


def test_serve_refuses_a_remote_host_without_allow_remote() -> None:
    result = run_cli("serve", "--host", "0.0.0.0", "--port", "0")
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--allow-remote" in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_query_url_takes_a_parameter_called_name() -> None:
    """evidence and consortium have a parameter ``name``, as the helper's own first
    argument is called: the page's links to them must still be built."""
    assert query_url("evidence", name="org/1") == "/query/evidence?name=org%2F1"
    assert query_url("consortium", name="c1", limit=5) == "/query/consortium?name=c1&limit=5"
    assert (
        query_url("partners", org="o1", with_co_presence=True) == "/query/partners?org=o1&with_co_presence=1"
    )
    assert query_url("depth", org="o1", with_co_presence=False) == "/query/depth?org=o1"
    assert query_url("stats") == "/query/stats"
    assert view_url("consortium", name="c1", kind="x") == "/view/consortium?name=c1&kind=x"


def test_screenshots_go_to_docs_img_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test run leaves the tracked pictures alone; ``make screenshots`` rewrites them."""
    monkeypatch.delenv(SCREENSHOTS_ENV, raising=False)
    assert screenshot_path("web-entity.png", tmp_path) == tmp_path / "web-entity.png"
    monkeypatch.setenv(SCREENSHOTS_ENV, "1")
    assert screenshot_path("web-entity.png", tmp_path) == DOCS_IMG / "web-entity.png"
    assert (DOCS_IMG / "web-entity.png").is_file()
