"""Pure parts of the question library: the Triple-Helix arithmetic, depth classes,
and that names travel as parameters (RecordingRunner, no database)."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest

from iegraph.errors import InputError, NotFoundError
from iegraph.queries import REGISTRY
from iegraph.queries.lookup import resolve_org
from iegraph.queries.partners import CO_PRESENCE, DEEP, SIGNATURE_ONLY, WORKING, classify, depth_score
from iegraph.queries.synergy import entropy, helix_terms, reading
from tests.fakes import RecordingRunner


def test_entropy_in_bits() -> None:
    assert entropy([1, 1]) == pytest.approx(1.0)
    assert entropy([1, 1, 1, 1]) == pytest.approx(2.0)
    assert entropy([5]) == 0.0
    assert entropy([]) == 0.0


def test_helix_terms_hand_computed() -> None:
    # (U, I, G): (1,1,1), (1,1,0), (1,0,1), (0,1,1) — see test_queries.test_synergy_hand_computed.
    t = helix_terms(Counter([(1, 1, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1)]))
    h1 = -(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25))  # 0.811278
    assert t.h_u == pytest.approx(h1) and t.h_ui == pytest.approx(1.5) and t.h_uig == pytest.approx(2.0)
    assert t.t_uig == pytest.approx(3 * h1 - 4.5 + 2)  # -0.066166
    assert t.t_ui == pytest.approx(2 * h1 - 1.5)
    assert reading(t).startswith("synergy")


def test_helix_independent_and_redundant() -> None:
    # All eight configurations once: U, I, G independent -> every T is 0.
    every = [(u, i, g) for u in (0, 1) for i in (0, 1) for g in (0, 1)]
    t = helix_terms(Counter(every))
    assert t.t_uig == pytest.approx(0.0, abs=1e-12) and t.t_ui == pytest.approx(0.0, abs=1e-12)
    # (0,0,0) and (1,1,1) half each: H(U)=H(I)=H(G)=H(UI)=...=H(UIG)=1 -> T(UIG) = 3 - 3 + 1 = 1 > 0.
    t = helix_terms(Counter([(0, 0, 0), (1, 1, 1)]))
    assert t.t_uig == pytest.approx(1.0)
    assert reading(t).startswith("no synergy")


def test_constant_helix_reading_is_plain_english() -> None:
    # Regression: "college and enterprise and government presence ... (only 1 units: indicative)".
    t = helix_terms(Counter([(1, 1, 0)]))
    assert reading(t) == (
        "T = 0 by construction: college, enterprise and government presence is the same in every unit, "
        "so there is no three-way information (only 1 unit: indicative)"
    )


def test_depth_classes_and_score() -> None:
    assert classify({"project", "agreement"}, 1, 1, 1) == DEEP
    assert classify({"project"}, 1, 0, 1) == WORKING
    assert classify({"project"}, 1, 0, 2) == DEEP
    # Regression: sharing a consortium or an event does not make one project deep.
    assert classify({"project", "consortium"}, 1, 0, 1) == WORKING
    assert classify({"project", "event", "consortium"}, 1, 0, 1) == WORKING
    assert classify({"project", "program"}, 2, 0, 1) == DEEP
    assert classify({"agreement", "consortium"}, 0, 2, 3) == SIGNATURE_ONLY
    assert classify({"event"}, 0, 0, 1) == CO_PRESENCE
    assert depth_score(3, 1, 1, 1, 3) == 9


def test_names_travel_as_parameters_only() -> None:
    hostile = "x'}) DETACH DELETE n //"
    runner = RecordingRunner()
    with pytest.raises(NotFoundError):
        resolve_org(runner, hostile)
    assert runner.calls
    for mode, query, _params in runner.calls:
        assert mode == "read"
        assert hostile not in query and "DETACH" not in query
    assert any(hostile in params.values() for _, _, params in runner.calls)


def test_registry_specs_are_complete() -> None:
    for name, spec in REGISTRY.items():
        assert spec.name == name and spec.description and spec.columns
        doc = spec.func.__doc__ or ""
        assert re.search(r"\?\s*/\s*\S", doc), f"{name}: question in English / 中文"
        assert "Parameters" in doc and ("Columns" in doc or "Rows" in doc), name
    with pytest.raises(InputError):
        REGISTRY["partners"].run(RecordingRunner(), org="x", nonsense=1)
