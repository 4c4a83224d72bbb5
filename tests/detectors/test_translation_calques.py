"""TR107's lexicon (rules/translation/calques.yaml): every entry's own examples, plus invented ones."""

from __future__ import annotations

import pytest

from auditor.detectors.calques import Calque, build_lexicon, find_calques, trie_pattern
from auditor.document import Document
from auditor.loader import load_rules
from auditor.rule import Example

RULE = next(r for r in load_rules() if r.id == "TR107")
LEXICON = RULE.settings.lexicon


def spans(text: str) -> list[tuple[str, str]]:
    """(entry id, reported text) for every calque found in ``text``."""
    return [(entry.id, text[s:e]) for s, e, entry, _ in find_calques(text, LEXICON)]


def _cases() -> list[tuple[Calque, str, bool]]:
    out = []
    for entry in LEXICON.entries:
        out += [(entry, t, True) for t in entry.fail]
        out += [(entry, t, False) for t in entry.passing]
    return out


@pytest.mark.parametrize(("entry", "marked", "failing"), _cases(), ids=lambda v: v.id if isinstance(v, Calque) else "")
def test_entry_example(entry: Calque, marked: str, failing: bool) -> None:
    example = Example.parse(marked)
    got = [(s, e) for s, e, found, _ in find_calques(example.text, LEXICON) if found.id == entry.id]
    if failing:
        assert example.spans, f"{entry.id}: fail example without a [[marked]] span"
        assert got == list(example.spans), (entry.id, example.text, got)
    else:
        assert got == [], (entry.id, example.text, got)


def test_every_entry_has_examples_a_note_and_a_source() -> None:
    for entry in LEXICON.entries:
        assert entry.fail and entry.passing, entry.id
        assert entry.note and entry.source and entry.suggestion, entry.id


def test_every_key_can_reach_its_entry() -> None:
    """A key must occur in the entry's fail examples, or the scanner could never try the pattern."""
    for entry in LEXICON.entries:
        for text in entry.fail:
            assert any(k in text.lower() for k in entry.keys), (entry.id, text)


@pytest.mark.parametrize(
    ("text", "entry_id", "reported"),
    [
        ("Erdogan met the Syrian guide and the Iranian envoy.", "guide-for-leader", "the Syrian guide"),
        ("The Elysee's reading of the conversation was short.", "reading-for-readout",
         "Elysee's reading of the conversation"),
        ("She has worked for the ministry since five years.", "since-duration", "since five years"),
        ("Paris has insisted since a year that talks resume.", "since-duration", "since a year"),
        ("Kiev said it would respond in the nearest time.", "in-the-near-time", "in the nearest time"),
        ("The Quai d'Orsay spokesman said Paris backs the Hebrew State.", "hebrew-state", "the Hebrew State"),
        ("A delegation realised a working visit to Luanda.", "realised-a-visit", "realised a working visit"),
        ("Madrid offered a news conference after the vote.", "offered-a-press-conference", "offered a news conference"),
        ("The dove camp in Tokyo lost the argument.", "bird-factions", "dove camp"),
        ("French Protection Minister Florence Parly visited Mali.", "spun-defence-minister", "Protection Minister"),
        ("The Labour Get together conference opens today.", "spun-party", "Get together"),
        ("“Since four months we have waited,” he said.", "since-duration", "Since four months"),
    ],
)
def test_invented_fail(text: str, entry_id: str, reported: str) -> None:
    assert (entry_id, reported) in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ever since two years ago the talks have stalled.",
        "He was our Turkish guide for the day, and the guide said so.",
        "The tour guide book was sold out.",
        "Children's home workplace rules were tightened.",
        "The Home Secretary said she would act since 2019 rules lapse.",
        "A hawk-eyed referee spotted the foul.",
        "The case is in the frame of mind of the jury, said the judge.",
        "The court will hear the appeal between now and June.",
        "Supporters celebrated the election result in Kyiv.",
        "The Protection of Freedoms Act was passed in 2012.",
        "The Child Protection Minister resigned.",
        "Nationwide, safety councils were set up in every town.",
    ],
)
def test_invented_pass(text: str) -> None:
    assert spans(text) == []


def test_the_rule_reports_entry_wording() -> None:
    doc = Document("The council realized a state visit to Rome.")
    hits = list(RULE.find(doc))
    assert len(hits) == 1
    assert hits[0].suggestion == "made a visit"
    assert "visit" in hits[0].fields["note"]


def test_info_entries_lower_the_severity() -> None:
    doc = Document("Biden and Putin's appeal was the second this month.")
    (hit,) = list(RULE.find(doc))
    assert str(hit.severity) == "info"


def test_shorter_key_is_tried_when_a_longer_key_shares_its_prefix() -> None:
    lex = build_lexicon([
        {"id": "a", "key": "home", "pattern": r"Home Speaker", "suggestion": "House Speaker", "note": "n",
         "source": "s"},
        {"id": "b", "key": "home of", "pattern": r"Home of Commons", "suggestion": "House of Commons", "note": "n",
         "source": "s"},
    ])
    assert [e.id for _, _, e, _ in find_calques("The Home of Commons met.", lex)] == ["b"]
    assert [e.id for _, _, e, _ in find_calques("Home Speaker Smith spoke.", lex)] == ["a"]


def test_trie_pattern_matches_each_word_and_prefers_the_longest() -> None:
    import re

    rx = re.compile(trie_pattern(["home", "home of", "hawk", "since"]))
    assert rx.match("home of the").group() == "home of"
    assert rx.match("homes").group() == "home"
    assert rx.match("hawkish").group() == "hawk"
    assert rx.match("sin") is None


def test_malformed_entry_is_named() -> None:
    with pytest.raises(ValueError, match="broken"):
        build_lexicon([{"id": "broken", "key": "Upper", "pattern": "x", "suggestion": "y", "note": "n"}])
