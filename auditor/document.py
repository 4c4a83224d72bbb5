"""The document model: one decoded text and every offset computation on it.

Rules never split text themselves: they ask the ``Document`` for its lines,
paragraphs and sentences, each a ``Span`` of code point offsets into ``text``.
Everything is computed lazily and at most once per document.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import TypeVar

import regex

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# From the first to the last non-space character of a line: one match per non-blank line.
_PARAGRAPH = re.compile(r"[^\s](?:[^\r\n]*[^\s])?")

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "capt",
        "cmdr",
        "maj",
        "sgt",
        "adm",
        "pres",
        "supt",
        "insp",
        "det",
        "rev",
        "fr",
        "hon",
        "esq",
        "messrs",
        "mme",
        "mlle",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "co",
        "corp",
        "inc",
        "ltd",
        "plc",
        "bros",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "ca",
        "cf",
        "al",
        "etc",
        "vs",
        "v",
        "viz",
        "ed",
        "eds",
        "op",
        "pp",
        "mt",
        "ft",
        "ave",
        "blvd",
        "rd",
    ]
)

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space.
# It starts only where a run of stops starts and its quantifiers are possessive, so a run of
# thousands of "." or "…" is read once, not once per character (linear time: issue 11).
_SENTENCE_END = regex.compile(r"""(?<![.!?…])[.!?…]++["'”’)\]]*+(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])""")


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code point offsets into a document."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset < self.end


class Document:
    """A decoded article: text plus lines, paragraphs, sentences and positions."""

    __slots__ = ("__dict__", "encoding", "language", "path", "text")

    def __init__(
        self, text: str, *, path: str = "<text>", encoding: str = "utf-8", language: str | None = None
    ) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        #: The language the article is expected to be in (configuration ``language``); None: detect it.
        self.language = language

    # -- lines -----------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        """Offset of the first character of every line (line 1 starts at 0)."""
        if "\r" not in self.text:  # the usual case: split at C speed (one line per piece)
            return list(accumulate((len(line) + 1 for line in self._pieces[:-1]), initial=0))
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        return starts

    @cached_property
    def _pieces(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """Every line without its line break, blank lines included."""
        text, starts = self.text, self.line_starts
        if "\r" not in text:
            return tuple(Span(start, start + len(line)) for start, line in zip(starts, self._pieces))
        out = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            out.append(Span(start, end))
        return tuple(out)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_index(self, offset: int) -> int:
        """0-based index into ``lines`` of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    # -- paragraphs ------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Non-blank lines, trimmed of surrounding white space.

        Scraped news puts one paragraph on a line, often without blank lines
        between them, so a line is the unit an editor calls a paragraph.
        """
        return tuple(Span(*m.span()) for m in _PARAGRAPH.finditer(self.text))

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_index(self, offset: int) -> int | None:
        """0-based index into ``paragraphs`` of the paragraph holding ``offset``, if any."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return i
        return None

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph holding ``offset``, if any."""
        i = self.paragraph_index(offset)
        return None if i is None else self.paragraphs[i]

    # -- sentences -------------------------------------------------------------
    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentences inside each paragraph, by a fast rule-based splitter.

        A full stop does not end a sentence after a known abbreviation ("Mr.",
        "Gen."), a single-letter initial ("J. Smith"), or a dotted acronym that
        is followed by a lower-case word; decimals never qualify since a space
        must follow the stop.
        """
        text = self.text
        out: list[Span] = []
        for para in self.paragraphs:
            start = para.start
            for m in _SENTENCE_END.finditer(text, para.start, para.end):
                if m.group().startswith(".") and not _ends_sentence(text, m.start()):
                    continue
                end = m.end()
                out.append(Span(start, end))
                start = end
                while start < para.end and text[start].isspace():
                    start += 1
            if start < para.end:
                out.append(Span(start, para.end))
        return tuple(out)

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        return frozenset(s.start for s in self.sentences)

    @cached_property
    def lower(self) -> str:
        """The text in lower case, offset for offset (a letter whose lower case is longer stays as it is)."""
        low = self.text.lower()
        if len(low) == len(self.text):
            return low
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)

    # -- counts ----------------------------------------------------------------
    @cached_property
    def tokens(self) -> list[str]:
        """The white-space separated tokens of ``lower``, punctuation attached (shared by the word count and
        the machine-translation signal's word profile)."""
        return self.lower.split()

    @cached_property
    def words(self) -> int:
        """White-space separated tokens, as editors and the evaluation tools count words."""
        return len(self.tokens)

    def snippet(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        return self.text[start:end]


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends a sentence."""
    begin = stop
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:stop]
    if not word:
        return True
    if word.lower() in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    # a dotted acronym ("U.S. officials") is rarely the last word of a sentence
    return "." not in word


def per_document(compute: Callable[[Document], T]) -> Callable[[Document], T]:
    """Compute ``compute(doc)`` once per document and share it with every rule that asks.

    Several rules often read one scan of the text (the quotation marks, the
    boilerplate lines, the runs of capitalised words); decorating the scan with
    ``@per_document`` stores its result on the document, which is dropped with it.
    """
    key = f"{compute.__module__}.{compute.__qualname__}"

    @functools.wraps(compute)
    def shared(doc: Document) -> T:
        memo: dict[str, object] = doc.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = compute(doc)
        return memo[key]  # type: ignore[return-value]

    return shared


_RULE_HITS = "auditor.rule_hits"


def record_rule_hits(doc: Document, hits: dict[str, int]) -> None:
    """Note how many hits each rule gave on ``doc`` (the engine does, before it runs the ``late`` rules)."""
    doc.__dict__.setdefault("_memo", {})[_RULE_HITS] = dict(hits)


def rule_hits(doc: Document) -> dict[str, int]:
    """How many hits each rule gave on ``doc`` before the ``late`` rules ran (empty when no engine ran them)."""
    memo: dict[str, object] = doc.__dict__.get("_memo", {})
    hits = memo.get(_RULE_HITS)
    return dict(hits) if isinstance(hits, dict) else {}
