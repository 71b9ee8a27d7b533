"""An :class:`Extraction` as a draft fact sheet (YAML) and as JSON for inspection.

Every entity gets a local ``key`` (o1, o2, … for organisations; p1 … for people)
and references use keys, never names, so a draft never trips over a name shared
by two entities (a zone as Region and as Government). Names are canonical and
simplified; the forms the article wrote are kept as ``aliases``; every fact carries
the sentence it was read from as ``quote``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from iegraph.extract.model import Extraction, Fact
from iegraph.extract.relations import relations_of
from iegraph.names import name_key, normalize_name, parse_amount
from iegraph.schema.factsheet import FactSheet

#: The key prefix of each fact type in a draft (c1, e1, pr1, a1, pg1, pol1).
_PREFIX = {
    "consortium": "c",
    "event": "e",
    "project": "pr",
    "agreement": "a",
    "program": "pg",
    "policy": "pol",
}


def _amount(text: str) -> int | float | str:
    """A number when the text is a plain number, else the text as the article writes it
    (``2800余个``, ``近120家``): the loader keeps its qualifier and unit from the text."""
    try:
        amt = parse_amount(text)
    except ValueError:
        return text
    return text if amt.qualifier or amt.unit else amt.number


def _title(x: Extraction) -> tuple[str, bool]:
    if x.article.title:
        return x.article.title, False
    first = x.article.paragraphs[0] if x.article.paragraphs else (x.article.file or "untitled")
    first = re.split(r"[。！？!?]", first)[0]
    return (first[:40] + "…") if len(first) > 40 else first, True


def to_sheet(x: Extraction) -> dict[str, Any]:
    """The draft fact sheet of an extraction, as a plain dict valid against FactSheet."""
    title, title_inferred = _title(x)
    article = x.article
    source: dict[str, Any] = {"title": title, "language": article.language}
    for field, value in (
        ("publisher", article.publisher),
        ("date", article.date),
        ("url", article.url),
        ("file", article.file),
    ):
        if value:
            source[field] = value
    if title_inferred:
        source["inferred"] = ["title"]
    key_of: dict[str, str] = {}
    orgs = []
    for i, org in enumerate(x.orgs, 1):
        key_of[org.name] = f"o{i}"
        entry: dict[str, Any] = {"key": f"o{i}", "name": normalize_name(org.name), "kind": org.kind}
        if org.level:
            entry["level"] = org.level
        aliases = [normalize_name(a) for a in org.aliases if normalize_name(a) != normalize_name(org.name)]
        if aliases:
            entry["aliases"] = list(dict.fromkeys(aliases))
        if org.first_quote:
            entry["quote"] = org.first_quote
        if org.unnamed:
            # "我校" is a different school on every page: an id of this source, a name to fix.
            stem = Path(x.article.file).stem if x.article.file else name_key(title)
            entry["id"] = f"unnamed-{name_key(stem)}-{name_key(org.name)}"
            entry["unnamed"] = True
            entry["note"] = "the publishing organisation, named only as " + org.name + "; give its name"
        orgs.append(entry)
    sheet: dict[str, Any] = {"source": source, "draft": True, "organizations": orgs}

    people = []
    for i, person in enumerate(x.people, 1):
        entry = {"key": f"p{i}", "name": person.name, "quote": person.evidence}
        positions = [{"org": key_of[o], "title": t} for o, t in person.positions if o in key_of]
        if positions:
            entry["positions"] = positions
        loose = [t for o, t in person.positions if o is None]
        if loose:
            entry["note"] = "titles without a named organisation: " + "、".join(loose)
        people.append(entry)
    if people:
        sheet["people"] = people

    fact_keys: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}

    def key(f: Fact) -> str:
        prefix = _PREFIX[f.type]
        k = fact_keys.get((f.type, f.name))
        if k is None:
            counters[prefix] = counters.get(prefix, 0) + 1
            k = fact_keys[(f.type, f.name)] = f"{prefix}{counters[prefix]}"
        return k

    for f in x.facts:
        key(f)

    def ref(type_: str, name: str | None) -> str | None:
        return fact_keys.get((type_, name)) if name else None

    def base(f: Fact) -> dict[str, Any]:
        d: dict[str, Any] = {
            "key": key(f),
            "name": normalize_name(f.name) if f.type != "policy" else f.name,
            "quote": f.evidence,
        }
        if f.inferred:
            d["inferred"] = sorted(set(f.inferred))
        return d

    lists: dict[str, list[dict[str, Any]]] = {}
    for f in x.facts:
        parties = [key_of[p] for p in f.parties if p in key_of]
        if f.type == "consortium":
            d = base(f)
            d["kind"] = f.attrs.get("kind", "other")
            if f.attrs.get("level"):
                d["level"] = f.attrs["level"]
            if f.attrs.get("aliases"):
                d["aliases"] = [normalize_name(a) for a in f.attrs["aliases"]]
            if f.attrs.get("founded"):
                d["founded"] = f.attrs["founded"]
            d["leads"] = [key_of[p] for p in f.parties if p in key_of and f.roles.get(p) == "lead"]
            d["members"] = [{"org": key_of[p]} for p in f.parties if p in key_of and f.roles.get(p) != "lead"]
            if f.attrs.get("composition"):
                d["composition"] = {k: _amount(v) for k, v in f.attrs["composition"].items()}
                if f.attrs.get("composition_as_of"):
                    d["composition_as_of"] = f.attrs["composition_as_of"]
            lists.setdefault("consortia", []).append(d)
        elif f.type == "event":
            d = base(f)
            d["kind"] = f.attrs.get("kind")
            for attr in ("date", "place"):
                if f.attrs.get(attr):
                    d[attr] = f.attrs[attr]
            for role, field in (("organiser", "organisers"), ("host", "hosts"), ("attendee", "attendees")):
                refs = [key_of[p] for p in f.parties if p in key_of and f.roles.get(p) == role]
                if refs:
                    d[field] = refs
            if f.attrs.get("consortium"):
                d["consortium"] = ref("consortium", f.attrs["consortium"])
            if f.attrs.get("attendee_counts"):
                d["attendee_counts"] = {k: _amount(v) for k, v in f.attrs["attendee_counts"].items()}
            lists.setdefault("events", []).append(d)
        elif f.type == "project":
            d = base(f)
            d["type"] = f.attrs.get("type", "other")
            d["parties"] = [
                {"org": key_of[p], "role": f.roles.get(p, "partner")} for p in f.parties if p in key_of
            ]
            if f.attrs.get("investment"):
                d["investment"] = f.attrs["investment"]
            if f.attrs.get("outputs"):
                d["outputs"] = dict(f.attrs["outputs"])
            if f.attrs.get("date"):
                d["date"] = f.attrs["date"]
            if f.attrs.get("event"):
                d["event"] = ref("event", f.attrs["event"])
                d["status"] = "signed"
            if f.attrs.get("approved_by"):
                d["approved_by"] = [key_of[p] for p in f.attrs["approved_by"] if p in key_of]
                d["status"] = f.attrs.get("status", "approved")
            if f.attrs.get("consortium"):
                d["consortium"] = ref("consortium", f.attrs["consortium"])
            lists.setdefault("projects", []).append(d)
        elif f.type == "agreement":
            d = base(f)
            if f.attrs.get("kind"):
                d["kind"] = f.attrs["kind"]
            if parties:
                d["parties"] = parties
            if f.attrs.get("signatory_count"):
                d["signatory_count"] = _amount(f.attrs["signatory_count"])
            for attr in ("date",):
                if f.attrs.get(attr):
                    d[attr] = f.attrs[attr]
            if f.attrs.get("event"):
                d["event"] = ref("event", f.attrs["event"])
            if f.attrs.get("consortium"):
                d["consortium"] = ref("consortium", f.attrs["consortium"])
            lists.setdefault("agreements", []).append(d)
        elif f.type == "program":
            d = base(f)
            d["owners"] = parties
            if f.attrs.get("targets"):
                d["targets"] = dict(f.attrs["targets"])
            if f.attrs.get("consortium"):
                d["consortium"] = ref("consortium", f.attrs["consortium"])
            lists.setdefault("programs", []).append(d)
        elif f.type == "policy":
            d = base(f)
            d["issuers"] = parties
            if f.attrs.get("date"):
                d["date"] = f.attrs["date"]
            lists.setdefault("policies", []).append(d)
    for field in ("consortia", "projects", "agreements", "events", "programs", "policies"):
        if field in lists:
            # Drop refs to nothing (None) that optional fields may hold.
            sheet[field] = [{k: v for k, v in d.items() if v is not None and v != []} for d in lists[field]]
    if x.industries:
        sheet["industries"] = [{"key": f"i{i}", "name": n} for i, n in enumerate(x.industries, 1)]
    FactSheet.model_validate(sheet)  # a draft that does not validate is a bug here, not the user's
    return sheet


def _fact_keys(x: Extraction) -> dict[str, Fact]:
    """Each fact's key in the draft (``pr1``, ``a2`` …), as ``to_sheet`` numbers them."""
    prefix = _PREFIX
    seen: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    out: dict[str, Fact] = {}
    for f in x.facts:
        if (f.type, f.name) not in seen:
            counters[f.type] = counters.get(f.type, 0) + 1
            seen[(f.type, f.name)] = k = f"{prefix[f.type]}{counters[f.type]}"
            out[k] = f
    return out


_KEY_LINE = re.compile(r"^(- key: )(c|e|pr|a|pg|pol)(\d+)$", re.M)


def _relation_comments(x: Extraction, text: str) -> str:
    """``- key: pr1  # relation: co_build (partnership)``: each fact's relation types as a
    YAML comment, for the reviewer (comments never reach the loader)."""
    facts = _fact_keys(x)

    def comment(m: re.Match[str]) -> str:
        f = facts.get(m.group(2) + m.group(3))
        rels = relations_of(f) if f is not None else []
        if not rels:
            return m.group(0)
        types = ", ".join(dict.fromkeys(r.type for r in rels))
        return f"{m.group(0)}  # relation: {types} ({rels[0].basis})"

    return _KEY_LINE.sub(comment, text)


def to_yaml(x: Extraction, sheet: dict[str, Any] | None = None) -> str:
    """The draft fact sheet as YAML text, with a header saying it needs review and each
    fact's relation type (partnership or co-presence) as a comment."""
    head = (
        f"# Draft fact sheet drafted by `iegraph extract` from {x.article.file or 'an article'}.\n"
        "# Review every entry against its quote, fix names and kinds, then set draft: false.\n"
    )
    sheet = to_sheet(x) if sheet is None else sheet
    # The C emitter (libyaml) when available: half the time of a draft is YAML otherwise.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(sheet, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200)
    return head + _relation_comments(x, body)


def to_json(x: Extraction) -> dict[str, Any]:
    """The extraction for inspection: organisations, relations (with evidence), people."""
    rels = []
    for f in x.facts:
        rel: dict[str, Any] = {
            "type": f.type,
            "name": f.name,
            "parties": list(f.parties),
            "evidence": f.evidence,
        }
        if f.roles:
            rel["roles"] = dict(f.roles)
        attrs = {k: v for k, v in f.attrs.items() if v not in (None, [], {})}
        if attrs:
            rel["attributes"] = attrs
        if f.inferred:
            rel["inferred"] = sorted(set(f.inferred))
        rel["relation_types"] = [
            {"type": r.type, "basis": r.basis, "parties": list(r.parties)} for r in relations_of(f)
        ]
        rels.append(rel)
    return {
        "source": {k: v for k, v in to_sheet(x)["source"].items()},
        "city": x.city,
        "organizations": [
            {"name": normalize_name(o.name), "kind": o.kind, "level": o.level, "mentions": o.mentions}
            for o in x.orgs
        ],
        "people": [
            {
                "name": p.name,
                "positions": [{"org": o, "title": t} for o, t in p.positions],
                "evidence": p.evidence,
            }
            for p in x.people
        ],
        "relations": rels,
        "industries": x.industries,
    }


def write_draft(x: Extraction, out_dir: Path, sheet: dict[str, Any] | None = None) -> Path:
    """Write the draft (``sheet`` if given, e.g. after graph matching) as OUT_DIR/<stem>.yaml."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(x.article.file).stem if x.article.file else "article"
    path = out_dir / f"{stem}.yaml"
    path.write_text(to_yaml(x, sheet), encoding="utf-8")
    return path
