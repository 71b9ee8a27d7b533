"""The stages of extraction, each a function over an explicit :class:`State`.

clean → sentences → mentions → organisations → relations → facts → draft

==============  ==============================================  ===============================
stage           reads                                           fills
==============  ==============================================  ===============================
clean           the page (text or HTML)                         ``Article`` (``document.py``)
sentences       ``article.paragraphs``                          ``sentences`` (no orgs yet)
mentions        ``article.paragraphs``                          ``mentions``, ``alias_defs``,
                                                                ``bracket_alias``
organisations   ``mentions``, short forms, ``sentences``        ``orgs``, ``city``,
                                                                ``Sentence.orgs``
relations       ``sentences`` with their orgs                   ``people``, ``consortia``,
                                                                ``events``, ``facts``,
                                                                ``industries``
facts           ``consortia``, ``events``, ``facts``             ``facts`` (all, final order)
draft           the :class:`Extraction`                         the draft fact sheet (dict)
==============  ==============================================  ===============================

Each stage can be run (and tested) on its own over a state the stages before it filled;
``pipeline.extract`` runs them in order.
"""

from __future__ import annotations

import re
from typing import Any

from iegraph.extract.canonical import Mentions, canonical_orgs, find_mentions, named_head_school, named_self
from iegraph.extract.document import Article, parse_article
from iegraph.extract.events import read_consortia, read_events
from iegraph.extract.facts import (
    find_industries,
    find_policies,
    read_agreements,
    read_cooperations,
    read_party_list,
    read_programs,
    read_projects,
)
from iegraph.extract.model import Extraction, Sentence, State, split_sentences
from iegraph.extract.orgs import Org
from iegraph.extract.people import add_people, find_people


def clean(text: str, file: str | None = None) -> Article:
    """Stage 1: the page as an article — furniture removed, 繁→简, pinyin noise dropped."""
    return parse_article(text, file=file)


def sentences(state: State) -> None:
    """Stage 2: the sentences of every paragraph, with their offsets."""
    state.sentences = [
        Sentence(text, i, off)
        for i, para in enumerate(state.article.paragraphs)
        for off, text in split_sentences(para)
    ]


def mentions(state: State) -> None:
    """Stage 3: organisation mentions per paragraph as written, and the short forms the
    article defines."""
    found = find_mentions(state.article.paragraphs)
    state.mentions = found.per_para
    state.alias_defs = found.alias_defs
    state.bracket_alias = found.bracket_alias


def organisations(state: State) -> None:
    """Stage 4: canonical organisations (short forms merged, city added), the article's
    city, each sentence's mentions in canonical names, each organisation's first quote."""
    found = Mentions(state.mentions, state.alias_defs, state.bracket_alias)
    state.orgs, per_para, state.city = canonical_orgs(state.article, found)
    for sent in state.sentences:
        off, end = sent.start, sent.start + len(sent.text)
        sent.orgs = [(s - off, e - off, n) for s, e, n in per_para[sent.para] if s >= off and e <= end]
    _resolve_self(state)
    by_name = {o.name: o for o in state.orgs}
    _resolve_back_references(state, by_name)
    for sent in state.sentences:
        for _, _, n in sent.orgs:
            if by_name[n].first_quote is None:
                by_name[n].first_quote = sent.text.strip()


_BACK_REF_RE = re.compile(
    r"该(集团|公司|企业)"
    # 集团/公司 alone as a clause's subject ("集团与上海交大的合作", "此前公司已与C合作成立")
    r"|(?:^|(?<=[，,。；;：:\s]))(?:此前|目前|今后|同时|此外|另外|随后|近年来|今年)?(集团|公司)"
    r"(?=将|还|也|已|与|和|同|先后|今年|每年|曾|正|累计)"
)


def _resolve_back_references(state: State, by_name: dict[str, Org]) -> None:
    """``该集团`` / ``该公司`` / ``该企业``, and ``集团`` / ``公司`` alone as a clause's subject:
    the company named last before it (for 集团 one whose name says 集团), added to the sentence's mentions so that it can be a party
    (``由学校与该集团联合打造的X``)."""
    last: list[str] = []  # enterprises in reading order
    for sent in state.sentences:
        refs: list[tuple[int, int, str]] = []
        for m in _BACK_REF_RE.finditer(sent.text):
            if any(s <= m.start() < e for s, e, _ in sent.orgs):
                continue
            before = last + [n for s, e, n in sent.orgs if e <= m.start() and by_name[n].kind == "Enterprise"]
            word = m.group(1) or m.group(2)
            if word == "集团" and re.search("职教集团|职业教育集团", " ".join(state.article.paragraphs)):
                continue  # on a 职业教育集团's page 该集团 is the group of schools (events.py)
            fits = [n for n in before if word != "集团" or "集团" in n]
            if fits:
                refs.append((m.start(), m.end(), fits[-1]))
        if refs:
            sent.orgs = sorted(sent.orgs + refs)
        last.extend(n for _, _, n in sent.orgs if by_name[n].kind == "Enterprise")


def _resolve_self(state: State) -> None:
    """我校/我院 on a page that names its school: the school (its mentions gain 我校, not its
    aliases — every school's page says 我校); else the unnamed publisher stays."""
    counts: dict[str, int] = {}
    for sent in state.sentences:
        for n in sent.org_names():
            counts[n] = counts.get(n, 0) + 1
    hinted = frozenset(
        n
        for sent in state.sentences
        if re.search(r"校本部|校领导|本校|在我校", sent.text)
        for n in sent.org_names()
    )
    named = named_self(state.article, state.orgs, counts, hinted)
    selves = [o for o in state.orgs if o.unnamed]
    if named is None and selves:
        # The school the title, the source line or the site name gives, though the body
        # only says 我校 ("盐城机电高等职业技术学校两个冠名班同日开班" … "我校…"): 我校 is it.
        head = named_head_school(state.article)
        if head is not None:
            me = selves[0]
            gone = {o.name for o in selves}
            for o in selves[1:]:
                me.mentions.extend(m for m in o.mentions if m not in me.mentions)
            if me.name not in me.mentions:
                me.mentions.append(me.name)
            me.name, me.kind, me.level, me.unnamed = head[0], "College", head[1], False
            for sent in state.sentences:
                sent.orgs = [(s, e, me.name if n in gone else n) for s, e, n in sent.orgs]
            state.orgs = [o for o in state.orgs if o is me or not o.unnamed]
            state.self_org = me.name
            return
    if named is not None:
        for o in selves:
            named.mentions.extend(m for m in o.mentions if m not in named.mentions)
        state.orgs = [o for o in state.orgs if not o.unnamed]
        gone = {o.name for o in selves}
        for sent in state.sentences:
            sent.orgs = [(s, e, named.name if n in gone else n) for s, e, n in sent.orgs]
    state.self_org = named.name if named is not None else (selves[0].name if selves else None)


def relations(state: State) -> None:
    """Stage 5: sentence by sentence, people, consortia, events, projects, agreements,
    policies, programs and industries; the event and consortium of a sentence carry over
    to the next ones."""
    colleges = {o.name for o in state.orgs if o.kind == "College"}
    for idx, sent in enumerate(state.sentences):
        text = sent.text
        add_people(state.people, find_people(sent))
        cons_here = read_consortia(state, sent)
        read_events(state, sent, cons_here)
        read_projects(state, sent, idx)
        read_agreements(state, sent, cons_here)
        state.facts.extend(find_policies(sent))
        read_party_list(state, sent)
        read_programs(state, sent, idx)
        read_cooperations(state, sent)
        for ind in find_industries(text):
            if ind not in state.industries:
                state.industries.append(ind)
        named = [n for n in sent.org_names() if n in colleges]
        if named:
            state.last_college = named[-1]
        # "双方" in the next sentence: the organisations of this one (or of the last
        # sentence of the paragraph that named some).
        if sent.orgs:
            state.prev_orgs = sent.org_names()
        elif not (idx and state.sentences[idx - 1].para == sent.para):
            state.prev_orgs = []


def facts(state: State) -> None:
    """Stage 6: the parties of what was signed at an event attended it; events only
    mentioned in passing are dropped; ``state.facts`` becomes every fact, consortia and
    events first."""
    events = state.events
    for f in state.facts:
        signed_at = next((e for e in events if e.name == f.attrs.get("event")), None)
        if signed_at is not None:
            for n in f.parties:
                if n not in signed_at.parties:
                    signed_at.parties.append(n)
                    signed_at.roles[n] = "attendee"
    # Events only mentioned in passing (要组织专场招聘会, 以洽谈会等形式) have neither a date,
    # nor a party, nor a place: they are not reported events.
    title = state.article.title or ""
    kept = [
        ev for ev in events if ev.parties or ev.attrs.get("date") or ev.attrs.get("place") or ev.name in title
    ]
    kept_names = {ev.name for ev in kept}
    for f in state.facts:
        if f.attrs.get("event") and f.attrs["event"] not in kept_names:
            f.attrs.pop("event")
    state.facts = list(state.consortia.values()) + kept + state.facts


def extraction(state: State) -> Extraction:
    """The result of the stages up to ``facts``."""
    return Extraction(state.article, state.orgs, state.people, state.facts, state.industries, state.city)


def draft(x: Extraction) -> dict[str, Any]:
    """Stage 7: the draft fact sheet (a dict valid against ``FactSheet``)."""
    from iegraph.extract.draft import to_sheet

    return to_sheet(x)


#: The stages over a state, in order (``clean`` before and ``draft`` after work on
#: the article and the extraction themselves).
STATE_STAGES = (sentences, mentions, organisations, relations, facts)

__all__ = ["STATE_STAGES", "State", "clean", "draft", "extraction"]
