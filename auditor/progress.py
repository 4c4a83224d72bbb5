"""A progress bar on standard error while a run lasts."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

#: Runs shorter than this many documents get no bar: they finish before it would be read.
MIN_FOR_BAR = 20


@contextlib.contextmanager
def progress_bar(*, enabled: bool, total: int | None) -> Iterator[Callable[[], None]]:
    """A rich progress bar on standard error while the run lasts; a no-op when it would not be seen."""
    if not enabled or not sys.stderr.isatty() or (total is not None and total < MIN_FOR_BAR):
        yield lambda: None
        return
    from rich.console import Console
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
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:>6.0f} docs/s")

    columns = [TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
               TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("audit", total=total)
        yield lambda: bar.advance(task)
