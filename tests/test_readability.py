"""Readability works offline (the CMU dictionary + pyphen) and agrees with textstat 0.7.8's counts and formula."""

from __future__ import annotations

import socket

import pytest
import textstat

from auditor.detectors.readability import flesch_reading_ease, syllables
from auditor.document import Document

TEXT = (
    "The council met on Monday to discuss the budget. Members argued for three hours. "
    "In the end they agreed to raise spending on schools and roads. The mayor said she was pleased. "
    "Critics said the plan would raise local taxes next year. A final vote is due in March."
)


def test_readability_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert syllables("international") == 5
    measured = flesch_reading_ease(Document(TEXT + " Unprecedented consultations."), sample_words=400)
    assert measured is not None


def test_matches_textstat_flesch_within_a_few_points() -> None:
    ours, words = flesch_reading_ease(Document(TEXT), sample_words=400)  # type: ignore[misc]
    theirs = textstat.flesch_reading_ease(TEXT)
    assert words == len(TEXT.split())
    assert abs(ours - theirs) < 5


def test_sample_bounds_the_work() -> None:
    long_text = TEXT * 50
    _, words = flesch_reading_ease(Document(long_text), sample_words=100)  # type: ignore[misc]
    assert 100 <= words < 130


WORDS = [
    "international",
    "don't",
    "O'Sullivan's",
    "Y'Self",
    "rock'n'roll",
    "Müller",
    "naïve",
    "genomic",
    "Kylian",
    "Wanadoo",
    "Shaaban",
    "Floella",
    "designjo",
    "it's",
    "we've",
    "they'll",
    "she'd",
    "’tis",
    "l'Est",
    "aujourd'hui",
    "Ljubljana",
    "Tbilisi",
    "Zelenskyy",
    "unprecedented",
    "consultations",
    "a",
    "I",
    "the",
    "hour",
    "rhythm",
    "queue",
    "onomatopoeia",
]


@pytest.mark.parametrize("word", WORDS)
def test_the_syllable_count_is_textstats(word: str) -> None:
    # the compact table of the CMU dictionary and the pyphen fallback give textstat 0.7.8's count
    assert syllables(word) == max(1, int(textstat.syllable_count(word.lower())))


def test_the_syllable_table_holds_counts_not_phones() -> None:
    from auditor.detectors.readability import _cmu_counts

    table = _cmu_counts()  # counts, not the phone lists textstat keeps (70 MB of them)
    assert len(table) > 100_000 and all(type(n) is int for n in table.values())
    assert table["international"] == 5 and table["don't"] == 1
