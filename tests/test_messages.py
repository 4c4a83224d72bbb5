"""Every built-in message and suggestion, rendered on its rule's fail examples, is filled and grammatical.

Checked: no unfilled ``{placeholder}``, no doubled parentheses (``AstraZeneca (AstraZeneca (company))``),
no "1 warnings" / "3 warning" plurals.  The wording lives in rules/*.yaml and the detectors, which the
engine work owns; known problems there are listed in KNOWN and expected to fail until they are reworded.
"""

from __future__ import annotations

import re

import pytest

from auditor.engine import Auditor
from auditor.loader import load_rules
from auditor.rule import Rule

RULES = load_rules()
#: Messages known to be wrong, by rule id: reported to the engine work, not edited here.
KNOWN: dict[str, str] = {}

_BRACES = re.compile(r"\{[a-z_]+\}")
_DOUBLED = re.compile(r"\([^()]*\([^()]*\)\)")
_BAD_PLURAL = re.compile(
    r"\b(?:1 (?:errors|warnings|findings|files|words)|(?:[02-9]|\d\d+) (?:error|warning|finding|file|word)\b(?!s))"
)


def problems(text: str) -> list[str]:
    found = []
    if _BRACES.search(text):
        found.append("an unfilled placeholder")
    if _DOUBLED.search(text):
        found.append("doubled parentheses")
    if _BAD_PLURAL.search(text):
        found.append("a wrong plural")
    return found


def test_the_checks_catch_what_they_should() -> None:
    assert problems("misnames AstraZeneca (AstraZeneca (company))") == ["doubled parentheses"]
    assert problems("91 warning") == ["a wrong plural"] and problems("1 warnings") == ["a wrong plural"]
    assert problems("Word repeated: '{match}'") == ["an unfilled placeholder"]
    assert problems("Sentence of 73 words (more than 60)") == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_messages_on_the_examples_are_filled_and_grammatical(rule: Rule) -> None:
    if rule.id in KNOWN:
        pytest.xfail(KNOWN[rule.id])
    auditor = Auditor(rules=[rule])
    for example in rule.examples.fail:
        for finding in auditor.audit_text(example.text).findings:
            for text in (finding.message, finding.suggestion or ""):
                assert not problems(text), f"{rule.id}: {problems(text)} in {text!r}"
