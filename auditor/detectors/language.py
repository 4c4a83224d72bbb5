"""Stray text in another script or language.

Scripts first, because they are exact and nearly free: the encoding module's one scan
already knows where a document leaves ASCII, and only those runs are split into script
chunks (``regex`` script properties).  A run of Arabic, Cyrillic, Chinese, Greek or
Hebrew letters that fills a line of an English article, or is glued to its end, is a
foreign line; a few words in another script inside a sentence (a name, a quoted
slogan) are not.

Languages second, and only where scripts cannot decide: a long paragraph in the
article's script with almost none of the article language's commonest words is given to
langdetect (``langdetect_rs`` when installed: the same results, far faster), and reported
when langdetect names another language and that language's common words are there.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from auditor.detectors.encoding import odd_text
from auditor.document import Document, per_document
from auditor.model import Hit
from auditor.registry import NoOptions, detector

# -- scripts ------------------------------------------------------------------------------

# Script segments: words of one script joined across spaces, digits and punctuation (never a
# line break or a letter of another script), found by one regex pass over the odd runs.
_GAP = r"(?:[^\S\r\n]|[\p{P}\p{S}\p{N}]){1,12}"
_SCRIPTS = (
    ("Arabic", r"[\p{Arabic}\p{Syriac}\p{Thaana}]"),
    ("Cyrillic", r"\p{Cyrillic}"),
    ("Greek", r"\p{Greek}"),
    ("Hebrew", r"\p{Hebrew}"),
    ("Chinese_or_Japanese", r"[\p{Han}\p{Hiragana}\p{Katakana}\u30fc]"),
    ("Korean", r"\p{Hangul}"),
    ("Devanagari", r"\p{Devanagari}"),
    ("Bengali", r"\p{Bengali}"),
    ("Tamil", r"\p{Tamil}"),
    ("Thai", r"\p{Thai}"),
    ("Armenian", r"\p{Armenian}"),
    ("Georgian", r"\p{Georgian}"),
    ("Amharic", r"\p{Ethiopic}"),
    ("other_script", r"[\p{L}--\p{Latin}--\p{Common}--\p{Inherited}]"),
)
_SEGMENT = regex.compile(
    "|".join(f"(?P<{name}>{c}+(?:{_GAP}{c}+)*)" for name, c in _SCRIPTS),
    regex.V1,
)
_NAMES = {"Chinese_or_Japanese": "Chinese or Japanese", "other_script": "another"}
_SPACELESS = frozenset({"Chinese_or_Japanese", "Thai"})
# Scripts whose letters double as Latin look-alikes inside a word ("Рutin").
_HOMOGLYPH_SCRIPTS = frozenset({"Cyrillic", "Greek", "Armenian"})
_LETTER = regex.compile(r"\p{L}")
_LATIN_LETTER = regex.compile(r"\p{Latin}")


@dataclass(frozen=True, slots=True)
class Segment:
    """Consecutive words of one non-Latin script, joined across spaces and punctuation."""

    start: int
    end: int
    script: str
    words: int
    letters: int

    @property
    def name(self) -> str:
        return _NAMES.get(self.script, self.script)

    @property
    def size(self) -> int:
        """Words, counting two characters of a script written without spaces as one."""
        return self.letters // 2 if self.script in _SPACELESS else self.words


_NON_LATIN_LETTER = regex.compile(r"[\p{L}--\p{Latin}--\p{Common}--\p{Inherited}]", regex.V1)
_FEW_RUNS = 16


@per_document
def segments(doc: Document) -> tuple[Segment, ...]:
    """The document's non-Latin script segments, in order."""
    odd = odd_text(doc)
    if not odd.runs or not odd.has(_NON_LATIN_LETTER):
        return ()
    text = doc.text
    runs = odd.runs
    if len(runs) > _FEW_RUNS:
        # Accented Latin names make many runs too: keep those with a letter of another script.
        runs = tuple(r for r in runs if _NON_LATIN_LETTER.search(text, r[0], r[1]))
    if len(runs) > _FEW_RUNS:
        # An article in another script has a run per word: one pass over their span.
        return tuple(_segment(text, m) for m in _SEGMENT.finditer(text, runs[0][0], runs[-1][1]))
    # A few runs (a line in an English article): words found inside the runs, then joined.
    out: list[Segment] = []
    for start, end in runs:
        for m in _SEGMENT.finditer(text, start, end):
            seg = _segment(text, m)
            last = out[-1] if out else None
            if last is not None and last.script == seg.script and _JOIN.fullmatch(text, last.end, seg.start):
                out[-1] = Segment(last.start, seg.end, seg.script, last.words + seg.words,
                                  last.letters + seg.letters)
            else:
                out.append(seg)
    return tuple(out)


_JOIN = regex.compile(_GAP, regex.V1)


def _segment(text: str, m: regex.Match[str]) -> Segment:
    start, end = m.span()
    spaces = text.count(" ", start, end)
    return Segment(start, end, m.lastgroup or "other_script", spaces + 1, end - start - spaces)


@per_document
def main_script(doc: Document) -> str:
    """``Latin`` unless another script holds more than half of the text's non-space characters."""
    totals: dict[str, int] = {}
    for seg in segments(doc):
        totals[seg.script] = totals.get(seg.script, 0) + seg.letters
    if not totals:
        return "Latin"
    script, count = max(totals.items(), key=lambda kv: kv[1])
    text = doc.text
    visible = len(text) - text.count(" ") - text.count("\n")
    return script if count * 2 > visible else "Latin"


_OPENERS = "\"“‘'«„(["
_CLOSERS = "\"”’'»“)]"
_STOPS = ".!?\"”’)»"
_DECOR = " \t\u00a0•·*-–—|:.,;!?\"'“”‘’«»()[]"


def _quoted(text: str, seg: Segment) -> bool:
    before = text[max(0, seg.start - 2):seg.start].strip()
    after = text[seg.end:seg.end + 2].strip()
    return bool(before) and before[-1] in _OPENERS and bool(after) and after[0] in _CLOSERS


@dataclass(frozen=True, slots=True)
class Stray:
    segment: Segment
    where: str  # "line", "glued" or "passage"


@per_document
def strays(doc: Document) -> tuple[Stray, ...]:
    """Segments in a script other than the article's that make a line, are glued to one, or run long."""
    main = main_script(doc)
    text = doc.text
    out = []
    for seg in segments(doc):
        if seg.script == main or seg.letters < 2:
            continue
        para = doc.paragraph_at(seg.start)
        if para is None:
            continue
        body_start, body_end = para.start, para.end
        while body_start < body_end and text[body_start] in _DECOR:
            body_start += 1
        while body_end > body_start and text[body_end - 1] in _DECOR:
            body_end -= 1
        rest = text[body_start:seg.start] + " " + text[seg.end:body_end]
        if not _LETTER.search(rest) or (seg.end - seg.start) * 10 >= (body_end - body_start) * 6:
            out.append(Stray(seg, "line"))
            continue
        at_end = not _LETTER.search(text[seg.end:body_end])
        at_start = not _LETTER.search(text[body_start:seg.start])
        glued = (at_end and _glued_after(text, seg.start)) or (at_start and _glued_before(text, seg.end))
        if glued and (seg.size >= 2 or seg.letters >= 6):
            out.append(Stray(seg, "glued"))
        elif seg.size >= 4 and not _quoted(text, seg):
            out.append(Stray(seg, "passage"))
    return tuple(out)


def _glued_after(text: str, start: int) -> bool:
    """The segment follows a finished sentence, or a word with no space between."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i > 0 and (text[i - 1] in _STOPS or (i == start and text[i - 1].isalpha()))


def _glued_before(text: str, end: int) -> bool:
    """The segment opens the paragraph and the article's text follows without a break."""
    i = end
    while i < len(text) and text[i] in " \t:|-–—":
        i += 1
    return i < len(text) and (text[i].isupper() or (i == end and text[i].isalpha()))


@dataclass(frozen=True)
class ForeignLanguage:
    """Options of ``language.foreign_language_paragraphs``."""

    expected: str = "auto"


@detector("language.foreign_script_line")
def foreign_script_line(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """A line, or a block glued to a line, in a script other than the article's."""
    if not odd_text(doc).runs:
        return
    main = main_script(doc)
    for stray in strays(doc):
        if stray.where == "passage":
            continue
        seg = stray.segment
        yield Hit(seg.start, seg.end, fields={"script": seg.name, "main": _NAMES.get(main, main),
                                              "where": "a line of its own" if stray.where == "line"
                                              else "glued to the article's text"})
    if main != "Latin":
        yield from _latin_lines(doc, main)


def _latin_lines(doc: Document, main: str) -> Iterator[Hit]:
    """Whole paragraphs of Latin script (five words or more) in an article in another script."""
    text = doc.text
    runs = odd_text(doc).runs
    starts = [s for s, _ in runs]
    for para in doc.paragraphs:
        i = bisect.bisect_left(starts, para.start)
        inside = i < len(runs) and runs[i][0] < para.end
        before = i > 0 and runs[i - 1][1] > para.start
        if inside or before:
            continue
        chunk = text[para.start:para.end]
        if len(_LATIN_WORD.findall(chunk)) >= 5:
            yield Hit(para.start, para.end, fields={"script": "Latin", "main": _NAMES.get(main, main),
                                                    "where": "a line of its own"})


_LATIN_WORD = regex.compile(r"\p{Latin}{2,}")


@detector("language.foreign_script_passage")
def foreign_script_passage(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """Four or more words in another script inside a sentence, not in quotes: worth a look."""
    if not odd_text(doc).runs:
        return
    for stray in strays(doc):
        if stray.where == "passage":
            seg = stray.segment
            yield Hit(seg.start, seg.end, fields={"script": seg.name, "words": str(seg.size)})


# -- mixed-script words ---------------------------------------------------------------------

_TO_LATIN = dict(zip(
    "АВЕЗІЈКМНОРСТУХЅӀаеіјорсуххѕԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοναικυχρ",
    "ABE3IJKMHOPCTYXSIaeijopcyxxsdqwABEZHIKMNOPTYXovaikuxp",
    strict=True,
))
_TO_CYRILLIC = {v: k for k, v in _TO_LATIN.items() if "\u0400" <= k <= "\u04ff"}


@detector("language.mixed_script_words")
def mixed_script_words(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """Words that mix Latin letters with Cyrillic or Greek look-alikes ("Рutin", "SENSЕ")."""
    if not odd_text(doc).runs:
        return
    text = doc.text
    main = main_script(doc)
    done = -1
    for seg in segments(doc):
        if seg.script not in _HOMOGLYPH_SCRIPTS:
            continue
        # A Latin letter touching either end of the segment makes a mixed word there.
        for touch in (seg.start, seg.end):
            if not (0 < touch < len(text)) or not text[touch - 1].isalpha() or not text[touch].isalpha():
                continue
            if not (_LATIN_LETTER.match(text[touch - 1]) or _LATIN_LETTER.match(text[touch])):
                continue
            s, e = touch, touch
            while s > 0 and text[s - 1].isalpha():
                s -= 1
            while e < len(text) and text[e].isalpha():
                e += 1
            if s < done:
                continue
            done = e
            word = text[s:e]
            table = _TO_LATIN if main == "Latin" else _TO_CYRILLIC
            fixed = "".join(table.get(c, c) for c in word)
            clean = not _mixed(fixed)
            yield Hit(s, e, suggestion=fixed if clean else "retype the word in one script",
                      fields={"script": _NAMES.get(seg.script, seg.script)})


def _mixed(word: str) -> bool:
    latin = _LATIN_LETTER.search(word) is not None
    other = any(regex.match(r"[\p{Cyrillic}\p{Greek}\p{Armenian}]", c) for c in word)
    return latin and other


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
    sample = " ".join(doc.text[p.start:p.end] for p in sorted(doc.paragraphs, key=len, reverse=True)[:4])
    lang, _ = detect(sample[:2000])
    return lang


def _expected(doc: Document, options: ForeignLanguage) -> str:
    value = str(options.expected or "auto").lower()
    return article_language(doc) if value == "auto" else value


@detector("language.foreign_language_paragraphs", options=ForeignLanguage)
def foreign_language_paragraphs(doc: Document, options: ForeignLanguage) -> Iterator[Hit]:
    """Long paragraphs in another language than the article's (or ``options.expected``)."""
    text = doc.text
    expected = _expected(doc, options)
    if options.expected not in (None, "auto") and article_language(doc) not in ("", expected):
        yield Hit(None, None, message=f"The article is in '{article_language(doc)}', not in '{expected}'",
                  fields={"lang": article_language(doc), "expected": expected})
        return
    if expected not in _COMMON:
        return
    scripted = {doc.paragraph_index(s.segment.start) for s in strays(doc)} if odd_text(doc).runs else set()
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
            yield Hit(start, end, fields={"lang": lang, "expected": expected,
                                          "probability": f"{prob:.2f}"})
