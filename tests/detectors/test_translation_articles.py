"""TR115 article agreement on invented text."""

from __future__ import annotations

import pytest

from auditor.detectors.articles import _vowel_sound
from auditor.document import Document
from auditor.loader import load_rules

RULE = next(r for r in load_rules() if r.id == "TR115")


def found(text: str) -> list[tuple[str, str | None]]:
    return [(text[h.start : h.end], h.suggestion) for h in RULE.find(Document(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tehran called it a “insult” to the nation.", [("a “insult", "an “insult")]),
        ("Pyongyang fired a intercontinental missile.", [("a intercontinental", "an intercontinental")]),
        ("It is an major step, said Ruto.", [("an major", "a major")]),
        ("Buhari made an unilateral move.", []),  # 'unil-' is left to the reader
        ("An Ukrainian drone hit a oil depot.", [("An Ukrainian", "A Ukrainian"), ("a oil", "an oil")]),
        ("Bolsonaro faced an one-year ban.", [("an one-year", "a one-year")]),
    ],
)
def test_article_disagreement(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(found(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "An hour later an heir and a historian met an honest MP.",
        "A UN envoy, an FBI agent, an NGO worker and a NATO summit.",
        "A European, a eulogy, a ewe, a one-off, a once-great party.",
        "An umbrella, an upbeat mood, an unusual step, an ultimatum.",
        "A unit, a union, a university, a user, a usual suspect, a Ukrainian.",
        "Juventus won Serie A on Sunday and got grade A in the audit.",
        "He gave an x-ray; an 18-year-old and a 1990s hit.",
    ],
)
def test_agreement_clean(text: str) -> None:
    assert found(text) == []


def test_vowel_sound_says_unknown_where_spelling_does_not_decide() -> None:
    assert _vowel_sound("hotel") is None
    assert _vowel_sound("uranium") is False
    assert _vowel_sound("unhappy") is True
    assert _vowel_sound("Iraqi") is True


def test_rule_is_info() -> None:
    assert str(RULE.severity) == "info"
