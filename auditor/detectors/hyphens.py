"""A hyphen standing where a dash belongs (rule TR108): "troops-a severe warning", "Rome-Putin was".

Machine translation and careless conversion turn a dash (—, –) into a hyphen
glued to both words.  Real compounds ("Russian-backed", "pro-Moscow", "Cold
War-style", "Biden-Putin summit", "cost-of-living", "Baden-Wuerttemberg") must
stay clean, so a hyphen is reported only when what follows it cannot continue a
compound:

* a function word or finite verb that ends the chain ("troops-a severe",
  "residence-is one", "Ukraine-the former", "COVID-19-and said"): compounds with
  function words are chains ("face-to-face", "state-of-the-art", "all-in-one"), and
  "one X-one Y" is a slogan's compound ("one person-one vote");
* a capitalised name followed by a verb, after a plain word ("talk-Biden
  speaking"), or after another name that the article uses on its own ("in
  Rome-Putin was"): name-name compounds are followed by a noun ("Biden-Putin
  summit") or are names themselves ("Kilroy-Silk said", preceded by a title), and a
  title-case compound the article repeats, or whose right half is no surname, is a
  name or a title ("All-Stars were", "Cry-Baby is");
* a verb in -ing with its object after a head noun that announces an
  explanation ("their most important task-protecting the country").

The scan is anchored on the hyphen and the few candidates are checked in Python.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from auditor.detectors.translation import word_index
from auditor.document import Document
from auditor.model import Edit, Hit
from auditor.registry import detector

#: Words that end a chain after a hyphen only when the hyphen is a dash.
FUNCTION_RIGHT = (
    "a|an|the|is|are|was|were|and|or|but|which|who|one|has|had|said|says|he|she|they|we|its|his|their|this"
    "|what|while|when|where|whose|with|though|although|because|after|before"
    "|will|would|could|can|may|might|must|should|did|does|have|for|from|at|it|that|albeit|yet|even"
)
FINITE_VERBS = "was|is|has|had|will|would|were|are|said|says|told|added|did|does|could|can|may|might|must|should"

_CANDIDATE = re.compile(
    rf"-(?:(?P<fw>{FUNCTION_RIGHT})"
    r"(?=[ \t,;:](?P<fw_next>[ \t]*[A-Za-z]?)|['’](?:re|s|ll|ve|d)[ \t]|(?<=[a-z][a-z])n['’]t[ \t])"
    rf"|(?P<cap>[A-Z][a-z]+)(?=[ \t]+(?P<cap_verb>{FINITE_VERBS}|and|or|[a-z]{{2,}}ing)\b)"
    r"|(?P<ing>[a-z]{3,}ing)(?=[ \t]+(?:the|a|an|his|her|its|their|our|this|these|those)\b)"
    r"|(?P<low>[a-z]{2,})(?=[ \t]+(?:the|a|an|his|her|its|their|our|this|these|those)\b))"
)

#: Left-hand words that legitimately stand before a hyphen and a function word or name.
FUNCTION_LEFT = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "no",
        "so",
        "as",
        "up",
        "out",
        "in",
        "on",
        "to",
        "by",
        "of",
        "at",
        "all",
        "any",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "either",
        "neither",
        "well",
        "off",
        "how",
        "what",
        "who",
        "why",
        "when",
        "where",
        "which",
        "that",
        "this",
        "it",
        "is",
        "be",
        "been",
        "do",
        "done",
        "not",
        "has",
        "have",
        "had",
        "was",
        "were",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "ever",
        "never",
    ]
)
NUMBER_WORDS = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred"])
#: Left-hand words before "-one" that name a rank or an item ("number-one", "day-one", "formula-one").
ONE_OK = frozenset(
    [
        "number",
        "day",
        "formula",
        "square",
        "year",
        "part",
        "page",
        "phase",
        "stage",
        "ground",
        "wave",
        "season",
        "series",
        "channel",
        "track",
        "tier",
        "class",
        "grade",
        "level",
        "chapter",
        "act",
        "scene",
        "zone",
        "world",
        "area",
        "category",
        "type",
        "version",
        "round",
        "car",
        "camp",
        "plan",
        "gen",
        "generation",
        "no",
        "any",
        "every",
        "some",
        "each",
        "game",
        "match",
        "leg",
        "point",
    ]
)
#: Compounds whose right half is a word of FUNCTION_RIGHT ("free-will", "sought-after", "mid-may").
#: Left halves shorter than three letters or in FUNCTION_LEFT ("must-have", "ever-after") are
#: left alone before this table is read.
FUNCTION_COMPOUNDS = {
    "will": frozenset(["free", "good", "ill", "self"]),
    "can": frozenset(
        [
            "trash",
            "watering",
            "tin",
            "jerry",
            "oil",
            "garbage",
            "spray",
            "beer",
            "paint",
            "petrol",
            "gas",
            "soda",
            "milk",
        ]
    ),
    "may": frozenset(["mid"]),
    "after": frozenset(["sought", "morning", "day", "here", "there", "hereafter"]),
    "before": frozenset(["day", "night", "week"]),
    "while": frozenset(["worth", "once"]),
    "even": frozenset(["break"]),
    "it": frozenset(["post", "hit", "make"]),
}
#: Left-hand words before "-a" that name a category ("vitamin-a", "type-a", "plan-a").
A_OK = frozenset(
    [
        "vitamin",
        "type",
        "plan",
        "grade",
        "class",
        "category",
        "hepatitis",
        "group",
        "section",
        "part",
        "formula",
        "article",
        "level",
        "schedule",
        "series",
        "tier",
        "division",
        "league",
        "serie",
        "option",
        "exhibit",
        "appendix",
        "annex",
        "model",
        "size",
        "band",
        "list",
        "block",
        "wing",
        "terminal",
        "gate",
        "platform",
        "row",
        "stand",
        "zone",
    ]
)
#: Prefixes that form compounds with names ("pro-Moscow", "anti-Biden", "mid-January").
PREFIXES = frozenset(
    [
        "pro",
        "anti",
        "non",
        "ex",
        "post",
        "pre",
        "mid",
        "trans",
        "all",
        "un",
        "pan",
        "neo",
        "sub",
        "inter",
        "intra",
        "multi",
        "semi",
        "ultra",
        "over",
        "under",
        "co",
        "de",
        "re",
        "self",
        "super",
        "hyper",
        "counter",
        "cross",
        "far",
        "then",
        "former",
        "late",
        "early",
        "part",
        "double",
        "triple",
        "half",
        "quasi",
        "pseudo",
        "extra",
        "mega",
        "micro",
        "mini",
        "anglo",
        "afro",
        "euro",
        "franco",
        "sino",
        "indo",
        "russo",
        "greco",
        "judeo",
        "arab",
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "ash",
        "an",
        "bin",
        "ibn",
        "abu",
        "abd",
        "bint",
        "bani",
        "beni",
        "ould",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "du",
        "la",
        "le",
        "st",
        "so",
        "would",
        "must",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ]
)
#: Nouns in -ing that follow a name-name compound ("Biden-Putin meeting").
ING_NOUNS = frozenset(
    [
        "meeting",
        "building",
        "briefing",
        "hearing",
        "funding",
        "spending",
        "thing",
        "king",
        "ring",
        "wing",
        "spring",
        "evening",
        "morning",
        "setting",
        "ceiling",
        "feeling",
        "training",
        "housing",
        "shooting",
        "bombing",
        "killing",
        "landing",
        "rating",
        "ruling",
        "saving",
        "timing",
        "warning",
        "reading",
        "wedding",
        "opening",
        "offering",
        "painting",
        "recording",
        "bidding",
        "ending",
        "finding",
        "gathering",
        "holding",
        "listing",
        "ranking",
        "standing",
        "talking",
        "dealing",
        "crossing",
        "sitting",
        "trading",
        "pricing",
        "polling",
        "fighting",
    ]
)
#: Head nouns that announce an explanation after a dash ("the task - protecting the country").
HEAD_NOUNS = frozenset(
    [
        "task",
        "mission",
        "goal",
        "aim",
        "job",
        "priority",
        "duty",
        "role",
        "purpose",
        "objective",
        "message",
        "point",
        "lesson",
        "challenge",
        "concern",
        "problem",
        "issue",
        "question",
        "reason",
        "idea",
        "plan",
        "strategy",
        "policy",
        "demand",
        "condition",
        "target",
        "promise",
        "pledge",
        "threat",
        "warning",
        "fear",
        "hope",
        "dream",
        "wish",
        "request",
        "work",
        "business",
        "agenda",
        "focus",
        "responsibility",
        "obligation",
        "commitment",
        "intention",
        "decision",
        "choice",
        "option",
        "solution",
        "answer",
        "result",
        "outcome",
        "step",
        "move",
        "measure",
        "method",
        "approach",
    ]
)
COMPOUND_ING = frozenset(
    ["making", "solving", "taking", "setting", "building", "keeping", "sharing", "finding", "seeking"]
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "their", "his", "her", "its", "our", "your", "my"]
)
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _left_token(text: str, hyphen: int) -> tuple[int, str, bool]:
    """(start, token, chained) of the word before ``hyphen``; chained when another hyphen precedes it."""
    start = hyphen
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    chained = start > 0 and text[start - 1] == "-"
    return start, text[start:hyphen], chained


def _chain_start(text: str, start: int) -> int:
    """The first character of a hyphenated chain ending at ``start`` ("COVID-19" before "-and")."""
    while start > 1 and text[start - 1] == "-" and text[start - 2] in _WORD_CHARS:
        start -= 1
        while start > 0 and text[start - 1] in _WORD_CHARS:
            start -= 1
    return start


def _word_before(text: str, start: int) -> str:
    """The word before offset ``start`` (skipping spaces), or '' at a paragraph start."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1] in _WORD_CHARS:
        begin -= 1
    return text[begin:end]


def _used_alone(doc: Document, name: str, skip: int) -> bool:
    """Whether ``name`` occurs as a word elsewhere, not glued to a hyphen ("Putin" beside "Rome-Putin")."""
    return any(at != skip for at in word_index(doc).get(name, ()))


def _title_compound(text: str, start: int, m: re.Match[str]) -> bool:
    """Whether "Left-Right", both title case, is a compound of its own rather than a place, a dash, a name.

    A title-case compound is a name or a title (All-Stars, Cry-Baby, Stop-Start): the article
    writes it twice or more, or its right half is not a surname the gazetteer knows.  A dash
    lost before a person ("in Rome-Putin was") has a surname on the right.
    """
    compound = text[start : m.end("cap")]
    if text.count(compound) >= 2:
        return True
    from auditor.detectors.names.gazetteer import load  # the gazetteer: loaded once, only on this rare path
    from auditor.detectors.names.text import fold

    return not load().people.with_surname(fold(m.group("cap")))


def _judge(doc: Document, m: re.Match[str]) -> tuple[int, str] | None:
    """(report start, reason) when the hyphen at ``m.start()`` stands for a dash, else None."""
    text = doc.text
    hyphen = m.start()
    start, left, chained = _left_token(text, hyphen)
    if not left:
        return None
    lower = left.lower()
    if m.group("fw"):
        right = m.group("fw")
        if left.isdigit():
            return _chain_start(text, start), "function-word"
        if chained or len(left) < 3 or lower in FUNCTION_LEFT or lower in NUMBER_WORDS:
            return None
        if (right == "one" and lower in ONE_OK) or (right in ("a", "an") and lower in A_OK):
            return None
        if right == "one" and _word_before(text, start).lower() == "one":
            return None  # "one person-one vote", "one man-one vote": a slogan's compound
        if lower in FUNCTION_COMPOUNDS.get(right, ()):
            return None
        if right in ("for", "from") and lower.endswith(("ed", "en", "id", "ught")):
            return None  # "uncalled-for", "hoped-for", "paid-for", "sought-for": a participle's compound
        if right in ("a", "an", "the", "its", "his", "their", "this") and not (m.group("fw_next") or "").strip():
            return None  # "Grade-A." or a determiner with nothing after it
        return start, "function-word"
    if m.group("cap"):
        if chained or not left.isalpha():
            return None
        verb = m.group("cap_verb")
        if verb.endswith("ing") and verb in ING_NOUNS:
            return None
        if verb in ("and", "or") and not left.islower():
            return None  # "Biden-Putin and ...": a name-name compound in a list
        if left.islower():
            if len(left) < 3 or lower in PREFIXES or lower in FUNCTION_LEFT:
                return None
            return start, "name-after-word"
        if left[0].isupper() and left[1:].islower() and not verb.endswith("ing"):
            before = _word_before(text, start)
            if not before or not before.islower() or before in _DETERMINERS:
                return None  # "Mr Kilroy-Silk has", "Daniel Day-Lewis is", "the Biden-Putin ..."
            if _used_alone(doc, m.group("cap"), hyphen + 1) and not _title_compound(text, start, m):
                return start, "name-after-name"
        return None
    if m.group("ing"):
        if chained or lower not in HEAD_NOUNS or m.group("ing") in COMPOUND_ING:
            return None
        return start, "clause-after-noun"
    if m.group("low"):
        # A compound adjective is followed by its noun, not by a determiner: after a name,
        # "-bought the" is a verb after a lost dash ("Quinlan Private-bought the Savoy").
        # Compound verbs ("fast-tracked a visa", "Co-starring a") have a lower-case left half
        # or open the sentence.
        if chained or len(left) < 3 or not (left[0].isupper() and left[1:].islower()) or lower in PREFIXES:
            return None
        k = start
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k == 0 or text[k - 1] in '.!?"“:\n(':
            return None  # the sentence's first word
        return start, "verb-after-name"
    return None


#: The dash styles an article may show: a spaced em dash, a spaced en dash, a closed em dash
#: (and, found by ``_DASH_AT``, a spaced hyphen).
_DASH_STYLE = re.compile(r"(?<=\w)(?: — | – |—)(?=\w)")
# The same matches, anchored on the dash itself (a lookbehind first is tried at every character):
# a spaced em or en dash, or a closed em dash.
_DASH_AT = re.compile(r"[—–-](?<=\w [—–-])(?= \w)|—(?<=\w—)(?=\w)")


def article_dash(text: str) -> str | None:
    """The dash the article itself writes between words (its commonest style), or None when it shows none.

    A spaced hyphen between words (" - ", the BBC's house dash) is a style too.
    """
    if "—" not in text and "–" not in text and " - " not in text:
        return None
    styles = Counter(f" {m.group()} " if text[m.start() - 1] == " " else m.group() for m in _DASH_AT.finditer(text))
    return styles.most_common(1)[0][0] if styles else None


@dataclass(frozen=True)
class DashStyle:
    """Options of TR108: the house dash for articles that show no dash style of their own."""

    dash: Literal[" — ", " – ", "—"] = " — "


@detector("hyphens.hyphen_for_dash", options=DashStyle)
def hyphen_for_dash(doc: Document, options: DashStyle) -> Iterator[Hit]:
    """TR108: a hyphen glued between a phrase and a new clause, where a dash was meant.

    The edit writes the article's own dash style (safe); an article with no dash of its own gets the
    house default (``options.dash``, a spaced em dash unless configured), offered as unsafe.
    """
    text = doc.text
    if "-" not in text:
        return
    own: str | None = None
    looked = False
    for m in _CANDIDATE.finditer(text):
        judged = _judge(doc, m)
        if judged is None:
            continue
        if not looked:
            own, looked = article_dash(text), True
        dash = own or options.dash
        start, reason = judged
        right = m.group("fw") or m.group("cap") or m.group("ing") or m.group("low")
        end = m.start() + 1 + len(right)
        left = text[start : m.start()]
        yield Hit(
            start,
            end,
            suggestion=f"{left}{dash}{right}",
            fields={"left": left, "right": right, "reason": reason, "dash": dash},
            edits=(Edit(m.start(), m.start() + 1, dash),),
            applicability=None if own else "unsafe",
        )
