"""The questions on the curated seed graph (iegraph/data/seeds), loaded by the real loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import NotFoundError
from iegraph.loaders import load_paths
from iegraph.queries import (
    REGISTRY,
    consortium,
    depth,
    evidence,
    gaps,
    partners,
    path,
    projects,
    resolve_consortium,
    resolve_org,
    resolve_region,
    stats,
    synergy,
    timeline,
)

SEEDS = sorted((Path(__file__).parent.parent / "iegraph" / "data" / "seeds").glob("*.yaml"))


@pytest.fixture
def seed(graph: Graph) -> Graph:
    assert SEEDS, "the curated seed fact sheets are missing"
    load_paths(graph, SEEDS)
    return graph


def test_seed_answers(seed: Graph) -> None:
    names = {r.partner for r in partners(seed, org="大连理工大学")}
    for expected in (
        "大连三友电器设备有限公司",
        "大连人工智能计算中心",
        "通用技术集团大连机床有限责任公司",
        "东风日产大连有限公司",
        "大连职业技术学院",
    ):
        assert expected in names, expected

    steps = path(seed, from_org="一汽解放大连柴油机有限公司", to_org="大连理工大学")
    assert steps, "no path from 一汽解放大连柴油机有限公司 to 大连理工大学"
    first = [s for s in steps if s.path == 1]
    assert first[0].from_org == "一汽解放大连柴油机有限公司" and first[-1].to_org == "大连理工大学"
    assert all(s.sources for s in steps)

    # Alias resolution on the curated names.
    assert resolve_org(seed, "长春企联").name == "长春市企业联合会"
    assert resolve_org(seed, "汽开区").name == "长春汽车经济技术开发区"
    assert resolve_org(seed, "大連理工大學").name == "大连理工大学"
    with pytest.raises(NotFoundError, match="大连理工大学"):
        resolve_org(seed, "大连理工大写")


def test_seed_depth_and_partners_put_joint_work_first(seed: Graph) -> None:
    # Regression: every project partner of 大连理工大学 in the 金普新区 article was "deep"
    # because the shared consortium counted as a second kind of cooperation.
    rows = {r.partner: r for r in depth(seed, org="大连理工大学")}
    assert rows["东风日产大连有限公司"].depth == "working"  # one joint R&D project, one source
    assert rows["大连人工智能计算中心"].depth == "deep"  # two joint projects
    assert "一汽解放大连柴油机有限公司" not in rows  # consortium only: no working partner
    wide = {r.partner: r for r in depth(seed, org="大连理工大学", with_co_presence=True)}
    assert wide["一汽解放大连柴油机有限公司"].depth == "co-presence"
    # Regression: `through` listed the consortium first, so the table cut hid the project.
    lig = next(
        r
        for r in partners(seed, org="大连职业技术学院", with_co_presence=True)
        if r.partner == "大连锂工科技有限公司"
    )
    assert lig.through[0] == "project: 罗克韦尔技术协同创新中心"
    assert lig.through[-1].startswith("consortium: ")


def test_region_of_a_project_includes_its_consortium(seed: Graph) -> None:
    # Regression: `projects --region 金普新区` gave 1 project, although the 16 projects signed
    # into the 金普新区 consortium belong there (their parties are located in 大连市).
    names = {r.project for r in projects(seed, region="金普新区")}
    assert "新能源汽车充电系统故障快速检测技术攻关" in names and len(names) == 17
    assert "新能源汽车充电系统故障快速检测技术攻关" in {r.name for r in timeline(seed, region="金普新区")}
    assert "校企协同就业创业创新示范实践基地" not in names
    # With --org the same rule applies (the other branch of the query).
    assert "新能源汽车充电系统故障快速检测技术攻关" in {
        r.project for r in projects(seed, org="大连理工大学", region="金普新区")
    }


def test_evidence_quotes_the_sentence_of_the_relationship(seed: Graph) -> None:
    # Regression: a position was "supported" by the organisation's quote (about the
    # training base), not by the sentence naming the person and the title.
    rows = [r for r in evidence(seed, name="杨跃权") if r.statement.startswith("-[HOLDS_POSITION]->")]
    assert rows and all(r.quote and "杨跃权" in r.quote for r in rows)
    own = [r for r in evidence(seed, name="大连职业技术学院")]
    held = [r for r in own if r.statement.startswith("<-[HOLDS_POSITION]-")]
    assert held and all("杨跃权" in (r.quote or "") for r in held)
    # Taking part in a project is still supported by the project's sentence.
    lig = next(r for r in own if "罗克韦尔技术协同创新中心" in r.statement)
    assert "大连锂工科技有限公司" in (lig.quote or "")


def test_gap_details_count_in_plain_english(seed: Graph) -> None:
    # Regression: "1 shared activities, none with a college".
    rows = {r.name: r for r in gaps(seed)}
    assert rows["一汽模具制造有限公司"].detail == "1 shared activity, none with a college"
    industry = rows["汽车产业"]
    assert (
        industry.detail
        == "prioritised by 长春市汽车产业集群产教联合体; no project of it or its members in it"
    )


def test_names_typed_without_brackets_or_city_suffix(seed: Graph) -> None:
    # Regression: the forms analysts type failed with "no consortium named ...".
    jinpu = resolve_consortium(seed, "金普新区市域产教联合体")
    assert resolve_consortium(seed, "大连金普新区市域产教联合体").id == jinpu.id  # without （…）
    changchun = resolve_consortium(seed, "长春市汽车产业集群产教联合体")
    assert resolve_consortium(seed, "长春汽车产业集群产教联合体").id == changchun.id  # without 市
    assert (
        resolve_org(seed, "中科睿海智能技术研究院有限公司").name == "中科睿海（大连）智能技术研究院有限公司"
    )
    # Two complete names are still told apart.
    assert resolve_org(seed, "大连大学").name == "大连大学"


def test_suggestions_name_each_entity_once(seed: Graph) -> None:
    # Regression: "did you mean" listed one consortium three times under its aliases,
    # and 大连市 twice (大连 (大连市), 大连市).
    with pytest.raises(NotFoundError) as err:
        resolve_consortium(seed, "长春汽车产教联合体")
    message = str(err.value)
    assert "长春市汽车产业集群产教联合体" in message
    assert message.count("大连金普新区（大连经济技术开发区）市域产教联合体") == 1
    with pytest.raises(NotFoundError) as err2:
        resolve_region(seed, "大连金普")
    assert str(err2.value).count("大连市") <= 1


def test_seed_portraits(seed: Graph) -> None:
    rows = consortium(seed, name="金普新区市域产教联合体")
    assert any(r.section == "lead" for r in rows)
    members = {r.name for r in rows if r.section in ("lead", "member")}
    assert "大连理工大学" in members
    deep = {r.partner: r for r in depth(seed, org="大连理工大学")}
    # They share a consortium and a project (开源鸿蒙人才培养中心): more than co-presence.
    assert deep["大连职业技术学院"].joint_projects >= 1
    dated = [r.date for r in timeline(seed, org="大连理工大学") if r.date]
    assert dated == sorted(dated) and dated
    counts = {(r.section, r.item): r.count for r in stats(seed)}
    assert counts[("label", "Source")] == len(SEEDS)
    assert counts[("quality", "facts without source")] == 0
    assert any(r.units > 0 for r in synergy(seed))


def test_every_question_answers_on_the_seed(seed: Graph) -> None:
    args = {
        "partners": {"org": "大连理工大学"},
        "depth": {"org": "大连理工大学"},
        "recommend": {"org": "大连理工大学"},
        "path": {"from_org": "一汽解放大连柴油机有限公司", "to_org": "大连理工大学"},
        "consortium": {"name": "金普新区市域产教联合体"},
        "evidence": {"name": "大连理工大学"},
    }
    for name, spec in REGISTRY.items():
        rows = spec.run(seed, with_sources=True, **args.get(name, {}))
        assert rows, name


def test_answer_standard_questions_prints_the_standard_questions(seed: Graph) -> None:
    from iegraph.queries.standard import answer_standard_questions

    shown: list[str] = []
    notes: list[str] = []
    answer_standard_questions(seed, notes.append, shown.append)
    out = "\n".join(shown)
    assert "== Partners of 大连理工大学" in out and "大连三友电器设备有限公司" in out
    assert "== How 一汽解放大连柴油机有限公司 reaches 大连理工大学" in out
    assert not [n for n in notes if "skipped" in n], notes
