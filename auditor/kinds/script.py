"""``script``: letters of a writing system the article is not written in.

Options (top-level keys of the rule):

- ``allowed``: the scripts an article may use (``Latin``, ``Arabic``, ``Cyrillic``,
  ``Greek``, ``Hebrew``, ``Chinese_or_Japanese``, ``Korean``, ``Devanagari``,
  ``Bengali``, ``Tamil``, ``Thai``, ``Armenian``, ``Georgian``, ``Amharic``,
  ``other_script``), or ``auto`` (the default): the article's main script, the one
  holding more than half of its letters (Latin otherwise).
- ``scope``: what is reported.
  ``line``: a run of another script that fills a line (60 % of it or more), or is glued
  to the end or the start of one ("... remote.关于我们"); in an article in another script,
  also a line of five Latin words or more.
  ``passage``: ``min_words`` words or more of another script inside a sentence, not in
  quotes (a name or a quoted slogan is not reported).
  ``word``: a word mixing Latin letters with Cyrillic, Greek or Armenian look-alikes
  ("Рutin", "NАТО"); ``homoglyphs`` names the table mapping look-alikes to Latin letters.
- ``edit``: ``delete-line`` (scope line: the line with its break, or only a glued run),
  ``replace`` (scope word: the word written in one script, when the table maps every
  look-alike), or ``none``.  A line deletion whose line also holds other letters, and a
  word that maps onto either script, get an unsafe edit.

Scripts are exact and nearly free: the encoding module's one scan already knows where a
document leaves ASCII, and only those runs are split into script segments (words of one
script joined across spaces, digits and punctuation, never across a line break or a
letter of another script).  Every scope is linear in the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

import regex

from auditor.detectors.boilerplate import line_deletion
from auditor.detectors.encoding import odd_text
from auditor.document import Document, per_document
from auditor.model import Edit, Hit
from auditor.registry import detector
from auditor.tables import Table, table

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
SCRIPTS = frozenset({"Latin", *(name for name, _ in _SCRIPTS)})
_SEGMENT = regex.compile("|".join(f"(?P<{name}>{c}+(?:{_GAP}{c}+)*)" for name, c in _SCRIPTS), regex.V1)
_NAMES = {"Chinese_or_Japanese": "Chinese or Japanese", "other_script": "another"}
_SPACELESS = frozenset({"Chinese_or_Japanese", "Thai"})
_HOMOGLYPH_SCRIPTS = frozenset({"Cyrillic", "Greek", "Armenian"})
_LETTER = regex.compile(r"\p{L}")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_NON_LATIN_LETTER = regex.compile(r"[\p{L}--\p{Latin}--\p{Common}--\p{Inherited}]", regex.V1)
_FEW_RUNS = 16


def script_name(script: str) -> str:
    return _NAMES.get(script, script)


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
        return script_name(self.script)

    @property
    def size(self) -> int:
        """Words, counting two characters of a script written without spaces as one."""
        return self.letters // 2 if self.script in _SPACELESS else self.words


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
    out: list[Segment] = []
    for start, end in runs:
        for m in _SEGMENT.finditer(text, start, end):
            seg = _segment(text, m)
            last = out[-1] if out else None
            if last is not None and last.script == seg.script and _JOIN.fullmatch(text, last.end, seg.start):
                out[-1] = Segment(last.start, seg.end, seg.script, last.words + seg.words, last.letters + seg.letters)
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
_STOPS = '.!?"”’)»'
_DECOR = " \t\u00a0•·*-–—|:.,;!?\"'“”‘’«»()[]"


def _quoted(text: str, seg: Segment) -> bool:
    before = text[max(0, seg.start - 2) : seg.start].strip()
    after = text[seg.end : seg.end + 2].strip()
    return bool(before) and before[-1] in _OPENERS and bool(after) and after[0] in _CLOSERS


@dataclass(frozen=True, slots=True)
class Stray:
    segment: Segment
    where: str  # "line", "glued" or "passage"
    alone: bool = False
    """The line holds no other letters (deleting it removes nothing of the article)."""


def allowed_scripts(doc: Document, allowed: tuple[str, ...] = ("auto",)) -> frozenset[str]:
    return frozenset(main_script(doc) if a == "auto" else a for a in allowed)


def strays(doc: Document, allowed: frozenset[str] | None = None) -> tuple[Stray, ...]:
    """Segments in a script not allowed (default: the article's main script) that make a line,
    are glued to one, or run long; once per document and set of scripts."""
    allowed = allowed_scripts(doc) if allowed is None else allowed
    memo: dict[frozenset[str], tuple[Stray, ...]] = doc.__dict__.setdefault("_memo", {}).setdefault("script.strays", {})
    if allowed not in memo:
        memo[allowed] = _strays(doc, allowed)
    return memo[allowed]


def _strays(doc: Document, allowed: frozenset[str]) -> tuple[Stray, ...]:
    text = doc.text
    out = []
    for seg in segments(doc):
        if seg.script in allowed or seg.letters < 2:
            continue
        para = doc.paragraph_at(seg.start)
        if para is None:
            continue
        body_start, body_end = para.start, para.end
        while body_start < body_end and text[body_start] in _DECOR:
            body_start += 1
        while body_end > body_start and text[body_end - 1] in _DECOR:
            body_end -= 1
        alone = not _LETTER.search(text, body_start, seg.start) and not _LETTER.search(text, seg.end, body_end)
        if alone or (seg.end - seg.start) * 10 >= (body_end - body_start) * 6:
            out.append(Stray(seg, "line", alone))
            continue
        at_end = not _LETTER.search(text, seg.end, body_end)
        at_start = not _LETTER.search(text, body_start, seg.start)
        glued = (at_end and _glued_after(text, seg.start)) or (at_start and _glued_before(text, seg.end))
        if glued and (seg.size >= 2 or seg.letters >= 6):
            out.append(Stray(seg, "glued"))
        elif not _quoted(text, seg):
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


# -- the kind ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Script:
    allowed: tuple[str, ...] = ("auto",)
    scope: Literal["line", "passage", "word"] = "line"
    min_words: int = 4
    edit: Literal["none", "delete-line", "replace"] = "none"
    homoglyphs: Table = table("language/homoglyphs")  # noqa: RUF009 - a table reference, replaced at load
    to_latin: Mapping[str, str] = field(init=False, repr=False, compare=False)
    from_latin: Mapping[str, Mapping[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = [a for a in self.allowed if a != "auto" and a not in SCRIPTS]
        if unknown or not self.allowed:
            raise ValueError(f"allowed: unknown script(s) {', '.join(unknown)} (auto or {', '.join(sorted(SCRIPTS))})")
        wanted = {"line": "delete-line", "word": "replace", "passage": "none"}[self.scope]
        if self.edit not in ("none", wanted):
            raise ValueError(f"scope {self.scope} takes edit: {wanted} or none")
        if self.min_words < 1:
            raise ValueError("min_words is at least 1")
        to_latin: dict[str, str] = {}
        candidates: dict[str, dict[str, set[str]]] = {}
        for row in self.homoglyphs.rows:
            letter, latin = str(row.get("letter") or ""), str(row.get("latin") or "")
            if len(letter) != 1 or len(latin) != 1 or not _LATIN_LETTER.match(latin) or _LATIN_LETTER.match(letter):
                raise ValueError(
                    f"table {self.homoglyphs.name}: each row maps one letter of another script "
                    f"to one Latin letter, not {letter!r} -> {latin!r}"
                )
            to_latin[letter] = latin
            candidates.setdefault(_script_of(letter), {}).setdefault(latin, set()).add(letter)
        # Latin -> other script only where the Latin letter has one look-alike there.
        from_latin = {s: {lat: next(iter(ls)) for lat, ls in m.items() if len(ls) == 1} for s, m in candidates.items()}
        object.__setattr__(self, "to_latin", to_latin)
        object.__setattr__(self, "from_latin", from_latin)


def _script_of(letter: str) -> str:
    for name, pattern in _SCRIPTS:
        if regex.match(pattern, letter, regex.V1):
            return name
    return "Latin"


@detector("script", options=Script)
def script(doc: Document, o: Script) -> Iterator[Hit]:
    """Text in a script the article may not use: lines, passages or mixed words (``scope``)."""
    if not odd_text(doc).runs and (o.scope != "line" or "Latin" in allowed_scripts(doc, o.allowed)):
        return
    if o.scope == "word":
        yield from _mixed_words(doc, o)
        return
    allowed = allowed_scripts(doc, o.allowed)
    main = script_name(main_script(doc))
    for stray in strays(doc, allowed):
        seg = stray.segment
        if o.scope == "passage":
            if stray.where == "passage" and seg.size >= o.min_words:
                yield Hit(seg.start, seg.end, fields={"script": seg.name, "words": str(seg.size)})
            continue
        if stray.where == "passage":
            continue
        edits: tuple[Edit, ...] = ()
        if o.edit != "none":
            edits = (_stray_deletion(doc, stray),)
        yield Hit(
            seg.start,
            seg.end,
            edits=edits,
            applicability=None if stray.where == "glued" or stray.alone else "unsafe",
            fields={
                "script": seg.name,
                "main": main,
                "where": "a line of its own" if stray.where == "line" else "glued to the article's text",
            },
        )
    if o.scope == "line" and "Latin" not in allowed:
        yield from _latin_lines(doc, main, o.edit != "none")


def _stray_deletion(doc: Document, stray: Stray) -> Edit:
    text = doc.text
    seg = stray.segment
    index = doc.paragraph_index(seg.start)
    assert index is not None
    if stray.where == "line":
        return line_deletion(doc, index)
    para = doc.paragraphs[index]
    if not _LETTER.search(text, seg.end, para.end):  # glued to the end of the line: "... remote.关于我们"
        start = seg.start
        while start > para.start and text[start - 1] in " \t":
            start -= 1
        return Edit(start, para.end, "")
    end = seg.end  # glued to its start, the article's text after it
    while end < para.end and text[end] in " \t:|-–—":
        end += 1
    return Edit(para.start, end, "")


def _latin_lines(doc: Document, main: str, edit: bool) -> Iterator[Hit]:
    """Whole paragraphs of Latin script (five words or more) in an article in another script."""
    text = doc.text
    runs = odd_text(doc).runs
    starts = [s for s, _ in runs]
    for index, para in enumerate(doc.paragraphs):
        i = bisect.bisect_left(starts, para.start)
        inside = i < len(runs) and runs[i][0] < para.end
        before = i > 0 and runs[i - 1][1] > para.start
        if inside or before:
            continue
        if len(_LATIN_WORD.findall(text, para.start, para.end)) >= 5:
            yield Hit(
                para.start,
                para.end,
                edits=(line_deletion(doc, index),) if edit else (),
                fields={"script": "Latin", "main": main, "where": "a line of its own"},
            )


_LATIN_WORD = regex.compile(r"\p{Latin}{2,}")


def _mixed_words(doc: Document, o: Script) -> Iterator[Hit]:
    """Words mixing Latin letters with look-alikes; each word is looked at once (linear time)."""
    text = doc.text
    main = main_script(doc)
    done = -1
    for seg in segments(doc):
        if seg.script not in _HOMOGLYPH_SCRIPTS:
            continue
        # A Latin letter touching either end of the segment makes a mixed word there.
        for touch in (seg.start, seg.end):
            if touch < done or not (0 < touch < len(text)):
                continue
            if not text[touch - 1].isalpha() or not text[touch].isalpha():
                continue
            if not (_LATIN_LETTER.match(text[touch - 1]) or _LATIN_LETTER.match(text[touch])):
                continue
            s, e = touch, touch
            while s > done and s > 0 and text[s - 1].isalpha():
                s -= 1
            while e < len(text) and text[e].isalpha():
                e += 1
            done = e
            yield _mixed_hit(text, s, e, seg.script, main, o)


def _mixed_hit(text: str, s: int, e: int, other: str, main: str, o: Script) -> Hit:
    word = text[s:e]
    latin = "".join(o.to_latin.get(c, c) for c in word)
    latin_ok = not _NON_LATIN_LETTER.search(latin)
    table = o.from_latin.get(other, {})
    native = "".join(table.get(c, c) for c in word)
    native_ok = not _LATIN_LETTER.search(native)
    first = (latin, latin_ok) if main == "Latin" else (native, native_ok)
    second = (native, native_ok) if main == "Latin" else (latin, latin_ok)
    fields = {"script": script_name(other)}
    chosen, ok = first if first[1] else second
    if not ok:
        return Hit(s, e, suggestion="retype the word in one script", fields=fields)
    edits = tuple(Edit(s + i, s + i + 1, b) for i, (a, b) in enumerate(zip(word, chosen, strict=True)) if a != b)
    # Unambiguous: the word maps onto one script only.  Both ways (every letter a look-alike): unsafe.
    unsafe = first[1] and second[1]
    return Hit(
        s,
        e,
        suggestion=chosen,
        fields=fields,
        edits=edits if o.edit == "replace" else (),
        applicability="unsafe" if unsafe else None,
    )
