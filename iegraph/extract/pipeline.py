"""From a cleaned article to an :class:`Extraction`: the stages of ``stages.py`` in order.

sentences → mentions → organisations → relations → facts (``clean`` before, in
``document.py``; ``draft`` after, in ``draft.py``). The types live in ``model.py``;
organisation names in ``orgs.py`` and ``canonical.py``; people in ``people.py``; events
and consortia in ``events.py``; projects, agreements, policies, programs and industries
in ``facts.py``. The names below stay importable from here for existing callers.
"""

from __future__ import annotations

from iegraph.extract.canonical import build_orgs
from iegraph.extract.document import Article
from iegraph.extract.model import Extraction, Fact, Person, Sentence, State, split_sentences
from iegraph.extract.stages import STATE_STAGES, extraction

__all__ = [
    "Extraction",
    "Fact",
    "Person",
    "Sentence",
    "State",
    "build_orgs",
    "extract",
    "run_stages",
    "split_sentences",
]


def run_stages(article: Article) -> State:
    """Every stage over a fresh state of ``article``; the state, for inspection."""
    state = State(article)
    for stage in STATE_STAGES:
        stage(state)
    return state


def extract(article: Article) -> Extraction:
    """Run every stage over a cleaned article."""
    return extraction(run_stages(article))
