"""Capitalised words left in mid-sentence where a scraper cut link text or lost a full stop.

"NATO Will no longer expand", "Biden It will emphasize", "Russia In response to",
"him He was poisoned", "Secure video call On Tuesday", "Russia, Claiming that":
a name (often the text of a link) followed, with no punctuation or only a
comma, by a capitalised word that cannot be part of the name.  What the second
word is decides: a function word, pronoun or auxiliary (EX103), a verb or
auxiliary after a comma (EX104), or a common noun or adjective that the
article otherwise writes in lower case (EX105).

Titles of works ("One Flew Over the Cuckoo's Nest", "Will and Grace"), names
("Will Smith", "Biden Administration", "The Hague") and headline lines in title
case are left alone.  One scan per document finds the candidates; it is memoised
on the text so that the three rules share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from auditor.detectors.extraction import (
    AUXILIARY,
    CONJUNCTION,
    PREPOSITION,
    PRONOUN,
    SUBORDINATOR,
    TITLE_SMALL,
    function_words,
    is_common_word,
    places,
    standalone_uses,
    word_set,
)
from auditor.document import Document
from auditor.model import Hit, Severity
from auditor.rule import Rule

#: A capitalised word after a word (or a comma) and one space, followed by a lower-case word.
_PIVOT = regex.compile(r"\p{Lu}(?<=[\p{L}\p{N},][ \t]\p{Lu})\p{Ll}*+(?=[ \t]\p{Ll})", regex.V1)

DAYS_MONTHS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December".split()
)
#: Speech verbs that follow a name ("McCall Said.") only when a scraper has capitalised them.
SPEECH_VERBS = frozenset("Said Says Told Added Stated Noted Warned Claimed Insisted Argued Explained Replied".split())
#: Subordinators that may be followed by a capitalised name ("Biden If Putin invades").
_NAME_SUBORDINATORS = ("If", "When", "While", "Because", "Although", "Unless", "Whereas", "Though", "Once")
#: Prepositions that may be followed by a day or month ("video call On Tuesday").
_TIME_PREPOSITIONS = ("On", "In", "At", "By", "From", "Since", "Until", "Before", "After", "During")
#: Lower-case words that introduce a title of a work ("the film It Happened One Night").
TITLE_INTRO = frozenset(
    "film films movie song songs single singles album albums book books novel play show shows series programme "
    "program track tracks hit hits called titled entitled named dubbed starring game games comedy drama sitcom "
    "musical opera poem anthem slogan motto headline brand label band".split()
)
_WORD_CHARS = set("'’.-")
_OPEN_QUOTES = "\"“‘'(["


@dataclass(frozen=True, slots=True)
class Candidate:
    """A capitalised word ``c`` after a word ``p`` (and perhaps a comma), before a word ``n``."""

    p_start: int
    p_end: int
    c_start: int
    c_end: int
    n_start: int
    n_end: int
    comma: bool
    text: str

    @property
    def p(self) -> str:
        return self.text[self.p_start : self.p_end]

    @property
    def c(self) -> str:
        return self.text[self.c_start : self.c_end]

    @property
    def n(self) -> str:
        return self.text[self.n_start : self.n_end]

    def after_n(self) -> str:
        """The word after ``n`` ("" at the end of a line)."""
        i = self.n_end
        text = self.text
        while i < len(text) and text[i] in " \t":
            i += 1
        j = i
        while j < len(text) and (text[j].isalnum() or text[j] in "'’-"):
            j += 1
        return text[i:j]


def _word_before(text: str, end: int) -> int:
    """Start of the word that ends at ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalnum() or (text[i - 1] in _WORD_CHARS and i > 1 and text[i - 2].isalnum())):
        i -= 1
    return i


def _word_after(text: str, start: int) -> int:
    j = start
    while j < len(text) and (text[j].isalnum() or (text[j] in "'’-" and j + 1 < len(text) and text[j + 1].isalnum())):
        j += 1
    return j


def _candidate(text: str, c_start: int, c_end: int) -> Candidate | None:
    i = c_start - 1  # the space before c
    comma = text[i - 1] == ","
    p_end = i - 1 if comma else i
    if p_end <= 0 or not text[p_end - 1].isalnum():
        return None
    p_start = _word_before(text, p_end)
    n_start = c_end
    while n_start < len(text) and text[n_start] in " \t":
        n_start += 1
    n_end = _word_after(text, n_start)
    return Candidate(p_start, p_end, c_start, c_end, n_start, n_end, comma, text)


@lru_cache(maxsize=8)
def scan(text: str) -> tuple[Candidate, ...]:
    """Every candidate of the three rules, in text order (memoised: the rules share it)."""
    fw = function_words()
    out: list[Candidate] = []
    for m in _PIVOT.finditer(text):
        c = m.group()
        if c in fw or len(c) >= 3:
            cand = _candidate(text, m.start(), m.end())
            if cand is not None:
                out.append(cand)
    # Words that may stand before a capitalised word and still be wrong: "Biden If Putin",
    # "call On Tuesday", "McCall Said."  The pivot above needs a lower-case word after.
    for word in (*_NAME_SUBORDINATORS, *_TIME_PREPOSITIONS, *SPEECH_VERBS):
        needle = f" {word}"
        k = text.find(needle)
        while k >= 0:
            c_start, c_end = k + 1, k + 1 + len(word)
            if c_end < len(text) and not text[c_end].isalnum() and k > 0 and text[k - 1].isalnum():
                after = text[c_end + 1 : c_end + 2] if c_end < len(text) and text[c_end] == " " else ""
                if not after.islower():
                    cand = _candidate(text, c_start, c_end)
                    if cand is not None:
                        out.append(cand)
            k = text.find(needle, k + 1)
    out.sort(key=lambda x: x.c_start)
    return tuple(out)


# -- context ------------------------------------------------------------------

def _title_case_line(doc: Document, offset: int) -> bool:
    """A headline or subheading in title case: most words capitalised, few words."""
    para = doc.paragraph_at(offset)
    if para is None:
        return False
    words = [w for w in doc.text[para.start : para.end].split() if w[:1].isalpha()]
    if not words or len(words) > 25:
        return False
    big = [w for w in words if w.lower() not in TITLE_SMALL]
    capitalised = sum(1 for w in big if w[0].isupper())
    return bool(big) and capitalised / len(big) >= 0.75


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _is_name(text: str, cand: Candidate, *, uses: int = 1) -> bool:
    """``p`` is a capitalised name (or acronym) the article uses on its own elsewhere."""
    p = cand.p
    if not p[:1].isupper() or _possessive(p):
        return False
    return standalone_uses(text, p, skip=cand.p_start) >= uses


def _lower_word(word: str) -> bool:
    return word[:1].islower() and (is_common_word(word, threshold=2.5) or word in TITLE_SMALL)


def _link_run_start(doc: Document, cand: Candidate) -> int:
    """Where scraped link text before ``p`` begins: "Putin [Secure video call] On Tuesday"."""
    text = doc.text
    start = cand.p_start
    for _ in range(4):
        k = start - 1
        if k <= 0 or text[k] != " ":
            break
        w_start = _word_before(text, k)
        word = text[w_start:k]
        if not word or not word[0].isalpha():
            break
        if word[0].isupper():
            if (w_start not in doc.sentence_starts and is_common_word(word, threshold=3.5)
                    and word not in function_words() and word not in word_set("name_heads.txt")):
                return w_start
            break
        start = w_start
    return cand.p_start


# -- EX103 ---------------------------------------------------------------------

def _function_word_hit(doc: Document, cand: Candidate) -> tuple[int, int, str] | None:
    text = doc.text
    fw = function_words()
    c, p, n = cand.c, cand.p, cand.n
    kind = fw.get(c)
    if kind is None and c in SPEECH_VERBS:
        kind = "verb"
    if kind is None or cand.comma or c in ("I", "A", "May") or _possessive(p):
        return None
    n_lower = n[:1].islower()
    if n_lower:
        if n in ("and", "or") and kind != CONJUNCTION:
            return None  # "Will and Grace"
        if n in TITLE_SMALL and kind in (PREPOSITION, SUBORDINATOR, CONJUNCTION, AUXILIARY):
            after = cand.after_n()
            if after[:1].isupper():
                return None  # "Gone With the Wind", "Are We There Yet"
    elif kind == SUBORDINATOR and c in _NAME_SUBORDINATORS:
        if fw.get(n) == PRONOUN or n in fw or not _standalone_name(text, n, cand.n_start):
            return None  # "If You Tolerate This"
    elif c in _TIME_PREPOSITIONS:
        if n not in DAYS_MONTHS:
            return None
    elif kind == "verb":
        if n[:1].isalpha():
            return None  # "Simon Says Stop"
    else:
        return None
    if p[:1].isupper():
        if p in fw:
            return None  # "When She came home": a sentence start, not a name
        if is_common_word(p, threshold=3.5) and not (_is_acronym(p) or _is_name(text, cand)):
            return None  # "Carry On series", "Warrior Within is", "Take That colleagues"
    elif p[:1].islower():
        if not _lower_word(p) or p in TITLE_INTRO or kind == "verb":
            return None
        if fw.get(p.capitalize(), PRONOUN) != PRONOUN:
            return None  # "a hit with Where Is the Love", "The Wonder of You"
    else:
        return None
    if _title_case_line(doc, cand.c_start):
        return None
    start = cand.p_start
    if c in _TIME_PREPOSITIONS and n in DAYS_MONTHS:
        start = _link_run_start(doc, cand)
    return start, cand.c_end, kind


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _standalone_name(text: str, word: str, offset: int) -> bool:
    return word[:1].isupper() and standalone_uses(text, word, skip=offset) > 0


def link_text_capital(doc: Document, rule: Rule) -> Iterator[Hit]:
    """EX103: a capitalised function word, pronoun, auxiliary or speech verb after a word, mid-sentence."""
    for cand in scan(doc.text):
        found = _function_word_hit(doc, cand)
        if found is None:
            continue
        start, end, kind = found
        c = cand.c
        lower = kind in (AUXILIARY, CONJUNCTION, "verb")
        p_text = doc.text[start : cand.p_end]
        suggestion = f"{p_text} {c.lower()}" if lower else f"{p_text}. {c}"
        fields = {"word": c, "name": cand.p, "kind": kind, "match": doc.text[start:end]}
        yield Hit(start, end, suggestion=suggestion, fields=fields)


# -- EX104 ---------------------------------------------------------------------

def _after_comma_hit(doc: Document, cand: Candidate) -> bool:
    if not cand.comma:
        return False
    text = doc.text
    c, n = cand.c, cand.n
    if not n[:1].islower() or n in ("and", "or", "nor", "but"):
        return False
    if n in TITLE_SMALL and cand.after_n()[:1].isupper():
        return False  # a title: "Spike Lee's Jungle Fever, Do the Right Thing"
    kind = function_words().get(c)
    if kind in (AUXILIARY, PRONOUN) and c not in ("I", "May", "Will", "Can"):
        pass
    elif c.endswith(("ing", "ed")) and len(c) > 5 and c not in word_set("name_heads.txt"):
        if not is_common_word(c, threshold=3.0) or c in _PLACE_LIKE:
            return False
        if text.count(c) > 1:
            return False  # capitalised elsewhere too: a name (Reading, Ealing, Beijing)
    else:
        return False
    p = cand.p
    if not p[:1].isalpha() or _possessive(p):
        return False
    return not _title_case_line(doc, cand.c_start)


_PLACE_LIKE = frozenset(
    "Reading Ealing Woking Barking Epping Kettering Worthing Dorking Wapping Tring Sterling Stirling Browning "
    "Golding Harding Manning Keating Fielding Channing Pickering Cumming Kipling Irving Ewing Lansing Flushing "
    "Beijing Nanjing Kunming Xining Taiping Bowling Redding Gosling Spalding Deeping Hocking Viking Ming".split()
)


def capital_after_comma(doc: Document, rule: Rule) -> Iterator[Hit]:
    """EX104: a capitalised auxiliary, pronoun or verb form right after a comma ("Ukraine, Has been")."""
    for cand in scan(doc.text):
        if _after_comma_hit(doc, cand):
            c = cand.c
            fields = {"word": c, "name": cand.p, "match": doc.text[cand.p_start : cand.c_end]}
            yield Hit(cand.p_start, cand.c_end, suggestion=f"{cand.p}, {c.lower()}", fields=fields)


# -- EX105 ---------------------------------------------------------------------

_DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese", "ish", "an", "ans", "i", "ic")


def damage(doc: Document) -> int:
    """How many EX103 cuts the document has: evidence that its link text was mangled."""
    return sum(1 for cand in scan(doc.text) if _function_word_hit(doc, cand) is not None)


def _common_word_hit(doc: Document, cand: Candidate, *, min_uses: int, min_damage: int) -> Severity | None:
    text = doc.text
    fw = function_words()
    c, p, n = cand.c, cand.p, cand.n
    if cand.comma or c in fw or c in SPEECH_VERBS or c in DAYS_MONTHS:
        return None
    if len(c) < 4 or not n[:1].islower() or n in ("and", "or", "of", "de", "du", "von", "van"):
        return None
    if c in word_set("name_heads.txt") or c.endswith(_DEMONYM_ENDINGS):
        return None
    if not is_common_word(c, threshold=3.5):
        return None
    if text.count(c) > 1:
        return None  # the article capitalises it elsewhere: part of a name here too
    if p in ("he", "she"):
        pass  # "he Additional security assistance"
    elif p in fw or not p[:1].isupper() or _possessive(p):
        return None  # "The Conservatives", "In Britain"
    elif not (_is_acronym(p) or _is_name(text, cand, uses=min_uses)):
        return None
    if c in places() or _title_case_line(doc, cand.c_start):
        return None
    if is_common_word(c, threshold=4.0) and damage(doc) >= min_damage:
        return Severity.WARNING
    return Severity.INFO


def capitalised_common_word(doc: Document, rule: Rule) -> Iterator[Hit]:
    """EX105: a common noun or adjective capitalised right after a name ("Biden Critics believe")."""
    min_uses = int(rule.options.get("min_name_uses", 2))
    min_damage = int(rule.options.get("min_damage", 2))
    for cand in scan(doc.text):
        severity = _common_word_hit(doc, cand, min_uses=min_uses, min_damage=min_damage)
        if severity is None:
            continue
        c = cand.c
        fields = {"word": c, "name": cand.p, "match": doc.text[cand.p_start : cand.c_end]}
        yield Hit(cand.p_start, cand.c_end, suggestion=f"{cand.p} {c.lower()}", severity=severity, fields=fields)
