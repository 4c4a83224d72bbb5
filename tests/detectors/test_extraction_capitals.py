"""Link-text capitals (EX103 function word, EX104 after a comma, EX105 common word) on invented text."""

from __future__ import annotations

import pytest

from auditor.detectors import capitals
from auditor.document import Document
from auditor.model import Severity

from .support import RULES, found, hits

# -- EX103 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported", "suggestion"),
    [
        ("Ankara said the EU and OSCE They have been unhelpful. OSCE officials disagreed.", "OSCE They", "OSCE. They"),
        ("Analysts expect that ASEAN Will no longer wait for Myanmar.", "ASEAN Will", "ASEAN will"),
        (
            "Ruto met Abiy. “President Ruto It will stress our support,” a spokesman said. Ruto left.",
            "Ruto It",
            "Ruto. It",
        ),
        ("The border guards told her She could not cross until Monday.", "her She", "her. She"),
        ("Lula spoke. The pact with Lula Must be ratified, Lula said.", "Lula Must", "Lula must"),
        ("Sanctions followed last time Iran In response to the drone strikes. Iran protested.", "Iran In", "Iran. In"),
        (
            "Mexico spoke first. Nobody knows whether Mexico If Canada signs will sign. Canada declined.",
            "Mexico If",
            "Mexico. If",
        ),
        ("“The deal is dead,” Orban Said. Orban then left for Vienna; Orban returned.", "Orban Said", "Orban said"),
        ("Chile signed and Peru agreed. Later Chile And Peru met again.", "Chile And", "Chile and"),
    ],
)
def test_function_word_capital_found(text: str, reported: str, suggestion: str) -> None:
    found_hits = hits("EX103", text)
    assert [text[h.start : h.end] for h in found_hits] == [reported]
    assert found_hits[0].suggestion == suggestion


def test_link_text_run_before_a_day_is_reported_whole() -> None:
    text = "Chancellor Olaf Scholz met President Emmanuel Macron Secure video link On Thursday, aides said."
    assert found("EX103", text) == ["Secure video link On"]


@pytest.mark.parametrize(
    "text",
    [
        "The novel One Flew Over the Cuckoo's Nest and the film Gone With the Wind were screened.",
        "Will Smith and Will and Grace star Debra Messing attended; Will Young sang.",
        "She starred in It Happened One Night and sang Stand By Me.",
        "President Ruto Will Travel to Berlin Next Week",  # a title-case headline
        "Stephen King's It is a long novel.",
        "Officials in The Hague and Los Angeles agreed.",
        "The charity Save The Children and the group Stand Up To Cancer welcomed it.",
        "When She came home I pretended to be asleep, a reader wrote.",
        "The Black Eyed Peas had a hit with Where Is the Love? in 2003.",
        "Vitamin A is found in carrots and Plan A was dropped in May last year.",
        "The talks resumed. In Nairobi, officials said they had hope.",
        "The thriller Hide and Seek led the chart. Hide And Seek, which opened first, fell.",
        "Pride And Prejudice and Crime And Punishment were reissued.",
    ],
)
def test_function_word_capital_leaves_titles_and_names(text: str) -> None:
    assert found("EX103", text) == []


def test_common_capitalised_word_before_function_word_needs_the_name_used_alone() -> None:
    # "Carry" is a common word, never used alone here: the title "Carry On" is left alone
    assert found("EX103", "The Carry On series ran for years.") == []


# -- EX104 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("The alliance will never admit Moldova, Has been seeking entry for years.", "Moldova, Has"),
        ("Officials also blamed Caracas, Claiming that the ships had no papers.", "Caracas, Claiming"),
        ("Talks stalled over the fishing rights, They said on Friday.", "rights, They"),
    ],
)
def test_capital_after_comma_found(text: str, reported: str) -> None:
    assert found("EX104", text) == [reported]


@pytest.mark.parametrize(
    "text",
    [
        "Flooding hit Reading, Woking and Barking, the agency said.",
        "His films include Jungle Fever, Do the Right Thing and Malcolm X.",
        "Shares rose in Beijing, Beijing traders said, and in Nanjing.",
        "Asked whether he would stay, he said nothing.",
    ],
)
def test_capital_after_comma_leaves_places_and_titles(text: str) -> None:
    assert found("EX104", text) == []


# -- EX105 ----------------------------------------------------------------------------------------------

DAMAGED = (
    "Kyiv said Poland and the EU They have agreed. Warsaw Will not wait. Kyiv thanked Warsaw, "
    "and Warsaw agreed. But Warsaw Critics believe the deal is weak, critics say."
)


def test_common_word_after_name_is_a_warning_in_a_damaged_article() -> None:
    found_hits = hits("EX105", DAMAGED)
    assert [DAMAGED[h.start : h.end] for h in found_hits] == ["Warsaw Critics"]
    assert found_hits[0].severity is None  # the rule's own severity: warning
    assert found_hits[0].suggestion == "Warsaw critics"


def test_common_word_after_name_is_information_with_one_cut() -> None:
    text = "Warsaw hosted it and Warsaw agreed. Warsaw Will wait. But Warsaw Critics believe it is weak, critics say."
    found_hits = hits("EX105", text)
    assert [text[h.start : h.end] for h in found_hits] == ["Warsaw Critics"]
    assert found_hits[0].severity is Severity.INFO


@pytest.mark.parametrize(
    "text",
    [
        DAMAGED + " The Biden Administration said Warsaw Party members agreed.",
        DAMAGED + " Leicester Tigers coach Ian Ross praised Downing Street officials.",
        DAMAGED + " Gordon Brown said the figures were strong.",
        DAMAGED + " The Conservatives said In Britain prices fell.",
    ],
)
def test_common_word_after_name_leaves_names(text: str) -> None:
    assert found("EX105", text) == ["Warsaw Critics"]


def test_common_word_after_name_needs_a_cut_in_the_article() -> None:
    text = "Warsaw hosted it and Warsaw agreed. But Warsaw Critics believe it is weak, critics say."
    assert found("EX105", text) == []


def test_pronoun_before_a_capitalised_word() -> None:
    text = DAMAGED + " “he Additional aid must follow,” Warsaw said."
    assert "he Additional" in found("EX105", text)


# -- the shared pass ----------------------------------------------------------------------------------


def test_the_three_rules_share_one_pass_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = capitals._Context

    def counting(text: str, lists: capitals.Lists) -> object:
        calls.append(text)
        return real(text, lists)

    monkeypatch.setattr(capitals, "_Context", counting)
    doc = Document(DAMAGED)
    for rule_id in ("EX103", "EX104", "EX105"):
        list(RULES[rule_id].find(doc))
    assert len(calls) == 1


def test_an_article_configured_in_another_language_is_left_alone() -> None:
    doc = Document(DAMAGED, language="de")
    assert [list(RULES[r].find(doc)) for r in ("EX103", "EX104", "EX105")] == [[], [], []]
    assert list(RULES["EX103"].find(Document(DAMAGED, language="en-GB")))
