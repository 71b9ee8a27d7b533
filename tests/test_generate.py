"""``iegraph generate``: deterministic, streamed tables shaped like the real ecosystem."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from statistics import median

from iegraph.loaders.generate import generate
from iegraph.loaders.passes import validate_paths
from tests.helpers import table_rows


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 2000, seed=4)
    generate(tmp_path / "b", 2000, seed=4)
    generate(tmp_path / "c", 2000, seed=5)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_shape(tmp_path: Path) -> None:
    counts = generate(tmp_path, 20_000, seed=1)
    orgs = list(table_rows(tmp_path / "organizations.csv"))
    kinds = Counter(o["kind"] for o in orgs)
    assert len(orgs) == 20_000 == counts["organizations"]
    assert 0.008 <= kinds["College"] / len(orgs) <= 0.012
    assert kinds["Enterprise"] > 20 * kinds["College"]
    assert {o["level"] for o in orgs if o["kind"] == "College"} >= {
        "undergraduate", "higher_vocational", "secondary_vocational", "technician",
    }  # fmt: skip
    levels = Counter(r["level"] for r in table_rows(tmp_path / "regions.csv"))
    assert levels["province"] == 31 and levels["city"] >= 31 and levels["zone"] >= levels["city"]
    # heavy-tailed partner counts: a few organisations take part in very many projects
    per_org = Counter(p["org"] for p in table_rows(tmp_path / "participations.csv"))
    degrees = sorted(per_org.values())
    assert degrees[-1] >= 20 * median(degrees)
    # projects and agreements have several parties; consortia have leads and members
    per_project = Counter(p["project"] for p in table_rows(tmp_path / "participations.csv"))
    assert max(per_project.values()) >= 3 and min(per_project.values()) >= 1
    assert all(len(a["parties"].split(";")) >= 1 for a in table_rows(tmp_path / "agreements.csv"))
    assert all(len(c["leads"].split(";")) == 2 for c in table_rows(tmp_path / "consortia.csv"))
    # industries cluster by province: the top 4 industries of a province hold most of its orgs
    city_province = {
        r["id"]: r["parent"] for r in table_rows(tmp_path / "regions.csv") if r["level"] == "city"
    }
    by_province: dict[str, Counter[str]] = {}
    for o in orgs:
        by_province.setdefault(city_province[o["region"]], Counter())[o["industries"]] += 1
    shares = [sum(n for _i, n in c.most_common(4)) / sum(c.values()) for c in by_province.values()]
    assert median(shares) > 0.7


def test_generated_tables_validate(tmp_path: Path) -> None:
    generate(tmp_path, 1000, seed=9)
    _inputs, _resolver, counts = validate_paths(None, [tmp_path])
    assert counts["nodes"] > 1000 and counts["rels"] > 3000
