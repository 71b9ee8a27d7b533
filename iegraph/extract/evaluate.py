"""Scoring extraction against hand-checked gold fact sheets.

Matching (per article; then pooled over articles, and averaged per article):

- **Organisations.** A gold organisation is identified by the name keys
  (``name_key``) of its name and aliases; an extracted organisation by the keys of
  its name, aliases and mentions as written. They match when the key sets meet.
  Each gold organisation matches at most one extracted one (first come).
  P = matched extracted / extracted, R = matched gold / gold.
- **Partnership pairs.** Within every project (parties), agreement (signatories),
  consortium (leads and members) and program (owners), each unordered pair of two
  distinct co-parties is one pair; an article's pairs are the set of them (a pair
  reported by two facts counts once). Co-presence — being at one event (organisers,
  hosts, attendees) or issuing one document (policy issuers) — is neither expected nor
  rewarded: those pairs are left out on both sides (``relations.PARTNERSHIP`` says which
  relation types count). Extracted parties are first mapped to the gold organisation
  they matched, so a pair is compared in gold names.
- **People.** By name key of the person's name.

Pair errors are also counted by category (``pair_error_summary``): missed pairs by the
gold fact they belong to and by cause (an organisation not found; found but not related;
related only as co-presence), wrong pairs by the extracted relation type and by cause.
Counts only, no names: a held-out split's summary can be read without reading the split.

Pooled figures add the counts of every article; the per-article (macro) average takes
the mean of each article's P, R and F1 over the articles that have gold or extracted
items of that kind (an article with neither says nothing about it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from iegraph.errors import InputError
from iegraph.extract.model import Extraction
from iegraph.extract.relations import Relation, relations
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
    """Scores of one article, and its confusion: what was missed and what was wrong."""

    article: str
    orgs: Score
    pairs: Score
    people: Score
    missed_orgs: list[str] = field(default_factory=list)  # gold names not found
    wrong_orgs: list[str] = field(default_factory=list)  # extracted names matching no gold one
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)
    wrong_pairs: list[tuple[str, str]] = field(default_factory=list)
    #: Counts of pair errors by category (no names): ``missed kind`` (the gold fact kind
    #: a missed pair belongs to), ``missed why``, ``wrong type`` (the extracted relation
    #: type that made a wrong pair) and ``wrong why`` — see ``pair_error_counts``.
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)


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


#: Roles of a project party or consortium member that are not partnership: a body that
#: guides (指导) or advises is neither partner nor co-member (``relations.py`` leaves the
#: consortium guides the extractor finds out of member_of likewise).
NOT_PARTNER_ROLES = frozenset({"guide", "adviser", "advisor"})


def gold_groups(sheet: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """Party groups of a gold sheet, one per fact: ``(fact kind, basis, names)`` — kind
    ``project``, ``agreement``, ``consortium``, ``program`` (basis ``partnership``) or
    ``event``, ``policy`` (basis ``co-presence``). Links the curator marked ``inferred:
    true`` are left out: the text does not state them."""
    refs = _refs_to_orgs(sheet)
    groups: list[tuple[str, list[str]]] = []

    def names(values: Iterable[Any]) -> list[str]:
        out = []
        for v in values:
            if isinstance(v, dict) and v.get("inferred") is True:
                continue  # the curator's inference, not stated in the text: not expected
            if isinstance(v, dict) and v.get("role") in NOT_PARTNER_ROLES:
                continue  # a body that guides or advises is not a partner
            r = _ref(v)
            if r and r in refs and refs[r] not in out:
                out.append(refs[r])
        return out

    for p in sheet.get("projects") or []:
        groups.append(("project", names(p.get("parties") or [])))
    for a in sheet.get("agreements") or []:
        groups.append(("agreement", names(a.get("parties") or [])))
    for e in sheet.get("events") or []:
        groups.append(
            (
                "event",
                names([*(e.get("organisers") or []), *(e.get("hosts") or []), *(e.get("attendees") or [])]),
            )
        )
    for c in sheet.get("consortia") or []:
        groups.append(("consortium", names([*(c.get("leads") or []), *(c.get("members") or [])])))
    for g in sheet.get("programs") or []:
        groups.append(("program", names(g.get("owners") or [])))
    for pol in sheet.get("policies") or []:
        groups.append(("policy", names(pol.get("issuers") or [])))
    return [(kind, _BASIS_OF_KIND[kind], g) for kind, g in groups]


_BASIS_OF_KIND = {
    "project": "partnership",
    "agreement": "partnership",
    "consortium": "partnership",
    "program": "partnership",
    "event": "co-presence",
    "policy": "co-presence",
}


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
    res.missed_orgs = [g["name"] for g in gold_orgs if g["name"] not in used]
    res.wrong_orgs = [o.name for o in x.orgs if o.name not in matched_gold]

    groups = gold_groups(sheet)
    # each pair by its key, with the kind of the first gold fact / extracted relation type that has it
    gold_pairs: dict[frozenset[str], tuple[frozenset[str], str]] = {}
    for kind, basis, g in groups:
        if basis == "partnership":
            for pair in _pairs([g]):
                gold_pairs.setdefault(_pair_key(pair), (pair, kind))
    rels = [(r, [matched_gold.get(p, p) for p in r.parties]) for r in relations(x.facts)]
    pred_pairs: dict[frozenset[str], tuple[frozenset[str], str]] = {}
    for r, parties in rels:
        if r.basis == "partnership":
            for pair in _pairs([parties]):
                pred_pairs.setdefault(_pair_key(pair), (pair, r.type))
    hit = gold_pairs.keys() & pred_pairs.keys()
    res.pairs = Score(len(hit), len(pred_pairs), len(hit), len(gold_pairs))
    res.missed_pairs = sorted(_sorted_pair(gold_pairs[k][0]) for k in gold_pairs.keys() - hit)
    res.wrong_pairs = sorted(_sorted_pair(pred_pairs[k][0]) for k in pred_pairs.keys() - hit)
    _count_pair_errors(
        res,
        groups,
        {k: gold_pairs[k][1] for k in gold_pairs.keys() - hit},
        {k: pred_pairs[k][1] for k in pred_pairs.keys() - hit},
        rels,
    )

    gold_people = {name_key(p["name"]) for p in sheet.get("people") or []}
    pred_people = {name_key(p.name) for p in x.people}
    res.people = Score(
        len(gold_people & pred_people), len(pred_people), len(gold_people & pred_people), len(gold_people)
    )
    return res


def _count_pair_errors(
    res: ArticleScore,
    groups: list[tuple[str, str, list[str]]],
    missed: dict[frozenset[str], str],
    wrong: dict[frozenset[str], str],
    rels: list[tuple[Relation, list[str]]],
) -> None:
    """Sort an article's pair errors into categories (counts only, so that they can be
    reported for a held-out split without showing its names): ``missed`` maps each missed
    pair's key to the kind of its gold fact, ``wrong`` each wrong one's to its extracted
    relation type."""
    gold_copresence = {_pair_key(p) for p in _pairs(g for _, basis, g in groups if basis == "co-presence")}
    pred_copresence = {_pair_key(p) for r, ps in rels if r.basis != "partnership" for p in _pairs([ps])}
    not_found = {name_key(n) for n in res.missed_orgs}
    gold_names = {name_key(n) for _, _, g in groups for n in g} | not_found
    for key, kind in missed.items():
        res.errors["missed kind", kind] += 1
        if key & not_found:
            why = "organisation not found"
        elif key in pred_copresence:
            why = "found, related only as co-presence"
        else:
            why = "found, not related"
        res.errors["missed why", why] += 1
    for key, rtype in wrong.items():
        res.errors["wrong type", rtype] += 1
        if not key <= gold_names:
            why = "a party the gold does not relate"
        elif key in gold_copresence:
            why = "gold has them as co-presence only"
        else:
            why = "no gold relation between them"
        res.errors["wrong why", why] += 1


def pair_error_counts(ev: Evaluation) -> Counter[tuple[str, str]]:
    """Pair errors of all articles by category: ``("missed kind", "consortium")``,
    ``("missed why", "found, not related")``, ``("wrong type", "signed_agreement")``,
    ``("wrong why", "gold has them as co-presence only")`` … → count."""
    total: Counter[tuple[str, str]] = Counter()
    for a in ev.articles:
        total.update(a.errors)
    return total


def pair_error_summary(ev: Evaluation) -> str:
    """``pair_error_counts`` as a few lines of text (counts only — no names, so a held-out
    split's summary can be read without reading the split)."""
    counts = pair_error_counts(ev)
    lines = []
    for group, label in (
        ("missed kind", "missed pairs by gold fact"),
        ("missed why", "missed pairs by cause"),
        ("wrong type", "wrong pairs by extracted relation"),
        ("wrong why", "wrong pairs by cause"),
    ):
        items = sorted(((k, n) for (g, k), n in counts.items() if g == group), key=lambda kn: (-kn[1], kn[0]))
        if items:
            lines.append(f"{label}: " + ", ".join(f"{k} {n}" for k, n in items))
    return "\n".join(lines)


def _pair_key(pair: frozenset[str]) -> frozenset[str]:
    return frozenset(name_key(n) for n in pair)


def _sorted_pair(pair: frozenset[str]) -> tuple[str, str]:
    a, b = sorted(pair)
    return a, b


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


@dataclass
class Macro:
    """Per-article averages of precision, recall and F1 over ``n`` articles."""

    precision: float
    recall: float
    f1: float
    n: int


def macro(scores: Iterable[Score]) -> Macro:
    """The mean of each article's P, R and F1, over the articles with gold or extracted
    items (an article with neither is left out: it says nothing)."""
    counted = [s for s in scores if s.gold or s.pred]
    if not counted:
        return Macro(1.0, 1.0, 1.0, 0)
    n = len(counted)
    return Macro(
        sum(s.precision for s in counted) / n,
        sum(s.recall for s in counted) / n,
        sum(s.f1 for s in counted) / n,
        n,
    )


def rows(ev: Evaluation) -> list[dict[str, Any]]:
    """Table rows: one per article, a MACRO row (per-article means) and a TOTAL row
    (pooled counts)."""

    def row(label: str, o: Score | Macro, p: Score | Macro, pe: Score | Macro) -> dict[str, Any]:
        return {
            "article": label,
            "org_p": round(o.precision, 3),
            "org_r": round(o.recall, 3),
            "org_f1": round(o.f1, 3),
            "pair_p": round(p.precision, 3),
            "pair_r": round(p.recall, 3),
            "pair_f1": round(p.f1, 3),
            "people_f1": round(pe.f1, 3),
            "gold_orgs": o.gold if isinstance(o, Score) else None,
            "gold_pairs": p.gold if isinstance(p, Score) else None,
        }

    out = [row(a.article, a.orgs, a.pairs, a.people) for a in ev.articles]
    arts = ev.articles
    out.append(
        row(
            "MACRO",
            macro(a.orgs for a in arts),
            macro(a.pairs for a in arts),
            macro(a.people for a in arts),
        )
    )
    out.append(row("TOTAL", ev.orgs, ev.pairs, ev.people))
    return out


def worst(ev: Evaluation, n: int = 3) -> list[ArticleScore]:
    """The ``n`` articles with the lowest mean of organisation F1 and pair F1."""
    return sorted(ev.articles, key=lambda a: ((a.orgs.f1 + a.pairs.f1) / 2, a.article))[:n]


#: How many missed or wrong items of one kind the confusion shows per article.
_SHOWN = 12


def confusion(ev: Evaluation, n: int = 3) -> str:
    """What the ``n`` worst articles missed and got wrong (names and pairs), as text."""
    lines: list[str] = []
    for a in worst(ev, n):
        lines.append(
            f"{a.article}: organisations F1 {a.orgs.f1:.3f}, pairs F1 {a.pairs.f1:.3f} "
            f"({a.pairs.tp_gold} of {a.pairs.gold} gold pairs, {a.pairs.pred - a.pairs.tp_pred} wrong)"
        )
        for label, items in (
            ("  missed organisations", a.missed_orgs),
            ("  wrong organisations", a.wrong_orgs),
            ("  missed pairs", [" — ".join(pair) for pair in a.missed_pairs]),
            ("  wrong pairs", [" — ".join(pair) for pair in a.wrong_pairs]),
        ):
            if items:
                more = f"; … {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
                lines.append(f"{label} ({len(items)}): " + "; ".join(items[:_SHOWN]) + more)
    return "\n".join(lines)
