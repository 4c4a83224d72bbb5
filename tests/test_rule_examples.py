"""Every example of every rule: a fail example gives exactly its marked spans, a pass example none."""

from __future__ import annotations

import pytest

from auditor.loader import load_rules
from auditor.rule import Rule
from auditor.testing import check_example

RULES = load_rules()


def _cases() -> list[tuple[Rule, int, bool]]:
    cases = []
    for rule in RULES:
        cases += [(rule, i, True) for i in range(len(rule.examples.fail))]
        cases += [(rule, i, False) for i in range(len(rule.examples.passing))]
    return cases


@pytest.mark.parametrize(
    ("rule", "index", "failing"),
    _cases(),
    ids=lambda v: v.id if isinstance(v, Rule) else str(v),
)
def test_rule_example(rule: Rule, index: int, failing: bool) -> None:
    example = (rule.examples.fail if failing else rule.examples.passing)[index]
    problem = check_example(rule, example, failing=failing)
    assert problem is None, problem


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_fail_and_pass_examples(rule: Rule) -> None:
    assert rule.examples.fail, f"{rule.id} has no fail example"
    assert rule.examples.passing, f"{rule.id} has no pass example"
    assert rule.why.strip() and rule.message.strip()


def test_rule_ids_and_names_are_unique() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
