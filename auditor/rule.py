"""A rule: identity, wording, documentation, examples, and the matcher that finds it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import regex

from auditor.model import Hit, Severity
from auditor.registry import DetectorSpec

if TYPE_CHECKING:
    from auditor.document import Document

_MARK = regex.compile(r"\[\[(.*?)\]\]", regex.DOTALL)


@dataclass(frozen=True, slots=True)
class Example:
    """A test string with the spans the rule must report (``[[marked]]`` in the source).

    A fail example with no marked span expects one finding about the whole file.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    encoding: str | None = None
    """When set, the example is these bytes: ``text`` encoded so, then decoded as a file is."""
    fix: str | None = None
    """The marked span's text once the finding's edits are applied (LanguageTool's ``correction``)."""
    fixed: str | None = None
    """The whole example's text once every finding's edits are applied."""

    @classmethod
    def parse(
        cls, marked: str, *, encoding: str | None = None, fix: str | None = None, fixed: str | None = None
    ) -> Example:
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
        return cls("".join(out), tuple(spans), encoding, fix, fixed)


@dataclass(frozen=True, slots=True)
class Examples:
    fail: tuple[Example, ...] = ()
    passing: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One check, as declared in a YAML rule pack.

    ``message`` may hold ``{match}`` (the reported text), ``{suggestion}`` and any
    field a detector fills in.  ``why`` is the documentation: what the rule looks
    for, why it matters to an editor, and what to write instead.  ``kind`` is the
    rule kind (existence, substitution, repetition, ... or detector); ``spec`` the
    registered code that matches it and ``settings`` its validated options.
    """

    id: str
    name: str
    category: str
    severity: Severity
    message: str
    why: str
    spec: DetectorSpec = field(repr=False, compare=False)
    settings: Any = field(repr=False, compare=False)
    suggestion: str | None = None
    examples: Examples = field(default_factory=Examples, repr=False)
    options: Mapping[str, Any] = field(default_factory=dict, repr=False)
    """The options as written in the pack (``settings`` holds them checked and prepared)."""
    source: str = ""
    kind: str = "detector"
    fix: str = "none"
    """The applicability of this rule's edits: safe, unsafe or none (advice only)."""
    languages: frozenset[str] = frozenset()
    """Article languages the rule applies to (empty: any)."""

    def find(self, doc: Document) -> Iterator[Hit]:
        yield from self.spec.function(doc, self.settings)

    @property
    def is_batch(self) -> bool:
        return self.spec.collect is not None

    @property
    def detector(self) -> str:
        return self.spec.name

    def with_severity(self, severity: Severity) -> Rule:
        return replace(self, severity=severity)
