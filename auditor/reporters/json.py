"""The JSON report: the contract in DESIGN.md, written incrementally as files finish."""

from __future__ import annotations

import json

from auditor.model import FileResult, Summary
from auditor.reporters.base import Reporter
from auditor.reporters.jsonl import file_object, json_line

VERSION = 1


class JsonReporter(Reporter):
    """``{"version": 1, "files": [...], "summary": {...}}``; one file object at a time."""

    needs_text = False

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._count = 0

    def add(self, result: FileResult) -> None:
        # The head waits for the first file: a run that stops on an input error writes nothing, not half a document.
        self.out.write(",\n  " if self._count else f'{{"version": {VERSION}, "files": [\n  ')
        self.out.write(json_line(file_object(result)))  # one line per file, safe for line-based tools too
        self._count += 1

    def close(self, summary: Summary) -> None:
        self.out.write("\n],\n" if self._count else f'{{"version": {VERSION}, "files": [],\n')
        if self.clusters is not None:  # additive to the contract: only when --clusters asked for them
            self.out.write(' "clusters": [')
            self.out.write(",".join("\n  " + json_line(c.to_dict()) for c in self.clusters))
            self.out.write("\n ],\n" if self.clusters else "],\n")
        self.out.write(f' "summary": {json.dumps(summary.to_dict())}}}\n')
