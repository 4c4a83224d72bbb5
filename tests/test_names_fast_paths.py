"""The names analysis' fast paths give what the plain scans give (issue 14: speed, no detection change)."""

from __future__ import annotations

import random

from auditor.detectors.names import context

_PIECES = [
    "US", "U.S.", "U.S.A.", "USA", "UK", "U.K.", "UN", "U.N.", "EU", "NATO", "Nato", "alliance", "alliances",
    "Russia's", "Russian", "Russians", "Ukraine's", "India's", "Indian", "United States", "United  Kingdom",
    "United\nNations", "New Delhi", "South Korea", "South Korean", "North Korean", "Élysée", "Türkiye",
    "Democratic", "Democrats", "European Union", "xUS", ".US", "_US", "'", "s", ".", "-", " ", "\n", "a", "N",
    "²", "é", "\u0308", "White House", "Washington's",
]  # fmt: skip


def _plain(text: str) -> frozenset[str]:
    return frozenset(m.lastgroup for m in context._country_re().finditer(text) if m.lastgroup)


def test_country_cues_is_the_plain_scan() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) + rng.choice(["", " ", ".", "'"]) for _ in range(rng.randint(20, 120)))
        assert context.country_cues(text) == _plain(text), text


def test_every_country_alternative_has_a_leading_literal() -> None:
    for words in context._COUNTRY_WORDS.values():
        for alt in context._alternatives(words):
            assert len(context._leading_literal(alt)) >= 2, alt
