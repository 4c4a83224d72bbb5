"""Findings about the file as a whole: empty articles, encodings other than UTF-8."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.document import Document
from auditor.model import Hit
from auditor.registry import NoOptions, detector

UTF8 = frozenset({"utf-8", "utf_8", "utf8", "ascii"})


@detector("document.empty")
def empty(doc: Document, options: NoOptions) -> Iterator[Hit]:
    if not doc.text.strip():
        yield Hit(None, None)


@detector("document.not_utf8")
def not_utf8(doc: Document, options: NoOptions) -> Iterator[Hit]:
    if doc.encoding.lower() not in UTF8:
        yield Hit(None, None, fields={"encoding": doc.encoding})
