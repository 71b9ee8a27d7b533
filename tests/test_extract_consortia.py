"""Consortium member lists: the ways a page says which organisations belong to a 职教集团,
产教联盟, 市域产教联合体 or 行业产教融合共同体 (issue 16).

Every passage here was written for these tests (shapes learned from real pages, no
sentence taken over). Each test asserts the consortium's parties and their roles: a
missed member loses every pair it has with the others, a guest made a member adds as
many wrong pairs.
"""

from __future__ import annotations

import pytest

from iegraph.extract import extract_text
from iegraph.extract.model import Fact
from iegraph.extract.relations import relations


def _consortium(text: str) -> Fact:
    (cons,) = [f for f in extract_text(text).facts if f.type == "consortium"]
    return cons


def _roles(text: str) -> dict[str, str]:
    return dict(_consortium(text).roles)


def _members(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, "member")


@pytest.mark.parametrize("verb", ["包括", "涵盖", "有", "包含"])
def test_the_members_a_sentence_lists_after_its_verb(verb: str) -> None:
    text = (
        "临沂智能装备市域产教联合体成立\n"
        f"6月3日，临沂智能装备市域产教联合体在临沂揭牌，联合体首批成员单位{verb}临沂职业学院、临沂大学、"
        "山东临工工程机械有限公司等52家。"
    )
    assert _roles(text) == _members("临沂职业学院", "临沂大学", "山东临工工程机械有限公司")


_LIST_HEAD = "台州模具行业产教融合共同体揭牌\n9月8日，台州模具行业产教融合共同体在黄岩揭牌。\n共同体首批成员单位名单如下：\n"
_LIST_NAMES = (
    "台州职业技术学院",
    "浙江黄岩模具有限公司",
    "台州市黄岩第一职业技术学校",
    "浙江凯华模具有限公司",
)


@pytest.mark.parametrize(
    "marks",
    [
        ("1.", "2.", "3.", "4."),
        ("（一）", "（二）", "（三）", "（四）"),
        ("①", "②", "③", "④"),
        ("• ", "• ", "• ", "• "),
        ("", "", "", ""),
    ],
)
def test_a_member_list_written_one_name_a_line(marks: tuple[str, ...]) -> None:
    """Short lines after ``名单如下：`` are kept as paragraphs and each names a member; the
    prose after the list is not part of it."""
    lines = "\n".join(
        m + n + ("；" if i < 3 else "。") for i, (m, n) in enumerate(zip(marks, _LIST_NAMES, strict=True))
    )
    text = _LIST_HEAD + lines + "\n会后，台州市教育局与台州学院的负责人参观了模具展厅。"
    assert _roles(text) == _members(*_LIST_NAMES)


def test_a_member_list_in_an_html_list_and_in_a_table() -> None:
    items = "".join(f"<li>{n}</li>" for n in _LIST_NAMES)
    page = (
        "<html><head><title>台州模具行业产教融合共同体揭牌</title></head><body><div class='content'>"
        "<p>9月8日，台州模具行业产教融合共同体在黄岩揭牌。</p><p>首批成员单位：</p>"
        f"<ul>{items}</ul><p>会后，台州市教育局负责人参观了模具展厅。</p></div></body></html>"
    )
    assert _roles(page) == _members(*_LIST_NAMES)
    rows = "".join(
        f"<tr><td>{i}</td><td>{n}</td><td>{'副理事长单位' if i < 3 else '理事单位'}</td></tr>"
        for i, n in enumerate(_LIST_NAMES, 1)
    )
    table = page.replace(
        f"<ul>{items}</ul>", f"<table><tr><th>序号</th><th>单位名称</th><th>职务</th></tr>{rows}</table>"
    )
    assert _roles(table) == _members(*_LIST_NAMES)


def test_initiators_of_a_group_named_only_in_the_title() -> None:
    """The title names the group, the body says 该集团: the initiators are its members."""
    text = (
        "南通船舶职业教育集团成立\n"
        "4月12日上午，成立大会在南通召开。该集团由南通航运职业技术学院、江苏韩通船舶重工有限公司、"
        "南通中远海运川崎船舶工程有限公司等37家单位共同发起成立。"
    )
    cons = _consortium(text)
    assert cons.name == "南通船舶职业教育集团"
    assert cons.roles == _members(
        "南通航运职业技术学院", "江苏韩通船舶重工有限公司", "南通中远海运川崎船舶工程有限公司"
    )


@pytest.mark.parametrize("joined", ["签约入盟", "正式加盟", "成为首批成员", "首批加入", "获授成员单位牌匾"])
def test_units_that_join_in_a_sentence_that_does_not_name_the_alliance(joined: str) -> None:
    text = (
        "芜湖新能源汽车产教联盟成立\n"
        "5月8日，芜湖新能源汽车产教联盟成立大会在芜湖召开。"
        f"会上，芜湖职业技术学院、奇瑞汽车股份有限公司、安徽工程大学等单位{joined}。"
    )
    assert _roles(text) == _members("芜湖职业技术学院", "奇瑞汽车股份有限公司", "安徽工程大学")


def test_council_seats_are_members() -> None:
    """理事长单位为A，副理事长单位为B、C，理事单位为D; A当选理事长单位, B、C当选副理事长单位."""
    text = (
        "济宁高端装备职业教育集团成立\n"
        "11月6日，济宁高端装备职业教育集团在济宁成立。集团第一届理事会随即产生，理事长单位为济宁职业技术学院，"
        "副理事长单位为山东太阳纸业股份有限公司、济宁市技师学院，理事单位为济宁市高级职业学校。"
    )
    assert _roles(text) == _members(
        "济宁职业技术学院", "山东太阳纸业股份有限公司", "济宁市技师学院", "济宁市高级职业学校"
    )
    text = (
        "柳州汽车行业产教融合共同体成立\n"
        "3月2日，柳州汽车行业产教融合共同体成立大会举行。会上，柳州职业技术学院当选理事长单位，"
        "上汽通用五菱汽车股份有限公司、广西汽车集团有限公司当选副理事长单位。"
    )
    assert _roles(text) == _members(
        "柳州职业技术学院", "上汽通用五菱汽车股份有限公司", "广西汽车集团有限公司"
    )


@pytest.mark.parametrize("verb", ["吸纳", "汇聚", "吸收"])
def test_members_the_consortium_takes_in(verb: str) -> None:
    text = (
        "宿迁电子信息市域产教联合体揭牌\n"
        f"7月1日，宿迁电子信息市域产教联合体揭牌，联合体{verb}宿迁职业技术学院、宿迁泽达职业技术学院、"
        "江苏天合光能科技有限公司等40家单位。"
    )
    assert _roles(text) == _members("宿迁职业技术学院", "宿迁泽达职业技术学院", "江苏天合光能科技有限公司")


def test_representatives_who_receive_plaques_are_members_the_official_who_gives_them_is_not() -> None:
    text = (
        "株洲轨道交通产教联盟成立\n"
        "6月18日，株洲轨道交通产教联盟成立仪式举行。株洲市教育局局长李明为首批成员单位授牌，"
        "湖南铁道职业技术学院、中车株洲电力机车有限公司、株洲中车时代电气股份有限公司的代表依次上台领取牌匾。"
    )
    assert _roles(text) == _members(
        "湖南铁道职业技术学院", "中车株洲电力机车有限公司", "株洲中车时代电气股份有限公司"
    )


def test_members_over_several_sentences_and_officials_who_attend() -> None:
    """A lead in one sentence, members in the next two (该联合体 or no name at all); the
    bodies whose officials attend and speak are not members."""
    text = (
        "绵阳电子信息市域产教联合体成立\n"
        "11月2日，绵阳电子信息市域产教联合体成立大会召开。联合体由绵阳职业技术学院牵头组建。"
        "四川长虹电器股份有限公司、四川九洲电器集团有限责任公司首批加入。\n"
        "西南科技大学、四川省绵阳市高级技工学校也成为该联合体成员单位。四川省教育厅、绵阳市人民政府领导出席大会并致辞。"
    )
    roles = _roles(text)
    assert roles == {
        "绵阳职业技术学院": "lead",
        **_members(
            "四川长虹电器股份有限公司",
            "四川九洲电器集团有限责任公司",
            "西南科技大学",
            "四川省绵阳市高级技工学校",
        ),
    }


def test_members_named_by_short_forms_defined_earlier() -> None:
    text = (
        "常德装备制造职业教育集团成立\n"
        "常德职业技术学院（以下简称常职院）与湖南中联重科智能技术有限公司（以下简称中联智能）近年合作密切。"
        "5月20日，常职院、中联智能与湖南幼儿师范高等专科学校共同发起成立常德装备制造职业教育集团。"
    )
    assert _roles(text) == _members(
        "常德职业技术学院", "湖南中联重科智能技术有限公司", "湖南幼儿师范高等专科学校"
    )


def test_guides_hosts_and_guests_are_not_members() -> None:
    text = (
        "宜昌化工产教联盟成立\n"
        "8月9日，宜昌化工产教联盟成立大会召开。大会由宜昌市教育局主办，三峡职业技术学院承办，"
        "湖北省教育厅作为指导单位出席。联盟成员包括湖北兴发化工集团股份有限公司、三峡大学、湖北三宁化工股份有限公司。"
    )
    cons = _consortium(text)
    assert {p for p in cons.parties if cons.roles[p] != "guide"} == {
        "湖北兴发化工集团股份有限公司",
        "三峡大学",
        "湖北三宁化工股份有限公司",
    }
    (member_of,) = [r for r in relations([cons]) if r.type == "member_of"]
    assert "湖北省教育厅" not in member_of.parties


def test_a_quoted_member_word_says_nothing_about_membership() -> None:
    """“成员单位需求清单” is the name of a list the group will publish, not a member list."""
    text = (
        "泉州鞋服职业教育集团成立\n"
        "12月2日，泉州鞋服职业教育集团成立，集团由黎明职业大学牵头。"
        "泉州市教育局局长王平在会上表示，集团将建立“成员单位需求清单”。"
    )
    assert _roles(text) == {"黎明职业大学": "lead"}


@pytest.mark.parametrize(
    "second",
    [
        "华东师范大学、上海电气集团股份有限公司、上海市高级技工学校参与共建。",
        "华东师范大学、上海电气集团股份有限公司、上海市高级技工学校为联合体首批成员。",
        "华东师范大学、上海电气集团股份有限公司、上海市高级技工学校共同发起。",
        "华东师范大学、上海电气集团股份有限公司、上海市高级技工学校分别担任副理事长单位。",
        "华东师范大学、上海电气集团股份有限公司、上海市高级技工学校作为成员单位参加了当天的签约。",
    ],
)
def test_members_in_the_sentence_after_the_leads(second: str) -> None:
    """The leads in one sentence, the members in the next, which does not name the
    consortium: ``参与共建``, ``为…成员``, ``共同发起``, ``担任…单位``, ``作为成员单位``."""
    text = (
        "上海闵行智能制造市域产教联合体成立\n"
        "3月9日，上海闵行智能制造市域产教联合体在上海成立，由上海交通大学、上海电机学院共同牵头组建。"
        + second
    )
    assert _roles(text) == {
        "上海交通大学": "lead",
        "上海电机学院": "lead",
        **_members("华东师范大学", "上海电气集团股份有限公司", "上海市高级技工学校"),
    }


def test_members_after_qizhong_continue_the_sentence_before() -> None:
    """``现有成员单位87家。其中，院校有A、B，企业有C`` names members in the second sentence."""
    text = (
        "上海闵行智能制造市域产教联合体成立\n"
        "上海闵行智能制造市域产教联合体现有成员单位87家。其中，院校有华东师范大学、上海电机学院，"
        "企业有上海电气集团股份有限公司。"
    )
    assert _roles(text) == _members("华东师范大学", "上海电机学院", "上海电气集团股份有限公司")


def test_a_following_sentence_about_something_else_adds_no_member() -> None:
    """A signing after the member list is an agreement, not more members; a 共同发起 of an
    倡议 is co-presence."""
    text = (
        "上海闵行智能制造市域产教联合体成立\n"
        "3月9日，上海闵行智能制造市域产教联合体在上海成立，成员单位包括上海交通大学、上海电机学院。"
        "会上，上海电气集团股份有限公司与华东师范大学签订了校企合作协议。"
        "上海市教育委员会与上海市经济和信息化委员会共同发起“智造人才”倡议。"
    )
    assert _roles(text) == _members("上海交通大学", "上海电机学院")


def test_a_table_announced_by_a_sentence_that_ends_with_a_full_stop() -> None:
    """``首批成员单位见下表。`` opens the list as a colon does; the table's header and the
    cells that give a seat (牵头院校, 企业) name no one."""
    rows = "".join(
        f"<tr><td>{i}</td><td>{n}</td><td>{'院校' if '学' in n else '企业'}</td></tr>"
        for i, n in enumerate(_LIST_NAMES, 1)
    )
    page = (
        "<html><head><title>台州模具行业产教融合共同体揭牌</title></head><body><div class='content'>"
        "<p>9月8日，台州模具行业产教融合共同体在黄岩揭牌，首批成员单位见下表。</p>"
        f"<table><tr><th>序号</th><th>单位名称</th><th>类别</th></tr>{rows}</table>"
        "<p>大会由台州市教育局主办，台州市黄岩区人民政府协办。</p></div></body></html>"
    )
    assert _roles(page) == _members(*_LIST_NAMES)


def test_the_units_named_before_are_members_and_a_seat_is_no_part_of_a_name() -> None:
    """``集团由上述3家单位与D、E共同发起`` makes the three of the sentence before members;
    ``理事长单位A`` names A."""
    text = (
        "鄂尔多斯现代煤化工职业教育集团成立\n"
        "此前，鄂尔多斯职业学院已与内蒙古伊泰化工有限责任公司、内蒙古鄂能煤化工设计研究院开展多年合作。"
        "此次，集团由上述3家单位与内蒙古化工职业学院、鄂尔多斯市化工行业协会等37家单位共同发起成立。"
        "会上，5家新成员单位的代表与集团理事长单位鄂尔多斯职业学院签署协议。"
    )
    assert _roles(text) == _members(
        "鄂尔多斯职业学院",
        "内蒙古伊泰化工有限责任公司",
        "内蒙古鄂能煤化工设计研究院",
        "内蒙古化工职业学院",
        "鄂尔多斯市化工行业协会",
    )


@pytest.mark.parametrize(
    "second",
    [
        "华东师范大学、上海电气集团股份有限公司、上海市高级技工学校等87家单位加入联合体。",
        "首批87家成员中，华东师范大学、上海电气集团股份有限公司、上海市高级技工学校来自闵行区内外。",
        "此外，华东师范大学、上海电气集团股份有限公司、上海市高级技工学校等单位也是联合体的成员。",
    ],
)
def test_the_bare_consortium_noun_anywhere_in_the_sentence(second: str) -> None:
    text = (
        "上海闵行智能制造市域产教联合体成立\n"
        "3月9日，上海闵行智能制造市域产教联合体在上海成立，由上海交通大学、上海电机学院共同牵头。" + second
    )
    assert _roles(text) == {
        "上海交通大学": "lead",
        "上海电机学院": "lead",
        **_members("华东师范大学", "上海电气集团股份有限公司", "上海市高级技工学校"),
    }


def test_a_group_formed_with_others_and_guided_by_two_bureaus() -> None:
    """``由A牵头，联合B、C等112家单位组建``: B, C members; ``在D、E的指导下``: guides."""
    text = (
        "江西虚拟现实职业教育集团成立\n"
        "在江西省教育厅、江西省工业和信息化厅的指导下，江西虚拟现实职业教育集团由江西科技学院牵头，"
        "联合南昌大学、江西联创电子有限公司等112家单位组建。"
    )
    assert _roles(text) == {
        "江西省教育厅": "guide",
        "江西省工业和信息化厅": "guide",
        "江西科技学院": "lead",
        **_members("南昌大学", "江西联创电子有限公司"),
    }


def test_a_body_that_attends_beside_the_members_is_not_one() -> None:
    text = (
        "宜昌化工产教联盟成立\n"
        "8月9日，宜昌化工产教联盟成立，联盟成员包括湖北兴发化工集团股份有限公司、三峡大学。"
        "联盟成员单位代表、宜昌市教育局有关负责人参加会议。"
    )
    assert _roles(text) == _members("湖北兴发化工集团股份有限公司", "三峡大学")


def test_lists_of_seats_and_of_guides_one_name_a_line() -> None:
    """``副理事长单位：`` and ``理事单位：`` each open a list of members; ``指导单位：`` a list
    of guides, ``主办单位：A`` on one line names no member."""
    text = (
        "台州模具行业产教融合共同体揭牌\n"
        "9月8日，台州模具行业产教融合共同体在黄岩揭牌，共同体面向模具设计、精密加工和智能装备三个方向开展人才培养。\n"
        "第一届理事会名单如下：\n"
        "理事长单位：\n台州职业技术学院\n副理事长单位：\n浙江黄岩模具有限公司\n台州市黄岩第一职业技术学校\n"
        "理事单位：\n浙江凯华模具有限公司\n指导单位：\n浙江省教育厅\n浙江省经济和信息化厅\n"
        "本次大会的主办单位：台州市教育局。"
    )
    assert _roles(text) == {
        **_members(*_LIST_NAMES),
        "浙江省教育厅": "guide",
        "浙江省经济和信息化厅": "guide",
    }
    text = (
        "台州模具行业产教融合共同体揭牌\n"
        "9月8日，台州模具行业产教融合共同体在黄岩揭牌。共同体指导单位：浙江省教育厅、浙江省经济和信息化厅；"
        "首批成员单位：台州职业技术学院、浙江黄岩模具有限公司。"
    )
    assert _roles(text) == {
        "浙江省教育厅": "guide",
        "浙江省经济和信息化厅": "guide",
        **_members("台州职业技术学院", "浙江黄岩模具有限公司"),
    }


_XIAN = "西安航空市域产教联合体揭牌\n10月8日，西安航空市域产教联合体在阎良揭牌，联合体聚焦航空制造产业链，推动园区、学校和企业协同育人。\n"
_XIAN_NAMES = ("西北工业大学", "西安航空学院", "陕西航空技师学院")


@pytest.mark.parametrize(
    "sentence",
    [
        "西北工业大学、西安航空学院、陕西航空技师学院等87家单位首批入列。",
        "西北工业大学、西安航空学院、陕西航空技师学院等成员单位代表参加揭牌仪式。",
        "揭牌仪式上，陕西省教育厅副厅长王力为西北工业大学、西安航空学院、陕西航空技师学院等首批成员单位代表颁发证书。",
    ],
)
def test_members_who_enter_attend_as_members_or_receive_certificates(sentence: str) -> None:
    assert _roles(_XIAN + sentence) == _members(*_XIAN_NAMES)


@pytest.mark.parametrize(
    "sentence",
    [
        "联合体吸引西北工业大学、西安航空学院、陕西航空技师学院等87家单位参与。",
        "联合体汇集了西北工业大学、西安航空学院、陕西航空技师学院等87家单位。",
        "在西安市人民政府的支持下，西北工业大学、西安航空学院、陕西航空技师学院等单位共同参与联合体建设。",
    ],
)
def test_members_drawn_in_and_a_supporting_government_that_is_not_one(sentence: str) -> None:
    assert _roles(_XIAN + sentence) == _members(*_XIAN_NAMES)


def test_a_list_line_that_joins_two_words_is_one_name() -> None:
    """In a one-name line ``浙江海洋大学船舶与海洋装备研究院`` is one institute (a member), not
    the university and an institute; a line naming a school and a company keeps both."""
    from iegraph.extract.canonical import find_mentions

    (one,) = find_mentions(["浙江海洋大学船舶与海洋装备研究院"]).per_para
    assert [m.text for m in one] == ["浙江海洋大学船舶与海洋装备研究院"]
    (two,) = find_mentions(["浙江海洋大学与舟山长宏船舶工程有限公司"]).per_para
    assert [m.text for m in two] == ["浙江海洋大学", "舟山长宏船舶工程有限公司"]
    (prose,) = find_mentions(["浙江海洋大学船舶与海洋装备研究院揭牌成立，研究院由学校与企业共建。"]).per_para
    assert "浙江海洋大学船舶与海洋装备研究院" not in [m.text for m in prose]
    page = (
        "<html><head><title>舟山船舶海工行业产教融合共同体成立</title></head><body><div class='content'>"
        "<p>10月15日，舟山船舶海工行业产教融合共同体成立大会召开，首批成员单位见下表。</p>"
        "<table><tr><td>1</td><td>舟山长宏船舶工程有限公司</td></tr>"
        "<tr><td>2</td><td>浙江海洋大学船舶与海洋装备研究院</td></tr>"
        "<tr><td>3</td><td>岱山县职业技术学校</td></tr></table></div></body></html>"
    )
    assert _roles(page) == _members(
        "舟山长宏船舶工程有限公司", "浙江海洋大学船舶与海洋装备研究院", "岱山县职业技术学校"
    )


def test_a_zone_of_a_district_the_gazetteer_lacks_leads() -> None:
    """武进 is not in the gazetteer: before a national zone it is still the place, so the
    zone's administration is an organisation and a lead of the consortium."""
    text = (
        "常州武进智能装备市域产教联合体成立\n"
        "联合体由武进国家高新技术产业开发区管理委员会、常州机电职业技术学院共同牵头。"
        "成员单位涵盖常州信息职业技术学院、常州星宇精密传动有限公司。"
    )
    assert _roles(text) == {
        "武进国家高新技术产业开发区管理委员会": "lead",
        "常州机电职业技术学院": "lead",
        **_members("常州信息职业技术学院", "常州星宇精密传动有限公司"),
    }
