"""Organisation recognition on shapes of unseen text (issue 16, round 6): what is not an
organisation (counted groups, verb phrases, carriers and venues), and where a name begins and ends.

Sentences are written for these tests; each asserts the names ``recognise`` proposes."""

from __future__ import annotations

import pytest

from iegraph.extract import extract_text
from iegraph.extract.canonical import _same_org
from iegraph.extract.document import parse_article
from iegraph.extract.orgs import recognise


def _names(text: str) -> list[str]:
    return [m.text for m in recognise(text)]


@pytest.mark.parametrize(
    "text",
    [
        "该校依托两家集团的技术优势开展培训。",  # a counted group of companies
        "去年共有52人进入公司实习。",  # people counted before a generic noun
        "企业选派20名技术骨干到学院兼课。",  # 到 moves people, it is not part of a name
        "贯通从高职到大学的培养链条。",
        "集团下辖6家子公司。",
        "老师把新工艺带进工厂车间。",  # 带进: a verb before a generic head
        "学生在真实车间中学习技能。",  # 中学习 is 中 + 学习, not a middle school
    ],
)
def test_counted_groups_and_verb_phrases_are_not_names(text: str) -> None:
    assert _names(text) == [], text


def test_a_name_after_a_verb_of_motion_starts_after_it() -> None:
    assert _names("学生走进宁波均胜电子股份有限公司参观。") == ["宁波均胜电子股份有限公司"]
    assert _names("企业派出工程师到成都工业职业技术学院授课。") == ["成都工业职业技术学院"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a centre or lab named by its field alone is a carrier the parties build, not a body
        ("双方将共建智能焊接技术研发中心。", []),
        ("企业与学院合作建设储能材料联合检测实验室。", []),
        ("公司依托新能源汽车动力系统研究中心开展攻关。", []),
        # one named with its place or its owner is a body
        ("湖南省先进陶瓷研究院与企业签约。", ["湖南省先进陶瓷研究院"]),
        ("浙江大学宁波研究院参加了会议。", ["浙江大学宁波研究院"]),
    ],
)
def test_centres_named_by_their_field_alone_are_carriers(text: str, kept: list[str]) -> None:
    assert _names(text) == kept, text


def test_a_venue_where_a_meeting_is_held_is_not_an_organisation() -> None:
    assert _names("对接会在衡阳市国际会展中心举行。") == []
    assert _names("推进大会在滨海会议中心召开。") == []
    # a school where a meeting is held is still a school
    assert _names("对接会在衡阳职业技术学院举行。") == ["衡阳职业技术学院"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a county bureau (处) or a regional office of a company is the body named
        ("宜兰县政府劳工处与学校签署合作备忘录。", "宜兰县政府劳工处"),
        ("台湾电力股份有限公司花莲区处派员出席。", "台湾电力股份有限公司花莲区处"),
        ("交通部观光署阿里山国家风景区管理处派员出席。", "交通部观光署阿里山国家风景区管理处"),
        ("宜兰县政府教育处处长林明出席。", "宜兰县政府教育处"),
        # a zone's administration keeps its whole name
        ("厦门台商投资区管理委员会与学校签约。", "厦门台商投资区管理委员会"),
        ("瑞安经济开发区管委会副主任出席。", "瑞安经济开发区管委会"),
        ("金华市婺城区新城建设管理委员会与学院合作。", "金华市婺城区新城建设管理委员会"),
    ],
)
def test_offices_and_zone_administrations_keep_their_whole_name(text: str, name: str) -> None:
    assert _names(text) == [name], text


def test_a_government_followed_by_a_clause_is_only_the_government() -> None:
    assert _names("宜兰县政府在此处设立服务站。") == ["宜兰县政府"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("中国建设银行股份有限公司绍兴分行与学院签约。", "中国建设银行股份有限公司绍兴分行"),
        ("台州市黄岩区妇幼保健院派出护士长授课。", "台州市黄岩区妇幼保健院"),
        ("湖州市家政服务行业协会会长出席。", "湖州市家政服务行业协会"),
        ("会议由嘉兴市财政局主持。", "嘉兴市财政局"),
    ],
)
def test_branches_clinics_service_associations_and_finance_bureaus(text: str, name: str) -> None:
    assert _names(text) == [name], text


def test_a_zone_that_names_a_consortium_is_not_a_party() -> None:
    assert _names("盐城环保高新区市域产教联合体今天成立。") == []
    assert _names("盐城环保高新区管委会与学院签约。") == ["盐城环保高新区管委会"]


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("湖职院护理学院", "湖州职业技术学院护理学院", True),  # the parent's short form, then the unit
        ("建设银行绍兴分行", "中国建设银行股份有限公司绍兴分行", True),  # 中国 dropped
        ("工商银行绍兴分行", "中国建设银行股份有限公司绍兴分行", False),  # another bank
        ("大连大学医学院", "大连理工大学医学院", False),  # two universities' schools of medicine
    ],
)
def test_a_unit_under_its_parents_short_form(short: str, full: str, same: bool) -> None:
    assert _same_org(short, full) is same


def test_a_school_news_site_dateline_names_who_we_are() -> None:
    """湖州职业技术学院新闻网讯 opening the body: its 我校 is that school, and the school's
    partners pair with it, not with an unnamed 我校."""
    text = (
        "我校与两家企业签约\n"
        "湖州职业技术学院新闻网讯（通讯员 王丽）3月8日，我校分别与浙江湖畔智能装备有限公司、"
        "湖州太湖电气有限公司签订校企合作协议。\n"
        "根据协议，双方将共建实训室，企业每年接收学生实习。"
    )
    article = parse_article(text)
    assert article.publisher == "湖州职业技术学院新闻网"
    x = extract_text(text)
    names = {o.name for o in x.orgs}
    assert "湖州职业技术学院" in names and "我校" not in names, names
    pairs = {frozenset(f.parties) for f in x.facts if f.type == "agreement"}
    assert frozenset({"湖州职业技术学院", "浙江湖畔智能装备有限公司"}) in pairs, pairs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("学院园艺技术系、机电工程系负责人参加签约。", ["园艺技术系", "机电工程系"]),
        ("学校数字媒体系已开设三个专业。", ["数字媒体系"]),
        ("学院课程体系和产教关系都在调整。", []),  # words ending in 系
    ],
)
def test_a_department_after_its_school(text: str, names: list[str]) -> None:
    assert _names(text) == names, text


def test_works_and_extension_stations_after_a_place() -> None:
    assert _names("学校与宁德市蕉城区天湖茶厂签订订单培养协议。") == ["宁德市蕉城区天湖茶厂"]
    assert _names("宁德市农业技术推广站站长出席。") == ["宁德市农业技术推广站"]
    assert _names("学生进厂实习，该厂建厂已有三十年。") == []


def test_a_department_under_the_short_form_of_its_school() -> None:
    assert _same_org("园艺学院", "漳州职院园艺学院")


def test_a_lab_whose_first_word_only_looks_like_a_place() -> None:
    # 太阳 is a place in the dictionary, but 太阳能 is the word: a lab named by its field
    assert _names("企业与学校合作建置太阳能电池检测实验室。") == []
    # a place before a word of its own still names a body
    assert _names("大连人工智能研究院参加签约。") == ["大连人工智能研究院"]


def test_a_works_area_is_no_works() -> None:
    assert _names("公司在宁德漳湾厂区新建产线。") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a unit whose own name joins two fields stays one unit of its school
        (
            "中心设在浙江海洋大学港航与交通运输工程学院，双方各派专家。",
            ["浙江海洋大学港航与交通运输工程学院"],
        ),
        # two names joined by 与 stay two
        ("大连理工大学与海洋工程学院联合培养。", ["大连理工大学", "海洋工程学院"]),
        # 学院 before a unit is the school it is in (like 学校), not part of the unit's name
        ("学院智能制造工程学院的教师到企业实践。", ["智能制造工程学院"]),
    ],
)
def test_units_of_a_school(text: str, names: list[str]) -> None:
    assert _names(text) == names, text


def test_a_group_without_its_place_and_legal_form() -> None:
    assert _same_org("天宇建工集团", "湖南天宇建工集团有限公司")
    assert not _same_org("湖南建工集团", "湖南天宇建工集团有限公司")


def test_a_title_before_a_joiner_is_no_unit() -> None:
    assert _names("大连理工大学校长与海洋工程学院院长座谈。") == ["大连理工大学", "海洋工程学院"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2025年浙江省教育厅公布名单。", ["浙江省教育厅"]),  # a date before the name
        ("4月12日宁波大学与企业签约。", ["宁波大学"]),
        ("特邀中国机械工程学会专家授课。", ["中国机械工程学会"]),  # a verb glued to the name
        ("国家级产教融合型企业三一重工股份有限公司参会。", ["三一重工股份有限公司"]),  # a category
        ("合作高校宁波大学派员参加。", ["宁波大学"]),
        ("宁波市企业家协会与学校签约。", ["宁波市企业家协会"]),  # 企业 inside a name stays
        ("市委组织部、市委宣传部有关负责人出席。", ["市委组织部", "市委宣传部"]),
        ("位于宁波国家高新技术产业开发区的宁波大学科技园。", ["宁波大学"]),  # the zone says where
    ],
)
def test_what_is_glued_before_a_name_is_cut(text: str, names: list[str]) -> None:
    assert _names(text) == names, text


def test_a_joined_department_after_its_school_and_a_leader_before_a_joiner() -> None:
    assert _names("学院港口与航道工程系负责人参加仪式。") == ["港口与航道工程系"]
    assert _names("学院领导与港口工程系师生座谈。") == ["港口工程系"]


def test_credit_lines_of_their_own_are_furniture() -> None:
    text = (
        "学院举行校企合作签约仪式\n"
        "6月2日，学院与包头北方重型机械有限公司举行签约仪式，双方签署合作协议。\n"
        "文稿来源 | 校企合作与就业服务处\n"
        "图片来源丨党委宣传部\n"
        "审核：王明"
    )
    assert parse_article(text).paragraphs == [
        "6月2日，学院与包头北方重型机械有限公司举行签约仪式，双方签署合作协议。"
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("世界500强博世（中国）投资有限公司与学校签约。", "博世（中国）投资有限公司"),
        ("上市公司浙江双环传动机械股份有限公司参会。", "浙江双环传动机械股份有限公司"),
        ("央企中国中铁二局集团有限公司派员出席。", "中国中铁二局集团有限公司"),
        ("省级重点中职学校温岭市职业技术学校参加。", "温岭市职业技术学校"),
        ("本地龙头企业浙江钱江摩托股份有限公司签约。", "浙江钱江摩托股份有限公司"),
    ],
)
def test_a_category_before_a_name_is_cut(text: str, name: str) -> None:
    assert _names(text) == [name], text


def test_an_office_of_a_hospital_is_no_organisation() -> None:
    assert _names("台州医院科教处、台州市中心医院医务部负责人参加。") == ["台州医院", "台州市中心医院"]


def test_secondary_schools_named_by_their_field_after_a_place() -> None:
    assert _names("德阳市机电工程学校与企业签约。") == ["德阳市机电工程学校"]
    assert _names("四川信息工程学校、南充市卫生学校参加。") == ["四川信息工程学校", "南充市卫生学校"]
    assert _names("双方共建一所工程学校。") == []  # no place: a school of that kind, not a name


def test_a_former_name_in_brackets_is_an_alias_without_its_marker() -> None:
    x = extract_text("南京工业职业技术大学（原南京工业职业技术学院）与企业签订合作协议。")
    ((name, aliases),) = [(o.name, o.aliases) for o in x.orgs if "南京" in o.name]
    assert (name, aliases) == ("南京工业职业技术大学", ["南京工业职业技术学院"])
    # a place that starts with 原 keeps it
    assert _names("原平市职业教育中心与企业签约。") == ["原平市职业教育中心"]


def test_a_newsroom_before_its_reporter_is_a_byline() -> None:
    assert _names("嘉兴市融媒体中心记者 李华 报道：嘉兴学院与企业签约。") == ["嘉兴学院"]
    assert _names("嘉兴日报记者张强报道，嘉兴学院与企业签约。") == ["嘉兴学院"]
    # a newsroom that does something is named
    assert _names("嘉兴市融媒体中心与学校共建实践基地。") == ["嘉兴市融媒体中心"]


def test_a_vocational_education_centre_school_keeps_its_name() -> None:
    assert _names("嘉兴市职业技术教育中心学校与企业签约。") == ["嘉兴市职业技术教育中心学校"]


def test_a_body_named_without_a_place_before_its_acronym() -> None:
    assert _names("职业训练局（VTC）与学校签署备忘录。") == ["职业训练局"]
    assert _names("格局（ABC）很重要。") == []  # a word, acronym or not


def test_taiwanese_bodies_and_titles() -> None:
    assert _names("财团法人台湾区机械工业同业公会与学校合作。") == ["财团法人台湾区机械工业同业公会"]
    assert _names("经济部产业发展署副署长出席。") == ["经济部产业发展署"]


@pytest.mark.parametrize(
    "text",
    [
        "签约仪式上温州大学与企业签约。",
        "今年以来温州大学与企业合作。",
        "王强受聘温州大学兼职教授。",
        "开学典礼上温州大学校长讲话。",
    ],
)
def test_where_and_when_before_a_name_are_cut(text: str) -> None:
    assert _names(text) == ["温州大学"], text
