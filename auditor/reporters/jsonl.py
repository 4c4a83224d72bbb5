"""JSON Lines: one line per file, the JSON report's file object, flushed as each file finishes.

A pipeline can read the stream while the run is still going (``auditor check
big/ --format jsonl | consumer``); nothing is held back for the end, so
memory stays flat and a run cut short still leaves every finished file.
"""

from __future__ import annotations

import json

from auditor.model import FileResult, Summary
from auditor.reporters.base import Reporter


class JsonLinesReporter(Reporter):
    """``{"path": ..., "score": ..., "findings": [...]}`` per line, as in the JSON report's ``files``."""

    needs_text = False

    streams = True

    def add(self, result: FileResult) -> None:
        self.out.write(json.dumps(result.to_dict(), ensure_ascii=False))
        self.out.write("\n")
        self.out.flush()

    def close(self, summary: Summary) -> None:
        """Nothing to add: the stream is the files, one per line (no summary line to confuse a reader)."""
        self.out.flush()
