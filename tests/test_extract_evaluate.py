"""The evaluator's pair-error categories: counts that say why pairs were missed or wrong
without naming anything (so a held-out split's summary can be read without reading it)."""

from __future__ import annotations

from iegraph.extract import extract_text
from iegraph.extract.evaluate import Evaluation, Score, pair_error_summary, score_article

ARTICLE = "3月1日，甲乙大学与丙丁科技有限公司签署战略合作协议。庚辛职业技术学院与壬癸电子有限公司代表出席。"

#: The gold says the signing was only an event both attended (so the extracted agreement
#: pairs co-present bodies), a project with a company the text never names, and a
#: consortium of the two attendees (which the text does not state as such).
SHEET = {
    "organizations": [
        {"name": "甲乙大学"},
        {"name": "丙丁科技有限公司"},
        {"name": "戊己集团有限公司"},
        {"name": "庚辛职业技术学院"},
        {"name": "壬癸电子有限公司"},
    ],
    "events": [{"name": "签约仪式", "attendees": ["甲乙大学", "丙丁科技有限公司"]}],
    "projects": [{"name": "X", "parties": ["甲乙大学", "戊己集团有限公司"]}],
    "consortia": [{"name": "Y", "members": ["庚辛职业技术学院", "壬癸电子有限公司"]}],
}


def test_pair_errors_are_sorted_by_gold_fact_and_cause() -> None:
    res = score_article(extract_text(ARTICLE), SHEET, "a")
    assert res.pairs == Score(0, 1, 0, 2)
    assert dict(res.errors) == {
        ("missed kind", "project"): 1,
        ("missed why", "organisation not found"): 1,  # 戊己集团有限公司 is not in the text
        ("missed kind", "consortium"): 1,
        ("missed why", "found, not related"): 1,  # both attendees found, no relation between them
        ("wrong type", "signed_agreement"): 1,
        ("wrong why", "gold has them as co-presence only"): 1,
    }


def test_summary_counts_without_names() -> None:
    res = score_article(extract_text(ARTICLE), SHEET, "a")
    summary = pair_error_summary(Evaluation([res, res], Score(), Score(), Score(), []))
    assert "missed pairs by gold fact: consortium 2, project 2" in summary
    assert "wrong pairs by cause: gold has them as co-presence only 2" in summary
    assert not any(name in summary for name in ("甲乙", "丙丁", "戊己", "庚辛", "壬癸"))
