"""How common a word is in English (or another language), from wordfreq's shipped data.

Detectors use it to tell a real word from a garble ("border" + "At" are both
words; "Brinken" is not).  A plain lower-case ASCII word is looked up directly in
wordfreq's frequency table (about 50 ns); anything else goes through wordfreq's
tokenizer once and is cached.  Nothing is downloaded.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

#: Zipf 3 is about once per million words: "ceasefire", "Kremlin", "hawkish".
COMMON = 3.0


@cache
def _table(lang: str) -> dict[str, float]:
    # wordfreq is imported and its table read (about 0.5 s) on the first look-up, not at start-up:
    # a run over a few short clean files may never need it; ``warm`` loads it before workers fork.
    import wordfreq

    return wordfreq.get_frequency_dict(lang, "best")  # positional: shares wordfreq's own cache entry


def warm(lang: str = "en") -> None:
    """Load the frequency table now (the parent of forked workers does, so that they share it)."""
    _table(lang)


@lru_cache(maxsize=200_000)
def _tokenized(word: str, lang: str) -> float:
    import wordfreq

    return float(wordfreq.zipf_frequency(word, lang))


@lru_cache(maxsize=100_000)  # words recur: a lookup costs less than the log and the rounding
def zipf(word: str, lang: str = "en") -> float:
    """wordfreq's Zipf frequency (0 for unknown, about 7 for "the")."""
    if word.isascii() and word.isalpha() and word.islower():
        freq = _table(lang).get(word)
        return round(math.log10(freq) + 9, 2) if freq else 0.0
    return _tokenized(word, lang)


def is_word(word: str, lang: str = "en", *, threshold: float = COMMON) -> bool:
    """Whether ``word`` is at least as common as ``threshold`` on the Zipf scale."""
    return zipf(word, lang) >= threshold
