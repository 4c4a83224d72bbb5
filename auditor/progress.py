"""Run bookkeeping that stays the same size however many documents pass: a tally and a progress bar."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.inputs import UNREADABLE
from auditor.model import FileResult, Summary

#: Runs shorter than this many documents get no bar: they finish before it would be read.
MIN_FOR_BAR = 20


@dataclass(slots=True)
class Tally:
    """Counts for the summary, added one result at a time (no list of results is kept)."""

    files: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    unreadable: int = 0
    findings: int = 0

    def add(self, result: FileResult) -> None:
        if result.skipped is not None:
            self.skipped += 1
            self.unreadable += result.skipped.startswith(UNREADABLE)
            return
        self.files += 1
        self.passed += result.passed
        self.failed += not result.passed
        self.findings += len(result.findings)

    def summary(self) -> Summary:
        return Summary(files=self.files, passed=self.passed, failed=self.failed, skipped=self.skipped,
                       findings=self.findings)


@contextlib.contextmanager
def progress_bar(*, enabled: bool, total: int | None) -> Iterator[Callable[[], None]]:
    """A rich progress bar on standard error while the run lasts; a no-op when it would not be seen."""
    if not enabled or not sys.stderr.isatty() or (total is not None and total < MIN_FOR_BAR):
        yield lambda: None
        return
    from rich.console import Console
    from rich.text import Text
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:>6.0f} docs/s")

    columns = [TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
               TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("audit", total=total)
        yield lambda: bar.advance(task)
