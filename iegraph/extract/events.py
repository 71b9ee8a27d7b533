"""Events and consortia: names, kinds, dates, places, organisers/hosts/attendees; consortium
names, variants, level, leads, members and reported composition.

``read_consortia`` and ``read_events`` read one sentence into the running state
(:class:`State`): the consortium and the event a sentence talks about carry over to the
sentences after it.
"""

from __future__ import annotations

import re

from iegraph.extract import lexicon as lx
from iegraph.extract.consortia import (
    earlier_units,
    list_item_orgs,
    non_members,
    opens_member_list,
    says_members,
    says_members_alone,
)
from iegraph.extract.model import Fact, Sentence, State
from iegraph.extract.orgs import starts_with_place

_EVENT_RE = re.compile("(" + "|".join(re.escape(n) for n, _ in lx.EVENT_KINDS) + ")")
_EVENT_LEFT_STOPS = (
    "召开",
    "举行",
    "举办",
    "开展",
    "参加",
    "出席",
    "主持",
    "在",
    "于",
    "的",
    "了",
    "是",
    "次",
    "这",
    "本",
    "此",
    "该",
    "会上",
    "由",
    "向",
    "对",
    "与",
    "和",
    "参与",
    "组织",
    "并",
    "正式",
)
#: The next role of a 由… list: ``由C主办、D承办`` (D hosts; 、 may join bodies of one role).
_NEXT_ROLE_RE = re.compile(r"[、，,]\s*([^。；;，,]{2,60}?)(承办|协办|主办|联合主办|共同主办)")
_ATTEND_RE = re.compile(r"参加|出席|参会|与会|见证|莅临|应邀|观摩|到场|观礼|列席")


def _event_name(text: str, end: int, noun: str) -> str:
    """The event's name: the words before its noun, up to a verb or punctuation."""
    j = end - len(noun)
    in_quote = False
    while j > 0:
        c = text[j - 1]
        if c == "”":
            in_quote = True
        elif c == "“":
            in_quote = False
        elif not in_quote:
            if not re.match(r"[\u4e00-\u9fffA-Za-z0-9()（）]", c):
                break
            if any(text.endswith(w, 0, j) for w in _EVENT_LEFT_STOPS) and not (
                text.endswith("对", 0, j) and text.startswith("接", j)
            ):
                break  # (对 stops a name, except in 对接会/对接大会)
            if re.search(r"\d+[日号]$", text[:j]):
                break
        j -= 1
    return text[j:end].strip()


def find_event_mentions(sent: Sentence) -> list[tuple[str, str, int, int]]:
    """(name, kind, start, end) of event mentions in a sentence."""
    out: list[tuple[str, str, int, int]] = []
    for m in _EVENT_RE.finditer(sent.text):
        noun = m.group(1)
        kind = dict(lx.EVENT_KINDS)[noun]
        name = _event_name(sent.text, m.end(), noun)
        if noun == "活动" and "”" not in name and len(name) < 8:
            continue  # "本次活动", "交流活动": not a named event
        out.append((name, kind, m.end() - len(name), m.end()))
    return out


# --------------------------------------------------------------------------- consortia

_CONS_RE = re.compile("(" + "|".join(re.escape(n) for n, _ in lx.CONSORTIUM_ENDINGS) + ")")
_GENERIC_CONS_HEADS = (
    "市域",
    "国家级",
    "省级",
    "市级",
    "全国",
    "首批",
    "该",
    "这",
    "本",
    "各",
    "一批",
    "行业",
    "区域",
)


#: Endings that only a consortium's name has (联盟, 共同体 alone are common words).
_NAMED_ENDINGS = (
    "市域产教联合体",
    "产教联合体",
    "产教融合共同体",
    "职业教育集团",
    "职教集团",
    "产教融合联盟",
)


def _consortium_name(text: str, end: int, ending: str, heads: tuple[str, ...] = ()) -> str | None:
    """The consortium name that ends with ``ending`` at ``end``, or None for a generic
    phrase (校企联盟, 第一个市域产教联合体). A name must start like a public body's or with
    one of ``heads``: the first two characters of organisations the article names
    (宿迁 of 宿迁职业技术学院, a city the gazetteer lacks)."""
    j = end - len(ending)
    while j > 0:
        c = text[j - 1]
        if c in ")）":
            k = max(text.rfind("(", 0, j), text.rfind("（", 0, j))
            if k >= 0 and j - k <= 14:
                j = k
                continue
            break
        if not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", c):
            break
        if (
            any(
                text.endswith(w, 0, j)
                for w in lx.LEFT_STOPS
                if len(w) >= 2 or w in "在由于的了是以为将和与及"
            )
            or text[j - 1] in "以"
        ):
            break
        j -= 1
    if text.endswith(("全国", "国家"), 0, j):
        j -= 2
    name = text[j:end]
    head = name[: len(name) - len(ending)]
    while head and head.startswith(_GENERIC_CONS_HEADS):
        for g in _GENERIC_CONS_HEADS:
            if head.startswith(g):
                head = head[len(g) :]
                break
    if len(head) < 2 or head in ("产教", "产业", "产教融合"):
        return None
    from iegraph.extract.orgs import _official, _word_tag

    if (
        not _official(name)
        and not (heads and name.startswith(heads))
        # 闵行智能制造市域产教联合体: a specific ending after a noun phrase of four or
        # more characters (not 打造高水平…, 建设一批…) is a name though its place is unknown
        and not (
            ending in _NAMED_ENDINGS
            and re.fullmatch(r"[\u4e00-\u9fff]{4,14}", head)
            and not re.search(r"[和与及共个类等各批所家]", head)
            and _word_tag(head[:2]).startswith("n")
        )
    ):
        return None  # 校企联盟, 第一个市域产教联合体: not a named consortium
    return name


def consortium_core(name: str) -> str:
    """A consortium's name without brackets, grades and leading place: for matching variants."""
    core = re.sub(r"[(（][^)）]*[)）]", "", name)
    core = re.sub(r"国家级|省级|市级|市域|首批|全国", "", core)
    place = starts_with_place(core)
    while place and len(core) > len(place) + 3:
        core = core[len(place) :]
        place = starts_with_place(core)
    return core


_COMP_RE = re.compile(
    r"(近|约|超过|逾)?(\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)\s*(余|多)?\s*(个|所|家|户|名)\s*("
    + "|".join(re.escape(n) for n, _ in lx.COMPOSITION_NOUNS)
    + ")|("
    + "|".join(re.escape(n) for n, _ in lx.COMPOSITION_NOUNS)
    + r")(?:已增至|达到|达|共|为|有)?\s*(近|约|超过|逾)?(\d+(?:\.\d+)?)\s*(余|多)?\s*(个|所|家|户|名)"
)


def composition_of(text: str) -> dict[str, str]:
    """Reported counts by kind: ``8所本科院校`` -> {'undergraduate': '8所'}."""
    out: dict[str, str] = {}
    nouns = dict(lx.COMPOSITION_NOUNS)
    for m in _COMP_RE.finditer(text):
        if (
            m.group(4) == "名"
            or m.group(10) == "名"
            or text[: m.start()].count("“") > text[: m.start()].count("”")
        ):
            continue  # 名 counts people; quoted slogans ("百家企业进校园") are not counts
        if m.group(5):
            pre, num, post, unit, noun = m.group(1, 2, 3, 4, 5)
        else:
            noun, pre, num, post, unit = m.group(6, 7, 8, 9, 10)
        key = nouns[noun]
        out.setdefault(key, f"{pre or ''}{num}{post or ''}{unit}")
    return out


def _name_heads(state: State) -> tuple[str, ...]:
    """The first two characters of the article's organisation names that may head a
    consortium's name (a place: 宿迁职业技术学院 -> 宿迁)."""
    heads = {
        o.name[:2] for o in state.orgs if not o.unnamed and re.fullmatch(r"[\u4e00-\u9fff]{2}", o.name[:2])
    }
    return tuple(sorted(heads - {"校企", "产教", "中职", "高职", "职业", "国家", "中国", "全国"}))


def _name_consortia(
    state: State, text: str, orgs: list[tuple[int, int, str]], heads: tuple[str, ...]
) -> None:
    """Register the consortia ``text`` names (variants of one merged into it); ``heads``
    as ``_name_heads`` gives them."""
    for m in _CONS_RE.finditer(text):
        name = _consortium_name(text, m.end(), m.group(1), heads)
        if name is None:
            continue
        if any(e >= m.end() and s <= m.end() - len(name) for s, e, _ in orgs):
            continue
        key = next(
            (k for k in state.consortia if k == name or consortium_core(k) == consortium_core(name)), None
        )
        if key is None:
            fact = Fact("consortium", name, text.strip())
            fact.attrs["kind"] = dict(lx.CONSORTIUM_ENDINGS)[m.group(1)]
            state.consortia[name] = fact
            state.main_cons = state.main_cons or fact
        elif len(name) > len(key) and not re.search("[(（]", key) and starts_with_place(name):
            fact = state.consortia.pop(key)
            fact.attrs.setdefault("aliases", []).append(fact.name)
            fact.name = name
            state.consortia[name] = fact
        else:
            if name != key:
                state.consortia[key].attrs.setdefault("aliases", [])
                if name not in state.consortia[key].attrs["aliases"]:
                    state.consortia[key].attrs["aliases"].append(name)


def _read_list_item(state: State, sent: Sentence) -> Fact | None:
    """A line of the member list a sentence ending ``名单如下：`` opened: its organisation is
    a member. Prose ends the list (``None``, the sentence is read as any other)."""
    cons = state.member_list
    if cons is None:
        return None
    role = opens_member_list(sent.text)
    if role is not None:
        state.member_role = role  # 理事单位： after 副理事长单位：…, or 指导单位：
        return cons
    # a heading on the line itself (主办单位：A, 理事单位：B、C) says what its names are
    heading = re.match(r"\s*[^：:，,。]{1,16}[：:]", sent.text)
    role = opens_member_list(heading.group(0)) if heading is not None else None
    if role is not None:
        state.member_role = role
    names = list_item_orgs(sent)
    if names is None:
        state.member_list = None
        return None
    if state.member_role == "skip":
        return cons  # 主办单位：… / 出席嘉宾：…: the lines name no member
    for n in names:
        if n not in cons.parties:
            cons.parties.append(n)
            cons.roles[n] = state.member_role
    return cons


def read_consortia(state: State, sent: Sentence) -> Fact | None:
    """Consortia named in the sentence (variants merged into one), their level, leads,
    members and composition; returns the consortium the sentence is about, if any.

    The title's consortium is read with the first sentence: a page often names its
    consortium only there and says 该集团/联合体 in the body."""
    text = sent.text
    heads = _name_heads(state)  # (the article's organisations are all known by now)
    if state.sentences and sent is state.sentences[0] and state.article.title:
        _name_consortia(state, state.article.title, [], heads)
    listed = _read_list_item(state, sent)
    if listed is not None:
        return listed
    _name_consortia(state, text, sent.orgs, heads)
    for m in _CONS_RE.finditer(text):
        if "国家级" in text[max(0, m.start() - 12) : m.end()]:
            for f in state.consortia.values():
                if consortium_core(f.name) in consortium_core(text[max(0, m.start() - 30) : m.end()]):
                    f.attrs["level"] = "national"
    cons_here = None
    for k, f in state.consortia.items():
        if k in text or any(a in text for a in f.attrs.get("aliases", [])):
            cons_here = f
    if (
        cons_here is None
        and state.main_cons is not None
        and (
            re.search(r"(该|本|^)(联合体|共同体|职教集团|联盟)", text.strip())
            # "该集团由A牵头": the article's 职业教育集团 (a company is 该公司/该企业 or named)
            or (state.main_cons.name.endswith("集团") and re.search(r"(该|本)集团", text))
            or re.search(r"(这个|这一|此)[^，,。；;]{0,12}?(联合体|共同体|职教集团|联盟)", text)
            or re.search(r"首批成员|成员名单|成员单位(中|包括|有)", text)
            # "A、B等87家单位加入联合体": the bare noun anywhere, when no other consortium
            # of the page is named in the sentence
            or re.search(r"联合体|共同体|职教集团|职业教育集团|联盟", text)
            # "会上，A、B等单位签约入盟", "理事长单位为A": members of the page's consortium
            or says_members_alone(text)
        )
    ):
        # "该联合体…", "共同体由…牵头", "这个面向全行业的共同体…", "首批成员名单中，…":
        # the article's consortium
        cons_here = state.main_cons
    # "现有成员单位87家。其中，院校有A、B": the members the sentence before began to name
    # (not a list of projects or signings: 其中包括…分别是：A与B共建…)
    go_on = (
        state.last_members
        if re.match(r"\s*其中", text) and not re.search(r"共建|签约|签订|签署|合作|项目", text)
        else None
    )
    state.last_members = None
    if go_on is not None and cons_here is None:
        cons_here = go_on
    if cons_here is not None:
        lead_m = re.search(r"([^，,。；;]{2,200}?)(?:联合|共同)?牵头", text)
        leads = sent.org_names(lead_m.start(1), lead_m.end()) if lead_m else []
        if not leads and "牵头单位" in text:
            # "牵头单位为A、B和C，成员单位有D…": the leads are the clause after 牵头单位
            start = text.index("牵头单位")
            end = next((m.start() for m in re.finditer(r"[，,。；;]", text) if m.start() > start), len(text))
            leads = sent.org_names(start, end)
        for n in leads:
            if n not in cons_here.parties:
                cons_here.parties.append(n)
                cons_here.roles[n] = "lead"
        # 成员 of a title (党组成员, 班子成员) says nothing about membership.
        if says_members(text) or go_on is cons_here:
            state.last_members = cons_here
            # the place at the head of a consortium's own name is not its member
            in_names = [
                (m.end() - len(cname), m.end())
                for m in _CONS_RE.finditer(text)
                if (cname := _consortium_name(text, m.end(), m.group(1), heads)) is not None
            ]
            inside = {n for s, e, n in sent.orgs if any(a <= s and e <= b for a, b in in_names)}
            # guides, organisers, guests and the giver of the plaques are not members
            others = non_members(sent)
            for n in earlier_units(text, state.prev_orgs) + sent.org_names():
                if (n in inside and text.count(n) == 1) or others.get(n) == "skip":
                    continue
                if n not in cons_here.parties:
                    cons_here.parties.append(n)
                    guide = others.get(n) == "guide" or re.search(
                        re.escape(n) + r"[^，,。]{0,3}(指导|主管)", text
                    )
                    cons_here.roles[n] = "guide" if guide else "member"
        role = opens_member_list(text)
        if role is not None:
            state.member_list, state.member_role = cons_here, role
        comp = composition_of(text)
        if len(comp) >= 2 and "composition" not in cons_here.attrs:
            cons_here.attrs["composition"] = comp
            if re.search(r"截至目前|目前|截至", text):
                # "截至目前…": the figures are as of the article's date.
                cons_here.attrs["composition_as_of"] = state.article.date
    return cons_here


_BY_ROLE_RE = re.compile(r"^\s*(?:本次|此次|该)?(?:活动|会议|仪式|大会|论坛|对接会)由")


def _add_organisers(ev: Fact, sent: Sentence) -> None:
    """Organisers and hosts written ``由C主办、D承办、E协办`` in the sentence, added to ``ev``."""
    text = sent.text
    by = re.search(r"由([^。；;]{2,120}?)(主办|承办|联合主办|共同主办|举办|主持召开)", text)
    while by:
        for n in sent.org_names(by.start(1), by.end(1)):
            if n not in ev.parties:
                ev.parties.append(n)
                ev.roles[n] = "host" if by.group(2) == "承办" else "organiser"
        # "由C主办、D承办、E协办的…": each role after the first names its own bodies.
        by = _NEXT_ROLE_RE.match(text, by.end())


def read_events(state: State, sent: Sentence, cons_here: Fact | None) -> None:
    """Events named in the sentence (one event under several names merged), their date,
    place, organisers and hosts; attendees and hosts of the current event from sentences
    that say who took part (参加/出席…, 会上…, 由…主持)."""
    text = sent.text
    for name, kind, s, e in find_event_mentions(sent):
        # One event under several names: "启动仪式暨对接会", a bare "签约仪式" after a
        # named one, the same kind mentioned again.
        same = next(
            (
                ev
                for ev in state.events
                if ev.attrs["kind"] == kind
                or name in ev.name
                or ev.name in name
                or (len(name) <= 6 and s > 0 and text[s - 1] in "暨")
            ),
            None,
        )
        if same is None and len(name) <= 6 and state.last_event is not None:
            same = state.last_event
        if same is not None:
            if len(name) > len(same.name) and len(name) <= 60:
                same.name = name
            state.last_event = same
            continue
        ev = Fact("event", name, text.strip(), attrs={"kind": kind})
        # The date written before the event's name, else any date of the sentence.
        d, inferred = state.date_of(text[:e])
        if not d:
            d, inferred = state.date_of(text)
        if d:
            ev.attrs["date"] = d
            if inferred:
                ev.inferred.append("date")
        place_m = re.search(
            r"在([\u4e00-\u9fffA-Za-z0-9()（）]{2,40}?)(?:隆重)?(?:召开|举行|举办|开幕|启动|进行)", text
        )
        if place_m:
            ev.attrs["place"] = place_m.group(1)
            for n in sent.org_names(place_m.start(1), place_m.end(1)):
                ev.parties.append(n)
                ev.roles[n] = "host"
        _add_organisers(ev, sent)
        verb = re.search(r"召开|举办|举行|主办|组织召开|承办", text)
        if verb:
            for n in sent.org_names(0, min(verb.start(), place_m.start() if place_m else verb.start())):
                if n not in ev.parties:
                    ev.parties.append(n)
                    ev.roles[n] = "organiser"
        if cons_here is not None and kind == "founding":
            cons_here.attrs.setdefault("founded", ev.attrs.get("date"))
            if "date" in ev.inferred:
                cons_here.inferred.append("founded")
        if cons_here is not None:
            ev.attrs["consortium"] = cons_here.name
        state.events.append(ev)
        state.last_event = ev
    last = state.last_event
    if last is None:
        return
    if not find_event_mentions(sent) and _BY_ROLE_RE.search(text, 0, 8):
        # "活动由C主办，D、E承办。" after the event was named: its organisers and hosts.
        _add_organisers(last, sent)
    if re.match(r"\s*[\u4e00-\u9fff]{0,6}(会上|会议上|仪式上|活动上|现场)[，,]", text):
        # "成立大会上，A董事长…、B研究员…做经验介绍": who speaks at the event attended it.
        for n in sent.org_names():
            if n not in last.parties:
                last.parties.append(n)
                last.roles[n] = "attendee"
    if _ATTEND_RE.search(text):
        in_name = {
            n
            for a, b, n in sent.orgs
            if last.name in text and text.find(last.name) <= a < text.find(last.name) + len(last.name)
        }
        for n in sent.org_names():
            if n in in_name:
                continue
            if n not in last.parties:
                last.parties.append(n)
                last.roles[n] = "attendee"
        counts = composition_of(text)
        counts.pop("total", None)
        if counts and "attendee_counts" not in last.attrs:
            last.attrs["attendee_counts"] = counts
    if re.search(r"会议由|由.{2,30}主持", text):
        for n in sent.org_names():
            if n not in last.parties:
                last.parties.append(n)
                last.roles[n] = "host"
