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
