"""The value types every part of auditor shares: severities, categories, findings, results."""

from __future__ import annotations

import enum
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
)


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

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "encoding": self.encoding,
            "words": self.words,
            "score": self.score,
            "passed": self.passed,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.skipped is not None:
            out["skipped"] = self.skipped
        return out


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    passed: int
    failed: int
    skipped: int
    findings: int

    @classmethod
    def of(cls, results: list[FileResult] | tuple[FileResult, ...]) -> Summary:
        audited = [r for r in results if r.skipped is None]
        return cls(
            files=len(audited),
            passed=sum(r.passed for r in audited),
            failed=sum(not r.passed for r in audited),
            skipped=len(results) - len(audited),
            findings=sum(len(r.findings) for r in audited),
        )

    def to_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "passed": self.passed,
            "failed": self.failed,
            "skipped": self.skipped,
            "findings": self.findings,
        }
