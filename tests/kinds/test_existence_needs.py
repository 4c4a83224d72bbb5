"""The ``existence`` kind's ``needs`` prefilter, and the tokeniser-residue rules built on it (EX108-EX111)."""

from __future__ import annotations

import pytest

from auditor.document import Document
from auditor.fixing import fix_text
from auditor.kinds.existence import Existence, existence
from auditor.loader import load_rules

RULES = {rule.id: rule for rule in load_rules() if rule.id in ("EX108", "EX109", "EX110", "EX111")}


def spans(options: Existence, text: str) -> list[str]:
    return [text[h.start : h.end] for h in existence(Document(text), options)]


def test_needs_skips_a_text_without_any_of_its_literals_and_only_that() -> None:
    bare = Existence(pattern=r"x+")
    gated = Existence(pattern=r"x+", needs=("!",))
    assert spans(bare, "a xx b") == spans(bare, "a xx b!") == ["xx"]
    assert spans(gated, "a xx b") == []  # the pattern would match, but the literal is absent
    assert spans(gated, "a xx b!") == ["xx"]


def test_every_residue_rule_declares_a_prefilter() -> None:
    assert set(RULES) == {"EX108", "EX109", "EX110", "EX111"}
    assert all(rule.settings.needs for rule in RULES.values())


# An invented wire story as a tokenising pipeline hands it back.
TOKENISED = (
    "Ports reopen after strike\n\n"
    "Dockworkers returned to work on Monday , the union said . The company 's chief executive "
    "said they do n't expect delays : ``We are back to normal , '' she told reporters .\n"
)


@pytest.mark.parametrize("rule", ["EX108", "EX109", "EX110", "EX111"])
def test_each_residue_rule_finds_its_marks_in_a_tokenised_story(rule: str) -> None:
    assert [h for h in RULES[rule].find(Document(TOKENISED))]


def test_fixing_the_residue_detokenises_the_story() -> None:
    fixed = fix_text(TOKENISED, select=("EX108", "EX109", "EX110", "EX111")).text
    assert fixed.endswith(
        "Dockworkers returned to work on Monday, the union said. The company's chief executive "
        "said they don't expect delays: “We are back to normal,” she told reporters.\n"
    )
