"""Typed relations of an extraction (partnership vs co-presence) and how evaluation counts them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from iegraph.extract import extract_text
from iegraph.extract.draft import to_json, to_yaml
from iegraph.extract.evaluate import Evaluation, Score, confusion, score_article
from iegraph.extract.orgs import recognise
from iegraph.extract.relations import BASIS, relations
from iegraph.names import name_key, to_simplified
from iegraph.schema.factsheet import FactSheet
from tests.helpers import run_cli

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


def _agreement_pairs(text: str) -> list[set[str]]:
    return [set(f.parties) for f in extract_text(text).facts if f.type == "agreement"]


def test_separate_signings_are_bilateral() -> None:
    """ "A分别与B、C签署" and "A与B、C分别签约" are two agreements, B and C are not partners."""
    for text in (
        "5月28日，宁波职业技术学院分别与宁波舟山港集团有限公司、宁波均胜电子股份有限公司签署校企合作协议。",
        "5月28日，宁波职业技术学院与宁波舟山港集团有限公司、宁波均胜电子股份有限公司分别签约。",
    ):
        assert _agreement_pairs(text) == [
            {"宁波职业技术学院", "宁波舟山港集团有限公司"},
            {"宁波职业技术学院", "宁波均胜电子股份有限公司"},
        ], text


def test_signings_in_turn_pair_each_school_with_its_company() -> None:
    text = (
        "对接会上，长春汽车职业技术大学与长春旭阳汽车零部件有限公司、"
        "长春职业技术学院与吉林华翼智能装备有限公司依次签约。"
    )
    assert _agreement_pairs(text) == [
        {"长春汽车职业技术大学", "长春旭阳汽车零部件有限公司"},
        {"长春职业技术学院", "吉林华翼智能装备有限公司"},
    ]


def test_hosts_and_venues_are_not_parties_of_a_signing() -> None:
    """Only the clause of the verb signs: the organiser of the ceremony, its venue and a
    body that guides are not parties; nor is a paragraph's enumeration a deal."""
    text = (
        "3月1日，苏州市教育局在苏州职业大学举办对接会，苏州工业园区管委会、苏州大学参加。"
        "会上，苏州职业大学与苏州汇川技术有限公司签署战略合作协议。"
    )
    assert _agreement_pairs(text) == [{"苏州职业大学", "苏州汇川技术有限公司"}]


def test_signing_ceremony_named_after_its_parties_is_an_agreement() -> None:
    text = "1月14日，黎明职业大学轻工学院与百胜餐饮(福州)有限公司校企合作签约仪式在轻工大楼举行。"
    (agreement,) = [f for f in extract_text(text).facts if f.type == "agreement"]
    assert agreement.name == "校企合作协议"
    assert set(agreement.parties) == {"黎明职业大学轻工学院", "百胜餐饮（福州）有限公司"}


def test_a_clause_without_its_subject_signs_for_the_school() -> None:
    text = (
        "6月26日，我校与徐州市政府共同举办对接会。启动仪式上，他们代表学校依次签订了两份协议："
        "与徐州铜山区政府签订科技创新联盟协议，与徐州衡器厂有限公司签订产学研合作协议。"
    )
    pairs = _agreement_pairs(text)
    assert {"我校", "徐州铜山区政府"} in pairs and {"我校", "徐州衡器厂有限公司"} in pairs
    assert {"徐州铜山区政府", "徐州衡器厂有限公司"} not in pairs


def test_carriers_named_before_their_builders() -> None:
    """A list of industrial colleges on a school's own page: each is built by the school
    and the partners its clause names (three-way), not by the whole list."""
    text = (
        "我院与政府、行业、企业共建产业学院。四个产业学院分别是：越秀辉山产业学院，由我院与辽宁奶业协会、"
        "辽宁越秀辉山控股股份有限公司三方共建；耘垦产业学院，由辽宁省农业产业化协会和沈阳耘垦牧业(集团)有限公司参与共建。"
    )
    projects = {f.name: set(f.parties) for f in extract_text(text).facts if f.type == "project"}
    assert projects == {
        "越秀辉山产业学院": {"我院", "辽宁奶业协会", "辽宁越秀辉山控股股份有限公司"},
        "耘垦产业学院": {"我院", "辽宁省农业产业化协会", "沈阳耘垦牧业（集团）有限公司"},
    }


def test_self_reference_is_the_school_the_title_names() -> None:
    text = (
        "重庆工业职业技术学院与企业签订合作协议\n"
        "6月15日，我校与重庆金菱汽车(集团)有限公司签订校企合作协议。重庆工业职业技术学院副院长周玉蓉出席。"
    )
    x = extract_text(text)
    assert "我校" not in {o.name for o in x.orgs}
    assert _agreement_pairs(text) == [{"重庆工业职业技术学院", "重庆金菱汽车（集团）有限公司"}]


def test_common_contractions_merge_into_the_full_name() -> None:
    x = extract_text(
        "泸州市职业技术学院与大连长兴岛经济技术开发区管理委员会签署合作协议。"
        "泸州职业学院院长表示，长兴岛经开区管委会将提供场地。"
    )
    assert {o.name for o in x.orgs} == {"泸州市职业技术学院", "大连长兴岛经济技术开发区管理委员会"}


def test_a_title_with_members_in_it_does_not_make_members() -> None:
    """党组成员 is a title: the bodies of that sentence are not the consortium's members."""
    x = extract_text(
        "8月18日，青岛西海岸新区产教联合体成立大会举行，青岛西海岸新区教育和体育局党组成员、副局长刘钊和"
        "青岛职业技术学院副院长刘宏出席会议。"
    )
    (consortium,) = [f for f in x.facts if f.type == "consortium"]
    assert consortium.parties == []


def test_cli_evaluate_prints_macro_row_and_the_worst_articles_confusion() -> None:
    seeds = Path(__file__).resolve().parent.parent / "iegraph" / "data" / "seeds"
    result = run_cli("extract", "--evaluate", str(seeds), "--format", "json", "--worst", "1")
    assert result.exit_code == 0, result.stderr
    rows = {r["article"]: r for r in json.loads(result.stdout)}
    assert rows["MACRO"]["pair_f1"] == 1.0 and rows["TOTAL"]["gold_pairs"] >= 100
    # seed 001: the worst (organisations F1 0.571), 我校 and 教育部 not in its gold
    assert "worst 1 articles" in result.stderr
    # the evaluation says which recogniser produced it (LAC is off unless asked for)
    assert "recogniser: rules" in result.stderr  # which recogniser ran (LAC by default when installed)
    assert "001_4c3caa65d6df901b.txt: organisations F1 0.571" in result.stderr
    assert "wrong organisations (2): 我校; 教育部" in result.stderr


def test_one_after_another_and_quoted_agreements() -> None:
    text = "宁波职业技术学院先后与宁波舟山港集团有限公司、宁波均胜电子股份有限公司签署《校企合作协议》。"
    x = extract_text(text)
    agreements = [f for f in x.facts if f.type == "agreement"]
    assert [set(f.parties) for f in agreements] == [
        {"宁波职业技术学院", "宁波舟山港集团有限公司"},
        {"宁波职业技术学院", "宁波均胜电子股份有限公司"},
    ]
    assert all(f.name.endswith("校企合作协议") for f in agreements)


def test_a_project_is_built_by_its_own_clause_not_the_sentence() -> None:
    """The organisations of earlier clauses (an organiser, attendees) do not build it."""
    text = (
        "近日，苏州市教育局召开推进会，苏州大学、苏州工业园区管委会参加，"
        "苏州职业大学与苏州汇川技术有限公司合作共建工业机器人实训基地。"
    )
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert project.parties == ["苏州职业大学", "苏州汇川技术有限公司"]


def test_signing_ceremony_of_two_and_a_class_opened_together() -> None:
    x = extract_text("5月8日，宁波职业技术学院与宁波舟山港集团有限公司举行签约仪式。")
    (agreement,) = [f for f in x.facts if f.type == "agreement"]
    assert agreement.name == "合作协议"
    assert agreement.parties == ["宁波职业技术学院", "宁波舟山港集团有限公司"]
    x = extract_text("宁波职业技术学院与宁波舟山港集团有限公司合作开设港口机械订单班。")
    (project,) = [f for f in x.facts if f.type == "project"]
    assert (project.name, project.relation) == ("港口机械订单班", "joint_project")
    assert project.parties == ["宁波职业技术学院", "宁波舟山港集团有限公司"]


def test_the_school_is_the_last_one_named_on_a_news_page() -> None:
    """该校 on a page that is not the school's own: the college named before it."""
    text = (
        "宁波职业技术学院是一所高职院校。5月8日，该校与宁波舟山港集团有限公司签署校企合作协议，"
        "双方还将共建港口机械实训基地。"
    )
    x = extract_text(text)
    (agreement,) = [f for f in x.facts if f.type == "agreement"]
    assert agreement.parties == ["宁波职业技术学院", "宁波舟山港集团有限公司"]
    text = "宁波职业技术学院是一所高职院校。近日，该校与宁波舟山港集团有限公司共建港口机械实训基地。"
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert project.parties == ["宁波职业技术学院", "宁波舟山港集团有限公司"]


def test_a_verb_before_a_zone_suffix_is_not_a_zone() -> None:
    assert [m.text for m in recognise("为现代职业教育体系建设积累新区经验。")] == []
    assert [m.text for m in recognise("金普新区召开推进会。")] == ["金普新区"]


def test_an_agreement_reached_is_signed() -> None:
    pairs = _agreement_pairs(
        "宁波职业技术学院与宁波舟山港集团有限公司达成战略合作协议。宁波大学与宁波银行达成共识。"
    )
    assert pairs == [{"宁波职业技术学院", "宁波舟山港集团有限公司"}]  # 达成共识 is not an agreement


def _pairs_of(text: str) -> dict[str, set[frozenset[str]]]:
    """Partnership pairs of an extraction by relation type."""
    out: dict[str, set[frozenset[str]]] = {}
    for r in relations(extract_text(text).facts):
        if r.basis == "partnership":
            ps = sorted(set(r.parties))
            for i, a in enumerate(ps):
                for b in ps[i + 1 :]:
                    out.setdefault(r.type, set()).add(frozenset((a, b)))
    return out


def test_a_place_starting_like_a_count_is_a_place() -> None:
    """两江新区 is a zone (两江 a place), not 两 + 江新区; 两家企业 stays a count."""
    assert [m.text for m in recognise("两江新区与重庆理工大学共建智能网联汽车产业学院。")] == [
        "两江新区",
        "重庆理工大学",
    ]
    assert _pairs_of("两江新区与重庆理工大学共建智能网联汽车产业学院。") == {
        "co_build": {frozenset({"两江新区", "重庆理工大学"})}
    }
    assert [m.text for m in recognise("两家企业参加。")] == []


def test_qian_in_names_survives_simplification() -> None:
    """OpenCC t2s writes 乾 as 干 (dry); simplified Chinese keeps 乾 for qián, as in 乾县."""
    assert to_simplified("乾縣人民政府") == "乾县人民政府"
    assert to_simplified("乾县人民政府") == "乾县人民政府"  # simplified text is left alone
    assert to_simplified("乾元鎮") == "乾元镇"
    assert to_simplified("乾安縣教育局") == "乾安县教育局"
    assert to_simplified("空氣乾燥，餅乾，乾淨") == "空气干燥，饼干，干净"  # dry stays 干
    assert name_key("乾縣人民政府") == name_key("乾县人民政府") != name_key("干县人民政府")
    x = extract_text("乾縣人民政府與咸陽職業技術學院簽署校企合作協議。")
    assert {o.name for o in x.orgs} == {"乾县人民政府", "咸阳职业技术学院"}


def test_a_carrier_named_first_is_built_by_those_after_you_or_yituo() -> None:
    """X由A和B联合打造 / X依托A、B建设: A and B build X (topicalised, passive); 该基地由A和B
    共建 adds them to the base named before; 依托 one school alone names no partnership."""
    assert _pairs_of("智能制造实训中心依托常州机电职业技术学院、常州天合光能有限公司两家单位建设。") == {
        "co_build": {frozenset({"常州机电职业技术学院", "常州天合光能有限公司"})}
    }
    assert _pairs_of("工程机械实训基地由徐工集团和江苏师范大学联合打造，总投资5000万元。") == {
        "co_build": {frozenset({"徐工集团", "江苏师范大学"})}
    }
    assert _pairs_of("智能制造实训中心依托常州机电职业技术学院建设。") == {}
    assert _pairs_of("南京大学由金陵大学和中央大学合并组建。") == {}  # an organisation, not a carrier


def test_a_partnership_stated_as_a_noun_phrase() -> None:
    """A与B的合作 / A与B深化合作: a joint project of A and B — but not a signing (its own
    rule, bilateral with 分别), not 等合作企业 (someone else's partners), not co-organising."""
    assert _pairs_of("上海临港集团与上海交通大学的合作由来已久。") == {
        "joint_project": {frozenset({"上海临港集团", "上海交通大学"})}
    }
    assert _pairs_of(
        "贵州轻工职业技术学院与贵阳银行、贵州黔通物流信息股份有限公司和贵州云数智算科技有限公司分别签订合作协议。"
    ) == {
        "signed_agreement": {
            frozenset({"贵州轻工职业技术学院", "贵阳银行"}),
            frozenset({"贵州轻工职业技术学院", "贵州黔通物流信息股份有限公司"}),
            frozenset({"贵州轻工职业技术学院", "贵州云数智算科技有限公司"}),
        }
    }
    assert _pairs_of("会议由苏州市教育局与苏州市工商业联合会合作举办。") == {}
    assert _pairs_of("学校与华为技术有限公司、浪潮集团有限公司等合作企业座谈。") == {}


def test_several_sign_each_with_one() -> None:
    """A、B分别与C签订: A–C and B–C; A and B are not partners of each other."""
    text = "绍兴文理学院纺织科学与工程学院、浙江越纺新材料科技有限公司分别与绍兴市柯桥区职业教育中心签订培养协议。"
    assert _pairs_of(text) == {
        "signed_agreement": {
            frozenset({"绍兴文理学院纺织科学与工程学院", "绍兴市柯桥区职业教育中心"}),
            frozenset({"浙江越纺新材料科技有限公司", "绍兴市柯桥区职业教育中心"}),
        }
    }


def test_a_subsidiary_and_a_bare_company_name() -> None:
    """全资子公司 is a relation, not a name; a company written later without its place and
    legal form (金刚硬质合金) is the same company, and a party."""
    x = extract_text(
        "烟台蓝鲸海洋工程有限公司的全资子公司烟台蓝鲸海工检测技术有限公司与烟台船舶职业学院签订培养协议。"
    )
    assert "全资子公司" not in {o.name for o in x.orgs}
    assert _pairs_of(
        "烟台蓝鲸海洋工程有限公司的全资子公司烟台蓝鲸海工检测技术有限公司与烟台船舶职业学院签订培养协议。"
    ) == {"signed_agreement": {frozenset({"烟台蓝鲸海工检测技术有限公司", "烟台船舶职业学院"})}}
    text = (
        "株洲金刚硬质合金有限公司与湖南工业大学签订协议。"
        "由湖南工业大学材料与先进制造学院和金刚硬质合金共同组建的“硬质合金涂层技术联合实验室”同时揭牌。"
    )
    x = extract_text(text)
    (company,) = [o for o in x.orgs if o.name == "株洲金刚硬质合金有限公司"]
    assert "金刚硬质合金" in company.mentions
    (lab,) = [f for f in x.facts if f.type == "project"]
    assert lab.name == "硬质合金涂层技术联合实验室"
    assert set(lab.parties) == {"湖南工业大学材料与先进制造学院", "株洲金刚硬质合金有限公司"}


def test_a_zone_acts_through_its_administration() -> None:
    """Zone and 管理委员会 both written: one organisation. Only a bureau of the zone written:
    the zone is where the bureau is, not an organisation of its own."""
    x = extract_text(
        "烟台海洋工程装备实训基地在烟台经济技术开发区揭牌。烟台经济技术开发区管理委员会副主任姜涛出席。"
    )
    (zone,) = [o for o in x.orgs if "开发区" in o.name]
    assert zone.name == "烟台经济技术开发区管理委员会"
    assert "烟台经济技术开发区" in zone.mentions
    x = extract_text("大会在青岛西海岸新区召开。青岛西海岸新区教育和体育局副局长刘钊出席。")
    assert {o.name for o in x.orgs} == {"青岛西海岸新区教育和体育局"}
    x = extract_text("大会在青岛西海岸新区召开。")
    assert {o.name for o in x.orgs} == {"青岛西海岸新区"}


def test_a_list_of_signed_items_written_with_dashes() -> None:
    """``A—B“X”项目；C—D“Y”项目``: each item is a project of its two organisations."""
    text = (
        "大会现场签约项目12个，其中包括：漳州职业技术学院—福建鑫海食品有限公司“预制菜研发中心”项目；"
        "闽南师范大学—漳州市商务局“中央厨房产业学院”项目。"
    )
    assert _pairs_of(text) == {
        "co_build": {
            frozenset({"漳州职业技术学院", "福建鑫海食品有限公司"}),
            frozenset({"闽南师范大学", "漳州市商务局"}),
        }
    }


def test_a_base_plaque_given_to_a_company() -> None:
    """``A向B授予“X基地”牌匾``: a base of A and B; unveilers (为X揭牌) build nothing."""
    text = "洛阳职业技术学院还向洛阳恒信机床附件有限公司授予“学生实习实训基地”牌匾。"
    assert _pairs_of(text) == {"co_build": {frozenset({"洛阳职业技术学院", "洛阳恒信机床附件有限公司"})}}
    text = "淄博市教育局副局长王立新、淄博市科学技术局副局长刘洋出席揭牌仪式并共同为中心揭牌。"
    assert _pairs_of(text) == {}


def test_a_company_referred_to_as_the_group() -> None:
    """该集团 / 该公司: the company named last before (for 该集团 a 集团) — a party."""
    text = (
        "柳州香源食品集团有限公司是我市龙头企业之一。"
        "去年，由柳州城市职业学院与该集团联合打造的柳州螺蛳粉产业学院正式挂牌。"
    )
    assert _pairs_of(text) == {"co_build": {frozenset({"柳州城市职业学院", "柳州香源食品集团有限公司"})}}


def test_departments_and_units_joined_by_lianhe() -> None:
    """A school's department (机械工程系, 与学校材料工程系) is an organisation and a party, 系统/系列
    are not departments; 联合 after a complete name joins two names (A学院联合B大学) but not
    inside one (中国联合网络通信集团有限公司); 职业技术学校 is a school."""
    assert [m.text for m in recognise("鸿昱精密工业股份有限公司将与学校机械工程系合开专班。")] == [
        "鸿昱精密工业股份有限公司",
        "机械工程系",
    ]
    assert [m.text for m in recognise("这是一个系统工程系列活动。")] == []
    assert [m.text for m in recognise("洛阳职业技术学院联合河南科技大学共同承担。")] == [
        "洛阳职业技术学院",
        "河南科技大学",
    ]
    assert [m.text for m in recognise("中国联合网络通信集团有限公司与宜宾市职业技术学校签约。")] == [
        "中国联合网络通信集团有限公司",
        "宜宾市职业技术学校",
    ]


def test_a_short_form_definition_between_the_pair_and_cooperation() -> None:
    text = "订单班是重庆两江职业技术学院与重庆赛力达汽车科技有限公司（以下简称“赛力达”）深化合作的又一成果。"
    assert _pairs_of(text) == {
        "joint_project": {frozenset({"重庆两江职业技术学院", "重庆赛力达汽车科技有限公司"})}
    }


def test_pager_links_are_furniture() -> None:
    """上一条/下一条 link other articles: their titles state nothing of this one."""
    text = "淄博职业学院举行开学典礼。\n上一条：淄博职业学院与淄博鲁中汽车销售服务有限公司签订订单培养协议\n"
    assert _pairs_of(text) == {}


def test_consortium_leads_after_qiantou_danwei_and_a_group_called_gai_jituan() -> None:
    """``牵头单位为A、B和C，成员单位有D、E``: A, B, C lead (not D, E); on a 职业教育集团's page
    ``该集团由A牵头，B、C共同发起`` is about the group of schools (not a company)."""
    x = extract_text(
        "武汉光电子行业产教融合共同体成立。共同体牵头单位为华中科技大学、武汉职业技术学院和长飞光纤光缆股份有限公司，"
        "成员单位有武汉理工大学、烽火通信科技股份有限公司等98家。"
    )
    by_type = {r.type: set(r.parties) for r in relations(x.facts)}
    assert by_type["co_lead"] == {"华中科技大学", "武汉职业技术学院", "长飞光纤光缆股份有限公司"}
    assert by_type["member_of"] == by_type["co_lead"] | {"武汉理工大学", "烽火通信科技股份有限公司"}
    x = extract_text(
        "江西虚拟现实职业教育集团在南昌成立。该集团由江西科技学院牵头，南昌大学、江西师范大学、"
        "江西联创电子有限公司共同发起。"
    )
    (cons,) = [f for f in x.facts if f.type == "consortium"]
    assert cons.roles == {
        "江西科技学院": "lead",
        "南昌大学": "member",
        "江西师范大学": "member",
        "江西联创电子有限公司": "member",
    }


def test_more_ways_of_saying_two_work_together() -> None:
    """签约双方为A和B; A、B两家单位签署…协议; A将与B在…等方面开展深度合作; A和B就…达成合作意向;
    A引入B共建X (引入 ends a name)."""
    pair = frozenset({"苏州职业大学", "苏州汇川技术有限公司"})
    assert _pairs_of("签约双方为苏州职业大学和苏州汇川技术有限公司。") == {"signed_agreement": {pair}}
    assert _pairs_of("苏州职业大学、苏州汇川技术有限公司两家单位签署合作协议。") == {
        "signed_agreement": {pair}
    }
    assert _pairs_of("苏州职业大学将与苏州汇川技术有限公司在人才培养、技术研发等方面开展深度合作。") == {
        "joint_project": {pair}
    }
    assert _pairs_of("苏州职业大学和苏州汇川技术有限公司就共建产业学院达成合作意向。") == {
        "signed_agreement": {pair}
    }
    assert _pairs_of("苏州职业大学引入苏州汇川技术有限公司共建工业机器人实训中心。") == {"co_build": {pair}}


def test_a_city_the_gazetteer_lacks_still_heads_a_public_body() -> None:
    """周口 is not in jieba's place names: 周口市农业农村局 is still a bureau (and a party of
    a three-way base), while 超市/上市 are not places."""
    text = "会上，周口职业技术学院与周口市农业农村局、河南牧原食品股份有限公司三方共建智慧农业产业学院。"
    assert [m.text for m in recognise(text)] == [
        "周口职业技术学院",
        "周口市农业农村局",
        "河南牧原食品股份有限公司",
    ]
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert set(project.parties) == {"周口职业技术学院", "周口市农业农村局", "河南牧原食品股份有限公司"}
    assert [m.text for m in recognise("在超市门口。")] == []
    # 建设 is a verb, 市域 a word: no place 建设市, no consortium 建设市域产教联合体
    x = extract_text("建设市域产教联合体是深化产教融合的重要途径。")
    assert [f for f in x.facts if f.type == "consortium"] == []


def test_a_visit_then_both_sides_sign() -> None:
    """``A迎来B一行。双方签订…协议``: the host and the visitor sign (迎来 ends a name; 为 in
    华为 does not)."""
    text = "3月5日，南京工业职业技术大学迎来华为技术有限公司一行。双方签订了校企合作协议。"
    assert _pairs_of(text) == {"signed_agreement": {frozenset({"南京工业职业技术大学", "华为技术有限公司"})}}


def test_the_base_named_before_and_the_subject_of_a_second_clause() -> None:
    """``X在…揭牌。该基地依托A、B建设``: X is A's and B's; ``A与B签订协议，并与C共建Y``: Y is
    A's and C's; ``A、B联合申报的“X”``: X is theirs; ``A与B开展订单培养``: a partnership."""
    text = (
        "5月28日，东莞智能终端产教融合实训基地在长安镇揭牌。"
        "该基地依托东莞职业技术学院、东莞华贝电子科技有限公司两家单位建设，总投资3200万元。"
    )
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert project.name == "东莞智能终端产教融合实训基地"
    assert project.parties == ["东莞职业技术学院", "东莞华贝电子科技有限公司"]
    text = "东莞职业技术学院与东莞华贝电子科技有限公司签订合作协议，并与东莞市长安镇人民政府共建智能终端实训基地。"
    assert _pairs_of(text)["co_build"] == {frozenset({"东莞职业技术学院", "东莞市长安镇人民政府"})}
    pair = frozenset({"东莞职业技术学院", "东莞华贝电子科技有限公司"})
    text = "东莞职业技术学院、东莞华贝电子科技有限公司联合申报的“电子信息产教融合实训基地”入选省级项目。"
    assert _pairs_of(text) == {"joint_project": {pair}}
    text = "东莞职业技术学院与东莞华贝电子科技有限公司开展订单培养，首批招收学生50名。"
    assert _pairs_of(text) == {"joint_project": {pair}}


def test_a_department_opens_a_class_with_a_company_named_bare() -> None:
    """``B将与学校机械工程系合开「X专班」``: the department (not the school) and B, written bare
    (鸿昱精密 for 鸿昱精密工业股份有限公司, its trade word dropped); 合办/开办 open a class."""
    text = (
        "國立高雄科技大學今天與鴻昱精密工業股份有限公司簽署產學合作備忘錄。"
        "依照備忘錄，鴻昱精密將與學校機械工程系合開「智慧製造產學攜手專班」，每年招收30名學生。"
    )
    x = extract_text(text)
    (project,) = [f for f in x.facts if f.type == "project"]
    assert project.name == "智慧制造产学携手专班"
    assert project.parties == ["鸿昱精密工业股份有限公司", "机械工程系"]
    assert _pairs_of("勞動部勞動力發展署中彰投分署與中臺科技大學攜手開辦長照人才培訓班。") == {
        "joint_project": {frozenset({"劳动部劳动力发展署中彰投分署", "中台科技大学"})}
    }


def test_a_lead_before_the_clause_that_builds_is_a_party() -> None:
    """``由A牵头，联合B、C共同承担的“X”专项`` and ``该基地由A牵头，B、C共同建设``: one project of
    three (the lead included), not of the two after it."""
    three = {"南通船舶工程研究院", "江苏科技大学", "南通中远海运川崎船舶工程有限公司"}
    text = (
        "当天，由南通船舶工程研究院牵头，联合江苏科技大学、南通中远海运川崎船舶工程有限公司"
        "共同承担的“智能焊接机器人”省重点研发专项正式启动。"
    )
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert project.name == "智能焊接机器人"
    assert set(project.parties) == three
    text = (
        "南通船舶智能制造实训基地在崇川区启用。"
        "该基地由南通船舶工程研究院牵头，江苏科技大学、南通中远海运川崎船舶工程有限公司共同建设。"
    )
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert project.name == "南通船舶智能制造实训基地"
    assert set(project.parties) == three


def test_three_sides_of_the_sentence_before_build_together() -> None:
    """``A、B和C的负责人会面。三方决定联合成立X``: X is the three's (三方 like 双方)."""
    text = (
        "当天下午，南通中远海运川崎船舶工程有限公司、南通航运职业技术学院和江苏科技大学的负责人会面。"
        "三方决定联合成立船舶焊接工程技术中心。"
    )
    (project,) = [f for f in extract_text(text).facts if f.type == "project"]
    assert set(project.parties) == {
        "南通中远海运川崎船舶工程有限公司",
        "南通航运职业技术学院",
        "江苏科技大学",
    }


def test_a_sponsored_class_is_the_school_and_its_sponsor() -> None:
    """``“X班”由B出资冠名`` on the school's page (the school named only in the title and the
    source line, 我校 in the body) and ``冠名班由A旗下子公司B出资冠名`` (the class quoted
    before; B, not its parent A, pays); ``A被B授予“X基地”`` is a base of both."""
    text = (
        "南通航运职业技术学院两个冠名班开班\n来源：南通航运职业技术学院\n"
        "9月1日，我校“通海班”开班。“通海班”由南通通海船务有限公司出资冠名，首批招收学生40名。"
    )
    assert _pairs_of(text) == {"joint_project": {frozenset({"南通航运职业技术学院", "南通通海船务有限公司"})}}
    text = (
        "南通航运职业技术学院“远洋冠名班”开班仪式在学校举行。"
        "冠名班由南通远洋集团有限公司旗下子公司南通远洋船员管理有限公司出资冠名。"
    )
    assert _pairs_of(text)["joint_project"] == {
        frozenset({"南通航运职业技术学院", "南通远洋船员管理有限公司"})
    }
    text = "同日，南通航运职业技术学院被南通远洋船员管理有限公司授予“船员实习基地”。"
    assert _pairs_of(text)["co_build"] == {frozenset({"南通航运职业技术学院", "南通远洋船员管理有限公司"})}


def test_a_group_written_short_is_the_same_company() -> None:
    """``X集团`` after ``X集团股份有限公司`` is its short form (one organisation, one pair),
    and ``集团`` / ``公司`` alone as a subject is the company named last."""
    text = (
        "南通航运职业技术学院与南通远洋集团股份有限公司签订合作协议。"
        "南通远洋集团副总经理王强出席。此前公司已与江苏科技大学合作成立了船舶动力实验室。"
    )
    x = extract_text(text)
    assert [o.name for o in x.orgs if "远洋" in o.name] == ["南通远洋集团股份有限公司"]
    assert _pairs_of(text) == {
        "signed_agreement": {frozenset({"南通航运职业技术学院", "南通远洋集团股份有限公司"})},
        "co_build": {frozenset({"南通远洋集团股份有限公司", "江苏科技大学"})},
    }


def test_a_name_that_starts_with_a_joiner() -> None:
    """``与和泰汽车股份有限公司``: after 与, 和 begins the name (two joiners never follow each
    other); 同业公会 is an association; plain lists still split at 和."""
    text = "建国科技大学今日与和泰汽车股份有限公司、彰化县汽车修理商业同业公会分别签署合作备忘录。"
    assert [m.text for m in recognise(text)] == [
        "建国科技大学",
        "和泰汽车股份有限公司",
        "彰化县汽车修理商业同业公会",
    ]
    assert _pairs_of(text) == {
        "signed_agreement": {
            frozenset({"建国科技大学", "和泰汽车股份有限公司"}),
            frozenset({"建国科技大学", "彰化县汽车修理商业同业公会"}),
        }
    }
    assert [m.text for m in recognise("长春市教育局和长春汽车职业技术大学")] == [
        "长春市教育局",
        "长春汽车职业技术大学",
    ]


def test_more_partnership_phrasings_and_co_presence_left_alone() -> None:
    """共同设立 builds; 联合办学 and 订单式培养 are joint work; ``A成为B的校外实习基地`` is a
    base of both. Representatives who attend or speak 分别 are no partners."""
    pair = frozenset({"南通职业大学", "南通中天钢铁有限公司"})
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司共同设立智能冶金实训中心。") == {"co_build": {pair}}
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司联合办学已有十年。") == {"joint_project": {pair}}
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司开展订单式培养。") == {"joint_project": {pair}}
    assert _pairs_of("南通中天钢铁有限公司成为南通职业大学的校外实习基地。") == {"co_build": {pair}}
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司的代表参加了对接会。") == {}
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司负责人分别致辞。") == {}
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司合作举办技能大赛。") == {}


def test_round_four_phrasings_from_real_pages() -> None:
    """Shapes seen on real 产教融合 pages: a short quoted class name after 联合开办的,
    一起实施 as joint work with 该院 as the school, 学院 alone as a clause's subject, a
    dash joining the two sides of one agreement, and 以 before a name (以色列 kept)."""
    school, firm = "柳州城市职业学院", "广西桂通客车制造有限公司"
    pair = frozenset({school, firm})
    got = _pairs_of(f"{school}与{firm}联合开办的“桂通班”举行开班仪式。")
    assert pair in got.get("joint_project", set()) | got.get("co_build", set())
    text = (
        f"{school}今年新增专业。"
        "该院还与柳州五菱动力配件有限公司、广西华驰精工机械有限公司一起实施现代学徒制试点。"
    )
    got = _pairs_of(text)
    assert frozenset({school, "广西华驰精工机械有限公司"}) in set().union(*got.values())
    assert len(set().union(*got.values())) == 3  # one project of three
    text = (
        "德阳科贸职业学院携手四川东蓉重型机械有限公司共建的智能焊接实训基地投入使用。"
        "此前，学院已同德阳天元电气有限公司合作成立电气自动化订单班。"
    )
    assert frozenset({"德阳科贸职业学院", "德阳天元电气有限公司"}) in set().union(*_pairs_of(text).values())
    # 学院 at the end of a department's name is no subject of its own
    assert _pairs_of("德阳天元电气有限公司向机电学院捐赠设备。") == {}
    assert _pairs_of("金华职业技术大学—浙江宏达电子科技股份有限公司校企合作协议签订仪式举行。") == {
        "signed_agreement": {frozenset({"金华职业技术大学", "浙江宏达电子科技股份有限公司"})}
    }
    assert [m.text for m in recognise("该集团以湘潭电机职业技术学院为牵头单位")] == ["湘潭电机职业技术学院"]
    assert [m.text for m in recognise("以色列理工学院与广东工业大学")] == ["以色列理工学院", "广东工业大学"]


def test_bracketed_legal_word_and_lianshou() -> None:
    """``城市建设投资(集团)有限公司`` keeps its head (投资 stops a name unless a legal word
    follows, brackets included); 联手 joins two complete names as 携手 does, not inside one."""
    assert [m.text for m in recognise("宿迁学院与宿迁市城市建设投资(集团)有限公司签约")] == [
        "宿迁学院",
        "宿迁市城市建设投资(集团)有限公司",
    ]
    assert _pairs_of("南通职业大学联手南通中天钢铁有限公司成立智能冶金产业学院。") == {
        "co_build": {frozenset({"南通职业大学", "南通中天钢铁有限公司"})}
    }
    assert [m.text for m in recognise("中国联手网络有限公司")] == ["中国联手网络有限公司"]


def test_partnership_relations_and_plaques_granted() -> None:
    """``建立/缔结战略合作伙伴关系`` is the partnership itself (合作伙伴 alone stays a noun
    of a list); ``A授予B“X基地”称号`` is a base of both, as ``A向B授予`` was."""
    pair = frozenset({"南通职业大学", "南通中天钢铁有限公司"})
    got = _pairs_of("南通职业大学与南通中天钢铁有限公司建立战略合作伙伴关系。")
    assert got == {"joint_project": {pair}}
    assert _pairs_of("南通职业大学与南通中天钢铁有限公司等合作伙伴出席。") == {}
    got = _pairs_of("南通职业大学授予南通中天钢铁有限公司“产教融合实训基地”称号。")
    assert got == {"co_build": {pair}}
