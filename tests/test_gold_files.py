"""Checks of the hand-written gold fact sheets of every evaluation split,
tests/extraction/<split>/gold/ (dev, test).

The gold sheets are what ``iegraph extract --evaluate`` scores the extractor
against, so a typo in them silently skews every figure. These tests make sure
each sheet is a valid FactSheet, is reviewed (not a draft), points at its
article in the split's articles/ folder, quotes that article verbatim, and only
refers to entities it declares itself; and that no article lacks its sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from iegraph.names import clean_text
from iegraph.schema.factsheet import FactSheet

EXTRACTION_DIR = Path(__file__).parent / "extraction"
#: Every split's gold sheets; a split's articles sit beside its gold/ folder.
GOLD_FILES = sorted(EXTRACTION_DIR.glob("*/gold/*.yaml"))
ARTICLE_SUFFIXES = (".txt", ".html")

_WS_RE = re.compile(r"\s+")


def _squash(text: str) -> str:
    """Remove all whitespace: quotes may span line breaks or indentation of the page."""
    return _WS_RE.sub("", text)


def _load(path: Path) -> FactSheet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return FactSheet.model_validate(data)


def _article_path(sheet: FactSheet, gold: Path) -> Path:
    assert sheet.source.file, f"{gold.name}: source.file is missing"
    return gold.parent.parent / "articles" / sheet.source.file


def _gold_id(gold: Path) -> str:
    """``dev/001_x``: the split and the sheet, so a failure says where to look."""
    return f"{gold.parent.parent.name}/{gold.stem}"


def _facts(sheet: FactSheet) -> Iterator[tuple[str, Any]]:
    """Every fact entry of a sheet, with a label for error messages."""
    for section in (
        "organizations",
        "people",
        "consortia",
        "projects",
        "agreements",
        "events",
        "programs",
        "policies",
        "industries",
        "regions",
        "relations",
    ):
        for item in getattr(sheet, section):
            yield f"{section}:{getattr(item, 'name', None) or getattr(item, 'type', '')}", item


def _declared_refs(sheet: FactSheet) -> set[str]:
    """Keys, names and aliases that a ref inside this sheet may use."""
    refs: set[str] = set()
    for _, item in _facts(sheet):
        for attr in ("key", "name"):
            value = getattr(item, attr, None)
            if value:
                refs.add(value)
        refs.update(getattr(item, "aliases", []) or [])
    return refs


def _used_refs(sheet: FactSheet) -> Iterator[tuple[str, str]]:
    """Every ref a sheet uses, with the place it is used."""
    for label, item in _facts(sheet):
        for attr in (
            "region",
            "part_of",
            "anchor_park",
            "consortium",
            "program",
            "event",
            "parent",
        ):
            value = getattr(item, attr, None)
            if value:
                yield f"{label}.{attr}", value
        for attr in (
            "industries",
            "leads",
            "approved_by",
            "organisers",
            "hosts",
            "attendees",
            "owners",
            "issuers",
        ):
            for value in getattr(item, attr, None) or []:
                yield f"{label}.{attr}", value
        for attr in ("members", "people", "positions"):
            for member in getattr(item, attr, None) or []:
                yield f"{label}.{attr}", member.org
        parties = getattr(item, "parties", None) or []
        for party in parties:
            yield f"{label}.parties", party if isinstance(party, str) else party.org
        if hasattr(item, "from_"):
            yield f"{label}.from", item.from_
            yield f"{label}.to", item.to


def test_gold_set_is_not_empty() -> None:
    # The evaluation is meaningless on an empty gold set; the dev split is the one tuned on.
    assert len([g for g in GOLD_FILES if g.parent.parent.name == "dev"]) >= 8


def test_every_article_has_a_gold_sheet() -> None:
    # An article without its sheet would silently drop out of the evaluation.
    orphans = [
        f"{article.parent.parent.name}/{article.name}"
        for article in sorted(EXTRACTION_DIR.glob("*/articles/*"))
        if article.suffix in ARTICLE_SUFFIXES
        and not (article.parent.parent / "gold" / f"{article.stem}.yaml").is_file()
    ]
    assert not orphans, "articles without a gold sheet: " + ", ".join(orphans)


@pytest.mark.parametrize("gold", GOLD_FILES, ids=_gold_id)
def test_gold_file_validates_and_is_reviewed(gold: Path) -> None:
    sheet = _load(gold)
    assert sheet.draft is False
    assert sheet.organizations, "a gold sheet without organisations scores nothing"
    assert _article_path(sheet, gold).is_file()
    assert gold.stem == Path(sheet.source.file or "").stem


@pytest.mark.parametrize("gold", GOLD_FILES, ids=_gold_id)
def test_every_quote_occurs_in_its_article(gold: Path) -> None:
    sheet = _load(gold)
    raw = _article_path(sheet, gold).read_text(encoding="utf-8")
    # Quotes may be written as in the page, or cleaned (simplified, no pinyin noise).
    haystacks = (_squash(raw), _squash(clean_text(raw)))
    missing = []
    for label, item in _facts(sheet):
        assert item.quote, f"{label} has no quote"
        needle = _squash(item.quote)
        if not any(needle in hay for hay in haystacks):
            missing.append(f"{label}: {item.quote}")
    assert not missing, "quotes not found in the article:\n" + "\n".join(missing)


@pytest.mark.parametrize("gold", GOLD_FILES, ids=_gold_id)
def test_every_ref_resolves_inside_the_sheet(gold: Path) -> None:
    sheet = _load(gold)
    declared = _declared_refs(sheet)
    unresolved = [f"{where} -> {ref}" for where, ref in _used_refs(sheet) if ref not in declared]
    assert not unresolved, "unresolved refs:\n" + "\n".join(unresolved)


_ORG = ("organizations",)
#: The section a ref in each field must point at (a person ref in an event's people).
_REF_SECTIONS: dict[str, tuple[str, ...]] = {
    "region": ("regions",),
    "part_of": _ORG,
    "anchor_park": ("organizations", "regions"),
    "consortium": ("consortia",),
    "program": ("programs",),
    "event": ("events",),
    "industries": ("industries",),
    "leads": _ORG,
    "approved_by": _ORG,
    "organisers": _ORG,
    "hosts": _ORG,
    "attendees": _ORG,
    "owners": _ORG,
    "issuers": _ORG,
    "members": _ORG,
    "positions": _ORG,
    "parties": _ORG,
    "people": ("people",),
}


@pytest.mark.parametrize("gold", GOLD_FILES, ids=_gold_id)
def test_refs_point_at_entities_of_the_right_kind(gold: Path) -> None:
    sheet = _load(gold)
    sections: dict[str, set[str]] = {}
    for label, item in _facts(sheet):
        section = label.split(":", 1)[0]
        for name in (getattr(item, "key", None), getattr(item, "name", None)):
            if name:
                sections.setdefault(name, set()).add(section)
        for alias in getattr(item, "aliases", []) or []:
            sections.setdefault(alias, set()).add(section)
    wrong = []
    for where, ref in _used_refs(sheet):
        field = where.rsplit(".", 1)[1]
        if field == "parent":
            wanted: tuple[str, ...] = (where.split(":", 1)[0],)
        else:
            wanted = _REF_SECTIONS.get(field, tuple(sections.get(ref, ())))
        if not sections.get(ref, set()) & set(wanted):
            wrong.append(f"{where} -> {ref} is in {sorted(sections.get(ref, ()))}, expected {wanted}")
    assert not wrong, "refs of the wrong kind:\n" + "\n".join(wrong)


@pytest.mark.parametrize("gold", GOLD_FILES, ids=_gold_id)
def test_refs_are_unambiguous(gold: Path) -> None:
    # A name used as key/name/alias by two entries would make the loader refuse the sheet.
    sheet = _load(gold)
    seen: dict[str, tuple[int, str]] = {}
    clashes = []
    for label, item in _facts(sheet):
        names: set[str] = {n for n in (getattr(item, "key", None), getattr(item, "name", None)) if n}
        names.update(getattr(item, "aliases", []) or [])
        for name in names:
            if name in seen and seen[name][0] != id(item):
                clashes.append(f"{name}: {seen[name][1]} / {label}")
            seen[name] = (id(item), label)
    assert not clashes, "ambiguous refs:\n" + "\n".join(clashes)


@pytest.mark.parametrize("gold", GOLD_FILES, ids=_gold_id)
def test_organisation_names_are_written_in_the_article(gold: Path) -> None:
    # Names and aliases are forms the article writes (simplified when the article is
    # traditional), so an extractor can in principle find every one of them.
    sheet = _load(gold)
    raw = _article_path(sheet, gold).read_text(encoding="utf-8")

    def flat(text: str) -> str:
        return _squash(text).replace("（", "(").replace("）", ")")

    cleaned = flat(clean_text(raw))
    # OpenCC maps a few characters of simplified proper names too (乾业 -> 干业), so
    # an article already in simplified Chinese is also searched as written.
    texts = (cleaned,) if sheet.source.language.startswith("zh-Hant") else (cleaned, flat(raw))
    for org in sheet.organizations:
        for form in (org.name, *org.aliases):
            assert any(flat(form) in text for text in texts), (
                f"{gold.name}: {form} is not written (in simplified form) in the article"
            )
