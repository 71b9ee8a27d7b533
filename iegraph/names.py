"""Text normalisation and parsing shared by loaders, the news extractor and name look-ups.

- ``strip_pinyin``: removes the garbled inline pinyin of scraped pages (``統(tǒng)籌`` -> ``統籌``).
- ``to_simplified``: traditional -> simplified Chinese (OpenCC ``t2s``).
- ``clean_text``: both of the above, for quotes and article text (punctuation kept).
- ``name_key``: the key names are matched on: also full/half width, brackets, spaces, case.
- ``parse_amount``: ``1.2亿元`` -> 120000000 元, ``2.6万余人次`` -> 26000 人次 qualified 余,
  ``近120家`` -> 120 家 qualified 近 (the qualifier word is kept, see iegraph/quantities.py).
- ``parse_date``: ``2023年8月19日``, ``2023-08-19``, ``2022-12``, ``2023`` -> ISO text of that precision.
- ``resolve_date``: ``19日``, ``4月16日``, ``近日`` against an article date, flagged as inferred.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# A parenthesised run of pinyin syllables right after a CJK character. Either a tone
# mark is present or the run is short, so ordinary parenthesised words survive.
_PINYIN_RE = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*("
    rf"[a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*"
    rf"(?:\s+[a-z{_TONED}]+)*"
    r")\s*[)）]"
)

_CJK_RE = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _converter() -> object:
    from opencc import OpenCC

    return OpenCC("t2s")


def strip_pinyin(text: str) -> str:
    """Remove inline pinyin glosses such as ``(tǒng)`` that follow a Chinese character."""
    return _PINYIN_RE.sub("", text)


@lru_cache(maxsize=1)
def _t2s_triggers() -> frozenset[str]:
    """Characters without which OpenCC t2s cannot change a text.

    For every dictionary entry that changes its key, the characters where key and
    value differ (all of the key's when the lengths differ): a text containing none
    of them converts to itself, so the slow pure-Python conversion can be skipped
    (most names in large tables are already simplified).
    """
    converter = _converter()
    converter.convert("")  # type: ignore[attr-defined]  # loads the dictionaries
    chars: set[str] = set()
    for group in converter._dict_chain_data:  # type: ignore[attr-defined]
        for _max, _min, mapping in group:
            for key, values in mapping.items():
                value = values.split(" ")[0]  # alternatives: the first one is used
                if key == value:
                    continue
                if len(key) == len(value):
                    chars.update(k for k, v in zip(key, value, strict=True) if k != v)
                else:
                    chars.update(key)
    return frozenset(chars)


#: Words in which 乾 means dry (simplified 干); anywhere else 乾 is qián, which simplified
#: Chinese keeps — in names above all (乾县, 乾安县, 乾元), where OpenCC t2s writes 干.
_DRY_QIAN_RE = re.compile(
    "乾[燥淨净杯脆旱涸枯貨货洗冰糧粮爹媽妈癟瘪裂濕湿果草酪菜麪面糙咳笑嘔呕渴熱热巴硬]|[餅饼曬晒烘風风陰阴擦烤吹蒸]乾"
)


def _keep_qian(original: str, converted: str) -> str:
    """``converted`` with 乾 back where ``original`` has it and does not mean dry."""
    if "乾" not in original or len(original) != len(converted):
        return converted  # (t2s keeps the length of Chinese text; if not, leave it)
    dry = {i for m in _DRY_QIAN_RE.finditer(original) for i in range(m.start(), m.end())}
    chars = list(converted)
    for i, c in enumerate(original):
        if c == "乾" and chars[i] == "干" and i not in dry:
            chars[i] = "乾"
    return "".join(chars)


def to_simplified(text: str) -> str:
    """Convert traditional Chinese to simplified (OpenCC t2s); other text is unchanged,
    and 乾 stays 乾 unless it means dry (乾燥 -> 干燥, 乾县 stays 乾县)."""
    if not _CJK_RE.search(text):
        return text
    if _t2s_triggers().isdisjoint(text):
        return text
    return _keep_qian(text, str(_converter().convert(text)))  # type: ignore[attr-defined]


def clean_text(text: str) -> str:
    """Simplified Chinese without pinyin noise; punctuation and layout kept (for quotes)."""
    return to_simplified(strip_pinyin(text))


_BRACKETS = str.maketrans(
    {"（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "〔": "(", "〕": ")"}
)
_DROP_RE = re.compile(r"[\s\u3000\u00a0“”\"'‘’《》〈〉「」『』·•・]")


_SPACES_RE = re.compile(r"\s+")
#: Characters that one of the steps of ``normalize_name`` / ``name_key`` may change or
#: drop, besides NFKC and traditional characters: whitespace, brackets of either width
#: (pinyin glosses start with one), quotes, dots (a regex character class).
_SPECIAL = r"\s()（）\[\]［］【】〔〕“”\"'‘’《》〈〉「」『』·•・"


@lru_cache(maxsize=1)
def _unplain_re() -> re.Pattern[str]:
    """Matches any character that keeps a name from being plain: the special ones, the
    BMP characters OpenCC t2s may change, and anything beyond the BMP (rare in names:
    those take the full treatment). One character class: a BMP class compiles into a
    bitmap, several times faster than testing the trigger set character by character."""
    triggers = "".join(re.escape(c) for c in sorted(_t2s_triggers()) if c <= "\uffff")
    return re.compile(f"[{_SPECIAL}{triggers}\U00010000-\U0010ffff]")


def _is_plain(text: str) -> bool:
    """True if ``text`` passes every normalisation step unchanged (but for lower case):
    already NFKC, no whitespace, bracket, quote or dot, and nothing OpenCC would
    simplify. Most names of large tables are such, and the check costs a tenth of
    the full treatment."""
    return unicodedata.is_normalized("NFKC", text) and _unplain_re().search(text) is None


def _normalize_name(name: str) -> str:
    """``normalize_name`` step by step (what the shortcut must agree with)."""
    text = to_simplified(strip_pinyin(unicodedata.normalize("NFKC", name)))
    text = _SPACES_RE.sub("", text) if _CJK_RE.search(text) else " ".join(text.split())
    return text.replace("(", "（").replace(")", "）")


def _name_key(name: str) -> str:
    """``name_key`` step by step (what the shortcut must agree with)."""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    text = to_simplified(strip_pinyin(text))
    return _DROP_RE.sub("", text).lower()


# Names recur (every pass over a table re-reads them; references by name, the resolver
# and the writer ask again): both are memoised, bounded, and skip the work for a name
# that is already plain (tests/test_names.py checks that the shortcut changes nothing).
# The repeats come close together: validating 1M organisations, 4k entries hit all but
# 0.02 % as often as 262k did, and 262k entries held ~90 MB of the peak memory.
@lru_cache(maxsize=1 << 14)
def normalize_name(name: str) -> str:
    """A display name cleaned of pinyin noise, traditional characters and stray spaces;
    brackets are made full-width, as Chinese legal names write them."""
    return name if _is_plain(name) else _normalize_name(name)


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """The matching key of a name: NFKC (full/half width), simplified, no pinyin,
    no whitespace or quotes, ASCII brackets, lower case.

    ``碧菲分离膜(大连)有限公司`` and ``碧菲分离膜（大连）有限公司`` share one key.
    """
    return name.lower() if _is_plain(name) else _name_key(name)


# --------------------------------------------------------------------------- amounts

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
#: Qualifier words written before the number (``近120家``, ``超2000人``), longest first
#: so that ``超过`` is not read as ``超`` + ``过…``.
QUALIFIERS_BEFORE: tuple[str, ...] = (
    "将近", "接近", "大约", "超过", "多达", "不足", "不到", "至少", "最多", "近", "约", "逾", "超",
)  # fmt: skip
#: Qualifier words written after the number or the unit (``2800余个``, ``1000人以上``).
QUALIFIERS_AFTER: tuple[str, ...] = ("以上", "以下", "以内", "左右", "上下", "开外", "余", "多", "许")
_AMOUNT_RE = re.compile(
    rf"^(?P<pre>{'|'.join(QUALIFIERS_BEFORE)})?\s*"
    r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)\s*"
    r"(?P<big>万亿|亿|万|千)?\s*"
    rf"(?P<post>{'|'.join(QUALIFIERS_AFTER)})?\s*"
    r"(?P<unit>.*)$"
)


@dataclass(frozen=True)
class Amount:
    """A parsed number: its value, the qualifier word the text gives (``余``, ``近``,
    ``以上`` …, None when the number is plain), its unit word and the source text."""

    value: float
    qualifier: str | None
    unit: str | None
    text: str

    @property
    def number(self) -> int | float:
        """The value as an int when whole (yuan, counts), else a float."""
        return int(self.value) if float(self.value).is_integer() else self.value


def _chinese_numeral(text: str) -> int:
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        else:
            raise ValueError(ch)
    total += section + digit
    return total


def parse_amount(value: int | float | str) -> Amount:
    """Parse a number or Chinese amount text; raise ValueError when there is no number.

    ``1.2亿元`` -> 120000000 元; ``2.6万余人次`` -> 26000 人次, qualifier 余;
    ``近120家`` -> 120 家, qualifier 近; ``1000人以上`` -> 1000 人, qualifier 以上;
    ``十六个`` -> 16 个. A number given as a number has no qualifier and no unit.
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    if isinstance(value, (int, float)):
        return Amount(float(value), None, None, str(value))
    text = unicodedata.normalize("NFKC", value).strip()
    match = _AMOUNT_RE.match(text)
    if not match:
        raise ValueError(f"no number in {value!r}")
    raw = match.group("num").replace(",", "")
    number = float(raw) if raw[0].isdigit() else float(_chinese_numeral(raw))
    big = match.group("big")
    if big == "万亿":
        number *= 1e12
    elif big:
        number *= _BIG_UNITS.get(big, 1000 if big == "千" else 1)
    unit = (match.group("unit") or "").strip() or None
    qualifier = match.group("pre") or match.group("post")
    if unit and not match.group("post"):
        # "1000人以上": the qualifier follows the unit
        for word in QUALIFIERS_AFTER:
            if unit.endswith(word) and len(unit) > len(word):
                qualifier = qualifier or word
                unit = unit[: -len(word)].strip() or None
                break
    return Amount(round(number, 6), qualifier, unit, text)


# --------------------------------------------------------------------------- dates

_ISO_RE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_CN_DATE_RE = re.compile(
    r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?|(年末|年底|年初|年中))?"
)
_MD_RE = re.compile(r"(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号]")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range")
    if day is None:
        return f"{year:04d}-{month:02d}"
    date(year, month, day)  # raises ValueError for 2023-02-30
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1 << 12)  # a table repeats its dates in every pass and many rows
def parse_date(value: str | date) -> str:
    """Parse a full or partial date into ISO text of the same precision.

    ``2023年8月19日`` -> ``2023-08-19``; ``2022-12`` -> ``2022-12``; ``2023`` -> ``2023``;
    ``2023年年末`` -> ``2023-12``. Raises ValueError for anything else.
    """
    if isinstance(value, date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _ISO_RE.match(text)
    if match:
        year, month, day = match.groups()
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    match = _CN_DATE_RE.fullmatch(text)
    if match:
        year, month, day, season = match.groups()
        if season in ("年末", "年底"):
            return _iso(int(year), 12)
        if season == "年初":
            return _iso(int(year), 1)
        if season == "年中":
            return _iso(int(year), 6)
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    raise ValueError(f"not a date: {value!r} (use 2023-08-19, 2022-12, 2023 or 2023年8月19日)")


def resolve_date(text: str, reference: str | None) -> tuple[str | None, bool]:
    """Resolve a date as written in an article against the article's own date.

    Returns ``(iso, inferred)``: ``inferred`` is True when any part (usually the
    year) was taken from ``reference`` rather than read in ``text``. ``19日`` in an
    article dated 2023-08-21 -> (``2023-08-19``, True); ``近日`` -> (reference, True).
    """
    text = unicodedata.normalize("NFKC", text).strip()
    try:
        return parse_date(text), False
    except ValueError:
        pass
    match = _CN_DATE_RE.search(text)
    if match:
        try:
            return parse_date(match.group(0)), False
        except ValueError:
            pass
    if reference is None:
        return None, False
    ref = parse_date(reference)
    parts = [int(p) for p in ref.split("-")]
    if any(word in text for word in ("近日", "日前", "近期", "今天", "今日")):
        return ref, True
    match = _MD_RE.search(text)
    if match and len(parts) >= 2:
        month = int(match.group(1)) if match.group(1) else parts[1]
        day = int(match.group(2))
        year = parts[0]
        # "12月30日" in an article of 2024-01-02 is last year's December.
        if month > parts[1] and match.group(1):
            year -= 1
        try:
            return _iso(year, month, day), True
        except ValueError:
            return None, False
    match = re.search(r"(\d{1,2})\s*月", text)
    if match:
        return _iso(parts[0], int(match.group(1))), True
    return None, False
