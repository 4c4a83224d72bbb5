"""The terminal report, rendered to a string at a fixed width (rich's own testing style)."""

from __future__ import annotations

import io

from auditor.config import Config
from auditor.engine import Auditor
from auditor.model import Summary
from auditor.reporters.text import TextReporter

ARTICLE = "Title\n\nThe deputy deputy minister resigned.\n\nLeave a Reply\n"


def render(*, color: bool) -> str:
    auditor = Auditor(Config(select=("TR101", "BP101")))
    result = auditor.audit_text(ARTICLE, path="a.txt")
    out = io.StringIO()
    reporter = TextReporter(out, rules=auditor.rules, width=80, color=color)
    reporter.add(result)
    reporter.close(Summary.of([result]))
    return out.getvalue()


def test_plain_report_lists_findings_in_context() -> None:
    text = render(color=False)
    lines = text.splitlines()
    assert lines[0] == "a.txt  score 80.0  PASS  2 findings, 9 words"
    assert any("3:5" in line and "TR101" in line and "warning" in line for line in lines)
    assert "      The »deputy deputy« minister resigned." in lines
    assert "      suggestion: deputy" in lines
    assert "      »Leave a Reply«" in lines
    assert "\x1b[" not in text
    assert lines[-1] == "1 file audited: 1 passed, 0 failed; 2 findings (2 warnings)"


def test_colour_report_styles_the_span_instead_of_marking_it() -> None:
    text = render(color=True)
    assert "\x1b[" in text and "»" not in text
