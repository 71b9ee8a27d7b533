"""Print the counts table of one evaluation split for tests/extraction/README.md.

Usage: .venv/bin/python tests/extraction/count_gold.py dev   (or: test)

The README's tables are generated, not counted by hand: run this after adding or
changing a gold sheet and paste its output over the split's table.

"party pairs" are unordered pairs of distinct *named* organisations (not
``unnamed: true``) that are co-parties of one project or agreement, or co-members
(leads included) of one consortium: the partnerships an extractor should find.
Event organisers, hosts and attendees, and the issuers of one document, are
co-presence and are not counted. "chars" counts the characters of the article
without whitespace (for HTML, without tags).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml

from iegraph.schema.factsheet import FactSheet, link_ref

SPLITS_DIR = Path(__file__).resolve().parent
COLUMNS = (
    "orgs",
    "aliases",
    "unnamed",
    "people",
    "consortia",
    "projects",
    "agreements",
    "events",
    "party pairs",
    "chars",
)
_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")


def _resolver(sheet: FactSheet) -> dict[str, str]:
    """Every key, name and alias of an organisation -> its key (or name)."""
    refs: dict[str, str] = {}
    for org in sheet.organizations:
        ident = org.key or org.name
        for form in (org.key, org.name, *org.aliases):
            if form:
                refs[form] = ident
    return refs


def party_pairs(sheet: FactSheet) -> set[frozenset[str]]:
    """The partnership pairs of named organisations a sheet states (see module doc)."""
    refs = _resolver(sheet)
    unnamed = {org.key or org.name for org in sheet.organizations if org.unnamed}
    groups: list[list[str]] = [[m.org for m in p.parties] for p in sheet.projects]
    groups += [[link_ref(p) for p in a.parties] for a in sheet.agreements]
    groups += [[link_ref(x) for x in c.leads] + [m.org for m in c.members] for c in sheet.consortia]
    pairs: set[frozenset[str]] = set()
    for group in groups:
        named = {refs[r] for r in group if r in refs and refs[r] not in unnamed}
        pairs.update(frozenset(p) for p in combinations(sorted(named), 2))
    return pairs


def article_chars(path: Path) -> int:
    """Characters of the article text without whitespace (and without HTML tags)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = _TAG_RE.sub("", text)
    return len(_WS_RE.sub("", text))


def counts(gold: Path) -> dict[str, int]:
    """The README columns of one gold sheet."""
    sheet = FactSheet.model_validate(yaml.safe_load(gold.read_text(encoding="utf-8")))
    article = gold.parent.parent / "articles" / (sheet.source.file or "")
    return {
        "orgs": len(sheet.organizations),
        "aliases": sum(len(o.aliases) for o in sheet.organizations),
        "unnamed": sum(o.unnamed for o in sheet.organizations),
        "people": len(sheet.people),
        "consortia": len(sheet.consortia),
        "projects": len(sheet.projects),
        "agreements": len(sheet.agreements),
        "events": len(sheet.events),
        "party pairs": len(party_pairs(sheet)),
        "chars": article_chars(article),
    }


def table(split: str) -> str:
    """The markdown counts table of a split, with a total row and the kinds of organisation."""
    golds = sorted((SPLITS_DIR / split / "gold").glob("*.yaml"))
    lines = [
        "| article | " + " | ".join(COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    total: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for gold in golds:
        row = counts(gold)
        total.update(row)
        sheet = FactSheet.model_validate(yaml.safe_load(gold.read_text(encoding="utf-8")))
        kinds.update(o.kind for o in sheet.organizations)
        article = sheet.source.file or gold.stem
        lines.append(f"| {article} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |")
    lines.append(f"| **total ({len(golds)})** | " + " | ".join(f"**{total[c]}**" for c in COLUMNS) + " |")
    by_kind = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    return "\n".join(lines) + f"\n\nOrganisations by kind: {by_kind}."


if __name__ == "__main__":
    print(table(sys.argv[1] if len(sys.argv) > 1 else "dev"))
