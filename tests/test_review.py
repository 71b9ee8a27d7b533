"""Pure tests of the draft review model (iegraph.loaders.review): spans, decisions -> fact
sheet, the all-or-nothing rule for a fact's parties, decoding uploads, the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.errors import InputError
from iegraph.loaders.review import (
    Review,
    ReviewItem,
    ReviewStore,
    Suggestion,
    decode_article,
    draft_review,
    find_span,
    party_keys,
    review_sheet,
    segments,
)
from iegraph.schema.factsheet import FactSheet

SEEDS = Path(__file__).resolve().parent.parent / "iegraph" / "data" / "seeds"
ARTICLE_004 = (SEEDS / "texts" / "004_1bfc3baa3dfa997f.txt").read_text(encoding="utf-8")
SANYOU, DUT, PROJECT = "大连三友电器设备有限公司", "大连理工大学", "高低压电器装备制造产业产教融合实训基地"


@pytest.fixture(scope="module")
def base_review() -> Review:
    return draft_review(ARTICLE_004, file="004.txt")


@pytest.fixture
def review(base_review: Review) -> Review:
    """A fresh review of seed article 004 (decisions empty), sharing the extraction."""
    return Review(base_review.id, base_review.text, dict(base_review.source), list(base_review.items))


def key_of(review: Review, section: str, name: str) -> str:
    (item,) = [it for it in review.items if it.section == section and it.name == name]
    return item.key


def accept(review: Review, *keys: str) -> None:
    for key in keys:
        review.decision(key).action = "accept"


def test_every_quoted_item_has_the_span_of_its_sentence(review: Review) -> None:
    quoted = [it for it in review.items if it.quote]
    assert len(quoted) > 40  # organisations, people, projects, events, programmes …
    for it in quoted:
        assert it.span is not None, it.name
        start, end = it.span
        assert review.text[start:end] == it.quote
    project = review.item(key_of(review, "projects", PROJECT))
    assert project.span is not None
    # the project's clause names both parties, and they stand in the article there
    clause = review.text[project.span[0] : project.span[1]]
    assert SANYOU in clause and DUT in clause


def test_a_quote_is_found_across_width_and_whitespace_differences() -> None:
    text = "第一句。\n校企双方投资1.2亿元, 打造实训基地。末句。"
    span = find_span(text, "校企双方投资１.２亿元，打造实训基地。")
    assert span is not None
    assert text[span[0] : span[1]] == "校企双方投资1.2亿元, 打造实训基地。"
    assert find_span(text, "文中没有的一句话。") is None
    assert find_span(text, None) is None


def test_segments_rebuild_the_text_and_carry_the_covering_items() -> None:
    text = "<script>alert(1)</script>甲公司与乙大学共建基地。其他。"
    # o1 and p1 share a sentence; the project's clause lies inside it
    spans = {"o1": (25, 40), "p1": (25, 40), "pr1": (29, 35), "o2": None, "x": (0, 8)}
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    marked = [(s.text, s.keys) for s in segs if s.keys]
    assert (
        marked
        == [
            ("<script>", ("x",)),
            (text[25:29], ("o1", "p1")),
            (text[29:35], ("pr1", "o1", "p1")),  # narrowest first: the page colours it by the project
            (text[35:40], ("o1", "p1")),
        ]
    )


def test_accepted_items_become_a_valid_sheet_and_links_to_unaccepted_facts_are_noted(review: Review) -> None:
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    project = key_of(review, "projects", PROJECT)
    accept(review, o_sanyou, o_dut, project)
    built = review_sheet(review)
    sheet = built.sheet
    FactSheet.model_validate(sheet)
    assert sheet["draft"] is False
    assert [o["name"] for o in sheet["organizations"]] == [SANYOU, DUT]
    (proj,) = sheet["projects"]
    assert proj["name"] == PROJECT
    assert [p["org"] for p in proj["parties"]] == [o_sanyou, o_dut]
    assert proj["quote"] == review.item(project).quote
    # the event and the consortium it was signed at were not accepted: left out, and said so
    assert "event" not in proj and "consortium" not in proj
    assert len(built.notes) == 2 and all("left out" in n for n in built.notes)
    assert not {"people", "events", "consortia", "programs"} & set(sheet)


def test_a_rejected_party_refuses_its_fact_naming_both(review: Review) -> None:
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    project = key_of(review, "projects", PROJECT)
    accept(review, o_sanyou, project)
    review.decision(o_dut).action = "reject"
    with pytest.raises(InputError) as err:
        review_sheet(review)
    message = str(err.value)
    assert "nothing was written" in message and "已被拒绝" in message and "was rejected" in message
    assert DUT in message and PROJECT in message
    # a party still pending refuses it too, with its own wording
    review.decision(o_dut).action = "pending"
    with pytest.raises(InputError, match="is not accepted"):
        review_sheet(review)


def test_an_unticked_party_is_left_out_of_its_fact(review: Review) -> None:
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    project = key_of(review, "projects", PROJECT)
    assert party_keys(review, review.item(project)) == [o_sanyou, o_dut]
    accept(review, o_sanyou, project)
    review.decision(o_dut).action = "reject"
    review.decision(project).drop = {o_dut}
    (proj,) = review_sheet(review).sheet["projects"]
    assert [p["org"] for p in proj["parties"]] == [o_sanyou]


def test_nothing_accepted_is_refused(review: Review) -> None:
    with pytest.raises(InputError, match="No item is accepted"):
        review_sheet(review)


def test_edits_and_a_match_change_the_sheet(review: Review) -> None:
    o_dut = key_of(review, "organizations", DUT)
    o_sanyou = key_of(review, "organizations", SANYOU)
    project = key_of(review, "projects", PROJECT)
    accept(review, o_dut, o_sanyou, project)
    # the reviewer renames the enterprise: the article's form stays as an alias
    review.decision(o_sanyou).name = "大连三友电器设备公司"
    # the university is an existing node: its id, name and kind are taken
    review.item(o_dut).suggestions = [
        Suggestion("col-dut", "大连理工大学（本部）", "College", "short_form", 0.8)
    ]
    review.decision(o_dut).match = "col-dut"
    # the project's type and date are corrected; the date is no longer inferred
    review.decision(project).kind = "innovation_center"
    review.decision(project).date = "2024-05"
    sheet = review_sheet(review).sheet
    orgs = {o["key"]: o for o in sheet["organizations"]}
    assert orgs[o_sanyou]["name"] == "大连三友电器设备公司" and SANYOU in orgs[o_sanyou]["aliases"]
    assert orgs[o_dut]["id"] == "col-dut" and orgs[o_dut]["name"] == "大连理工大学（本部）"
    assert DUT in orgs[o_dut]["aliases"]
    (proj,) = sheet["projects"]
    assert proj["type"] == "innovation_center" and proj["date"] == "2024-05"
    assert "date" not in proj.get("inferred", [])


def test_naming_an_unnamed_organisation_makes_it_an_ordinary_one() -> None:
    text = (SEEDS / "texts" / "001_4c3caa65d6df901b.txt").read_text(encoding="utf-8")
    review = draft_review(text, file="001.txt")
    (ours,) = [it for it in review.items if it.entry.get("unnamed")]
    assert ours.name == "我校" and ours.entry["id"].startswith("unnamed-")
    accept(review, ours.key)
    kept = review_sheet(review).sheet["organizations"][0]
    assert kept["unnamed"] is True and kept["id"] == ours.entry["id"]  # accepted as it is: still unnamed
    review.decision(ours.key).name = "某某职业技术学院"
    (named,) = review_sheet(review).sheet["organizations"]
    assert named["name"] == "某某职业技术学院"
    assert not {"id", "unnamed", "note"} & set(named) and "我校" not in named.get("aliases", [])


def test_an_invalid_edit_is_refused_with_the_item_named(review: Review) -> None:
    project = key_of(review, "projects", PROJECT)
    o_sanyou, o_dut = key_of(review, "organizations", SANYOU), key_of(review, "organizations", DUT)
    accept(review, o_sanyou, o_dut, project)
    review.decision(project).kind = "no_such_type"
    with pytest.raises(InputError) as err:
        review_sheet(review)
    assert "not valid" in str(err.value) and PROJECT in str(err.value)


def test_uploads_decode_utf8_and_gb18030_and_refuse_garbage() -> None:
    text = "大连理工大学与企业合作。"
    assert decode_article(text.encode("utf-8")) == text
    assert decode_article(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_article(text.encode("gb18030")) == text  # auto falls back to GB18030
    assert decode_article(text.encode("gb18030"), "gb18030") == text
    with pytest.raises(InputError, match="not valid utf-8"):
        decode_article(text.encode("gb18030"), "utf-8", "a.txt")
    with pytest.raises(InputError, match="unknown encoding"):
        decode_article(b"x", "latin-9")
    with pytest.raises(InputError, match="at most"):
        decode_article(b"x" * 2_000_001)
    with pytest.raises(InputError, match="empty"):
        draft_review("  \n ")


def test_the_store_forgets_the_least_recently_used_review() -> None:
    store = ReviewStore(capacity=2)
    reviews = [Review(f"r{i}", "", {"title": "t"}, []) for i in range(3)]
    store.add(reviews[0])
    store.add(reviews[1])
    assert store.get("r0") is reviews[0]  # r0 used: r1 is now the oldest
    store.add(reviews[2])
    assert store.get("r1") is None
    assert [r.id for r in store.recent()] == ["r2", "r0"]


def test_items_report_their_kind_by_section() -> None:
    org = ReviewItem("o1", "organizations", {"key": "o1", "name": "甲公司", "kind": "Enterprise"})
    proj = ReviewItem("pr1", "projects", {"key": "pr1", "name": "基地", "type": "training_base"})
    person = ReviewItem("p1", "people", {"key": "p1", "name": "张三"})
    assert (org.kind, proj.kind, person.kind) == ("Enterprise", "training_base", None)
    assert org.is_party and person.is_party and not proj.is_party
