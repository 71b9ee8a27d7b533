"""Reading an article: bytes -> text, HTML -> text, page furniture out, metadata in.

An :class:`Article` is the cleaned body (simplified Chinese, inline pinyin removed)
split into paragraphs, plus what the page says about itself: title, date,
publisher, URL. Page furniture — navigation menus, breadcrumbs, share
bars, "related articles", copyright and disclaimer footers — is dropped, because
organisation names in menus ("高新区新闻", "中新网首页") are not facts of the article.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from iegraph.errors import InputError
from iegraph.names import clean_text, parse_date

#: Tags whose whole content is furniture or code.
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "iframe",
    "svg",
    "button",
    "template",
    "head",
}
#: Block tags: their boundaries are line breaks in the text.
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "title",
    "td",
    "th",
    "pre",
    "hr",
}
#: class/id words that mark furniture containers.
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|footer|foot|header|breadcrumb|crumb|sidebar|side|share|copyright|"
    r"comment|comments|related|recommend|toolbar|topbar|login|search|ad|ads|banner|friendlink|links)(?:$|[\s_-])",
    re.I,
)
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}


class _TextParser(HTMLParser):
    """Collects visible text with line breaks at block boundaries, skipping furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self._stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self._in_title = False

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = (values.get("name") or values.get("property") or "").lower()
            if key and values.get("content"):
                self.meta[key] = values["content"] or ""
            return
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID:
            return
        marker = " ".join(v for k, v in attrs if k in ("class", "id", "role") and v)
        skip = self._skipping or tag in _SKIP_TAGS or bool(marker and _FURNITURE_ATTR.search(marker))
        self._stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        # Pop up to the matching tag; tolerate unclosed tags of sloppy pages.
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self._skipping:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than plain text."""
    head = text[:2000].lower()
    return (
        "<html" in head or "<!doctype html" in head or len(re.findall(r"</?(p|div|br|span|a)\b", head)) >= 3
    )


def html_to_text(html: str) -> tuple[str, str, dict[str, str]]:
    """Visible text of an HTML page (furniture containers removed), its <title>, and its <meta> tags."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0\u3000]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n", text)
    return text, parser.title.strip(), parser.meta


# --------------------------------------------------------------------------- furniture lines

_FOOTER_RE = re.compile(
    r"(特别声明|免责声明|版权所有|版权声明|Copyright|©|ICP|备案号|公网安备|未经授权|不代表.{0,8}观点|"
    r"刊用本网站|本网站所刊载|违法和不良信息|举报电话|联系我们|投稿邮箱|新闻热线|Notice:|"
    r"相关文章|相关新闻|相关阅读|推荐阅读|责任编辑|编辑[:：]|扫一扫|分享到|打印本页|关闭窗口|"
    r"【打印】|【关闭】|上一篇|下一篇|上一条|下一条|返回顶部|点击[:：]|阅读次数|被阅次数|浏览次数|最后更新|作者[:：]\s*$|"
    r"限制级|分级处理办法|需满18岁|浏览器|APP下载|打开.{0,6}查看精彩图片|粉丝团)",
    re.I,
)
#: "文稿来源 | 某处", "图片来源丨某部", "审核：某人": who supplied or checked the piece, a line
#: of its own (the offices named there are no parties).
_CREDIT_LINE_RE = re.compile(
    r"^\s*(?:文稿|稿件|信息|文章|新闻|图片|图文|供稿|文字|摄影|审核|审稿|初审|复审|终审|编审|校对)"
    r"(?:来源|单位)?\s*[|｜丨:：]\s*\S{1,30}(?:\s+\S{1,30}){0,3}\s*$"
)
_NAV_RE = re.compile(r"^(当前位置|您的位置|你的位置|所在位置|位置)[:：]|>\s*正文|首页\s*[>»]|>>")
_DATE_META_RE = re.compile(
    r"(?:发布时间|发布日期|日期|时间|发表时间|更新时间)[:：]?\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
)
_ANY_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_SOURCE_META_RE = re.compile(r"(?:稿件来源|信息来源|文章来源|来源)[:：]\s*([^\s|｜丨/]+)")
# "中新网河南新闻7月7日电 (刘鹏 梁国宏)" / "新华社北京3月5日电（记者 张三）": agency datelines.
_DATELINE_RE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{2,16}?\d{1,2}月\d{1,2}日电\s*(?:[（(][^)）]{1,40}[)）])?\s*"
)


@dataclass
class Article:
    """A cleaned article: paragraphs of simplified body text and the page's metadata."""

    paragraphs: list[str]
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    file: str | None = None
    language: str = "zh-Hans"
    #: the site name an HTML <title> ends with (``…-十堰职业技术学院``): on a school's own
    #: site, who 我校 is
    site: str | None = None

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


#: A short line that opens a list of organisations: ``首批成员单位名单如下：``, ``理事单位：``.
_LIST_OPENER_RE = re.compile(r"(成员|名单|单位|理事|会员|发起|如下)[^：:]{0,6}[：:]$")
#: A sentence that says a list follows: ``首批成员单位见下表。``
_LIST_AFTER_RE = re.compile(r"(见下表|如下表|详见下表|见下|如下)[。：:]?$")
#: The numbering of a list item: ``1.``, ``（一）``, ``①``, ``一、``.
_LIST_MARK_RE = re.compile(
    r"^(?:\d{1,3}\s*[.、．)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、)\s*"
)


def _is_traditional(raw: str, cleaned: str) -> bool:
    cjk = [c for c in raw if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return False
    changed = sum(1 for a, b in zip(raw, cleaned, strict=False) if a != b)
    return changed / len(cjk) > 0.05


def _is_body_line(line: str) -> bool:
    """A paragraph of prose: long enough, or ends like a sentence."""
    cjk = sum(1 for c in line if "\u4e00" <= c <= "\u9fff")
    return cjk >= 40 or (cjk >= 8 and line.rstrip()[-1:] in '。！？!?”"）)')


def _is_furniture(line: str) -> bool:
    if _NAV_RE.search(line) or _CREDIT_LINE_RE.match(line):
        return True
    if _FOOTER_RE.search(line) and not _is_body_line(line):
        return True
    if _FOOTER_RE.search(line) and re.search(
        r"特别声明|Notice:|不代表.{0,8}观点|刊用本网站|未经授权|分级|限制级", line
    ):
        return True
    cjk = sum(1 for c in line if "\u4e00" <= c <= "\u9fff")
    letters = sum(1 for c in line if c.isascii() and c.isalpha())
    if cjk == 0 and letters < 40:  # "Network", "- news", stray numbers
        return True
    # Menu rows: many short items separated by spaces, no sentence punctuation.
    items = line.split()
    return len(items) >= 5 and all(len(i) <= 6 for i in items) and not any(c in line for c in "，,。")


def parse_article(text: str, *, file: str | None = None) -> Article:
    """Clean an article's text (plain or HTML) into an :class:`Article`.

    The title is the HTML <title> (minus the site name) or the first short line
    before the body; the date and publisher come from header lines such as
    ``来源:高新院 日期:2023-08-21`` or ``发布时间:2024-05-17``.
    """
    meta: dict[str, str] = {}
    html_title = ""
    if looks_like_html(text):
        text, html_title, meta = html_to_text(text)
    raw = text
    text = clean_text(text)
    language = "zh-Hant" if _is_traditional(raw, text) else "zh-Hans"
    lines = [re.sub(r"\s+", " ", ln).strip(" \t-•·|") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]

    article = Article(paragraphs=[], file=file, language=language)
    # Metadata lives in the header, before the first body paragraph (and in meta tags).
    first_body = next(
        (i for i, ln in enumerate(lines) if _is_body_line(ln) and not _is_furniture(ln)), len(lines)
    )
    header = lines[: first_body + 1]
    for ln in header:
        if article.date is None:
            m = _DATE_META_RE.search(ln) or (_ANY_DATE_RE.search(ln) if len(ln) < 80 else None)
            if m:
                m2 = _ANY_DATE_RE.search(m.group(0))
                if m2:
                    with contextlib.suppress(ValueError):
                        article.date = parse_date("-".join(m2.groups()))
        if article.publisher is None:
            m = _SOURCE_META_RE.search(ln)
            if m and len(ln) < 120:
                article.publisher = m.group(1).strip()
    if article.date is None:
        for key in ("publishdate", "pubdate", "article:published_time", "date"):
            if key in meta:
                m = _ANY_DATE_RE.search(meta[key])
                if m:
                    article.date = "{:04d}-{:02d}-{:02d}".format(*(int(g) for g in m.groups()))
                    break
    for key in ("og:url", "url"):
        if key in meta:
            article.url = meta[key]
    # Title: <title> minus "_site" / "-site" tails, else the last short non-furniture
    # line before the body that is not a metadata line.
    if html_title:
        parts = re.split(r"\s*[_|｜–—-]\s*", html_title)
        article.title = clean_text(parts[0]).strip() or None
        if len(parts) >= 2:
            article.site = clean_text(parts[-1]).strip() or None
    if not article.title:
        for ln in reversed(header[:first_body]):
            if _is_furniture(ln) or _is_meta(ln) or _is_byline(ln):
                continue
            cjk = sum(1 for c in ln if "\u4e00" <= c <= "\u9fff")
            if cjk >= 6 and len(ln) <= 60 and ln[-1] not in "。：:":
                article.title = ln
                break
    in_list = False  # the last paragraph ended with a colon or was a short item after one
    for ln in lines:
        if (
            _is_furniture(ln)
            or ln == article.title
            or (not article.paragraphs and _is_meta(ln))
            or ln.startswith(("图为", "图片来源"))
            or ln.endswith("供图")
        ):
            continue
        # Prose, a longer line once the body has begun, anything but a short caption
        # or stamp line, or a short item of a list the body opened (名单如下：/ one
        # member a line): the items name organisations.
        item = in_list and not _is_meta(ln) and sum(1 for c in ln if "\u4e00" <= c <= "\u9fff") >= 2
        opener = bool(article.paragraphs) and bool(_LIST_OPENER_RE.search(ln)) and not _is_meta(ln)
        if item:
            # the item's numbering (（一）, ①, 1.) is no part of the name it gives
            ln = _LIST_MARK_RE.sub("", ln) or ln
        if (
            _is_body_line(ln)
            or (article.paragraphs and len(ln) > 15)
            or item
            or opener
            or not (ln.startswith(("图为", "图片来源", "供图")) or len(ln) < 15 or _is_meta(ln))
        ):
            article.paragraphs.append(ln)
            in_list = (
                ln.endswith(("：", ":"))
                or bool(_LIST_AFTER_RE.search(ln))
                or (item and len(ln) <= 40 and "。" not in ln[:-1])
            )
    # Bylines: "杜树泽 周光 王镔 大连新闻传媒集团记者郑鸿" — a line of names, no punctuation.
    article.paragraphs = [_DATELINE_RE.sub("", p) for p in article.paragraphs if not _is_byline(p)]
    if article.publisher is None and article.paragraphs:
        # "某某职业技术学院新闻网讯（通讯员 …）": the site that opens the body publishes it,
        # so its 我校 is that school
        m = _SITE_DATELINE_RE.match(article.paragraphs[0])
        if m:
            article.publisher = m.group(1)
    return article


#: A school or body's news site opening the body: 江门职业技术学院新闻网讯, …官网讯 (本报讯 names none).
_SITE_DATELINE_RE = re.compile(r"^((?!本报|本网)[\u4e00-\u9fff]{4,20}?(?:新闻网|新闻中心|官网|网))讯")


def _is_meta(line: str) -> bool:
    """A header line of date/source/time stamps rather than prose."""
    if _SOURCE_META_RE.search(line) or _DATE_META_RE.search(line):
        return len(line) < 120
    return bool(re.fullmatch(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?", line))


def _is_byline(line: str) -> bool:
    return bool(
        re.fullmatch(
            r"(?:[\u4e00-\u9fff]{2,4}\s+){1,8}[\u4e00-\u9fff]{0,20}记者[\u4e00-\u9fff\s]{2,12}", line
        )
    )


def read_article(path: Path, encoding: str = "utf-8") -> Article:
    """Read and clean one article file; raise InputError (one line) for undecodable bytes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    text = decode_bytes(data, str(path), encoding)
    return parse_article(text, file=path.name)


def decode_bytes(data: bytes, where: str, encoding: str = "utf-8") -> str:
    """Decode strictly; a non-UTF-8 file is an error naming the likely encoding.

    We do not guess silently: a wrong guess turns every name into mojibake that
    would then be loaded as facts. GB18030/GBK is detected and *named* in the error
    so the user can re-run with ``--encoding gb18030``.
    """
    enc = encoding.lower()
    if enc in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = ""
        if enc in ("utf-8", "utf8"):
            try:
                sample = data.decode("gb18030")
                if sum(1 for c in sample if "\u4e00" <= c <= "\u9fff") > len(sample) * 0.2:
                    hint = "; it looks like GB18030/GBK: re-run with --encoding gb18030"
            except UnicodeDecodeError:
                pass
        raise InputError(
            f"{where}: not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}){hint}"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
