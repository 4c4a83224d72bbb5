"""TR108 hyphen-for-dash on invented text: real compounds stay clean, dashes written as hyphens do not."""

from __future__ import annotations

import pytest

from auditor.document import Document
from auditor.loader import load_rules

RULE = next(r for r in load_rules() if r.id == "TR108")


def found(text: str) -> list[str]:
    return [text[h.start : h.end] for h in RULE.find(Document(text))]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Erdogan warned the Kurdish fighters-a threat he repeated on Friday.", ["fighters-a"]),
        ("The Sahel crisis-which began in Mali-has spread south.", ["crisis-which", "Mali-has"]),
        ("Officials in Caracas-who asked not to be named-said so.", ["Caracas-who", "named-said"]),
        ("The 2019 accord-the first in a decade-collapsed.", ["accord-the"]),
        ("Modi spoke after the G20-and said India would act.", ["G20-and"]),
        ("Scholz visited the plant-his third trip this year.", ["plant-his"]),
        ("the Kashmir dispute-one of the oldest in Asia", ["dispute-one"]),
        ("Lula had one priority-fighting the hunger that returned.", ["priority-fighting"]),
        ("Their meeting-Sunak speaking from London, Meloni from Rome-was brief.", ["meeting-Sunak", "Rome-was"]),
        ("Meloni smiled. After the vote in Milan-Meloni was re-elected.", ["Milan-Meloni"]),
    ],
)
def test_dash_written_as_hyphen(text: str, reported: list[str]) -> None:
    assert found(text) == reported


@pytest.mark.parametrize(
    "text",
    [
        "Iran-backed militias and pro-Kyiv volunteers fought a Soviet-era war.",
        "The Modi-Xi summit and the EU-China Council met; the Sino-Indian border is calm.",
        "A long-awaited, state-of-the-art, face-to-face, year-on-year, one-on-one review.",
        "Mr Bosch-Martinez said the Schleswig-Holstein vote was close; Jean-Luc Melenchon was there.",
        "The Wal-Mart store, the Hewlett-Packard printer and a Coca-Cola can.",
        "No-one knew; twenty-one people and a three-to-one majority; a number-one single.",
        "The all-in-one device, a built-in camera and a must-have gadget.",
        "Kim Jong-un and Moon Jae-in met; Stratford-upon-Avon and Southend-on-Sea voted.",
        "al-Sisi met bin-Salman at the anti-Houthi forum in mid-January.",
        "It was a decision-making body and a peace-keeping force with a law-abiding record.",
        "A U.S.–Russia deal; a well-known, cost-of-living, Leader-to-leader style.",
        "The Biden-Putin call was long; the Xi-Biden meeting was short.",
        "The vitamin-a pills and a Grade-A result; Post-it notes.",
    ],
)
def test_compounds_stay_clean(text: str) -> None:
    assert found(text) == []


def test_suggestion_writes_a_dash() -> None:
    (hit,) = list(RULE.find(Document("the Kashmir dispute-one of the oldest")))
    assert hit.suggestion == "dispute — one"


def test_title_case_compounds_and_slogans_stay_clean() -> None:
    # An invented sports and arts round-up from a Canadian site: team and show names in title case,
    # a slogan of the form "one X-one Y"; a lost dash before a surname is still found.
    text = (
        "The Stars beat Calgary on Friday. Fans of the Toronto All-Stars were less happy, and the "
        "All-Stars coach, Dana Roy, said so.\n\n"
        "Baby, the theatre's cat, is famous. The musical Cry-Baby is back at the Royal.\n\n"
        "In Nairobi, marchers chanted one person-one vote; an older banner read one man-one vote.\n\n"
        "Trudeau smiled. After the vote in Ottawa-Trudeau was cheered by his caucus."
    )
    assert found(text) == ["Ottawa-Trudeau"]
