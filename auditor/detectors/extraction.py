"""Word lists and per-document evidence shared by the extraction (scraping residue) detectors.

The glued-word, link-text-capital and fragment detectors all ask the same
questions of a word: is it a function word, a real English word, a name this
article uses on its own elsewhere?  The lists are named tables beside the rule
pack in ``rules/extraction/`` (``extraction/function_words``,
``extraction/camel_case``, ``extraction/name_heads``); each detector receives them
through a ``Table`` option, so a house pack's rows count as the built-in ones do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from auditor.lexicon import zipf
from auditor.tables import Table

#: Word classes in ``function_words.tsv``.
PRONOUN = "pronoun"
DETERMINER = "determiner"
AUXILIARY = "auxiliary"
CONJUNCTION = "conjunction"
SUBORDINATOR = "subordinator"
PREPOSITION = "preposition"


def word_list(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``: how the short word lists here are written."""
    return frozenset(text.split())


#: Small words that title case leaves in lower case ("Gone With the Wind").
TITLE_SMALL = word_list("a an the of and or nor but to in on at by for from with as vs v")


def _cell(value: object) -> str:
    """A table cell without an inline ``# comment``."""
    return str(value or "").split("#", 1)[0].strip()


@lru_cache(maxsize=64)
def word_set(table: Table) -> frozenset[str]:
    """The first column of a word-list table (built-in and house rows), as a set."""
    column = table.columns[0]
    return frozenset(w for w in (_cell(row.get(column)) for row in table) if w)


@lru_cache(maxsize=64)
def function_words(table: Table) -> Mapping[str, str]:
    """Capitalised function word -> its class, from a table with the columns ``word`` and ``class``."""
    missing = {"word", "class"} - set(table.columns)
    if missing:
        raise ValueError(f"table {table.name} needs the columns word and class")
    return MappingProxyType({w: _cell(row.get("class")) for row in table if (w := _cell(row.get("word")))})


def is_common_word(word: str, *, threshold: float = 3.0) -> bool:
    """Whether ``word`` (any case) is an English word at least this common on the Zipf scale."""
    return zipf(word.lower()) >= threshold


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) == "Mn"


def whole_word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """Every occurrence of ``word`` as a whole token (case-sensitive).

    A ``str.find`` walk: no pattern is compiled per word, which matters when
    every article brings new names.
    """
    spans = []
    n, size = len(text), len(word)
    k = text.find(word)
    while k >= 0:
        end = k + size
        if (k == 0 or not _is_word_char(text[k - 1])) and (end >= n or not _is_word_char(text[end])):
            spans.append((k, end))
        k = text.find(word, k + 1)
    return spans


def standalone_starts(text: str, word: str) -> list[int]:
    """Offsets where ``word`` stands on its own: a whole token not followed by a capitalised word.

    "Biden replied", "Biden." and "Biden's" count; "Biden Administration" does
    not.  A name the article uses on its own is a name, so a capitalised word
    glued to it is not part of it.
    """
    starts = []
    n = len(text)
    for start, end in whole_word_spans(text, word):
        j = end
        if j < n and text[j] in "'’":
            starts.append(start)
            continue
        while j < n and text[j] in " \t":
            j += 1
        if j > end and j < n and text[j].isupper():
            continue
        starts.append(start)
    return starts


def standalone_uses(text: str, word: str, *, skip: int) -> int:
    """How often ``word`` stands on its own (see ``standalone_starts``) other than at offset ``skip``."""
    return sum(1 for s in standalone_starts(text, word) if s != skip)


#: What may stand before a word that opens a sentence.
_SENTENCE_OPENERS = ".!?:\"“”'‘’)]…•*-–—|"
#: Titles after whose full stop a capital is a name, not a new sentence.
_TITLES = word_list("Mr Mrs Ms Mx Dr Prof St Sr Jr Gen Gov Sen Rep Rev Col Capt Lt Sgt Maj Adm Hon Pres Supt Insp")


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a line or follows sentence punctuation ("Mr." does not count)."""
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 0 or text[k] in "\n\r":
        return True
    if text[k] == "." and text[max(0, k - 4) : k].rpartition(" ")[2] in _TITLES:
        return False
    return text[k] in _SENTENCE_OPENERS


def capitalised_elsewhere(text: str, word: str, *, skip: int) -> bool:
    """Whether the capitalised ``word`` occurs as a whole token elsewhere, not opening a sentence or line."""
    return any(start != skip and not starts_sentence(text, start) for start, _ in whole_word_spans(text, word))


def lower_elsewhere(text: str, word: str) -> bool:
    """Whether the lower-case form of ``word`` occurs in the text as a whole token."""
    return bool(whole_word_spans(text, word.lower()))
