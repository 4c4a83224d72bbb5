"""Output formats.  Add one: write a ``Reporter`` subclass in its own module and list it here."""

from __future__ import annotations

from auditor.reporters.base import Reporter
from auditor.reporters.json import JsonReporter
from auditor.reporters.text import TextReporter

FORMATS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}

__all__ = ["FORMATS", "Reporter"]
