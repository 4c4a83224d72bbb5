"""The document model's fast paths give what the plain scans give (issue 14: speed, no change)."""

from __future__ import annotations

import random

from auditor.document import _LINE_BREAK, Document, Span


def _plain_lines(text: str) -> tuple[list[int], tuple[Span, ...]]:
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    lines = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        lines.append(Span(start, end))
    return starts, tuple(lines)


def test_lines_are_those_of_the_line_break_scan() -> None:
    rng = random.Random(14)
    pieces = ["\n", "\n\n", "\r", "\r\n", "a", "word ", " ", "\x0c", "\u2028", "\x85", "é."]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        doc = Document(text)
        assert (doc.line_starts, doc.lines) == _plain_lines(text), repr(text)
