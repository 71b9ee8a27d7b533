"""Keyed amounts in Chinese: a table column 产出_培训人次 or a sheet key 培训人次 loads as
output_trainees, and --lang zh output names the column back the way the tables accept it."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.errors import InputError
from iegraph.i18n import header_zh
from iegraph.loaders.passes import validate_paths
from iegraph.loaders.tables import english_header
from iegraph.schema.names_zh import AMOUNT_KEY_ZH, AMOUNT_PREFIX_ZH, amount_key
from tests.test_load import write

#: table -> (English header, Chinese header, one row): keyed amounts of every kind
TABLES: dict[str, tuple[str, str, str]] = {
    "sources": ("id,title", "编号,标题", "s1,来源"),
    "consortia": (
        "id,name,kind,level,composition_total,composition_enterprise,composition_undergraduate,source",
        "编号,名称,类型,层次,构成_总数,构成_企业,构成_本科,来源",
        "c1,某联合体,city,city,近120,2800余,3,s1",
    ),
    "projects": (
        "id,name,type,output_trainees,output_patents,source",
        "编号,名称,类型,产出_培训人次,成果_专利,来源",
        "p1,实训基地,training_base,2.6万余人次,12项,s1",
    ),
    "events": (
        "id,name,attendee_count_enterprise,attendee_count_student,source",
        "编号,名称,参会人数_企业,参会人数_学生,来源",
        "e1,对接会,50余家,300,s1",
    ),
    "programs": (
        "id,name,target_students_per_year,source",
        "编号,名称,目标_每年学生数,来源",
        "g1,计划,500,s1",
    ),
}


def _props(folder: Path) -> dict[str, dict[str, object]]:
    inputs, _resolver, _counts = validate_paths(None, [folder])
    return {str(n.id): dict(n.props) for inp in inputs for n in inp.nodes or []}


def _tables(folder: Path, chinese: bool) -> Path:
    for name, (en, zh, row) in TABLES.items():
        write(folder / f"{name}.csv", f"{zh if chinese else en}\n{row}\n")
    return folder


def test_chinese_prefixed_columns_load_as_the_english_ones(tmp_path: Path) -> None:
    english = _props(_tables(tmp_path / "en", chinese=False))
    chinese = _props(_tables(tmp_path / "zh", chinese=True))
    assert chinese == english
    # qualifier, unit and text kept under the English key
    assert (
        english["c1"]["reported_enterprise"] == 2800 and english["c1"]["reported_enterprise_text"] == "2800余"
    )
    assert english["p1"]["output_trainees_unit"] == "人次" and english["p1"]["output_patents"] == 12
    assert english["e1"]["attendee_count_enterprise_qualifier"] == "余"
    assert english["g1"]["target_students_per_year"] == 500


def test_chinese_keys_in_a_fact_sheet(tmp_path: Path) -> None:
    sheet = (
        "source: {{title: 来源, date: '2024'}}\n"
        "consortia:\n  - {{name: 某联合体, kind: city, level: city, composition: {{{c}}}}}\n"
        "projects:\n  - {{name: 实训基地, type: 实训基地, outputs: {{{o}}}}}\n"
    )
    en = write(
        tmp_path / "en" / "s.yaml",
        sheet.format(c="enterprise: 2800余, total: 近120", o="trainees: 2.6万余人次"),
    )
    zh = write(
        tmp_path / "zh" / "s.yaml", sheet.format(c="企业: 2800余, 总数: 近120", o="培训人次: 2.6万余人次")
    )

    def amounts(path: Path) -> list[dict[str, object]]:
        inputs, _resolver, _counts = validate_paths(None, [path])
        decls = [d for d in inputs[0].decls([]) if getattr(d, "label", None) is not None]
        return [
            {k: v for k, v in d.props.items() if k.startswith(("reported_", "output_"))}
            for d in decls
            if any(k.startswith(("reported_", "output_")) for k in d.props)
        ]

    assert amounts(zh) == amounts(en) != []


def test_an_unknown_chinese_key_lists_the_chinese_names(tmp_path: Path) -> None:
    write(tmp_path / "sources.csv", "id,title\ns1,来源\n")
    write(tmp_path / "projects.csv", "名称,类型,产出_奖项,来源\n基地,实训基地,3项,s1\n")
    with pytest.raises(InputError) as info:
        validate_paths(None, [tmp_path])
    (problem,) = map(str, info.value.problems)  # type: ignore[attr-defined]
    assert "outputs.奖项: key must be lower_snake_case ASCII or one of results (成果)" in problem
    assert "trainees (培训人次)" in problem


@pytest.mark.parametrize("fld", sorted(AMOUNT_KEY_ZH))
def test_the_chinese_output_header_reads_back_as_its_column(fld: str) -> None:
    prefix, _names = AMOUNT_PREFIX_ZH[fld]
    table = {
        "composition": "consortia",
        "outputs": "projects",
        "attendee_counts": "events",
        "targets": "programs",
    }
    for key in AMOUNT_KEY_ZH[fld]:
        shown = header_zh(prefix + key)
        assert shown != prefix + key
        (read,) = english_header(table[fld], [shown])
        assert read.startswith(prefix) and amount_key(fld, read[len(prefix) :]) == key, (shown, read)


def test_no_chinese_key_name_stands_for_two_keys() -> None:
    for fld, keys in AMOUNT_KEY_ZH.items():
        names = [zh for zhs in keys.values() for zh in zhs]
        assert len(names) == len(set(names)), fld
        assert not set(names) & set(keys), fld  # and none is another key's English name
