"""Quotation marks that a translation or a scraper left wrong (rules TR109-TR114).

Only double quotation marks are walked (“ ” and "): a single ’ is far more often an
apostrophe than a quote.  Nested quotations use single marks, and a double mark set a
space apart from the close of a nested one ("‘we will not.’ ”") closes the outer
quotation at its depth (``closes_nested``): no spacing issue.  Each paragraph
is walked once, mark by mark, with a one-level state (inside a quotation or not);
the direction of a straight mark comes from its neighbours.  Because that
direction is a guess (and straight marks nest inside straight marks: 'he was the
"Father of the House" and'), issues found on straight marks are reported at info
level; curly marks say which way they face, so their issues are warnings.  News style lets a
quotation run over several paragraphs with no closing mark at the end of each
paragraph as long as the next one opens with a quote mark: that is not reported.

The walk runs once per document (cached on the text) and each rule takes the
findings of its kind:

* ``glued-close``  a closing mark after a space and glued to the next word (", ”she")
* ``open-at-end``  an opening mark as the last character of a paragraph ("the case. “")
* ``spaced-close`` a closing mark with spaces on both sides ("consequences. ” McCall")
* ``unclosed``     a quotation opened and never closed in its paragraph
* ``unopened``     a quotation closed that never opened
* ``mixed``        straight marks in an article that otherwise uses curly ones (or the reverse)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.document import Document, per_document
from auditor.model import Edit, Hit, Severity
from auditor.registry import detector

_SPACE = frozenset(" \t\r\n\u00a0")
_BEFORE_OPEN = frozenset("([{—–-/")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…'’")
_WORD = re.compile(r"[\w’'-]+")
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’)]*(?:\s|$))")
#: Longest span reported for a quotation without its other mark.
MAX_SPAN = 150


@dataclass(frozen=True, slots=True)
class QuoteIssue:
    kind: str
    start: int
    end: int
    suggestion: str | None = None
    straight: bool = False
    """The mark is a straight ", whose direction the walk had to guess: reported at info level."""


def _word_back(text: str, pos: int, floor: int) -> int:
    """Start of the word (and its trailing punctuation and spaces) that ends before ``pos``."""
    i = pos
    while i > floor and text[i - 1] in " \t\u00a0.,;:!?…":
        i -= 1
    while i > floor and (text[i - 1].isalnum() or text[i - 1] in "’'-"):
        i -= 1
    return i


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence holding ``pos`` (crude: after the last '. ' before it)."""
    i = pos - 1
    while i > floor:
        if text[i] in " \t" and text[i - 1] in ".!?" and i + 1 < pos and text[i + 1].isupper():
            return i + 1
        i -= 1
    return floor


def _sentence_end(text: str, pos: int, ceiling: int) -> int:
    m = _SENTENCE_END.search(text, pos, ceiling)
    return m.end() if m is not None else ceiling


_NESTED_GAP = " \t\u00a0\u2009\u202f"
_SINGLE_CLOSE = "’'"
_NESTED_REACH = 4 * MAX_SPAN  # how far back a nested quotation's opening mark is looked for


def closes_nested(text: str, floor: int, pos: int) -> bool:
    """Whether the double mark at ``pos`` follows, across spaces, the close of a nested single quotation.

    'He said: “They told me ‘we will not resign.’ ”': typesetters put a space between the two
    closing marks so that they read apart; the double mark closes the outer quotation, at
    its depth, and is no spacing error.  The single quotation must have opened after
    ``floor`` (the outer quotation's mark, or the paragraph's start): an opening ‘, or a
    straight ' after a space or an opening mark, with fewer closing singles since (an
    apostrophe inside a word is neither).
    """
    j = pos - 1
    while j > floor and text[j] in _NESTED_GAP:
        j -= 1
    if j == pos - 1 or j <= floor or text[j] not in _SINGLE_CLOSE:
        return False
    opens = closes = 0
    for k in range(max(floor, j - _NESTED_REACH), j):  # bounded: a line of "x' " x' " ..." stays linear
        ch = text[k]
        if ch not in "‘’'":
            continue
        before = text[k - 1] if k > 0 else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if ch == "‘" or (ch == "'" and (before in _SPACE or before in '“"([—–') and after.isalnum()):
            opens += 1
        elif not (before.isalnum() and after.isalnum()):
            closes += 1
    return opens > closes


#: How many lines a quotation that ran off its paragraph may go on before its closing mark
#: still counts as its own (a Russian-style quotation over paragraphs, one finding).
_CARRY_LINES = 8


class _Walk:
    """The state of one pass over a document's double quotation marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.issues: list[QuoteIssue] = []
        self.stack: list[int] = []  # offsets of the open marks: an outer quotation and at most one nested
        self.para_start = 0
        self.quoted: list[tuple[int, int, str]] = []  # (open, close, style) of closed quotations
        # where a quotation ran off the end of its paragraph unclosed (None: none did since)
        self.carried: int | None = None

    @property
    def depth(self) -> int:
        return len(self.stack)

    # -- helpers ---------------------------------------------------------------------------------
    def para_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def ends_paragraph(self, pos: int) -> bool:
        """Whether only white space follows ``pos`` up to the line break (reads the spaces only: linear)."""
        text = self.text
        i = pos
        while i < len(text) and text[i] != "\n" and text[i].isspace():
            i += 1
        return i == len(text) or text[i] == "\n"

    def add(self, kind: str, start: int, end: int, suggestion: str | None = None, *, mark: int) -> None:
        self.issues.append(QuoteIssue(kind, start, end, suggestion, self.text[mark] == '"'))

    def open(self, pos: int) -> None:
        self.stack.append(pos)
        self.carried = None

    def close(self, pos: int) -> None:
        opened = self.stack.pop()
        style = "straight" if self.text[opened] == '"' else "curly"
        self.quoted.append((opened, pos, style))

    def unclosed(self, opened: int, ceiling: int) -> None:
        # the search stops a little past the longest span reported: each issue costs its neighbourhood only
        ceiling = min(ceiling, opened + MAX_SPAN + 8)
        text = self.text
        end = min(_sentence_end(text, opened + 1, ceiling), opened + MAX_SPAN)
        if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            space = text.rfind(" ", opened + 1, end)  # a span cut at the cap ends at a word's end
            if space > opened + 1:
                end = space
        self.add("unclosed", opened, max(end, opened + 1), mark=opened)

    # -- events ----------------------------------------------------------------------------------
    def end_paragraph(self, newline: int) -> None:
        """A line break: an open quotation must close here unless the next paragraph reopens it."""
        text = self.text
        if self.stack:
            nxt = newline
            while nxt < len(text) and text[nxt] in _SPACE:
                nxt += 1
            if self.depth > 1 or nxt >= len(text) or text[nxt] not in '“"':
                self.unclosed(self.stack[0], newline)
                self.carried = newline if self.depth == 1 else None
        self.stack.clear()
        self.para_start = newline + 1

    def mark(self, pos: int, ch: str) -> None:
        text = self.text
        prev = text[pos - 1] if pos > self.para_start else "\n"
        nxt = text[pos + 1] if pos + 1 < len(text) else "\n"
        space_before, space_after = prev in _SPACE, nxt in _SPACE
        if (
            ch != "“"
            and space_before
            and (space_after or nxt in _AFTER_CLOSE)
            and closes_nested(text, self.stack[0] if self.depth else self.para_start, pos)
        ):
            # ’ ” or ' ": the outer quotation closes after a nested one, spaced apart on purpose
            if self.depth:
                self.close(pos)
            return
        if (ch == "“" or (ch == '"' and space_before)) and space_after and self.ends_paragraph(pos + 1):
            # an opening mark as the last character of the paragraph
            start = _word_back(text, pos, self.para_start)
            if start < pos:
                closing = "”" if ch == "“" else '"'
                self.add("open-at-end", start, pos + 1, text[start:pos].rstrip() + closing, mark=pos)
                if self.depth:
                    self.close(pos)
                return
        if ch == "“" or (ch == '"' and (space_before or prev in _BEFORE_OPEN) and not space_after):
            if self.depth:
                if not space_before and prev not in _BEFORE_OPEN:
                    self.close(pos)  # a wrong-way mark used to close: 'said “no“ to'
                    return
                if self.depth == 1 and text[max(self.para_start, pos - 4) : pos].rstrip(" ’'")[-1:] in ".!?…:":
                    # a quotation running on into the next paragraph, the two paragraphs merged
                    # into one line: '... to work towards. "Perhaps more importantly ...'
                    self.stack[0] = pos
                    return
                if self.depth == 2:  # a third level: the nested quotation never closed
                    self.unclosed(self.stack.pop(), pos)
            self.open(pos)  # at depth 1: a quotation nested in double marks ('the “Father of the House”')
            return
        if space_before and space_after:
            if self.depth or ch == "”":
                start = _word_back(text, pos, self.para_start)
                self.add("spaced-close", start, pos + 1, text[start:pos].rstrip() + ch, mark=pos)
                if self.depth:
                    self.close(pos)
            return
        if space_before and not space_after:  # ” glued to the next word
            if self.depth:
                start = _word_back(text, pos, self.para_start)
                word = _WORD.match(text, pos + 1)
                end = word.end() if word else pos + 1
                self.add("glued-close", start, end, text[start:pos].rstrip() + ch + " " + text[pos + 1 : end], mark=pos)
                self.close(pos)
            else:
                self.open(pos)  # a closing glyph used to open
            return
        # a closing mark in its usual place
        if self.depth:
            self.close(pos)
        elif ch == "”" or prev.isalpha() or prev in ".,;:!?…":
            floor = max(self.para_start, pos - MAX_SPAN)
            start = _sentence_start(text, pos, floor)
            if start == floor > self.para_start:  # a span cut at the cap starts at a word's start
                if text[start - 1].isalnum():
                    while start < pos and text[start].isalnum():
                        start += 1
                while start < pos and text[start] in " \t":
                    start += 1
            carried, self.carried = self.carried, None
            if carried is not None and text.count("\n", carried, pos) <= _CARRY_LINES:
                # the quotation that ran off an earlier paragraph closes here: one quotation over
                # paragraphs whose continuations lack their opening mark, already reported where it
                # opened (TR112), not a second defect
                return
            self.add("unopened", start, pos + 1, mark=pos)

    def finish(self) -> None:
        if self.depth:
            self.end_paragraph(self.para_end(self.stack[0]))
        straight = sum(1 for _, _, s in self.quoted if s == "straight")
        curly = len(self.quoted) - straight
        if straight and curly:
            minority = "straight" if straight < curly else "curly"
            for start, end, style in self.quoted:
                if style == minority:
                    self.add("mixed", start, min(end + 1, start + MAX_SPAN), mark=start)


def _positions(text: str, chars: str) -> list[int]:
    """Offsets of every character of ``chars`` in ``text``, sorted (one fast find per character)."""
    out: list[int] = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            out.append(at)
            at = text.find(ch, at + 1)
    out.sort()
    return out


@per_document
def document_issues(doc: Document) -> tuple[QuoteIssue, ...]:
    """``quote_issues`` of the document's text, computed once for every quotation rule."""
    return quote_issues(doc.text)


def quote_issues(text: str) -> tuple[QuoteIssue, ...]:
    """Every quotation-mark issue in ``text``, in order of position."""
    marks = _positions(text, '"“”')
    if not marks:
        return ()
    walk = _Walk(text)
    last = 0
    size = len(text)
    for pos in marks:
        newline = text.find("\n", last, pos)
        if newline >= 0:  # one or more paragraph ends since the last mark
            walk.end_paragraph(newline)
            walk.para_start = text.rfind("\n", newline, pos) + 1
        last = pos + 1
        ch = text[pos]
        # Fast paths for the two usual cases; anything else goes through the full walk.
        if (
            ch == "“"
            and not walk.depth
            and pos > walk.para_start
            and text[pos - 1] == " "
            and last < size
            and text[last] not in _SPACE
        ):
            walk.open(pos)
        elif ch == "”" and walk.depth and text[pos - 1] not in _SPACE and (last == size or text[last] in " \n"):
            walk.close(pos)
        else:
            walk.mark(pos, ch)
    walk.finish()
    return tuple(sorted(walk.issues, key=lambda i: (i.start, i.end)))


KINDS = frozenset({"glued-close", "open-at-end", "spaced-close", "unclosed", "unopened", "mixed"})


@dataclass(frozen=True)
class QuoteIssueKind:
    """Options of ``quotes.issue``."""

    kind: str


@detector("quotes.issue", options=QuoteIssueKind)
def issue(doc: Document, options: QuoteIssueKind) -> Iterator[Hit]:
    """The quotation-mark issues of one kind (``options.kind``), from one walk shared by TR109-TR114.

    glued-close ', ”she added' (TR109); open-at-end 'the case. “' closing a paragraph (TR110);
    spaced-close 'consequences. ” McCall' (TR111); unclosed, a quotation never closed (TR112);
    unopened, a closing mark with no opening one (TR113); mixed, straight quotes in a curly
    article or the reverse (TR114).  Issues on straight marks are info: their direction is a guess.
    """
    kind = options.kind
    if kind not in KINDS:
        raise ValueError(f"options.kind must be one of {', '.join(sorted(KINDS))}, not {kind!r}")
    for found in document_issues(doc):
        if found.kind == kind:
            severity = Severity.INFO if found.straight else None
            # the repaired span is the edit (a rule's ``fix`` says whether it is offered: TR109, TR111);
            # on a straight mark the direction was guessed, so a human should glance at it
            edits = (Edit(found.start, found.end, found.suggestion),) if found.suggestion is not None else ()
            yield Hit(
                found.start,
                found.end,
                suggestion=found.suggestion,
                severity=severity,
                edits=edits,
                applicability="unsafe" if found.straight and edits else None,
            )
