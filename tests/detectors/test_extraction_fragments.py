"""Injected lines (EX106 orphan fragment, EX107 related-article headline) and whole invented articles."""

from __future__ import annotations

from auditor.config import Config
from auditor.engine import Auditor
from auditor.model import Severity

from .support import hits

P1 = "Dockworkers returned to work on Monday after a two-week strike that left ships waiting off the coast."
P2 = "The port authority said it expected traffic to return to normal by the end of the month."


def article(*lines: str) -> str:
    return "\n\n".join(("Ports reopen after strike", P1, *lines, P2)) + "\n"


# -- EX106 ----------------------------------------------------------------------------------------------


def test_lower_case_fragment_between_paragraphs_is_a_warning() -> None:
    text = article("cost Rotterdam")
    found = hits("EX106", text)
    assert [text[h.start : h.end] for h in found] == ["cost Rotterdam"]
    assert found[0].severity is None


def test_capitalised_short_line_is_information() -> None:
    text = article("Cargo backlog")
    found = hits("EX106", text)
    assert [text[h.start : h.end] for h in found] == ["Cargo backlog"]
    assert found[0].severity is Severity.INFO


def test_fragment_rule_leaves_headline_lists_sentences_and_footers() -> None:
    assert hits("EX106", "cargo news today\n\n" + P1 + "\n\n" + P2) == []  # the first line is the headline
    assert hits("EX106", article("- wages rise 4%")) == []
    assert hits("EX106", article("It ended.")) == []
    assert hits("EX106", article("iPhone exports")) == []
    assert hits("EX106", "Ports reopen\n\n" + P1 + "\n\nShare this article") == []  # last line: boilerplate's


def test_headings_and_section_breaks_are_not_fragments() -> None:
    # An invented timeline and results round-up from an Australian regional paper, and a press
    # release's boilerplate heading: every short line is a heading or a break, none a fragment.
    text = (
        "\n\n".join(
            (
                "A week on the river",
                "The flood warning was issued on Sunday night after the Murray rose faster than forecasters expected.",
                "Monday",
                "Sandbags were handed out in Echuca and the caravan park was cleared by police and volunteers.",
                "Tuesday 4 March",
                "The river peaked just below the levee, and the council said the town had been lucky this time.",
                "WHAT COMES NEXT",
                "Engineers will inspect the levee in April, the state government said in a statement on Friday.",
                "Weekend Sport In Brief",
                "Echuca 3-1 Moama, and the home side stays top of the ladder after a wet and scrappy game.",
                "Echuca 3 Moama 1",
                "Two late goals from the captain turned the game after the visitors had led at half-time.",
                "* * *",
                "About Riverina Water",
                "Riverina Water supplies drinking water to seventy thousand people across the region every day.",
                "X X X",
                "Readers can send photographs of the flood to the newsroom, which will publish a selection.",
            )
        )
        + "\n"
    )
    assert [text[h.start : h.end] for h in hits("EX106", text)] == []
    assert hits("BP103", text) == []


def test_a_heading_shape_with_the_sentence_going_on_is_still_a_fragment() -> None:
    text = article("Double Olympic Champion", "marked her return with a win in Perth on Saturday, her first race.")
    found = hits("EX106", text)
    assert [text[h.start : h.end] for h in found] == ["Double Olympic Champion"] and found[0].severity is None
    # a sentence-case line between whole paragraphs stays information (it may be a subheading)
    assert [h.severity for h in hits("EX106", article("Cargo backlog"))] == [Severity.INFO]


# -- EX107 ----------------------------------------------------------------------------------------------


def test_related_headline_with_attribution_is_a_warning() -> None:
    line = "Grain exports to fall by a third this year: Head of National Farmers Association"
    found = hits("EX107", article(line))
    assert len(found) == 1 and found[0].severity is None


def test_related_headline_under_another_injected_line_is_still_found() -> None:
    line = "Grain exports to fall by a third this year: Head of National Farmers Association"
    text = article("cost Rotterdam", line)
    assert [text[h.start : h.end] for h in hits("EX107", text)] == [line]
    assert [text[h.start : h.end] for h in hits("EX106", text)] == ["cost Rotterdam"]


def test_plain_headline_shaped_line_is_information() -> None:
    found = hits("EX107", article("Shipping firms warn of higher prices as the backlog grows"))
    assert len(found) == 1 and found[0].severity is Severity.INFO


def test_headline_rule_leaves_the_title_and_broken_sentences() -> None:
    assert hits("EX107", "Ports reopen after strike: union leaders hail the deal today\n\n" + P1 + "\n\n" + P2) == []
    broken = (
        "Ports reopen\n\n"
        + P1[:-1]
        + " and the\n\nport authority said it expected traffic to recover soon now\n\n"
        + P2
    )
    assert hits("EX107", broken) == []


# -- whole articles ---------------------------------------------------------------------------------------

CLEAN = """Protesters rally in Santiago as Boric unveils pension plan

Chilean President Gabriel Boric unveiled a pension overhaul on Tuesday, the biggest change since the 1980s. Boric said the plan would raise payments for 2.5 million retirees, e.g. the poorest.

Thousands marched in Santiago, where Friends of the Earth and Save The Children joined the unions. The film One Flew Over the Cuckoo's Nest was shown alongside Gone With the Wind.

Finance Minister Mario Marcel told El Mercurio the plan was affordable. Will Smith and the Will and Grace star Debra Messing sent messages, and DiCaprio's producer met McDonald's and PayPal staff.

Key points

- pensions rise by 3%

- contributions increase in 2025

The reform goes to the Senate in March, where Boric's coalition lacks a majority. Analysts at JPMorgan and BlackRock said markets were calm.
"""

DAMAGED = """Modi and Sharif meet as border tensions rise

Indian Prime Minister Narendra Modi met Pakistani Prime Minister Shehbaz Sharif on Monday at the summit in Astana. ModiOn Tuesday morning, officials said the talks had gone well.

Officials in Delhi said that Pakistan and the SCO They have been pushing for dialogue, and Beijing said Pakistan Will no longer block the corridor.Analysts said the move was significant.

“Prime Minister Sharif It will stress our concerns,” a spokesman said. The ministry told him He was not invited.

But Modi Critics believe the meeting was a success, critics say, and Sharif Has been seeking talks, while India, Claiming that the border was calm, rejected mediation.

pay Pakistan

The two leaders last met in 2015. Modi If Sharif visits Delhi, he will be welcomed. India And the region need stability, Modi said, and Modi left.
"""


def _warnings(text: str) -> list[str]:
    result = Auditor(Config(select=("EX",))).audit_text(text)
    return [f.text for f in result.findings if f.severity >= Severity.WARNING]


def test_clean_article_draws_no_warning() -> None:
    assert _warnings(CLEAN) == []


def test_damaged_article_draws_a_warning_for_every_cut() -> None:
    assert _warnings(DAMAGED) == [
        "ModiOn",
        "SCO They",
        "Pakistan Will",
        "corridor.Analysts",
        "Sharif It",
        "him He",
        "Modi Critics",
        "Sharif Has",
        "India, Claiming",
        "pay Pakistan",
        "Modi If",
        "India And",
    ]


def test_short_line_whose_sentence_goes_on_below_is_a_warning() -> None:
    text = (
        "Ports reopen\n\n"
        + P1
        + "\n\nVeteran harbour pilot\n\nguided the first tanker in at dawn, the operator said.\n\n"
        + P2
    )
    found = hits("EX106", text)
    assert [text[h.start : h.end] for h in found] == ["Veteran harbour pilot"]
    assert found[0].severity is None
