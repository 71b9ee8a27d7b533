"""People with their positions: ``<org><title>[、<title>]<name>``, ``<name><title>``.

A name is 2–3 characters starting with a common surname; a title after ``、`` inherits
the organisation of the person before it; several ``<org><titles>`` groups may precede
one name (``市工信局一级巡视员，长春企联会长、党委书记杨连仲``).
"""

from __future__ import annotations

import re

from iegraph.extract import lexicon as lx
from iegraph.extract.model import Person, Sentence

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


def add_people(people: list[Person], found: list[Person]) -> None:
    """Add the people of one sentence to the article's list: a person named again gets the
    new positions (one entry per name)."""
    for p in found:
        old = next((q for q in people if q.name == p.name), None)
        if old is None:
            people.append(p)
        else:
            old.positions.extend(x for x in p.positions if x not in old.positions)
