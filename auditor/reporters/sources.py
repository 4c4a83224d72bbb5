"""Source profiles as a report: ``--format sources`` (a table), ``sources-json`` and ``sources-csv``.

Each reporter feeds every result to ``auditor.sources.Profiles`` and writes the
profiles when the run closes; nothing else of a result is kept, so a run of
any size holds one profile per source (see docs/sources.md).
"""

from __future__ import annotations

import json
from typing import Any

from auditor.model import FileResult, Summary
from auditor.reporters.base import Reporter
from auditor.sources import Profiles, csv_text, text_table


class SourcesReporter(Reporter):
    """A table of sources, best first (``--format sources``)."""

    needs_text = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.profiles = Profiles()

    def add(self, result: FileResult) -> None:
        self.profiles.add(result)

    def close(self, summary: Summary) -> None:
        self.out.write(text_table(self.profiles, width=self.width or 100))
        if self.clusters:
            self.out.write(f"{len(self.clusters)} rewrite cluster{'' if len(self.clusters) == 1 else 's'}:\n")
            for cluster in self.clusters:
                rewrites = ", ".join(f"{m.path} ({m.similarity:.2f})" for m in cluster.members[1:])
                self.out.write(f"  {cluster.original} (original, by {cluster.chosen_by}) <- {rewrites}\n")


class SourcesJsonReporter(SourcesReporter):
    """``{"version": 1, "sources": [...], "summary": {...}}`` (``--format sources-json``)."""

    def close(self, summary: Summary) -> None:
        out: dict[str, Any] = {"version": 1, "sources": self.profiles.to_list()}
        if self.clusters is not None:
            out["clusters"] = [c.to_dict() for c in self.clusters]
        out["summary"] = summary.to_dict()
        self.out.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")


class SourcesCsvReporter(SourcesReporter):
    """One row per source (``--format sources-csv``); the top rules as ``RULE:count`` words."""

    def close(self, summary: Summary) -> None:
        self.out.write(csv_text(self.profiles))
