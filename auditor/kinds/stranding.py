"""When a doubled word may be meant: a stranded preposition, or a pronoun then a determiner.

English lets a clause end on its verb's preposition when the object has moved away ("what
she had waited for"), so the next phrase may start with the same preposition: "what she
had been waiting for for years", "the box it was placed in in the past".  And a word that
is both a pronoun and a determiner may end an object and start a noun phrase: "gave her
her keys", "Add to this this new rule".  ``repetition`` asks :class:`Stranding` about a
double; the word lists are tables a house pack extends.

- ``grammatical``: the double reads as meant and is not reported: a doubled preposition of
  the verb before it, followed within three words by a phrase of time or degree ("for
  years", "in the past") or in a clause opened by what/which/whom/where and a subject of
  its own ("what the crews had asked for for so long"; not "who had worked on"); a doubled
  pronoun-determiner after such a verb (or its preposition) with a word after it;
- ``doubtful``: a doubled preposition of the verb before it without that evidence
  ("talking about about their goal" is a slip; "waiting for for the results" may not be):
  reported, but its edit is unsafe, so ``auditor check --fix`` does not apply it unasked;
- ``plain``: anything else ("the the", "in in Geneva"), a slip with a safe fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from auditor.tables import Table

Verdict = Literal["grammatical", "doubtful", "plain"]

_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d.,]*")
_BOUNDARY = re.compile(r"[.!?;:\n]")
_OPENERS = frozenset({"what", "which", "who", "whom", "where", "whatever", "whichever"})
_AUXILIARIES = frozenset(
    {
        "had",
        "has",
        "have",
        "having",
        "was",
        "were",
        "is",
        "are",
        "am",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "can",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "did",
        "do",
        "does",
        "not",
        "never",
        "also",
        "just",
        "already",
        "long",
        "ever",
        "always",
    }
)
_VOWELS = set("aeiou")
_LOOK_BACK = 120  # characters read before a double: enough for a dozen words
_LOOK_AHEAD = 60


def _forms(verb: str) -> set[str]:
    """The regular forms of ``verb``, generously (a form English does not have is never written)."""
    out = {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing"}
    if verb.endswith("e"):
        out |= {verb[:-1] + "ing", verb + "d"}
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        out |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) >= 3 and verb[-1] not in _VOWELS | {"w", "x", "y"} and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        out |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return out


@dataclass(frozen=True)
class Stranding:
    """The verbs, their prepositions, the pronoun-determiners and the words of time phrases."""

    particles: frozenset[str]
    verb_particles: frozenset[tuple[str, str]]  # (a form of a verb, a preposition it takes)
    verbs: frozenset[str]  # every form of every verb
    determiners: frozenset[str]
    adverbial: frozenset[str]

    @classmethod
    def build(cls, verbs: Table | None, determiners: Table | None, adverbial: Table | None) -> Stranding | None:
        if verbs is None:
            return None
        pairs: set[tuple[str, str]] = set()
        forms_all: set[str] = set()
        particles: set[str] = set()
        for row in verbs:
            verb = str(row.get("verb") or "").casefold()
            if not verb:
                continue
            forms = _forms(verb) | {f.casefold() for f in str(row.get("forms") or "").split()}
            forms_all |= forms
            for p in str(row.get("particles") or "").casefold().split():
                if p != "-":
                    particles.add(p)
                    pairs |= {(f, p) for f in forms}
        return cls(
            frozenset(particles), frozenset(pairs), frozenset(forms_all), _values(determiners), _values(adverbial)
        )

    def judge(self, text: str, start: int, end: int, word: str) -> Verdict:
        """What the double ``text[start:end]`` (``word`` twice) most likely is."""
        w = word.casefold()
        if w not in self.particles and w not in self.determiners:
            return "plain"
        before = _words_before(text, start)
        if w in self.particles and before and (before[-1], w) in self.verb_particles:
            after = _words_after(text, end, 3)
            if any(a[0].isdigit() or a in self.adverbial for a in after) or _object_moved(before):
                return "grammatical"
            return "doubtful"
        if w in self.determiners and before and _words_after(text, end, 1):
            if before[-1] in self.verbs:
                return "grammatical"  # gave her her keys
            if len(before) >= 2 and (before[-2], before[-1]) in self.verb_particles:
                return "grammatical"  # add to this this rule
        return "plain"


def _object_moved(before: list[str]) -> bool:
    """Whether the clause opens with what/which/where... and a subject of its own before the verb.

    "what the crews had been asking for" moved the verb's object; "who had worked on" is a
    relative whose opener is the subject (nothing but auxiliaries between it and the verb).
    """
    for i in range(len(before) - 2, -1, -1):
        if before[i] in _OPENERS:
            return any(w not in _AUXILIARIES for w in before[i + 1 : -1])
    return False


def _values(table: Table | None) -> frozenset[str]:
    if table is None:
        return frozenset()
    return frozenset(str(v).casefold() for v in table.column(table.columns[0]) if v)


def _words_before(text: str, start: int) -> list[str]:
    """The words of the clause before ``start`` (lower case, at most a dozen), nearest last."""
    window = text[max(0, start - _LOOK_BACK) : start]
    cut = max((m.end() for m in _BOUNDARY.finditer(window)), default=0)
    return [m.group().casefold() for m in _WORD.finditer(window, cut)][-12:]


def _words_after(text: str, end: int, n: int) -> list[str]:
    """Up to ``n`` words right after ``end``, stopping at punctuation that ends a phrase."""
    window = text[end : end + _LOOK_AHEAD]
    stop = re.search(r"[.!?;:,()\"“”\n]", window)
    if stop is not None:
        window = window[: stop.start()]
    return [m.group().casefold() for m in _WORD.finditer(window)][:n]
