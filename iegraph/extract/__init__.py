"""News extraction: Chinese articles -> reviewable draft fact sheets with quotes.

``extract_text(text)`` / ``extract_file(path)`` return an :class:`Extraction`;
``draft.to_yaml`` / ``draft.to_json`` render it; ``evaluate.evaluate_dir`` scores
extraction against hand-checked gold fact sheets. Offline and deterministic: rules
and dictionaries (``lexicon``), OpenCC for 繁→简, jieba's dictionary for place names.
"""

from __future__ import annotations

from pathlib import Path

from iegraph.extract.document import Article, parse_article, read_article
from iegraph.extract.pipeline import Extraction, extract

__all__ = ["Article", "Extraction", "extract_file", "extract_text"]


def extract_text(text: str, *, file: str | None = None) -> Extraction:
    """Extract from an article's text (plain or HTML, simplified or traditional)."""
    return extract(parse_article(text, file=file))


def extract_file(path: Path, encoding: str = "utf-8") -> Extraction:
    """Extract from an article file; undecodable bytes raise InputError (one line)."""
    return extract(read_article(path, encoding))
