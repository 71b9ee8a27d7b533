"""Print the counts table of one evaluation split for tests/extraction/README.md.

Usage: .venv/bin/python tests/extraction/count_gold.py dev   (or: test)

The README's tables are generated, not counted by hand: run this after adding or
changing a gold sheet and paste its output over the split's table.

"party pairs" are the gold pairs the evaluator scores (``iegraph extract
--evaluate``), counted by the evaluator's own code (``evaluate.gold_groups``):
unordered pairs of distinct organisations that are co-parties of one project or
agreement, co-members (leads included) of one consortium, or co-owners of one
program. Parties whose role is to guide or advise and links marked ``inferred:
true`` are left out, as the evaluator leaves them out; an ``unnamed: true``
organisation (我院) counts, as it does there. Event organisers, hosts and
attendees, and the issuers of one document, are co-presence and are not counted.
(Before round 3 this script had its own count, which paired guiding members and
left unnamed organisations out, so its column disagreed with the evaluator's.) "chars" counts the characters of the article
without whitespace (for HTML, without tags).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from iegraph.extract.evaluate import _pairs, gold_groups
from iegraph.schema.factsheet import FactSheet

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


def party_pairs(raw: dict[str, Any]) -> set[frozenset[str]]:
    """The partnership pairs a sheet (as read from YAML, as the evaluator reads it) states,
    exactly as the evaluator counts them."""
    partnership = [group for _, basis, group in gold_groups(raw) if basis == "partnership"]
    return {frozenset(p) for p in _pairs(partnership)}


def article_chars(path: Path) -> int:
    """Characters of the article text without whitespace (and without HTML tags)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = _TAG_RE.sub("", text)
    return len(_WS_RE.sub("", text))


def counts(gold: Path) -> dict[str, int]:
    """The README columns of one gold sheet."""
    raw = yaml.safe_load(gold.read_text(encoding="utf-8"))
    sheet = FactSheet.model_validate(raw)
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
        "party pairs": len(party_pairs(raw)),
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
