"""Capitalised words left in mid-sentence where a scraper cut link text or lost a full stop.

"NATO Will no longer expand", "Biden It will emphasize", "Russia In response to",
"him He was poisoned", "Secure video call On Tuesday", "Russia, Claiming that":
a name (often the text of a link) followed, with no punctuation or only a
comma, by a capitalised word that cannot be part of the name.  What the second
word is decides the ``finding`` a rule asks for: ``link-text`` (a function word,
pronoun, auxiliary or speech verb: EX103), ``after-comma`` (an auxiliary, pronoun
or verb form after a comma: EX104) or ``common-word`` (a common noun or
adjective: EX105).

Titles of works ("One Flew Over the Cuckoo's Nest", "Will and Grace"), names
("Will Smith", "Biden Administration", "The Hague") and headline lines in title
case are left alone.  One pass over the text finds what all three rules report;
it is memoised on the document (per set of word tables), so the three rules share it.
The word lists are tables a house pack can extend: ``extraction/function_words``
and ``extraction/name_heads``.  Each finding carries an unsafe edit: the word in
lower case, or the full stop put back before it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import regex

from auditor.detectors.extraction import (
    AUXILIARY,
    CONJUNCTION,
    PRONOUN,
    TITLE_SMALL,
    function_words,
    is_common_word,
    standalone_starts,
    starts_sentence,
    whole_word_spans,
    word_list,
    word_set,
)
from auditor.document import Document
from auditor.model import Edit, Hit, Severity
from auditor.registry import detector
from auditor.tables import Table, table

#: A capitalised word after a word (or a comma) and one space.  The words worth judging
#: (function words, speech verbs) are short and ASCII, so the pattern is too: a
#: lookbehind on one character class first is what makes it fast.
_PIVOT = regex.compile(r"(?<=[\p{L}\p{N},][ \t])[A-Z][a-z]{0,9}+(?![\p{L}\p{N}])", regex.V1)

DAYS_MONTHS = word_list(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December"
)
#: Speech verbs that follow a name ("McCall Said.") only when a scraper has capitalised them.
SPEECH_VERBS = word_list("Said Says Told Added Stated Noted Warned Claimed Insisted Argued Explained Replied")
#: Subordinators and conjunctions that may be followed by a capitalised name ("Biden If Putin
#: invades", "Argentina And Brazil remain"); the name after must be one the article uses alone.
_NAME_SUBORDINATORS = word_list("If When While Because Although Unless Whereas Though And Or But Nor")
#: Prepositions that may be followed by a day or month ("video call On Tuesday").
_TIME_PREPOSITIONS = word_list("On In At By From Since Until Before After During")
#: Lower-case words that introduce a title of a work ("the film It Happened One Night").
TITLE_INTRO = word_list(
    "film films movie song songs single singles album albums book books novel play show shows series programme "
    "program track tracks hit hits called titled entitled named dubbed starring game games comedy drama sitcom "
    "musical opera poem anthem slogan motto headline brand label band"
)
#: Town and family names that end in -ing and may follow a comma ("Reading, Ealing and Woking").
_ING_NAMES = word_list(
    "Reading Ealing Woking Barking Epping Kettering Worthing Dorking Wapping Tring Sterling Stirling Browning "
    "Golding Harding Manning Keating Fielding Channing Pickering Cumming Kipling Irving Ewing Lansing Flushing "
    "Beijing Nanjing Kunming Xining Taiping Bowling Redding Gosling Spalding Deeping Hocking Viking Ming"
)
_OBJECT_PRONOUNS = word_list("him her them us me it you")
_DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese", "ish", "an", "ans", "i", "ic")

Finding = Literal["link-text", "after-comma", "common-word"]
LINK_TEXT, AFTER_COMMA, COMMON_WORD = "link-text", "after-comma", "common-word"


@dataclass(frozen=True, eq=False)
class Lists:
    """The word tables the pass reads, prepared once per pair of tables (compared by identity)."""

    function_words: Mapping[str, str]
    name_heads: frozenset[str]
    targets: frozenset[str]
    """Words worth a closer look when capitalised after a word: function words, speech verbs."""


@lru_cache(maxsize=16)
def lists_of(function_words_table: Table, name_heads_table: Table) -> Lists:
    fw = function_words(function_words_table)
    return Lists(fw, word_set(name_heads_table), (frozenset(fw) | SPEECH_VERBS) - {"I", "A", "May"})


@dataclass(frozen=True, slots=True)
class Found:
    """One finding of one of the three kinds."""

    finding: str
    start: int
    end: int
    word: str
    name: str
    suggestion: str
    kind: str = ""
    lower: bool = True
    """The edit writes the word in lower case; otherwise it puts a full stop back before it."""
    strong: bool = True
    """EX105 only: the word is very common (a warning when the article shows other cuts)."""
    name_uses: int = 0
    """EX105 only: how often the name stands on its own elsewhere in the article."""
    lower_used: bool = False
    """EX105 only: the article writes the word in lower case elsewhere ("critics" and "Critics")."""


@dataclass(frozen=True, slots=True)
class Analysis:
    found: tuple[Found, ...]
    cuts: int
    """How many EX103 cuts the text has: evidence that its link text was mangled."""


# -- small text helpers --------------------------------------------------------


def _word_start(text: str, end: int) -> int:
    """Start of the word that ends at ``end`` (letters, digits, inner apostrophes, dots, hyphens)."""
    i = end
    while i > 0:
        ch = text[i - 1]
        if ch.isalnum() or (ch in "'’.-" and i > 1 and text[i - 2].isalnum()):
            i -= 1
        else:
            break
    return i


def _word_end(text: str, start: int) -> int:
    j, n = start, len(text)
    while j < n:
        ch = text[j]
        if ch.isalnum() or (ch in "'’-" and j + 1 < n and text[j + 1].isalnum()):
            j += 1
        else:
            break
    return j


def _next_word(text: str, start: int) -> tuple[int, int]:
    i = start
    while i < len(text) and text[i] in " \t":
        i += 1
    return i, _word_end(text, i)


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


class _Context:
    """Per-text memo: the title-case test of each line, the standalone uses of each word."""

    def __init__(self, text: str, lists: Lists) -> None:
        self.text = text
        self.lists = lists
        self.lines: dict[int, bool] = {}
        self.starts: dict[str, list[int]] = {}

    def title_case(self, offset: int) -> bool:
        """A headline or subheading in title case: most words capitalised, few words."""
        text = self.text
        start = text.rfind("\n", 0, offset) + 1
        if start in self.lines:
            return self.lines[start]
        end = text.find("\n", offset)
        if end < 0:
            end = len(text)
        result = False
        if end - start <= 300:  # a headline is short; most lines are paragraphs
            words = [w for w in text[start:end].split() if w[:1].isalpha()]
            big = [w for w in words if w.lower() not in TITLE_SMALL]
            result = bool(big) and len(words) <= 25 and sum(w[0].isupper() for w in big) / len(big) >= 0.75
        self.lines[start] = result
        return result

    def uses(self, word: str, skip: int) -> int:
        """How often ``word`` stands on its own elsewhere than at ``skip``."""
        starts = self.starts.get(word)
        if starts is None:
            starts = self.starts[word] = standalone_starts(self.text, word)
        return sum(1 for s in starts if s != skip)


# -- the pass ------------------------------------------------------------------


def analyse(doc: Document, lists: Lists) -> Analysis:
    """Everything EX103, EX104 and EX105 report in ``doc`` (computed once: the three rules share it).

    One regex pass finds capitalised words after a word; only function words and
    speech verbs among them are judged (EX103, EX104).  EX105's common words are
    looked for only after the names that EX103 found cut elsewhere in the text (and
    after "he" or "she"): a name whose link text lost its punctuation once is
    likely to have lost it again ("NATO They ... NATO Military alliance").
    """
    memo: dict[Lists, Analysis] = doc.__dict__.setdefault("_memo", {}).setdefault("capitals.analyse", {})
    if lists not in memo:
        memo[lists] = _analyse(doc.text, lists)
    return memo[lists]


def _analyse(text: str, lists: Lists) -> Analysis:
    ctx = _Context(text, lists)
    targets = lists.targets
    found: list[Found] = []
    for m in _COMMA_VERB.finditer(text):
        if text[m.start() + 2 : m.end()] in targets:
            continue  # "During", "Following": the walk below sees them
        hit = _after_comma(text, m.start() + 2, m.end(), ctx)
        if hit is not None:
            found.append(hit)
    for m in _PIVOT.finditer(text):
        if m[0] in targets:
            c_start, c_end = m.span()
            hit = (_after_comma if text[c_start - 2] == "," else _function_word)(text, c_start, c_end, ctx)
            if hit is not None:
                found.append(hit)
    cut_names = {f.name for f in found if f.finding == LINK_TEXT and f.name[:1].isupper()}
    cuts = sum(1 for f in found if f.finding == LINK_TEXT)
    if cuts:
        for c_start, c_end in _after_names(text, cut_names, lists):
            hit = _common_word(text, c_start, c_end, ctx)
            if hit is not None:
                found.append(hit)
    found.sort(key=lambda f: f.start)
    return Analysis(tuple(found), cuts)


def _after_names(text: str, names: set[str], lists: Lists) -> Iterator[tuple[int, int]]:
    """Capitalised common words right after one of ``names`` or after "he"/"she", before a lower-case word."""
    heads = lists.name_heads
    spans = [m.span("c") for m in _PRONOUN_WORD.finditer(text)]
    for name in names:
        needle = name + " "
        k = text.find(needle)
        while k >= 0:
            c_start = k + len(needle)
            c_end = _word_end(text, c_start)
            if (
                c_end - c_start >= 4
                and text[c_start].isupper()
                and text[c_start + 1 : c_end].islower()
                and text[c_end + 1 : c_end + 2].islower()
                and (k == 0 or not text[k - 1].isalnum())
            ):
                spans.append((c_start, c_end))
            k = text.find(needle, k + 1)
    for c_start, c_end in spans:
        c = text[c_start:c_end]
        if c in lists.targets or c in heads or c in DAYS_MONTHS or c.endswith(_DEMONYM_ENDINGS) or not _common(c):
            continue
        yield c_start, c_end


#: A capitalised common word after "he" or "she" ("he Additional security assistance").
_PRONOUN_WORD = regex.compile(r"(?<![\p{L}])s?he[ \t](?P<c>\p{Lu}\p{Ll}{3,}+)(?=[ \t]\p{Ll})", regex.V1)
#: A verb form in -ing or -ed after a comma ("Russia, Claiming that").
_COMMA_VERB = regex.compile(r"(?<=[\p{L}\p{N}]),[ \t]\p{Lu}\p{Ll}{2,}+(?<=ing|ed)(?=[ \t]\p{Ll})", regex.V1)


@lru_cache(maxsize=65536)
def _common(word: str) -> bool:
    return is_common_word(word, threshold=3.5)


# -- EX103 ---------------------------------------------------------------------


def _function_word(text: str, c_start: int, c_end: int, ctx: _Context) -> Found | None:
    fw = ctx.lists.function_words
    c = text[c_start:c_end]
    kind = fw.get(c) or ("verb" if c in SPEECH_VERBS else None)
    if kind is None or c in ("I", "A", "May"):
        return None
    p_end = c_start - 1
    if text[p_end - 1] == "," or not text[p_end - 1].isalnum():
        return None
    p_start = _word_start(text, p_end)
    p = text[p_start:p_end]
    if not p[:1].isalnum() or _possessive(p):
        return None
    n_start, n_end = _next_word(text, c_end)
    n = text[n_start:n_end]
    if n[:1].islower():
        if n in ("and", "or") and kind != CONJUNCTION:
            return None  # "Will and Grace"
        if n in TITLE_SMALL and kind != PRONOUN and _next_word_capitalised(text, n_end):
            return None  # "Gone With the Wind", "Are We There Yet"
    elif c in _NAME_SUBORDINATORS:
        if not n[:1].isupper() or n in fw or ctx.uses(n, n_start) == 0:
            return None  # "If You Tolerate This"; a name the article uses on its own goes on
        if kind == CONJUNCTION and not (_is_acronym(p) or ctx.uses(p, p_start)):
            return None  # "Pride And Prejudice": both sides must be names the article uses alone
        if f"{p} {c.lower()} {n}" in text:
            return None  # the article writes the phrase elsewhere: "Hide and Seek" ... "Hide And Seek"
    elif c in _TIME_PREPOSITIONS:
        if n not in DAYS_MONTHS:
            return None
    elif kind == "verb":
        if n[:1].isalnum():
            return None  # "Simon Says Stop"
    else:
        return None
    if p[0].isupper():
        if p in fw:
            return None  # "When She came home": a sentence start, not a name
        # An auxiliary or a conjunction before a lower-case word cuts even a common word ("the New
        # Year Will spell misery", "Cardiff Was an unforgiving place", "Touching the Void And zombie
        # comedy"): titles that hold one go on in title case ("Love Is a Many-Splendored Thing").
        cut = kind in (AUXILIARY, CONJUNCTION, "verb") and n[:1].islower()
        if (
            not cut
            and is_common_word(p, threshold=3.5)
            and not (_is_acronym(p) or ctx.uses(p, p_start) or _full_name_before(text, p_start))
        ):
            return None  # "Carry On series", "Warrior Within is", "Take That colleagues"
    elif p[0].islower():
        if kind == "verb" or p in TITLE_INTRO or not (is_common_word(p, threshold=2.5) or p in TITLE_SMALL):
            return None
        if fw.get(p.capitalize(), PRONOUN) != PRONOUN and p not in _OBJECT_PRONOUNS:
            return None  # "a hit with Where Is the Love", "The Wonder of You"
    if ctx.title_case(c_start):
        return None
    start = p_start
    if c in _TIME_PREPOSITIONS and n in DAYS_MONTHS:
        start = _link_run_start(text, p_start, ctx.lists)
    lower = kind in (AUXILIARY, CONJUNCTION, "verb")
    before = text[start:p_end]
    suggestion = f"{before} {c.lower()}" if lower else f"{before}. {c}"
    return Found(LINK_TEXT, start, c_end, c, p, suggestion, kind, lower)


def _full_name_before(text: str, p_start: int) -> bool:
    """Whether a capitalised given name stands before ``p`` in mid-sentence ("Alberto Martin In
    last week's"): ``p`` is then a surname, not a word of a title ("the Carry On series")."""
    k = p_start - 1
    if k <= 0 or text[k] != " ":
        return False
    w_start = _word_start(text, k)
    word = text[w_start:k]
    return (
        len(word) >= 2
        and word[0].isupper()
        and word[1:].islower()
        and not starts_sentence(text, w_start)
        and not is_common_word(word, threshold=4.5)
    )


def _next_word_capitalised(text: str, end: int) -> bool:
    i, j = _next_word(text, end)
    return text[i:j][:1].isupper()


def _link_run_start(text: str, p_start: int, lists: Lists) -> int:
    """Where scraped link text before ``p`` begins: "Putin [Secure video call] On Tuesday"."""
    fw = lists.function_words
    heads = lists.name_heads
    start = p_start
    for _ in range(4):
        k = start - 1
        if k <= 0 or text[k] != " ":
            break
        w_start = _word_start(text, k)
        word = text[w_start:k]
        if not word[:1].isalpha():
            break
        if word[0].isupper():
            if (
                not starts_sentence(text, w_start)
                and is_common_word(word, threshold=3.5)
                and word not in fw
                and word not in heads
            ):
                return w_start
            break
        start = w_start
    return p_start


# -- EX104 ---------------------------------------------------------------------


def _after_comma(text: str, c_start: int, c_end: int, ctx: _Context) -> Found | None:
    c = text[c_start:c_end]
    n_start, n_end = _next_word(text, c_end)
    n = text[n_start:n_end]
    if not n[:1].islower() or n in ("and", "or", "nor", "but"):
        return None
    if n in TITLE_SMALL and _next_word_capitalised(text, n_end):
        return None  # a title: "Spike Lee's Jungle Fever, Do the Right Thing"
    kind = ctx.lists.function_words.get(c)
    if kind in (AUXILIARY, PRONOUN):
        if c in ("I", "May", "Will", "Can"):
            return None
    elif c.endswith(("ing", "ed")) and len(c) > 5:
        if c in _ING_NAMES or not is_common_word(c, threshold=3.0) or text.count(c) > 1:
            return None  # a town or a name the article capitalises elsewhere too
    else:
        return None
    p_end = c_start - 2
    p_start = _word_start(text, p_end)
    p = text[p_start:p_end]
    if not p[:1].isalpha() or _possessive(p) or ctx.title_case(c_start):
        return None
    return Found(AFTER_COMMA, p_start, c_end, c, p, f"{p}, {c.lower()}", kind or "verb")


# -- EX105 ---------------------------------------------------------------------


def _common_word(text: str, c_start: int, c_end: int, ctx: _Context) -> Found | None:
    p_end = c_start - 1
    p_start = text.rfind(" ", max(0, p_end - 40), p_end) + 1 or max(0, p_end - 40)
    p = text[p_start:p_end].lstrip("\"“‘'([")
    p_start = p_end - len(p)
    fw = ctx.lists.function_words
    if p in ("he", "she"):
        pronoun = True  # "he Additional security assistance": no name, but no name takes it either
    elif not p[:1].isupper() or p in fw or _possessive(p) or not p.replace("-", "").isalpha():
        return None  # "The Conservatives", "In Britain", "2004 Budget"
    else:
        pronoun = False
    c = text[c_start:c_end]
    if _capitalised_elsewhere(text, c, c_start):
        return None  # the article capitalises it elsewhere: part of a name here too
    n_start, n_end = _next_word(text, c_end)
    if text[n_start:n_end] in ("and", "or", "of", "de", "du", "von", "van", "da"):
        return None
    uses = 99 if pronoun else ctx.uses(p, p_start)
    if (uses == 0 and not _is_acronym(p)) or ctx.title_case(c_start):
        return None
    strong = is_common_word(c, threshold=4.0)
    lower_used = bool(whole_word_spans(text, c.lower()))
    return Found(COMMON_WORD, p_start, c_end, c, p, f"{p} {c.lower()}", "", True, strong, uses, lower_used)


def _capitalised_elsewhere(text: str, word: str, skip: int) -> bool:
    """Whether ``word`` occurs elsewhere other than at the start of a sentence or line.

    A substring test, so "Deal" inside "Dealers" counts: in doubt, leave it alone.
    """
    k = text.find(word)
    while k >= 0:
        if k != skip and not starts_sentence(text, k):
            return True
        k = text.find(word, k + 1)
    return False


# -- the detector ----------------------------------------------------------------


def _hit(f: Found, text: str, severity: Severity | None = None) -> Hit:
    fields = {"word": f.word, "name": f.name, "kind": f.kind, "match": text[f.start : f.end]}
    c_start = f.end - len(f.word)
    if f.lower:
        edit = Edit(c_start, f.end, f.word.lower())
    else:
        edit = Edit(c_start - 1, c_start - 1, ".")  # the full stop back before the space
    return Hit(f.start, f.end, suggestion=f.suggestion, severity=severity, fields=fields, edits=(edit,))


def _english(doc: Document) -> bool:
    """The word lists are English: an article configured as another language is left alone."""
    return not doc.language or doc.language.lower().startswith("en")


@dataclass(frozen=True)
class MidSentenceCapital:
    """Options of ``capitals.mid_sentence_capital``.

    ``finding`` says which of the pass's findings the rule reports; ``min_name_uses``
    and ``min_cuts`` apply to ``common-word``; the word lists are tables.
    """

    finding: Finding
    min_name_uses: int = 2
    min_cuts: int = 2
    function_words: Table = table("extraction/function_words")  # noqa: RUF009 - a table reference, replaced at load
    name_heads: Table = table("extraction/name_heads")  # noqa: RUF009 - a table reference, replaced at load
    lists: Lists = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lists", lists_of(self.function_words, self.name_heads))


@detector("capitals.mid_sentence_capital", options=MidSentenceCapital, languages=("en",))
def mid_sentence_capital(doc: Document, options: MidSentenceCapital) -> Iterator[Hit]:
    """A capitalised word in mid-sentence where a scraper cut link text or lost a full stop.

    ``link-text`` (EX103): a function word, pronoun, auxiliary or speech verb after a
    word.  ``after-comma`` (EX104): an auxiliary, pronoun or verb form right after a
    comma ("Ukraine, Has been").  ``common-word`` (EX105): a common noun or adjective
    right after a name ("Biden Critics believe"), reported when the name stands alone
    elsewhere in the article (``min_name_uses`` times; an acronym or "he"/"she" need
    not) and either the article shows other cuts (``min_cuts`` link-text findings) and
    the word is very common -- a warning -- or the article writes the word in lower
    case elsewhere -- information.
    """
    if not _english(doc):
        return
    analysis = analyse(doc, options.lists)
    for f in analysis.found:
        if f.finding != options.finding:
            continue
        if f.finding != COMMON_WORD:
            yield _hit(f, doc.text)
        elif not (_is_acronym(f.name) or f.name_uses >= options.min_name_uses):
            continue
        elif f.strong and analysis.cuts >= options.min_cuts:
            yield _hit(f, doc.text)
        elif f.lower_used:
            yield _hit(f, doc.text, Severity.INFO)
