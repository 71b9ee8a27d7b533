"""Organisations of an article from its mentions: canonical names and merged short forms.

``市教育局`` gets the article's city, ``工信局`` is spelled out, a short form (defined by
``（以下简称…）``, a bracketed second name, or an in-order abbreviation) merges into the
fullest name the article gives. The mentions themselves come from ``orgs.recognise``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from iegraph.extract import lexicon as lx
from iegraph.extract import recogniser
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
from iegraph.names import normalize_name


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


#: What may follow ``…集团`` in a group's full name (``X集团`` is then its short form).
_GROUP_LEGAL_FORMS = frozenset(
    {"有限公司", "股份有限公司", "有限责任公司", "控股有限公司", "控股股份有限公司"}
)

#: Contractions inside names: 经开区 = 经济技术开发区, 管委会 = 管理委员会, 高新区 = 高新技术产业开发区.
_CONTRACTIONS = (("经开区", "经济技术开发区"), ("管委会", "管理委员会"), ("高新区", "高新技术产业开发区"))


def _same_unit(short: str, full: str) -> bool:
    """衢职院医学院 for 衢州职业技术学院医学院, 工商银行江门分行 for 中国工商银行股份有限公司江门分行:
    the same unit (a department, a branch) under its parent's short form."""
    for i in range(len(full) - 2, 1, -1):
        parent, unit = full[:i], full[i:]
        if not short.endswith(unit) or kind_of(unit) is None or kind_of(parent) is None:
            continue
        if parent.endswith(lx.ABBREVIATION_SUFFIXES):
            continue  # 大连理工大|学医学院: the parent is cut inside its own word
        short_parent = short[: len(short) - len(unit)]
        if len(short_parent) < 2 or short_parent == parent:
            continue
        # the parent without its 中国 or place head (中国工商银行… -> 工商银行…)
        bare = parent[2:] if parent.startswith("中国") else parent
        if bare.startswith(short_parent) and kind_of(short_parent) is not None:
            return True
        if kind_of(short_parent) is None and _same_org(short_parent, parent):
            return True
    return False


def _same_org(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of ``full`` (both canonical, short shorter)."""
    # 长兴岛经开区管委会 for 大连长兴岛经济技术开发区管理委员会: common contractions, the
    # place before the name dropped.
    spelled = short
    for contracted, whole in _CONTRACTIONS:
        spelled = spelled.replace(contracted, whole)
    if spelled != short and (
        spelled == full or (full.endswith(spelled) and is_place(full[: len(full) - len(spelled)]))
    ):
        return True
    if len(short) < len(full) and _same_unit(short, full):
        return True
    # 鹤城建工集团 for 湖南鹤城建工集团有限公司: the same, without the place it starts with.
    place = starts_with_place(full) or ""
    rest = full[len(place) :]
    if (
        place
        and short.endswith("集团")
        and rest.startswith(short)
        and rest[len(short) :] in _GROUP_LEGAL_FORMS
    ):
        return True
    if len(short) >= len(full) or (short[0] != full[0] and not full.endswith(short)):
        return False
    # 桐昆集团 for 桐昆集团股份有限公司: a group named without its legal form (news pages
    # write the group so after its first full mention; both are complete names).
    if short.endswith("集团") and full.startswith(short) and full[len(short) :] in _GROUP_LEGAL_FORMS:
        return True
    # 金普新区 -> 大连金普新区; 长春企业联合会 -> 长春市企业联合会.
    if full.endswith(short) and is_place(full[: len(full) - len(short)].rstrip("市省区县") or "x"):
        return short not in lx.KNOWN_ORGS
    if short in lx.KNOWN_ORGS:
        return False
    if full.replace("市", "", 1) == short or full.replace("省", "", 1) == short:
        return True
    # 泸州职业学院 for 泸州市职业技术学院 (技术 dropped).
    if full.replace("市", "", 1).replace("职业技术学院", "职业学院") == short:
        return True
    if full in ("国立" + short, "私立" + short, "公立" + short):
        return True
    info_s, info_f = kind_of(short), kind_of(full)
    # 轻工学院 in 黎明职业大学轻工学院 (or 黄冈职院汽车学院): the unit named without its parent.
    head = full[: len(full) - len(short)]
    if full.endswith(short) and len(short) >= 4 and (kind_of(head) is not None or head.endswith("职院")):
        return True
    if full.startswith(("国立", "私立", "公立")) and not short.startswith(("国立", "私立", "公立")):
        return _same_org(short, full[2:]) if len(short) < len(full) - 2 else short == full[2:]
    if info_s and info_f and not short.endswith(lx.ABBREVIATION_SUFFIXES):
        suf_s = max((x for x in _suffixes() if short.endswith(x)), key=len)
        suf_f = max((x for x in _suffixes() if full.endswith(x)), key=len)
        # 临港中心 -> 临港集团产教融合促进中心: a more specific suffix of the same family.
        # Not across college levels: 苏州大学 is not 苏州职业大学.
        if (
            len(suf_f) > len(suf_s)
            and suf_f.endswith(suf_s)
            and len(short) <= 5
            and not (info_s[0] == info_f[0] == "College" and info_s[1] != info_f[1])
        ):
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


@dataclass
class Mentions:
    """Organisation mentions per paragraph (as written), with the short forms the article
    defines: ``（以下简称Y）`` (alias -> full) and ``A（B）`` brackets (B -> A)."""

    per_para: list[list[Mention]]
    alias_defs: dict[str, str] = field(default_factory=dict)
    bracket_alias: dict[str, str] = field(default_factory=dict)


#: Legal forms a company's name ends with, longest first (what a bare name drops).
_LEGAL_FORMS = (
    "集团股份有限公司",
    "集团有限责任公司",
    "股份有限公司",
    "集团有限公司",
    "有限责任公司",
    "有限公司",
)


def _bare_company_names(paragraphs: list[str], first: list[list[Mention]]) -> dict[str, str]:
    """Companies written bare elsewhere in the article: ``{core: full name}`` for each
    company name ``[<place>]<core><legal form>`` whose core (four characters at least, not
    itself ending like an organisation) occurs outside every name the first pass found."""
    out: dict[str, str] = {}
    # each written name once: a name repeated in every paragraph would otherwise search
    # every paragraph once per repetition (quadratic on a long page)
    seen: set[str] = set()
    for m in (m for ms in first for m in ms):
        if m.text in seen or m.kind != "Enterprise" or "(" in m.text or "（" in m.text:
            continue
        seen.add(m.text)
        form = next((f for f in _LEGAL_FORMS if m.text.endswith(f)), None)
        place = starts_with_place(m.text) or ""
        if form is None:
            continue
        core = m.text[len(place) : len(m.text) - len(form)]
        # 鸿昱精密工业 is also written 鸿昱精密: its trade word may go too
        cores = [core, re.sub(r"(工业|科技|实业|技术|控股|发展)$", "", core)]
        for c in dict.fromkeys(cores):
            if len(c) < 4 or kind_of(c) is not None or c in lx.GENERIC_NAMES:
                continue
            for p, ms in zip(paragraphs, first, strict=True):
                if any(
                    not any(o.start <= i < o.end for o in ms)
                    for i in (x.start() for x in re.finditer(re.escape(c), p))
                ):
                    out.setdefault(c, m.text)
                    break
    return out


#: What may stand before a bracketed second name: nothing, or that it is the former or present one
#: (深圳职业技术大学（原深圳职业技术学院）).
_FORMER_NAME_WORDS = frozenset({"", "原", "原名", "前身为", "现名", "现为", "即"})


def find_mentions(paragraphs: list[str]) -> Mentions:
    """Mentions of every paragraph: a first pass by ``recognise``, then, when the article
    defines short forms or refers to itself (我校), a second pass that knows them."""
    first = [recognise(p) for p in paragraphs]
    alias_defs: dict[str, str] = {}
    bracket_alias: dict[str, str] = {}
    for p, ms in zip(paragraphs, first, strict=True):
        for full, alias in find_alias_definitions(p, ms):
            alias_defs.setdefault(alias, full)
        # A（B）where both are names: B is another name of A (大连金普新区（大连经济技术开发区）).
        for a in ms:
            for b in ms:
                between = p[a.end + 1 : b.start] if b.start > a.end else "x"
                if (
                    between in _FORMER_NAME_WORDS
                    and p[a.end : a.end + 1] in "(（"
                    and p[b.end : b.end + 1] in ")）"
                ):
                    bracket_alias[b.text] = a.text
    alias_kinds: dict[str, tuple[str, str | None]] = {}
    for alias, full in alias_defs.items():
        info = kind_of(full)
        if info:
            alias_kinds[alias] = info
    # Undefined short forms that are a company's name without place and legal form:
    # 株洲金刚硬质合金有限公司 … 金刚硬质合金 (written elsewhere in the article).
    for core, full in _bare_company_names(paragraphs, first).items():
        if core not in alias_kinds and core not in alias_defs:
            alias_defs[core] = full
            alias_kinds[core] = ("Enterprise", None)
    # 我校 / 我院 on a school's own page: the publisher, unnamed in the text.
    for ref in lx.SELF_REFERENCES:
        if any(ref in p for p in paragraphs):
            alias_kinds[ref] = ("College", None)
    mentions = [recognise(p, alias_kinds) for p in paragraphs] if alias_kinds else first
    if recogniser.enabled():
        # Short forms the learned recogniser finds (旭阳, 华翼智能 …) become defined short
        # forms of the name they abbreviate: a third pass finds them with the rules' kinds.
        lac_defs = recogniser.short_forms(paragraphs, mentions)
        for alias, full in lac_defs.items():
            info = kind_of(full) or _kind_of_mention(full, mentions)
            if info and alias not in alias_kinds:
                alias_kinds[alias] = info
                alias_defs.setdefault(alias, full)
        if lac_defs:
            mentions = [recognise(p, alias_kinds) for p in paragraphs]
        if recogniser.candidates_enabled():
            # the measured variant: LAC's other spans the rules accept, as organisations
            extra = recogniser.candidates(paragraphs, mentions)
            mentions = [
                sorted(ms + xs, key=lambda m: m.start) for ms, xs in zip(mentions, extra, strict=True)
            ]
    mentions = [_one_name_line(p, ms) for p, ms in zip(paragraphs, mentions, strict=True)]
    return Mentions(mentions, alias_defs, bracket_alias)


def _one_name_line(line: str, ms: list[Mention]) -> list[Mention]:
    """A line that is one name (a member list's item, a table cell) whose name joins two
    words with 与/和/及: ``浙江海洋大学船舶与海洋装备研究院`` is one institute of the
    university, not the university and a ``海洋装备研究院``. Only when the last part is a
    school's or an institute's unit, not a company (``A大学与B有限公司`` keeps both), and
    the line is nothing but the name (no verb: not a prose ``A与B研究院签约``)."""
    name = line.rstrip("；;。，,、 ")
    if len(ms) < 2 or len(name) > 30 or ms[0].start != 0 or ms[-1].end != len(name):
        return ms
    gaps = [name[a.end : b.start] for a, b in pairwise(ms)]
    last = ms[-1]
    if (
        not all(re.search("[与和及]", g) and not re.search(r"[、，,。；;\s]", g) for g in gaps)
        or last.kind not in ("ResearchInstitute", "College", "OtherOrganization")
        or kind_of(name) is None
    ):
        return ms
    return [Mention(0, len(name), name, last.kind, last.level)]


def _kind_of_mention(text: str, mentions: list[list[Mention]]) -> tuple[str, str | None] | None:
    """The kind the rules gave a written name (for names typed by a list, not a suffix)."""
    return next(((m.kind, m.level) for ms in mentions for m in ms if m.text == text), None)


def canonical_orgs(
    article: Article, found: Mentions
) -> tuple[list[Org], list[list[tuple[int, int, str]]], str | None]:
    """Organisations of the article (canonical names, written forms kept), per paragraph
    its mentions as (start, end, canonical name), and the article's city."""
    mentions, alias_defs, bracket_alias = found.per_para, found.alias_defs, found.bracket_alias
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
    # A zone acts through its administration: 烟台经济技术开发区 is another name of
    # 烟台经济技术开发区管理委员会 when the article names both. With only a bureau of the zone
    # (青岛西海岸新区教育和体育局) the zone is where that bureau is, not an organisation.
    regions: set[str] = set()
    roots = [n for n in names if n not in parent]
    for zone in roots:
        if not zone.endswith(tuple(lx.ZONE_SUFFIXES)):
            continue
        bodies = [n for n in roots if n != zone and n.startswith(zone)]
        admin = next((n for n in bodies if n[len(zone) :] in ("管理委员会", "管委会")), None)
        if admin is not None:
            parent[zone] = admin
        elif bodies and info_of[zone][0] == "Government":
            regions.add(zone)
    orgs: dict[str, Org] = {}
    for canon in forms:
        r = root(canon)
        if r in regions:
            continue
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
    per_para = [
        [
            (m.start, m.end, root(written_to_canon[m.text]))
            for m in ms
            if root(written_to_canon[m.text]) not in regions
        ]
        for ms in mentions
    ]
    return list(orgs.values()), per_para, city


def build_orgs(
    article: Article,
) -> tuple[list[Org], list[list[tuple[int, int, str]]], str | None]:
    """Organisations of the article and, per paragraph, mentions as (start, end, canonical)."""
    return canonical_orgs(article, find_mentions(article.paragraphs))


def named_self(
    article: Article, orgs: list[Org], mention_counts: dict[str, int], hinted: frozenset[str] = frozenset()
) -> Org | None:
    """The college that 我校/学校 refers to on its own page: a college the title or the
    publisher names, else — when the page says 我校 — the one college (not a unit of
    another) named in a sentence about the school itself (``hinted``: 校本部, 校领导 …),
    else the college it names most often (at least twice, more than any other). None
    when the page does not say."""
    colleges = [o for o in orgs if o.kind == "College" and not o.unnamed]
    head = " ".join(x for x in (article.title, article.publisher, article.site) if x)
    in_head = [o for o in colleges if any(m in head for m in [o.name, *o.mentions])]
    if in_head:
        best = max(in_head, key=lambda o: (mention_counts.get(o.name, 0), len(o.name)))
        # A department's own site (…-车辆工程学院) still says 我校/学校 of its school: the one
        # college of the article headed by a place, when the head names only the unit.
        schools = [o for o in colleges if starts_with_place(o.name) and o is not best]
        if not starts_with_place(best.name) and len(schools) == 1 and not in_head[1:]:
            return schools[0]
        return best
    if not any(o.unnamed for o in orgs):
        return None
    # "兰州城市学院在校本部…举行": the one school named beside 校本部/校领导 on a page saying 我校
    top = [o for o in colleges if o.name in hinted and starts_with_place(o.name)]
    top = [o for o in top if not any(p is not o and o.name.startswith(p.name) for p in colleges)]
    if len(top) == 1:
        return top[0]
    ranked = sorted(colleges, key=lambda o: mention_counts.get(o.name, 0), reverse=True)
    if not ranked or mention_counts.get(ranked[0].name, 0) < 2:
        return None
    if len(ranked) > 1 and mention_counts.get(ranked[1].name, 0) == mention_counts.get(ranked[0].name, 0):
        return None
    return ranked[0]


def named_head_school(article: Article) -> tuple[str, str | None] | None:
    """The one school the title, source line or site name of a page names (name, level),
    for a page whose body calls it only 我校; None when they name none or several."""
    schools: list[tuple[str, str | None]] = []
    for line in (article.title, article.publisher, article.site):
        for m in recognise(line or ""):
            if m.kind == "College" and all(m.text != n for n, _ in schools):
                schools.append((m.text, m.level))
    return schools[0] if len(schools) == 1 else None
