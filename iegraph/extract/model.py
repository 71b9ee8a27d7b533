"""The types every extraction stage shares: sentences, facts, people, the result.

Kept apart from the stages so that ``people``, ``events``, ``facts``, ``stages`` and
``pipeline`` can all import them without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from iegraph.extract.document import Article
from iegraph.extract.orgs import Mention, Org
from iegraph.names import resolve_date

_SENT_RE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”」’]?|$)")
_DATE_IN_TEXT = re.compile(
    r"(\d{4}年\d{1,2}月\d{1,2}[日号]|\d{4}年\d{1,2}月|\d{4}年(?:年末|年底|年初)|\d{1,2}月\d{1,2}[日号]|"
    r"(?<![\d月])\d{1,2}[日号](?=[,，、\s]|在|上午|下午|晚|举行|召开)|近日|日前)"
)


@dataclass
class Sentence:
    """A sentence of a paragraph, with its organisation mentions (canonical names)."""

    text: str
    para: int
    start: int  # offset in the paragraph
    orgs: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, canonical) in sentence

    def org_names(self, lo: int = 0, hi: int | None = None) -> list[str]:
        hi = len(self.text) if hi is None else hi
        out: list[str] = []
        for s, e, n in self.orgs:
            if s >= lo and e <= hi and n not in out:
                out.append(n)
        return out


@dataclass
class Fact:
    """A fact with parties: project, agreement, event, consortium, program, policy."""

    type: str
    name: str
    evidence: str
    parties: list[str] = field(default_factory=list)  # canonical organisation names
    roles: dict[str, str] = field(default_factory=dict)  # party -> role
    attrs: dict[str, Any] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    #: a project's relation type (co_build or joint_project, ``relations.py``) from its verb
    relation: str | None = None


@dataclass
class Person:
    """A person with positions (org may be None when the text names no organisation)."""

    name: str
    positions: list[tuple[str | None, str]]
    evidence: str


@dataclass
class Extraction:
    """Everything found in one article."""

    article: Article
    orgs: list[Org]
    people: list[Person]
    facts: list[Fact]
    industries: list[str]
    city: str | None


@dataclass
class State:
    """What the stages know about one article so far; each stage reads some fields and
    fills others (``stages.py`` says which).

    ``events``, ``consortia``, ``last_event``, ``main_cons`` and ``prev_orgs`` are the
    running context of the sentence-by-sentence reading: the event and consortium a
    sentence most likely talks about, and the organisations of the sentence before
    (for ``双方``).
    """

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[list[Mention]] = field(default_factory=list)  # per paragraph, as written
    alias_defs: dict[str, str] = field(default_factory=dict)  # short form -> full, as written
    bracket_alias: dict[str, str] = field(default_factory=dict)  # B of A（B） -> A
    orgs: list[Org] = field(default_factory=list)
    city: str | None = None
    #: the publishing organisation when the text says 我校/学校 (its name, or 我校 unnamed)
    self_org: str | None = None
    #: the school 该校/学校 most likely means: the page's own, else the last college named
    last_college: str | None = None
    people: list[Person] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # projects, agreements, policies, programs
    events: list[Fact] = field(default_factory=list)
    consortia: dict[str, Fact] = field(default_factory=dict)
    industries: list[str] = field(default_factory=list)
    last_event: Fact | None = None
    main_cons: Fact | None = None
    #: the consortium whose member list is open: a sentence ending ``名单如下：`` opened it,
    #: the one-name lines after it are its members (``consortia.py``)
    member_list: Fact | None = None
    #: what the open list's organisations are: member, guide, or skip (主办单位：…)
    member_role: str = "member"
    #: the consortium whose members the sentence before named (``其中，…`` goes on)
    last_members: Fact | None = None
    prev_orgs: list[str] = field(default_factory=list)
    #: organisation -> the organisations a fact already relates it to (``read_cooperations``),
    #: built incrementally: fact id -> its party count when indexed
    partner_index: dict[str, set[str]] = field(default_factory=dict)
    indexed: dict[int, int] = field(default_factory=dict)
    facts_indexed: int = 0  # how many of ``facts`` were indexed so far

    def date_of(self, text: str) -> tuple[str | None, bool]:
        """The first date of ``text`` resolved against the article date (see ``date_of``)."""
        return date_of(text, self.article.date)


# --------------------------------------------------------------------------- sentences


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their offsets (end punctuation kept)."""
    out: list[tuple[int, str]] = []
    for m in _SENT_RE.finditer(paragraph):
        if m.group(0).strip():
            out.append((m.start(), m.group(0)))
    return out


def date_of(text: str, ref_date: str | None) -> tuple[str | None, bool]:
    """The first date written in ``text`` (``19日``, ``4月16日``, ``近日`` …) resolved against
    the article date ``ref_date``, and whether the year was inferred rather than written."""
    m = _DATE_IN_TEXT.search(text)
    if not m:
        return None, False
    return resolve_date(m.group(1), ref_date)
