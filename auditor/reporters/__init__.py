"""Output formats.  Add one: write a ``Reporter`` subclass in its own module and list it here."""

from __future__ import annotations

from auditor.reporters.base import Reporter
from auditor.reporters.github import GithubReporter
from auditor.reporters.html import HtmlReporter
from auditor.reporters.json import JsonReporter
from auditor.reporters.jsonl import JsonLinesReporter
from auditor.reporters.markdown import MarkdownReporter
from auditor.reporters.sarif import SarifReporter
from auditor.reporters.sources import SourcesCsvReporter, SourcesJsonReporter, SourcesReporter
from auditor.reporters.text import TextReporter

FORMATS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
    "markdown": MarkdownReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "html": HtmlReporter,
    "sources": SourcesReporter,
    "sources-json": SourcesJsonReporter,
    "sources-csv": SourcesCsvReporter,
}

__all__ = ["FORMATS", "Reporter"]
