"""Qualified amounts: the storage scheme, reading it back, and how answers print them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from iegraph.output import render
from iegraph.quantities import (
    Quantity,
    amount_props,
    parse_quantity,
    read_quantities,
    read_quantity,
    sum_quantities,
)


def test_amount_props_store_number_qualifier_unit_and_text() -> None:
    assert amount_props("output_trainees", "2.6万余人次") == {
        "output_trainees": 26000,
        "output_trainees_qualifier": "余",
        "output_trainees_unit": "人次",
        "output_trainees_text": "2.6万余人次",
    }
    assert amount_props("investment", "1.2亿元") == {
        "investment": 120000000,
        "investment_unit": "元",
        "investment_text": "1.2亿元",
    }
    # a plain number (also as table text) is stored as the number alone
    assert amount_props("signatory_count", 13) == {"signatory_count": 13}
    assert amount_props("signatory_count", "13") == {"signatory_count": 13}
    with pytest.raises(ValueError):
        amount_props("investment", "很多")


def test_read_quantity_round_trips_the_scheme() -> None:
    props = {**amount_props("reported_enterprise", "近120"), **amount_props("reported_government", 10)}
    assert read_quantity(props, "reported_enterprise") == Quantity(120, "近", None, "近120")
    assert read_quantity(props, "reported_government") == Quantity(10)
    assert read_quantity(props, "reported_total") is None
    assert read_quantities(props, "reported_") == {
        "enterprise": Quantity(120, "近", None, "近120"),
        "government": Quantity(10),
    }


def test_graphs_of_the_old_scheme_still_read() -> None:
    """Before the scheme, the loader kept investment_yuan/investment_text, output_text_<k>
    and a <prefix>approx list; a graph loaded then answers the same."""
    old = {
        "investment_yuan": 120000000,
        "investment_text": "1.2亿元",
        "output_trainees": 26000,
        "output_text_trainees": "2.6万余人次",
        "output_approx": ["trainees"],
        "output_results": 31,
        "reported_enterprise": 120,
        "reported_approx": ["enterprise"],
    }
    assert str(read_quantity(old, "investment")) == "1.2亿元"
    assert read_quantities(old, "output_") == {
        "results": Quantity(31),
        "trainees": Quantity(26000, "余", "人次", "2.6万余人次"),
    }
    # the old scheme kept no word for composition: the approximation is marked with our ≈
    assert str(read_quantity(old, "reported_enterprise")) == "≈120"


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (parse_quantity("2800余"), "2800余"),
        (parse_quantity("近120"), "近120"),
        (parse_quantity("1.2亿元"), "1.2亿元"),
        (parse_quantity(120000000), "120000000"),
        (Quantity(120, "近"), "近120"),  # no text: put together, the qualifier where it belongs
        (Quantity(2800, "余", "个"), "2800余个"),
        (Quantity(1.5, None, "万元"), "1.5万元"),
    ],
)
def test_a_quantity_shows_as_the_source_writes_it(quantity: Quantity, shown: str) -> None:
    assert str(quantity) == shown


def test_sum_of_parts_is_marked_approximate_only_when_a_part_is() -> None:
    parts = [parse_quantity(x) for x in (10, 8, 8, 38, 6, "近120")]
    assert sum_quantities(parts) == Quantity(190, "≈")
    assert str(sum_quantities(parts)) == "≈190"
    assert sum_quantities(parts[:-1]) == Quantity(70)


ROWS = [
    {
        "project": "实训基地",
        "investment": parse_quantity("1.2亿元"),
        "outputs": {"internship_places": parse_quantity("2800余"), "results": parse_quantity(31)},
    },
    {"project": "无投资", "investment": None, "outputs": {}},
]


def test_table_prints_quantities_as_the_article_does() -> None:
    table = render(ROWS, "table")
    assert "1.2亿元" in table and "120000000" not in table
    assert "internship_places 2800余, results 31" in table


def test_json_gives_value_qualifier_unit_and_text() -> None:
    rows = json.loads(render(ROWS, "json"))
    assert rows[0]["investment"] == {"value": 120000000, "qualifier": None, "unit": "元", "text": "1.2亿元"}
    assert rows[0]["outputs"]["internship_places"] == {
        "value": 2800,
        "qualifier": "余",
        "unit": None,
        "text": "2800余",
    }
    assert rows[1]["investment"] is None


def test_csv_gives_the_text_and_separate_machine_columns() -> None:
    table = list(csv.DictReader(io.StringIO(render(ROWS, "csv"))))
    assert list(table[0]) == [
        "project",
        "investment",
        "investment_value",
        "investment_qualifier",
        "investment_unit",
        "outputs",
        "outputs_values",
    ]
    first, second = table
    assert (first["investment"], first["investment_value"], first["investment_unit"]) == (
        "1.2亿元",
        "120000000",
        "元",
    )
    assert json.loads(first["outputs_values"])["internship_places"]["qualifier"] == "余"
    assert first["outputs"] == "internship_places 2800余, results 31"
    assert second["investment"] == second["investment_value"] == second["outputs_values"] == ""
