"""A progress bar on standard error while a run lasts, and never in the way of the report.

The bar shows only on an interactive standard error, for runs of at least
``MIN_FOR_BAR`` documents (or of unknown length), and not while a user types an
article into ``auditor check -``.  It is transient: cleared when the audit ends.
When the report goes to the same terminal, the CLI holds the report back (on
disk past a few MB) until the bar is gone, so bar and report never mix.
Columns are labelled: ``auditing ━━━━━━  120/2225 docs  450 docs/s  elapsed 0:00:05  left 0:00:12``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

#: Runs shorter than this many documents get no bar: they finish before it would be read.
MIN_FOR_BAR = 20


def shown(*, enabled: bool, total: int | None) -> bool:
    """Whether a bar would be drawn for this run."""
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return enabled and interactive and (total is None or total >= MIN_FOR_BAR)


@contextlib.contextmanager
def progress_bar(*, enabled: bool, total: int | None) -> Iterator[Callable[[], None]]:
    """A rich progress bar on standard error while the run lasts; a no-op when it would not be seen."""
    if not shown(enabled=enabled, total=total):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
    )
    from rich.text import Text

    class Count(ProgressColumn):
        def render(self, task: Task) -> Text:
            done = int(task.completed)
            return Text(f"{done}/{int(task.total)} docs" if task.total is not None else f"{done} docs")

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:>5.0f} docs/s")

    class Elapsed(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"elapsed {_clock(task.finished_time if task.finished else task.elapsed)}")

    class Left(ProgressColumn):
        max_refresh = 0.5

        def render(self, task: Task) -> Text:
            remaining = task.time_remaining
            if task.total is None:
                return Text("")
            return Text(f"left {_clock(remaining) if remaining is not None else '-:--:--'}")

    columns = [TextColumn("auditing"), BarColumn(), Count(), Rate(), Elapsed(), Left()]
    # Messages printed to stderr meanwhile (a worker that died) appear above the bar, not through it.
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("audit", total=total)
        yield lambda: bar.advance(task)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
