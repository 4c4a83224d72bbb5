"""The terminal report (rich): per file its score and findings in context, then summary tables.

Files without findings are not listed unless ``show_clean`` (they are counted in
the summary); ``quiet`` keeps one line per failing or skipped file and the
summary; ``statistics`` replaces the findings with counts per rule, as ruff's.
Everything taken from an article or a file name is shown with its control
characters as symbols (ESC as ``␛``), so a document cannot drive the terminal.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.model import FileResult, Finding, Severity, Summary
from auditor.reporters.base import Reporter
from auditor.terminal import visible

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 40  # characters of the line shown either side of a span
LONGEST = 80  # a longer span is shown by its two ends
MAX_FILE_ROWS = 50  # the Files table lists at most this many failing or skipped files


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 warning``, ``2 warnings``, ``3 info`` (info is uncountable)."""
    if one == "info":
        return f"{count} info"
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _safe(text: str) -> str:
    return visible(text.replace("\t", " ").replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎"))


class TextReporter(Reporter):
    options = frozenset({"quiet", "statistics", "show_clean", "fixed"})

    def __init__(
        self,
        *args: Any,
        quiet: bool = False,
        statistics: bool = False,
        show_clean: bool = False,
        fixed: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fixed = fixed
        """Findings ``--fix`` fixed before this report was made (the summary says so)."""
        self.quiet = quiet
        self.statistics = statistics
        self.show_clean = show_clean
        self.console = Console(
            file=self.out,
            width=self.width,
            force_terminal=self.color,
            no_color=not self.color,
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=False,
        )
        self.rows: list[tuple[str, float, bool, int, str | None]] = []
        self.categories: Counter[str] = Counter()
        self.severities: Counter[Severity] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.rule_files: Counter[str] = Counter()
        self.rule_info: dict[str, tuple[str, Counter[Severity]]] = {}
        self.hidden = 0

    def add(self, result: FileResult) -> None:
        for f in result.findings:
            self.categories[f.category] += 1
            self.severities[f.severity] += 1
            self.by_rule[f.rule] += 1
            self.rule_info.setdefault(f.rule, (f.name, Counter()))[1][f.severity] += 1
        for rule in {f.rule for f in result.findings}:
            self.rule_files[rule] += 1
        c = self.console
        path = _safe(result.path)
        if result.skipped is not None:
            self.rows.append((path, result.score, result.passed, 0, result.skipped))
            if not self.statistics:
                c.print(
                    Text.assemble(
                        (path, "bold"), "  ", ("SKIPPED", "bold magenta"), "  ", (_safe(result.skipped), "magenta")
                    )
                )
                if not self.quiet:
                    c.print()
            return
        self.rows.append((path, result.score, result.passed, len(result.findings), None))
        listed = result.findings or self.show_clean or not result.passed
        if self.quiet:
            listed = not result.passed
        if not listed:
            self.hidden += 1
            return
        if self.statistics:
            return
        verdict = ("PASS", "bold green") if result.passed else ("FAIL", "bold red")
        c.print(
            Text.assemble(
                (path, "bold"),
                f"  score {result.score:.1f}  ",
                verdict,
                f"  {plural(len(result.findings), 'finding')}, {plural(result.words, 'word')}",
            )
        )
        if self.quiet:
            return
        for f in result.findings:
            c.print(_finding_line(f))
            if f.start is not None and f.end is not None and result.text:
                c.print(
                    _context(result.text, f.start, f.end, f.severity, marked=not self.color),
                    no_wrap=True,
                    overflow="ellipsis",
                )
            if f.suggestion:
                c.print(Text.assemble("      suggestion: ", (_safe(f.suggestion), "green")))
        c.print()

    def close(self, summary: Summary) -> None:
        c = self.console
        if self.statistics:
            self._statistics()
        elif not self.quiet:
            self._files_table()
            if self.categories:
                table = Table(title="Findings by category", show_edge=False, header_style="bold")
                table.add_column("category")
                table.add_column("findings", justify="right")
                for category, count in self.categories.most_common():
                    table.add_row(category, str(count))
                c.print(table)
        if self.clusters and not self.statistics:
            self._clusters()
        line = summary_line(summary, self.severities)
        c.print(line + (f"; {plural(self.fixed, 'finding')} fixed" if self.fixed else ""))
        if self.hidden and not self.quiet and not self.statistics:
            c.print(f"{plural(self.hidden, 'file')} without findings not listed (--show-clean lists them)")

    def _clusters(self) -> None:
        """``--clusters``: each story's original, then its rewrites with their similarity to it."""
        assert self.clusters is not None
        self.console.print(Text(f"{plural(len(self.clusters), 'rewrite cluster')}:", style="bold"))
        for cluster in self.clusters:
            first, *rest = cluster.members
            line = Text(f"  {visible(first.path)}", style="bold")
            line.append(f" (original, by {cluster.chosen_by}) <- ", style="")
            line.append(", ".join(f"{visible(m.path)} ({m.similarity:.2f})" for m in rest))
            self.console.print(line)

    def _files_table(self) -> None:
        rows = [r for r in self.rows if self.show_clean or r[4] is not None or not r[2]]
        if len(self.rows) <= 1 or not rows:
            return
        table = Table(
            title="Files" if self.show_clean else "Files that failed or were skipped",
            show_edge=False,
            header_style="bold",
        )
        for col, justify in (("file", "left"), ("score", "right"), ("gate", "left"), ("findings", "right")):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for path, score, passed, count, skipped in rows[:MAX_FILE_ROWS]:
            gate = "SKIPPED" if skipped else ("PASS" if passed else "FAIL")
            table.add_row(path, "-" if skipped else f"{score:.1f}", gate, "-" if skipped else str(count))
        self.console.print(table)
        if len(rows) > MAX_FILE_ROWS:
            self.console.print(f"… and {plural(len(rows) - MAX_FILE_ROWS, 'more file')}")

    def _statistics(self) -> None:
        """Counts per rule, most frequent first (``--statistics``)."""
        if not self.by_rule:
            return
        table = Table(show_edge=False, header_style="bold")
        for col, justify in (
            ("findings", "right"),
            ("files", "right"),
            ("rule", "left"),
            ("name", "left"),
            ("severity", "left"),
        ):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for rule, count in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            name, severities = self.rule_info[rule]
            shown = ", ".join(
                plural(severities[s], str(s)) if len(severities) > 1 else str(s)
                for s in sorted(severities, reverse=True)
            )
            table.add_row(str(count), str(self.rule_files[rule]), rule, name, shown)
        self.console.print(table)


def summary_line(summary: Summary, severities: Counter[Severity]) -> str:
    by_severity = ", ".join(plural(severities[s], str(s)) for s in sorted(severities, reverse=True))
    return (
        f"{plural(summary.files, 'file')} audited: {summary.passed} passed, {summary.failed} failed"
        + (f", {summary.skipped} skipped (not audited)" if summary.skipped else "")
        + f"; {plural(summary.findings, 'finding')}"
        + (f" ({by_severity})" if by_severity else "")
    )


def _finding_line(f: Finding) -> Text:
    where = f"{f.line}:{f.column}"
    return Text.assemble(
        f"  {where:>8}  ",
        (f"{f.rule:<6}", "bold"),
        " ",
        (f"{f.severity!s:<7}", STYLE[f.severity]),
        " ",
        _safe(f.message),
    )


def _context(text: str, start: int, end: int, severity: Severity, *, marked: bool) -> Text:
    """The line around a span, the span styled (or between »« when colour is off)."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - CONTEXT)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + CONTEXT)
    before = _safe(text[line_start:start].replace("\r", ""))
    span = text[start:end].replace("\r", "")
    if len(span) > LONGEST:
        span = f"{span[: LONGEST // 2]} … {span[-LONGEST // 2 :]}"
    span = _safe(span)
    after = _safe(text[end:line_end].replace("\r", ""))
    prefix = "…" if line_start > 0 and text[line_start - 1] != "\n" else ""
    suffix = "…" if line_end < len(text) and text[line_end] != "\n" else ""
    if marked:
        span = f"»{span}«"
    return Text.assemble("      ", prefix, before, (span, f"{STYLE[severity]} underline"), after, suffix)
