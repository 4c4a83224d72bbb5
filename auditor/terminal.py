"""The terminal: whether to colour, text made safe to print, and a pipe that closes early.

* ``use_color``: ``--color always|never`` decides; ``auto`` colours a terminal unless
  ``NO_COLOR`` is set, and anything when ``FORCE_COLOR`` is set (NO_COLOR wins when
  both are: https://no-color.org, https://force-color.org).
* ``visible``: control characters from article text and file names shown as symbols
  (ESC as ``␛``), so an article cannot clear the screen, move the cursor, set the
  window title or print a fake verdict.
* ``PipeGuard``: ``auditor check | head`` ends quietly: once the reader is gone,
  the rest of the report is dropped while the run finishes, so the exit code is
  still the gate's.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

COLOR_CHOICES = ("auto", "always", "never")


def _set(name: str) -> bool:
    value = os.environ.get(name)
    return value is not None and value not in ("", "0", "false")


def use_color(choice: str, stream: TextIO, *, to_file: bool = False) -> bool:
    if choice == "always":
        return True
    if choice == "never" or _set("NO_COLOR"):
        return False
    if _set("FORCE_COLOR"):
        return True
    if to_file:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


_PICTURES = {i: chr(0x2400 + i) for i in range(0x20)}  # ␀ … ␟ (ESC is ␛)
_PICTURES[0x7F] = "␡"
for _i in range(0x80, 0xA0):  # C1 controls (0x9B is a one-byte CSI on some terminals)
    _PICTURES[_i] = f"<U+{_i:04X}>"
# Bidirectional overrides and isolates reorder what follows them on screen.
for _i in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069):
    _PICTURES[_i] = f"<U+{_i:04X}>"
_KEEP_TAB = dict(_PICTURES)
del _KEEP_TAB[0x09]
_TEXT = str.maketrans(_KEEP_TAB)
_ALL = str.maketrans(_PICTURES)


def visible(text: str, *, keep_tabs: bool = True) -> str:
    """``text`` with every control character as a visible symbol (line breaks too: the caller splits lines first)."""
    return text.translate(_TEXT if keep_tabs else _ALL)


class PipeGuard:
    """A text stream that turns a closed pipe into silence: later writes are dropped.

    Standard output is pointed at ``/dev/null`` once the pipe breaks, so the interpreter's
    final flush does not print "Exception ignored ... BrokenPipeError" either.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._broke()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._broke()

    def _broke(self) -> None:
        self.broken = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, AttributeError, ValueError):
            pass

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (AttributeError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def stdin_hint() -> str | None:
    """What to tell a user whose standard input is a terminal (``auditor check -`` typed by hand)."""
    try:
        interactive = sys.stdin.isatty()
    except (AttributeError, ValueError):
        return None
    if not interactive:
        return None
    end = "Ctrl-Z then Enter" if os.name == "nt" else "Ctrl-D"
    return f"auditor: reading an article from standard input; type or paste it, then press {end} to audit it"
