"""The terminal report (rich): per file its score and findings in context, then summary tables."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.model import FileResult, Finding, Severity, Summary
from auditor.reporters.base import Reporter

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 40  # characters of the line shown either side of a span
LONGEST = 80  # a longer span is shown by its two ends


class TextReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.console = Console(
            file=self.out,
            width=self.width,
            force_terminal=self.color,
            no_color=not self.color,
            highlight=False,
            emoji=False,
            soft_wrap=False,
        )
        self.rows: list[tuple[str, float, bool, int, str | None]] = []
        self.categories: Counter[str] = Counter()
        self.severities: Counter[Severity] = Counter()

    def add(self, result: FileResult) -> None:
        self.rows.append((result.path, result.score, result.passed, len(result.findings), result.skipped))
        c = self.console
        if result.skipped is not None:
            c.print(Text.assemble((result.path, "bold"), "  skipped: ", (result.skipped, "magenta")))
            return
        verdict = ("PASS", "bold green") if result.passed else ("FAIL", "bold red")
        c.print(Text.assemble((result.path, "bold"), f"  score {result.score:.1f}  ", verdict,
                              f"  {len(result.findings)} finding(s), {result.words} words"))
        for f in result.findings:
            self.categories[f.category] += 1
            self.severities[f.severity] += 1
            c.print(_finding_line(f))
            if f.start is not None and f.end is not None and result.text:
                c.print(_context(result.text, f.start, f.end, f.severity, marked=not self.color),
                        no_wrap=True, overflow="ellipsis")
            if f.suggestion:
                c.print(Text.assemble("      suggestion: ", (f.suggestion, "green")))
        c.print()

    def close(self, summary: Summary) -> None:
        c = self.console
        if len(self.rows) > 1:
            table = Table(title="Files", show_edge=False, header_style="bold")
            for col, justify in (("file", "left"), ("score", "right"), ("gate", "left"), ("findings", "right")):
                table.add_column(col, justify=justify)  # type: ignore[arg-type]
            for path, score, passed, count, skipped in self.rows:
                gate = "skipped" if skipped else ("pass" if passed else "FAIL")
                table.add_row(path, "-" if skipped else f"{score:.1f}", gate, str(count))
            c.print(table)
        if self.categories:
            table = Table(title="Findings by category", show_edge=False, header_style="bold")
            table.add_column("category")
            table.add_column("findings", justify="right")
            for category, count in self.categories.most_common():
                table.add_row(category, str(count))
            c.print(table)
        by_severity = ", ".join(f"{self.severities[s]} {s}" for s in sorted(self.severities, reverse=True))
        c.print(
            f"{summary.files} file(s): {summary.passed} passed, {summary.failed} failed"
            + (f", {summary.skipped} skipped" if summary.skipped else "")
            + f"; {summary.findings} finding(s)"
            + (f" ({by_severity})" if by_severity else "")
        )


def _finding_line(f: Finding) -> Text:
    where = f"{f.line}:{f.column}"
    return Text.assemble(
        f"  {where:>8}  ", (f"{f.rule:<6}", "bold"), " ", (f"{f.severity!s:<7}", STYLE[f.severity]), " ", f.message
    )


def _context(text: str, start: int, end: int, severity: Severity, *, marked: bool) -> Text:
    """The line around a span, the span styled (or between »« when colour is off)."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - CONTEXT)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + CONTEXT)
    before = text[line_start:start].replace("\r", "")
    span = text[start:end].replace("\r", "").replace("\n", "⏎")
    if len(span) > LONGEST:
        span = f"{span[: LONGEST // 2]} … {span[-LONGEST // 2 :]}"
    after = text[end:line_end].replace("\r", "")
    prefix = "…" if line_start > 0 and text[line_start - 1] != "\n" else ""
    suffix = "…" if line_end < len(text) and text[line_end] != "\n" else ""
    if marked:
        span = f"»{span}«"
    return Text.assemble("      ", prefix, before, (span, f"{STYLE[severity]} underline"), after, suffix)
