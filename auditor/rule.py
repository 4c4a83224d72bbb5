"""A rule: identity, wording, documentation, examples, and the matcher that finds it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

import regex

from auditor.model import FileResult, Finding, Hit, Severity

if TYPE_CHECKING:
    from auditor.document import Document

_MARK = regex.compile(r"\[\[(.*?)\]\]", regex.DOTALL)


class BatchCheck(Protocol):
    """A check over a finished run: ``(results, rule) -> {path: [Finding, ...]}`` to add."""

    def __call__(self, results: Sequence[FileResult], rule: Rule) -> Mapping[str, Sequence[Finding]]: ...


class Matcher(Protocol):
    """Finds a rule's hits in a document.  Built once when the rule is loaded."""

    def find(self, doc: Document, rule: Rule) -> Iterator[Hit]: ...


@dataclass(frozen=True, slots=True)
class Example:
    """A test string with the spans the rule must report (``[[marked]]`` in the source).

    A fail example with no marked span expects one finding about the whole file.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    encoding: str | None = None
    """When set, the example is these bytes: ``text`` encoded so, then decoded as a file is."""

    @classmethod
    def parse(cls, marked: str, *, encoding: str | None = None) -> Example:
        spans = []
        out = []
        pos = 0
        length = 0
        for m in _MARK.finditer(marked):
            out.append(marked[pos : m.start()])
            length += m.start() - pos
            spans.append((length, length + len(m.group(1))))
            out.append(m.group(1))
            length += len(m.group(1))
            pos = m.end()
        out.append(marked[pos:])
        return cls("".join(out), tuple(spans), encoding)


@dataclass(frozen=True, slots=True)
class Examples:
    fail: tuple[Example, ...] = ()
    passing: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One check, as declared in a YAML rule pack.

    ``message`` may hold ``{match}`` (the reported text), ``{suggestion}`` and any
    field a detector fills in.  ``why`` is the documentation: what the rule looks
    for, why it matters to an editor, and what to write instead.
    """

    id: str
    name: str
    category: str
    severity: Severity
    message: str
    why: str
    matcher: Matcher = field(repr=False, compare=False)
    suggestion: str | None = None
    examples: Examples = field(default_factory=Examples, repr=False)
    options: Mapping[str, Any] = field(default_factory=dict, repr=False)
    source: str = ""
    kind: str = "pattern"
    batch: BatchCheck | None = field(default=None, repr=False, compare=False)
    """A second pass over a whole run's results (``batch: module.function`` in YAML), or None."""

    def find(self, doc: Document) -> Iterator[Hit]:
        return self.matcher.find(doc, self)

    def with_severity(self, severity: Severity) -> Rule:
        return replace(self, severity=severity)
