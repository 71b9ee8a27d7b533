"""Pure tests of news extraction: tricky inputs, patterns of the domain, the CLI, evaluation figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from iegraph.errors import InputError
from iegraph.extract import extract_file, extract_text
from iegraph.extract.document import parse_article
from iegraph.extract.draft import to_json, to_sheet
from iegraph.extract.evaluate import evaluate_dir, gold_groups
from iegraph.extract.orgs import recognise
from iegraph.extract.pipeline import Extraction, Fact
from iegraph.schema.factsheet import FactSheet
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "iegraph" / "data" / "seeds"
#: The project-written dev split (tuned on); tests/extraction/test/ is scored only when a change is done.
HELD_OUT = ROOT / "tests" / "extraction" / "dev" / "gold"


def _orgs(text: str) -> dict[str, str]:
    return {o.name: o.kind for o in extract_text(text).orgs}


def facts_of(x: Extraction, type_: str) -> list[Fact]:
    """The facts of one type (``agreement``, ``project`` ...) an extraction found."""
    return [f for f in x.facts if f.type == type_]


def test_traditional_text_with_pinyin_noise_is_simplified() -> None:
    text = "4月16日,長春市企業(yè)聯(lián)合會(以下簡稱:長春企聯(lián))舉辦校企對接會。長春企聯(lián)秘書長謝華庚主持。"
    x = extract_text(text)
    names = {o.name: o for o in x.orgs}
    assert "长春市企业联合会" in names
    assert "长春企联" in names["长春市企业联合会"].aliases  # the short form resolves to the full name
    assert x.article.language == "zh-Hant"
    assert [p.name for p in x.people] == ["谢华庚"]
    assert x.people[0].positions == [("长春市企业联合会", "秘书长")]


def test_html_page_furniture_is_removed() -> None:
    html = """<html><head><title>校企合作签约_某某新闻网</title></head><body>
    <div class="nav"><a>首页</a><a>高新区新闻</a><a>长春理工大学专栏</a></div>
    <div class="breadcrumb">当前位置：首页 &gt; 新闻 &gt; 正文</div>
    <div class="content"><p>发布时间：2024-03-02</p>
    <p>3月1日，大连理工大学与大连三友电器设备有限公司签署战略合作协议，双方将共建产教融合实训基地。</p></div>
    <div class="footer">版权所有 © 某某新闻网 京ICP备05004340号 联系我们</div></body></html>"""
    x = extract_text(html)
    assert set(_orgs(html)) == {"大连理工大学", "大连三友电器设备有限公司"}  # not 长春理工大学 from the menu
    assert x.article.title == "校企合作签约"
    assert x.article.date == "2024-03-02"
    agreement = facts_of(x, "agreement")[0]
    assert set(agreement.parties) == {"大连理工大学", "大连三友电器设备有限公司"}


def test_credits_and_bylines_are_not_organisations() -> None:
    """Seed 003's photo credit, also when it sits inside a paragraph, and the usual credit
    and byline forms: the names in them are not proposed; the article's orgs still are."""
    text = (SEEDS / "texts" / "003_7cdac03dd9b244c3.txt").read_text(encoding="utf-8")
    credit = "圖為啟動儀式現(xiàn)場。平頂山市委網(wǎng)信辦供圖"
    assert credit in text
    inline = text.replace("首批實踐小分隊。\n", "首批實踐小分隊。（平頂山市委網(wǎng)信辦供圖）\n", 1)
    assert inline != text
    for version in (text, inline):
        orgs = _orgs(version)
        assert not [n for n in orgs if "网信办" in n], orgs
        assert {"平顶山学院", "河南城建学院", "平顶山市委"} <= set(orgs)
    for line in (
        "启动仪式在平顶山学院举行（通讯员 河南城建学院宣传部 李四 摄）。",
        "启动仪式在平顶山学院举行。图/大连理工大学",
        "启动仪式在平顶山学院举行。摄影：大连理工大学 刘某",
        "本报讯（记者 张三 通讯员 大连理工大学 李四）启动仪式在平顶山学院举行。",
    ):
        assert [m.text for m in recognise(line)] == ["平顶山学院"], line
    # prose that merely mentions a reporter or filming is not a credit
    assert [m.text for m in recognise("董建军告诉记者,大连职业技术学院与企业合作。")] == ["大连职业技术学院"]
    assert [m.text for m in recognise("学生参与了平顶山学院纪录片拍摄。")] == ["平顶山学院"]


def test_article_without_organisations() -> None:
    x = extract_text("春天来了，校园里的花都开了。同学们在操场上跑步，老师们在办公室里备课。")
    assert x.orgs == [] and x.facts == []
    sheet = to_sheet(x)
    FactSheet.model_validate(sheet)
    assert sheet["draft"] is True


def test_one_megabyte_page_is_extracted() -> None:
    # How long it takes is a figure of bench/bench_extract.py, not a bound of this test.
    para = "近日，大连职业技术学院与通用技术集团大连机床有限责任公司合作，共建智能制造实训基地项目。"
    text = "\n".join([para] * (1_000_000 // (len(para.encode()) + 1)))
    assert len(text.encode()) > 900_000
    x = extract_text(text)
    assert {o.name for o in x.orgs} == {"大连职业技术学院", "通用技术集团大连机床有限责任公司"}


def test_gbk_bytes_give_a_clear_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("大连理工大学与大连大学签署合作协议。".encode("gbk"))
    with pytest.raises(InputError) as err:
        extract_file(path)
    message = str(err.value)
    assert "\n" not in message and "not valid utf-8" in message and "gb18030" in message
    # Saying the encoding makes it work.
    assert {o.name for o in extract_file(path, "gb18030").orgs} == {"大连理工大学", "大连大学"}
    result = run_cli("extract", str(path), "--json")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("sentence", "parties", "project"),
    [
        (
            "大连锂工科技有限公司与大连职业技术学院，共建罗克韦尔技术协同创新中心项目。",
            ["大连锂工科技有限公司", "大连职业技术学院"],
            "罗克韦尔技术协同创新中心",
        ),
        (
            "东风日产大连有限公司与大连理工大学，合作研发新能源汽车充电系统故障快速检测技术攻关项目。",
            ["东风日产大连有限公司", "大连理工大学"],
            "新能源汽车充电系统故障快速检测技术攻关",
        ),
        (
            "青岛海尔股份有限公司、山东大学与青岛职业技术学院，共建智能家电产业学院合作项目。",
            ["青岛海尔股份有限公司", "山东大学", "青岛职业技术学院"],
            "智能家电产业学院",
        ),
    ],
)
def test_project_patterns(sentence: str, parties: list[str], project: str) -> None:
    projects = facts_of(extract_text(sentence), "project")
    assert [(p.name, p.parties) for p in projects] == [(project, parties)]
    assert projects[0].evidence == sentence.rstrip("。") + "。" or projects[0].evidence in sentence


def test_names_with_conjunctions_and_lists() -> None:
    orgs = _orgs(
        "工业和信息化部、辽宁省大数据管理与优化决策重点实验室和大连海事大学参加。"
        "一汽富维、奥普光电、金赛药业等16户企业负责人出席。"
    )
    assert orgs == {
        "工业和信息化部": "Government",
        "辽宁省大数据管理与优化决策重点实验室": "ResearchInstitute",
        "大连海事大学": "College",
        "一汽富维": "Enterprise",
        "奥普光电": "Enterprise",
        "金赛药业": "Enterprise",
    }


def test_city_department_gets_the_article_city_and_full_form() -> None:
    x = extract_text("长春市汽车产业集群产教联合体由市教育局、市工信局牵头。长春市委书记出席。")
    names = {o.name: o.mentions for o in x.orgs}
    assert names["长春市教育局"] == ["市教育局"]
    assert names["长春市工业和信息化局"] == ["市工信局"]
    consortium = facts_of(x, "consortium")[0]
    assert consortium.roles == {"长春市教育局": "lead", "长春市工业和信息化局": "lead"}


def test_generic_words_are_not_organisations() -> None:
    assert (
        _orgs("促进专业布局与产业需求对接，引导职业学校紧贴市场，各学院负责人和相关企业参加，落实省委部署。")
        == {}
    )


def test_event_date_is_resolved_and_marked_inferred() -> None:
    x = parse_article(
        "来源：某报 日期：2023-08-21\n19日，长春市汽车产业集群产教联合体成立大会在汽开区举行，13家单位成功签署战略合作协议。"
    )
    from iegraph.extract.pipeline import extract

    ex = extract(x)
    event = facts_of(ex, "event")[0]
    assert event.attrs["date"] == "2023-08-19" and event.inferred == ["date"]
    assert event.attrs["kind"] == "founding" and event.attrs["place"] == "汽开区"
    agreement = facts_of(ex, "agreement")[0]
    assert agreement.attrs["signatory_count"] == "13" and agreement.attrs["event"] == event.name
    consortium = facts_of(ex, "consortium")[0]
    assert consortium.attrs["founded"] == "2023-08-19"


def test_policy_with_issuers_and_date() -> None:
    x = extract_text(
        "2022年12月，中共中央办公厅、国务院办公厅联合印发《关于深化现代职业教育体系建设改革的意见》。"
    )
    policy = facts_of(x, "policy")[0]
    assert policy.name == "关于深化现代职业教育体系建设改革的意见"
    assert policy.parties == ["中共中央办公厅", "国务院办公厅"] and policy.attrs["date"] == "2022-12"


def test_cli_json_and_drafts(tmp_path: Path) -> None:
    seed = SEEDS / "texts" / "004_1bfc3baa3dfa997f.txt"
    result = run_cli("extract", str(seed), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    names = {o["name"] for o in data["organizations"]}
    assert "大连职业技术学院" in names and "金普新区" not in names  # the fullest form is the name
    rel = next(r for r in data["relations"] if r["name"] == "罗克韦尔技术协同创新中心")
    assert rel["parties"] == ["大连锂工科技有限公司", "大连职业技术学院"]
    assert "罗克韦尔技术协同创新中心" in rel["evidence"]
    result = run_cli("extract", str(SEEDS / "texts"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    drafts = sorted(tmp_path.glob("*.yaml"))
    assert len(drafts) == 5
    for d in drafts:
        sheet = FactSheet.model_validate(yaml.safe_load(d.read_text(encoding="utf-8")))
        assert sheet.draft is True


def test_cli_without_articles_says_what_to_give(tmp_path: Path) -> None:
    # Regression: `iegraph extract` with no argument said "no article files (.txt, .html) found".
    result = run_cli("extract", "-o", str(tmp_path / "d"))
    assert result.exit_code != 0
    assert "FILE_OR_DIR" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("extract", str(empty), "-o", str(tmp_path / "d"))
    assert result.exit_code != 0 and str(empty) in result.stderr


def test_extraction_is_deterministic() -> None:
    seed = SEEDS / "texts" / "000_bf0f64bdff33bc64.txt"
    assert to_json(extract_file(seed)) == to_json(extract_file(seed))


# Evaluation figures, kept with thresholds a regression would break. The held-out
# articles (tests/extraction/) were not used to write the rules; figures are honest.
def test_evaluation_on_seed_gold() -> None:
    ev = evaluate_dir(SEEDS)
    assert len(ev.articles) == 5
    assert ev.orgs.f1 >= 0.95
    assert ev.pairs.f1 >= 0.95
    assert ev.people.f1 >= 0.9


def test_gold_groups_read_link_items() -> None:
    """A gold sheet lists an organisation as a ref, a party ``{org: …}`` or a link item
    ``{ref: …, quote: …}`` (the seed sheets quote each attendee): all three count."""
    sheet = {
        "organizations": [{"key": k, "name": n} for k, n in (("a", "甲"), ("b", "乙"), ("c", "丙"))],
        "events": [{"organisers": ["a"], "attendees": [{"ref": "b", "quote": "乙参加会议"}]}],
        "projects": [{"parties": [{"org": "b"}, {"org": "c", "quote": "乙与丙共建"}]}],
    }
    assert gold_groups(sheet) == [
        ("project", "partnership", ["乙", "丙"]),
        ("event", "co-presence", ["甲", "乙"]),
    ]


@pytest.mark.skipif(not HELD_OUT.is_dir(), reason="held-out gold not present")
def test_evaluation_on_held_out_gold() -> None:
    ev = evaluate_dir(HELD_OUT)
    assert len(ev.articles) >= 10
    # First blind run (rules written without this gold): org F1 0.651, pair F1 0.409.
    # After fixing general bugs it exposed: org F1 0.920, pair F1 0.918 (docs/extraction.md).
    # Partnership pairs only (event co-attendance and joint issuing left out): pair F1 0.836.
    # Those figures were on the 14 copied web texts. On the project-written dev split that
    # replaced them (22 articles), the first run gave org F1 0.877, pair F1 0.425: the floors
    # below guard that run and are meant to be raised as the extractor improves on dev.
    # After tuning on dev (issue 16): org F1 0.925, partnership-pair F1 0.980 pooled.
    # Round 3 (47 articles, 035-047 scored unseen first at 0.901 / 0.757): 0.946 / 0.987.
    assert ev.orgs.f1 >= 0.9
    assert ev.pairs.f1 >= 0.95


def test_self_reference_is_an_unnamed_publisher_with_its_own_id() -> None:
    x = extract_text("6月26日，我校与徐州衡器厂有限公司签订了产学研合作协议。", file="nuaa_news.txt")
    sheet = to_sheet(x)
    school = next(o for o in sheet["organizations"] if o["name"] == "我校")
    assert school["unnamed"] is True and school["id"] == "unnamed-nuaa_news-我校"
    agreement = facts_of(x, "agreement")[0]
    assert set(agreement.parties) == {"我校", "徐州衡器厂有限公司"}


def test_applicant_of_an_approved_carrier_is_its_builder() -> None:
    # Regression: the project approved in seed 001 had no party; the school that applied
    # (我校申报的) builds it, as the curated sheet says.
    x = extract_text(
        "2021年12月15日，工业和信息化部正式批准我校申报的“校企协同就业创业创新示范实践基地”项目。",
        file="school_news.txt",
    )
    project = facts_of(x, "project")[0]
    assert project.parties == ["我校"] and project.roles == {"我校": "builder"}
    assert project.attrs["approved_by"] == ["工业和信息化部"]
    sheet = FactSheet.model_validate(to_sheet(x))
    assert [p.role for p in sheet.projects[0].parties] == ["builder"]


def test_cli_evaluate_prints_scores() -> None:
    result = run_cli("extract", "--evaluate", str(SEEDS), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    total = rows[-1]
    assert total["article"] == "TOTAL" and total["gold_orgs"] >= 60 and total["org_f1"] >= 0.95
