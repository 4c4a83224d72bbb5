"""The value types every part of auditor shares: severities, categories, findings, results."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


CATEGORIES: tuple[str, ...] = (
    "boilerplate",
    "names",
    "translation",
    "extraction",
    "language",
    "encoding",
    "readability",
    "style",
    "internal",
)


#: How safe it is to apply a fix without reading it (ruff's applicability).
SAFE, UNSAFE, NONE = "safe", "unsafe", "none"
APPLICABILITIES: tuple[str, ...] = (SAFE, UNSAFE, NONE)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` (code point offsets; an insertion when start == end)."""

    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that repair one finding, and whether a program may apply them unasked.

    ``safe``: mechanical and meaning-preserving (mojibake repaired, an invisible
    character removed, a boilerplate line deleted); ``unsafe``: right in most
    cases but worth a human glance (a name corrected from the gazetteer, a calque
    replaced).  Edits never overlap one another.
    """

    applicability: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"applicability": self.applicability, "edits": [e.to_dict() for e in self.edits]}

    def apply(self, text: str) -> str:
        return apply_edits(text, self.edits)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (in any order given)."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edits at {edit.start}")
        out += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def delete(start: int, end: int) -> tuple[Edit, ...]:
    """The edits that remove ``[start, end)``."""
    return (Edit(start, end, ""),)


def replace_span(start: int, end: int, replacement: str) -> tuple[Edit, ...]:
    return (Edit(start, end, replacement),)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a matcher or detector reports: a span and, optionally, wording of its own.

    ``start``/``end`` are code point offsets into the document text (end exclusive);
    both ``None`` for a finding about the whole file.  ``message`` and ``suggestion``
    override the rule's defaults; ``fields`` fill ``{placeholders}`` in the rule's message.
    """

    start: int | None
    end: int | None
    message: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None
    fields: dict[str, str] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    """What to change to repair it; the rule's ``fix`` applicability applies unless ``applicability`` says."""
    applicability: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect, located in one file, as the JSON report contract describes it."""

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    start: int | None
    end: int | None
    line: int
    column: int
    text: str
    penalty: float
    fix: Fix | None = None
    related: tuple[str, ...] = ()
    """Other rules that reported the same defect (merged into this finding; their penalties not added)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "penalty": self.penalty,
            "related": list(self.related),
            "fix": None if self.fix is None else self.fix.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything auditor found in one document, with its score and gate verdict."""

    path: str
    encoding: str
    words: int
    score: float
    passed: bool
    findings: tuple[Finding, ...]
    text: str = field(default="", repr=False, compare=False)
    skipped: str | None = None
    collected: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What batch rules kept of the document (by rule id), until the engine judges the run."""
    signals: Mapping[str, float | str] = field(default_factory=dict)
    """Document-level measurements: ``machine_translation`` in [0, 1] (docs/translation-signal.md)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "encoding": self.encoding,
            "words": self.words,
            "score": None if self.skipped is not None else self.score,
            "passed": self.passed,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.skipped is None:
            out["signals"] = dict(self.signals)
        else:
            out["skipped"] = self.skipped
        return out


#: How a ``FileResult.skipped`` reason starts when the input could not be read (the run exits 2).
UNREADABLE = "cannot read"


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    passed: int
    failed: int
    skipped: int
    findings: int

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Summary:
        tally = Tally()
        for result in results:
            tally.add(result)
        return tally.summary()

    def to_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "passed": self.passed,
            "failed": self.failed,
            "skipped": self.skipped,
            "findings": self.findings,
        }


@dataclass(slots=True)
class Tally:
    """A run's counts, added one result at a time: no list of results is kept."""

    files: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    unreadable: int = 0
    internal: int = 0
    """Documents auditor (AU001) or one of its rules (AU002) failed on: the run exits 2."""
    findings: int = 0

    def add(self, result: FileResult) -> None:
        if result.skipped is not None:
            self.skipped += 1
            self.unreadable += result.skipped.startswith(UNREADABLE)
            return
        self.files += 1
        self.internal += any(f.category == "internal" for f in result.findings)
        self.passed += result.passed
        self.failed += not result.passed
        self.findings += len(result.findings)

    def summary(self) -> Summary:
        return Summary(
            files=self.files, passed=self.passed, failed=self.failed, skipped=self.skipped, findings=self.findings
        )
