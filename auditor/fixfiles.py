"""``auditor check --fix`` / ``--diff``: fix article files in place, keeping how each file is written.

A file keeps its encoding, its BOM and its newline style (a CRLF file gets CRLF
in every line a fix inserts).  A fixed file is written atomically: a temporary
file beside it, flushed and synced, given the file's mode, then renamed over it,
so a crash or ``kill -9`` leaves the old file or the new one, never a part.
Before the rename the file is read again: when it changed since it was read it
is left alone, with a message.  Files the walk reaches through a symlink that
leads out of the folder given are not written; a file named twice is fixed
once; read-only files, HTML pages (their findings point into the visible text,
not the markup) and text the file's encoding cannot hold are reported and left.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import multiprocessing
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import regex

from auditor.decode import NotText, decode
from auditor.engine import Auditor
from auditor.fixing import FixResult, fix_text
from auditor.htmlinput import is_html

_LONE_LF = regex.compile(r"(?<!\r)\n")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Written:
    """How a file's text was stored: the codec, the BOM bytes it started with, whether its lines end in CRLF."""

    codec: str
    bom: bytes = b""
    crlf: bool = False

    def encode(self, text: str) -> bytes:
        """``text`` stored the same way (raises ``UnicodeEncodeError`` when the codec cannot hold it)."""
        if self.crlf:
            text = _LONE_LF.sub("\r\n", text)
        return self.bom + text.encode(self.codec)


def read_text(data: bytes) -> tuple[str, Written]:
    """The text of a file's bytes and how to write it back (raises ``decode.NotText``)."""
    decoded = decode(data)
    bom, codec = b"", decoded.encoding
    if decoded.bom:
        bom, codec = next((b, c) for b, c in _BOMS if data.startswith(b))
    text = decoded.text
    crlf = "\r\n" in text and _LONE_LF.search(text) is None
    return text, Written(codec, bom, crlf)


@dataclass(frozen=True, slots=True)
class FileFix:
    """What fixing one file gave: the old and new bytes (``new`` is ``None`` when nothing is written)."""

    path: str
    old: bytes = b""
    new: bytes | None = None
    result: FixResult | None = None
    problem: str | None = None
    """Why the file was not fixed (read-only, changed on disk, HTML, ...): reported, the run goes on."""
    note: str | None = None
    """A file left alone on purpose, said on standard error without failing the run."""

    @property
    def fixed(self) -> int:
        return len(self.result.applied) if self.result is not None and self.new is not None else 0


@dataclass(frozen=True, slots=True)
class Target:
    """A file to fix, and the folder it was found in (``None`` for a file named on the command line)."""

    path: str
    root: str | None = None


def targets(paths: Iterable[tuple[str, str | None]]) -> tuple[list[Target], list[FileFix]]:
    """Unique files to fix (by real path; the first naming wins) and the ones refused at once."""
    seen: set[str] = set()
    out: list[Target] = []
    refused: list[FileFix] = []
    for path, root in paths:
        real = os.path.realpath(path)
        if root is not None and not Path(real).is_relative_to(os.path.realpath(root)):
            refused.append(FileFix(path, note=f"a symlink out of {root} (to {real}); not fixed"))
            continue
        if real in seen:
            continue
        seen.add(real)
        out.append(Target(path, root))
    return out, refused


def fix_file(target: Target, *, auditor: Auditor, unsafe: bool, max_size: int) -> FileFix:
    """Fix one file's text (nothing is written yet: ``write`` does that)."""
    path = target.path
    if is_html(path):
        return FileFix(path, note="an HTML page: its findings point into the visible text, not the markup; not fixed")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_size + 1)
    except OSError as exc:
        return FileFix(path, problem=f"cannot read: {exc.strerror or exc}")
    if len(data) > max_size:
        return FileFix(path, data, problem=f"larger than {max_size:,} bytes (max-size); not fixed")
    try:
        text, written = read_text(data)
    except NotText as exc:
        return FileFix(path, data, problem=f"{exc}; not fixed")
    result = fix_text(text, unsafe=unsafe, auditor=auditor, path=path)
    if not result.changed:
        return FileFix(path, data, result=result)
    try:
        new = written.encode(result.text)
    except UnicodeEncodeError as exc:
        return FileFix(
            path,
            data,
            result=result,
            problem=f"the fixed text has {exc.object[exc.start]!r}, which {written.codec} cannot hold; not fixed",
        )
    return FileFix(path, data, None if new == data else new, result)


def read_only(path: str) -> bool:
    """No write permission for anyone on the file (checked by its mode: ``os.access`` says yes to root)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def write(fix: FileFix) -> FileFix:
    """Write ``fix.new`` over the file atomically, unless it is read-only, gone, or changed since it was read."""
    if fix.new is None:
        return fix
    path = fix.path
    if read_only(path):
        return FileFix(path, fix.old, None, fix.result, problem="read-only; not fixed")
    target = os.path.realpath(path)  # a symlink named on the command line: its target is written, the link kept
    try:
        with open(target, "rb") as fh:
            now = fh.read(len(fix.old) + 1)
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        return FileFix(
            path, fix.old, None, fix.result, problem=f"cannot read it again: {exc.strerror or exc}; not fixed"
        )
    if now != fix.old:
        return FileFix(path, fix.old, None, fix.result, problem="changed on disk since it was read; not fixed")
    folder = os.path.dirname(target) or "."
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".fix.tmp", dir=folder)
    except OSError as exc:
        return FileFix(
            path, fix.old, None, fix.result, problem=f"cannot write beside it: {exc.strerror or exc}; not fixed"
        )
    try:
        with open(fd, "wb") as fh:
            fh.write(fix.new)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return fix


def diff(fix: FileFix) -> str:
    """The unified diff of what fixing would change in the file (empty when nothing)."""
    if fix.new is None:
        return ""
    old, _ = read_text(fix.old)
    new, _ = read_text(fix.new)
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{fix.path}", tofile=f"b/{fix.path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# -- in order, in worker processes ----------------------------------------------------------------
T = TypeVar("T")
R = TypeVar("R")
_JOB: Callable[[object], object] | None = None


def _worker_signals() -> None:
    """Workers stop quietly when the pool ends them, and leave Ctrl-C to the main process."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(item: object) -> object:
    assert _JOB is not None
    return _JOB(item)


def ordered_map(job: Callable[[T], R], items: Iterable[T], *, jobs: int) -> Iterator[R]:
    """``map(job, items)`` in ``jobs`` forked processes, results in the order of ``items``.

    The job (with the auditor it holds) is inherited by forking, never pickled;
    without ``fork`` (or with one job) it runs here.
    """
    global _JOB
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(job, items)
        return
    _JOB = job  # type: ignore[assignment]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals) as pool:
        yield from pool.imap(_call, items, chunksize=4)  # type: ignore[misc,unused-ignore]
    _JOB = None


def say(message: str) -> None:
    print(f"auditor: {message}", file=sys.stderr)
