"""Writing a report without ever destroying data.

A report is written to a hidden temporary file beside its target and renamed
over the target only when the run has finished (``os.replace`` is atomic on
one file system), so an error, Ctrl-C or ``kill -9`` before the end leaves the
previous report byte for byte as it was.  Every stream a report goes to
(files and standard output) encodes as UTF-8 and turns a surrogate code point
that slipped through into U+FFFD instead of raising ``UnicodeEncodeError``.

``check_output`` refuses an output path that is one of the inputs, or that
would be audited by a later run because it lies inside an input folder and
discovery would pick it up.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from auditor.errors import AuditorError

#: The codec error handler every report stream uses: a surrogate becomes U+FFFD (valid UTF-8).
ERRORS = "auditor.replace-surrogates"


def _replace_surrogates(exc: UnicodeError) -> tuple[bytes, int]:
    """U+FFFD for each character the codec cannot write (``?`` where U+FFFD cannot be written either).

    Bytes, not text: CPython's UTF-8 encoder accepts only ASCII text from an error handler.
    """
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    try:
        mark = "\ufffd".encode(exc.encoding)
    except (UnicodeError, LookupError):
        mark = b"?"
    return mark * (exc.end - exc.start), exc.end


codecs.register_error(ERRORS, _replace_surrogates)


class OutputError(AuditorError):
    """The report cannot be written where it was asked for (exit 2)."""


def check_output(output: str, inputs: Sequence[str], *, discovered: Callable[[Path, Path], bool]) -> None:
    """Raise ``OutputError`` when writing ``output`` would overwrite or later re-audit an input.

    ``discovered(folder, path)`` tells whether walking ``folder`` would audit
    ``path``; an output inside an input folder that discovery skips (another
    suffix, an excluded or hidden folder) is fine.
    """
    if output == "-":
        return
    target = Path(output)
    resolved = Path(os.path.realpath(target))
    for raw in inputs:
        if raw == "-":
            continue
        source = Path(raw)
        if not source.exists():
            continue  # discovery reports a missing input
        if _same(target, source) or resolved == Path(os.path.realpath(source)):
            raise OutputError(f"{output}: the report would overwrite the input {raw}; write it elsewhere")
        if source.is_dir():
            folder = Path(os.path.realpath(source))
            if resolved.is_relative_to(folder) and discovered(folder, resolved):
                if resolved.exists():
                    raise OutputError(
                        f"{output}: the report would overwrite an article of the audited folder "
                        f"{raw}; write it elsewhere"
                    )
                raise OutputError(
                    f"{output}: the report is inside the audited folder {raw} and would be audited as an "
                    "article; write it elsewhere or exclude it from discovery (exclude = [...])"
                )


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def open_report(path: str | None) -> Iterator[TextIO]:
    """A text stream for the report at ``path`` (standard output for ``None`` or ``-``).

    A regular file is written atomically: the target changes only when the
    ``with`` block ends without an exception.  A device or pipe named as the
    output (``/dev/stdout``, a FIFO) is written directly.
    """
    if path is None or path == "-":
        with contextlib.suppress(AttributeError, ValueError):  # a replaced sys.stdout may not reconfigure
            sys.stdout.reconfigure(errors=ERRORS)  # type: ignore[union-attr]
        yield sys.stdout
        return
    target = Path(os.path.realpath(path))  # write beside the file a symlink points to; the link stays
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the report")
    if target.exists() and not target.is_file():
        with _opened(path, lambda: open(target, "w", encoding="utf-8", errors=ERRORS, newline="\n")) as fh:
            yield fh
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    try:
        with open(fd, "w", encoding="utf-8", errors=ERRORS, newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, _mode(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def _opened(path: str, opener: Callable[[], TextIO]) -> Iterator[TextIO]:
    try:
        fh = opener()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    with fh:
        yield fh


def _mode(target: Path) -> int:
    """The permissions the report gets: the previous report's, or what ``open`` would give a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
