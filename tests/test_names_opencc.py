"""The loader's fast path in ``to_simplified`` (skip OpenCC when no character could change)
gives exactly OpenCC's result."""

from __future__ import annotations

from pathlib import Path

from iegraph.names import _converter, _t2s_triggers, name_key, to_simplified

TEXTS = Path(__file__).parent.parent / "iegraph" / "data" / "seeds" / "texts"


def _opencc(text: str) -> str:
    return str(_converter().convert(text))  # type: ignore[attr-defined]


def test_fast_path_equals_opencc_on_the_seed_articles_line_by_line() -> None:
    lines = [
        line for path in sorted(TEXTS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(lines) > 50
    simplified = [_opencc(line) for line in lines]
    for line, expected in zip(lines, simplified, strict=True):
        assert to_simplified(line) == expected
        # text that is already simplified goes through unchanged, whichever path it takes
        assert to_simplified(expected) == _opencc(expected)


def test_triggers_are_the_characters_that_change() -> None:
    triggers = _t2s_triggers()
    assert {"長", "聯", "會", "業", "連"} <= triggers
    assert not {"长", "联", "会", "业", "连", "有", "限", "公", "司"} & triggers
    assert to_simplified("情有獨鍾") == _opencc("情有獨鍾") == "情有独钟"
    assert name_key("長春企業聯合會") == name_key("长春企业联合会")
