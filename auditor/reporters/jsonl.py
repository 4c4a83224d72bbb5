"""JSON Lines: one line per file, the JSON report's file object, flushed as each file finishes.

A pipeline can read the stream while the run is still going (``auditor check
big/ --format jsonl | consumer``); nothing is held back for the end, so
memory stays flat and a run cut short still leaves every finished file.
"""

from __future__ import annotations

import json
from typing import Any

from auditor.model import FileResult, Summary
from auditor.pivot import of_result
from auditor.reporters.base import Reporter
from auditor.sources import meta_of

#: Line separators JSON allows raw inside strings but line-oriented readers split on (JavaScript, str.splitlines).
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def json_line(value: object) -> str:
    """``value`` as one line of JSON: non-ASCII kept as is, except the characters a reader may take for a line end.

    ``json.dumps`` escapes ``\\n`` and ``\\r`` but leaves U+2028, U+2029 and
    U+0085 raw; they only occur inside strings, so escaping them there is safe.
    """
    text = json.dumps(value, ensure_ascii=False)
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        for raw, escaped in _LINE_BREAKS.items():
            text = text.replace(raw, escaped)
    return text


def file_object(result: FileResult) -> dict[str, Any]:
    """The JSON report's file object, with the document's ``source`` (and ``date``) when the run knows them,
    and ``signals.pivot_language`` with its evidence when the findings point to one (``auditor.pivot``)."""
    out = result.to_dict()
    if result.skipped is None and (pivot := of_result(result)) is not None:  # the likely pivot language
        out.setdefault("signals", {}).update(pivot.signals())
    meta = meta_of(result)
    if meta.get("source") is not None:
        out["source"] = meta["source"]
    if meta.get("date") is not None:
        out["date"] = meta["date"]
    return out


class JsonLinesReporter(Reporter):
    """``{"path": ..., "score": ..., "findings": [...]}`` per line, as in the JSON report's ``files``."""

    needs_text = False

    streams = True

    def add(self, result: FileResult) -> None:
        self.out.write(json_line(file_object(result)))
        self.out.write("\n")
        self.out.flush()

    def close(self, summary: Summary) -> None:
        """Nothing to add: the stream is the files, one per line (no summary line to confuse a reader)."""
        self.out.flush()
