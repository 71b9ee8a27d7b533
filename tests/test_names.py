"""Pure tests of name normalisation and Chinese amount/date parsing."""

from __future__ import annotations

import pytest

from iegraph.names import (
    _name_key,
    _normalize_name,
    clean_text,
    name_key,
    normalize_name,
    parse_amount,
    parse_date,
    resolve_date,
    strip_pinyin,
)


def test_pinyin_noise_and_traditional_characters() -> None:
    assert strip_pinyin("統(tǒng)籌推進") == "統籌推進"
    assert clean_text("長春企業(yè)聯(lián)合會") == "长春企业联合会"
    # Parenthesised English or ordinary words are not pinyin.
    assert clean_text("上传 (including the pictures)") == "上传 (including the pictures)"
    assert clean_text("大连经济技术开发区(金普新区)") == "大连经济技术开发区(金普新区)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("碧菲分离膜(大连)有限公司", "碧菲分离膜（大连）有限公司"),
        ("長春企聯(lián)", "长春企联"),
        ("ＡＢＣ 科技 有限公司", "abc科技有限公司"),
        ("“兴辽未来工匠”培育计划", "兴辽未来工匠培育计划"),
    ],
)
def test_name_key_identifies_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("大连大学") != name_key("大连理工大学")


def test_normalize_name_uses_full_width_brackets() -> None:
    assert normalize_name("碧菲分离膜(大连)有限公司") == "碧菲分离膜（大连）有限公司"


def test_plain_name_shortcut_agrees_with_the_full_treatment() -> None:
    """normalize_name and name_key skip their steps for names that are already plain;
    for every character of the BMP, alone and inside a name, they give what the steps give."""
    chars = [chr(c) for c in range(0x20, 0x1_0000) if not 0xD800 <= c <= 0xDFFF]
    samples = chars + ["长春" + c + "有限公司" for c in chars[::7]]
    samples += ["湖江润华汽车零部件有限公司", "Acme Corp.", "ABC", "", "𠀀公司", "e\u0301", "ｶﾞ"]
    for text in samples:
        assert normalize_name(text) == _normalize_name(text), repr(text)
        assert name_key(text) == _name_key(text), repr(text)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("1.2亿元", 120_000_000, None, "元"),
        ("2.6万余人次", 26_000, "余", "人次"),
        ("近120家", 120, "近", "家"),
        ("近120", 120, "近", None),
        ("2800余个", 2800, "余", "个"),
        ("2800余", 2800, "余", None),
        ("2800多个", 2800, "多", "个"),
        ("1000人以上", 1000, "以上", "人"),
        ("约190", 190, "约", None),
        ("超过2000人", 2000, "超过", "人"),
        ("超2000人", 2000, "超", "人"),
        ("逾百家", 100, "逾", "家"),
        ("50家左右", 50, "左右", "家"),
        ("十余所", 10, "余", "所"),
        ("十六个", 16, None, "个"),
        ("三十八所", 38, None, "所"),
        ("1,500万元", 15_000_000, None, "元"),
        (31, 31, None, None),
    ],
)
def test_amounts(text: str | int, value: int, qualifier: str | None, unit: str | None) -> None:
    parsed = parse_amount(text)
    assert parsed.number == value
    assert parsed.qualifier == qualifier
    assert parsed.unit == unit


@pytest.mark.parametrize("bad", ["很多", "", "亿元", "abc"])
def test_bad_amounts_are_errors(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(bad)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年8月19日", "2023-08-19"),
        ("2023年07月07日", "2023-07-07"),
        ("2022-12", "2022-12"),
        ("2023", "2023"),
        ("2024/5/17", "2024-05-17"),
        ("2023年年末", "2023-12"),
        ("2021年12月", "2021-12"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("bad", ["2023-02-30", "2023-13", "昨天", "19日", "05/17/2024"])
def test_bad_dates_are_errors(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_date(bad)


def test_relative_dates_are_resolved_and_marked_inferred() -> None:
    assert resolve_date("19日", "2023-08-21") == ("2023-08-19", True)
    assert resolve_date("4月16日", "2024-05-17") == ("2024-04-16", True)
    assert resolve_date("12月30日", "2024-01-02") == ("2023-12-30", True)
    assert resolve_date("近日", "2024-05-17") == ("2024-05-17", True)
    assert resolve_date("2022年3月9日", "2022-04-03") == ("2022-03-09", False)
    assert resolve_date("4月16日", None) == (None, False)
