"""The likely pivot language of a back-translation, from the artifact signature of its findings.

A round trip through another language leaves that language's habits in the English: Chinese renders the
honorific xiansheng as "gentleman" and keeps its full stop ("gentlemen. Biden", TR102, TR104); Chinese,
Japanese and Korean put titles after names (TR103); German and Dutch put the speaker after "said" (TR105)
and verbs at the end of clauses (TR106, with Japanese); German quotes with „...“, French and Russian with
«...» (TR116); each literal calque of the table translation/calques names its source languages (TR107).
Each such finding votes for the languages it points to, with a weight; the estimate is the language with
the largest share of the votes, reported when there are at least ``MIN_VOTES`` and the leader holds at
least ``MIN_SHARE`` of them.  It is a hint, not a measurement: one article carries few artifacts, the
signatures of Japanese and Korean differ little from Chinese in this list, and a spinner's synonyms point
nowhere.  See docs/sources.md ("Likely pivot language") for what it gets right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

MIN_VOTES = 2.0
MIN_SHARE = 0.4
LANGUAGE_NAMES = {
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "german": "de",
    "french": "fr",
    "russian": "ru",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "arabic": "ar",
    "turkish": "tr",
    "dutch": "nl",
    "hindi": "hi",
    "polish": "pl",
    "czech": "cs",
}
_NAMES = regex.compile(r"\b(" + "|".join(LANGUAGE_NAMES) + r")\b", regex.IGNORECASE)
_CJK_NOUN = regex.compile(r"(?i)\b(?:gentlem[ae]n|lady|ladies)\b")
_ROMANCE_NOUN = regex.compile(r"(?i)\b(?:mister|madame|monsieur)\b")
_SPANISH_NOUN = regex.compile(r"(?i)\bse[ñn]or[a]?\b")


@dataclass(frozen=True, slots=True)
class Vote:
    rule: str
    text: str
    languages: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "points_to": dict(self.languages)}


@dataclass(frozen=True, slots=True)
class Pivot:
    language: str
    share: float
    """The leader's share of the votes, in [0, 1]."""
    votes: float
    evidence: tuple[Vote, ...]

    def signals(self) -> dict[str, Any]:
        return {
            "pivot_language": self.language,
            "pivot_language_share": round(self.share, 2),
            "pivot_language_evidence": [v.to_dict() for v in self.evidence],
        }


@cache
def _calques() -> tuple[tuple[Any, tuple[str, ...]], ...]:
    """(pattern, languages) of each calque row whose ``source`` names a language."""
    from auditor.loader import tables_for

    try:
        table = tables_for().get_table("translation/calques", source="pivot", rule_id=None)
    except Exception:  # noqa: BLE001 - without the table TR107 findings simply do not vote
        return ()
    out = []
    for row in table.rows:
        langs = tuple(dict.fromkeys(LANGUAGE_NAMES[m.lower()] for m in _NAMES.findall(str(row.get("source", "")))))
        if langs and row.get("pattern"):
            try:
                out.append((regex.compile(str(row["pattern"])), langs))
            except regex.error:
                continue
    return tuple(out)


def vote(rule: str, text: str) -> Vote | None:
    """What one finding says about the pivot language (``None``: nothing)."""
    langs: dict[str, float] = {}
    if rule == "TR102":
        if _CJK_NOUN.search(text):
            langs = {"zh": 2.0}
        elif _SPANISH_NOUN.search(text):
            langs = {"es": 1.5}
        elif _ROMANCE_NOUN.search(text):
            langs = {"fr": 1.0, "es": 0.5}
    elif rule == "TR103":
        langs = {"zh": 1.0, "ja": 0.5, "ko": 0.5} if _CJK_NOUN.search(text) else {"ja": 0.7, "zh": 0.7, "ko": 0.6}
    elif rule == "TR104":
        langs = {"zh": 1.5}
    elif rule == "TR105":
        langs = {"de": 1.5, "nl": 0.5}
    elif rule == "TR106":
        langs = {"de": 0.75, "ja": 0.75}
    elif rule == "TR116":
        if "„" in text:
            langs = {"de": 2.0}
        elif "«" in text or "»" in text:
            langs = {"fr": 1.0, "ru": 1.0, "es": 0.5, "it": 0.5}
    elif rule == "TR107":
        for pattern, names in _calques():
            if pattern.search(text):
                langs = {code: 1.0 / len(names) for code in names}
                break
    if not langs:
        return None
    return Vote(rule, text, tuple(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))))


def estimate(findings: Iterable[tuple[str, str]]) -> Pivot | None:
    """The likely pivot language from ``(rule, text)`` of a document's findings, or ``None`` when unsure."""
    votes = [v for rule, text in findings if (v := vote(rule, text)) is not None]
    tally: dict[str, float] = {}
    for v in votes:
        for code, weight in v.languages:
            tally[code] = tally.get(code, 0.0) + weight
    total = sum(tally.values())
    if total < MIN_VOTES:
        return None
    language, weight = min(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    if weight / total < MIN_SHARE:
        return None
    return Pivot(language, weight / total, total, tuple(v for v in votes if language in dict(v.languages)))


def of_result(result: Any) -> Pivot | None:
    return estimate((f.rule, f.text) for f in result.findings)
