"""From a cleaned article to an :class:`Extraction`: organisations, people and facts.

Passes:
1. organisations per paragraph (``orgs.recognise``), short forms defined by
   ``（以下简称…）`` and ``A（B）`` brackets, then a second pass that finds the short forms;
2. canonical names: 市教育局 -> <city>市教育局, 工信局 -> 工业和信息化局, short forms and
   place-less forms merged into the fullest form the article gives;
3. facts sentence by sentence: people with positions, events, consortia, projects,
   agreements, programs, policies, industries — each with the sentence as evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from iegraph.extract import lexicon as lx
from iegraph.extract.document import Article
from iegraph.extract.orgs import (
    Mention,
    Org,
    find_alias_definitions,
    is_place,
    kind_of,
    recognise,
    starts_with_place,
)
from iegraph.names import normalize_name, resolve_date

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


# --------------------------------------------------------------------------- sentences


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their offsets (end punctuation kept)."""
    out: list[tuple[int, str]] = []
    for m in _SENT_RE.finditer(paragraph):
        if m.group(0).strip():
            out.append((m.start(), m.group(0)))
    return out


# --------------------------------------------------------------------------- canonical names


def _article_city(article: Article, mentions: list[Mention]) -> str | None:
    """The city the article is about: the most frequent city before 市 or in names."""
    counts: Counter[str] = Counter()
    text = (article.title or "") + "\n" + article.body
    for m in re.finditer(r"([\u4e00-\u9fff]{2,4}?)市", text):
        city = m.group(1)
        if is_place(city) and city not in ("城市", "全市", "本市", "我市", "该市", "各市"):
            counts[city] += 1
    for men in mentions:
        place = starts_with_place(men.text)
        if place:
            place = place.rstrip("市")
            if not place.endswith(("省", "区", "县")) and place not in ("中国", "全国", "国家"):
                counts[place] += 1
    for prov in (
        "辽宁",
        "吉林",
        "河南",
        "山东",
        "江苏",
        "浙江",
        "广东",
        "四川",
        "湖北",
        "湖南",
        "河北",
        "黑龙江",
    ):
        counts.pop(prov, None)
    return counts.most_common(1)[0][0] if counts else None


def _expand(name: str, city: str | None) -> str:
    """Canonical form of a written name: abbreviations spelled out, the city added."""
    for abbr in sorted(lx.GOV_ABBREVIATIONS, key=len, reverse=True):
        full = lx.GOV_ABBREVIATIONS[abbr]
        if abbr == full:
            continue
        if name == abbr:
            name = full
            break
        if name.endswith(abbr) and not name.endswith(full):
            name = name[: -len(abbr)] + full
            break
        if name.startswith(abbr):
            name = full + name[len(abbr) :]
            break
    if city and name.startswith("市") and not name.startswith("市场"):
        name = city + name
    return normalize_name(name)


def _suffixes() -> list[str]:
    from iegraph.extract.orgs import _SUFFIX_INFO

    return list(_SUFFIX_INFO)


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _same_org(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of ``full`` (both canonical, short shorter)."""
    if len(short) >= len(full) or (short[0] != full[0] and not full.endswith(short)):
        return False
    # 金普新区 -> 大连金普新区; 长春企业联合会 -> 长春市企业联合会.
    if full.endswith(short) and is_place(full[: len(full) - len(short)].rstrip("市省区县") or "x"):
        return short not in lx.KNOWN_ORGS
    if short in lx.KNOWN_ORGS:
        return False
    if full.replace("市", "", 1) == short or full.replace("省", "", 1) == short:
        return True
    if full in ("国立" + short, "私立" + short, "公立" + short):
        return True
    info_s, info_f = kind_of(short), kind_of(full)
    # 轻工学院 in 黎明职业大学轻工学院: the unit named without its parent.
    head = full[: len(full) - len(short)]
    if full.endswith(short) and len(short) >= 4 and kind_of(head) is not None:
        return True
    if full.startswith(("国立", "私立", "公立")) and not short.startswith(("国立", "私立", "公立")):
        return _same_org(short, full[2:]) if len(short) < len(full) - 2 else short == full[2:]
    if info_s and info_f and not short.endswith(lx.ABBREVIATION_SUFFIXES):
        suf_s = max((x for x in _suffixes() if short.endswith(x)), key=len)
        suf_f = max((x for x in _suffixes() if full.endswith(x)), key=len)
        # 临港中心 -> 临港集团产教融合促进中心: a more specific suffix of the same family.
        if len(suf_f) > len(suf_s) and suf_f.endswith(suf_s) and len(short) <= 5:
            return short[0] == full[0] and _is_subsequence(short, full)
    if short in lx.KNOWN_ORGS or (info_s and not short.endswith(lx.ABBREVIATION_SUFFIXES)):
        # A complete name (工业和信息化部, 大连大学) is never a short form of another one.
        return False
    if info_s and info_f:
        # Two complete names with the same ending (大连大学 / 大连理工大学) are different.
        for suffix, _, _ in lx.ORG_SUFFIXES:
            if short.endswith(suffix) and full.endswith(suffix) and len(suffix) >= 2:
                return False
    return len(short) >= 2 and short[0] == full[0] and _is_subsequence(short, full)


def build_orgs(
    article: Article,
) -> tuple[list[Org], list[list[tuple[int, int, str]]], str | None]:
    """Organisations of the article and, per paragraph, mentions as (start, end, canonical)."""
    paragraphs = article.paragraphs
    first = [recognise(p) for p in paragraphs]
    alias_defs: dict[str, str] = {}
    bracket_alias: dict[str, str] = {}
    for p, ms in zip(paragraphs, first, strict=True):
        for full, alias in find_alias_definitions(p, ms):
            alias_defs.setdefault(alias, full)
        # A（B）where both are names: B is another name of A (大连金普新区（大连经济技术开发区）).
        for a in ms:
            for b in ms:
                if b.start == a.end + 1 and p[a.end : a.end + 1] in "(（" and p[b.end : b.end + 1] in ")）":
                    bracket_alias[b.text] = a.text
    alias_kinds: dict[str, tuple[str, str | None]] = {}
    for alias, full in alias_defs.items():
        info = kind_of(full)
        if info:
            alias_kinds[alias] = info
    # 我校 / 我院 on a school's own page: the publisher, unnamed in the text.
    for ref in lx.SELF_REFERENCES:
        if any(ref in p for p in paragraphs):
            alias_kinds[ref] = ("College", None)
    mentions = [recognise(p, alias_kinds) for p in paragraphs] if alias_kinds else first
    flat = [m for ms in mentions for m in ms]
    city = _article_city(article, flat)

    written_to_canon: dict[str, str] = {}
    info_of: dict[str, tuple[str, str | None]] = {}
    forms: dict[str, list[str]] = {}
    for m in flat:
        canon = lx.SELF_REFERENCES.get(m.text) or _expand(m.text, city)
        written_to_canon[m.text] = canon
        info_of.setdefault(canon, (m.kind, m.level))
        forms.setdefault(canon, [])
        if m.text not in forms[canon]:
            forms[canon].append(m.text)
    # Merge explicit aliases, then short forms into the fullest name.
    parent: dict[str, str] = {}

    def root(n: str) -> str:
        while n in parent:
            n = parent[n]
        return n

    for alias, full in {**alias_defs, **bracket_alias}.items():
        a_name, f_name = written_to_canon.get(alias), written_to_canon.get(full)
        if a_name and f_name and root(a_name) != root(f_name):
            parent[root(a_name)] = root(f_name)
    names = sorted(forms, key=len, reverse=True)
    for short in names:
        if short in parent:
            continue
        for full in names:
            if (
                full != short
                and root(full) != root(short)
                and _same_org(short, full)
                and (info_of[short][0] == info_of[full][0] or kind_of(short) is None)
            ):
                parent[short] = root(full)
                break
    orgs: dict[str, Org] = {}
    for canon in forms:
        r = root(canon)
        kind, level = info_of[r]
        org = orgs.setdefault(r, Org(r, kind, level))
        for w in forms[canon]:
            if w not in org.mentions:
                org.mentions.append(w)
        if canon != r and canon not in org.aliases:
            org.aliases.append(canon)
    for org in orgs.values():
        for w in org.mentions:
            if w != org.name and normalize_name(w) != org.name and w not in org.aliases:
                org.aliases.append(w)
    for org in orgs.values():
        org.unnamed = org.name in lx.SELF_REFERENCES.values()
    per_para = [[(m.start, m.end, root(written_to_canon[m.text])) for m in ms] for ms in mentions]
    return list(orgs.values()), per_para, city


# --------------------------------------------------------------------------- people

_TITLE_RE = re.compile("(?:" + "|".join(re.escape(t) for t in lx.TITLES) + ")")
_TITLE_CHAIN_RE = re.compile(
    "((?:"
    + "|".join(re.escape(t) for t in lx.TITLES)
    + r")(?:[、]?(?:"
    + "|".join(re.escape(t) for t in lx.TITLES)
    + "))*)"
)
_NOT_NAME_HEADS = (
    "常务",
    "执行",
    "分管",
    "主管",
    "相关",
    "有关",
    "各级",
    "现任",
    "原任",
    "时任",
    "首任",
    "前任",
    "党委",
    "学院",
    "学校",
    "公司",
    "集团",
    "副",
    "总",
    "该",
    "由",
    "和",
    "与",
    "及",
)
_COMMON_NON_NAMES = {
    "表示",
    "主持",
    "讲话",
    "介绍",
    "指出",
    "一行",
    "同志",
    "等人",
    "先生",
    "女士",
    "会上",
    "认为",
}


def _person_name_at(text: str, i: int) -> str | None:
    """A 2–3 character personal name starting at ``i`` (surname-checked, boundary after)."""
    two = text[i : i + 2]
    after_two = text[i + 2 :]
    if (
        len(two) == 2
        and re.fullmatch(r"[\u4e00-\u9fff]{2}", two)
        and (two[0] in lx.SURNAMES)
        and two not in _COMMON_NON_NAMES
        and (
            not after_two or after_two[0] in '，,、。；;：:（(）)“”" ' or after_two.startswith(lx.AFTER_NAME)
        )
    ):
        return two
    three = text[i : i + 3]
    if (
        len(three) == 3
        and re.fullmatch(r"[\u4e00-\u9fff]{3}", three)
        and (three[0] in lx.SURNAMES or three[:2] in lx.SURNAMES)
        and _TITLE_RE.match(text, i + 2) is None
    ):
        return three  # most Chinese names have three characters; what follows is a verb
    for n in (3, 2):
        cand = text[i : i + n]
        if len(cand) < n or not re.fullmatch(r"[\u4e00-\u9fff]+", cand):
            continue
        if not (cand[0] in lx.SURNAMES or cand[:2] in lx.SURNAMES) or cand in _COMMON_NON_NAMES:
            continue
        rest = text[i + n :]
        if not rest or rest[0] in '，,、。；;：:（(）)“”" ' or rest.startswith(lx.AFTER_NAME):
            if n == 3 and _TITLE_RE.match(text, i + 2) is None and text[i + 2 : i + 3] in "等和与及":
                continue
            return cand
    return None


_POST_TITLE_RE = re.compile(
    r"(?:^|(?<=[，,、。；;：:\s由和与及]))([\u4e00-\u9fff]{2,3}?)("
    + "|".join(re.escape(t) for t in lx.TITLES if t not in ("委员", "常委", "董事", "理事", "主管", "负责人"))
    + r")(?=[，,、。；;和与及等\s]|"
    + "|".join(lx.AFTER_NAME)
    + ")"
)


def find_people(sent: Sentence) -> list[Person]:
    """``<org><titles><name>``, possibly several ``<org><titles>`` groups before one name."""
    text = sent.text
    out: list[Person] = []
    for m in _TITLE_CHAIN_RE.finditer(text):
        name = _person_name_at(text, m.end())
        if not name:
            continue
        positions: list[tuple[str | None, str]] = []
        titles = re.findall(_TITLE_RE, m.group(1))
        org = next((n for s, e, n in sent.orgs if e == m.start()), None)
        if org is None and m.start() > 0 and text[m.start() - 1] == "、":
            # "A集团董事长吕松涛、副总裁吴立功": the second title is at the same organisation.
            before = next(
                (p for p in reversed(out) if text.find(p.name) == m.start() - 1 - len(p.name)), None
            )
            if before is not None and before.positions and before.positions[-1][0]:
                org = before.positions[-1][0]
        positions.extend((org, t) for t in titles)
        # Earlier groups: "市工信局一级巡视员，长春企联会长、党委书记杨连仲".
        adjacent = next((s for s, e, _ in sent.orgs if e == m.start()), None)
        pos = adjacent if adjacent is not None else m.start()
        while adjacent is not None and pos > 1 and text[pos - 1] in "，,、":
            prev = None
            for pm in _TITLE_CHAIN_RE.finditer(text, 0, pos - 1):
                if pm.end() == pos - 1:
                    prev = pm
            if prev is None:
                break
            porg = next(((s, n) for s, e, n in sent.orgs if e == prev.start()), None)
            if porg is None:
                break
            positions = [(porg[1], t) for t in re.findall(_TITLE_RE, prev.group(1))] + positions
            pos = porg[0]
        if any(p.name == name for p in out):
            continue
        out.append(Person(name, positions, text.strip()))
    # "赵淳生院士", "张政利院长": name before a title (its organisation is not written).
    for m in _POST_TITLE_RE.finditer(text):
        name = m.group(1)
        if any(a < m.end(1) and m.start(1) < b for a, b, _ in sent.orgs):
            continue
        if name.startswith(_NOT_NAME_HEADS) or _TITLE_RE.search(name):
            continue
        if name[0] in lx.SURNAMES and name not in _COMMON_NON_NAMES and not any(p.name == name for p in out):
            out.append(Person(name, [(None, m.group(2))], text.strip()))
    for m in re.finditer(
        r"(?:^|(?<=[，,、。；;：:\s]))([\u4e00-\u9fff]{2,3}?)(院士|教授|研究员|博士)(?=[，,、。；;和与及等\s]|致辞|表示|介绍|指出|出席|作|做|发表|带领)",
        text,
    ):
        name = m.group(1)
        if name[0] in lx.SURNAMES and name not in _COMMON_NON_NAMES and not any(p.name == name for p in out):
            out.append(Person(name, [(None, m.group(2))], text.strip()))
    return out


# --------------------------------------------------------------------------- events

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
_ATTEND_RE = re.compile(r"参加|出席|参会|与会|见证|莅临|应邀")


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
            if any(text.endswith(w, 0, j) for w in _EVENT_LEFT_STOPS):
                break
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


def _consortium_name(text: str, end: int, ending: str) -> str | None:
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
    from iegraph.extract.orgs import _official

    if not _official(name):
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


# --------------------------------------------------------------------------- projects etc.

_VERB_RE = re.compile("(" + "|".join(re.escape(v) for v in lx.PROJECT_VERBS) + ")")
_CARRIER_RE = re.compile(
    r"(项目|基地|中心|学院|实验室|平台|工作室|工作站|班|课程|专业|园区|研究院|攻关|研制|开发|研发|培养|合作)$"
)
_QUOTED_CARRIER_RE = re.compile(
    r"“([^”]{4,40}(?:基地|中心|学院|实验室|平台|工作室|工作站|示范区|产业园))”(?:项目)?"
)
_APPROVAL_RE = re.compile(r"批准|认定|获批|授牌|授予|遴选|评为|确定为|入选")
#: The applicant of an approved carrier: ``批准我校申报的“X”`` (我校 applied for and builds X).
_APPLIED_RE = re.compile(r"申报|申请")


def find_approved_projects(sent: Sentence) -> list[Fact]:
    """“X基地” approved by a body: ``A正式批准我校申报的“X”项目`` -> project X, approved_by A,
    and the applicant (我校, between the verb and X, before 申报/申请) as its builder."""
    out: list[Fact] = []
    am = _APPROVAL_RE.search(sent.text)
    if not am:
        return out
    for m in _QUOTED_CARRIER_RE.finditer(sent.text):
        if m.start() < am.start():
            continue
        fact = Fact("project", m.group(1), sent.text.strip())
        fact.attrs["type"] = project_type(m.group(1))
        fact.attrs["approved_by"] = sent.org_names(0, am.start())
        if _APPLIED_RE.search(sent.text, am.end(), m.start()):
            for applicant in sent.org_names(am.end(), m.start()):
                fact.parties.append(applicant)
                fact.roles[applicant] = "builder"
        fact.attrs["status"] = "approved"
        out.append(fact)
    return out


_CLAUSE_SPLIT = re.compile(r"[；;：:]")
_INVEST_RE = re.compile(r"(?:总)?投资(?:额)?(?:达|约|近|超过)?\s*(\d+(?:\.\d+)?\s*(?:亿|万|千万)?元)")
_OUTPUT_RE = re.compile(
    r"(研究成果|科研成果|成果|实习岗位|就业岗位|岗位|专利|标准|教材|课程)\s*(\d+(?:\.\d+)?(?:万|千)?\s*(?:余|多)?\s*(?:个|项|件|部|门|种))"
    r"|(?:培训|继续教育|培养)[\u4e00-\u9fff]{0,8}?(\d+(?:\.\d+)?(?:万|千)?\s*(?:余|多)?\s*人次?)"
)
_OUTPUT_KEYS = {
    "研究成果": "results",
    "科研成果": "results",
    "成果": "results",
    "实习岗位": "internship_places",
    "就业岗位": "jobs",
    "岗位": "jobs",
    "专利": "patents",
    "标准": "standards",
    "教材": "textbooks",
    "课程": "courses",
}


def project_type(name: str) -> str:
    for word, kind in lx.PROJECT_TYPES:
        if word in name:
            return kind
    return "other"


def _clean_project_name(name: str) -> str:
    name = name.strip(' ，,。；;、“”"')
    name = re.sub(r"^(了|起|好|成|出)", "", name)
    # The project is the thing built or studied; "项目" only says it is one.
    for tail in ("合作项目", "建设项目", "项目"):
        if name.endswith(tail) and len(name) - len(tail) >= 4:
            return name[: -len(tail)]
    return name


def find_projects(sent: Sentence, prev: list[str]) -> list[Fact]:
    """Projects with parties from clauses like ``A与B，共建X项目`` / ``A与B合作研发X项目``."""
    out: list[Fact] = []
    text = sent.text
    pos = 0
    for clause in _CLAUSE_SPLIT.split(text):
        c_start = text.find(clause, pos)
        pos = c_start + len(clause)
        cut = c_start
        for vm in _VERB_RE.finditer(clause):
            v = c_start + vm.start()
            if v < cut or any(s <= v < e for s, e, _ in sent.orgs):
                continue
            rest = clause[vm.end() :]
            name = re.split(r"[，,。！？!?]", rest, maxsplit=1)[0]
            name = _clean_project_name(name)
            if not (4 <= len(name) <= 40) or not _CARRIER_RE.search(name.rstrip('”"')):
                continue
            if (
                "、" in name
                or "为一体" in name
                or re.match(r"(成为|一个|一批|各类|相关|更多|联合体内|体内)", name)
            ):
                continue
            parties = [
                n
                for a, b, n in sent.orgs
                if a >= cut and b <= v and not re.match(r".{0,3}(指导|批准|支持下|主管|认定)", text[b:v])
            ]
            parties = list(dict.fromkeys(parties))
            if not parties and cut == c_start:
                parties = [n for n in prev if n]
            if not parties or name in parties:
                continue
            fact = Fact("project", name, clause.strip(" ；;"), parties=parties)
            fact.attrs["type"] = project_type(name)
            inv = _INVEST_RE.search(text)
            if inv:
                fact.attrs["investment"] = inv.group(1).replace(" ", "")
            out.append(fact)
            cut = c_start + vm.end() + len(name)
    return out


_AGREE_COUNT_RE = re.compile(
    r"(\d+|[一二两三四五六七八九十]+)\s*(?:家|个|所)\s*(?:单位|企业|院校|学校|高校|机构)?\s*(?:成功|现场|正式)?\s*签(?:署|订)了?\s*"
    r"([\u4e00-\u9fff]{0,10}协议)"
)
_AGREE_PARTY_RE = re.compile(
    r"签(?:署|订)了?\s*([\u4e00-\u9fff“”]{0,16}(?:协议书|协议|合同|备忘录|意向书|MOU))"
)


def find_agreements(sent: Sentence) -> list[Fact]:
    """Signed agreements: with named parties (A与B签署…协议) or a signatory count."""
    out: list[Fact] = []
    text = sent.text
    for m in _AGREE_COUNT_RE.finditer(text):
        kind = "strategic" if "战略" in m.group(2) else None
        fact = Fact(
            "agreement", m.group(2), text.strip(), attrs={"signatory_count": m.group(1), "kind": kind}
        )
        out.append(fact)
    if out:
        return out
    for m in _AGREE_PARTY_RE.finditer(text):
        parties = sent.org_names(0, m.start())
        if len(parties) < 2:
            # "学校与27个合作伙伴签署…": one named party; still an agreement of that party.
            if parties and re.search(r"\d+\s*(?:个|家|所)", text[: m.start()]):
                out.append(Fact("agreement", m.group(1).strip("“”"), text.strip(), parties=parties))
            continue
        if len(parties) >= 2:
            kind = "strategic" if "战略" in m.group(1) else None
            out.append(
                Fact("agreement", m.group(1).strip("“”"), text.strip(), parties=parties, attrs={"kind": kind})
            )
    return out


_POLICY_RE = re.compile(r"《([^》]{4,80})》")
_ISSUE_VERBS = re.compile(r"(联合印发|印发|发布|制定了?|出台|颁布|下发|出台了)")


def find_policies(sent: Sentence) -> list[Fact]:
    out: list[Fact] = []
    for m in _POLICY_RE.finditer(sent.text):
        title = m.group(1)
        if not title.endswith(lx.POLICY_ENDINGS):
            continue
        before = sent.text[: m.start()]
        issuers: list[str] = []
        verbs = list(_ISSUE_VERBS.finditer(before))
        if verbs:
            issuers = sent.org_names(0, verbs[-1].start())
        fact = Fact("policy", title, sent.text.strip(), parties=issuers)
        dm = re.search(r"(\d{4})年(?:(\d{1,2})月)?", before)
        if dm:
            fact.attrs["date"] = dm.group(1) + (f"-{int(dm.group(2)):02d}" if dm.group(2) else "")
        out.append(fact)
    return out


_PROGRAM_RE = re.compile(r"[一二三四五六七八九十]是((?:“[^”]{2,20}”)?[\u4e00-\u9fff]{0,12}计划)")
_INDUSTRY_LIST_RE = re.compile(
    r"([\u4e00-\u9fff、]{2,60})等(?:重点|优势|主导|支柱|战略性新兴|新兴|特色|相关)?产业"
)


_KNOWN_INDUSTRY_RE = re.compile(
    r"(新能源汽车|汽车|装备制造|高端装备|新能源|人工智能|集成电路|生物医药|新材料|电子信息|数字经济|软件|航空航天|船舶|"
    r"石化|化工|钢铁|纺织|食品|现代农业|文化旅游|旅游|物流|现代服务|医药|光电|半导体|智能制造|节能环保|信息技术|大数据|"
    r"海洋|冶金|建材|家居|轨道交通|氢能|储能|低空经济)(?:产业|制造业)"
)


def find_industries(text: str) -> list[str]:
    out: list[str] = []
    for m in _INDUSTRY_LIST_RE.finditer(text):
        seg = m.group(1)
        seg = re.split(r"围绕|面向|聚焦|对接|服务|涵盖|包括|在|的", seg)[-1]
        for item in seg.split("、"):
            item = item.strip()
            if 2 <= len(item) <= 8 and item not in out and not item.startswith(lx.LEFT_STOPS):
                out.append(item)
    for m in _KNOWN_INDUSTRY_RE.finditer(text):
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


# --------------------------------------------------------------------------- main


def extract(article: Article) -> Extraction:
    """Run every pass over a cleaned article."""
    orgs, per_para, city = build_orgs(article)
    sentences: list[Sentence] = []
    for i, (para, ms) in enumerate(zip(article.paragraphs, per_para, strict=True)):
        for off, text in split_sentences(para):
            sent = Sentence(text, i, off)
            sent.orgs = [(s - off, e - off, n) for s, e, n in ms if s >= off and e <= off + len(text)]
            sentences.append(sent)
    by_name = {o.name: o for o in orgs}
    for sent in sentences:
        for _, _, n in sent.orgs:
            if by_name[n].first_quote is None:
                by_name[n].first_quote = sent.text.strip()

    people: list[Person] = []
    facts: list[Fact] = []
    events: list[Fact] = []
    consortia: dict[str, Fact] = {}
    industries: list[str] = []
    ref_date = article.date

    def date_of(text: str) -> tuple[str | None, bool]:
        m = _DATE_IN_TEXT.search(text)
        if not m:
            return None, False
        return resolve_date(m.group(1), ref_date)

    last_event: Fact | None = None
    main_cons: Fact | None = None
    prev_orgs: list[str] = []
    for idx, sent in enumerate(sentences):
        text = sent.text
        for p in find_people(sent):
            old = next((q for q in people if q.name == p.name), None)
            if old is None:
                people.append(p)
            else:
                old.positions.extend(x for x in p.positions if x not in old.positions)
        # Consortia
        for m in _CONS_RE.finditer(text):
            name = _consortium_name(text, m.end(), m.group(1))
            if name is None:
                if main_cons is not None and re.search(r"(该|本|这个)" + re.escape(m.group(1)[-3:]), text):
                    pass
                continue
            if any(e >= m.end() and s <= m.end() - len(name) for s, e, _ in sent.orgs):
                continue
            key = next(
                (k for k in consortia if k == name or consortium_core(k) == consortium_core(name)), None
            )
            if key is None:
                fact = Fact("consortium", name, text.strip())
                fact.attrs["kind"] = dict(lx.CONSORTIUM_ENDINGS)[m.group(1)]
                consortia[name] = fact
                main_cons = main_cons or fact
            elif len(name) > len(key) and not re.search("[(（]", key) and starts_with_place(name):
                fact = consortia.pop(key)
                fact.attrs.setdefault("aliases", []).append(fact.name)
                fact.name = name
                consortia[name] = fact
            else:
                if name != key:
                    consortia[key].attrs.setdefault("aliases", [])
                    if name not in consortia[key].attrs["aliases"]:
                        consortia[key].attrs["aliases"].append(name)
        for m in _CONS_RE.finditer(text):
            if "国家级" in text[max(0, m.start() - 12) : m.end()]:
                for f in consortia.values():
                    if consortium_core(f.name) in consortium_core(text[max(0, m.start() - 30) : m.end()]):
                        f.attrs["level"] = "national"
        cons_here = None
        for k, f in consortia.items():
            if k in text or any(a in text for a in f.attrs.get("aliases", [])):
                cons_here = f
        if (
            cons_here is None
            and main_cons is not None
            and re.search(r"(该|本|^)(联合体|共同体|职教集团|联盟)", text.strip())
        ):
            cons_here = main_cons  # "该联合体…", "共同体由…牵头": the article's consortium
        if cons_here is not None:
            lead_m = re.search(r"([^，,。；;]{2,200}?)(?:联合|共同)?牵头", text)
            if lead_m:
                for n in sent.org_names(lead_m.start(1), lead_m.end()):
                    if n not in cons_here.parties:
                        cons_here.parties.append(n)
                        cons_here.roles[n] = "lead"
            elif "牵头单位" in text:
                for n in sent.org_names(text.index("牵头单位")):
                    if n not in cons_here.parties:
                        cons_here.parties.append(n)
                        cons_here.roles[n] = "lead"
            if re.search(r"发起|加入|成员|涵盖|包括|汇聚|吸纳", text):
                for n in sent.org_names():
                    if n not in cons_here.parties:
                        cons_here.parties.append(n)
                        guide = re.search(re.escape(n) + r"[^，,。]{0,3}(指导|主管)", text)
                        cons_here.roles[n] = "guide" if guide else "member"
            comp = composition_of(text)
            if len(comp) >= 2 and "composition" not in cons_here.attrs:
                cons_here.attrs["composition"] = comp
                if re.search(r"截至目前|目前|截至", text):
                    d, _inf = date_of(text)
                    cons_here.attrs["composition_as_of"] = ref_date
        # Events
        for name, kind, s, e in find_event_mentions(sent):
            # One event under several names: "启动仪式暨对接会", a bare "签约仪式" after a
            # named one, the same kind mentioned again.
            same = next(
                (
                    ev
                    for ev in events
                    if ev.attrs["kind"] == kind
                    or name in ev.name
                    or ev.name in name
                    or (len(name) <= 6 and s > 0 and text[s - 1] in "暨")
                ),
                None,
            )
            if same is None and len(name) <= 6 and last_event is not None:
                same = last_event
            if same is not None:
                if len(name) > len(same.name) and len(name) <= 60:
                    same.name = name
                last_event = same
                continue
            ev = Fact("event", name, text.strip(), attrs={"kind": kind})
            d, inferred = date_of(text[:e]) if date_of(text[:e])[0] else date_of(text)
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
            by = re.search(r"由([^。；;]{2,120}?)(主办|承办|联合主办|共同主办|举办|主持召开)", text)
            if by:
                for n in sent.org_names(by.start(1), by.end(1)):
                    if n not in ev.parties:
                        ev.parties.append(n)
                        ev.roles[n] = "host" if by.group(2) == "承办" else "organiser"
            verb = re.search(r"召开|举办|举行|主办|组织召开|承办", text)
            if verb:
                lo = 0
                for n in sent.org_names(lo, min(verb.start(), place_m.start() if place_m else verb.start())):
                    if n not in ev.parties:
                        ev.parties.append(n)
                        ev.roles[n] = "organiser"
            if cons_here is not None and kind == "founding":
                cons_here.attrs.setdefault("founded", ev.attrs.get("date"))
                if "date" in ev.inferred:
                    cons_here.inferred.append("founded")
            if cons_here is not None:
                ev.attrs["consortium"] = cons_here.name
            events.append(ev)
            last_event = ev
        if last_event is not None and re.match(
            r"\s*[\u4e00-\u9fff]{0,6}(会上|会议上|仪式上|活动上|现场)[，,]", text
        ):
            # "成立大会上，A董事长…、B研究员…做经验介绍": who speaks at the event attended it.
            for n in sent.org_names():
                if n not in last_event.parties:
                    last_event.parties.append(n)
                    last_event.roles[n] = "attendee"
        if last_event is not None and _ATTEND_RE.search(text):
            in_name = {
                n
                for a, b, n in sent.orgs
                if last_event.name in text
                and text.find(last_event.name) <= a < text.find(last_event.name) + len(last_event.name)
            }
            for n in sent.org_names():
                if n in in_name:
                    continue
                if n not in last_event.parties:
                    last_event.parties.append(n)
                    last_event.roles[n] = "attendee"
            counts = composition_of(text)
            counts.pop("total", None)
            if counts and "attendee_counts" not in last_event.attrs:
                last_event.attrs["attendee_counts"] = counts
        if last_event is not None and re.search(r"会议由|由.{2,30}主持", text):
            for n in sent.org_names():
                if n not in last_event.parties:
                    last_event.parties.append(n)
                    last_event.roles[n] = "host"
        # Projects, agreements, policies, programs
        projects = find_projects(sent, prev_orgs if "双方" in text else [])
        for pr in projects:
            if last_event is not None and re.search(
                r"签约|签署", " ".join(s.text for s in sentences[max(0, idx - 3) : idx + 1])
            ):
                pr.attrs["event"] = last_event.name
            if main_cons is not None and "联合体" in article.paragraphs[sent.para]:
                pr.attrs["consortium"] = main_cons.name
            # Outputs reported in the next sentence ("目前已产出研究成果31个…")
            for nxt in sentences[idx : idx + 2]:
                for om in _OUTPUT_RE.finditer(nxt.text):
                    if om.group(1):
                        pr.attrs.setdefault("outputs", {})[_OUTPUT_KEYS[om.group(1)]] = om.group(2)
                    elif om.group(3):
                        pr.attrs.setdefault("outputs", {})["trainees"] = om.group(3)
            if last_event is not None and last_event.attrs.get("date") and "event" in pr.attrs:
                pr.attrs["date"] = last_event.attrs["date"]
                if "date" in last_event.inferred:
                    pr.inferred.append("date")
        facts.extend(projects)
        for ap in find_approved_projects(sent):
            if not any(f.type == "project" and f.name == ap.name for f in facts):
                d, inferred = date_of(text)
                if d:
                    ap.attrs["date"] = d
                    if inferred:
                        ap.inferred.append("date")
                facts.append(ap)
        for ag in find_agreements(sent):
            if last_event is not None:
                ag.attrs["event"] = last_event.name
                if last_event.attrs.get("date"):
                    ag.attrs["date"] = last_event.attrs["date"]
                    if "date" in last_event.inferred:
                        ag.inferred.append("date")
            if cons_here is not None:
                ag.attrs["consortium"] = cons_here.name
            facts.append(ag)
        facts.extend(find_policies(sent))
        # "本次合作学校包括A、B…": the parties of the agreement/project just reported.
        if re.search(
            r"(合作|签约|签署|参与)[^，。,]{0,6}(学校|单位|企业|院校|高校|伙伴|机构)[^，。,]{0,4}(包括|有|为|是)",
            text,
        ):
            target = next((f for f in reversed(facts) if f.type in ("agreement", "project")), None)
            if target is not None:
                for n in sent.org_names():
                    if n not in target.parties:
                        target.parties.append(n)
        for pm in _PROGRAM_RE.finditer(text):
            owners = sent.org_names() or _para_subject(sentences, sent)
            # Targets: numbers until the next item.
            tail = text[pm.end() :]
            following = " ".join(o.text for o in sentences[idx + 1 : idx + 3] if o.para == sent.para)
            seg = re.split(r"[一二三四五六七八九十]是", tail + following)[0]
            targets: dict[str, str] = {}
            for tm in re.finditer(r"(\d+(?:\.\d+)?)\s*(人|个)\s*(以上)?", seg):
                key = "people" if tm.group(2) == "人" else ("classes" if "班" in seg else "count")
                targets.setdefault(key, tm.group(0))
            fact = Fact("program", pm.group(1), text.strip(), parties=owners[:1])
            fact.roles = {o: "owner" for o in owners[:1]}
            if targets:
                fact.attrs["targets"] = targets
            if main_cons is not None and "联合体" in article.paragraphs[sent.para]:
                fact.attrs["consortium"] = main_cons.name
            facts.append(fact)
        for ind in find_industries(text):
            if ind not in industries:
                industries.append(ind)
        prev_orgs = (
            sent.org_names()
            if sent.orgs
            else prev_orgs
            if idx and sentences[idx - 1].para == sent.para
            else []
        )
    # Events only mentioned in passing (要组织专场招聘会, 以洽谈会等形式) have neither a date,
    # nor a party, nor a place: they are not reported events.
    title = article.title or ""
    # Parties of what was signed at an event attended it.
    for f in facts:
        signed_at = next((e for e in events if e.name == f.attrs.get("event")), None)
        if signed_at is not None:
            ev = signed_at
            for n in f.parties:
                if n not in ev.parties:
                    ev.parties.append(n)
                    ev.roles[n] = "attendee"
    kept = [
        ev for ev in events if ev.parties or ev.attrs.get("date") or ev.attrs.get("place") or ev.name in title
    ]
    kept_names = {ev.name for ev in kept}
    for f in facts:
        if f.attrs.get("event") and f.attrs["event"] not in kept_names:
            f.attrs.pop("event")
    facts = list(consortia.values()) + kept + facts
    return Extraction(article, orgs, people, facts, industries, city)


def _para_subject(sentences: list[Sentence], sent: Sentence) -> list[str]:
    """Organisations named earlier in the same paragraph (the subject of a list of items)."""
    out: list[str] = []
    for s in sentences:
        if s.para == sent.para and s.start < sent.start:
            for n in s.org_names():
                if n not in out:
                    out.append(n)
    return out
