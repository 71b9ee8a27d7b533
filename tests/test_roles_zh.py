"""Roles in Chinese: 牵头, 共建, 成员, 主办 … load as the English roles the graph stores
(the basis rule reads ``lead``), other role text is kept as written (roles are open),
and ``--lang zh`` shows a role by its first Chinese name."""

from __future__ import annotations

import json
from pathlib import Path

from iegraph.db import Graph
from iegraph.i18n import value_zh
from iegraph.loaders import load_paths, validate_paths
from iegraph.loaders.records import RelDecl
from iegraph.schema.factsheet import MemberSpec
from iegraph.schema.names_zh import (
    EVENT_ROLE_ZH,
    MEMBERSHIP_ROLE_ZH,
    PARTICIPATION_ROLE_ZH,
    ROLES_ZH,
    role_english,
)
from tests.helpers import run_cli
from tests.test_load import write


def test_no_chinese_role_name_means_two_roles_or_is_an_english_role() -> None:
    seen: dict[str, str] = {}
    english = {en for table in ROLES_ZH.values() for en in table}
    for table in ROLES_ZH.values():
        for en, names in table.items():
            assert names, en
            for name in names:
                assert seen.setdefault(name, en) == en, f"{name} means {seen[name]} and {en}"
                assert name not in english
                assert role_english(f" {name} ") == en


def test_the_roles_the_loaders_and_rules_write_have_chinese_names() -> None:
    # the defaults of the readers and the roles convert.py writes itself
    assert {"lead", "partner", "builder", "owner"} <= set(PARTICIPATION_ROLE_ZH)
    assert {"lead", "member", "council"} <= set(MEMBERSHIP_ROLE_ZH)
    assert {"organiser", "host", "attendee", "speaker"} == set(EVENT_ROLE_ZH)
    assert role_english("牵头") == role_english("牵头单位") == "lead"


def test_other_role_text_is_kept_as_written() -> None:
    assert role_english("investor") == "investor"
    assert role_english(" 出资单位 ") == "出资单位"
    assert MemberSpec.model_validate({"org": "甲", "role": "理事"}).role == "council"
    assert MemberSpec.model_validate({"org": "甲", "role": "initiator"}).role == "initiator"
    assert MemberSpec.model_validate({"org": "甲"}).role == "member"


def _roles(paths: list[Path]) -> dict[tuple[str, str], str]:
    """(start, end) as written -> role of every relationship with a role the inputs declare."""
    inputs, _resolver, _counts = validate_paths(None, paths)  # type: ignore[arg-type]
    out: dict[tuple[str, str], str] = {}
    for inp in inputs:
        for decl in inp.decls([]):
            if isinstance(decl, RelDecl) and "role" in decl.props:
                start = getattr(decl.start, "text", getattr(decl.start, "name", ""))
                end = getattr(decl.end, "text", getattr(decl.end, "name", ""))
                out[(start, end)] = decl.props["role"]
    return out


ORGS = "名称,类型\n甲大学,院校\n乙集团有限公司,企业\n丙学院,院校\n"


def test_table_rows_and_sheet_entries_map_chinese_roles(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write(folder / "机构.csv", ORGS)
    write(folder / "联合体.csv", "名称,类型\n丁市域产教联合体,city_consortium\n")
    write(folder / "项目.csv", "名称,类型\n戊实训基地,实训基地\n")
    write(
        folder / "成员.csv",
        "机构,联合体,角色\n甲大学,丁市域产教联合体,牵头单位\n乙集团有限公司,丁市域产教联合体,理事\n"
        "丙学院,丁市域产教联合体,\n",
    )
    write(folder / "参与.csv", "机构,项目,角色\n甲大学,戊实训基地,共建\n乙集团有限公司,戊实训基地,出资方\n")
    write(
        folder / "关系.csv",
        "type,from,to,role\nPARTICIPATES_IN,丙学院,戊实训基地,牵头\n",
    )
    sheet = write(
        tmp_path / "s.yaml",
        "source: {title: 测试来源, date: '2024'}\n"
        "organizations:\n  - {name: 己企业有限公司, kind: 企业}\n"
        "events:\n  - name: 庚对接会\n    people:\n      - {org: 辛某, role: 致辞}\n"
        "people:\n  - {name: 辛某}\n"
        "consortia:\n  - name: 壬联合体\n    kind: alliance\n    members:\n      - {org: 己企业有限公司, role: 牵头}\n"
        "relations:\n  - {type: ATTENDED, from: 己企业有限公司, to: 庚对接会, props: {role: 主办}}\n",
    )
    assert _roles([folder, sheet]) == {
        ("甲大学", "丁市域产教联合体"): "lead",
        ("乙集团有限公司", "丁市域产教联合体"): "council",
        ("丙学院", "丁市域产教联合体"): "member",  # empty cell: the default
        ("甲大学", "戊实训基地"): "builder",
        ("乙集团有限公司", "戊实训基地"): "出资方",  # not a known name: kept as written
        ("丙学院", "戊实训基地"): "lead",
        ("辛某", "庚对接会"): "speaker",
        ("己企业有限公司", "壬联合体"): "lead",
        ("己企业有限公司", "庚对接会"): "organiser",
    }


def test_co_leads_named_in_chinese_work_together_and_show_in_chinese(
    cli_env: dict[str, str], graph: Graph, tmp_path: Path
) -> None:
    folder = tmp_path / "t"
    write(folder / "机构.csv", ORGS)
    write(folder / "联合体.csv", "名称,类型\n丁市域产教联合体,city_consortium\n")
    write(
        folder / "成员.csv",
        "机构,联合体,角色\n甲大学,丁市域产教联合体,牵头\n乙集团有限公司,丁市域产教联合体,牵头单位\n"
        "丙学院,丁市域产教联合体,成员\n",
    )
    load_paths(graph, [folder])
    stored = graph.read("MATCH (o)-[m:MEMBER_OF]->() RETURN o.name AS org, m.role AS role ORDER BY org")
    assert stored == [
        {"org": "丙学院", "role": "member"},
        {"org": "乙集团有限公司", "role": "lead"},
        {"org": "甲大学", "role": "lead"},
    ]
    # the basis rule reads role 'lead': two leads are working partners, a member only co-present
    result = run_cli("query", "partners", "--org", "甲大学", "--with-co-presence", "--format", "json")
    assert result.exit_code == 0, result.stderr
    basis = {r["partner"]: r["basis"] for r in json.loads(result.stdout)}
    assert basis == {"乙集团有限公司": "working", "丙学院": "co-presence"}
    assert value_zh("role", "lead") == "牵头单位" and value_zh("role", "出资方") == "出资方"
    shown = run_cli("--lang", "zh", "query", "consortium", "--name", "丁市域产教联合体", "--format", "csv")
    assert shown.exit_code == 0, shown.stderr
    assert "牵头单位" in shown.stdout and "成员单位" in shown.stdout
