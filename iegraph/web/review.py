"""Draft review in the browser (``/drafts``): article in, reviewed facts into the graph.

- ``GET /drafts``: paste an article or upload a .txt/.html file (UTF-8 or GB18030),
  and the reviews this server holds.
- ``POST /drafts``: extract the draft (``iegraph.loaders.review.draft_review``), look
  its organisations up in the graph, keep the review in memory, go to its page.
- ``GET /drafts/{id}``: the article with each proposed item's sentence marked, and
  every item with accept / reject / pending, its edits and its match suggestions.
- ``POST /drafts/{id}``: keep the decisions of the form; ``POST /drafts/{id}/load``:
  keep them and load the accepted items with the normal loader (all or nothing).

Every POST needs ``--allow-writes`` (403 otherwise, checked before the form is read)
and this server's CSRF token. Reviews are kept in memory only (``ReviewStore`` on the
app's state): a restart forgets them; nothing is written anywhere until it is loaded.
The logic lives in ``iegraph.loaders.review``; this module reads forms and renders.
"""

from __future__ import annotations

import threading
from pathlib import PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from iegraph.errors import InputError, LockedError
from iegraph.loaders.review import (
    ACTIONS,
    KIND_FIELD,
    MAX_ARTICLE_BYTES,
    Decision,
    Review,
    ReviewStore,
    decode_article,
    draft_review,
    load_review,
    party_keys,
    segments,
    suggest_matches,
)
from iegraph.schema.factsheet import ORG_KIND_NAMES
from iegraph.schema.model import CollegeLevel, ProjectType
from iegraph.web.security import check_csrf, require_writes
from iegraph.web.state import state_of
from iegraph.web.templating import render

#: Most form fields a review page posts (items × fields, party boxes): far above a real article.
MAX_FORM_FIELDS = 20_000
#: Choices of the kind field per section; sections not listed take free text.
KIND_CHOICES: dict[str, tuple[str, ...]] = {
    "organizations": ORG_KIND_NAMES,
    "projects": tuple(p.value for p in ProjectType),
    "consortia": ("city_consortium", "industry_community", "vocational_group", "alliance", "other"),
}
LEVEL_CHOICES = tuple(level.value for level in CollegeLevel)
#: Chinese labels of the enumeration values the t() tables do not hold.
CONSORTIUM_KIND_ZH = {
    "city_consortium": "市域产教联合体",
    "industry_community": "行业产教融合共同体",
    "vocational_group": "职教集团",
    "alliance": "联盟",
    "other": "其他",
}
HOW_ZH = {
    "same_name": ("同名", "same name"),
    "alias": ("别名相同", "an alias"),
    "short_form": ("简称/包含", "short form"),
    "similar": ("名称相近", "similar name"),
}
ENCODINGS = ("auto", "utf-8", "gb18030")

_store_lock = threading.Lock()


def store_of(request: Request) -> ReviewStore:
    """The reviews of the app serving ``request`` (created with the first review)."""
    with _store_lock:
        store = getattr(request.app.state, "iegraph_reviews", None)
        if store is None:
            store = ReviewStore()
            request.app.state.iegraph_reviews = store
    assert isinstance(store, ReviewStore)
    return store


def _review(request: Request) -> Review:
    review = store_of(request).get(str(request.path_params["review_id"]))
    if review is None:
        raise HTTPException(
            404,
            "没有这个审核：服务器重启后审核会丢失，请重新提交文章。"
            " / No such review: reviews are kept in memory and a restart forgets them; submit the article again.",
        )
    return review


async def _form(request: Request) -> FormData:
    """The POSTed form of a write route: writes allowed first (403 before anything is
    read), then a size check, then the CSRF token."""
    require_writes(state_of(request))
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_ARTICLE_BYTES + 100_000:
        raise HTTPException(
            413,
            f"提交的内容太大（上限 {MAX_ARTICLE_BYTES // 1_000_000} MB）。"
            f" / The upload is too large ({MAX_ARTICLE_BYTES:,} bytes at most).",
        )
    form = await request.form(max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_ARTICLE_BYTES)
    check_csrf(request, form)
    return form


def drafts(request: Request) -> Response:
    """The start page: paste or upload an article; the reviews kept in memory."""
    return render(
        request,
        "review_start.html",
        reviews=store_of(request).recent(),
        encodings=ENCODINGS,
        max_mb=MAX_ARTICLE_BYTES // 1_000_000,
        error=None,
        text="",
    )


async def create(request: Request) -> Response:
    """Extract a draft from the pasted or uploaded article and open its review."""
    form = await _form(request)
    upload = form.get("file")
    text = str(form.get("text") or "")
    file_name: str | None = None
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(MAX_ARTICLE_BYTES + 1)
            file_name = PurePath(upload.filename).name
            text = decode_article(data, str(form.get("encoding") or "auto"), file_name)
        # extraction is CPU work and the look-up blocks on the driver: off the event loop
        review = await run_in_threadpool(draft_review, text, file=file_name)
    except InputError as exc:
        return render(
            request,
            "review_start.html",
            status_code=400,
            reviews=store_of(request).recent(),
            encodings=ENCODINGS,
            max_mb=MAX_ARTICLE_BYTES // 1_000_000,
            error=str(exc),
            text=text[:MAX_ARTICLE_BYTES],
        )
    await run_in_threadpool(suggest_matches, state_of(request).graph, review)
    store_of(request).add(review)
    return RedirectResponse(f"/drafts/{review.id}", status_code=303)


def apply_form(review: Review, form: FormData) -> None:
    """Take the decisions of a review page's form: per item ``action.KEY`` (accept,
    reject, pending), ``name.KEY``, ``kind.KEY``, ``level.KEY``, ``date.KEY``,
    ``match.KEY`` (an id among the item's suggestions, or empty for a new node) and
    ``keep.KEY`` (one per ticked party; ``parties.KEY`` marks the boxes were shown).
    Items the form does not mention keep their decisions."""
    for it in review.items:
        action = form.get(f"action.{it.key}")
        if not isinstance(action, str):
            continue
        if action not in ACTIONS:
            raise InputError(f"unknown decision {action!r} for {it.key}: use one of {', '.join(ACTIONS)}")
        old = review.decision(it.key)
        d = Decision(action=action, match=old.match, drop=set(old.drop))  # type: ignore[arg-type]
        for fld in ("name", "kind", "level", "date"):
            value = form.get(f"{fld}.{it.key}")
            if isinstance(value, str):
                setattr(d, fld, value)
        match = form.get(f"match.{it.key}")
        if isinstance(match, str):
            if match and match not in {s.id for s in it.suggestions}:
                raise InputError(f"{match!r} is not a suggested match of {it.name}")
            d.match = match or None
        if form.get(f"parties.{it.key}") is not None:
            kept = {str(v) for v in form.getlist(f"keep.{it.key}")}
            d.drop = {k for k in party_keys(review, it) if k not in kept}
        review.decisions[it.key] = d


def _page(request: Request, review: Review, status_code: int = 200, **extra: object) -> Response:
    """The review page of ``review``."""
    spans = {it.key: it.span for it in review.items}
    first: dict[str, int] = {}
    segs = segments(review.text, spans)
    for i, seg in enumerate(segs):
        for key in seg.keys:
            first.setdefault(key, i)
    names = {it.key: it.name for it in review.items}
    context: dict[str, object] = {
        "review": review,
        "sections": list(review.by_section()),
        "loaded": review.loaded,
        "segments": segs,
        "anchors": {i: [k for k, at in first.items() if at == i] for i in set(first.values())},
        "names": names,
        "parties": {it.key: party_keys(review, it) for it in review.items},
        "kind_field": KIND_FIELD,
        "kind_choices": KIND_CHOICES,
        "consortium_kind_zh": CONSORTIUM_KIND_ZH,
        "level_choices": LEVEL_CHOICES,
        "how_zh": HOW_ZH,
        "counts": {a: sum(1 for it in review.items if review.decision(it.key).action == a) for a in ACTIONS},
        "error": None,
        "notes": [],
        "saved": request.query_params.get("saved") == "1",
    }
    context.update(extra)
    return render(request, "review_page.html", status_code=status_code, **context)


def page(request: Request) -> Response:
    """One review: the marked article and the items with their controls."""
    return _page(request, _review(request))


async def save(request: Request) -> Response:
    """Keep the decisions of the form and show the page again."""
    form = await _form(request)  # refused (403) without --allow-writes, before the look-up
    review = _review(request)
    apply_form(review, form)
    return RedirectResponse(f"/drafts/{review.id}?saved=1", status_code=303)


async def load(request: Request) -> Response:
    """Keep the decisions of the form, then load the accepted items (all or nothing)."""
    form = await _form(request)
    review = _review(request)
    apply_form(review, form)
    try:
        report, notes = await run_in_threadpool(load_review, state_of(request).graph, review)
    except InputError as exc:
        return _page(request, review, status_code=400, error=str(exc))
    except LockedError as exc:  # another writer (a CLI load) holds the graph: try again later
        return _page(request, review, status_code=409, error=str(exc))
    return _page(request, review, notes=notes, loaded_seconds=report.seconds)


ROUTES = [
    Route("/drafts", drafts, methods=["GET"], name="drafts"),
    Route("/drafts", create, methods=["POST"], name="drafts_create"),
    Route("/drafts/{review_id}", page, methods=["GET"], name="draft"),
    Route("/drafts/{review_id}", save, methods=["POST"], name="draft_save"),
    Route("/drafts/{review_id}/load", load, methods=["POST"], name="draft_load"),
]
