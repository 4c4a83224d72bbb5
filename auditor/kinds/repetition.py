"""``repetition``: a word written twice in a row ("deputy deputy", "The the").

Options: ``allow`` (a table of words English allows doubled: "had had", "that
that"), ``second`` (``lower``: the second word must start in lower case, so that
doubled names such as "Walla Walla" are left alone; ``any``), ``single_letters``
(the one-letter words that count, default "a").  The edit deletes the second word.
With ``stranding_verbs`` (and ``object_determiners``, ``adverbial_starts``), a double the
grammar may intend is judged in context (``auditor.kinds.stranding``): left alone when the
context shows it meant ("waiting for for years", "Add to this this rule"), reported with an
unsafe edit when it may be ("talking about about it"), a plain slip otherwise.
With ``clause_doubles`` (and ``clause_openers``), a word such as "is" is grammatical doubled only
where the first ends a free relative clause ("What it is is a failure", "All he was was
tired"): one of the opener words stands among the few words before it in the same sentence;
"Michalak is is the answer" is a slip.
The scan runs on the lower-cased text with a possessive word, so a clean article
costs one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from auditor.document import Document
from auditor.kinds.stranding import Stranding
from auditor.model import UNSAFE, Edit, Hit
from auditor.registry import detector
from auditor.tables import Table


def _compile(pattern: str) -> re.Pattern[str]:
    """Possessive quantifiers (Python >= 3.11) stop useless backtracking; plain ones elsewhere."""
    try:
        return re.compile(pattern)
    except re.error:  # pragma: no cover - Python 3.10
        return re.compile(pattern.replace("++", "+"))


# A word after a space or at a line start, then the same word after spaces or tabs.
_DOUBLE = _compile(r"(?:(?<=[ \n])|^)([^\W\d_]++)[ \t]++\1(?![\w\-’'])")
# The same, matched where a word starts (``_double_words`` checks what precedes it).
_DOUBLE_AT = _compile(r"([^\W\d_]++)[ \t]++\1(?![\w\-’'])")
# Candidates, anchored on the literal space or line break before the word: a word of a-z or of any
# character past ASCII (a superset of the letters of the lower-cased text).  Testing a range is
# far cheaper than a Unicode category, and the literal prefix lets the engine jump between spaces;
# each candidate is confirmed by ``_DOUBLE_AT``.  Without tabs or double spaces the separator is
# one space, which is cheaper still.
_AFTER_SPACE = _compile(r" ([a-z\x80-\U0010ffff]++)[ \t]++\1(?![\w\-’'])")
_AFTER_SPACE_ONE = _compile(r" ([a-z\x80-\U0010ffff]++) \1(?![\w\-’'])")
_AFTER_BREAK = _compile(r"\n([a-z\x80-\U0010ffff]++)[ \t]++\1(?![\w\-’'])")


def _double_words(low: str) -> Iterator[re.Match[str]]:
    """What ``_DOUBLE.finditer(low)`` finds, in the same order, at the cost of an ASCII scan.

    A match of ``_DOUBLE`` is a match of a candidate pattern at the same place with the same span
    (its letters are all a-z or past ASCII, and a space or tab ends them); a candidate that is not
    a match holds no place where a match could start, so skipping past it as ``finditer`` would
    loses nothing.
    """
    after_space = _AFTER_SPACE if "\t" in low or "  " in low else _AFTER_SPACE_ONE
    pos = 0
    first = _DOUBLE_AT.match(low)
    if first is not None:
        yield first
        pos = first.end()
    space = after_space.search(low, pos)
    brk = _AFTER_BREAK.search(low, pos)
    while space is not None or brk is not None:
        if brk is None or (space is not None and space.start() < brk.start()):
            m = space
        else:
            m = brk
        assert m is not None
        found = _DOUBLE_AT.match(low, m.start(1))
        pos = m.end() if found is None else found.end()
        if found is not None:
            yield found
        if space is not None and space.start() < pos:
            space = after_space.search(low, pos)
        if brk is not None and brk.start() < pos:
            brk = _AFTER_BREAK.search(low, pos)


def _words(t: Table | None) -> frozenset[str]:
    return frozenset() if t is None else frozenset(str(w).casefold() for w in t.column(t.columns[0]))


_SENTENCE_END = re.compile(r"[.!?;:\n\"“”]")


def _ends_clause(text: str, start: int, openers: frozenset[str], window: int) -> bool:
    """Whether one of ``openers`` stands among the ``window`` words before ``start`` in its sentence."""
    before = text[max(0, start - 12 * window) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    words = before.casefold().split()[-window:]
    return any(w.strip(",'’") in openers for w in words)


@dataclass(frozen=True)
class Repetition:
    allow: Table | None = None
    second: Literal["lower", "any"] = "lower"
    single_letters: str = "a"
    stranding_verbs: Table | None = None
    object_determiners: Table | None = None
    adverbial_starts: Table | None = None
    clause_doubles: Table | None = None
    clause_openers: Table | None = None
    clause_window: int = 6
    allowed: frozenset[str] = field(init=False, repr=False, compare=False)
    stranding: Stranding | None = field(init=False, repr=False, compare=False)
    after_clause: frozenset[str] = field(init=False, repr=False, compare=False)
    openers: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = () if self.allow is None else self.allow.column(self.allow.columns[0])
        object.__setattr__(self, "allowed", frozenset(str(w).casefold() for w in words))
        if self.stranding_verbs is None and (self.object_determiners is not None or self.adverbial_starts is not None):
            raise ValueError("object_determiners and adverbial_starts need stranding_verbs")
        if (self.clause_doubles is None) != (self.clause_openers is None):
            raise ValueError("clause_doubles and clause_openers go together")
        object.__setattr__(self, "after_clause", _words(self.clause_doubles))
        object.__setattr__(self, "openers", _words(self.clause_openers))
        object.__setattr__(
            self, "stranding", Stranding.build(self.stranding_verbs, self.object_determiners, self.adverbial_starts)
        )


@detector("repetition", options=Repetition)
def repetition(doc: Document, o: Repetition) -> Iterator[Hit]:
    """Each word that is written again right after itself, unless grammar allows it."""
    text, low = doc.text, doc.lower
    for m in _double_words(low):
        start, word_end = m.span(1)
        word = text[start:word_end]
        end = m.end()
        second = text[end - len(word)]
        if word.casefold() in o.allowed or (len(word) == 1 and word.lower() not in o.single_letters):
            continue
        if o.second == "lower" and not second.islower():
            continue
        if word.casefold() in o.after_clause and _ends_clause(text, start, o.openers, o.clause_window):
            continue
        verdict = "plain" if o.stranding is None else o.stranding.judge(text, start, end, word)
        if verdict == "grammatical":
            continue
        yield Hit(
            start,
            end,
            suggestion=word,
            fields={"word": word},
            edits=(Edit(word_end, end, ""),),
            applicability=UNSAFE if verdict == "doubtful" else None,
        )
