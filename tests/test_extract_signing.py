"""Who signs and who builds, and who is only there: parties of agreements and co-built
bodies against the hosts, organisers, venues, witnesses and attendees of the same
ceremony (co-presence), and the shapes joint projects are stated in.

The sentences are written for these tests (the shapes were learned from real signing
and unveiling news; no sentence is taken over). Each test names the partnership pairs an
extraction must give — and so the pairs it must not give.
"""

from __future__ import annotations

from iegraph.extract import extract_text
from iegraph.extract.relations import PARTNERSHIP, relations

SCHOOL = "常州工程职业技术学院"
FIRM = "江苏恒力精机有限公司"
FIRM2 = "常州天宇电气有限公司"
UNI = "常州大学"
BUREAU = "常州市教育局"
UNION = "常州市总工会"


def pairs(text: str) -> set[frozenset[str]]:
    """The partnership pairs of an extraction (any partnership relation type)."""
    out: set[frozenset[str]] = set()
    for r in relations(extract_text(text).facts):
        if r.type in PARTNERSHIP:
            out.update(frozenset((a, b)) for a in r.parties for b in r.parties if a < b)
    return out


def attendees(text: str) -> set[str]:
    """Everyone the extraction puts at an event (co-presence)."""
    return {p for r in relations(extract_text(text).facts) if r.type == "attended_event" for p in r.parties}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


# ----------------------------------------------------------------- hosts and organisers


def test_the_organiser_and_the_host_of_a_ceremony_do_not_sign() -> None:
    text = f"5月8日，由{BUREAU}主办、{UNI}承办的校企合作签约仪式举行，{SCHOOL}与{FIRM}签署合作协议。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    assert {BUREAU, UNI} <= attendees(text)


def test_a_body_that_holds_the_ceremony_is_no_party_of_what_others_sign() -> None:
    text = f"{BUREAU}举办校企合作签约仪式，{SCHOOL}与{FIRM}现场签约。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}


def test_the_host_that_signs_with_each_partner_is_a_party_of_each_bilateral_agreement() -> None:
    text = f"{SCHOOL}举行校企合作签约仪式，{BUREAU}副局长王明出席。学校分别与{FIRM}、{FIRM2}签订合作协议。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2)}


def test_co_organisers_of_a_signing_ceremony_sign_nothing() -> None:
    text = f"{BUREAU}与{UNION}联合主办的签约仪式上，{SCHOOL}与{FIRM}签约。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    assert {BUREAU, UNION} <= attendees(text)


def test_the_host_who_signs_in_the_next_clause_is_the_signer_not_its_partner() -> None:
    # "A举行签约仪式，与B、C签约": A signs; B and C are A's partners, not each other's signer.
    text = f"{SCHOOL}举行校企合作签约仪式，与{FIRM}、{FIRM2}签约。"
    assert pair(SCHOOL, FIRM) in pairs(text)
    assert pair(SCHOOL, FIRM2) in pairs(text)


def test_a_third_body_hosting_several_signings_is_in_none_of_them() -> None:
    text = f"{BUREAU}主办的校企合作对接会在{UNI}举行。会上，{SCHOOL}与{FIRM}、{FIRM2}与{UNI}分别签约。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(FIRM2, UNI)}


# ----------------------------------------------------------------- venue


def test_the_venue_of_a_signing_is_no_party() -> None:
    assert pairs(f"{SCHOOL}与{FIRM}校企合作签约仪式在{UNI}举行。") == {pair(SCHOOL, FIRM)}
    assert pairs(f"在{UNI}举行的对接会上，{SCHOOL}与{FIRM}签署合作协议。") == {pair(SCHOOL, FIRM)}


# ----------------------------------------------------------------- witnesses


def test_a_witness_is_no_party_however_the_witnessing_is_said() -> None:
    for text in (
        f"在{BUREAU}的见证下，{SCHOOL}与{FIRM}签订校企合作协议。",
        f"在{BUREAU}和{UNION}的见证下，{SCHOOL}与{FIRM}签订校企合作协议。",
        f"{BUREAU}副局长王明见证{SCHOOL}与{FIRM}签约。",
        f"{BUREAU}、{UNION}相关负责人见证了{SCHOOL}与{FIRM}的签约。",
        f"{SCHOOL}与{FIRM}签署合作协议，{BUREAU}、{UNION}相关负责人见证签约。",
        f"{SCHOOL}与{FIRM}在{BUREAU}的见证下签订合作协议。",
        f"{SCHOOL}与{FIRM}在{BUREAU}和{UNION}的共同见证下签订合作协议。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


# ----------------------------------------------------------------- officials and attendees


def test_officials_who_attend_or_speak_are_not_parties() -> None:
    for text in (
        f"{SCHOOL}与{FIRM}签订校企合作协议，{BUREAU}副局长王明出席并致辞。",
        f"{SCHOOL}与{FIRM}签订校企合作协议，{BUREAU}局长李强在仪式上讲话。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


def test_bodies_that_attend_a_signing_ceremony_sign_nothing() -> None:
    # 参加/出席/观摩 + 签约仪式 is attendance, not an agreement of the attendees.
    for text in (
        f"{BUREAU}、{UNION}参加签约仪式。{SCHOOL}与{FIRM}签订校企合作协议。",
        f"{BUREAU}、{UNION}、{SCHOOL}和{FIRM}相关负责人出席签约仪式。{SCHOOL}与{FIRM}签订校企合作协议。",
        f"{SCHOOL}与{FIRM}签订校企合作协议。{BUREAU}、{UNION}的负责同志到场观摩签约仪式。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text
        assert {BUREAU, UNION} <= attendees(text), text


def test_the_two_sides_after_an_attendee_list_are_the_school_and_the_company() -> None:
    # 双方 after a sentence that also names an attending bureau: the two that sign.
    text = (
        f"{BUREAU}副局长王明，{SCHOOL}院长张华，{FIRM}董事长李伟出席签约仪式。"
        "张华与李伟代表双方签署合作协议。"
    )
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    text = f"{BUREAU}领导、{SCHOOL}和{FIRM}负责人参加了活动。随后，校企双方签署战略合作协议。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}


def test_attendees_listed_after_a_signing_do_not_join_it() -> None:
    text = f"{SCHOOL}与{FIRM}签订校企合作协议。{BUREAU}、{UNION}的负责同志出席签约仪式。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    assert {BUREAU, UNION} <= attendees(text)


# ----------------------------------------------------------------- one document, several parties


def test_one_document_signed_by_three_keeps_all_three() -> None:
    for text in (
        f"{SCHOOL}、{FIRM}、{UNI}三方共同签署《产学研合作协议》。",
        f"{SCHOOL}、{FIRM}、{UNI}共同签署产学研合作协议。",
        f"{SCHOOL}、{FIRM}与{UNI}三方共同签署《产学研合作协议》。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, UNI), pair(FIRM, UNI)}, text


# ----------------------------------------------------------------- unveiling


def test_officials_who_unveil_a_base_do_not_build_it() -> None:
    text = f"{BUREAU}局长李强、{SCHOOL}院长张华共同为{SCHOOL}与{FIRM}共建的智能制造实训基地揭牌。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    text = f"{SCHOOL}与{FIRM}共建的智能制造产业学院揭牌，{BUREAU}、{UNION}领导出席。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}


def test_a_bureau_that_unveils_a_schools_base_builds_nothing() -> None:
    assert pairs(f"{BUREAU}局长李强为{SCHOOL}智能制造实训基地揭牌。") == set()
    assert (
        pairs(f"{BUREAU}副局长王明、{SCHOOL}院长张华、{FIRM}总经理李伟共同为智能制造产业学院揭牌。") == set()
    )


def test_a_guiding_bureau_does_not_build() -> None:
    for text in (
        f"在{BUREAU}和{UNION}的指导下，{SCHOOL}与{FIRM}共建智能制造产业学院。",
        f"{SCHOOL}与{FIRM}在{BUREAU}的支持下共建智能制造产业学院。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


def test_a_bureau_that_co_builds_is_a_builder() -> None:
    text = f"{BUREAU}、{SCHOOL}与{FIRM}三方共建智能制造公共实训基地。"
    assert pairs(text) == {pair(BUREAU, SCHOOL), pair(BUREAU, FIRM), pair(SCHOOL, FIRM)}


# ----------------------------------------------------------------- visits


def test_a_visit_to_a_school_names_the_school_not_a_longer_name() -> None:
    # "一行到X考察": 到 is the visit, not the start of X's name; 该校 is X after it.
    text = f"{FIRM}董事长李伟一行到{SCHOOL}考察。该校将与该公司共建工业机器人实训基地。"
    assert {o.name for o in extract_text(text).orgs} == {FIRM, SCHOOL}
    assert pairs(text) == {pair(SCHOOL, FIRM)}


# ----------------------------------------------------------------- joint projects


def test_joint_carriers_stated_in_the_shapes_news_uses() -> None:
    both = {pair(SCHOOL, FIRM)}
    for text in (
        f"智能制造产业学院由{SCHOOL}与{FIRM}共建。",
        f"{SCHOOL}联合{FIRM}成立智能制造产业学院。",
        f"{SCHOOL}与{FIRM}合作共建的智能制造产业学院正式揭牌。",
        f"{SCHOOL}携手{FIRM}打造工业机器人实训基地。",
        f"{FIRM}为{SCHOOL}提供价值300万元的设备，共建工业机器人实训基地。",
        f"{SCHOOL}、{FIRM}双方将共同建设工业机器人实训基地。",
        f"{SCHOOL}与{FIRM}合建工业机器人实训基地。",
        f"{SCHOOL}与{FIRM}联合开设“恒力订单班”。",
        f"{SCHOOL}和{FIRM}共同实施现代学徒制。",
        f"{SCHOOL}与{FIRM}联合成立的智能装备联合实验室日前揭牌。",
        f"{SCHOOL}与{FIRM}共建的工业机器人实训基地日前投入使用。",
    ):
        assert pairs(text) == both, text


def test_a_carrier_described_by_who_built_it() -> None:
    assert pairs(f"工业机器人实训基地是{SCHOOL}与{FIRM}共同打造的。") == {pair(SCHOOL, FIRM)}
    # the owner before 的 is the school 学校 refers to; the carrier's name is without it
    x = extract_text(f"{SCHOOL}的智能制造产业学院，是学校与{FIRM}合作共建的。")
    built = [r for r in relations(x.facts) if r.type == "co_build"]
    assert [(r.name, set(r.parties)) for r in built] == [("智能制造产业学院", {SCHOOL, FIRM})]


def test_who_pays_and_who_gives_the_place_both_build() -> None:
    for text in (
        f"工业机器人实训基地项目由{FIRM}出资、{SCHOOL}提供场地。",
        f"由{FIRM}投资、{SCHOOL}提供场地的工业机器人实训基地建成投用。",
        f"{FIRM}出资200万元，与{SCHOOL}共建工业机器人实训基地。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


def test_a_company_that_builds_at_the_school_builds_with_it() -> None:
    for text, carrier in (
        (f"{SCHOOL}与{FIRM}签订合作协议。该企业将在校内设立工业机器人实训基地。", "工业机器人实训基地"),
        (f"{FIRM}在{SCHOOL}设立“恒力奖学金”并共建智能制造实训基地。", "智能制造实训基地"),
    ):
        x = extract_text(text)
        built = {(r.name, frozenset(r.parties)) for r in relations(x.facts) if r.type == "co_build"}
        assert built == {(carrier, pair(SCHOOL, FIRM))}, text


def test_two_carriers_in_one_object_are_two_projects_of_the_same_builders() -> None:
    for text in (
        f"{SCHOOL}与{FIRM}签约，共建工业机器人实训基地和智能制造产业学院。",
        f"{SCHOOL}与{FIRM}共建工业机器人实训基地、智能制造产业学院。",
    ):
        built = {
            (r.name, frozenset(r.parties))
            for r in relations(extract_text(text).facts)
            if r.type == "co_build"
        }
        assert built == {
            ("工业机器人实训基地", pair(SCHOOL, FIRM)),
            ("智能制造产业学院", pair(SCHOOL, FIRM)),
        }, text


def test_the_builder_of_the_first_carrier_builds_the_next_one_after_a_semicolon() -> None:
    # "该校将与A共建X；与B共建Y": the school builds Y too (not A, named first in the sentence).
    text = (
        f"{SCHOOL}举行签约仪式。按照协议，该校将与{BUREAU}共建数字技能培训中心；"
        f"与{FIRM}共建工业机器人实训基地。"
    )
    built = {
        r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.type == "co_build"
    }
    assert built == {"数字技能培训中心": pair(SCHOOL, BUREAU), "工业机器人实训基地": pair(SCHOOL, FIRM)}


def test_a_university_with_its_seat_in_brackets_signs_under_that_name() -> None:
    text = "华北电力大学（保定）、保定职业技术学院与河北冀能新能源集团有限公司三方共同签署人才培养协议。"
    uni = "华北电力大学（保定）"
    assert uni in {o.name for o in extract_text(text).orgs}
    assert pairs(text) == {
        pair(uni, "保定职业技术学院"),
        pair(uni, "河北冀能新能源集团有限公司"),
        pair("保定职业技术学院", "河北冀能新能源集团有限公司"),
    }


def test_a_body_that_brokers_a_signing_is_no_party() -> None:
    for text in (
        f"{BUREAU}组织{SCHOOL}与{FIRM}签订校企合作协议。",
        f"{BUREAU}促成{SCHOOL}与{FIRM}签约。",
    ):
        assert {o.name for o in extract_text(text).orgs} == {BUREAU, SCHOOL, FIRM}, text
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


def test_a_bureau_that_unveils_as_a_carrier_is_set_up_does_not_build_it() -> None:
    assert pairs(f"{BUREAU}局长王明与{SCHOOL}院长张华共同揭牌成立智能制造产业学院。") == set()
    assert pairs(f"{SCHOOL}与{FIRM}共同揭牌成立智能制造产业学院。") == {pair(SCHOOL, FIRM)}


def test_the_two_sides_beside_an_attending_association_are_the_school_and_the_company() -> None:
    text = f"{SCHOOL}、{FIRM}和常州市智能制造行业协会负责人出席签约仪式。双方签署校企合作协议。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}


def test_signing_on_the_document_by_the_two_heads_is_an_agreement_of_their_bodies() -> None:
    text = f"签约仪式上，{SCHOOL}院长张华和{FIRM}董事长李伟在协议上签字。"
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    assert pairs(f"{BUREAU}局长王明在签字仪式上讲话。") == set()


def test_a_second_company_that_signs_with_the_school_written_as_xuexiao() -> None:
    text = f"{SCHOOL}举行签约仪式。{SCHOOL}与{FIRM}签订合作协议，{FIRM2}也与学校签约。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2)}


def test_the_next_carrier_after_bing_is_built_by_the_same_two() -> None:
    text = f"{SCHOOL}与{FIRM}签订合作协议。根据协议，双方将联合开设“恒力智造班”，并共建工业机器人实训基地。"
    names = {r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.fact == "project"}
    assert names == {"恒力智造班": pair(SCHOOL, FIRM), "工业机器人实训基地": pair(SCHOOL, FIRM)}


def test_a_carrier_followed_by_what_it_does_each_year_is_named_without_it() -> None:
    text = f"{SCHOOL}与{FIRM}合作办学已有五年，双方共建的工业机器人实训基地每年接纳学生300余名。"
    built = {
        (r.name, frozenset(r.parties)) for r in relations(extract_text(text).facts) if r.type == "co_build"
    }
    assert built == {("工业机器人实训基地", pair(SCHOOL, FIRM))}


def test_a_lead_without_you_and_a_college_run_jointly() -> None:
    # "A牵头，联合B、C共同申报的X": A leads and is a party (as with 由A牵头).
    text = f"{SCHOOL}牵头，联合{FIRM}、{UNI}共同申报的江苏省智能装备工程技术研究中心获批立项。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, UNI), pair(FIRM, UNI)}
    assert pairs(f"恒力智能制造产业学院由{FIRM}和{SCHOOL}合作举办。") == {pair(SCHOOL, FIRM)}


def test_a_training_course_two_bodies_hold_is_no_joint_project() -> None:
    assert pairs(f"智能制造师资研修班由{BUREAU}和{SCHOOL}联合举办。") == set()


def test_builders_in_brackets_or_named_as_units_of_the_carrier() -> None:
    text = (
        f"{SCHOOL}建成两个产业学院，分别是：恒力智能制造产业学院（与{FIRM}共建）、"
        f"天宇电气产业学院（与{FIRM2}共建）。"
    )
    built = {
        r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.type == "co_build"
    }
    assert built == {"恒力智能制造产业学院": pair(SCHOOL, FIRM), "天宇电气产业学院": pair(SCHOOL, FIRM2)}
    assert pairs(f"恒力智能制造产业学院的共建单位为{SCHOOL}和{FIRM}。") == {pair(SCHOOL, FIRM)}
    assert pairs(f"智能装备实训基地（{FIRM}、{FIRM2}合作共建）已投入使用。") == {pair(FIRM, FIRM2)}


def test_one_after_another_with_two_carriers_pairs_each_carrier_with_its_partner() -> None:
    # "A先后与B、C合作共建了X和Y": X with B, Y with C — B and C build nothing together.
    text = f"{SCHOOL}先后与{FIRM}、{FIRM2}合作共建了恒力智能制造产业学院和天宇电气实训基地。"
    built = {
        r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.type == "co_build"
    }
    assert built == {"恒力智能制造产业学院": pair(SCHOOL, FIRM), "天宇电气实训基地": pair(SCHOOL, FIRM2)}
    text = f"{SCHOOL}分别与{FIRM}、{FIRM2}共建智能制造实训基地。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2)}


def test_the_next_partner_after_a_pause_mark_builds_with_the_same_subject() -> None:
    text = f"{SCHOOL}与{FIRM}共建恒力智能制造产业学院、与{FIRM2}共建天宇电气实训基地。"
    built = {
        r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.type == "co_build"
    }
    assert built == {"恒力智能制造产业学院": pair(SCHOOL, FIRM), "天宇电气实训基地": pair(SCHOOL, FIRM2)}


def test_a_company_that_joins_in_building_a_schools_carrier_builds_it_with_the_school() -> None:
    text = f"{FIRM}参与共建{SCHOOL}恒力智能制造产业学院。"
    built = {
        r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.type == "co_build"
    }
    assert built == {"恒力智能制造产业学院": pair(SCHOOL, FIRM)}


def test_agreements_named_first_or_after_de_or_called_by_other_words() -> None:
    x = extract_text(f"《校企合作协议》由{SCHOOL}与{FIRM}共同签署。")
    assert [(r.name, set(r.parties)) for r in relations(x.facts) if r.type == "signed_agreement"] == [
        ("校企合作协议", {SCHOOL, FIRM})
    ]
    x = extract_text(f"{SCHOOL}与{FIRM}签署的《智能制造人才培养合作协议》明确了双方责任。")
    assert [r.name for r in relations(x.facts) if r.type == "signed_agreement"] == [
        "智能制造人才培养合作协议"
    ]
    assert pairs(f"{SCHOOL}与{FIRM}签订产学研合作合约。") == {pair(SCHOOL, FIRM)}
    assert pairs(f"{SCHOOL}与{FIRM}正式结为战略合作伙伴。") == {pair(SCHOOL, FIRM)}


def test_a_list_of_the_bodies_at_the_ceremony_is_no_list_of_signatories() -> None:
    for text in (
        f"{SCHOOL}与{FIRM}签订校企合作协议。出席签约仪式的单位包括{BUREAU}、{UNION}。",
        f"{SCHOOL}与{FIRM}签订校企合作协议。参加签约活动的单位有{BUREAU}和{UNION}。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text
    # whereas the partners a list adds to the agreement are its parties
    text = f"{SCHOOL}与{FIRM}签订校企合作协议。参与合作的企业还有{FIRM2}。"
    assert pair(SCHOOL, FIRM2) in pairs(text)


def test_a_title_a_bureau_awards_is_no_base_it_shares() -> None:
    for text in (
        f"{BUREAU}向{SCHOOL}授予“常州市产教融合实训基地”牌匾。",
        f"{SCHOOL}被常州市人力资源和社会保障局授予“常州市技能人才培养基地”称号。",
    ):
        assert pairs(text) == set(), text
    # a company's plaque for the school's students is a base of both
    assert pairs(f"{SCHOOL}向{FIRM}授予“校外实习实训基地”牌匾。") == {pair(SCHOOL, FIRM)}


def test_joint_work_after_joining_hands_relates_the_two_but_joint_events_do_not() -> None:
    for text in (
        f"{SCHOOL}携手{FIRM}培养智能制造人才。",
        f"{FIRM}联合{SCHOOL}开展员工技能培训。",
        f"{SCHOOL}与{FIRM}共同制定人才培养方案。",
        f"{SCHOOL}依托{FIRM}开展现代学徒制试点。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text
    for text in (
        f"{BUREAU}联合{UNION}举办职业技能大赛。",
        f"{SCHOOL}联合{FIRM}发布《产教融合倡议书》。",
        f"{BUREAU}联合{UNION}开展职业技能培训专项检查。",
    ):
        assert pairs(text) == set(), text


def test_a_body_that_pushes_its_own_signing_signs() -> None:
    assert pairs(f"{SCHOOL}积极推动与{FIRM}签约。") == {pair(SCHOOL, FIRM)}
    assert pairs(f"{BUREAU}推动{SCHOOL}与{FIRM}签约。") == {pair(SCHOOL, FIRM)}


def test_a_body_that_attends_and_signs_is_a_party() -> None:
    assert pairs(f"{SCHOOL}院长张华出席并与{FIRM}签约。") == {pair(SCHOOL, FIRM)}
    assert pairs(f"{BUREAU}局长王明出席并见证{SCHOOL}与{FIRM}签约。") == {pair(SCHOOL, FIRM)}


def test_the_two_sides_named_earlier_in_the_same_sentence_sign() -> None:
    for text in (
        f"{SCHOOL}与{FIRM}合作多年，双方今天正式签署战略合作协议。",
        f"{FIRM}董事长李伟一行来到{SCHOOL}，双方签订了校企合作协议。",
        f"{BUREAU}副局长王明陪同{FIRM}董事长李伟一行来到{SCHOOL}，双方签订了校企合作协议。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


def test_organisers_and_hosts_said_after_the_event_was_named() -> None:
    text = (
        f"11月5日，常州市校企合作签约活动在{UNI}举行。活动由{BUREAU}主办，{SCHOOL}、{UNION}承办。"
        f"{SCHOOL}与{FIRM}签署合作协议。"
    )
    (event,) = [f for f in extract_text(text).facts if f.type == "event"]
    assert event.roles[BUREAU] == "organiser"
    assert event.roles[UNION] == "host"
    assert pairs(text) == {pair(SCHOOL, FIRM)}


def test_a_date_before_the_joiner_does_not_join_the_partners_name() -> None:
    # Taiwan style 今（10）日與B: the partner is B, not 日與B.
    text = "國立高雄科技大學今（10）日與中鋼公司簽署產學合作備忘錄，高雄市政府經濟發展局局長到場見證。"
    assert pairs(text) == {pair("国立高雄科技大学", "中钢公司")}


def test_an_alliance_of_two_is_their_partnership() -> None:
    assert pairs(f"{SCHOOL}与{FIRM}结成战略联盟。") == {pair(SCHOOL, FIRM)}


def test_an_unveiled_carrier_named_later_by_its_back_reference_keeps_its_own_name() -> None:
    text = (
        f"随后，{BUREAU}局长李强与{SCHOOL}院长张华共同为恒力智能制造产业学院揭牌。"
        f"据介绍，该产业学院由{SCHOOL}与{FIRM}共同建设，双方将共建智能装备实训中心，联合开设“恒力订单班”。"
    )
    projects = {
        r.name: frozenset(r.parties) for r in relations(extract_text(text).facts) if r.fact == "project"
    }
    assert projects == {
        "恒力智能制造产业学院": pair(SCHOOL, FIRM),
        "智能装备实训中心": pair(SCHOOL, FIRM),
        "恒力订单班": pair(SCHOOL, FIRM),
    }


def test_the_subject_signs_each_agreement_of_a_sentence_in_turn() -> None:
    # "A与B签订X，与C签订Y": A signs Y with C; B and C sign nothing together.
    for text in (
        f"{SCHOOL}与{FIRM}签订产学研合作协议，与{FIRM2}签订订单培养协议。",
        f"{SCHOOL}分别与{FIRM}签订产学研合作协议、与{FIRM2}签订订单培养协议。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2)}, text
    text = f"{SCHOOL}与{FIRM}签订产学研合作协议，同{FIRM2}签署订单培养协议，并与{UNI}签订合作备忘录。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2), pair(SCHOOL, UNI)}


def test_the_subject_goes_on_after_suihou() -> None:
    text = f"{SCHOOL}先与{FIRM}签约，随后与{FIRM2}签订合作协议。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2)}
    text = f"{SCHOOL}与{FIRM}签订合作协议，随后又与{FIRM2}共建智能制造实训基地。"
    assert pairs(text) == {pair(SCHOOL, FIRM), pair(SCHOOL, FIRM2)}


def test_more_carriers_of_a_pair() -> None:
    cases = (
        (f"{FIRM}向{SCHOOL}授牌“恒力人才培养基地”。", "恒力人才培养基地"),
        (f"{SCHOOL}与{FIRM}共建共享智能制造实训基地。", "智能制造实训基地"),
        (f"{SCHOOL}智能制造实训基地由{FIRM}投资建设。", "智能制造实训基地"),
        (f"{SCHOOL}的智能制造实训基地依托{FIRM}建设。", "智能制造实训基地"),
        (f"{SCHOOL}与{FIRM}“恒力班”开班仪式举行。", "恒力班"),
    )
    for text, carrier in cases:
        projects = {
            (r.name, frozenset(r.parties)) for r in relations(extract_text(text).facts) if r.fact == "project"
        }
        assert (carrier, pair(SCHOOL, FIRM)) in projects, text
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text
    # a university formed by merging two is an organisation, not a carrier
    assert pairs("常州大学由常州工学院和常州技术学院合并组建。") == set()
    # 共享型 is part of a carrier's name, 共享 after 共建 is not
    text = f"{SCHOOL}与{FIRM}共建共享型区域产教融合实践基地。"
    assert [r.name for r in relations(extract_text(text).facts) if r.fact == "project"] == [
        "共享型区域产教融合实践基地"
    ]


def test_a_matchmaking_conference_keeps_its_name_and_the_signers_their_quotes() -> None:
    text = (
        f"10月16日，由{BUREAU}主办的2025常州产教融合对接大会在{UNI}举行。"
        f"{SCHOOL}与{FIRM}签订“恒力产业学院”共建协议。"
    )
    x = extract_text(text)
    assert [f.name for f in x.facts if f.type == "event"] == ["2025常州产教融合对接大会"]
    assert [r.name for r in relations(x.facts) if r.type == "signed_agreement"] == ["“恒力产业学院”共建协议"]
    assert pairs(text) == {pair(SCHOOL, FIRM)}


def test_a_carrier_named_after_its_two_dash_joined_builders() -> None:
    for text in (
        f"“{FIRM}-{SCHOOL}联合研发中心”揭牌仪式在公司举行。",
        f"{BUREAU}、{UNION}共同为“{FIRM}—{SCHOOL}产学研合作基地”揭牌。",
    ):
        assert pairs(text) == {pair(SCHOOL, FIRM)}, text


def test_a_contest_two_bodies_run_together_is_an_event_not_joint_work() -> None:
    for text in (
        f"{BUREAU}与{SCHOOL}联合开展职业技能大赛。",
        f"{SCHOOL}联合{FIRM}开展技能竞赛活动。",
    ):
        assert pairs(text) == set(), text
    assert pairs(f"{SCHOOL}与{FIRM}合作开展技能竞赛。") == set()
    assert pairs(f"{SCHOOL}与{FIRM}深化合作。") == {pair(SCHOOL, FIRM)}


def test_the_schools_partners_over_the_years_are_no_builders_of_the_new_carrier() -> None:
    text = (
        f"{SCHOOL}与{FIRM}共建智能制造产业学院。"
        f"目前，学校的合作企业包括{FIRM2}、常州星宇车灯股份有限公司等200余家。"
    )
    assert pairs(text) == {pair(SCHOOL, FIRM)}
    # a list of this signing's parties still adds to it
    text = f"{SCHOOL}与{FIRM}签订校企合作协议。本次签约单位还有{FIRM2}。"
    assert pair(SCHOOL, FIRM2) in pairs(text)
