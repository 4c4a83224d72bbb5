"""Output formats.  Add one: write a ``Reporter`` subclass in its own module and list it here.

A format's module is imported when the format is first asked for (``FORMATS["html"]``):
the HTML report needs jinja2 and the text report rich, and a run uses one format.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from auditor.reporters.base import Reporter

#: Format name -> (module under ``auditor.reporters``, reporter class name).
_WHERE: dict[str, tuple[str, str]] = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "jsonl": ("jsonl", "JsonLinesReporter"),
    "markdown": ("markdown", "MarkdownReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "github": ("github", "GithubReporter"),
    "html": ("html", "HtmlReporter"),
    "sources": ("sources", "SourcesReporter"),
    "sources-json": ("sources", "SourcesJsonReporter"),
    "sources-csv": ("sources", "SourcesCsvReporter"),
}


class _Formats(Mapping[str, type[Reporter]]):
    """The reporters by format name, each imported on first use."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module, cls = _WHERE[name]
        reporter: type[Reporter] = getattr(import_module(f"auditor.reporters.{module}"), cls)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


FORMATS: Mapping[str, type[Reporter]] = _Formats()

__all__ = ["FORMATS", "Reporter"]
