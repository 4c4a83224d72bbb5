"""Encoding glitches: mojibake, lost and hidden characters, control codes, HTML entities.

Every detector here starts from one cheap scan of the document for *odd* characters
(anything but printable ASCII, tab, line breaks, curly quotes, dashes and the ellipsis),
shared through a small per-document cache.  Clean ASCII text therefore costs one
``str.isascii`` call, and ordinary English with typographic quotes one ``re`` scan.
The expensive tool, ftfy, runs only on short windows around character pairs that
look like UTF-8 bytes decoded in a single-byte code page.

Every detector is linear in the text: windows are capped at ``_MAX_WINDOW``
characters, so ftfy and the sequence matcher only ever see bounded spans, and a
token is widened at most ``_MAX_WIDEN`` characters each side (issue 11).

The repairs are structured edits: mojibake, invisible characters, HTML escapes
and control characters with a known Windows-1252 meaning are replaced
mechanically (safe); a character lost to U+FFFD or "?" gets no edit unless what
was lost is certain.
"""

from __future__ import annotations

import bisect
import difflib
import html
import html.entities
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from auditor.document import Document, per_document
from auditor.model import UNSAFE, Edit, Hit, Severity
from auditor.registry import NoOptions, detector

#: How far a damaged character's token is widened each side, at most (a 100 KB "word" is no word).
_MAX_WIDEN = 64

# -- the shared scan ---------------------------------------------------------------

# Printable ASCII, tab, CR, LF and the typographic punctuation every English article uses.
_ODD_CHAR = "[^\t\n\r\x20-\x7e\u2018\u2019\u201c\u201d\u2013\u2014\u2026]"
_ODD_OR_SPACE = "[^\t\n\r!-~\u2018\u2019\u201c\u201d\u2013\u2014\u2026]"
# Runs of odd characters, joined across spaces so that a line in another script is one run,
# not one per word.  (Written this way, ``re`` scans plain text about three times faster
# than with ``X+(?: +X+)*``.)
_ODD = re.compile(f"{_ODD_CHAR}(?:{_ODD_OR_SPACE}*{_ODD_CHAR})?")


@dataclass(frozen=True, slots=True)
class OddText:
    """Where a document leaves plain ASCII and common typography."""

    runs: tuple[tuple[int, int], ...]
    joined: str
    """The runs' text, concatenated: what presence checks search (a few characters in English)."""
    offsets: tuple[int, ...] = ()
    """Where each run starts in ``joined``."""

    def position(self, index: int) -> int:
        """The document offset of ``joined[index]``."""
        run = bisect.bisect_right(self.offsets, index) - 1
        return self.runs[run][0] + index - self.offsets[run]

    def has(self, pattern: re.Pattern[str] | regex.Pattern[str]) -> bool:
        return pattern.search(self.joined) is not None


_NONE = OddText((), "")


@per_document
def odd_text(doc: Document) -> OddText:
    """The runs of odd characters in ``doc`` (none for plain ASCII text).

    Odd is anything but printable ASCII, tab, line breaks, curly quotes, en and em
    dashes and the ellipsis.  One ``re`` scan; every encoding and script check starts here.
    """
    text = doc.text
    runs = tuple(m.span() for m in _ODD.finditer(text))
    if not runs:
        return _NONE
    offsets = []
    total = 0
    for s, e in runs:
        offsets.append(total)
        total += e - s
    return OddText(runs, "".join(text[s:e] for s, e in runs), tuple(offsets))


def _in_runs(doc: Document, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` inside the odd runs, in order."""
    text = doc.text
    for start, end in odd_text(doc).runs:
        yield from pattern.finditer(text, start, end)


def _word_around(text: str, start: int, end: int, limit: int = _MAX_WIDEN) -> tuple[int, int]:
    """Widen ``[start, end)`` to the white-space delimited token around it, at most ``limit`` each side."""
    floor, ceiling = max(0, start - limit), min(len(text), end + limit)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end


def _trim_punct(text: str, start: int, end: int, keep: str = "") -> tuple[int, int]:
    """Drop sentence punctuation and quotes around a token, unless they are in ``keep``."""
    edge = "\"'“”‘’«»()[]{}.,;:!?"
    while start < end and text[start] in edge and text[start] not in keep:
        start += 1
    while end > start and text[end - 1] in edge and text[end - 1] not in keep:
        end -= 1
    return start, end


# -- mojibake ------------------------------------------------------------------------

# Code pages that UTF-8 bytes are commonly mis-read in.  A multi-byte UTF-8 sequence is a
# lead byte C2-F4 and continuation bytes 80-BF; read in one of these code pages, it turns
# into a "lead" character followed by a "continuation" character.  That pair is the cheap
# signature that sends a window to ftfy.
_LATIN_PAGES = ("cp1252", "latin-1", "cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_15")
_CODE_PAGES = (*_LATIN_PAGES, "cp1251", "cp1253", "mac_roman", "cp437")


def _decoded(encoding: str, first: int, last: int) -> set[str]:
    out = set()
    for b in range(first, last + 1):
        try:
            out.add(bytes([b]).decode(encoding))
        except UnicodeDecodeError:
            continue
    return out


# In the Cyrillic and Greek code pages every letter is some lead byte: only the leads of the
# sequences that really occur count (Cyrillic D0-D3, Greek CE-CF, punctuation E2), so that
# correct Russian or Greek text does not match at every letter.  MacRoman's leads include
# the curly quotes and dashes of ordinary English: those are left out too.
_LEAD = (
    frozenset().union(*(_decoded(e, 0xC2, 0xF4) for e in _LATIN_PAGES))
    | {bytes([b]).decode("cp1251") for b in (0xC2, 0xC3, 0xD0, 0xD1, 0xD2, 0xD3, 0xE2)}
    | {bytes([b]).decode("cp1253") for b in (0xCE, 0xCF, 0xE2)}
    | (_decoded("mac_roman", 0xC2, 0xF4) - set("‘’“”–—…\xa0"))
    | _decoded("cp437", 0xC2, 0xF4)
) - {"\xa0", " "}
_CONT = frozenset().union(*(_decoded(e, 0x80, 0xBF) for e in _CODE_PAGES))
_C1 = frozenset(chr(c) for c in range(0x80, 0xA0))
_SIGNATURE = re.compile("[" + re.escape("".join(sorted(_LEAD))) + "](?=[" + re.escape("".join(sorted(_CONT))) + "])")
_WINDOW = 48
#: The longest span one ftfy call and one sequence matching see: windows merge up to this size.
_MAX_WINDOW = 240


@dataclass(frozen=True, slots=True)
class Repair:
    """A damaged span of the document and ftfy's repair of it."""

    start: int
    end: int
    fixed: str
    how: str
    repairable: bool = True
    """False for mojibake no code page undoes (lower-cased or cut sequences): reported, no edit."""


#: Sequences only mojibake writes, repairable or not: "â€" (the lead of every curly quote and dash
#: read as Windows-1252) before a continuation character, "â‚¬" (the euro sign), and their
#: lower-cased double encodings ("ã¢â‚¬"). No language writes â before € or ‚.
_HOPELESS = re.compile("â€[" + re.escape("".join(sorted(_CONT))) + "]|â‚¬")
#: An all-capitals word with "Â" and a no-break space inside ("MISUTÂ AJIKKO"): in capitals Â is
#: a letter (ÂGE, CÂMARA), so the pair is no proof of a mis-read no-break space.
_CAPITALS_NBSP = re.compile("[A-ZÀ-Þ]Â\xa0[A-ZÀ-Þ]")


_COMMON_CONT = frozenset("‘’“”–—…") & _CONT
# Leads of the two-byte sequences whose second byte can read as a curly quote or dash
# (Latin-1 and Latin Extended-A letters, Cyrillic, Greek, Hebrew, Arabic) and of the
# three-byte punctuation sequences.
_PUNCTUATION_LEADS = re.compile("[ÂÃÄÅĂĹÐÑ×ØÙÎÏâРСΞΟ]")


def _signatures(doc: Document) -> list[int]:
    """Offsets where a lead character is followed by a continuation character.

    The pairs are searched in the concatenated odd runs (a few characters in an English or
    French article), then checked against the text; a lead that ends a run is checked
    against the character after it (a curly quote or dash: "Ã–" for "Ö", "voilÃ le").
    """
    odd = odd_text(doc)
    if not odd.runs:
        return []
    text = doc.text
    out = set()
    for m in _SIGNATURE.finditer(odd.joined):
        pos = odd.position(m.start())
        if pos + 1 < len(text) and text[pos + 1] in _CONT:
            out.add(pos)
    if _PUNCTUATION_LEADS.search(odd.joined):
        for _start, end in odd.runs:
            if (
                end < len(text)
                and text[end - 1] in _LEAD
                and (text[end] in _COMMON_CONT or (text[end] == " " and text[end - 1] in "ÃÂ"))
            ):
                out.add(end - 1)
    return sorted(out)


def _windows(doc: Document, positions: list[int]) -> list[tuple[int, int]]:
    """Windows of about ``_WINDOW`` characters each side, cut at white space, within a line.

    Overlapping windows merge while the merged one stays within ``_MAX_WINDOW``
    characters; past that the next window starts where the last one ended, so a
    line of mojibake is repaired in bounded pieces instead of one quadratic whole.
    """
    text = doc.text
    out: list[tuple[int, int]] = []
    for pos in positions:
        if out and pos < out[-1][1]:
            continue  # already inside a window (which reaches the end of its token)
        line = doc.lines[doc.line_index(pos)]
        start = max(line.start, pos - _WINDOW)
        end = min(line.end, pos + _WINDOW)
        floor, ceiling = max(line.start, start - _MAX_WIDEN), min(line.end, end + _MAX_WIDEN)
        while start > floor and not text[start - 1].isspace():
            start -= 1
        while end < ceiling and not text[end].isspace():
            end += 1
        if out and start <= out[-1][1]:
            if end - out[-1][0] <= _MAX_WINDOW:
                out[-1] = (out[-1][0], end)
                continue
            start = out[-1][1]
        out.append((start, end))
    return out


def _describe(plan: list[tuple[str, str]]) -> str:
    encodings = [name for step, name in plan if step == "encode"]
    if not encodings:
        return "characters decoded in the wrong code page"
    pages = ", then ".join(e.replace("sloppy-", "") for e in encodings)
    return f"UTF-8 bytes read as {pages}"


@cache
def _ftfy() -> tuple[Any, Any]:
    """ftfy and its configuration: encoding repair only, curly quotes kept as they are.

    Imported on the first window that needs it (0.1 s of start-up a clean run never pays).
    """
    import ftfy

    return ftfy, ftfy.TextFixerConfig(uncurl_quotes=False)


@per_document
def repairs(doc: Document) -> tuple[Repair, ...]:
    """Every span ftfy's encoding repair changes, widened to whole tokens.

    Spans whose only change is a C1 control character turned into its Windows-1252
    punctuation are left to the control-character rule.
    """
    positions = _signatures(doc)
    if not positions:
        return ()
    text = doc.text
    out: list[Repair] = []
    ftfy, config = _ftfy()
    for start, end in _windows(doc, positions):
        window = text[start:end]
        # "â€" then U+FFFD: the closing quote ” (E2 80 9D), whose last byte Windows-1252 lacks.
        readable = window.replace("â€\ufffd", "â€\x9d") if "\ufffd" in window else window
        fixed, plan = ftfy.fix_encoding_and_explain(readable, config)
        if fixed == window:
            inside = [p - start for p in positions if start <= p < end]
            found = _by_code_page(window, inside)
            for s, e, f, how in found:
                if not (out and start + s < out[-1].end):
                    out.append(Repair(start + s, start + e, f, how))
            if not found:
                for s, e in _hopeless(window, inside):
                    if not (out and start + s < out[-1].end):
                        out.append(Repair(start + s, start + e, "", "no code page undoes it", repairable=False))
            continue
        how = _describe([(step.action, step.parameter) for step in plan or []])
        for s, e, f in _token_diffs(window, fixed):
            if _only_c1_changed(window[s:e], f) or _CAPITALS_NBSP.search(window, s, min(len(window), e + 2)):
                continue
            if out and start + s < out[-1].end:
                continue
            out.append(Repair(start + s, start + e, f, how))
    return tuple(out)


#: Code pages ftfy's heuristics sometimes leave alone, each with the mark its mojibake of a
#: Western European letter always carries: a Cyrillic letter (Windows-1251 reads the lead
#: bytes C2/C3 as "В"/"Г"), "√" (Mac Roman's C3), "├" or "┬" (code page 437's C3 and C2).
_FALLBACK_PAGES = (
    ("cp1251", "Windows-1251", re.compile("[\u0400-\u04ff]")),
    ("mac_roman", "Mac Roman", re.compile("√")),
    ("cp437", "code page 437", re.compile("[├┬]")),
)
_ASCII_LETTER = re.compile("[A-Za-z]")
_WESTERN = re.compile("[^\x00-\x7f\u00a0-\u00ff]")


def _hopeless(window: str, signatures: list[int]) -> list[tuple[int, int]]:
    """Tokens of ``window`` holding a sequence only mojibake writes (``_HOPELESS``) that neither ftfy
    nor a code page repairs: a lower-cased triple encoding ("ã†â€™ãƒâ€"), bytes lost in between."""
    out: list[tuple[int, int]] = []
    done = -1
    for pos in signatures:
        if pos < done:
            continue
        s, e = _trim_punct(window, *_word_around(window, pos, pos))
        done = e
        if _HOPELESS.search(window, s, e):
            out.append((s, e))
    return out


def _by_code_page(window: str, signatures: list[int]) -> list[tuple[int, int, str, str]]:
    """Tokens of ``window`` holding a signature that decode as UTF-8 from one code page.

    ftfy's heuristics leave a few real cases alone: a Latin word read as Windows-1251
    ("mГ©dicament"), as Mac Roman ("pi√π"), as code page 437 ("┬┐que").  A token is repaired
    here only when it holds a Latin letter and its code page's mark (so no word of a Cyrillic
    text is touched), re-encodes in that code page to strict UTF-8, and comes out shorter
    and in Western European letters only (so "NESTLÉ®" or "├┤a┼┐a" stay as they are).
    """
    out: list[tuple[int, int, str, str]] = []
    done = -1
    for pos in signatures:
        if pos < done:
            continue
        s, e = _word_around(window, pos, pos)
        # Windows-1251 reads à's second byte (A0) as a no-break space: "dГ©jГ\xa0" is "déjà"
        while e < len(window) and window[e] == "\xa0" and window[e - 1] in "ВГ":
            e = _word_around(window, e + 1, e + 1)[1]
        done = e
        s, e = _trim_punct(window, s, e)
        token = window[s:e]
        if not _ASCII_LETTER.search(token):
            continue
        for page, name, mark in _FALLBACK_PAGES:
            if not mark.search(token):
                continue
            try:
                repaired = token.encode(page).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if len(repaired) < len(token) and not _WESTERN.search(repaired):
                out.append((s, e, repaired, f"UTF-8 bytes read as {name}"))
                break
    return out


def _only_c1_changed(original: str, fixed: str) -> bool:
    if len(original) != len(fixed):
        return False
    return all(a == b or a in _C1 for a, b in zip(original, fixed, strict=True))


_TOKEN = re.compile(r"\S+")


def _token_diffs(original: str, fixed: str) -> list[tuple[int, int, str]]:
    """Spans of ``original`` (whole tokens) that differ from ``fixed``, with their repair.

    When the repair kept the white space (the usual case) the tokens pair up one to one
    and each pair is compared by its common prefix and suffix: linear.  Otherwise a
    sequence matcher aligns the two (on a window of bounded size).
    """
    old_tokens = [m.span() for m in _TOKEN.finditer(original)]
    new_tokens = [m.span() for m in _TOKEN.finditer(fixed)]
    if len(old_tokens) != len(new_tokens) or _TOKEN.sub("", original) != _TOKEN.sub("", fixed):
        return _aligned_diffs(original, fixed)
    out = []
    for (s, e), (fs, fe) in zip(old_tokens, new_tokens, strict=True):
        a, b = original[s:e], fixed[fs:fe]
        if a == b:
            continue
        prefix = _common_prefix(a, b)
        suffix = _common_prefix(a[prefix:][::-1], b[prefix:][::-1])
        first, last = s + prefix, e - suffix
        s2, e2 = _trim_punct(original, s, e)
        s2, e2 = min(s2, first), max(e2, last)
        out.append((s2, e2, b[s2 - s : len(b) - (e - e2)].strip()))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _aligned_diffs(original: str, fixed: str) -> list[tuple[int, int, str]]:
    """``_token_diffs`` by a sequence matcher, for repairs that change white space."""
    matcher = difflib.SequenceMatcher(None, original, fixed, autojunk=False)
    opcodes = matcher.get_opcodes()
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in opcodes if tag == "equal"]

    def to_fixed(pos: int, default: int) -> int:
        for i1, i2, j1 in equal:
            if i1 <= pos <= i2:
                return j1 + pos - i1
        return default

    groups: list[list[int]] = []  # [start, end, fixed start, fixed end, first change, last change]
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        s, e = _word_around(original, i1, max(i2, i1))
        fs, fe = to_fixed(s, j1), to_fixed(e, j2)
        if groups and s <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], e)
            groups[-1][3] = max(groups[-1][3], fe)
            groups[-1][5] = max(groups[-1][5], i2)
        else:
            groups.append([s, e, fs, fe, i1, i2])
    out = []
    for s, e, fs, fe, first, last in groups:
        # Quotes and stops around the token go, unless they are part of the damage.
        s2, e2 = _trim_punct(original, s, e)
        s2, e2 = min(s2, first), max(e2, last)
        repaired = fixed[fs + (s2 - s) : fe - (e - e2)]
        out.append((s2, e2, repaired.strip()))
    return out


@detector("encoding.mojibake")
def mojibake(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """Text decoded in the wrong code page ("donâ€™t"), located and repaired with ftfy."""
    for r in repairs(doc):
        if not r.repairable:
            advice = "restore the text from the source"
            fields = {"fixed": advice, "how": r.how, "repair": f": {advice}"}
            yield Hit(r.start, r.end, suggestion=advice, fields=fields)
            continue
        shown = r.fixed or "delete it"
        yield Hit(
            r.start,
            r.end,
            suggestion=shown,
            fields={"fixed": shown, "how": r.how, "repair": f"; it should read '{shown}'"},
            edits=(Edit(r.start, r.end, r.fixed),),
        )


# -- control and invisible characters --------------------------------------------------
# (EN103, U+FFFD, is a pattern: an ``existence`` rule in rules/encoding.yaml.)


def _cp1252(char: str) -> str | None:
    try:
        return bytes([ord(char)]).decode("cp1252")
    except (UnicodeDecodeError, ValueError):
        return None


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A terminal escape sequence (CSI "ESC [ ... m", OSC "ESC ] ... BEL"): removed as a whole.
_ESCAPE_SEQUENCE = re.compile("\x1b(?:\\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\\\))?")
#: Line-like separators: replaced by a line break rather than deleted, so no two lines are joined.
_BREAKS = frozenset("\x0b\x0c")
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\x1a": "SUBSTITUTE",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


@detector("encoding.control_characters")
def control_characters(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """C0 control codes (other than tab and line breaks), DELETE, and C1 control codes.

    A C1 code (U+0080-U+009F) is almost always a Windows-1252 punctuation byte read as
    Latin-1: the suggestion is that punctuation.  C1 codes inside a mojibake sequence
    are left to the mojibake rule.
    """
    if not odd_text(doc).has(_CONTROL_RE):
        return
    text = doc.text
    done = -1
    for m in _in_runs(doc, _CONTROL_RE):
        pos, char = m.start(), m.group()
        if pos < done:
            continue
        code = ord(char)
        if char in _C1 and in_repair(doc, pos):
            continue
        if char in _C1:
            right = _cp1252(char)
            name = f"U+{code:04X}"
            if right is not None:  # its Windows-1252 meaning is certain: a safe edit
                yield Hit(
                    pos,
                    pos + 1,
                    suggestion=right,
                    fields={"name": f"{name} (a Windows-1252 '{right}' read as Latin-1)"},
                    edits=(Edit(pos, pos + 1, right),),
                )
            else:  # a byte Windows-1252 leaves undefined: what it stood for is unknown
                yield Hit(
                    pos,
                    pos + 1,
                    suggestion="delete it",
                    fields={"name": name},
                    edits=(Edit(pos, pos + 1, ""),),
                    applicability=UNSAFE,
                )
            continue
        end = pos + 1
        if char == "\x1b":
            seq = _ESCAPE_SEQUENCE.match(text, pos)
            end = seq.end() if seq is not None else end
        done = end
        name = _CONTROL_NAMES.get(char, f"U+{code:04X}")
        if char in _BREAKS:
            yield Hit(pos, end, suggestion="a line break", fields={"name": name}, edits=(Edit(pos, end, "\n"),))
        else:
            yield Hit(pos, end, suggestion="delete it", fields={"name": name}, edits=(Edit(pos, end, ""),))


def in_repair(doc: Document, pos: int) -> bool:
    """Whether ``pos`` lies in a span the mojibake rule reports (other rules stay out of it)."""
    found = repairs(doc)
    if not found:
        return False
    i = bisect.bisect_right(_repair_starts(doc), pos) - 1
    return i >= 0 and pos < found[i].end


@per_document
def _repair_starts(doc: Document) -> list[int]:
    return [r.start for r in repairs(doc)]


# Invisible characters and the contexts in which they are a defect.
_ALWAYS = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u2060": "WORD JOINER",
    "\ufeff": "BYTE ORDER MARK",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\u00ad": "SOFT HYPHEN",
    "\u034f": "COMBINING GRAPHEME JOINER",
}
_BETWEEN_LATIN = {"\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER"}
_BIDI = {
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_INVISIBLE = {**_ALWAYS, **_BETWEEN_LATIN, **_BIDI}
_LATIN_LETTER = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}]")
_RTL_OR_COMPLEX = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\p{Nko}]")
_NO_SPACE_SCRIPTS = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Han}\p{Hiragana}\p{Katakana}\p{Tibetan}]")
_INVISIBLE_RUN = re.compile("[" + "".join(_INVISIBLE) + "]+")


def _latin(char: str) -> bool:
    return bool(char) and _LATIN_LETTER.match(char) is not None


def _rtl_paragraph(doc: Document, start: int, memo: dict[int, bool]) -> bool:
    """Whether the paragraph around ``start`` holds right-to-left script (searched once per paragraph)."""
    text = doc.text
    index = doc.paragraph_index(start)
    if index is None:
        index = doc.paragraph_index(max(0, start - 1))
    if index is None:
        return _RTL_OR_COMPLEX.search(text, max(0, start - 80), start + 80) is not None
    if index not in memo:
        para = doc.paragraphs[index]
        memo[index] = _RTL_OR_COMPLEX.search(text, para.start, para.end) is not None
    return memo[index]


def _defects(doc: Document) -> Iterator[tuple[int, int]]:
    """The runs of invisible characters that are defects in their context."""
    text = doc.text
    rtl: dict[int, bool] = {}
    for m in _INVISIBLE_RUN.finditer(text):
        start, end = m.span()
        if (start == 0 and m.group() == "\ufeff") or in_repair(doc, start):
            continue
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        kinds = set(m.group())
        if kinds <= _BETWEEN_LATIN.keys() and not (_latin(before) and _latin(after)):
            continue
        if kinds & _BIDI.keys() and _rtl_paragraph(doc, start, rtl):
            continue
        if "\u200b" in kinds and (_NO_SPACE_SCRIPTS.match(before or " ") or _NO_SPACE_SCRIPTS.match(after or " ")):
            continue
        yield start, end


def _on_blank_line(text: str, start: int, end: int) -> bool:
    """Whether the run is all a line holds besides white space (a web page's empty paragraph)."""
    # Look for the line's ends only as far as a blank line's run may be from them: on a long line
    # an unbounded search would rescan the line for every run (quadratic on 'a\u200b' * n).
    floor = max(0, start - _MAX_WIDEN - 1)
    line_start = text.rfind("\n", floor, start) + 1
    if line_start == 0 and floor > 0:
        return False
    ceiling = min(len(text), end + _MAX_WIDEN + 1)
    line_end = text.find("\n", end, ceiling)
    if line_end < 0:
        if ceiling < len(text):
            return False
        line_end = len(text)
    if start - line_start > _MAX_WIDEN or line_end - end > _MAX_WIDEN:
        return False
    rest = text[line_start:start] + text[end:line_end]
    return not "".join(c for c in rest if c not in _INVISIBLE).strip()


@detector("encoding.invisible_characters")
def invisible_characters(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """Zero-width and formatting characters hidden inside words.

    They break search, spell checking and name matching while showing nothing.
    Zero-width (non-)joiners count only between Latin, Greek or Cyrillic letters (they
    are needed in emoji, Persian and Indic text); direction marks only in paragraphs
    without right-to-left script; zero-width spaces not in scripts written without
    spaces (Thai, Khmer, Chinese); a byte order mark not at the very start.

    One finding per word, whose edits remove every invisible character in it.  The
    ones standing alone on otherwise blank lines (a web page's empty paragraphs)
    are harmless to a reader: they make one info finding for the whole file, at the
    first, with their count, and its edits remove them all.
    """
    if not odd_text(doc).has(_INVISIBLE_RUN):
        return
    text = doc.text
    blank: list[tuple[int, int]] = []
    word: list[tuple[int, int]] = []  # the runs inside the current word
    w_start = w_end = -1

    def flush() -> Iterator[Hit]:
        if not word:
            return
        s, e = w_start, w_end
        if not (s <= word[0][0] and word[-1][1] <= e):
            s, e = word[0][0], word[-1][1]
        shown = "".join(c for c in text[s:e] if c not in _INVISIBLE)
        names = ", ".join(sorted({_INVISIBLE[c] for a, b in word for c in text[a:b]}))
        yield Hit(
            s, e, suggestion=shown or "delete it", fields={"name": names}, edits=tuple(Edit(a, b, "") for a, b in word)
        )
        word.clear()

    for start, end in _defects(doc):
        if _on_blank_line(text, start, end):
            blank.append((start, end))
            continue
        if word and start < w_end:
            word.append((start, end))
            continue
        yield from flush()
        w_start, w_end = _trim_punct(text, *_word_around(text, start, end))
        word.append((start, end))
    yield from flush()
    if blank:
        count = sum(b - a for a, b in blank)
        names = ", ".join(sorted({_INVISIBLE[c] for a, b in blank for c in text[a:b]}))
        s, e = blank[0]
        lines = len({doc.line_index(a) for a, _ in blank})
        # Info, whatever the rule's severity: a reader sees nothing, so a page of empty paragraphs
        # costs the score one info finding however many there are (a capped penalty).
        yield Hit(
            s,
            e,
            message=(
                f"{count} invisible character(s) ({names}) on {lines} otherwise blank line(s); one finding for them all"
            ),
            suggestion="delete them",
            fields={"name": names, "count": str(count)},
            severity=Severity.INFO,
            edits=tuple(Edit(a, b, "") for a, b in blank),
        )


# -- HTML entities ---------------------------------------------------------------------

_ENTITY = regex.compile(
    r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};"
    r"|(?:nbsp|amp|quot|lt|gt|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip)(?![A-Za-z0-9;]))"
)
_HTML5 = html.entities.html5


def _unescape(entity: str) -> str | None:
    body = entity[1:]
    if body.startswith("#"):
        digits = body[1:].rstrip(";")
        try:
            code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
        except ValueError:
            return None
        if code == 0 or code > 0x10FFFF:
            return None
        return html.unescape(entity if entity.endswith(";") else entity + ";")
    key = body if body.endswith(";") else body + ";"
    return _HTML5.get(key)


_SHOW = {"\xa0": "a space", " ": "a space", "\u2009": "a thin space", "\u200b": "nothing"}


@detector("encoding.html_entities")
def html_entities(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """``&amp;``, ``&#8217;``, ``&nbsp;``: HTML escapes a scraper forgot to decode.

    Names are checked against the HTML5 entity table, so "AT&T" or "R&D" are left alone.
    An escape of an escape (``&amp;quot;``) is reported as one span.
    """
    text = doc.text
    if "&" not in text:
        return
    done = -1
    for m in _ENTITY.finditer(text):
        start, end = m.span()
        value = _unescape(m.group())
        if value is None or start < done:
            continue
        while value == "&":  # "&amp;quot;": an escaped escape, reported as one span
            nested = _ENTITY.match("&" + text[end : end + 40])
            inner = None if nested is None else _unescape(nested.group())
            if nested is None or inner is None:
                break
            end += nested.end() - 1
            value = inner
        done = end
        if value == "\u00bf" and _between_letters(text, start, end):
            # "Blair&#191;s": an apostrophe that an earlier charset conversion turned into "¿"
            # (which opens a Spanish question and never stands inside a word); decoding the
            # escape faithfully would print "Blair¿s", so the apostrophe is offered, unsafe.
            yield Hit(
                start, end, suggestion="'", fields={"char": "'"}, edits=(Edit(start, end, "'"),), applicability="unsafe"
            )
            continue
        shown = _SHOW.get(value, value)
        # The decoded character is the edit, except an invisible one ("&#8203;", "&shy;"): it goes.
        written = "".join(c for c in value if c not in _INVISIBLE)
        yield Hit(start, end, suggestion=shown, fields={"char": shown}, edits=(Edit(start, end, written),))


def _between_letters(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


# -- characters lost to "?" -------------------------------------------------------------

# A "?" inside a word ("Kosovo?s", "M?ller"), standing alone between words where a dash
# was ("2008 ? The"), opening a word where a quote was ("?We will") or a figure where a currency
# sign was ("cost ?200", "(?5bn)": no one writes a question mark there), or a run of them
# standing for a whole word in another script ("said ??????").
_LOST = regex.compile(
    r"\?(?:(?<=\p{L}\?)(?=\p{L})|(?<=\d\?)(?=s(?!\p{L}))"
    r"|(?<=[\p{L}\p{N}][,;:]?[ \t]\?)(?=[ \t][\p{L}\p{N}\"“'‘])"
    r"|(?<=(?:^|[ \t(\[])\?)(?=\p{L}|\d)"
    r"|(?<=(?:^|[ \t(\[\"“])\?)\?{2,}(?=$|[ \t,.;:)\]\"”]))",
    regex.MULTILINE,
)
_URLISH = regex.compile(r"[/=&@]|\.\w|^www|^https?")
_CONTRACTION = regex.compile(r"(?:s|t|re|ve|ll|d|m)\b")
_FRENCH_SPACING = regex.compile(r"\p{L} [!;:»]|« \p{L}")


_QUESTION_WORDS = frozenset(
    {
        "what",
        "what's",
        "whats",
        "why",
        "how",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "which",
        "is",
        "are",
        "am",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "have",
        "has",
        "had",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "can't",
        "couldn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "haven't",
        "hasn't",
    }
)
_CLAUSE_START = regex.compile(r"(?:^|[.!?\n:;\"“(])\s*([\p{L}'’]+)[^.!?\n:;\"“(]*$")


#: Losses that a "?" could also be honestly written for, reported only in an article that shows "?"
#: damage inside its words ("Kosovo?s", "M?ller"): a closing quote after punctuation (",? he said",
#: "the story.?"), a closing quote or a plural possessive before a lower-case word ("writers? strike"),
#: a pair for a pair of quotes ("??Iron Lady??"), a currency sign before a figure ("?10m"), and a curly
#: mark that lost its last bytes ("Iâ??m", "â??We").
_LOST_IN_DAMAGED = regex.compile(
    r"(?P<mojibake>â\?\??)"
    r"|(?<=[\p{L}\p{N}][,.])(?P<after_stop>\?)(?=[ \t\n]|$)"
    r"|(?<![\p{L}\p{N}?])(?P<figure>\?)(?=\d)"
    r"|(?<![?])(?P<pair>\?\?)(?![?])"
    r"|(?<=\p{L})(?P<before_lower>\?)(?=[ \t]\p{Ll})",
    regex.MULTILINE | regex.V1,
)


#: "??" where no one writes two question marks: glued before a word ("??Without"), after a comma
#: (",?? Continental said") or between a word and a lower-case word ("players?? are"). A curly
#: quotation mark's three UTF-8 bytes lost in a conversion leave it there on their own ("â??" is
#: the same mark's first byte kept, reported as such).
_PAIR_SURE = regex.compile(
    r"(?:^|(?<=[ \t(\[]))\?\?(?=\p{L})|(?<=[\p{L}\p{N}][,;])\?\?(?![?])|(?<=\p{L})(?<!â)\?\?(?=[ \t]\p{Ll})",
    regex.MULTILINE | regex.V1,
)


#: A curly mark that lost its last two bytes inside a word or before a capital ("euroâ??s",
#: "â??We"): no language writes "â??" there, so it proves the damage on its own.
_MOJIBAKE_PROOF = regex.compile(r"\p{L}â\?\?\p{L}|â\?\?\p{Lu}", regex.V1)


#: The sure losses that prove an article went through a lossy conversion: a "?" inside a word, glued
#: before a word (a lost opening quote), before a figure, or doubled where no one doubles it.
_PROOF = frozenset(["an apostrophe", "a letter", "an opening quote", "a currency sign", "a pair of quotation marks"])


def _damaged_words(hits: list[Hit], text: str = "") -> bool:
    """Whether the article proves its own damage: a sure loss of ``_PROOF`` (a "?" inside a word, glued
    before a word or a figure, or doubled where no one doubles it), or "â??" inside a word."""
    if any(h.fields.get("what") in _PROOF for h in hits):
        return True
    return "â??" in text and _MOJIBAKE_PROOF.search(text) is not None


def _more_losses(text: str, taken: set[int], quote_close: str) -> Iterator[Hit]:
    """The "?" losses that need proof of damage (``_LOST_IN_DAMAGED``), each with what it most likely was."""
    for m in _LOST_IN_DAMAGED.finditer(text):
        start, end = m.span()
        if any(k in taken for k in range(start, end)):
            continue
        kind = m.lastgroup
        if kind == "mojibake":
            what, was = "the end of a curly quotation mark or apostrophe", "’"
        elif kind == "after_stop":
            what, was = "a closing quotation mark", quote_close
        elif kind == "figure":
            what, was = "a currency sign", "£ or €"
        elif kind == "pair":
            what, was = "a pair of quotation marks", "“ or ”"
        else:
            word_end = text[max(0, start - 1)]
            what = "an apostrophe or a closing quotation mark"
            was = ("’" if "’" in text else "'") if word_end in "sS" else quote_close  # the controllers' pay
        if kind == "before_lower" and _URLISH.search(text[max(0, start - 30) : start].rsplit(" ", 1)[-1]):
            continue
        taken.update(range(start, end))
        yield Hit(start, end, suggestion=was, fields={"what": what, "was": was})


def _asks(text: str, stop: int) -> bool:
    """Whether the sentence that ends at ``stop`` opens with a question word ("Are they ...")."""
    m = _CLAUSE_START.search(text, max(0, stop - 300), stop)
    return m is not None and m.group(1).casefold().replace("’", "'") in _QUESTION_WORDS


@detector("encoding.lost_characters")
def lost_characters(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """Characters the text lost to "?" when it passed through an encoding that lacks them.

    "Kosovo?s" was "Kosovo's", "2008 ? The" was "2008 – The", "M?ller" was "Müller".
    A spaced " ? " before a capital letter can be a question typed with a space ("Are they
    insane ? Surely not"): it counts only after a number or when the text shows other
    characters lost to "?".  Text in French spacing ("Vraiment ?") is left alone.
    """
    text = doc.text
    if "?" not in text:
        return
    sure: list[Hit] = []
    spaced: list[Hit] = []
    french = None
    for m in _LOST.finditer(text):
        start, end = m.span()
        if end - start > 1:
            sure.append(
                Hit(start, end, suggestion="the original word", fields={"what": "a word in another script", "was": "?"})
            )
            continue
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before in " \t" and after in " \t":
            if french is None:
                french = _FRENCH_SPACING.search(text) is not None
            if french:
                continue
            if _asks(text, start):
                continue
            dash = Hit(start, end, suggestion="–", fields={"what": "a dash", "was": "–"})
            prior = text[start - 2] if start > 1 else ""
            following = text[end + 1] if end + 1 < len(text) else ""
            (sure if prior.isdigit() or following.islower() or following.isdigit() else spaced).append(dash)
            continue
        if after.isdigit() and not before.isalnum():
            sure.append(Hit(start, end, suggestion="£ or €", fields={"what": "a currency sign", "was": "£ or €"}))
            continue
        s, e = _trim_punct(text, *_word_around(text, start, end), keep="?")
        word = text[s:e]
        if _URLISH.search(word) or in_repair(doc, start):
            continue
        if before.islower() and after.isupper():
            continue  # "Why?Because": a lost space after a question, not a lost character
        if before.isalnum() and _CONTRACTION.match(text, end):
            apostrophe = "’" if "’" in text else "'"
            # An apostrophe before s, t, re, ...: the lost character is certain, its glyph a guess.
            sure.append(
                Hit(
                    s,
                    e,
                    suggestion=word.replace("?", apostrophe, 1),
                    fields={"what": "an apostrophe", "was": apostrophe},
                    edits=(Edit(start, end, apostrophe),),
                    applicability=UNSAFE,
                )
            )
        elif before.isalpha():
            sure.append(
                Hit(
                    s,
                    e,
                    suggestion="the word with its accented letter restored",
                    fields={"what": "a letter", "was": "an accented letter"},
                )
            )
        else:
            quote = "“" if "“" in text else '"'
            sure.append(Hit(start, end, suggestion=quote, fields={"what": "an opening quote", "was": quote}))
    if "??" in text:
        for m in _PAIR_SURE.finditer(text):
            fields = {"what": "a pair of quotation marks", "was": "“ or ”"}
            sure.append(Hit(m.start(), m.end(), suggestion="“ or ”", fields=fields))
        sure.sort(key=lambda h: (h.start or 0, h.end or 0))
    if _damaged_words(sure, text):
        taken = {k for h in sure + spaced if h.start is not None and h.end is not None for k in range(h.start, h.end)}
        sure.extend(_more_losses(text, taken, "”" if "”" in text else '"'))
        sure.sort(key=lambda h: (h.start or 0, h.end or 0))
    yield from sure
    if sure:
        yield from spaced


# (EN108, ligatures, is a substitution table: rules/encoding/ligatures.tsv.)
