"""Who belongs to a consortium: the words that say a sentence lists members, the
organisations of such a sentence that are not members, and member lists written one
name a line.

``events.read_consortia`` finds the consortium a sentence is about and asks these
helpers which of the sentence's organisations are its members. Pages state membership
in many shapes — 成员单位包括/涵盖/有…, 由A、B、C等N家单位共同发起, A、B签约入盟/加盟/
首批加入, 理事长单位为A，副理事长单位为B, 吸纳/汇聚 A、B, the representatives of A、B
上台领取牌匾, a list after 名单如下：— often in sentences that name no consortium at all
(the title or an earlier sentence did). Guests, guiding units, the organisers and
hosts of the meeting and the bodies whose officials attend, speak or present the plaques
are in the same sentences and are not members.
"""

from __future__ import annotations

import re

from iegraph.extract.model import Sentence

#: Words that say a sentence names members of a consortium (with the consortium named
#: in it or being the page's one).
MEMBER_WORDS = re.compile(
    r"发起|加入|加盟|入盟|入会|(?<!党组)(?<!党委)(?<!班子)成员|会员单位|涵盖|包括|包含|汇聚|吸纳|吸收"
    r"|集聚|聚集|聚合|汇集|集结|囊括|吸引|覆盖|(共同|积极)参与(?!了?(会议|大会|活动|仪式|签约|揭牌))|(?<!党)组成(?!员)|组建|参与(共建|组建|建设)|理事长单位|理事单位|牵头单位"
    r"|(会长|秘书长|主席|主任)单位|授牌|牌匾"
)
#: Words strong enough to say so when the sentence does not name the consortium or refer
#: to it (该联合体…): ``会上，A、B等单位签约入盟``. Bare 包括/涵盖/发起 are too common
#: in other sentences (合作内容包括…) to stand alone.
MEMBER_WORDS_ALONE = re.compile(
    r"(?<!党组)(?<!党委)(?<!班子)成员(单位|企业|院校|学校)|首批[^，,。；;]{0,6}成员|(联合体|共同体|联盟|集团)的?成员"
    r"|成为[^，,。；;]{0,8}成员|会员单位|理事长单位|理事单位|(会长|秘书长|轮值主席)单位"
    r"|发起单位|入盟|加盟|(首批|先后|陆续|相继|正式|签约|申请|自愿)加入|成员牌匾|[为获][^，,。；;]{0,12}授牌"
    r"|首批[^，,。；;]{0,4}(入列|入选|入驻|进入|纳入|签约)|入列"
    r"|(代表|负责人)[^，,。；;]{0,8}(上台)?领取[^，,。；;]{0,6}(牌匾|铭牌|证书)"
    # 共同发起 (not of an 倡议 or a campaign), 参与共建 (not of a base or a centre)
    r"|(共同|联合)发起(?![^，,。；;]{0,10}(倡议|活动|行动|评选|征集|大赛|比赛|论坛))"
    r"|参与(共建|组建|建设)(?![^，,。；;]{0,10}(基地|中心|学院|平台|实验室|项目|专业|工程|园))"
)
#: The verb of a clause whose organisations are not members (unless the clause also says
#: membership): they guide, organise, host, attend, speak or witness.
_NOT_MEMBER_VERB = re.compile(
    r"指导|主管|主办|承办|协办|支持单位|的支持下|大力支持|出席|致辞|讲话|主持|见证|莅临|到会|应邀|嘉宾|观摩|参会|与会|"
    r"参加(?![^，,。；;]{0,6}(联合体|共同体|联盟|集团))"
)
_GUIDE_VERB = re.compile(r"指导|主管")
#: A clause that says its organisations take part as members (作为成员单位参加, 以理事单位身份
#: 出席), unlike ``成员单位代表、A有关负责人参加会议`` where A only attends.
_AS_MEMBER = re.compile(
    r"(作为|以|是|为)[^，,。；;]{0,10}(成员|理事|会员|发起)|等[^，,。；;、]{0,8}(成员|理事|会员)"
)
#: The giver of plaques: ``A局长李明为首批成员单位授牌`` (A is before 为, the members after).
_GIVER_RE = re.compile(r"为[^，,。；;]{0,80}?(授牌|颁牌|颁发)")
_CLAUSE_RE = re.compile(r"[^，,；;]+[，,；;]?")  # a heading before a colon (指导单位：A) stays with A
#: A list item's numbering: ``1.``, ``（一）``, ``①``, ``一、`` (bullets are stripped when
#: the page is read).
_ITEM_MARK = re.compile(
    r"^\s*(?:\d{1,3}\s*[.、．)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、)\s*"
)


def unquoted(text: str) -> str:
    """``text`` with quoted spans blanked (same length): “成员单位需求清单” names a thing, it
    does not say who the members are."""
    return re.sub(r"“[^”]*”|「[^」]*」", lambda m: " " * len(m.group(0)), text)


def says_members(text: str) -> bool:
    """Whether a sentence about a consortium says who its members are."""
    t = unquoted(text)
    return bool(MEMBER_WORDS.search(t) or MEMBER_WORDS_ALONE.search(t))


def says_members_alone(text: str) -> bool:
    """Whether a sentence that does not name a consortium still lists members of the
    page's one (``A、B等单位签约入盟``, ``理事长单位为A``)."""
    return bool(MEMBER_WORDS_ALONE.search(unquoted(text)))


def opens_member_list(text: str) -> str | None:
    """The role of the organisations a sentence ending with a colon (or ``见下表``) lists on
    the lines after it: ``member`` (``首批成员单位名单如下：``, ``副理事长单位：``),
    ``guide`` (``指导单位：``), ``skip`` (``主办单位：``, ``出席嘉宾：``); None when it opens
    no list of organisations."""
    t = unquoted(text).strip()
    if not (t.endswith(("：", ":")) or re.search(r"(见下表|如下表|详见下表|见下|如下)[。：:]?$", t)):
        return None
    if not re.search(r"成员|名单|单位|理事|会员|发起|嘉宾", t):
        return None
    # the last clause says what the list is: 联合体由A牵头，指导单位：
    last = re.split(r"[，,。；;]", t.rstrip("。：: "))[-1]
    if _GUIDE_VERB.search(last):
        return "guide"
    if _NOT_MEMBER_VERB.search(last) and not _AS_MEMBER.search(last):
        return "skip"
    return "member"


def list_item_orgs(sent: Sentence) -> list[str] | None:
    """The organisations of a one-name list line (``1.台州职业技术学院；``), ``[]`` for a
    short line without one (a table cell such as ``副理事长单位``), ``None`` for prose
    (the list has ended)."""
    text = sent.text.strip()
    body = _ITEM_MARK.sub("", text).rstrip("；;。，,、 ")
    names = sent.org_names()
    if not names:
        return [] if len(body) <= 12 and not re.search(r"[，,。]", body) else None
    # Words outside the names (brackets aside: 台州职业技术学院（理事长单位）) make it
    # prose: 大会由A主办，B协办。
    inside = [False] * len(text)
    for s, e, _ in sent.orgs:
        inside[s:e] = [True] * (e - s)
    bare = re.sub(r"[（(][^）)]*[）)]", lambda m: "）" * len(m.group(0)), text)
    mark = _ITEM_MARK.match(bare)
    start = mark.end() if mark else 0
    # a heading before a colon (院校类：, 副理事长单位：) says what the names are
    head = re.match(r"[^：:，,。]{1,16}[：:]", bare[start:])
    if head is not None:
        start += head.end()
    words = sum(1 for i in range(start, len(bare)) if not inside[i] and "\u4e00" <= bare[i] <= "\u9fff")
    return names if len(body) <= 60 and words <= 4 else None


def non_members(sent: Sentence) -> dict[str, str]:
    """Organisations of a member sentence that are not plain members: ``guide`` for a
    guiding or supervising body, ``skip`` for organisers, hosts, attendees, speakers and
    the giver of the plaques. Read clause by clause, so that ``联合体由A指导，成员包括B、C``
    makes A a guide and B, C members."""
    out: dict[str, str] = {}
    text = unquoted(sent.text)
    for m in _CLAUSE_RE.finditer(text):
        lo, hi = m.start(), m.end()
        clause = m.group(0)
        names = sent.org_names(lo, hi)
        if not names:
            continue
        giver = _GIVER_RE.search(clause)
        if giver is not None:
            for n in sent.org_names(lo, lo + giver.start()):
                out[n] = "skip"
            continue
        verb = _NOT_MEMBER_VERB.search(clause)
        if verb is None or _AS_MEMBER.search(clause):
            continue  # A、B作为成员单位参加签约: they attend as members
        # 作为指导单位, 在A的指导下, A指导: a guide; anyone else the clause's verb names is
        # not a member at all.
        role = "guide" if _GUIDE_VERB.search(clause) else "skip"
        for n in names:
            out.setdefault(n, role)
    return out


_EARLIER_RE = re.compile(
    r"(上述|以上|前述)(\d+|[一二两三四五六七八九十]+)?[家所个]?(单位|企业|院校|学校|机构|成员)"
)
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def earlier_units(text: str, before: list[str]) -> list[str]:
    """The organisations ``上述4家单位`` / ``以上单位`` refers to: those of the sentence
    before (``before``), the first N when it names N and names more."""
    m = _EARLIER_RE.search(unquoted(text))
    if m is None or not before:
        return []
    count = m.group(2)
    if count is None:
        return list(before)
    n = int(count) if count.isdigit() else _CN_DIGITS.get(count, len(before))
    return list(before[:n]) if 0 < n < len(before) else list(before)
