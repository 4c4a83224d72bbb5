"""Turn the paths a user gives into documents to audit, and audit them one by one.

Folders are walked recursively in sorted order (hidden folders and files are
skipped); files inside them are kept when they match an include glob and no
exclude glob.  A file named on the command line is always audited.  A missing
path is an input error (exit 2); a file that cannot be read or is not text is
reported as skipped and the run goes on.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.decode import NotText
from auditor.engine import Auditor
from auditor.errors import InputError
from auditor.model import FileResult

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One document to audit: a file path, or standard input."""

    path: str
    display: str

    def read(self, limit: int) -> bytes:
        """The bytes, or ``TooLarge`` when there are more than ``limit``."""
        if self.path == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(self.path, "rb") as fh:
                data = fh.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"larger than {limit:,} bytes (max-size); not audited")
        return data


class TooLarge(ValueError):
    """The input is larger than the configured ``max-size``."""


def discover(paths: Sequence[str], *, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Source]:
    """Every source below ``paths``; raises ``InputError`` for a path that does not exist."""
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN, "<stdin>")
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        if path.is_dir():
            yield from _walk(path, include=include, exclude=exclude)
        else:
            yield Source(str(path), raw)


def _walk(root: Path, *, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Source]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _matches(d, exclude))
        for name in sorted(files):
            if name.startswith(".") or not _matches(name, include):
                continue
            full = os.path.join(folder, name)
            if _matches(os.path.relpath(full, root), exclude) or _matches(name, exclude):
                continue
            yield Source(full, full)


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def audit_source(auditor: Auditor, source: Source) -> FileResult:
    """Audit one source; unreadable and binary files come back as skipped results."""
    try:
        data = source.read(auditor.config.max_size)
    except OSError as exc:
        return skipped(source.display, f"cannot read: {exc.strerror or exc}")
    except TooLarge as exc:
        return skipped(source.display, str(exc))
    try:
        return auditor.audit_bytes(data, path=source.display)
    except NotText as exc:
        return skipped(source.display, str(exc))


def skipped(path: str, reason: str) -> FileResult:
    return FileResult(path=path, encoding="", words=0, score=0.0, passed=True, findings=(), skipped=reason)
