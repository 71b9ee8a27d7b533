"""Reviewing an extractor draft item by item, then loading what was accepted.

The web workbench's draft review (``/drafts``) rests on this module; nothing here
knows about HTTP, so every rule is a pure function a unit test can call.

1. :func:`draft_review` runs the extractor's public entry points (``extract_text``,
   ``draft.to_sheet``: what ``iegraph extract`` runs) on an article and turns the
   draft fact sheet into a :class:`Review`: one :class:`ReviewItem` per proposed
   organisation, person and fact, with its quote and the character span of that
   sentence in the cleaned article text (:attr:`Review.text`).
2. :func:`suggest_matches` asks the graph, in one batched query over the full-text
   index of names and aliases, which existing organisations each proposed one may
   be (same name, an alias, a short form, a similar name).
3. The reviewer gives each item a :class:`Decision`: accept (with edits: name,
   kind, level, date, which parties to keep, the existing node it is), reject, or
   leave it pending (pending items are not loaded).
4. :func:`review_sheet` turns the decisions into a fact sheet (``draft: false``).
   A fact is all-or-nothing: a party of an accepted fact that is not accepted
   (rejected or still pending) refuses the whole sheet with a message naming both;
   a link to another fact that is not accepted (a project's event, consortium) is
   left out and said so in :attr:`ReviewSheet.notes`.
5. :func:`load_review` loads that sheet with the loader ``iegraph load`` uses
   (``load_paths``: everything validated before the first write, under the graph's
   write lock; any problem and nothing is written).

Reviews live in memory (:class:`ReviewStore`, keyed by a random id): a restart of
the server forgets unfinished reviews, and nothing of a review is on disk until it
is loaded into the graph.
"""

from __future__ import annotations

import difflib
import itertools
import secrets
import tempfile
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from iegraph.db import Runner
from iegraph.errors import InputError
from iegraph.loaders.lock import WriteLock, holding
from iegraph.loaders.passes import LoadReport, load_paths
from iegraph.names import name_key
from iegraph.queries.lookup import FULLTEXT_INDEX, lucene_phrase
from iegraph.schema.factsheet import FactSheet, error_path
from iegraph.schema.model import Label

#: Sections of a draft that become review items, in the order the page lists them,
#: with what one entry is called (Chinese, English).
SECTIONS: dict[str, tuple[str, str]] = {
    "organizations": ("机构", "organisation"),
    "people": ("人物", "person"),
    "consortia": ("联合体", "consortium"),
    "projects": ("项目", "project"),
    "agreements": ("协议", "agreement"),
    "events": ("活动", "event"),
    "programs": ("计划", "programme"),
    "policies": ("政策", "policy"),
    "industries": ("产业", "industry"),
}
#: Sections whose items are parties: a fact cannot be loaded without them.
PARTY_SECTIONS = ("organizations", "people")
#: The field that holds an entry's kind, per section (what "edit kind" changes).
KIND_FIELD: dict[str, str] = {
    "organizations": "kind",
    "consortia": "kind",
    "projects": "type",
    "agreements": "kind",
    "events": "kind",
}
#: Sections whose entries have a ``date`` (editable).
DATED = ("projects", "agreements", "events", "programs", "policies")
#: Fields of an entry that refer to other entries: a ref, a list of refs, or a list
#: of mappings whose ``org`` (or ``ref``) is the ref.
SINGLE_REF_FIELDS = ("region", "part_of", "anchor_park", "consortium", "program", "event", "parent")
LIST_REF_FIELDS = (
    "industries",
    "leads",
    "members",
    "approved_by",
    "parties",
    "organisers",
    "hosts",
    "attendees",
    "people",
    "owners",
    "issuers",
    "positions",
)

#: Largest article a review accepts (characters of text; bytes of an upload).
MAX_ARTICLE_BYTES = 2_000_000
#: How many reviews the store keeps; the oldest is forgotten beyond it.
MAX_REVIEWS = 32
#: Who holds the write lock while a review loads (what a CLI load that has to wait is told).
REVIEW_HOLDER = "iegraph serve (draft review)"
#: How many match suggestions an organisation gets, at most.
MAX_SUGGESTIONS = 5

Action = Literal["pending", "accept", "reject"]
ACTIONS: tuple[Action, ...] = ("pending", "accept", "reject")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An existing graph organisation a proposed one may be, and why."""

    id: str
    name: str
    kind: str
    #: same_name | alias | short_form | similar
    how: str
    score: float


@dataclass(slots=True)
class ReviewItem:
    """One proposed organisation, person or fact of the draft."""

    key: str
    section: str
    #: the draft's entry, as ``draft.to_sheet`` gave it (never changed by a review)
    entry: dict[str, Any]
    #: the sentence's [start, end) in :attr:`Review.text`; None when not found
    span: tuple[int, int] | None = None
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.entry.get("name", ""))

    @property
    def quote(self) -> str | None:
        q = self.entry.get("quote")
        return str(q) if q else None

    @property
    def kind(self) -> str | None:
        fld = KIND_FIELD.get(self.section)
        value = self.entry.get(fld) if fld else None
        return str(value) if value else None

    @property
    def is_party(self) -> bool:
        return self.section in PARTY_SECTIONS


@dataclass(slots=True)
class Decision:
    """What the reviewer decided for one item; ``None`` fields keep the draft's value."""

    action: Action = "pending"
    name: str | None = None
    kind: str | None = None
    level: str | None = None
    date: str | None = None
    #: organisations: the id of the existing graph node it is ("" = a new node)
    match: str | None = None
    #: facts: the parties (organisation or person keys) to leave out of this fact
    drop: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Review:
    """A draft under review: the cleaned article text, its items, the decisions."""

    id: str
    text: str
    source: dict[str, Any]
    items: list[ReviewItem]
    decisions: dict[str, Decision] = field(default_factory=dict)
    #: the load's summary rows once loaded (what, name, written, created, updated)
    loaded: list[dict[str, object]] | None = None

    def item(self, key: str) -> ReviewItem:
        for it in self.items:
            if it.key == key:
                return it
        raise KeyError(key)

    def decision(self, key: str) -> Decision:
        return self.decisions.setdefault(key, Decision())

    def by_section(self) -> Iterator[tuple[str, list[ReviewItem]]]:
        """The items grouped by section, in :data:`SECTIONS` order, empty ones left out."""
        for section in SECTIONS:
            items = [it for it in self.items if it.section == section]
            if items:
                yield section, items


@dataclass(slots=True)
class Segment:
    """A run of the article text and the items whose sentence covers it, narrowest first."""

    text: str
    keys: tuple[str, ...] = ()


@dataclass(slots=True)
class ReviewSheet:
    """The fact sheet of a review's accepted items, and what was left out and why."""

    sheet: dict[str, Any]
    notes: list[str]


# --------------------------------------------------------------------------- reading


def decode_article(data: bytes, encoding: str = "auto", where: str = "the file") -> str:
    """The text of an uploaded article. ``auto`` tries UTF-8 (with or without BOM)
    and then GB18030 (a superset of GBK and GB2312, the other encoding Chinese pages
    use); ``utf-8`` or ``gb18030`` decode strictly. Undecodable bytes are an
    InputError naming the encoding and offset, never mojibake."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{where} is {len(data):,} bytes; an article may have {MAX_ARTICLE_BYTES:,} at most")
    enc = encoding.lower().replace("_", "-")
    choices = {"auto": ("utf-8", "gb18030"), "utf-8": ("utf-8",), "utf8": ("utf-8",), "gb18030": ("gb18030",)}
    if enc not in choices:
        raise InputError(f"unknown encoding {encoding!r}: use auto, utf-8 or gb18030")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    failure: UnicodeDecodeError | None = None
    for codec in choices[enc]:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            failure = failure or exc
    assert failure is not None
    tried = " or ".join(choices[enc])
    raise InputError(
        f"{where} is not valid {tried} (byte 0x{data[failure.start]:02x} at offset {failure.start})"
    )


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, each character NFKC-folded (full/half width), and
    for every character of the result the offset it came from in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for c in unicodedata.normalize("NFKC", ch):
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def find_span(
    text: str, quote: str | None, folded: tuple[str, list[int]] | None = None
) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``: [start, end), or None when it does not.

    Exact first; else ignoring whitespace and full/half-width differences (an edited
    quote, a comma written 、 or ,), mapped back to offsets of ``text``.
    ``folded`` is ``_normalised(text)`` when the caller has it (one per article)."""
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    norm, where = folded if folded is not None else _normalised(text)
    want, _ = _normalised(quote)
    if not want:
        return None
    at = norm.find(want)
    if at < 0:
        return None
    return where[at], where[at + len(want) - 1] + 1


def segments(text: str, spans: Mapping[str, tuple[int, int] | None]) -> list[Segment]:
    """``text`` cut at every span boundary: each run with the keys of the spans that
    cover it. Joined, the runs are ``text`` again; the page escapes each run and only
    then wraps the covered ones in a mark, so the article can never inject markup."""
    cuts = {0, len(text)}
    for span in spans.values():
        if span is not None:
            cuts.update(span)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(bounds):
        if lo == hi:
            continue
        covering = [(s[1] - s[0], k) for k, s in spans.items() if s is not None and s[0] <= lo and hi <= s[1]]
        # the narrowest span first: a project's clause inside the sentence that lists six
        covering.sort(key=lambda c: c[0])
        out.append(Segment(text[lo:hi], tuple(k for _n, k in covering)))
    return out


def draft_review(text: str, *, file: str | None = None, review_id: str | None = None) -> Review:
    """Extract a draft from an article's text (plain or HTML) and open a review of it.

    The review's text is the cleaned article body the extractor read (page furniture
    and markup removed, simplified); every item's span points into it."""
    from iegraph.extract import extract_text
    from iegraph.extract.draft import to_sheet

    if not text.strip():
        raise InputError("the article is empty: paste its text or choose a .txt/.html file")
    if len(text) > MAX_ARTICLE_BYTES:
        raise InputError(f"the article has {len(text):,} characters; {MAX_ARTICLE_BYTES:,} at most")
    extraction = extract_text(text, file=file)
    sheet = to_sheet(extraction)
    body = extraction.article.body
    folded = _normalised(body)
    items: list[ReviewItem] = []
    for section in SECTIONS:
        for entry in sheet.get(section) or []:
            span = find_span(body, entry.get("quote"), folded)
            items.append(ReviewItem(str(entry["key"]), section, entry, span))
    return Review(review_id or new_review_id(), body, dict(sheet["source"]), items)


def new_review_id() -> str:
    """A random, unguessable review id (URL-safe)."""
    return secrets.token_urlsafe(12)


# --------------------------------------------------------------------------- suggestions

_SUGGEST = (
    "UNWIND $rows AS row "
    "CALL (row) { "
    "  CALL db.index.fulltext.queryNodes($index, row.query) YIELD node "
    f"  WITH node WHERE node:{Label.ORGANIZATION.value} "
    "  RETURN node LIMIT $limit "
    "} "
    "RETURN row.key AS key, node.id AS id, node.name AS name, node.kind AS kind, "
    "node.name_key AS name_key, coalesce(node.alias_keys, []) AS alias_keys"
)


def _bigrams(key: str) -> list[str]:
    grams = [key[i : i + 2] for i in range(len(key) - 1)] or [key]
    step = max(1, len(grams) // 6)  # a handful, spread out: the query stays small
    return list(dict.fromkeys(grams[::step]))


def _rank(forms: set[str], name_key_: str, alias_keys: list[str]) -> tuple[str, float] | None:
    """Why a node with these keys may be the organisation written as ``forms`` (keys)."""
    if name_key_ in forms:
        return "same_name", 1.0
    if forms & set(alias_keys):
        return "alias", 0.95
    keys = [name_key_, *alias_keys]
    if any(len(f) >= 2 and len(k) >= 2 and (f in k or k in f) for f in forms for k in keys):
        return "short_form", 0.8
    best = max((difflib.SequenceMatcher(None, f, k).ratio() for f in forms for k in keys), default=0.0)
    return ("similar", round(best * 0.75, 3)) if best >= 0.6 else None


def suggest_matches(runner: Runner, review: Review, limit: int = MAX_SUGGESTIONS) -> None:
    """Fill each organisation item's ``suggestions`` from the graph (one query), and
    pre-select the match of an organisation whose name or alias is exactly one node's,
    as ``iegraph extract --match-graph`` would; the reviewer can undo it."""
    rows = []
    forms: dict[str, set[str]] = {}
    for it in review.items:
        if it.section != "organizations" or it.entry.get("unnamed"):
            continue
        written = [it.name, *(it.entry.get("aliases") or [])]
        keys = {name_key(w) for w in written if name_key(w)}
        forms[it.key] = keys
        # a phrase of no letter, digit or CJK character has no tokens: Lucene refuses it
        phrases = [lucene_phrase(t) for k in keys for t in (k, *_bigrams(k)) if any(c.isalnum() for c in t)]
        if phrases:
            rows.append({"key": it.key, "query": " OR ".join(dict.fromkeys(phrases))})
    if not rows:
        return
    found: dict[str, dict[str, Suggestion]] = {}
    for r in runner.read(_SUGGEST, {"rows": rows, "index": FULLTEXT_INDEX, "limit": 30}):
        ranked = _rank(forms[r["key"]], str(r["name_key"] or ""), [str(a) for a in r["alias_keys"]])
        if ranked is None:
            continue
        how, score = ranked
        found.setdefault(r["key"], {})[r["id"]] = Suggestion(
            str(r["id"]), str(r["name"] or r["id"]), str(r["kind"] or ""), how, score
        )
    for it in review.items:
        hits = sorted(found.get(it.key, {}).values(), key=lambda s: (-s.score, s.name))[:limit]
        it.suggestions = hits
        exact = [s for s in hits if s.how in ("same_name", "alias")]
        if len(exact) == 1:
            review.decision(it.key).match = exact[0].id


# --------------------------------------------------------------------------- decisions -> sheet


def _refs(entry: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (field, ref) of an entry's link fields."""
    for fld in SINGLE_REF_FIELDS:
        value = entry.get(fld)
        if isinstance(value, str):
            yield fld, value
        elif isinstance(value, Mapping) and isinstance(value.get("ref"), str):
            yield fld, value["ref"]
    for fld in LIST_REF_FIELDS:
        for value in entry.get(fld) or []:
            if isinstance(value, str):
                yield fld, value
            elif isinstance(value, Mapping):
                ref = value.get("org", value.get("ref"))
                if isinstance(ref, str):
                    yield fld, ref


def party_keys(review: Review, item: ReviewItem) -> list[str]:
    """The keys of the organisations and people an item's entry refers to, in order."""
    sections = {it.key: it.section for it in review.items}
    out: list[str] = []
    for _fld, ref in _refs(item.entry):
        if sections.get(ref) in PARTY_SECTIONS and ref not in out:
            out.append(ref)
    return out


def _without(entry: dict[str, Any], drop: set[str]) -> dict[str, Any]:
    """``entry`` with every link to a ref in ``drop`` removed (emptied fields go)."""
    out = dict(entry)
    for fld in SINGLE_REF_FIELDS:
        value = out.get(fld)
        ref = value if isinstance(value, str) else value.get("ref") if isinstance(value, Mapping) else None
        if ref in drop:
            del out[fld]
    for fld in LIST_REF_FIELDS:
        if fld not in out:
            continue
        kept = []
        for value in out[fld]:
            ref = value if isinstance(value, str) else value.get("org", value.get("ref"))
            if ref not in drop:
                kept.append(value)
        if kept:
            out[fld] = kept
        else:
            del out[fld]
    return out


def _zh(item: ReviewItem) -> str:
    return f"{SECTIONS[item.section][0]}「{item.name}」"


def _en(item: ReviewItem) -> str:
    return f"{SECTIONS[item.section][1]} {item.name} ({item.key})"


def review_sheet(review: Review) -> ReviewSheet:
    """The fact sheet (``draft: false``) of the accepted items, with the edits applied.

    Raises InputError listing every accepted fact with a party that is not accepted
    (nothing of the review is loadable until each is fixed: accept the party, untick
    it in the fact, or reject the fact) and any entry the fact-sheet format refuses
    (an unknown kind, say). Links to other facts that are not accepted are left out
    and listed in ``notes``."""
    items = {it.key: it for it in review.items}
    accepted = {k for k, it in items.items() if review.decision(k).action == "accept"}
    if not accepted:
        raise InputError(
            "还没有接受任何项：请先接受要载入的机构和事实。"
            " / No item is accepted: accept the organisations and facts to load first."
        )
    problems: list[str] = []
    notes: list[str] = []
    sheet: dict[str, Any] = {"source": dict(review.source), "draft": False}
    for section in SECTIONS:
        entries = []
        for it in review.items:
            if it.section != section or it.key not in accepted:
                continue
            d = review.decision(it.key)
            entry = dict(it.entry)
            all_refs = [ref for _f, ref in _refs(entry) if ref in items]
            drop = {ref for ref in all_refs if ref in d.drop and items[ref].is_party}
            for ref in dict.fromkeys(all_refs):
                if ref in drop:
                    continue
                other = items[ref]
                action = review.decision(ref).action
                if action == "accept":
                    continue
                if other.is_party:
                    zh, en = (
                        ("已被拒绝", "was rejected")
                        if action == "reject"
                        else ("尚未接受", "is not accepted")
                    )
                    problems.append(
                        f"{_zh(it)}的参与方{_zh(other)}{zh}：请接受它，或在此项中取消勾选它，或拒绝此项。"
                        f" / {_en(other)}, a party of {_en(it)}, {en}: accept it, untick it in "
                        "that item, or reject the item."
                    )
                else:
                    drop.add(ref)
                    notes.append(
                        f"{_zh(it)}与{_zh(other)}的关联未载入（后者未接受）。"
                        f" / The link of {_en(it)} to {_en(other)} was left out (not accepted)."
                    )
            entry = _without(entry, drop) if drop else entry
            entries.append(_edited(it, entry, d))
        if entries:
            sheet[section] = entries
    if problems:
        raise InputError(
            f"{len(problems)} 个已接受的项不能载入，未写入任何内容 / {len(problems)} accepted item(s) "
            "cannot be loaded; nothing was written:\n" + "\n".join(problems)
        )
    try:
        FactSheet.model_validate(sheet)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = error_path(tuple(err["loc"]))
            where = ".".join(str(p) for p in loc)
            if len(loc) >= 2 and isinstance(loc[1], int) and loc[0] in sheet:
                where = f"{sheet[loc[0]][loc[1]].get('name')} ({where})"
            lines.append(f"{where}: {err['msg']}")
        raise InputError(
            "审核结果不是有效的事实表，未写入任何内容 / The reviewed sheet is not valid; nothing was "
            "written:\n" + "\n".join(lines)
        ) from None
    return ReviewSheet(sheet, notes)


def _edited(item: ReviewItem, entry: dict[str, Any], d: Decision) -> dict[str, Any]:
    """An accepted entry with the reviewer's edits (name, kind, level, date, match)."""
    section = item.section
    out = dict(entry)
    written = str(out.get("name", ""))
    if d.name and d.name.strip():
        out["name"] = d.name.strip()
    kind_field = KIND_FIELD.get(section)
    if kind_field and d.kind and d.kind.strip():
        out[kind_field] = d.kind.strip()
    if section == "organizations":
        if d.level is not None and d.level.strip() != (out.get("level") or ""):
            if d.level.strip():
                out["level"] = d.level.strip()
            else:
                out.pop("level", None)
        if out.get("unnamed") and out.get("name") != written:
            # "我校" named at last: an ordinary organisation now, and the article's word
            # (a different school on every page) is no alias of it
            for fld in ("id", "unnamed", "note"):
                out.pop(fld, None)
            written = str(out["name"])
        node = next((s for s in item.suggestions if s.id == d.match), None) if d.match else None
        if d.match:
            # An existing node: its id makes the load enrich it instead of creating a
            # twin, and its (reviewed) name and kind win over the draft's, as
            # ``iegraph extract --match-graph`` does.
            out["id"] = d.match
            out.pop("unnamed", None)
            out.pop("note", None)
            if node is not None:
                out["name"] = node.name
                if node.kind:
                    out["kind"] = node.kind
        if out.get("kind") != "College":
            out.pop("level", None)
    if section in DATED and d.date is not None and d.date.strip() != str(out.get("date") or ""):
        if d.date.strip():
            out["date"] = d.date.strip()
        else:
            out.pop("date", None)
        # a date the reviewer wrote is no longer the extractor's inference
        inferred = [f for f in out.get("inferred") or [] if f != "date"]
        if inferred:
            out["inferred"] = inferred
        else:
            out.pop("inferred", None)
    if section in _ALIASED and out.get("name") != written and written:
        # the article's form stays findable: it becomes an alias of the new name
        aliases = [a for a in out.get("aliases") or [] if name_key(a) != name_key(out["name"])]
        if name_key(written) not in {name_key(a) for a in aliases}:
            aliases.append(written)
        if aliases:
            out["aliases"] = aliases
    return out


#: Sections whose entries have ``aliases``.
_ALIASED = ("organizations", "people", "consortia", "projects", "programs", "industries")


def load_review(
    runner: Runner, review: Review, *, lock: WriteLock | None = None, holder: str = REVIEW_HOLDER
) -> tuple[LoadReport, list[str]]:
    """Load the accepted items of ``review`` with the normal loader: the sheet is
    written to a temporary file and given to ``load_paths`` (validation of the whole
    sheet against the graph before any write, under the write lock: ``lock`` when the
    caller holds it, else one taken here as ``holder``, failing at once with LockedError
    naming the other writer). Returns the load report and the notes of
    :func:`review_sheet`. Raises InputError (nothing written) when the sheet is refused."""
    built = review_sheet(review)
    with tempfile.TemporaryDirectory(prefix="iegraph-review-") as tmp:
        path = Path(tmp) / f"review-{review.id}.yaml"
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        path.write_text(
            yaml.dump(built.sheet, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200),
            encoding="utf-8",
        )
        with holding(runner, lock, holder) as held:
            report = load_paths(runner, [path], lock=held)
    review.loaded = report.rows()
    return report, built.notes


# --------------------------------------------------------------------------- store


class ReviewStore:
    """The reviews of one server, in memory, keyed by their random id.

    Thread-safe (routes run in a thread pool). At most ``capacity`` reviews are kept;
    opening one more forgets the one least recently used, so a long-running server
    cannot grow without bound."""

    def __init__(self, capacity: int = MAX_REVIEWS) -> None:
        self.capacity = capacity
        self._reviews: OrderedDict[str, Review] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, review: Review) -> None:
        with self._lock:
            self._reviews[review.id] = review
            self._reviews.move_to_end(review.id)
            while len(self._reviews) > self.capacity:
                self._reviews.popitem(last=False)

    def get(self, review_id: str) -> Review | None:
        with self._lock:
            review = self._reviews.get(review_id)
            if review is not None:
                self._reviews.move_to_end(review_id)
            return review

    def recent(self) -> list[Review]:
        """The reviews kept, most recently used first."""
        with self._lock:
            return list(reversed(self._reviews.values()))
