"""Scoring extraction against hand-checked gold fact sheets.

Matching (per article, then micro-averaged over articles):

- **Organisations.** A gold organisation is identified by the name keys
  (``name_key``) of its name and aliases; an extracted organisation by the keys of
  its name, aliases and mentions as written. They match when the key sets meet.
  Each gold organisation matches at most one extracted one (first come).
  P = matched extracted / extracted, R = matched gold / gold.
- **Party pairs.** Within every project, agreement, event, consortium, program and
  policy, each unordered pair of two distinct co-parties (project parties,
  agreement signatories, event organisers+hosts+attendees, consortium leads+members,
  program owners, policy issuers) is one pair; an article's pairs are the set of
  them (a pair reported by two facts counts once). Extracted parties are first
  mapped to the gold organisation they matched, so a pair is compared in gold names.
- **People.** By name key of the person's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from iegraph.errors import InputError
from iegraph.extract.model import Extraction
from iegraph.names import name_key


@dataclass
class Score:
    """Counts of a precision/recall comparison."""

    tp_pred: int = 0  # predicted items that match
    pred: int = 0
    tp_gold: int = 0  # gold items that are matched
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    """Scores of one article."""

    article: str
    orgs: Score
    pairs: Score
    people: Score


def _refs_to_orgs(sheet: dict[str, Any]) -> dict[str, str]:
    """Map every way a gold sheet refers to an organisation (key, name, alias) -> its name."""
    out: dict[str, str] = {}
    for org in sheet.get("organizations") or []:
        name = org["name"]
        for ref in [org.get("key"), org.get("id"), name, *(org.get("aliases") or [])]:
            if ref:
                out.setdefault(str(ref), name)
    return out


def _ref(value: Any) -> str | None:
    """The organisation an item of a gold list names: a plain ref, a party or member
    ``{org: …}``, or a link item ``{ref: …, quote: …}``."""
    if isinstance(value, dict):
        ref = value.get("org") or value.get("ref")
        return str(ref) if ref else None
    return str(value) if value else None


def gold_groups(sheet: dict[str, Any]) -> list[list[str]]:
    """Party groups of a gold sheet (organisation names), one per fact."""
    refs = _refs_to_orgs(sheet)
    groups: list[list[str]] = []

    def names(values: Iterable[Any]) -> list[str]:
        out = []
        for v in values:
            r = _ref(v)
            if r and r in refs and refs[r] not in out:
                out.append(refs[r])
        return out

    for p in sheet.get("projects") or []:
        groups.append(names(p.get("parties") or []))
    for a in sheet.get("agreements") or []:
        groups.append(names(a.get("parties") or []))
    for e in sheet.get("events") or []:
        groups.append(
            names([*(e.get("organisers") or []), *(e.get("hosts") or []), *(e.get("attendees") or [])])
        )
    for c in sheet.get("consortia") or []:
        groups.append(names([*(c.get("leads") or []), *(c.get("members") or [])]))
    for g in sheet.get("programs") or []:
        groups.append(names(g.get("owners") or []))
    for pol in sheet.get("policies") or []:
        groups.append(names(pol.get("issuers") or []))
    return groups


def _pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for g in groups:
        keys = sorted(set(g))
        out.update(frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1 :])
    return out


def score_article(x: Extraction, sheet: dict[str, Any], label: str = "") -> ArticleScore:
    """Compare one extraction with one gold sheet."""
    gold_orgs = sheet.get("organizations") or []
    gold_keys = [
        (g["name"], {name_key(n) for n in [g["name"], *(g.get("aliases") or [])]}) for g in gold_orgs
    ]
    matched_gold: dict[str, str] = {}  # extracted name -> gold name
    used: set[str] = set()
    for org in x.orgs:
        keys = {name_key(n) for n in [org.name, *org.aliases, *org.mentions]}
        for gname, gkeys in gold_keys:
            if gname not in used and keys & gkeys:
                matched_gold[org.name] = gname
                used.add(gname)
                break
    orgs = Score(len(matched_gold), len(x.orgs), len(used), len(gold_orgs))
    res = ArticleScore(label, orgs, Score(), Score())

    gold_pairs = {frozenset(name_key(n) for n in p) for p in _pairs(gold_groups(sheet))}
    pred_groups = [[matched_gold.get(p, p) for p in f.parties] for f in x.facts]
    pred_pairs = {frozenset(name_key(n) for n in p) for p in _pairs(pred_groups)}
    hit = gold_pairs & pred_pairs
    res.pairs = Score(len(hit), len(pred_pairs), len(hit), len(gold_pairs))

    gold_people = {name_key(p["name"]) for p in sheet.get("people") or []}
    pred_people = {name_key(p.name) for p in x.people}
    res.people = Score(
        len(gold_people & pred_people), len(pred_people), len(gold_people & pred_people), len(gold_people)
    )
    return res


def find_article(gold_path: Path, sheet: dict[str, Any], article_dirs: list[Path]) -> Path | None:
    """The article a gold sheet describes: by ``source.file``, else by the same stem."""
    source = sheet.get("source") or {}
    dirs = [*article_dirs, gold_path.parent, gold_path.parent / "texts", gold_path.parent.parent / "articles"]
    names = [str(source["file"])] if source.get("file") else []
    for d in dirs:
        for n in names:
            if (d / n).is_file():
                return d / n
        for cand in sorted(d.glob(gold_path.stem + ".*")) if d.is_dir() else []:
            if cand.suffix.lower() in (".txt", ".html", ".htm") and cand != gold_path:
                return cand
    return None


@dataclass
class Evaluation:
    """Per-article and total scores of a gold folder."""

    articles: list[ArticleScore]
    orgs: Score
    pairs: Score
    people: Score
    missing: list[str]


def evaluate_dir(
    gold_dir: Path, article_dirs: list[Path] | None = None, encoding: str = "utf-8"
) -> Evaluation:
    """Extract every article that has a gold sheet in ``gold_dir`` and score it."""
    from iegraph.extract import extract_file

    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: not a folder of gold fact sheets")
    results: list[ArticleScore] = []
    missing: list[str] = []
    total = Evaluation([], Score(), Score(), Score(), missing)
    sheets = sorted(p for p in gold_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    if not sheets:
        raise InputError(f"{gold_dir}: no .yaml gold fact sheets")
    for path in sheets:
        try:
            sheet = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: not valid YAML: {exc}") from None
        article = find_article(path, sheet, article_dirs or [])
        if article is None:
            missing.append(path.name)
            continue
        res = score_article(extract_file(article, encoding), sheet, article.name)
        results.append(res)
        total.orgs.add(res.orgs)
        total.pairs.add(res.pairs)
        total.people.add(res.people)
    total.articles = results
    return total


def rows(ev: Evaluation) -> list[dict[str, Any]]:
    """Table rows: one per article and a TOTAL row (micro-averaged)."""

    def row(label: str, o: Score, p: Score, pe: Score) -> dict[str, Any]:
        return {
            "article": label,
            "org_p": round(o.precision, 3),
            "org_r": round(o.recall, 3),
            "org_f1": round(o.f1, 3),
            "pair_p": round(p.precision, 3),
            "pair_r": round(p.recall, 3),
            "pair_f1": round(p.f1, 3),
            "people_f1": round(pe.f1, 3),
            "gold_orgs": o.gold,
            "gold_pairs": p.gold,
        }

    out = [row(a.article, a.orgs, a.pairs, a.people) for a in ev.articles]
    out.append(row("TOTAL", ev.orgs, ev.pairs, ev.people))
    return out
