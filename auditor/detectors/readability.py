"""Readability: Flesch reading ease of the article, and run-on sentences.

Syllables come from textstat (0.7.8, which counts them with pyphen's shipped
dictionaries, offline), cached per word.  The article's score is computed on
its first ``sample_words`` words: an estimate that costs the same for any length.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import textstat

from auditor.document import Document
from auditor.model import Hit
from auditor.rule import Rule

_PUNCT = "\"'“”‘’()[]{}.,;:!?…–—-*•"


@lru_cache(maxsize=100_000)
def syllables(word: str) -> int:
    return max(1, int(textstat.syllable_count(word)))


def flesch_reading_ease(doc: Document, *, sample_words: int) -> tuple[float, int] | None:
    """(reading ease, words sampled), or None when there are too few sentences to judge."""
    words = sentences = syllable_total = 0
    for span in doc.sentences:
        tokens = [t.strip(_PUNCT) for t in doc.text[span.start : span.end].split()]
        tokens = [t for t in tokens if t and any(c.isalpha() for c in t)]
        if not tokens:
            continue
        sentences += 1
        words += len(tokens)
        syllable_total += sum(syllables(t.lower()) for t in tokens)
        if words >= sample_words:
            break
    if sentences < 3 or words < 30:
        return None
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllable_total / words), words


def reading_ease(doc: Document, rule: Rule) -> Iterator[Hit]:
    minimum = float(rule.options.get("minimum", 30))
    measured = flesch_reading_ease(doc, sample_words=int(rule.options.get("sample_words", 400)))
    if measured is not None and measured[0] < minimum:
        yield Hit(None, None, fields={"score": f"{measured[0]:.0f}", "minimum": f"{minimum:.0f}"})


def long_sentence(doc: Document, rule: Rule) -> Iterator[Hit]:
    limit = int(rule.options.get("max_words", 60))
    text = doc.text
    for span in doc.sentences:
        if span.end - span.start < limit * 4:  # too short in characters to hold that many words
            continue
        count = len(text[span.start : span.end].split())
        if count > limit:
            yield Hit(span.start, span.end, fields={"words": str(count), "limit": str(limit)})
