"""What the data kinds share: where a match may stand, literal phrases, case, bounded regexes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import regex

if TYPE_CHECKING:
    from auditor.document import Document

Where = Literal["anywhere", "line", "edge"]
_H = r"[^\S\r\n]*"  # horizontal white space

#: Seconds one pattern may spend on one document.  Patterns come from rule packs, which are
#: trusted configuration; the limit turns a catastrophic one into an error finding, not a hang.
PATTERN_TIMEOUT = 2.0


class PatternTimeout(RuntimeError):
    """A rule's pattern ran past ``PATTERN_TIMEOUT`` on one document."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a match may stand: anywhere, as a whole line, or as a whole line near an edge."""

    where: Where = "anywhere"
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


def compile_pattern(pattern: str, *, ignorecase: bool = False) -> Any:
    """A ``regex`` pattern (V1 syntax); ``ValueError`` naming the problem when it does not compile."""
    try:
        return regex.compile(pattern, regex.V1 | (regex.IGNORECASE if ignorecase else 0))
    except regex.error as exc:
        raise ValueError(f"pattern does not compile: {exc}") from None


def finditer(compiled: Any, text: str) -> Iterator[Any]:
    """``compiled.finditer(text)`` bounded by ``PATTERN_TIMEOUT``."""
    try:
        yield from compiled.finditer(text, timeout=PATTERN_TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(f"pattern {compiled.pattern[:60]!r} ran past {PATTERN_TIMEOUT:g} s") from None


def literal(phrase: str) -> str:
    """Escape a phrase; any run of spaces in it matches any horizontal white space."""
    return r"[^\S\r\n]+".join(regex.escape(part) for part in phrase.split())


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def match_case(found: str, right: str) -> str:
    """``right`` in the case of ``found``: all capitals stay capitals, a capital first letter stays."""
    if found.isupper() and len(found) > 1 and not right.isupper():
        return right.upper()
    if found[:1].isupper() and right[:1].islower():
        return right[:1].upper() + right[1:]
    return right


def normalise(phrase: str) -> str:
    """The key a phrase is looked up by: case folded, white space collapsed."""
    return " ".join(phrase.casefold().split())


def line_with_break(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole line around ``[start, end)`` with its line break, for deleting a line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        # the last line: take the break before it instead, so no blank line is left
        line_end = len(text)
        while line_start > 0 and text[line_start - 1] in "\r\n":
            line_start -= 1
        return line_start, line_end
    return line_start, line_end + 1
