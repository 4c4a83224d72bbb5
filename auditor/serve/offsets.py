"""Offsets as LanguageTool counts them: UTF-16 code units, like Java's strings.

auditor's offsets are code points.  A character outside the Basic Multilingual Plane (an emoji,
a rare CJK ideograph) is one code point but two UTF-16 units, so every LanguageTool offset after
it is one more than auditor's (LanguageTool clients such as ``language_tool_python`` count the
same way and convert back).  ``ClientOffsets`` maps auditor's offsets into a text to the offsets a
client counts in what it sent: plain ``text``, or the ``data`` annotation whose markup parts are
not audited (their ``interpretAs`` is) but do count in the client's offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

_ASTRAL = "\U00010000"


def utf16_length(text: str) -> int:
    if not text or max(text) < _ASTRAL:
        return len(text)
    return len(text) + sum(1 for ch in text if ch >= _ASTRAL)


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of the audited text: ``text`` starts at ``start`` there and at ``client`` in what was sent."""

    start: int
    text: str
    client: int
    client_length: int
    markup: bool


class ClientOffsets:
    def __init__(self, parts: Sequence[Part]) -> None:
        self.parts = tuple(parts)
        self._starts = [p.start for p in self.parts]
        # Where each part's astral characters are: an offset moves by one unit for each before it.
        self._astral = [
            [i for i, ch in enumerate(p.text) if ch >= _ASTRAL] if utf16_length(p.text) != len(p.text) else []
            for p in self.parts
        ]
        self.text = "".join(p.text for p in self.parts)

    @classmethod
    def plain(cls, text: str) -> ClientOffsets:
        return cls([Part(0, text, 0, utf16_length(text), markup=False)])

    @classmethod
    def annotated(cls, items: Sequence[tuple[str, str | None]]) -> ClientOffsets:
        """``items``: ``(text, None)`` for a text part, ``(markup, interpret_as)`` for markup."""
        parts: list[Part] = []
        start = client = 0
        for sent, interpret in items:
            audited = sent if interpret is None else interpret
            length = utf16_length(sent)
            parts.append(Part(start, audited, client, length, markup=interpret is not None))
            start += len(audited)
            client += length
        return cls(parts)

    def to_client(self, offset: int, *, end: bool = False) -> int:
        """The client's offset for auditor's ``offset`` into ``text`` (``end``: of a span's end)."""
        if not self.parts:
            return 0
        i = bisect.bisect_right(self._starts, offset) - 1
        if end and i > 0 and offset == self.parts[i].start:
            i -= 1  # an end at a part boundary belongs to the part before it
        i = max(i, 0)
        part = self.parts[i]
        within = offset - part.start
        if part.markup:  # inside what markup was interpreted as: the whole markup
            return part.client + (part.client_length if end or within else 0)
        return part.client + within + bisect.bisect_left(self._astral[i], within)
