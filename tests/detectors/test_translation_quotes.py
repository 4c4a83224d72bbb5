"""Quotation-mark rules TR109-TR114 on invented text, and the walk that feeds them."""

from __future__ import annotations

import pytest

from auditor.detectors.quotes import document_issues, quote_issues
from auditor.document import Document
from auditor.loader import load_rules

RULES = {r.id: r for r in load_rules() if r.id in {"TR109", "TR110", "TR111", "TR112", "TR113", "TR114"}}


def kinds(text: str) -> list[tuple[str, str]]:
    return [(i.kind, text[i.start : i.end]) for i in quote_issues(text)]


def test_closing_mark_glued_to_the_next_word() -> None:
    text = "“Nous avons gagné – we have won, ”Attal told supporters in Paris."
    assert kinds(text) == [("glued-close", "won, ”Attal")]
    (hit,) = list(RULES["TR109"].find(Document(text)))
    assert hit.suggestion == "won,” Attal"


def test_opening_mark_at_paragraph_end_then_clean_paragraph() -> None:
    text = "Sheinbaum said: “Mexico will not pay for the wall. “\nThe peso rose."
    assert kinds(text) == [("open-at-end", "wall. “")]
    assert [h.suggestion for h in RULES["TR110"].find(Document(text))] == ["wall.”"]


def test_spaced_closing_mark() -> None:
    text = "“The ceasefire must hold everywhere . ” Guterres said on Friday."
    assert kinds(text) == [("spaced-close", "everywhere . ”")]


def test_unclosed_quotation_reports_its_first_sentence() -> None:
    text = "Ramaphosa said: “The grid will recover by winter. Eskom disagreed with the forecast.\nMore news."
    assert kinds(text) == [("unclosed", "“The grid will recover by winter.")]


def test_unopened_quotation_reports_the_sentence_it_closes() -> None:
    text = "“We are ready,” Lai said. The island will defend itself, he said,” adding nothing."
    assert kinds(text) == [("unopened", "The island will defend itself, he said,”")]


@pytest.mark.parametrize(
    "text",
    [
        # a quotation over several paragraphs: no closing mark until the last one
        "Tinubu said: “The reforms are painful.\n“But they are necessary,” he added.",
        # the same with the paragraphs merged into one line by the scraper
        "Tinubu said: “The reforms are painful. “But they are necessary,” he added.",
        # apostrophes and single quotes are not quotation marks for the walk
        "“It’s the people’s choice,” Zelenskyy’s aide said of the ‘referendum’.",
        # curly quotes are fine in themselves
        "“One,” he said. “Two,” she replied. “Three.”",
        "No quotation marks at all.",
    ],
)
def test_clean_quotations(text: str) -> None:
    assert kinds(text) == []


def test_straight_marks_are_info_curly_marks_warnings() -> None:
    straight = 'She said "we are ready to talk. The ministry did not reply.\nTalks resume.'
    curly = "She said “we are ready to talk. The ministry did not reply.\nTalks resume."
    (s_hit,) = list(RULES["TR112"].find(Document(straight)))
    (c_hit,) = list(RULES["TR112"].find(Document(curly)))
    assert str(s_hit.severity) == "info"
    assert c_hit.severity is None  # the rule's own severity: warning
    assert str(RULES["TR112"].severity) == "warning"


def test_nested_straight_quotes_do_not_raise_a_warning() -> None:
    text = 'Kennedy said: "He was the "Father of the House" and took a keen interest."'
    assert all(str(h.severity) == "info" for r in RULES.values() for h in r.find(Document(text)))


def test_mixed_styles_reports_the_minority_style() -> None:
    text = '“A,” he said. “B,” she said. “C,” they said. He spoke of "red lines" today.'
    assert [k for k in kinds(text) if k[0] == "mixed"] == [("mixed", '"red lines"')]
    assert str(RULES["TR114"].severity) == "info"


def test_walk_is_cached_per_text() -> None:
    text = "“Unclosed quotation here.\nNext."
    doc = Document(text)
    assert document_issues(doc) is document_issues(doc)


@pytest.mark.parametrize(
    ("text", "reported", "suggestion"),
    [
        ("Lavrov said the plan was «a provocation» and left.", "«a provocation»", "“a provocation”"),
        ("Die Zeit called it „historisch” on Friday.", "„historisch”", "“historisch”"),
        (
            "Macron spoke of « souveraineté européenne » again.",
            "« souveraineté européenne »",
            "“souveraineté européenne”",
        ),
    ],
)
def test_foreign_quotation_marks(text: str, reported: str, suggestion: str) -> None:
    rule = next(r for r in load_rules() if r.id == "TR116")
    hits = list(rule.find(Document(text)))
    assert [(text[h.start : h.end], h.suggestion) for h in hits] == [(reported, suggestion)]


def test_breadcrumb_separators_are_not_quotation_marks() -> None:
    rule = next(r for r in load_rules() if r.id == "TR116")
    assert list(rule.find(Document("Home » World » Europe\nThe summit opened."))) == []


def test_a_quotation_nested_in_double_marks_is_balanced() -> None:
    text = "Kennedy said: “When I arrived he was the “Father of the House” and helped me.”"
    assert kinds(text) == []


def test_an_unclosed_quotation_around_a_nested_one_is_reported_once() -> None:
    text = "Obi said: “They called it “a victory” but it was not. The count resumed.\nNext."
    assert [k for k, _ in kinds(text)] == ["unclosed"]


def test_run_on_after_a_closing_single_quote() -> None:
    text = "He said: “I thought: ‘This is not my day.’ “But then I won,” he added."
    assert kinds(text) == []


def test_a_double_mark_spaced_from_a_nested_close_closes_the_outer_quotation() -> None:
    # An invented court report from a Nigerian daily, curly and straight, with nested quotations
    # whose closing marks are set a space apart, at a paragraph's end and mid-paragraph.
    text = (
        "The judge told the court: “The witness said ‘I saw nothing.’ ”\n"
        "“Counsel called it ‘a fabrication.’ ” Justice Bello said, and adjourned.\n"
        "Later she added: \"The defence wrote 'we object.' \" The clerk noted it.\n"
        "\"Nobody said 'guilty.' \"\n"
    )
    assert [k for k in kinds(text) if k[0] != "mixed"] == []  # (the article mixes curly and straight marks)
    # a nested quotation that closed earlier does not excuse a spaced close later
    wrong = "“Counsel called it ‘a fabrication’ and sat down. ” Justice Bello said."
    assert kinds(wrong) == [("spaced-close", "down. ”")]


def test_nested_close_look_back_is_bounded() -> None:
    text = "“a ‘b.’ ” " + "x' \" " * 20_000
    assert isinstance(quote_issues(text), tuple)


def test_a_mark_opening_after_a_nested_close_still_opens() -> None:
    # 'that's it.' "My ... ": after a closed single quotation, a straight mark followed by a word opens
    text = 'The coach said: \'Look at that.\' "My view is simple," he added, "we play on."'
    assert kinds(text) == []


def test_a_long_unclosed_quotation_is_cut_at_a_word_end() -> None:
    # An invented student-sport report: the quotation never closes and its sentence runs past the cap.
    quote = (
        '"The growing number of young players entering higher education look for the biggest challenge, '
        "that is representative rugby, but this year that opportunity will be denied them and their coaches"
    )
    text = "The union wrote to the colleges. " + quote + " are angry.\nThe season starts in May."
    ((_, span),) = [k for k in kinds(text) if k[0] == "unclosed"]
    assert span.startswith('"The growing') and len(span) <= 150
    end = text.index(span) + len(span)
    assert text[end] == " " and span[-1].isalnum()  # a whole word, never "th|at"


def test_a_long_unopened_quotation_starts_at_a_word() -> None:
    words = "the council would not lift the embargo on the harbour until the inquiry had reported on the fire"
    text = (
        "Ministers met on Monday. It said "
        + words
        + " and the damage it caused to the old quay walls."
        + '" Then it ended.'
    )
    ((_, span),) = [k for k in kinds(text) if k[0] == "unopened"]
    start = text.index(span)
    assert len(span) <= 151 and text[start - 1] == " " and span[0].isalnum()  # never "em|bargo"


def test_a_quotation_over_paragraphs_without_continuation_marks_is_one_finding() -> None:
    # Invented, in the style of a translation from Russian: the quotation closes only at the end of
    # its last paragraph and the middle paragraphs open with no mark. An editor adds the marks; one
    # finding, where the quotation opens.
    text = (
        "The mayor was blunt. “To be honest, I did not know about the landfill.\n"
        "I had no idea that this was still possible in our region in 2020”, he told reporters.\n"
        "The council meets on Friday.\n"
    )
    assert [k for k, _ in kinds(text)] == ["unclosed"]
    # a closing mark far from any opening one is a defect of its own
    far = text.replace("I had no idea", "\n".join(["Another paragraph."] * 9) + "\nI had no idea")
    assert [k for k, _ in kinds(far)] == ["unclosed", "unopened"]
