"""Each extraction stage on its own, over a state the earlier stages (or the test) filled."""

from __future__ import annotations

from iegraph.extract.document import parse_article
from iegraph.extract.draft import to_sheet
from iegraph.extract.model import Fact, Sentence, State
from iegraph.extract.orgs import Org
from iegraph.extract.pipeline import extract, run_stages
from iegraph.extract.stages import (
    clean,
    draft,
    extraction,
    facts,
    mentions,
    organisations,
    relations,
    sentences,
)

TEXT = (
    "来源：某报 日期：2023-08-21\n"
    "19日，长春市企业联合会（以下简称：长春企联）在长春汽车工业高等专科学校举办校企对接会。"
    "长春企联与一汽解放汽车有限公司签署战略合作协议！\n"
    "市教育局副局长张明出席。"
)


def _state(*stages: object) -> State:
    state = State(clean(TEXT))
    for stage in stages:
        stage(state)  # type: ignore[operator]
    return state


def test_clean_reads_metadata_and_paragraphs() -> None:
    article = clean(TEXT)
    assert article.date == "2023-08-21" and article.publisher == "某报"
    assert len(article.paragraphs) == 2 and article.paragraphs[1] == "市教育局副局长张明出席。"


def test_sentences_stage_splits_paragraphs_with_offsets() -> None:
    state = _state(sentences)
    assert [(s.para, s.start) for s in state.sentences] == [(0, 0), (0, 44), (1, 0)]
    _, second, _ = state.sentences
    assert second.text.startswith("长春企联与") and second.text.endswith("！")
    assert state.article.paragraphs[0][second.start :].startswith(second.text)
    assert all(s.orgs == [] for s in state.sentences)  # organisations are a later stage


def test_mentions_stage_keeps_written_forms_and_defined_short_forms() -> None:
    state = _state(mentions)
    assert state.alias_defs == {"长春企联": "长春市企业联合会"}
    written = [[m.text for m in ms] for ms in state.mentions]
    assert written[0] == [
        "长春市企业联合会",
        "长春企联",
        "长春汽车工业高等专科学校",
        "长春企联",
        "一汽解放汽车有限公司",
    ]
    assert written[1] == ["市教育局"]  # as written: the city is added by the next stage


def test_organisations_stage_merges_short_forms_and_adds_the_city() -> None:
    state = _state(sentences, mentions, organisations)
    names = {o.name: o for o in state.orgs}
    assert state.city == "长春"
    assert set(names) == {
        "长春市企业联合会",
        "长春汽车工业高等专科学校",
        "一汽解放汽车有限公司",
        "长春市教育局",
    }
    assert "长春企联" in names["长春市企业联合会"].aliases
    assert names["长春市教育局"].mentions == ["市教育局"]
    # each sentence's mentions in canonical names, offsets relative to the sentence
    second = state.sentences[1]
    assert second.org_names() == ["长春市企业联合会", "一汽解放汽车有限公司"]
    s, e, _ = second.orgs[0]
    assert second.text[s:e] == "长春企联"
    assert names["长春市教育局"].first_quote == "市教育局副局长张明出席。"


def test_relations_stage_reads_events_agreements_and_people() -> None:
    state = _state(sentences, mentions, organisations, relations)
    (event,) = state.events
    assert event.attrs["date"] == "2023-08-19" and event.attrs["kind"] == "matchmaking"
    assert event.roles == {
        "长春汽车工业高等专科学校": "host",  # the venue
        "长春市企业联合会": "organiser",  # the subject of 举办
        "长春市教育局": "attendee",  # 出席, in the next paragraph
    }
    (agreement,) = [f for f in state.facts if f.type == "agreement"]
    assert agreement.parties == ["长春市企业联合会", "一汽解放汽车有限公司"]
    assert agreement.attrs["event"] == event.name and agreement.attrs["kind"] == "strategic"
    assert [(p.name, p.positions) for p in state.people] == [("张明", [("长春市教育局", "副局长")])]
    assert state.consortia == {}


def test_facts_stage_on_a_hand_built_state() -> None:
    """The facts stage needs only events and facts: attendees from what was signed at an
    event, events mentioned in passing dropped (and references to them), final order."""
    state = State(parse_article("某文。"))
    signing = Fact("event", "签约仪式", "…", attrs={"kind": "signing", "date": "2024-01-02"})
    passing = Fact("event", "专场招聘会", "…", attrs={"kind": "job_fair"})
    deal = Fact("agreement", "合作协议", "…", parties=["甲公司", "乙学院"], attrs={"event": "签约仪式"})
    other = Fact("project", "实训基地", "…", attrs={"event": "专场招聘会"})  # no party
    cons = Fact("consortium", "某市产教联合体", "…")
    state.events = [signing, passing]
    state.facts = [deal, other]
    state.consortia = {cons.name: cons}
    facts(state)
    assert state.facts == [cons, signing, deal, other]
    assert signing.roles == {"甲公司": "attendee", "乙学院": "attendee"}
    assert "event" not in other.attrs  # the dropped event is no longer referred to


def test_stages_in_order_are_the_pipeline() -> None:
    article = clean(TEXT)
    state = run_stages(article)
    assert extraction(state) == extract(clean(TEXT))
    sheet = draft(extraction(state))
    assert sheet == to_sheet(extract(clean(TEXT)))
    assert sheet["agreements"][0]["parties"] == ["o1", "o3"]


def test_sentence_org_names_window() -> None:
    sent = Sentence("甲公司与乙学院签约", 0, 0, [(0, 3, "甲公司"), (4, 7, "乙学院")])
    assert sent.org_names() == ["甲公司", "乙学院"]
    assert sent.org_names(3) == ["乙学院"] and sent.org_names(0, 5) == ["甲公司"]
    assert Org("甲公司", "Enterprise", None).mentions == []
