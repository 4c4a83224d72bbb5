"""One ``auditor check`` run between the audit and the report: suppressions, baselines, skips, exit code.

Every result passes through ``Session.finished`` in the main process, in input
order, before any reporter sees it: per-file ignores drop their findings, a
baseline being written records the result, a baseline being applied drops the
known findings (and rescores), and skipped inputs are remembered with their
reason.  ``exit_code`` is the one place the run's exit code is decided:

* 1 when any file or record failed the gate (a skip never hides a failure);
* else 2 when any input was skipped, unless ``--allow-skipped``;
* else 2 when nothing at all was audited;
* else 0.  ``--write-baseline`` records the findings, so they no longer fail: 0.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from auditor.baseline import Baseline, BaselineWriter
from auditor.config import Config
from auditor.inputs import Found
from auditor.model import FileResult, Tally
from auditor.selection import apply_per_file_ignores

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
SHOW_SKIPPED = 20  # skipped inputs listed by name on stderr; the rest are counted


@dataclass
class Session:
    config: Config
    baseline: Baseline | None = None
    writer: BaselineWriter | None = None
    allow_skipped: bool = False
    skipped: list[tuple[str, str]] = field(default_factory=list)
    skipped_count: int = 0

    @classmethod
    def of(cls, config: Config, *, baseline: Path | None, write_baseline: Path | None, allow_skipped: bool) -> Session:
        return cls(
            config,
            baseline=Baseline.read(baseline) if baseline is not None else None,
            writer=BaselineWriter(write_baseline) if write_baseline is not None else None,
            allow_skipped=allow_skipped,
        )

    def finished(self, result: FileResult) -> FileResult:
        """The result as it is reported and counted."""
        if result.skipped is not None:
            self.skipped_count += 1
            if len(self.skipped) < SHOW_SKIPPED:
                self.skipped.append((result.path, result.skipped))
            return result
        result = apply_per_file_ignores(result, self.config)
        if self.writer is not None:
            self.writer.add(result)
            return result
        if self.baseline is not None:
            result = self.baseline.apply(result, fail_under=self.config.fail_under, fail_on=self.config.fail_on)
        return result

    def close(self, tally: Tally, *, err: TextIO | None = None) -> int:
        """Write the baseline, tell stderr what was skipped or stale, and return the exit code."""
        err = err or sys.stderr
        if self.writer is not None:
            self.writer.write()
            files = len(self.writer.files)
            print(
                f"auditor: wrote baseline {self.writer.path}: {_n(self.writer.findings, 'finding')} in "
                f"{_n(files, 'file')}",
                file=err,
            )
        if self.baseline is not None:
            self._report_stale(err)
        if self.skipped_count:
            verdict = "not audited; exit 2 unless --allow-skipped" if not self.allow_skipped else "not audited"
            print(f"auditor: {_n(self.skipped_count, 'input')} skipped ({verdict}):", file=err)
            for path, reason in self.skipped:
                print(f"  {_visible(path)}: {_visible(reason)}", file=err)
            if self.skipped_count > len(self.skipped):
                print(f"  … and {self.skipped_count - len(self.skipped)} more (listed in the report)", file=err)
        if tally.internal:
            print(
                f"auditor: {_n(tally.internal, 'document')} could not be fully audited (AU001/AU002 findings "
                "in the report); exit 2",
                file=err,
            )
        return self.exit_code(tally)

    def exit_code(self, tally: Tally) -> int:
        if tally.internal:  # auditor failed on a document or a rule did: the run is not trustworthy
            return EXIT_ERROR
        if tally.failed and self.writer is None:
            return EXIT_FAILED
        if tally.skipped and not self.allow_skipped:
            return EXIT_ERROR
        if tally.files == 0 and tally.skipped == 0:
            return EXIT_ERROR
        return EXIT_OK

    def _report_stale(self, err: TextIO) -> None:
        assert self.baseline is not None
        stale = self.baseline.stale()
        if self.baseline.suppressed:
            print(
                f"auditor: {_n(self.baseline.suppressed, 'finding')} in the baseline {self.baseline.path} not reported",
                file=err,
            )
        if not stale:
            return
        missing = sum(s.missing for s in stale)
        print(
            f"auditor: {_n(missing, 'baseline entry', 'baseline entries')} no longer found (fixed, or the text "
            f"changed); drop them with: auditor baseline prune {self.baseline.path}",
            file=err,
        )
        for s in stale[:SHOW_SKIPPED]:
            count = f" (x{s.missing})" if s.missing > 1 else ""
            print(f"  {_visible(s.path)}: {s.entry.rule} '{_visible(s.entry.text)}'{count}", file=err)
        if len(stale) > SHOW_SKIPPED:
            print(f"  … and {len(stale) - SHOW_SKIPPED} more", file=err)


def nothing_to_audit(paths: list[str], include: tuple[str, ...] | list[str], found: Found) -> str:
    """The message of a run whose paths hold no file to audit."""
    passed_over = []
    if found.not_included:
        passed_over.append(f"{_n(found.not_included, 'other file')} not matching")
    if found.excluded:
        passed_over.append(f"{found.excluded} excluded")
    if found.gitignored:
        passed_over.append(f"{found.gitignored} ignored by .gitignore")
    detail = f" ({', '.join(passed_over)})" if passed_over else ""
    return (
        f"nothing to audit: no file in {', '.join(paths)} matches the include patterns {', '.join(include)}"
        f"{detail}; name files directly, or set --include"
    )


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _visible(text: str) -> str:
    from auditor.terminal import visible

    return visible(text.replace("\n", "⏎"))
