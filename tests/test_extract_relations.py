"""Typed relations of an extraction (partnership vs co-presence) and how evaluation counts them."""

from __future__ import annotations

import yaml

from iegraph.extract import extract_text
from iegraph.extract.draft import to_json, to_yaml
from iegraph.extract.evaluate import Evaluation, Score, confusion, score_article
from iegraph.extract.relations import BASIS, relations
from iegraph.schema.factsheet import FactSheet

TEXT = (
    "来源：某报 日期：2024-03-02\n"
    "3月1日，苏州市教育局在苏州职业大学举办校企合作对接会，苏州工业园区管委会参加。"
    "苏州职业大学与苏州汇川技术有限公司签署战略合作协议。"
    "苏州职业大学与博世汽车部件（苏州）有限公司共建智能制造实训基地项目。"
    "苏州职业大学与苏州大学合作研发工业机器人视觉检测技术攻关项目。\n"
    "苏州市教育局、苏州市人力资源和社会保障局联合印发《苏州市产教融合型企业认定办法》。"
)


def _types() -> dict[str, set[frozenset[str]]]:
    out: dict[str, set[frozenset[str]]] = {}
    for r in relations(extract_text(TEXT).facts):
        out.setdefault(r.type, set()).add(frozenset(r.parties))
    return out


def test_relation_types_separate_partnership_from_co_presence() -> None:
    types = _types()
    assert types["signed_agreement"] == {frozenset({"苏州职业大学", "苏州汇川技术有限公司"})}
    assert types["co_build"] == {frozenset({"苏州职业大学", "博世汽车部件（苏州）有限公司"})}
    assert types["joint_project"] == {frozenset({"苏州职业大学", "苏州大学"})}
    assert types["jointly_issued"] == {frozenset({"苏州市教育局", "苏州市人力资源和社会保障局"})}
    (event,) = types["attended_event"]
    assert {"苏州市教育局", "苏州职业大学", "苏州工业园区管委会"} <= event
    assert {t: BASIS[t] for t in types} == {
        "signed_agreement": "partnership",
        "co_build": "partnership",
        "joint_project": "partnership",
        "attended_event": "co-presence",
        "jointly_issued": "co-presence",
    }


def test_consortium_leads_are_co_leads_and_every_member_is_a_member() -> None:
    x = extract_text(
        "长春市汽车产业集群产教联合体由长春汽车工业高等专科学校、中国第一汽车集团有限公司联合牵头。"
        "吉林大学、长春理工大学加入长春市汽车产业集群产教联合体成为成员单位。"
    )
    by_type = {r.type: set(r.parties) for r in relations(x.facts)}
    assert by_type["co_lead"] == {"长春汽车工业高等专科学校", "中国第一汽车集团有限公司"}
    assert by_type["member_of"] == by_type["co_lead"] | {"吉林大学", "长春理工大学"}


def test_draft_says_each_relation_type_in_a_comment_and_still_validates() -> None:
    x = extract_text(TEXT)
    text = to_yaml(x)
    assert "- key: a1  # relation: signed_agreement (partnership)" in text
    assert "- key: e1  # relation: attended_event (co-presence)" in text
    assert "- key: pol1  # relation: jointly_issued (co-presence)" in text
    FactSheet.model_validate(yaml.safe_load(text))  # comments never reach the loader
    rels = {r["name"]: r["relation_types"] for r in to_json(x)["relations"]}
    assert rels["智能制造实训基地"] == [
        {
            "type": "co_build",
            "basis": "partnership",
            "parties": ["苏州职业大学", "博世汽车部件（苏州）有限公司"],
        }
    ]


def test_evaluation_counts_partnership_pairs_only() -> None:
    """Co-attendance pairs are neither expected (gold events) nor rewarded (extracted events)."""
    x = extract_text(TEXT)
    orgs = ["苏州市教育局", "苏州职业大学", "苏州工业园区管委会", "苏州汇川技术有限公司", "苏州大学"]
    gold = {
        "organizations": [{"key": f"o{i}", "name": n, "kind": "College"} for i, n in enumerate(orgs)],
        "events": [{"organisers": ["o0"], "hosts": ["o1"], "attendees": ["o2"]}],
        "agreements": [{"parties": ["o1", "o3"]}],
        "projects": [
            {
                "parties": [
                    {"org": "o1"},
                    {"org": "o4"},
                    {"org": "o0", "inferred": True, "inferred_reason": "x"},
                ]
            }
        ],
    }
    res = score_article(x, gold, "a")
    # gold: 职业大学–汇川 (agreement), 职业大学–苏州大学 (project); the inferred link is not expected
    assert res.pairs.gold == 2 and res.pairs.tp_gold == 2
    # extracted partnership pairs: those two and 职业大学–博世 (wrong here:博世 is not in the gold)
    assert res.pairs.pred == 3
    assert res.wrong_pairs == [("博世汽车部件（苏州）有限公司", "苏州职业大学")]
    assert res.wrong_orgs == ["博世汽车部件（苏州）有限公司", "苏州市人力资源和社会保障局"]
    ev = Evaluation([res], res.orgs, res.pairs, res.people, [])
    text = confusion(ev, 1)
    assert "wrong pairs (1): 博世汽车部件（苏州）有限公司 — 苏州职业大学" in text
    assert Score(0, 0, 0, 0).f1 == 1.0  # an article with neither gold nor extracted pairs
