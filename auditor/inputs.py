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

from auditor.config import DEFAULT_MAX_SIZE
from auditor.corpus import is_corpus, read_records
from auditor.decode import NotText
from auditor.engine import Auditor
from auditor.errors import InputError
from auditor.model import UNREADABLE, FileResult

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One document to audit: a file (read where it is audited), a corpus record, or stdin's bytes.

    Items are small and picklable, so worker processes read files themselves.
    """

    display: str
    path: str | None = None
    text: str | None = None
    data: bytes | None = None
    problem: str | None = None

    def read(self, limit: int) -> bytes:
        """The file's bytes, or ``TooLarge`` when there are more than ``limit``."""
        if self.data is not None:
            data = self.data
        else:
            assert self.path is not None
            with open(self.path, "rb") as fh:
                data = fh.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"larger than {limit:,} bytes (max-size); not audited")
        return data


class TooLarge(ValueError):
    """The input is larger than the configured ``max-size``."""


def discover(
    paths: Sequence[str],
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    text_field: str = "text",
    id_field: str = "id",
    max_size: int = DEFAULT_MAX_SIZE,
) -> Iterator[Item]:
    """Every document below ``paths``, lazily; ``InputError`` for a path that does not exist.

    A corpus file (``.jsonl``, ``.jsonl.gz``, ``.csv``, ``.parquet``) named on the
    command line yields one item per record.
    """
    for raw in paths:
        if raw == STDIN:
            yield Item("<stdin>", data=sys.stdin.buffer.read(max_size + 1))  # one byte more tells it is too large
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        if path.is_dir():
            yield from _walk(path, include=include, exclude=exclude)
        elif is_corpus(raw):
            for record in read_records(raw, text_field=text_field, id_field=id_field):
                yield Item(record.id, text=record.text, problem=record.problem)
        else:
            yield Item(raw, path=str(path))


def _walk(root: Path, *, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Item]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _matches(d, exclude))
        for name in sorted(files):
            if name.startswith(".") or not _matches(name, include):
                continue
            full = os.path.join(folder, name)
            if _matches(os.path.relpath(full, root), exclude) or _matches(name, exclude):
                continue
            yield Item(full, path=full)


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def audit_item(auditor: Auditor, item: Item) -> FileResult:
    """Audit one item; unreadable, oversized and binary inputs come back as skipped results."""
    if item.problem is not None:
        return skipped(item.display, f"{UNREADABLE}: {item.problem}")
    if item.text is not None:
        return auditor.audit_text(item.text, path=item.display)
    try:
        data = item.read(auditor.config.max_size)
    except OSError as exc:
        return skipped(item.display, f"{UNREADABLE}: {exc.strerror or exc}")
    except TooLarge as exc:
        return skipped(item.display, str(exc))
    try:
        return auditor.audit_bytes(data, path=item.display)
    except NotText as exc:
        return skipped(item.display, str(exc))


def skipped(path: str, reason: str) -> FileResult:
    return FileResult(path=path, encoding="", words=0, score=0.0, passed=True, findings=(), skipped=reason)
