"""What every reporter is: it receives results one by one and writes to a stream.

Reporters only read results; they never re-run rules.  Results arrive as each
file finishes, so a reporter that can stream (JSON, JSON Lines) keeps memory
flat however many files a run covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from auditor.model import FileResult, Summary
from auditor.rule import Rule

if TYPE_CHECKING:  # pragma: no cover
    from auditor.rewrites import Cluster


class Reporter:
    """Base class: override ``add`` and ``close``."""

    #: Whether the output is best written to a file (HTML) rather than to the terminal.
    wants_file = False
    #: File name used under reports/ when no -o is given and ``wants_file`` is set.
    default_name = ""
    #: Whether readers consume the output while the run goes on (JSON Lines): the run then never
    #: holds results back, and checks over the whole batch (NM105) are skipped.
    streams = False
    #: Whether the report shows article text (context lines, highlights): results then keep it.
    needs_text = True

    def __init__(self, out: TextIO, *, rules: Sequence[Rule], width: int | None = None, color: bool = False) -> None:
        self.out = out
        self.rules = rules
        self.width = width
        self.color = color
        #: The run's rewrite clusters, when they were asked for (``--clusters``); set before ``close``.
        self.clusters: Sequence[Cluster] | None = None

    def add_clusters(self, clusters: Sequence[Cluster]) -> None:
        """The batch's rewrite clusters, judged once every result was added (formats that show them override)."""
        self.clusters = clusters

    def add(self, result: FileResult) -> None:
        raise NotImplementedError

    def close(self, summary: Summary) -> None:
        raise NotImplementedError
