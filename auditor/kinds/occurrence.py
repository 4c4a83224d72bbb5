"""``occurrence``: too many (or too few) tokens in each sentence, paragraph or the document.

Options: ``scope`` (sentence, paragraph, document), ``token`` (a regex counted in
the scope; default: white-space separated words), ``max`` and/or ``min``.  The
message may use ``{count}`` and ``{max}``/``{min}``.  No edit: the remedy needs an
editor.  ``skip`` leaves alone scopes over ``max`` that are long by nature: ``lists``
(six or more comma- or semicolon-separated items, most of them four words or fewer: a
squad, a list of constituencies) and ``quotations`` (half or more of the words inside
quotation marks: a speaker's words are theirs).
"""

from __future__ import annotations

import re
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
    skip: tuple[Literal["lists", "quotations"], ...] = ()
    compiled: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max is None and self.min is None:
            raise ValueError("an occurrence rule sets max or min")
        if self.skip and self.max is None:
            raise ValueError("skip applies to scopes over max: set max")
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
        yield from _over_max(doc, _spans(doc, o.scope), o.max, o.skip)
        return
    for span in _spans(doc, o.scope):
        if o.min is None and o.compiled is None and o.max is not None and len(span) < o.max * 2:
            continue  # too short in characters to hold that many words
        chunk = text[span.start : span.end]
        count = len(chunk.split()) if o.compiled is None else sum(1 for _ in o.compiled.finditer(chunk))
        if o.max is not None and count > o.max and o.skip and _long_by_nature(chunk, o.skip):
            continue
        if (o.max is not None and count > o.max) or (o.min is not None and count < o.min):
            fields = {"count": str(count), "max": str(o.max), "min": str(o.min)}
            if o.scope == "document":
                yield Hit(None, None, fields=fields)
            else:
                yield Hit(span.start, span.end, fields=fields)


def _over_max(doc: Document, spans: tuple[Span, ...], limit: int, skip: tuple[str, ...] = ()) -> Iterator[Hit]:
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
        if count > limit and not (skip and _long_by_nature(chunk, skip)):
            yield Hit(start, end, fields={"count": str(count), "max": str(limit), "min": "None"})


_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
_ITEMS = re.compile(r"[,;]")


def _long_by_nature(chunk: str, skip: tuple[str, ...]) -> bool:
    """A list of short items, or a span that is mostly a quotation (see ``skip``)."""
    if "lists" in skip:
        items = [i.split() for i in _ITEMS.split(chunk)]
        if len(items) >= 6 and sum(1 for i in items if len(i) <= 4) >= 0.7 * len(items):
            return True
    if "quotations" in skip:
        quoted = sum(len(m.group().split()) for m in _QUOTED.finditer(chunk))
        # a quotation that opens here and closes in a later sentence
        open_at = chunk.rfind('"') if chunk.count('"') % 2 else -1
        curly = chunk.rfind("“")
        if curly > chunk.rfind("”"):
            open_at = max(open_at, curly)
        if open_at >= 0:
            quoted += len(chunk[open_at:].split())
        if quoted * 2 >= len(chunk.split()):
            return True
    return False
