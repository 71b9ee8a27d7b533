"""Organisation recognition in Chinese news text, by naming patterns and dictionaries.

A name is found from its right end: a suffix that names a kind of organisation
(有限公司, 职业技术学院, 教育局, 协会 ...). From there the name extends to the left
over name characters until a boundary: punctuation, a verb or preposition that
never sits inside a name (召开, 在, 由 ...), or a list conjunction (与, 和, 及)
that follows a complete name. ``工业和信息化部`` and
``大数据管理与优化决策重点实验室`` keep their 和/与 because no name ends before it.

Names without a suffix (``一汽富维``, ``奥普光电``) are found as items of an
enumeration whose classifier says what they are (``…等16户企业``), and as the
short forms an article defines (``（以下简称：长春企联）``).

Credits and bylines (``平顶山市委网信办供图``, ``记者 张三 通讯员 某学院 李四``,
``图/某单位``, ``某某 摄``) name who supplied a photo or wrote the piece, not a party
to what the article reports: names inside them are not proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from iegraph.extract import lexicon as lx

_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·]")
_SUFFIX_INFO: dict[str, tuple[str, str | None]] = {s: (k, lvl) for s, k, lvl in lx.ORG_SUFFIXES}
for _name, _info in lx.KNOWN_ORGS.items():
    _SUFFIX_INFO.setdefault(_name, _info)
for _abbr in lx.GOV_ABBREVIATIONS:
    _SUFFIX_INFO.setdefault(_abbr, ("Government", None))
_SUFFIX_RE = re.compile(
    "(?=(" + "|".join(re.escape(s) for s in sorted(_SUFFIX_INFO, key=len, reverse=True)) + "))"
)
_ALIAS_RE = re.compile(
    r"[（(]\s*(?:以下|下文|下同)?[，,]?\s*(?:简称|称)\s*[:：]?\s*[“\"「]?([^”\"」)），,、]{2,20}?)[”\"」]?\s*[)）]"
)
_PLACE_SUFFIX_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|自治州|地区|盟|区|县|旗|州)")
_PROVINCES = [
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "中国",
    "全国",
    "国家",
    "大连",
    "长春",
    "沈阳",
    "哈尔滨",
    "石家庄",
    "太原",
    "呼和浩特",
    "南京",
    "杭州",
    "合肥",
    "福州",
    "南昌",
    "济南",
    "郑州",
    "武汉",
    "长沙",
    "广州",
    "南宁",
    "海口",
    "成都",
    "贵阳",
    "昆明",
    "拉萨",
    "西安",
    "兰州",
    "西宁",
    "银川",
    "乌鲁木齐",
    "深圳",
    "青岛",
    "宁波",
    "厦门",
    "苏州",
    "无锡",
    "常州",
    "南通",
    "徐州",
    "扬州",
    "镇江",
    "泰州",
    "盐城",
    "淮安",
    "温州",
    "嘉兴",
    "湖州",
    "绍兴",
    "金华",
    "台州",
    "芜湖",
    "蚌埠",
    "淄博",
    "烟台",
    "潍坊",
    "威海",
    "临沂",
    "济宁",
    "洛阳",
    "平顶山",
    "新乡",
    "焦作",
    "济源",
    "许昌",
    "南阳",
    "宜昌",
    "襄阳",
    "株洲",
    "湘潭",
    "衡阳",
    "岳阳",
    "佛山",
    "东莞",
    "珠海",
    "中山",
    "惠州",
    "江门",
    "汕头",
    "柳州",
    "桂林",
    "绵阳",
    "宜宾",
    "泸州",
    "德阳",
    "遵义",
    "曲靖",
    "宝鸡",
    "咸阳",
    "天水",
    "包头",
    "鄂尔多斯",
    "大庆",
    "齐齐哈尔",
    "吉林",
    "四平",
    "通化",
    "白城",
    "延边",
    "鞍山",
    "抚顺",
    "本溪",
    "丹东",
    "锦州",
    "营口",
    "阜新",
    "辽阳",
    "盘锦",
    "铁岭",
    "朝阳",
    "葫芦岛",
    "唐山",
    "保定",
    "邯郸",
    "廊坊",
    "沧州",
    "秦皇岛",
    "大同",
    "长治",
    "晋中",
    "赣州",
    "九江",
    "泉州",
    "漳州",
    "莆田",
    "三明",
    "金普",
    "浦东",
    "滨海",
    "两江",
    "雄安",
    "天府",
    "临港",
    "西海岸",
    "普兰店",
    "金州",
    "旅顺",
    "瓦房店",
    "庄河",
    "台北",
    "新北",
    "台中",
    "台南",
    "高雄",
    "桃园",
    "新竹",
    "嘉义",
    "云林",
    "彰化",
    "屏东",
    "宜兰",
    "花莲",
    "台东",
    "基隆",
    "苗栗",
    "南投",
    "澎湖",
    "金门",
]


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Place names: jieba's dictionary words tagged ``ns`` plus provinces."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    pseg.dt.initialize()
    tab = pseg.dt.word_tag_tab
    return frozenset([w for w, t in tab.items() if t == "ns" and 2 <= len(w) <= 6] + _PROVINCES)


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Verbs of jieba's dictionary (tags v, vn, vd): 积累, 推动, 服务 …"""
    import jieba.posseg as pseg

    _places()  # initialises the tagger's dictionary
    return frozenset(w for w, t in pseg.dt.word_tag_tab.items() if t in ("v", "vn", "vd") and len(w) >= 2)


def is_place(text: str) -> bool:
    """True when ``text`` is a place name (大连, 长春市, 金州区, 辽宁省)."""
    if text in _places():
        return True
    return bool(_PLACE_SUFFIX_RE.fullmatch(text)) and (text[:-1] in _places() or len(text) <= 4)


def starts_with_place(text: str) -> str | None:
    """The place name a name starts with (longest), if any."""
    places = _places()
    for n in range(min(6, len(text) - 1), 1, -1):
        head = text[:n]
        if head in places:
            # 长春 + 市 -> 长春市
            if len(text) > n and text[n] in "省市区县":
                return text[: n + 1]
            return head
    # A city or county the gazetteer lacks (周口市, 三门峡市): two characters, then 市/县, then
    # more of the name.
    if (
        len(text) > 3
        and text[2] in "市县"
        and re.fullmatch(r"[\u4e00-\u9fff]{2}", text[:2])
        and not re.search(r"[市县省区城都超上全本各该我同每]", text[:2])
        and text[2:4] not in ("市域", "县域", "市场", "市民", "市级", "县级", "市值", "市面")
        and _word_tag(text[:2])[:1] not in "vrmadpcftquyeoz"  # 建设市…, 这个市…: not a place
    ):
        return text[:3]
    # A district the gazetteer lacks heading a national zone (武进国家高新技术产业开发区,
    # 某某经济技术开发区): two characters, not a verb or a word such as 这个/建设, then the zone.
    if (
        re.fullmatch(r"[\u4e00-\u9fff]{2}", text[:2])
        and re.match(r"(国家级?)?(高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区)", text[2:])
        and not re.search(r"[市县省区城都超上全本各该我同每]", text[:2])
        and _word_tag(text[:2])[:1] not in "vrmadpcftquyeoz"
    ):
        return text[:2]
    return None


def _word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a word (``n`` when it does not know the word)."""
    import jieba.posseg as pseg

    _places()  # initialises the tagger's dictionary
    return str(pseg.dt.word_tag_tab.get(word, "n"))


@dataclass
class Mention:
    """One occurrence of an organisation name in a paragraph."""

    start: int
    end: int
    text: str
    kind: str
    level: str | None = None
    via: str = "suffix"  # suffix | list | alias | known


@dataclass
class Org:
    """An organisation of the article: canonical name, kind, the forms written."""

    name: str
    kind: str
    level: str | None = None
    mentions: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    first_quote: str | None = None
    unnamed: bool = False


def kind_of(name: str) -> tuple[str, str | None] | None:
    """Kind and college level from the name's longest kind suffix, or None."""
    if name in lx.KNOWN_ORGS:
        return lx.KNOWN_ORGS[name]
    best: tuple[int, tuple[str, str | None]] | None = None
    for suffix, info in _SUFFIX_INFO.items():
        if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
            best = (len(suffix), info)
    return best[1] if best else None


_STOP_SET = frozenset(lx.LEFT_STOPS)
_STOP_LENGTHS = sorted({len(w) for w in lx.LEFT_STOPS}, reverse=True)


def _ends_with_stop(text: str, j: int) -> int:
    """Length of the stop word ending at ``j`` (0 if none); set look-ups, longest first."""
    if any(text.endswith(w, 0, j) for w in lx.NAME_WORDS_WITH_STOPS):
        return 0  # 华为技术有限公司: 为 inside a brand
    for n in _STOP_LENGTHS:
        if n <= j and text[j - n : j] in _STOP_SET:
            return n
    # "城市建设投资（集团）有限公司": what follows may be the bracketed word of a legal name.
    after = j + 1 if text[j : j + 1] in "(（" else j
    for word, unless in lx.STOPS_UNLESS_FOLLOWED.items():
        if text.endswith(word, 0, j) and not text.startswith(unless, after):
            return len(word)
    return 0


def _walk_left(text: str, start: int, name_ends: set[int], limit: int = 40) -> int:
    """Leftmost index of the name whose suffix starts at ``start``."""
    j = start
    while j > 0 and start - j < limit:
        c = text[j - 1]
        if c in ")）":
            # Brackets inside a legal name: 碧菲分离膜(大连)有限公司. Not an alias bracket.
            k = max(text.rfind("(", 0, j - 1), text.rfind("（", 0, j - 1))
            inner = text[k + 1 : j - 1] if k >= 0 else ""
            inner_has_name = (j - 1) in name_ends or any(
                (k + 1 + i) in name_ends for i in range(1, len(inner) + 1)
            )
            if k < 0 or not (1 <= len(inner) <= 8) or (inner_has_name and len(inner) >= 4):
                break  # 大连金普新区（大连经济技术开发区）: an alias in brackets, not part of the name
            if not re.fullmatch(r"[\u4e00-\u9fff]+", inner):
                break
            j = k
            continue
        if not _NAME_CHAR.match(c):
            break
        conj = next((w for w in lx.CONJUNCTIONS if text.endswith(w, 0, j)), None)
        if conj is not None:
            before = j - len(conj)
            if len(conj) == 1 and before > 0 and text[before - 1] in "与和及同跟":
                j = before  # 与和泰汽车: two joiners in a row, the second begins the name
                break
            if before in name_ends or starts_with_place(text[j : start + 4]) or before == 0:
                break
            if re.search(r"(?:\d|[）)]|今|昨|近|当|次|同|本)[日号]$", text[:before]):
                break  # 今（10）日與中鋼公司: a date, then the joiner, then the name
            if not _NAME_CHAR.match(text[before - 1]) if before > 0 else True:
                break
            j = before
            continue
        if _ends_with_stop(text, j):
            break
        j -= 1
    return j


def _trim_name(name: str, joined: bool = False) -> str:
    """Drop leading words that the walk could not tell apart from a name (``joined``: the
    text right before the name is a joiner such as 与, so a joiner it starts with is its own)."""
    # （原深圳职业技术学院）: the former name, without 原 (原平市… is a place, kept)
    for former in ("前身为", "原名", "原", "现名", "现为", "即"):
        rest = name[len(former) :]
        if (
            name.startswith(former)
            and len(rest) >= 4
            and starts_with_place(rest)
            and not starts_with_place(name)
        ):
            name = rest
            break
    # 2024年江苏省教育厅, 3月5日某公司: a date before a name is no part of it
    dated = _DATE_HEAD_RE.match(name)
    if dated and len(name) - dated.end() >= 3:
        name = name[dated.end() :]
    changed = True
    while changed and name:
        changed = False
        # (学校/该校 before a unit: 与学校机械工程系合开 -> 机械工程系)
        for word in ("的", "及", "与", "和", "、", "是", "了", "暨", "同", "学校", "该校", "本校"):
            if joined and word in _JOINERS:
                continue  # 与和泰汽车…: after 与, 和 begins the name (和泰), it joins nothing
            if name.startswith(word) and len(name) > len(word) + 2:
                name = name[len(word) :]
                joined = word in _JOINERS
                changed = True
                break
    return name


_JOINERS = frozenset({"及", "与", "和", "、", "暨", "同"})
_DATE_HEAD_RE = re.compile(
    r"(?:\d{2,4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?<=[年月日号])|(?:今年|去年|明年|近日|日前|近期)"
)


def _official(name: str) -> bool:
    """Starts like a public body's name: a place, 国家/中国/中共, a known body (after a
    Taiwanese legal form such as 财团法人)."""
    if name.startswith(("财团法人", "社团法人")) and len(name) > 6:
        name = name[4:]
    return bool(
        starts_with_place(name)
        or name.startswith(lx.OFFICIAL_HEADS)
        or any(name.startswith(k) for k in lx.KNOWN_ORGS)
        or any(name.startswith(k) for k in lx.GOV_ABBREVIATIONS)
    )


def _fix_zone(name: str, suffix: str) -> str:
    """金普新区 stays; 回顾金普新区 -> 金普新区 (no place before the zone's own name)."""
    if suffix in lx.ZONE_SUFFIXES and not _official(name):
        pre = name[: len(name) - len(suffix)]
        return pre[-2:] + suffix if len(pre) in (3, 4) and suffix in ("新区", "开区") else name
    return name


def _is_valid(name: str, suffix: str, acronym: bool = False) -> bool:
    """Whether a candidate is a name rather than a generic noun phrase (``acronym``: a
    Latin acronym in brackets follows it, as only a body's name has: 职业训练局（VTC）)."""
    if name in lx.KNOWN_ORGS or name in lx.GOV_ABBREVIATIONS:
        return True
    if acronym and len(name) >= 4 and _is_valid("市" + name, suffix):
        return True  # a public body named without its place (Hong Kong, Macao, Taiwan)
    kind = _SUFFIX_INFO[suffix][0]
    if (
        (suffix in lx.PLACE_BOUND_SUFFIXES or kind == "Government")
        and not _official(name)
        and suffix not in lx.ZONE_SUFFIXES
    ):
        return False
    if suffix in lx.ZONE_SUFFIXES and not _official(name) and len(name) - len(suffix) > 2:
        return False  # 发展示范区, 融合示范区: words before a zone suffix, not its name
    if suffix in lx.ZONE_SUFFIXES and name[: len(name) - len(suffix)] in _verbs():
        return False  # 积累新区经验: a verb before 新区, not a zone's name
    if kind != "Enterprise" and len(name) > 16 and not _official(name):
        return False
    for conj in ("与", "和", "及"):
        # 大数据管理与优化决策重点实验室 is a name only with its place: 辽宁省…
        if conj in name[1:] and not _official(name) and not _UNIT_WITH_JOINER_RE.fullmatch(name):
            return False  # (one it starts with joins nothing: 和泰汽车股份有限公司)
    if name in lx.GENERIC_NAMES or len(name) < 3:
        return False
    if any(name.endswith(c) for c in lx.CARRIER_ENDINGS):
        return False
    pre = name[: len(name) - len(suffix)]
    if not pre:
        return False
    if suffix in lx.WEAK_SUFFIXES and len(pre) < 2:
        return False
    if suffix == "开区" and len(pre) > 2:
        return False
    if pre in ("市", "省", "区", "县") and (
        len(suffix) < 2 or suffix in ("市委", "省委", "区委", "县委", "政府")
    ):
        return False
    if (
        suffix == "局"
        and pre[-1] in "布格大全结开当时变定残赌饭棋困僵政新终出胜败骗"
        and not pre.endswith(("财政", "民政", "邮政", "市政", "行政"))  # 财政局 is a bureau
    ):
        return False  # 布局, 格局, 大局 ... are words, not bureaus
    # A generic head only counts when a real name follows it (各学院, 相关企业 are not names).
    # A place that begins like a generic head (两江新区, 全椒县) is a place, not 两/全 + a word.
    place = starts_with_place(name) or ""
    for head in lx.GENERIC_HEADS:
        if pre.startswith(head) and len(place) <= len(head):
            rest = pre[len(head) :]
            if len(rest) < 2 or rest in lx.GENERIC_HEADS:
                return False
            if head in lx.DETERMINER_HEADS:
                return False
    if _COUNTED_RE.search(pre):
        return False  # 借助两家集团, 52人进入公司, 下辖6家子公司: a counted group, not one name
    if (
        suffix in _CARRIER_SUFFIXES
        and not _OWNER_RE.search(pre)
        and (not _official(name) or _place_in_word(name))
    ):
        return False  # 智能焊接技术研发中心: a carrier named by its field alone (not by place or owner)
    return not re.fullmatch(r"[0-9一二三四五六七八九十百千万]+[所家个户名]?", pre)


def _place_in_word(name: str) -> bool:
    """太阳能…实验室: the "place" a name starts with (太阳) is the head of a longer word (太阳能)."""
    place = starts_with_place(name)
    if not place or len(name) <= len(place) or place[-1] in "省市区县":
        return False
    word, rest = name[: len(place) + 1], name[len(place) : len(place) + 2]
    if rest in _known_words():
        return False  # 大连 + 人工智能: the place stands before a word of its own
    return _word_tag(word) != "n" or word in _known_words()


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words of jieba's dictionary (those tagged ``n`` too)."""
    import jieba.posseg as pseg

    _places()
    return frozenset(w for w, t in pseg.dt.word_tag_tab.items() if not t.startswith("ns"))


#: A school's unit whose own name joins two fields (船舶与海洋工程学院, 光学与电子信息学院,
#: 化学与制药学院) written after the school's full name: one unit, the joiner is no list.
_UNIT_WITH_JOINER_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,12}?)?(?:大学|学院|学校)[\u4e00-\u9fff]{1,3}(?![长记任师员人们等导生方表责])[\u4e00-\u9fff]"
    r"[与和及][\u4e00-\u9fff]{2,8}(?:学院|系)"
)
_ACRONYM_RE = re.compile(r"[（(][A-Z][A-Za-z&]{1,7}[)）]")
#: A category written before a name (世界500强, 上市公司, 行业龙头, 央企, 省级重点中职学校 …).
_CATEGORY_HEAD_RE = re.compile(
    r"^[\u4e00-\u9fff0-9]{0,8}?(?:500强|强企|上市公司|龙头企业|龙头|车企|央企|国企|民企|外企|名企|"
    r"中职学校|高职院校|重点学校|示范校|职业院校|院校)"
)
#: A count with its classifier inside a name's head (第一人民医院 and 人民 are not counts).
_COUNTED_RE = re.compile(
    r"(?<!第)(?:\d+|[一二两三四五六七八九十百几数多]+)(?:余|多)?(?:[家名位所户个]|(?<=\d)人)(?!民)"
)
#: Suffixes of research carriers: a body only when a place or an owner names it
#: (湖南省先进陶瓷研究院, 浙江大学宁波研究院); every one of the gold sheets' is named so.
_CARRIER_SUFFIXES = frozenset({"研究院", "研究所", "实验室", "研究中心", "研发中心"})
_OWNER_RE = re.compile(r"大学|学院|公司|集团|科学院|研究院|医院|协会|学会")


#: A university's seat in brackets right after its name: ``（保定）``, ``(华东)``.
_CAMPUS_RE = re.compile(r"[（(]([\u4e00-\u9fff]{2,3})[)）]")


def find_suffix_mentions(text: str, protected: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Names ending in a kind suffix, non-overlapping, longest first."""
    hits: list[tuple[int, int, str]] = []
    for m in _SUFFIX_RE.finditer(text):
        suffix = m.group(1)
        hits.append((m.start(), m.start() + len(suffix), suffix))
    name_ends = {e for _, e, _ in hits}
    longest_at_end: dict[int, int] = {}
    for s, e, _ in hits:
        longest_at_end[e] = min(s, longest_at_end.get(e, s))
    cands: list[Mention] = []
    for s, e, suffix in hits:
        if longest_at_end[e] < s:
            continue  # 政府 inside 人民政府: the longer suffix decides
        if protected and any(a <= s < b for a, b in protected):
            continue
        left = _walk_left(text, s, name_ends)
        name = _fix_zone(_trim_name(text[left:e], left == 0 or text[left - 1] in "与和及同跟、"), suffix)
        if (suffix in lx.KNOWN_ORGS or suffix in lx.GOV_ABBREVIATIONS) and name != suffix:
            pre = name[: len(name) - len(suffix)]
            if not (is_place(pre) or pre in ("市", "省", "区", "县") or starts_with_place(pre) == pre):
                name = suffix  # 正按工信部 -> 工信部
        joined_unit = re.search(r"(?:大学|学院|学校)([\u4e00-\u9fff]{2,4})[与和及]$", text[: e - len(name)])
        if (
            joined_unit
            and name.endswith(("学院", "系"))
            and not re.search(r"[长记任师员人们等导生方表责]$", joined_unit.group(1))
        ):
            # 江苏科技大学船舶与海洋工程学院: the field before 与 belongs to the unit (the walk
            # stopped at 与 because 海洋 looks like a place)
            school_end = joined_unit.start(1)
            school_start = _walk_left(text, school_end - 2, name_ends)
            whole = text[school_start:e]
            school = text[school_start:school_end]
            if _UNIT_WITH_JOINER_RE.fullmatch(whole) and (kind_of(school) or ("", ""))[0] == "College":
                name = whole
        left = e - len(name)
        if text[e : e + 1] and text[e] in lx.SUFFIX_NOT_BEFORE.get(suffix, ""):
            continue
        if suffix == "署" and name[-2:-1] in ("部", "签", "布", "公"):
            continue  # 部署, 签署: verbs
        if suffix in ("部", "处", "科", "室", "办公室") and re.search(
            r"公司|集团|大学|学院|医院", name[: -len(suffix)]
        ):
            continue  # 某公司人力行政部, 某医院医务部: an internal department, not an organisation
        if left > 0 and text[left - 1] == "“" and text[e : e + 1] == "”":
            continue  # a quoted slogan ("一城一产一学院"), not a name
        if not _official(name) or _SUFFIX_INFO[suffix][0] == "Enterprise":
            # "虎尾科大与友嘉集团": the conjunction follows a name the rules do not know.
            for conj in ("与", "和", "及"):
                cut = name.rfind(conj, 0, len(name) - len(suffix))
                if _UNIT_WITH_JOINER_RE.fullmatch(name):
                    break  # 江苏科技大学船舶与海洋工程学院: the 与 is inside the unit's name
                if cut >= 2 and len(name) - len(suffix) - cut - 1 >= 2:
                    name = name[cut + 1 :]
                    left = e - len(name)
        category = _CATEGORY_HEAD_RE.match(name)
        if category and len(name) - category.end() >= 4 and _is_valid(name[category.end() :], suffix):
            name = name[category.end() :]  # 世界500强X公司, 省级重点中职学校Y学校: a category, then the name
            left = e - len(name)
        if not _is_valid(name, suffix, bool(_ACRONYM_RE.match(text, e))):
            continue
        if name.endswith(("系", "学院")) and name.startswith(("学院", "学校")) and len(name) > 5:
            name = name[2:]  # 学院园艺技术系, 学院电气电子工程学院: the unit, after the school it is in
            left = e - len(name)
        if _is_venue(text, left, e, name, suffix):
            continue
        # A name is not followed by more name characters that make it a modifier:
        # "大连理工大学" in "大连理工大学附属…" is fine, "学院" in "学院党委" too; but a
        # candidate followed directly by 项目/基地 is part of a carrier's name.
        tail = text[e : e + 2]
        if tail in ("项目", "基地") or text[e : e + 4] in ("产业学院",):
            continue
        if suffix in lx.ZONE_SUFFIXES and text[:left].endswith(
            ("位于", "地处", "落户", "坐落于", "坐落在", "落地")
        ):
            continue  # 位于武汉东湖新技术开发区的华中科技大学: the zone is where, not who
        if suffix in lx.ZONE_SUFFIXES and re.match(r"市域|产教|联合体|共同体", text[e : e + 3]):
            continue  # 泰州医药高新区市域产教联合体: the zone names the consortium, it is no party
        kind, level = _SUFFIX_INFO[suffix]
        known = lx.KNOWN_ORGS.get(name)
        if known:
            kind, level = known
        office = _office_after(text, e, name)
        if office:
            # 屏东县政府农业处, 交通部观光署…风景区管理处, 台湾糖业股份有限公司屏东区处: the body
            # named is the office (Taiwan's county bureaus are 处), not the government or company
            name, e = name + office, e + len(office)
        campus = _CAMPUS_RE.match(text, e) if name.endswith("大学") else None
        if campus is not None and is_place(campus.group(1)):
            # 华北电力大学（保定）, 中国石油大学（华东）: the place in brackets names the university
            name, e = name + campus.group(0), campus.end()
        cands.append(Mention(left, e, name, kind, level, "suffix"))
    return _non_overlapping(cands)


_GOV_OFFICE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}?处|[\u4e00-\u9fff]{2,10}?区管理处")
_REGION_OFFICE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}区处")
#: Characters that begin no office's field (此处, 各处, 该处 …) — a clause, not a bureau.
_NOT_OFFICE = set("在此到之各某该本等这那其与和及并也将已对为是的了处")


def _office_after(text: str, end: int, name: str) -> str:
    """The office written right after a government (…县政府/市政府, …署/部) or a company
    (…公司 + a region + 区处) that is itself the body named, or ''."""
    if re.search(r"[县市]政府$|[部署]$", name):
        m = _GOV_OFFICE_RE.match(text, end)
    elif name.endswith("公司"):
        m = _REGION_OFFICE_RE.match(text, end)
    else:
        return ""
    if m is None or text[m.end() : m.end() + 1] in ("长", "理"):
        return ""  # 农业处处长 is fine (the office, then a title); 处长 alone is a title
    office = m.group(0)
    middle = office[:-1]
    if (
        middle[0] in _NOT_OFFICE
        or any(c in _NOT_OFFICE for c in middle)
        or _ends_with_stop(office, len(middle))
    ):
        return ""
    return office


_VENUE_AFTER_RE = re.compile(r"(?:隆重|盛大|成功)?(?:举行|召开|举办|开幕|启幕)")


def _is_venue(text: str, left: int, end: int, name: str, suffix: str) -> bool:
    """在X会展中心举行, 在临港中心召开: a centre where a meeting takes place is a venue, not a
    party (a school or a bureau where one is held is still an organisation, and a host)."""
    if not name.endswith("中心") or _SUFFIX_INFO[suffix][0] == "College":
        return False
    return text[max(0, left - 1) : left] in ("在", "于") and bool(_VENUE_AFTER_RE.match(text, end))


def _non_overlapping(cands: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for c in sorted(cands, key=lambda m: (-(m.end - m.start), m.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda m: m.start)


_COUNT = r"(?:\d+|[一二两三四五六七八九十百]+)"
_NOUNS = "|".join(n for n, _ in lx.LIST_KIND_NOUNS)
_MODS = "|".join(re.escape(w) for w in lx.LIST_MODIFIERS)
# "等16户企业", "等产业链领军企业", "等16所高工职校": with a count, a few words may sit
# between the count and the classifier noun; without one, only known modifiers.
_LIST_TAIL_RE = re.compile(
    r"等\s*(?:(?:"
    + _COUNT
    + r")\s*(?:余|多)?\s*[所家户个名]\s*[\u4e00-\u9fff]{0,4}?|(?:"
    + _MODS
    + r")*)(?:"
    + _NOUNS
    # "…及高雄高工等校。": 校 alone at the end of a list of schools (not 校企, 校地, 校园 …)
    + r"|校(?=[，,。；;、\s]|$))"
)
_LIST_BOUNDARY = '，,。；;：:！？!?（）()“”"\n'


def find_list_mentions(text: str, found: list[Mention]) -> list[Mention]:
    """Items of enumerations like ``A、B、C等16户企业``: names even without a suffix."""
    out: list[Mention] = []
    for m in _LIST_TAIL_RE.finditer(text):
        noun = next((n for n, _ in lx.LIST_KIND_NOUNS if m.group(0).endswith(n)), None)
        list_kind = dict(lx.LIST_KIND_NOUNS)[noun] if noun else "College"  # 等校
        end = m.start()
        start = end
        while start > 0 and text[start - 1] not in _LIST_BOUNDARY:
            start -= 1
        segment = text[start:end]
        if "、" not in segment:
            continue
        items = segment.split("、")
        # Trim each item's lead-in ("包括A" / "会上A", and later ones too: "及全台包括新北高工"):
        # keep from its name start.
        offset = start
        for i, item in enumerate(items):
            item_start = offset
            offset += len(item) + 1
            raw = item
            k = len(raw)
            while k > 0 and not _ends_with_stop(raw, k):
                k -= 1
            raw = raw[k:]
            item_start += k
            parts = [raw]
            if i == len(items) - 1:
                for conj in ("以及", "和", "与", "及"):
                    if conj in raw:
                        a, _, b = raw.partition(conj)
                        if len(a) >= 3 and len(b) >= 2:
                            parts = [a, b]
                        break
            pos = item_start
            for part in parts:
                p_start = text.find(part, pos)
                pos = p_start + len(part)
                if not part or p_start < 0:
                    continue
                if any(f.start < p_start + len(part) and p_start < f.end for f in found):
                    continue
                if not (2 <= len(part) <= 20) or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9（）()·]+", part):
                    continue
                if part in lx.GENERIC_NAMES or any(
                    part.startswith(h) for h in ("各", "相关", "有关", "其他")
                ):
                    continue
                if any(t in part for t in lx.TITLES if len(t) >= 2):
                    continue  # "某集团副总裁吴某": a person, not an organisation
                info = kind_of(part)
                kind, level = info if info else (list_kind or "OtherOrganization", None)
                if not list_kind and not info:
                    continue
                out.append(Mention(p_start, p_start + len(part), part, kind, level, "list"))
    return out


def find_alias_definitions(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """``X（以下简称：Y）`` -> (X, Y) for an organisation X ending right before the bracket."""
    out = []
    for m in _ALIAS_RE.finditer(text):
        alias = m.group(1).strip()
        # The antecedent is the name list ending at the bracket; the short form names
        # the first of them (长春市企业联合会、长春市企业家协会 -> 长春企联).
        before = [x for x in mentions if x.end <= m.start() and m.start() - x.end <= 1]
        if not before:
            continue
        head = before[0]
        chain = [x for x in mentions if x.end <= head.start]
        while chain and text[chain[-1].end : head.start] == "、":
            head = chain.pop()
        out.append((head.text, alias))
    return out


# A clause: no sentence or clause punctuation, no bracket (a credit often sits in one).
_CLAUSE = r"[^。！？!?；;，,（）()\n]{1,40}"
#: Credit and byline clauses, in the forms Chinese news uses: ``摄影：X`` / ``图/X`` /
#: ``记者 X 通讯员 Y`` (a credit word, then a colon, slash or space) and ``X供图`` /
#: ``X 摄`` (a clause ending in the credit word). ``告诉记者,`` (a comma) and ``拍摄``
#: (no space or slash before 摄) are prose and do not match.
_CREDIT_RE = re.compile(
    r"(?:特约记者|记者|通讯员|摄影|图片来源|图源|图片|供图|责任编辑|编辑|作者"
    # one-character credit words only where no word ends in them (not 如图：, 全文：)
    r"|(?<![\u4e00-\u9fff])(?:图文|图|文|摄))\s*[:：/／]\s*"
    + _CLAUSE
    + r"|(?:记者|通讯员)\s+"
    + _CLAUSE
    + r"|"
    + _CLAUSE
    + r"?\s*[/／]?\s*(?:供图|供稿)"
    + r"|"
    + _CLAUSE
    + r"?[\s/／]摄(?=$|[\s）)。；;，,])"
    # 宁波市融媒体中心记者 王明: a newsroom and its reporter, a byline
    + r"|[\u4e00-\u9fff]{2,20}?(?:融媒体中心|融媒中心|新闻中心|日报社?|晚报|电视台|广播电视台|报社)"
    + r"\s*(?:特约记者|首席记者|记者|通讯员)"
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are credits or bylines (see the module docstring)."""
    return [(m.start(), m.end()) for m in _CREDIT_RE.finditer(text)]


#: 学校航空光电系, 学院畜牧兽医系: a department (系) named right after the school it belongs to.
_DEPARTMENT_RE = re.compile(r"(?<=学校|学院|我校|该校|本校|我院|该院)([\u4e00-\u9fff]{2,6}?系)(?![统列数])")


_WORDS_IN_XI = frozenset(
    {"体系", "关系", "联系", "维系", "谱系", "派系", "水系", "星系", "语系", "直系", "干系"}
)


def _department_mentions(text: str, found: list[Mention]) -> list[Mention]:
    """Departments (系) of a school written after it, whatever their field; the school's
    own mention is left as it is."""
    out: list[Mention] = []
    for m in _DEPARTMENT_RE.finditer(text):
        name = m.group(1)
        if name[-2:] in _WORDS_IN_XI and not name.endswith("媒体系"):
            continue  # 学院课程体系, 学校关系: words ending in 系, not departments
        if any(c in _NOT_OFFICE for c in name) or any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        out.append(Mention(m.start(), m.end(), name, "College", None, "suffix"))
    return out


def recognise(text: str, aliases: dict[str, tuple[str, str | None]] | None = None) -> list[Mention]:
    """All organisation mentions in a paragraph, given short forms defined so far;
    nothing inside a credit or byline."""
    credits = credit_spans(text)
    protected = [(m.start(), m.end()) for m in re.finditer(r"《[^》]{1,80}》", text)] + credits
    mentions = find_suffix_mentions(text, protected)
    if aliases:
        for alias, (kind, level) in aliases.items():
            for m in re.finditer(re.escape(alias), text):
                mentions.append(Mention(m.start(), m.end(), alias, kind, level, "alias"))
        mentions = _non_overlapping(mentions)
    mentions = _non_overlapping(mentions + _department_mentions(text, mentions))
    mentions = _non_overlapping(mentions + find_list_mentions(text, mentions))
    if credits:
        mentions = [m for m in mentions if not any(a < m.end and m.start < b for a, b in credits)]
    return mentions
