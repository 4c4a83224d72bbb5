"""Translation family detectors (TR101-TR106) on invented text: other people, places and source languages."""

from __future__ import annotations

import pytest

from auditor.document import Document
from auditor.loader import load_rules

RULES = {r.id: r for r in load_rules() if r.id.startswith("TR")}


def found(rule_id: str, text: str) -> list[str]:
    """The text of every span ``rule_id`` reports in ``text``."""
    doc = Document(text)
    return [text[h.start : h.end] for h in RULES[rule_id].find(doc) if h.start is not None]


def suggestions(rule_id: str, text: str) -> list[str | None]:
    return [h.suggestion for h in RULES[rule_id].find(Document(text))]


# -- TR101 doubled word ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("The ministry said it would would not comment.", ["would would"]),
        ("Talks in in Doha resumed on Sunday.", ["in in"]),
        ("the the talks collapsed\nThe The next line", ["the the"]),
        ("A spokesman for the the Bundesbank declined.", ["the the"]),
        ("Ministers of of the bloc met in Brussels.", ["of of"]),
    ],
)
def test_doubled_word_found(text: str, reported: list[str]) -> None:
    assert found("TR101", text) == reported


@pytest.mark.parametrize(
    "text",
    [
        "What she had had was a warning.",
        "He argued that that was not enough.",
        "What it was was a disaster, Mr Okonjo-Iweala said.",
        "Bora Bora and Baden-Baden are resorts; Sirhan Sirhan was convicted.",
        "Duran Duran played; the crowd chanted bye bye.",
        "The deputy-deputy post was abolished.",
        "It was a very very long night in Lagos.",
    ],
)
def test_doubled_word_not_found(text: str) -> None:
    assert found("TR101", text) == []


def test_doubled_word_suggests_the_single_word() -> None:
    assert suggestions("TR101", "The commission commission met.") == ["commission"]
    assert suggestions("TR101", "The commission said its its report was ready.") == ["its"]


def test_doubled_word_at_the_start_of_the_text_and_of_a_paragraph() -> None:
    assert found("TR101", "the the minister spoke.") == ["the the"]
    assert found("TR101", "First line.\n  to to the point") == ["to to"]


# -- TR102 honorific as a noun ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported", "suggestion"),
    [
        ("On Tuesday gentlemen. Xi met the delegation.", "gentlemen. Xi", "Mr. Xi"),
        ("The talks ended. lady. Tsai said Taiwan would not yield.", "lady. Tsai", "Ms. Tsai"),
        ("Later, madam. Kallas told reporters the aid would come.", "madam. Kallas", "Ms. Kallas"),
        ("At the summit gentleman Modi spoke first.", "gentleman Modi", "Mr. Modi"),
        ("The minister thanked mister Lula for the invitation.", "mister Lula", "Mr. Lula"),
    ],
)
def test_honorific_as_noun(text: str, reported: str, suggestion: str) -> None:
    hits = list(RULES["TR102"].find(Document(text)))
    assert [text[h.start : h.end] for h in hits] == [reported]
    assert hits[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Good evening, ladies and gentlemen. Macron will speak shortly.",
        "The event was hosted by the first lady. Obama arrived later.",
        "Yes, sir. Kim has left the building.",
        "The gentlemen of the press waited outside.",
        "Sir Keir Starmer met Madame Tussauds staff.",
        "The old lady. The old man. The old house.",
    ],
)
def test_honorific_as_noun_clean(text: str) -> None:
    assert found("TR102", text) == []


# -- TR103 title after the name -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("In Seoul, Yoon gentleman said the drills would continue.", "Yoon gentleman"),
        ("Afterwards Ishiba Mr. told the Diet that taxes would rise.", "Ishiba Mr."),
        ("The envoy met Lagarde madam, who said rates would stay.", "Lagarde madam"),
    ],
)
def test_title_after_name(text: str, reported: str) -> None:
    assert found("TR103", text) == [reported]


@pytest.mark.parametrize(
    "text",
    [
        "A Ghanaian lady said the market had flooded.",
        "Mr. Ishiba told the Diet that taxes would rise.",
        "Mr and Mrs Sato said they were pleased.",
        "The Grand Old Lady said nothing.",
    ],
)
def test_title_after_name_clean(text: str) -> None:
    assert found("TR103", text) == []


# -- TR104 'Mr. X' turned into a full stop ------------------------------------------------------------


def test_sentence_break_with_a_surname_used_elsewhere() -> None:
    text = (
        "Orban met Fico in Budapest. Orban said the talks were useful. Later Orban left.\n"
        "The government said Fico would meet Fico. Orban Adviser Balazs Orban joined them."
    )
    assert found("TR104", text) == ["Fico. Orban"]


@pytest.mark.parametrize(
    "text",
    [
        # a first name and surname after a name: "Gordon Brown" is a name, not "Mr. Gordon"
        "He met Blair. Gordon Brown said little. Brown left. Brown returned.",
        # a company name in the possessive
        "said Mr Pollard. Arbor Network's software is used. Arbor grew. Arbor sold.",
        # the capitalised word is capitalised elsewhere too: a name or title, not a slip
        "Biden met Putin. Biden Administration officials agreed. Biden left. The Biden Administration said.",
    ],
)
def test_sentence_break_clean(text: str) -> None:
    assert found("TR104", text) == []


# -- TR105 said + role noun at sentence end -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported", "suggestion"),
    [
        ("“The border stays closed,” told Spokeswoman.", "told Spokeswoman", "told the spokeswoman"),
        ("The decision was final, stated the Minister.", "stated the Minister", "stated the minister"),
        ("“We are ready,” said Diplomat; talks went on.", "said Diplomat", "said the diplomat"),
    ],
)
def test_said_role(text: str, reported: str, suggestion: str) -> None:
    hits = list(RULES["TR105"].find(Document(text)))
    assert [text[h.start : h.end] for h in hits] == [reported]
    assert hits[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "“We are ready,” said Scholz.",
        "“We are ready,” said Minister Baerbock.",
        "The award went to the Minister.",
        "She was named Spokeswoman of the Year.",
    ],
)
def test_said_role_clean(text: str) -> None:
    assert found("TR105", text) == []


# -- TR106 verb-final clause (info) -------------------------------------------------------------------


def test_verb_final_is_info() -> None:
    text = "Berlin warned it would sanctions Moscow begin, officials said."
    hits = list(RULES["TR106"].find(Document(text)))
    assert [text[h.start : h.end] for h in hits] == ["sanctions Moscow begin"]
    assert str(RULES["TR106"].severity) == "info"


def test_verb_final_clean() -> None:
    assert found("TR106", "Officials said the Olympics will begin. The Games start.") == []


def test_office_after_a_full_name() -> None:
    text = "In Seoul, Yoon Suk Yeol President said the drills would go on. Later Han Duck President told MPs."
    assert found("TR103", text) == ["Suk Yeol President", "Han Duck President"]
    hits = list(RULES["TR103"].find(Document("At the summit Narendra Modi Prime Minister said India was ready.")))
    assert [h.suggestion for h in hits] == ["Prime Minister Narendra Modi"]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the Ukrainian Foreign Minister said talks would resume.",
        "Northern Ireland Secretary said nothing; Labour Party Chairman said little.",
        "Meanwhile White House Spokesman said the call was useful.",
        "Kenyan President said the vote was fair.",
    ],
)
def test_office_after_words_that_are_not_names(text: str) -> None:
    assert found("TR103", text) == []
