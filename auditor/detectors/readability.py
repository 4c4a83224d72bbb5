"""Readability measures for the ``metric`` kind: Flesch reading ease (RD101).

Syllables come from textstat (0.7.8, which counts them with pyphen's shipped
dictionaries, offline), cached per word.  The article's score is computed on
its first ``sample_words`` words: an estimate that costs the same for any length.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from operator import mul

from auditor.document import Document

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CHARS_PER_WORD = 6  # average English word plus its space: sizes the sample in characters


@lru_cache(maxsize=100_000)
def syllables(word: str) -> int:
    import textstat  # imported when first needed: it is slow to import

    return max(1, int(textstat.syllable_count(word.lower())))


def flesch_reading_ease(doc: Document, *, sample_words: int) -> tuple[float, int] | None:
    """(reading ease, words sampled), or None when there are too few sentences to judge.

    The sample is the whole sentences that start in the first ``sample_words``
    words' worth of characters.
    """
    budget = sample_words * _CHARS_PER_WORD
    sentences = [s for s in doc.sentences if s.start < budget] or list(doc.sentences[:1])
    if len(sentences) < 3:
        return None
    end = sentences[-1].end
    words = _WORD.findall(doc.text, sentences[0].start, end)
    if len(words) < 30:
        return None
    counts = Counter(words)
    syllable_total = sum(map(mul, map(syllables, counts), counts.values()))
    return 206.835 - 1.015 * (len(words) / len(sentences)) - 84.6 * (syllable_total / len(words)), len(words)
