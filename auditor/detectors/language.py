"""Paragraphs in another language than the article's (LG104).

The script rules (LG101-LG103) are ``kind: script`` rules (``auditor/kinds/script.py``):
stray lines, passages and mixed words are exact questions of Unicode scripts.  A
paragraph in another language of the same script is not: it needs a language model.
Only a long paragraph with almost none of the expected language's commonest words is
given to langdetect (``langdetect_rs`` when installed: the same results, far faster), and
reported when langdetect names another language and that language's common words are
there.  The expected language is ``options.expected``; ``auto`` follows the configuration's
``language`` setting, and the language detected for the article when that is unset.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auditor.detectors.encoding import odd_text
from auditor.document import Document, per_document
from auditor.kinds.script import Segment, Stray, main_script, segments, strays
from auditor.model import Hit
from auditor.registry import detector

__all__ = ["ForeignLanguage", "Segment", "Stray", "article_language", "detect", "main_script", "segments", "strays"]

#: A passage of another script this long (in words) makes its paragraph a script question, not a language one.
_SCRIPTED_WORDS = 4


@dataclass(frozen=True)
class ForeignLanguage:
    """Options of ``language.foreign_language_paragraphs``."""

    expected: str = "auto"


# -- languages ---------------------------------------------------------------------------------

# The commonest short words of each language, padded with spaces for str.count.
_COMMON: dict[str, tuple[str, ...]] = {
    lang: tuple(f" {w} " for w in words.split())
    for lang, words in {
        "en": "the and of to is that for with was are",
        "fr": "le la les des est et une dans pour que qui du",
        "de": "der die und das ist nicht mit den von sich auf dem",
        "es": "el los las del que y en por para una con se",
        "pt": "os do da que não em uma com para dos no se",
        "it": "il di che della non per sono gli una nel è",
        "nl": "de het een van en niet dat zijn voor met op",
        "pl": "i w na nie się że do jest to z",
        "tr": "ve bir bu da de için ile olarak çok",
        "id": "yang dan di ini itu dengan untuk dari tidak",
        "sv": "och att det som en på är för med av",
        "da": "og at det som en på er for med til",
        "ro": "și în de la cu care pe este nu",
        "cs": "a je se na v že to s do",
        "ru": "и в не на что с по это как",
        "uk": "і в не на що з до це як",
    }.items()
}
_PARAGRAPH_MIN_CHARS = 160
_PARAGRAPH_MIN_WORDS = 25
_OWN_RATE = 0.04
_THEIR_RATE = 0.07
_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def _langdetect() -> Any:
    """langdetect_rs when installed (same results, far faster), else langdetect; seeded to repeat."""
    try:
        import langdetect_rs as module
    except ImportError:  # pragma: no cover - depends on the environment
        import langdetect as module
    module.DetectorFactory.seed = 0
    return module


def detect(text: str) -> tuple[str, float]:
    """The most probable language of ``text`` and its probability (``("", 0.0)`` if unknown)."""
    module = _langdetect()
    try:
        langs = module.detect_langs(text)
    except module.LangDetectException:
        return "", 0.0
    if not langs:
        return "", 0.0
    best = langs[0]
    return str(best.lang), float(best.prob)


def _rate(text: str, lang: str, start: int, end: int) -> tuple[int, float]:
    words = text.count(" ", start, end) + 1
    hits = sum(text.count(w, start, end) for w in _COMMON[lang])
    return hits, hits / words


@per_document
def article_language(doc: Document) -> str:
    """The article's language: English by a cheap word count when it plainly is, else langdetect."""
    text = doc.text
    words = len(text) / 6 + 1  # English averages about six characters a word, space included
    if (text.count(" the ") + text.count(" of ")) / words >= 0.03:
        return "en"
    sample = " ".join(doc.text[p.start : p.end] for p in sorted(doc.paragraphs, key=len, reverse=True)[:4])
    lang, _ = detect(sample[:2000])
    return lang


def _expected(doc: Document, options: ForeignLanguage) -> str | None:
    """The language asked for: the option, else the configured ``language``; None: the detected one."""
    value = str(options.expected or "auto").lower()
    if value == "auto":
        value = str(doc.language or "auto").lower()
    return None if value == "auto" else value


@detector("language.foreign_language_paragraphs", options=ForeignLanguage)
def foreign_language_paragraphs(doc: Document, options: ForeignLanguage) -> Iterator[Hit]:
    """Long paragraphs in another language than the article's (or ``options.expected``)."""
    text = doc.text
    asked = _expected(doc, options)
    if asked is not None and article_language(doc) not in ("", asked):
        yield Hit(
            None,
            None,
            message=f"The article is in '{article_language(doc)}', not in '{asked}'",
            fields={"lang": article_language(doc), "expected": asked},
        )
        return
    expected = asked or article_language(doc)
    if expected not in _COMMON:
        return
    scripted = (
        {
            doc.paragraph_index(s.segment.start)
            for s in strays(doc)
            if s.where != "passage" or s.segment.size >= _SCRIPTED_WORDS
        }
        if odd_text(doc).runs
        else set()
    )
    common = _COMMON[expected]
    for index, para in enumerate(doc.paragraphs):
        start, end = para.start, para.end
        if end - start < _PARAGRAPH_MIN_CHARS or index in scripted:
            continue
        words = (end - start) / 6
        if words < _PARAGRAPH_MIN_WORDS:
            continue
        # Stop counting as soon as the paragraph plainly is in the expected language.
        enough = words * _OWN_RATE
        hits = 0
        for w in common:
            hits += text.count(w, start, end)
            if hits >= enough:
                break
        if hits >= enough:
            continue
        lang, prob = detect(text[start:end])
        if not lang or lang == expected or prob < _PROBABILITY or lang not in _COMMON:
            continue
        hits, theirs = _rate(text, lang, start, end)
        if hits >= 3 and theirs >= _THEIR_RATE:
            yield Hit(start, end, fields={"lang": lang, "expected": expected, "probability": f"{prob:.2f}"})
