"""Lines injected into the body of an article: orphan fragments and related-article headlines.

A scraper that takes a page's text in document order keeps what sat between the
paragraphs: the remnant of a subheading ("cost Russia"), a link to a related
story ("Russia prepares to attack Ukraine in late January: Director of Ukrainian
Defense Intelligence Agency").  Both are lines with no final punctuation between
two full paragraphs.  The first line of an article is its headline and is never
reported; real subheadings exist on many sites, so a short capitalised line is
information at most, and only the stronger shapes are warnings.

An injected headline's edit deletes its line (unsafe); an orphan fragment has none,
since its words usually belong to a sentence nearby.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from auditor.document import Document, per_document
from auditor.kinds.common import line_with_break
from auditor.model import Edit, Hit, Severity
from auditor.registry import detector

_TERMINAL = ".!?…:;\"'”’)]»"
_LIST_MARKERS = "-–—•*·▪►>#|"
#: "Headline words: Title Case Attribution" -- a clause, a colon, then a capitalised source.
_ATTRIBUTION = regex.compile(r"^(?P<head>.{20,}?\S):\s+(?P<source>\p{Lu}\S*(?:\s+\S+){1,8})$", regex.V1)
#: Prefixes of related-link lines that the boilerplate rules report.
_RELATED = regex.compile(r"^(?:read (?:also|more|next)|related|see also|also read|more:|watch:|listen:)", regex.I)


def _words(text: str) -> list[str]:
    return text.split()


#: Words a title-case heading leaves in lower case ("Ten Years of the Euro").
_HEADING_SMALL = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "as",
        "vs",
        "v",
        "via",
        "per",
        "into",
        "over",
        "de",
        "la",
        "le",
        "des",
        "du",
        "di",
        "da",
        "von",
        "van",
        "der",
    )
)
_DAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow")
)
#: A score: "2-1", "3 – 0", or names and numbers alternating ("Arsenal 3 Chelsea 1").
_SCORE = regex.compile(r"\d+\s*[-–—:]\s*\d+|^\p{Lu}[\p{L}.' -]*\s\d+,?\s+\p{Lu}[\p{L}.' -]*\s\d+\b", regex.V1)


def section_break(words: list[str]) -> bool:
    """A line of one repeated glyph ("* * *", "X X X", "o o o"): a section break, not text."""
    return len(words) >= 2 and len(words[0]) == 1 and words.count(words[0]) == len(words)


_OPENING = "\"'“‘("


def _title_case(line: str, words: list[str]) -> bool:
    """Every word capitalised but the small ones a title leaves in lower case, or the line in capitals."""
    if line.isupper():
        return len(line) >= 2  # HOW IT ALL STARTED
    lead = words[0].lstrip(_OPENING)
    if not lead[:1].isupper() or (len(words) == 1 and len(lead) < 2):
        return False
    for word in words[1:]:
        c = word.lstrip(_OPENING)[:1]
        if c.isalpha() and not c.isupper() and word.lstrip(_OPENING).casefold() not in _HEADING_SMALL:
            return False
    return True


def _kind_of_heading(line: str, words: list[str]) -> str | None:
    """What makes the line a heading by its content alone: a day, a score line, an "About ..." heading."""
    if not words[0][:1].isupper():
        return None  # no heading starts in lower case
    first = words[0].strip(",:;'’s").casefold()
    if first in _DAYS:
        return "day"  # a timeline's "Monday", "Tuesday 4 March", "Saturday's results"
    if words[0] == "About" and len(words) >= 2:
        return "about"  # a press release's "About Acme Robotics"
    if _SCORE.search(line):
        return "score"  # "Leeds 2-1 Hull", "Arsenal 3 Chelsea 1"
    return None


@per_document
def paragraphs(doc: Document) -> tuple[tuple[int, int, str], ...]:
    """``Document.paragraphs`` as ``(start, end, text)``, shared by the two rules."""
    text = doc.text
    return tuple((p.start, p.end, text[p.start : p.end]) for p in doc.paragraphs)


def _between_paragraphs(
    paras: tuple[tuple[int, int, str], ...], i: int, *, min_words: int, complete: bool = False
) -> bool:
    """Whether paragraphs ``i - 1`` and ``i + 1`` are prose of at least ``min_words`` words.

    With ``complete`` the one before must end with a stop and the one after start
    with a capital: the line sits between two whole sentences, not inside one.
    """
    before = _prose(paras, i, -1, min_words)
    after = _prose(paras, i, 1, min_words)
    if before is None or after is None:
        return False
    if before.count(" ") < min_words - 1 or after.count(" ") < min_words - 1:
        return False
    if len(_words(before)) < min_words or len(_words(after)) < min_words:
        return False
    return not complete or (before[-1:] in _TERMINAL and not after[:1].islower())


def _prose(paras: tuple[tuple[int, int, str], ...], i: int, step: int, min_words: int) -> str | None:
    """The paragraph next to ``i`` in direction ``step``, looking past one other injected line.

    Two injected lines can stand together (a subheading remnant above a related
    headline); the one beyond, when it is prose, is the neighbour that counts.
    """
    j = i + step
    if not 0 <= j < len(paras):
        return None
    text = paras[j][2]
    if text.count(" ") >= min_words - 1:
        return text
    k = j + step
    if 0 < k < len(paras) - 1 and text[-1] not in _TERMINAL and len(text) <= 300:
        return paras[k][2]
    return text


def _whole_neighbours(paras: tuple[tuple[int, int, str], ...], i: int, min_words: int) -> bool:
    """The paragraph before ``i`` ends with a stop and the one after starts with a capital (their length checked)."""
    before = _prose(paras, i, -1, min_words)
    after = _prose(paras, i, 1, min_words)
    return before is not None and after is not None and before[-1:] in _TERMINAL and not after[:1].islower()


def _continues(paras: tuple[tuple[int, int, str], ...], i: int) -> bool:
    """The paragraph after ``i`` starts in lower case or with punctuation: one sentence was split."""
    nxt = paras[i + 1][2]
    return nxt[:1].islower() or nxt[:1] in ",.;:"


def _inner(doc: Document, *, max_chars: int) -> Iterator[tuple[int, tuple[int, int, str]]]:
    """Paragraphs other than the first (the headline) and the last, short and with no final stop."""
    paras = paragraphs(doc)
    for i in range(1, len(paras) - 1):
        line = paras[i][2]
        if len(line) <= max_chars and line[-1] not in _TERMINAL:
            yield i, paras[i]


def _addressish(line: str) -> bool:
    """A web or e-mail address, a path or a line of code: not prose at all."""
    low = line.lower()
    return "http" in low or "www." in low or ".com" in low or any(ch in line for ch in "@/\\=_{}<>`|$")


@dataclass(frozen=True)
class InjectedHeadline:
    """Options of ``fragments.injected_headline``."""

    min_words: int = 7
    max_words: int = 25
    neighbour_words: int = 12


@dataclass(frozen=True)
class OrphanFragment:
    """Options of ``fragments.orphan_fragment``."""

    max_words: int = 6
    neighbour_words: int = 8


@detector("fragments.orphan_fragment", options=OrphanFragment)
def orphan_fragment(doc: Document, options: OrphanFragment) -> Iterator[Hit]:
    """EX106: a short line between full paragraphs, with no final punctuation.

    A warning when it starts in lower case ("cost Russia"), since no heading does, or
    when the next paragraph goes on in lower case (a sentence split around a lost
    link).  Headings are not reported: a title-case or all-caps line between whole
    paragraphs (one ending in a stop, the next starting with a capital), a day name
    ("Monday", "Tuesday 4 March"), a score line ("Leeds 2-1 Hull"), an "About ..."
    heading; nor a line of one repeated glyph ("* * *", "X X X"), a section break.
    Any other short capitalised line is information: it may be a real subheading.
    """
    max_words = options.max_words
    min_words = options.neighbour_words
    paras = paragraphs(doc)
    for i, (start, end, line) in _inner(doc, max_chars=12 * max_words):
        if line[:1] in _LIST_MARKERS or not line[:1].isalpha():
            continue
        words = _words(line)
        if len(words) > max_words or _addressish(line):
            continue
        if not _between_paragraphs(paras, i, min_words=min_words) or section_break(words):
            continue
        first = words[0]
        if first[:1].islower():
            if any(ch.isupper() for ch in first):
                continue  # a brand that starts in lower case: "iPod sales"
            yield Hit(start, end, fields={"match": line, "shape": "starts in lower case"})
        elif _continues(paras, i):
            yield Hit(start, end, fields={"match": line, "shape": "the sentence goes on in the next paragraph"})
        elif _kind_of_heading(line, words) is not None:
            continue  # a day, a score line, an "About ..." heading
        elif _whole_neighbours(paras, i, min_words) and _title_case(line, words):
            continue  # a title-case or all-caps line between whole paragraphs: a subheading
        elif not _RELATED.match(line):
            yield Hit(
                start, end, severity=Severity.INFO, fields={"match": line, "shape": "a short line with no final stop"}
            )


@detector("fragments.injected_headline", options=InjectedHeadline)
def injected_headline(doc: Document, options: InjectedHeadline) -> Iterator[Hit]:
    """EX107: a headline-shaped line between full paragraphs: a related article's title.

    A warning when it ends in an attribution after a colon ("...: Director of
    Ukrainian Defense Intelligence Agency"); information for other lines of
    headline length with no final punctuation.
    """
    min_words = options.min_words
    max_words = options.max_words
    neighbour = options.neighbour_words
    paras = paragraphs(doc)
    for i, (start, end, line) in _inner(doc, max_chars=12 * max_words):
        if not line[:1].isupper() or _RELATED.match(line) or _addressish(line):
            continue
        words = _words(line)
        if not min_words <= len(words) <= max_words:
            continue
        if not _between_paragraphs(paras, i, min_words=neighbour, complete=True):
            continue
        m = _ATTRIBUTION.match(line)
        strong = False
        if m is not None:
            head, source = m.group("head"), m.group("source")
            capitalised = [w for w in source.split() if w[:1].isupper()]
            strong = len(_words(head)) >= 5 and len(capitalised) >= 2
        yield Hit(
            start,
            end,
            severity=None if strong else Severity.INFO,
            fields={"match": line, "shape": "a headline with an attribution" if strong else "a headline"},
            edits=(Edit(*_line_and_blank(doc.text, start, end), ""),),
        )


def _line_and_blank(text: str, start: int, end: int) -> tuple[int, int]:
    """The line with its break, and one blank line after it, so the paragraphs stay one blank line apart."""
    s, e = line_with_break(text, start, end)
    if e < len(text) and text[e - 1] == "\n" and text[e] == "\n" and (s == 0 or text[s - 1] == "\n"):
        e += 1
    return s, e
