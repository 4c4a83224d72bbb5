"""``repetition``: a word written twice in a row ("deputy deputy", "The the").

Options: ``allow`` (a table of words English allows doubled: "had had", "that
that"), ``second`` (``lower``: the second word must start in lower case, so that
doubled names such as "Walla Walla" are left alone; ``any``), ``single_letters``
(the one-letter words that count, default "a").  The edit deletes the second word.
The scan runs on the lower-cased text with a possessive word, so a clean article
costs one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from auditor.document import Document
from auditor.model import Edit, Hit
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


@dataclass(frozen=True)
class Repetition:
    allow: Table | None = None
    second: Literal["lower", "any"] = "lower"
    single_letters: str = "a"
    allowed: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = () if self.allow is None else self.allow.column(self.allow.columns[0])
        object.__setattr__(self, "allowed", frozenset(str(w).casefold() for w in words))


@detector("repetition", options=Repetition)
def repetition(doc: Document, o: Repetition) -> Iterator[Hit]:
    """Each word that is written again right after itself, unless grammar allows it."""
    text, low = doc.text, doc.lower
    for m in _DOUBLE.finditer(low):
        start, word_end = m.span(1)
        word = text[start:word_end]
        end = m.end()
        second = text[end - len(word)]
        if word.casefold() in o.allowed or (len(word) == 1 and word.lower() not in o.single_letters):
            continue
        if o.second == "lower" and not second.islower():
            continue
        yield Hit(start, end, suggestion=word, fields={"word": word}, edits=(Edit(word_end, end, ""),))
