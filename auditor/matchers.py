"""The four ways a rule can match: a regex, a phrase list, a substitution table, a detector.

Each is compiled once, when its rule pack loads.  ``where`` narrows any of the
first three to whole lines (``line``) or to whole lines near the top or bottom
of the article (``edge``), which is how boilerplate is told from prose.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from auditor.model import Hit

if TYPE_CHECKING:
    from auditor.document import Document
    from auditor.rule import Rule

WHERE = ("anywhere", "line", "edge")
_H = r"[^\S\r\n]*"  # horizontal white space


class _Format(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str | None, fields: Mapping[str, str]) -> str | None:
    """``str.format`` that leaves unknown ``{placeholders}`` as they are."""
    if template is None:
        return None
    return template.format_map(_Format(fields))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a match may stand: anywhere, as a whole line, or as a whole line near an edge."""

    where: str = "anywhere"
    edge: int = 4

    def wrap(self, body: str) -> str:
        if self.where == "anywhere":
            return body
        return rf"(?m)^{_H}(?:{body}){_H}$"

    def allows(self, doc: Document, start: int) -> bool:
        if self.where != "edge":
            return True
        index = doc.paragraph_index(start)
        if index is None:
            return False
        return index < self.edge or index >= len(doc.paragraphs) - self.edge


@dataclass(frozen=True, slots=True)
class PatternMatcher:
    """A regex (the ``regex`` module).  A group named ``flag`` narrows the reported span."""

    compiled: Any
    placement: Placement

    @classmethod
    def build(cls, pattern: str, *, ignorecase: bool, placement: Placement) -> PatternMatcher:
        flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
        return cls(regex.compile(placement.wrap(pattern), flags), placement)

    def find(self, doc: Document, rule: Rule) -> Iterator[Hit]:
        has_flag = "flag" in self.compiled.groupindex
        for m in self.compiled.finditer(doc.text):
            start, end = m.span("flag") if has_flag and m.start("flag") >= 0 else m.span()
            if self.placement.where != "anywhere":
                start, end = _trim(doc.text, start, end)
            if start == end or not self.placement.allows(doc, start):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            fields = {"match": doc.text[start:end], **groups}
            yield Hit(start, end, suggestion=fill(rule.suggestion, fields), fields=fields)


@dataclass(frozen=True, slots=True)
class PhraseMatcher:
    """A list of literal phrases compiled into one alternation, longest first."""

    pattern: PatternMatcher

    @classmethod
    def build(cls, phrases: Iterable[str], *, ignorecase: bool, placement: Placement) -> PhraseMatcher:
        body = "|".join(_literal(p) for p in sorted(set(phrases), key=len, reverse=True))
        return cls(PatternMatcher.build(rf"(?<!\w)(?:{body})(?!\w)", ignorecase=ignorecase, placement=placement))

    def find(self, doc: Document, rule: Rule) -> Iterator[Hit]:
        return self.pattern.find(doc, rule)


@dataclass(frozen=True, slots=True)
class SubstitutionMatcher:
    """A table of wrong forms and what to write instead; the suggestion keeps the case."""

    pattern: PatternMatcher
    table: Mapping[str, str]

    @classmethod
    def build(cls, table: Mapping[str, str], *, ignorecase: bool, placement: Placement) -> SubstitutionMatcher:
        body = "|".join(_literal(k) for k in sorted(table, key=len, reverse=True))
        pattern = PatternMatcher.build(rf"(?<!\w)(?:{body})(?!\w)", ignorecase=ignorecase, placement=placement)
        return cls(pattern, {k.casefold(): v for k, v in table.items()})

    def find(self, doc: Document, rule: Rule) -> Iterator[Hit]:
        for hit in self.pattern.find(doc, rule):
            found = doc.text[hit.start : hit.end]
            right = _match_case(found, self.table[found.casefold()])
            fields = {**hit.fields, "suggestion": right}
            yield Hit(hit.start, hit.end, suggestion=right, fields=fields)


Detect = Callable[["Document", "Rule"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class DetectorMatcher:
    """A function in ``auditor.detectors`` (``module.function``) or any ``package.module:function``."""

    function: Detect
    ref: str

    @classmethod
    def build(cls, ref: str) -> DetectorMatcher:
        if ":" in ref:
            module_name, _, attr = ref.partition(":")
        else:
            module_name, _, attr = ref.rpartition(".")
            module_name = f"auditor.detectors.{module_name}" if module_name else "auditor.detectors"
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise LookupError(f"detector module {module_name!r} cannot be imported: {exc}") from None
        function = getattr(module, attr, None)
        if not callable(function):
            raise LookupError(f"detector {ref!r}: {module_name} has no function {attr!r}")
        return cls(function, ref)

    def find(self, doc: Document, rule: Rule) -> Iterator[Hit]:
        yield from self.function(doc, rule)


def _literal(phrase: str) -> str:
    """Escape a phrase; any run of spaces in it matches any horizontal white space."""
    return r"\s+".join(regex.escape(part) for part in phrase.split())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _match_case(found: str, right: str) -> str:
    if found.isupper() and len(found) > 1:
        return right.upper()
    if found[:1].isupper() and right[:1].islower():
        return right[:1].upper() + right[1:]
    return right
