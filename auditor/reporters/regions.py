"""Where a finding sits, for the reporters that point into the text.

Two things several formats need and the ``Finding`` does not carry:

* ``end_position``: the 1-based line and column just past the end of a span
  (SARIF's and GitHub's ``endLine``/``endColumn``), computed from the finding's
  own start position and text, so no reporter has to keep the article.
* ``nest``: article text with every span wrapped in tags that nest correctly
  however the spans overlap, for the HTML report's in-place highlights.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from auditor.model import Finding

_BREAK = re.compile(r"\r\n|\r|\n")


def end_position(finding: Finding) -> tuple[int, int]:
    """``(line, column)`` of the character after the finding's span (end exclusive, 1-based).

    Line breaks are ``\\r\\n``, ``\\r`` or ``\\n``, as in ``Document``.  A finding
    about the whole file ends where it starts.
    """
    if finding.start is None or finding.end is None:
        return finding.line, finding.column
    text = finding.text
    breaks = 0
    last = 0
    for m in _BREAK.finditer(text):
        breaks += 1
        last = m.end()
    if not breaks:
        return finding.line, finding.column + (finding.end - finding.start)
    return finding.line + breaks, len(text) - last + 1


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to highlight; ``key`` is handed back to the tag builder."""

    start: int
    end: int
    key: int


#: Builds an opening tag: ``(key, first_piece, depth) -> "<mark ...>"`` (depth counts from 1).
OpenTag = Callable[[int, bool, int], str]


def nest(text: str, marks: Sequence[Mark], open_tag: OpenTag, *, close_tag: str = "</mark>") -> Markup:
    """``text`` escaped, each mark's span wrapped in ``open_tag(...)`` ... ``close_tag``.

    Overlapping spans are split so that tags always nest: when a span ends
    inside another that began later, the later one is closed and reopened as a
    continuation piece (``first_piece`` false).  Longer spans starting at the
    same offset go outside shorter ones.  A zero-length span becomes an empty
    element at its offset.  Spans are clamped to the text.
    """
    size = len(text)
    clamped = [Mark(min(max(m.start, 0), size), min(max(m.end, m.start, 0), size), m.key) for m in marks]
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, set[int]] = {}
    points = {0, size}
    for i, m in enumerate(clamped):
        points.add(m.start)
        if m.start == m.end:
            opens.setdefault(m.start, []).append(m)
            continue
        points.add(m.end)
        opens.setdefault(m.start, []).append(m)
        closes.setdefault(m.end, set()).add(i)
    index = {id(m): i for i, m in enumerate(clamped)}
    out: list[str] = []
    stack: list[int] = []  # indexes into clamped, innermost last
    ordered = sorted(points)
    for n, pos in enumerate(ordered):
        ending = closes.get(pos)
        if ending:
            reopen: list[int] = []
            while ending & set(stack):
                top = stack.pop()
                out.append(close_tag)
                if top not in ending:
                    reopen.append(top)
            for i in reversed(reopen):
                stack.append(i)
                out.append(open_tag(clamped[i].key, False, len(stack)))
        starting = sorted(opens.get(pos, ()), key=lambda m: (m.start != m.end, -(m.end - m.start), m.key))
        for m in starting:
            if m.start == m.end:
                out.append(open_tag(m.key, True, len(stack) + 1) + close_tag)
            else:
                stack.append(index[id(m)])
                out.append(open_tag(m.key, True, len(stack)))
        if n + 1 < len(ordered):
            out.append(str(escape(text[pos : ordered[n + 1]])))
    out.extend(close_tag for _ in stack)
    return Markup("".join(out))
