"""Money with units: 2000万元 is twenty million yuan; a bare number in a money column
says no unit and is refused unless the header or --money-unit gives one."""

from __future__ import annotations

from pathlib import Path

import pytest

from iegraph.db import Graph
from iegraph.errors import InputError
from iegraph.loaders.passes import validate_paths
from iegraph.quantities import MONEY_UNITS, amount_props
from tests.helpers import run_cli
from tests.test_load import write


@pytest.mark.parametrize(
    ("text", "yuan", "qualifier"),
    [
        ("2000万元", 20_000_000, None),
        ("3,000 元", 3000, None),
        ("2,000万元", 20_000_000, None),
        ("1.2亿元", 120_000_000, None),
        ("近2000万元", 20_000_000, "近"),
        ("５００万元", 5_000_000, None),  # full-width digits, as an IME types them
    ],
)
def test_money_text_parses_to_yuan_with_the_unit_kept(text: str, yuan: int, qualifier: str | None) -> None:
    props = amount_props("investment", text)
    assert props["investment"] == yuan and isinstance(props["investment"], int)
    assert props["investment_unit"] == "元"
    assert props.get("investment_qualifier") == qualifier


def _projects(folder: Path, header: str, *cells: str) -> Path:
    lines = [f"id,name,type,{header}"] + [f'p{i},项目{i},实训基地,"{c}"' for i, c in enumerate(cells)]
    write(folder / "projects.csv", "\n".join(lines) + "\n")
    return folder


def _investments(folder: Path, money_unit: str | None = None) -> list[tuple[object, object]]:
    inputs, _resolver, _counts = validate_paths(None, [folder], money_unit)  # type: ignore[arg-type]
    nodes = inputs[0].nodes or []
    return [(n.props.get("investment"), n.props.get("investment_text")) for n in nodes]


def test_a_bare_number_in_a_money_column_is_refused_with_the_fix(tmp_path: Path) -> None:
    folder = _projects(tmp_path / "t", "investment", "2000", "2000万元")
    with pytest.raises(InputError) as info:
        validate_paths(None, [folder])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert problems == [
        f"{folder / 'projects.csv'}:2: investment: a bare number '2000' does not say its unit: "
        "write 2000万元 or 2000元, name the column investment_万元 (or investment_元, investment_亿元), "
        "or pass --money-unit 万元"
    ]


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("编号,名称,类型,投资额", "投资额"),
        ("编号,名称,类型,投资", "投资"),  # the sheet's own name for the column
        ("编号,名称,类型,investment", "投资额"),  # an English column among Chinese ones
    ],
)
def test_a_chinese_sheet_is_told_the_chinese_header_that_names_the_unit(
    tmp_path: Path, header: str, named: str
) -> None:
    folder = tmp_path / "t"
    write(folder / "项目.csv", f"{header}\np1,项目1,实训基地,2000\n")
    with pytest.raises(InputError) as info:
        validate_paths(None, [folder])
    (problem,) = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert problem == (
        f"{folder / '项目.csv'}:2: investment: a bare number '2000' does not say its unit: "
        f"write 2000万元 or 2000元, name the column {named}(万元) (or {named}(元), {named}(亿元)), "
        "or pass --money-unit 万元"
    )
    # the suggested header loads as it is
    fixed = header.rsplit(",", 1)[0] + f",{named}(万元)"
    write(folder / "项目.csv", f"{fixed}\np1,项目1,实训基地,2000\n")
    assert _investments(folder) == [(20_000_000, "2000万元")]


@pytest.mark.parametrize("header", ["investment_万元", "投资额(万元)", "投资额（万元）"])
def test_the_header_may_name_the_unit(tmp_path: Path, header: str) -> None:
    folder = _projects(tmp_path / "t", header, "2000", "1.5亿元")
    # a number with its own unit keeps it; the header's unit is for bare numbers only
    assert _investments(folder) == [(20_000_000, "2000万元"), (150_000_000, "1.5亿元")]


def test_money_unit_option_gives_the_unit(tmp_path: Path) -> None:
    folder = _projects(tmp_path / "t", "investment", "2000", "3,000")
    assert _investments(folder, "万元") == [(20_000_000, "2000万元"), (30_000_000, "3,000万元")]
    assert _investments(folder, "元") == [(2000, "2000元"), (3000, "3,000元")]


def test_cli_money_unit(cli_env: dict[str, str], graph: Graph, tmp_path: Path) -> None:
    folder = _projects(tmp_path / "t", "投资额", "2000")
    refused = run_cli("load", str(folder))
    assert refused.exit_code == 2 and "pass --money-unit 万元" in refused.stderr
    assert graph.read("MATCH (n) RETURN count(n) AS c") == [{"c": 0}]
    loaded = run_cli("load", str(folder), "--money-unit", "万元")
    assert loaded.exit_code == 0, loaded.stderr
    assert graph.read("MATCH (p:Project) RETURN p.investment AS v") == [{"v": 20_000_000}]
    wrong = run_cli("load", str(folder), "--money-unit", "美元")
    assert wrong.exit_code == 2 and "美元" in wrong.stderr


def test_the_cli_offers_the_loader_units() -> None:
    from iegraph.commands.load import load_cmd

    (option,) = [p for p in load_cmd.params if p.name == "money_unit"]
    assert tuple(option.type.choices) == MONEY_UNITS  # type: ignore[attr-defined]


def _sheet(folder: Path, top: str, *investments: str) -> Path:
    """A fact sheet with one project per investment (YAML scalars as written)."""
    projects = "".join(
        f"  - {{name: 基地{i}, type: 实训基地, investment: {inv}, outputs: {{trainees: 2.6万余人次, results: 2800余}}}}\n"
        for i, inv in enumerate(investments)
    )
    return write(
        folder / "sheet.yaml", f"source: {{title: 测试来源, date: '2024'}}\n{top}projects:\n{projects}"
    )


def _sheet_money(path: Path, money_unit: str | None = None) -> list[tuple[object, ...]]:
    inputs, _resolver, _counts = validate_paths(None, [path], money_unit)  # type: ignore[arg-type]
    nodes = [d for d in inputs[0].decls([]) if getattr(d, "label", None) is not None]
    return [
        (n.props["investment"], n.props.get("investment_text"), n.props.get("output_trainees_text"))
        for n in nodes
        if "investment" in n.props
    ]


def test_a_bare_number_in_a_fact_sheet_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "", "2000", "'3,000'", "1.2亿元")
    with pytest.raises(InputError) as info:
        validate_paths(None, [path])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert problems == [
        f"{path}:{line}: projects.{i}.investment: a bare number {n} does not say its unit: write it with "
        f"one ({n}万元, {n}元, 1.2亿元), or give the sheet's unit once with money_unit: 万元 at its top, "
        "or pass --money-unit 万元"
        for i, line, n in ((0, 3, "2000"), (1, 4, "3,000"))
    ]


def test_a_fact_sheet_names_its_money_unit(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "money_unit: 万元\n", "2000", "1.2亿元")
    # the sheet's unit is for bare numbers only; counts keep their qualifier and unit
    assert _sheet_money(path) == [
        (20_000_000, "2000万元", "2.6万余人次"),
        (120_000_000, "1.2亿元", "2.6万余人次"),
    ]
    # the sheet's own unit wins over the load's --money-unit, as a table header does
    assert _sheet_money(path, "元")[0] == (20_000_000, "2000万元", "2.6万余人次")


def test_money_unit_option_applies_to_fact_sheets(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "", "2000")
    assert _sheet_money(path, "亿元") == [(200_000_000_000, "2000亿元", "2.6万余人次")]


def test_a_wrong_sheet_money_unit_is_refused(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "money_unit: 美元\n", "2000")
    with pytest.raises(InputError) as info:
        validate_paths(None, [path])
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert any(p.startswith(f"{path}:2: money_unit:") and "万元" in p for p in problems), problems
