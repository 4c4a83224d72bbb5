"""Readability works offline (textstat 0.7.8 + pyphen) and agrees with textstat's own formula."""

from __future__ import annotations

import socket

import pytest
import textstat

from auditor.detectors.readability import flesch_reading_ease
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
    assert textstat.syllable_count("international") == 5
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
