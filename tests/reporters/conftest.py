"""Fixtures over the invented articles and rules of ``reporting``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from reporting import RULE_ENTRIES, SKIPPED, TEXTS, audit, render_report

from auditor.loader import build_rule
from auditor.model import FileResult
from auditor.rule import Rule


@pytest.fixture(scope="session")
def rules() -> tuple[Rule, ...]:
    return tuple(build_rule(entry, "<test>") for entry in RULE_ENTRIES)


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """The invented articles by path."""
    return dict(TEXTS)


@pytest.fixture(scope="session")
def results(rules: tuple[Rule, ...]) -> list[FileResult]:
    return [*audit(rules), SKIPPED]


@pytest.fixture(scope="session")
def render(rules: tuple[Rule, ...]) -> Callable[..., str]:
    """``render(fmt, results=None, rules=None)``: the report as a string, 80 columns wide."""

    def run(fmt: str, results: Sequence[FileResult] | None = None, rule_set: Sequence[Rule] | None = None) -> str:
        chosen = rules if rule_set is None else rule_set
        return render_report(fmt, [*audit(chosen), SKIPPED] if results is None else results, chosen)

    return run
