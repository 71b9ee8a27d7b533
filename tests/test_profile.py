"""The entity-profile library (iegraph/queries/profile.py): on the seed graph, on scratch
graphs for the caps, and pure tests of the text highlighting and source-text guard."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from iegraph.db import Graph, Params, Row, WriteSummary
from iegraph.loaders import load_paths
from iegraph.queries.lookup import resolve_any, resolve_consortium, resolve_org
from iegraph.queries.partners import _LINKS, depth, partner_links, partners, working_links
from iegraph.queries.profile import (
    CO_PRESENCE,
    Card,
    Segment,
    amounts,
    clamp_limit,
    find_entity,
    highlight,
    partner_panel,
    sections,
    source_facts,
    source_text,
)
from iegraph.schema.model import Label
from tests.dbtools import load_seed_graph

_SEED_SIZE: dict[str, int] = {}


@pytest.fixture
def seed(session_graph: Graph) -> Graph:
    """The seed graph, loaded once per module run (reloaded when another test wiped it)."""
    n = session_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if not _SEED_SIZE or n != _SEED_SIZE["n"]:
        load_seed_graph(session_graph)
        _SEED_SIZE["n"] = session_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    return session_graph


def _card(graph: Graph, name: str, resolve=resolve_org) -> Card:  # type: ignore[no-untyped-def]
    card = find_entity(graph, resolve(graph, name).id)
    assert card is not None
    return card


def test_find_entity_reads_card_and_quotes(seed: Graph) -> None:
    card = _card(seed, "大连理工大学")
    assert (card.label, card.kind, card.name) == ("Organization", "College", "大连理工大学")
    assert "大工" in card.aliases
    assert card.props["level"] == "undergraduate"
    assert "name_key" not in card.props
    # the curator inferred level and region from the name, and the card says so
    assert card.inferred is not None and card.inferred.startswith("level, region")
    assert any(ref.quote and "大连理工大学" in ref.quote for ref in card.sources)
    assert find_entity(seed, "no-such-id") is None


def test_find_entity_of_every_label(seed: Graph) -> None:
    for label in (Label.PROJECT, Label.CONSORTIUM, Label.REGION, Label.SOURCE, Label.PERSON):
        some = seed.read(f"MATCH (n:{label.value}) RETURN n.id AS id LIMIT 1")[0]["id"]
        card = find_entity(seed, some)
        assert card is not None and card.label == label.value and card.kind == label.value


def test_partner_panel_gives_project_and_its_quote(seed: Graph) -> None:
    dut = resolve_org(seed, "大连理工大学").id
    panel = partner_panel(seed, dut)
    sanyou = next(p for p in panel.partners if p.partner == "大连三友电器设备有限公司")
    assert sanyou.basis == "working" and sanyou.depth == "working"
    project = next(v for v in sanyou.through if v.kind == "project")
    assert project.name == "高低压电器装备制造产业产教融合实训基地"
    quotes = [ref.quote for ref in project.quotes if ref.quote]
    assert quotes and all("大连三友电器设备有限公司" in q and "大连理工大学" in q for q in quotes)
    # a consortium member with no joint work is co-presence, never a partner in depth
    yiqi = next(p for p in panel.partners if p.partner == "一汽解放大连柴油机有限公司")
    assert (yiqi.basis, yiqi.depth) == ("co-presence", CO_PRESENCE)
    assert [v.kind for v in yiqi.through] == ["consortium"]
    # the consortium membership is inferred: the via says why
    assert yiqi.through[0].inferred
    assert sum(panel.depth_counts.values()) == len(panel.partners)
    assert panel.depth_counts["deep"] == 1  # 大连人工智能计算中心: two joint projects


def test_partner_panel_cap(seed: Graph) -> None:
    dut = resolve_org(seed, "大连理工大学").id
    full = partner_panel(seed, dut)
    capped = partner_panel(seed, dut, limit=3)
    assert [p.partner_id for p in capped.partners] == [p.partner_id for p in full.partners[:3]]
    assert capped.more and not full.more
    assert capped.depth_counts == full.depth_counts


class _CountingRunner:
    """The real graph, with every read's query text recorded (the answers are Neo4j's)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.database = graph.database
        self.queries: list[str] = []

    def read(self, query: str, params: Params | None = None) -> list[Row]:
        self.queries.append(query)
        return self.graph.read(query, params)

    def write(self, query: str, params: Params | None = None) -> list[Row]:
        raise AssertionError("the partner panel only reads")

    def write_batches(self, query: str, batches: Iterable[Sequence[Row]]) -> WriteSummary:
        raise AssertionError("the partner panel only reads")


def test_partner_panel_reads_links_once_and_agrees_with_the_questions(seed: Graph) -> None:
    """The panel answers partners (with co-presence) and depth from one read of the links
    (a hub's thousands of links were read twice), and its answers are the questions' own."""
    for name in ("大连理工大学", "大连职业技术学院"):
        org = resolve_org(seed, name).id
        runner = _CountingRunner(seed)
        panel = partner_panel(runner, org, limit=1000)
        link_reads = [q for q in runner.queries if q in _LINKS.values()]
        assert len(link_reads) == 1
        asked = partners(seed, org, with_co_presence=True)
        assert [p.partner_id for p in panel.partners] == [r.partner_id for r in asked]
        assert [p.basis for p in panel.partners] == [r.basis for r in asked]
        deep = {d.partner_id: (d.depth, d.score) for d in depth(seed, org)}
        assert deep, name
        assert {p.partner_id: (p.depth, p.score) for p in panel.partners if p.score is not None} == deep
        # the working links of a read with co-presence are the read without it
        both = partner_links(seed, org, with_co_presence=True)
        key = lambda link: (link["partner_id"], link["via_id"], link["type1"], link["type2"])  # noqa: E731
        assert sorted(map(key, working_links(both))) == sorted(map(key, partner_links(seed, org)))
        assert len(working_links(both)) < len(both)


def test_consortium_sections_list_leads_first(seed: Graph) -> None:
    card = _card(seed, "长春市汽车产业集群产教联合体", resolve_consortium)
    by_key = {s.section.key: s for s in sections(seed, card)}
    members = by_key["members"].items
    assert members and members[0].role == "lead"
    roles = [m.role for m in members]
    assert roles == sorted(roles, key=lambda r: r != "lead")
    # the reported composition keeps its qualifier: 近120, never a bare 120
    figures = amounts(card.props)
    assert figures["reported_enterprise"].display() == "近120"
    assert not figures["reported_enterprise"].exact


def test_project_amounts_keep_qualifiers(seed: Graph) -> None:
    card = _card(seed, "辽宁省装备制造产业产教融合实训基地", resolve_any)
    figures = amounts(card.props)
    assert figures["output_internship_places"].display() == "2800余"
    assert figures["output_trainees"].display() == "2.6万余人次"
    assert figures["investment"].display() == "1.2亿元" and figures["investment"].value == 120_000_000
    parties = {s.section.key: s for s in sections(seed, card)}["parties"].items
    assert parties and all(p.label == "Organization" for p in parties)


def test_region_sections_are_capped(seed: Graph) -> None:
    card = _card(seed, "大连市", lambda g, n: resolve_any(g, n))
    full = {s.section.key: s for s in sections(seed, card)}
    n_orgs = len(full["organizations"].items)
    assert n_orgs > 2 and not full["organizations"].more
    capped = {s.section.key: s for s in sections(seed, card, limit=2)}
    assert len(capped["organizations"].items) == 2 and capped["organizations"].more


def test_source_facts_and_text_highlight(seed: Graph) -> None:
    card = find_entity(seed, "seed-004-dalian-daily-20240517")
    assert card is not None and card.label == "Source"
    facts = source_facts(seed, card.id, limit=1000)
    assert not facts.more
    rel = next(
        f
        for f in facts.relations
        if f.subject == "大连三友电器设备有限公司" and f.other == "高低压电器装备制造产业产教融合实训基地"
    )
    assert rel.rel == "PARTICIPATES_IN" and rel.quote and "共建高低压电器" in rel.quote
    text = source_text(card.props["file"])
    assert text is not None and "大连三友电器设备有限公司" in text
    quotes = [f.quote for f in (*facts.nodes, *facts.relations)]
    segments, missing = highlight(text, quotes)
    assert "".join(s.text for s in segments) == text
    assert missing == []  # every quote of the curated sheet is the article's text
    n = quotes.index(rel.quote) + 1
    marked = "".join(s.text for s in segments if n in s.facts)
    assert marked == rel.quote


def test_source_facts_cap(seed: Graph) -> None:
    facts = source_facts(seed, "seed-004-dalian-daily-20240517", limit=5)
    assert len(facts.nodes) == 5 and len(facts.relations) == 5 and facts.more


def test_hub_lists_stay_capped(graph: Graph, tmp_path: Path) -> None:
    """A region with many organisations: the section reads limit + 1 of them, not all."""
    rows = "\n".join(f"企业{i:04d}有限公司,Enterprise,枢纽市,src-hub" for i in range(300))
    (tmp_path / "organizations.csv").write_text("name,kind,region,source\n" + rows + "\n", encoding="utf-8")
    (tmp_path / "regions.csv").write_text("name,level,source\n枢纽市,city,src-hub\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("id,title\nsrc-hub,枢纽报道\n", encoding="utf-8")
    load_paths(graph, [tmp_path])
    region = resolve_any(graph, "枢纽市").id
    card = find_entity(graph, region)
    assert card is not None
    (orgs,) = [s for s in sections(graph, card, limit=10) if s.section.key == "organizations"]
    assert len(orgs.items) == 10 and orgs.more


def test_clamp_limit() -> None:
    assert clamp_limit(None) == 50 and clamp_limit(0) == 50 and clamp_limit(5) == 5
    assert clamp_limit(10**9) == 1000


def test_highlight_marks_passages_and_overlaps() -> None:
    text = "甲与乙共建实训基地。丙参加。甲与乙签约。"
    quotes = ["甲与乙共建实训基地", "共建实训基地。丙参加", None, "不在文中", "丙参加……签约"]
    segments, missing = highlight(text, quotes)
    assert missing == [4]
    # overlapping quotes split the text where the set of covering quotes changes; a quote
    # joining passages with …… marks each passage, the second after the first
    assert segments == [
        Segment("甲与乙", (1,)),
        Segment("共建实训基地", (1, 2)),
        Segment("。", (2,)),
        Segment("丙参加", (2, 5)),
        Segment("。甲与乙", ()),
        Segment("签约", (5,)),
        Segment("。", ()),
    ]


def test_source_text_reads_only_bare_names(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("統(tǒng)籌", encoding="utf-8")
    assert source_text("a.txt", (tmp_path,)) == "统筹"  # simplified, pinyin gloss gone
    secret = tmp_path / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    sub = tmp_path / "texts"
    sub.mkdir()
    assert source_text("../secret.txt", (sub,)) is None
    assert source_text(str(secret), (sub,)) is None
    assert source_text(None, (sub,)) is None
    assert source_text("missing.txt", (sub,)) is None
