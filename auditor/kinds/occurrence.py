"""``occurrence``: too many (or too few) tokens in each sentence, paragraph or the document.

Options: ``scope`` (sentence, paragraph, document), ``token`` (a regex counted in
the scope; default: white-space separated words), ``max`` and/or ``min``.  The
message may use ``{count}`` and ``{max}``/``{min}``.  No edit: the remedy needs an
editor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from auditor.document import Document, Span
from auditor.kinds.common import compile_pattern
from auditor.model import Hit
from auditor.registry import detector


@dataclass(frozen=True)
class Occurrence:
    scope: Literal["sentence", "paragraph", "document"] = "sentence"
    token: str | None = None
    max: int | None = None
    min: int | None = None
    compiled: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max is None and self.min is None:
            raise ValueError("an occurrence rule sets max or min")
        object.__setattr__(self, "compiled", None if self.token is None else compile_pattern(self.token))


def _spans(doc: Document, scope: str) -> tuple[Span, ...]:
    if scope == "sentence":
        return doc.sentences
    if scope == "paragraph":
        return doc.paragraphs
    return (Span(0, len(doc.text)),)


@detector("occurrence", options=Occurrence)
def occurrence(doc: Document, o: Occurrence) -> Iterator[Hit]:
    """Each scope whose count of tokens is above ``max`` or below ``min``."""
    text = doc.text
    if o.min is None and o.compiled is None and o.max is not None and o.scope != "document":
        yield from _over_max(doc, _spans(doc, o.scope), o.max)
        return
    for span in _spans(doc, o.scope):
        if o.min is None and o.compiled is None and o.max is not None and len(span) < o.max * 2:
            continue  # too short in characters to hold that many words
        chunk = text[span.start : span.end]
        count = len(chunk.split()) if o.compiled is None else sum(1 for _ in o.compiled.finditer(chunk))
        if (o.max is not None and count > o.max) or (o.min is not None and count < o.min):
            fields = {"count": str(count), "max": str(o.max), "min": str(o.min)}
            if o.scope == "document":
                yield Hit(None, None, fields=fields)
            else:
                yield Hit(span.start, span.end, fields=fields)


def _over_max(doc: Document, spans: tuple[Span, ...], limit: int) -> Iterator[Hit]:
    """The spans of more than ``limit`` white-space separated words (the common case, made cheap).

    A span shorter than ``2 * limit`` characters cannot hold that many words, nor can one whose only
    white space is fewer than ``limit`` plain spaces (every other white space character is
    unprintable, so ``isprintable`` rules them out without splitting the text into words).
    """
    text = doc.text
    least = limit * 2
    for span in spans:
        start, end = span.start, span.end
        if end - start < least:
            continue
        chunk = text[start:end]
        if chunk.count(" ") < limit and chunk.isprintable():
            continue
        count = len(chunk.split())
        if count > limit:
            yield Hit(start, end, fields={"count": str(count), "max": str(limit), "min": "None"})
