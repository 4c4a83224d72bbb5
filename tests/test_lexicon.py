from __future__ import annotations

import pytest
import wordfreq

from auditor.lexicon import is_word, zipf


@pytest.mark.parametrize("word", ["border", "the", "kremlin", "brinken", "hawkish", "Border", "naïve", "don't", "x"])
def test_fast_path_agrees_with_wordfreq(word: str) -> None:
    assert zipf(word) == wordfreq.zipf_frequency(word, "en")


def test_is_word() -> None:
    assert is_word("ceasefire") and not is_word("brinken")
