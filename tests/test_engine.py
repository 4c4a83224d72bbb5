"""The engine's own contract: languages, one finding per defect, suggestions derived from edits."""

from __future__ import annotations

from auditor.config import Config
from auditor.engine import Auditor, fixed_span, merge
from auditor.model import Edit, Finding, Fix, Severity

GERMAN = (
    "Die Regierung hat am Mittwoch angekündigt, dass die Steuern nicht steigen. gentlemen. Biden sagte, "
    "der Minister werde kommen. Der Minister sagte, er komme morgen nach Berlin."
)


def test_english_only_rules_skip_an_article_in_another_language() -> None:
    detected = Auditor(Config(select=("TR102",)))
    assert detected.rules[0].languages == frozenset({"en"})
    assert [f.rule for f in detected.audit_text(GERMAN).findings] == []
    configured = Auditor(Config(select=("TR102",), language="en"))
    assert [f.rule for f in configured.audit_text(GERMAN).findings] == ["TR102"]
    english = Auditor(Config(select=("TR102",)))
    assert [f.rule for f in english.audit_text("The talks ended when gentlemen. Biden left the room.").findings] == [
        "TR102"
    ]


def _f(
    rule: str,
    start: int,
    end: int,
    *,
    severity: Severity = Severity.WARNING,
    category: str = "translation",
    edits: tuple[Edit, ...] = (),
) -> Finding:
    return Finding(
        rule=rule,
        name=rule.lower(),
        category=category,
        severity=severity,
        message="m",
        suggestion=None,
        start=start,
        end=end,
        line=1,
        column=start + 1,
        text="x" * (end - start),
        penalty=2.0,
        fix=Fix("safe", edits) if edits else None,
    )


def test_the_same_span_is_one_finding_by_precedence() -> None:
    a = _f("EX106", 0, 15, severity=Severity.INFO, category="extraction")
    b = _f("BP103", 0, 15, category="boilerplate", edits=(Edit(0, 16, ""),))
    (kept,) = merge([a, b])
    assert (kept.rule, kept.related) == ("BP103", ("EX106",))


def test_conflicting_edits_of_overlapping_spans_merge_and_separate_ones_do_not() -> None:
    a = _f("TR107", 10, 30, edits=(Edit(10, 30, "y"),))
    b = _f("EX103", 25, 35, category="extraction", edits=(Edit(25, 26, "o"),))
    c = _f("TR101", 40, 50, edits=(Edit(45, 50, ""),))
    out = merge([a, b, c])
    assert sorted((f.rule, f.related) for f in out) == [("TR101", ()), ("TR107", ("EX103",))]


def test_a_deleted_line_absorbs_the_finding_inside_it_but_advice_beside_advice_stays() -> None:
    line = _f("BP110", 0, 40, category="boilerplate", edits=(Edit(0, 41, ""),))
    inner = _f("TR107", 5, 12)
    assert [(f.rule, f.related) for f in merge([line, inner])] == [("BP110", ("TR107",))]
    sentence = _f("RD102", 0, 300, severity=Severity.INFO, category="readability")
    assert len(merge([sentence, _f("TR106", 10, 50, severity=Severity.INFO)])) == 2


def test_the_more_severe_finding_is_primary() -> None:
    low = _f("BP111", 0, 10, category="boilerplate", edits=(Edit(0, 11, ""),))
    high = _f("LG101", 0, 10, severity=Severity.ERROR, category="language", edits=(Edit(0, 11, ""),))
    (kept,) = merge([low, high])
    assert (kept.rule, kept.related, kept.severity) == ("LG101", ("BP111",), Severity.ERROR)


def test_the_suggestion_is_the_span_once_its_edits_are_applied() -> None:
    fix = Fix("safe", (Edit(6, 13, ""),))
    assert fixed_span("deputy deputy", 0, fix) == "deputy"
    assert fixed_span("borderAt", 10, Fix("unsafe", (Edit(16, 16, ". "),))) == "border. At"
