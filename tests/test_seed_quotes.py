"""Every relationship of the seed graph has its own quote, or is marked inferred with a reason.

The curated sheets (iegraph/data/seeds/*.yaml) give each relationship the sentence of the
article that states it — naming both ends — or mark it ``inferred`` and say why (a region's
province from general knowledge, the Jinpu members read from project parties). This checks
it on the sheets (every link quote is the article's text) and on the graph they load into
(every relationship carries, for each of its sources, a quote that names both ends, or an
``inferred_reason``), and the ``evidence`` answers the issue named. A relationship that the
article states without naming an end is listed in ``EXCEPTIONS`` with the reason; where the
article refers to an entity by a short or generic form, the form is in ``REFERRED_AS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from iegraph.db import Graph
from iegraph.names import name_key
from iegraph.queries.evidence import NONE_GIVEN, evidence
from iegraph.schema.factsheet import FactSheet, LinkSpec, MemberSpec, PositionSpec, RelationSpec
from iegraph.schema.model import Rel
from tests.dbtools import load_seed_graph
from tests.test_seed_dataset_models import PREFIXES, article, normalise, sheet

#: How a quote leaves out part of the article's text between two passages it joins.
ELLIPSIS = "……"

#: Words by which the article refers to an entity in a sentence stating one of its links,
#: when it writes neither the name nor an alias there, and why the word means that entity.
REFERRED_AS: dict[str, tuple[tuple[str, ...], str]] = {
    "长春企联校企对接会": (("校企对接会", "会议"), "000 calls its one meeting 校企对接会 and 会议"),
    "（未具名）长春某高校（来源001）": (("学校", "我校"), "the school's own page calls it 学校 / 我校"),
    "校企协同就业创业创新示范实践基地推进会": (("会议",), "001 reports one meeting, called 会议"),
    "工业和信息化部中小企业发展促进中心": (
        ("工业和信息化部中小企业发展促进中小",),
        "the approval sentence garbles the name (中小 for 中心)",
    ),
    "长春市汽车产业集群产教联合体成立大会": (("成立大会",), "002's one founding meeting"),
    "长春市汽车产业集群产教联合体成立大会战略合作协议签约（13家单位）": (
        ("战略合作协议",),
        "the article does not name the agreements: 13家单位成功签署战略合作协议",
    ),
    "大连金普新区（大连经济技术开发区）市域产教联合体": (
        ("国家级产教联合体", "国家级市域产教联合体", "联合体项目", "产教联合体建设"),
        "004 is about the province's only national consortium; its projects are 联合体项目",
    ),
    "大连金普新区（大连经济技术开发区）市域产教联合体建设推进会": (
        ("市域产教联合体建设推进会",),
        "the article shortens the meeting's name to 金普新区市域产教联合体建设推进会",
    ),
    "金普新区": (("金普",), "the short form in 全省唯一国家级产教联合体落户金普"),
}

#: Relationships (type, start name, end name) whose quote is the article's statement of
#: the link but does not name one end, with why. Empty: such links are marked inferred in
#: the sheets instead (the 平顶山市 advantage industries), so every answer shows the reason.
EXCEPTIONS: dict[tuple[str, str, str], str] = {}


def link_supports(value: Any) -> Iterator[LinkSpec | MemberSpec | PositionSpec | RelationSpec]:
    """Every link item written as a mapping (and every relation) inside a sheet."""
    if isinstance(value, (LinkSpec, MemberSpec, PositionSpec, RelationSpec)):
        yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from link_supports(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from link_supports(item)


def occurs(quote: str, text: str) -> bool:
    """The quote is the article's text: each passage it joins with …… occurs, in order."""
    at = 0
    for passage in normalise(quote).split(ELLIPSIS):
        found = text.find(passage.strip(), at)
        if not passage.strip() or found < 0:
            return False
        at = found + len(passage.strip())
    return True


def test_occurs_follows_the_passages_in_order() -> None:
    text = "甲乙丙。丁戊己。"
    assert occurs("甲乙……戊己", text) and occurs("丁戊己", text)
    assert not occurs("戊己……甲乙", text) and not occurs("甲乙……", text) and not occurs("乙甲", text)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_link_quote_is_the_articles_text(prefix: str) -> None:
    fs: FactSheet = sheet(prefix)
    text = article(prefix)
    supports = list(link_supports(fs))
    quoted = [s.quote for s in supports if s.quote]
    assert quoted, "a sheet without link quotes would make this test vacuous"
    assert [q for q in quoted if not occurs(q, text)] == []
    # a link both quoted and marked inferred (the quote states part of it, e.g. the industries
    # but not the city) says which part is read from elsewhere
    assert [s for s in supports if s.quote and s.inferred is True and not s.inferred_reason] == []


# --------------------------------------------------------------------------- the loaded graph


@pytest.fixture(scope="module")
def seeded(session_graph: Graph) -> Iterator[Graph]:
    """The session database holding exactly the seed dataset (loaded once for this module)."""
    yield load_seed_graph(session_graph)


def naming_keys(name: str, aliases: list[str] | None) -> list[str]:
    """Normalised texts that name an entity in a quote: name, aliases, REFERRED_AS words."""
    words = [name, *(aliases or []), *REFERRED_AS.get(name, ((), ""))[0]]
    return [k for k in map(name_key, words) if k]


def names(quote: str, name: str, aliases: list[str] | None) -> bool:
    text = name_key(quote)
    return any(k in text for k in naming_keys(name, aliases))


def relationships(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        f"MATCH (a)-[r]->(b) WHERE type(r) <> '{Rel.REPORTED_IN.value}' "
        "RETURN type(r) AS type, coalesce(a.name, a.id) AS a, a.aliases AS a_aliases, "
        "coalesce(b.name, b.id) AS b, b.aliases AS b_aliases, r.sources AS sources, "
        "r.quotes AS quotes, r.inferred_reason AS reason"
    )


def test_every_relationship_has_its_own_quote_or_a_reason(seeded: Graph) -> None:
    rels = relationships(seeded)
    assert len(rels) > 250, "the seed graph is loaded"
    unaligned, unsupported, unnamed = [], [], {}
    for r in rels:
        link = (r["type"], r["a"], r["b"])
        if r["reason"] is not None:
            assert r["reason"].strip(), link
            continue
        sources, quotes = r["sources"] or [], r["quotes"] or []
        if not sources or len(quotes) != len(sources):
            unaligned.append((link, sources, quotes))
        elif not all(q.strip() for q in quotes):
            unsupported.append(link)
        else:
            missing = [
                end
                for q in quotes
                for end, aliases in ((r["a"], r["a_aliases"]), (r["b"], r["b_aliases"]))
                if not names(q, end, aliases)
            ]
            if missing:
                unnamed[link] = missing
    assert unaligned == []
    assert unsupported == []
    assert set(unnamed) == set(EXCEPTIONS), {k: v for k, v in unnamed.items() if k not in EXCEPTIONS}


def test_referring_words_are_all_needed(seeded: Graph) -> None:
    """Each REFERRED_AS word stands in for a name in some quote: the table holds no stale entry."""
    quotes = [q for r in relationships(seeded) for q in r["quotes"] or []]
    for name, (words, _why) in REFERRED_AS.items():
        for word in words:
            assert any(name_key(word) in name_key(q) for q in quotes), (name, word)


def test_the_jinpu_members_are_inferred_not_quoted(seeded: Graph) -> None:
    rows = seeded.read(
        "MATCH (o:Organization)-[r:MEMBER_OF]->(c:Consortium) WHERE c.name STARTS WITH '大连金普新区' "
        "RETURN r.role AS role, r.quotes AS quotes, r.inferred_reason AS reason"
    )
    members = [r for r in rows if r["role"] == "member"]
    assert len(members) == 33
    assert all(r["reason"] and "lists no members" in r["reason"] and not r["quotes"] for r in members)
    (lead,) = [r for r in rows if r["role"] == "lead"]
    assert lead["reason"] is None and "获批后,金普新区积极探索联合体" in lead["quotes"][0]


# --------------------------------------------------------------------------- evidence answers


def other_names(graph: Graph, node_id: str) -> tuple[str, list[str] | None]:
    (row,) = graph.read(
        "MATCH (n {id: $id}) RETURN coalesce(n.name, n.id) AS name, n.aliases AS aliases", {"id": node_id}
    )
    return row["name"], row["aliases"]


@pytest.mark.parametrize("name", ["大连三友电器设备有限公司", "尼龙新材料", "大连职业技术学院"])
def test_evidence_quotes_name_the_other_end(seeded: Graph, name: str) -> None:
    """Each relationship row of ``evidence`` carries a quote naming the other end, or says it
    has none (``none given``) with the reason it was inferred — never an end node's quote."""
    rows = [(r, r.other_id) for r in evidence(seeded, name=name) if r.other_id is not None]
    assert rows
    for row, other_id in rows:
        other, aliases = other_names(seeded, other_id)
        if row.quote is None:
            assert row.quote_status == NONE_GIVEN and row.inferred, row
            continue
        out = row.statement.startswith("-[")
        link = (row.statement.split("]")[0].strip("<-["), *((name, other) if out else (other, name)))
        # A quote that does not name the other end is allowed only with the reason shown.
        assert names(row.quote, other, aliases) or link in EXCEPTIONS or row.inferred, row


def test_evidence_of_the_issue_cases(seeded: Graph) -> None:
    """The cases the issue named: 尼龙新材料's link cites the advantage-industry sentence,
    not the launch; 三友's membership is inferred, its project quoted by its own clause."""
    (nylon,) = [r for r in evidence(seeded, name="尼龙新材料") if r.other_id is not None]
    assert nylon.quote is not None and "尼龙新材料" in nylon.quote and "启动仪式" not in nylon.quote
    assert nylon.inferred and "平顶山市" in nylon.inferred  # the city end is read from the paragraph
    sanyou = {r.statement.split(" ")[0]: r for r in evidence(seeded, name="大连三友电器设备有限公司")}
    member = sanyou["-[MEMBER_OF]->"]
    assert member.quote is None and member.inferred and "lists no members" in member.inferred
    assert "获批" not in (member.quote or "")
    project = sanyou["-[PARTICIPATES_IN]->"]
    assert (
        project.quote
        == "大连三友电器设备有限公司与大连理工大学合作,共建高低压电器装备制造产业产教融合实训基地项目"
    )
