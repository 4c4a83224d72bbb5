"""How common a word is in English (or another language), from wordfreq's shipped data.

Detectors use it to tell a real word from a garble ("border" + "At" are both
words; "Brinken" is not).  Lookups are cached; nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

#: Zipf 3 is about once per million words: "ceasefire", "Kremlin", "hawkish".
COMMON = 3.0


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "en") -> float:
    """wordfreq's Zipf frequency (0 for unknown, about 7 for "the")."""
    return float(zipf_frequency(word, lang))


def is_word(word: str, lang: str = "en", *, threshold: float = COMMON) -> bool:
    """Whether ``word`` is at least as common as ``threshold`` on the Zipf scale."""
    return zipf(word, lang) >= threshold
