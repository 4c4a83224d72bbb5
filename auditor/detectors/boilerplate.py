"""Boilerplate: footer, widget and navigation lines a scraper kept with the article.

The phrases live in ``rules/boilerplate/lines.tsv`` (one line per phrase, with its kind,
how it matches and where it may stand).  One scan per document looks at each paragraph
once: a short paragraph is normalised and looked up whole; every paragraph's first two
letters select the few phrases that could open it ("READ ALSO: ...", "Leave a
CommentBiden ..."); the edge paragraphs are also tried against the few regular
expressions (copyright and credit lines) and checked for a phrase glued to their end.
Every BP rule reads the same cached scan and reports the kind it names in
``options.kind``.

Position decides between boilerplate and prose.  The scan only accepts whole lines, a
label followed by a separator, or a phrase glued to the next word without a space: the
same words inside a sentence ("readers were asked to leave a reply") never match.
Weaker phrases ("Share", "Comments", "Source: ...") count only in the first or last
paragraphs, or next to another boilerplate line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from auditor.document import Document, per_document
from auditor.loader import builtin_rules_dir
from auditor.model import Hit
from auditor.registry import detector

# Bullets, pipes, arrows and trailing punctuation that decorate widget lines.
_DECOR = " \t\u00a0•·*▪►▶■□◆●○✓✔→←»«›‹>|#:：.。…!！?？-–—_=~"
_SEPARATORS = regex.compile(
    r"[^\S\r\n]*(?:[:：|»›>→]|[^\S\r\n][-–—][^\S\r\n])[^\S\r\n]*(?=\S)|[^\S\r\n]{2,}(?=\S)")
_WHOLE_LINE_MAX = 200
_LEAD_LINE_MAX = 300
_LABEL_REST = 200  # a linked headline after "READ ALSO:"
_LABEL_REST_WEAK = 60  # what may follow a weak label such as "Source:" or "Tags:"
_REGEX_LINE_MAX = 300
_TOP = 3
_BOTTOM = 5
_MODES = frozenset({"line", "label", "lead", "regex"})
_PLACES = frozenset({"any", "edge"})


_COUNTS = regex.compile(r"^(?:\(?\d[\d,.]*[km]?\)?\s+)+|(?:\s+\(?\d[\d,.]*[km]?\)?)+$")


def normalize(text: str) -> str:
    """Case-folded, white space collapsed, decoration and counts stripped: the lookup key of a line.

    Counts are what widgets print beside their label: "Comments (12)", "3 Comments", "Share 0".
    """
    key = " ".join(text.casefold().replace("’", "'").split()).strip(_DECOR)
    if key[-1:].isdigit() or key[-1:] == ")" or key[:1].isdigit() or key[:1] == "(":
        key = _COUNTS.sub("", key).strip(_DECOR)
    return key


def _first_key(key: str) -> str:
    """The lookup key of a phrase's opening: its first word, or two characters of a spaceless script."""
    word = key.split(" ", 1)[0].strip(_DECOR)
    return word[:2] if _spaceless(word[:1]) else word


def _last_key(key: str) -> str:
    word = key.rsplit(" ", 1)[-1].strip(_DECOR)
    return word[-2:] if _spaceless(word[-1:]) else word


_SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def _spaceless(text: str) -> bool:
    """Whether ``text`` is in a script written without spaces (Chinese, Japanese, Thai)."""
    return not text.isascii() and _SPACELESS.search(text) is not None


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of the library."""

    kind: str
    mode: str
    place: str
    lang: str
    text: str
    key: str
    pattern: regex.Pattern[str]
    hints: tuple[str, ...] = ()
    """For a regex: lower-case words one of which the line must contain before the regex runs."""

    @property
    def gluable(self) -> bool:
        """Distinctive enough to be found with no space before the next word."""
        if self.mode not in ("line", "label"):
            return False
        return len(self.key.split()) >= 2 or (_spaceless(self.key) and len(self.key) >= 3)


@dataclass(frozen=True, slots=True)
class Library:
    lines: dict[str, Entry]
    heads: dict[str, tuple[Entry, ...]]
    tails: dict[str, tuple[Entry, ...]]
    regexes: tuple[Entry, ...]
    hints: tuple[str, ...]
    """Every regex entry's hints: a line with none of them tries no regex."""
    openers: frozenset[str]
    """The first word of every phrase and share-button name: other lines are skipped at once."""


def _literal(phrase: str) -> str:
    parts = [regex.escape(p) for p in phrase.replace("’", "'").split()]
    body = r"\s+".join(parts).replace("'", "['’]")
    return body


def parse_library(source: str) -> Library:
    """Build the lookup tables from the TSV text (see the file's header for the columns)."""
    lines: dict[str, Entry] = {}
    heads: dict[str, list[Entry]] = {}
    tails: dict[str, list[Entry]] = {}
    regexes: list[Entry] = []
    for number, raw in enumerate(source.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        size = 6 if cols[1:2] == ["regex"] else 5
        if len(cols) != size or cols[1] not in _MODES or cols[2] not in _PLACES:
            raise ValueError(f"boilerplate/lines.tsv line {number}: expected kind, mode, place, lang, text"
                             + (", hints" if size == 6 else ""))
        kind, mode, place, lang, text = (c.strip() for c in cols[:5])
        if mode == "regex":
            hints = tuple(h.strip().casefold() for h in cols[5].split(",") if h.strip())
            regexes.append(Entry(kind, mode, place, lang, text, "", regex.compile(text, regex.V1), hints))
            continue
        key = normalize(text)
        if not key:
            raise ValueError(f"boilerplate/lines.tsv line {number}: empty phrase")
        pattern = regex.compile(_literal(text.strip(_DECOR)), regex.V1 | regex.IGNORECASE)
        entry = Entry(kind, mode, place, lang, text, key, pattern)
        if mode != "lead":
            existing = lines.get(key)
            if existing is None or (existing.place == "edge" and place == "any"):
                lines[key] = entry
        if mode in ("label", "lead") or entry.gluable:
            heads.setdefault(_first_key(key), []).append(entry)
        if entry.gluable and mode == "line":
            tails.setdefault(_last_key(key), []).append(entry)

    def longest_first(table: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
        return {k: tuple(sorted(v, key=lambda e: -len(e.key))) for k, v in table.items()}

    hints = tuple(sorted({h for e in regexes for h in e.hints}, key=len))
    openers = frozenset({_first_key(k) for k in lines} | set(heads) | _SOCIAL)
    return Library(lines, longest_first(heads), longest_first(tails), tuple(regexes), hints, openers)


@lru_cache(maxsize=1)
def library() -> Library:
    path = builtin_rules_dir() / "boilerplate" / "lines.tsv"
    return parse_library(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Found:
    """A boilerplate span, the paragraph it stands in, and why it matched."""

    start: int
    end: int
    paragraph: int
    kind: str
    place: str
    how: str


# -- share buttons and menus --------------------------------------------------------------

_SOCIAL = frozenset({
    "facebook", "twitter", "x", "whatsapp", "telegram", "email", "e-mail", "mail", "print", "linkedin",
    "pinterest", "reddit", "tumblr", "share", "tweet", "pin", "messenger", "vk", "vkontakte", "odnoklassniki",
    "weibo", "wechat", "viber", "flipboard", "pocket", "google+", "skype", "sms", "copy", "link", "instagram",
    "youtube", "tiktok", "threads", "bluesky", "mastodon", "partager", "teilen", "compartir", "compartilhar",
    "condividi", "поделиться", "paylaş", "شارك", "分享", "微信", "微博", "qq", "imprimer", "drucken", "imprimir",
})
_TOKEN_SPLIT = regex.compile(r"[\s|/•·,]+")
_MENU_SPLIT = regex.compile(r"\s*[|•·»›]\s*|\s+/\s+|\s+[-–]\s+")


def _social_line(line: str) -> bool:
    if len(line) > 120:
        return False
    first = line.split(None, 1)[0].strip(_DECOR).casefold()
    if first not in _SOCIAL:
        return False
    tokens = [t.strip(_DECOR).casefold() for t in _TOKEN_SPLIT.split(line)]
    tokens = [t for t in tokens if t]
    names = [t for t in tokens if t in _SOCIAL]
    return len(names) >= 2 and all(t in _SOCIAL or t.isdigit() for t in tokens)


def _menu_line(line: str) -> bool:
    """"Home | News | World" or "Home » Europe » France": three or more short items."""
    if len(line) > 160 or not any(c in line for c in "|•·»›/-–"):
        return False
    items = [i.strip() for i in _MENU_SPLIT.split(line)]
    items = [i for i in items if i]
    if len(items) < 3:
        return False
    for item in items:
        words = item.split()
        if len(words) > 4 or len(item) > 32 or item[-1] in ".!?,;\"”" or not item[0].isupper():
            return False
    return True


# -- the scan ---------------------------------------------------------------------------------


def _skip_decor(text: str, start: int, end: int) -> int:
    while start < end and text[start] in _DECOR:
        start += 1
    return start


def _in_edge(index: int, count: int) -> bool:
    return index < _TOP or index >= count - _BOTTOM


def _head(lib: Library, text: str, index: int, start: int, end: int) -> Found | None:
    """A phrase that opens the paragraph: a label, a lead-in or a glued phrase."""
    begin = _skip_decor(text, start, end)
    space = text.find(" ", begin, min(end, begin + 24))
    key = _first_key(text[begin:space if space > 0 else min(end, begin + 24)].casefold().replace("’", "'"))
    for entry in lib.heads.get(key, ()):
        m = entry.pattern.match(text, begin, end)
        if m is None:
            continue
        after = m.end()
        rest = text[after:end]
        if not rest.strip(_DECOR):
            return Found(begin, end, index, entry.kind, entry.place, "line")
        if len(rest) <= _WHOLE_LINE_MAX and rest[0] in " \t|·•:：." and (
                normalize(rest) in lib.lines or _social_line(rest.strip(_DECOR))):
            # Two widgets on one line: "Leave a Reply Cancel reply", "Share this: Facebook Twitter".
            return Found(begin, end, index, entry.kind, entry.place, "line")
        if entry.mode == "label":
            sep = _SEPARATORS.match(text, after, end)
            limit = _LABEL_REST_WEAK if entry.place == "edge" else _LABEL_REST
            # A linked headline starts with a capital, a digit or a quote; prose goes on in lower
            # case.  Tag lists ("Tags: storm, harbour") may be in lower case.
            prose = text[sep.end()].islower() and entry.kind != "meta" if sep is not None else False
            if sep is not None and end - sep.end() <= limit and not prose:
                stop = sep.end()
                while stop > after and text[stop - 1].isspace():
                    stop -= 1
                return Found(begin, stop, index, entry.kind, entry.place, "label")
        if entry.mode == "lead" and end - start <= _LEAD_LINE_MAX and (rest[0].isspace() or rest[0] in ",;.!"):
            return Found(start, end, index, entry.kind, entry.place, "lead")
        first = rest[0]
        if entry.gluable and (first.isupper() or first.isdigit()) and text[after - 1].isalpha():
            return Found(begin, after, index, entry.kind, entry.place, "glued")
    return None


_SENTENCE_END = ".!?\"”’)"


def _tail(lib: Library, text: str, index: int, start: int, end: int) -> Found | None:
    """A phrase glued to the end of the paragraph ("... the talks.Leave a Reply")."""
    stop = end
    while stop > start and text[stop - 1] in _DECOR:
        stop -= 1
    space = text.rfind(" ", max(start, stop - 24), stop)
    key = _last_key(text[space + 1 if space >= 0 else max(start, stop - 24):stop].casefold().replace("’", "'"))
    for entry in lib.tails.get(key, ()):
        window = max(start, stop - len(entry.key) - 8)
        for m in entry.pattern.finditer(text, window, stop, overlapped=True):
            if m.end() != stop or m.start() <= start:
                continue
            before = text[m.start() - 1]
            glued = not before.isspace()
            after_stop = before.isspace() and text[m.start() - 2] in _SENTENCE_END
            if (glued or after_stop) and text[m.start()].isupper():
                return Found(m.start(), end, index, entry.kind, entry.place, "glued")
    return None


_OPENING_DECOR = frozenset(_DECOR)


def _opening(text: str, start: int, end: int) -> tuple[int, str]:
    """Where the paragraph's words begin, and the lookup key of its first word."""
    if text[start] in _OPENING_DECOR:
        start = _skip_decor(text, start, end)
    stop = min(end, start + 30)
    space = text.find(" ", start, stop)
    word = text[start:space if space >= 0 else stop].casefold()
    if word and word[-1] in _OPENING_DECOR:
        word = word.strip(_DECOR)
    return start, word


@per_document
def scan(doc: Document) -> tuple[Found, ...]:
    """Every boilerplate line of ``doc``, position rules applied, in reading order.

    Most paragraphs cost one first-word lookup: only a paragraph whose first word opens
    some phrase is looked at further, and only the edge paragraphs are tried against the
    regular expressions, menus and phrases glued to their end.
    """
    lib = library()
    openers = lib.openers
    text = doc.text
    paragraphs = doc.paragraphs
    count = len(paragraphs)
    found: list[Found] = []
    for index, para in enumerate(paragraphs):
        start, end = para.start, para.end
        _, word = _opening(text, start, end)
        edge = index < _TOP or index >= count - _BOTTOM
        candidate = word in openers or (not word.isascii() and word[:2] in openers)
        if not (candidate or edge):
            continue
        hit: Found | None = None
        if candidate or edge:
            hit = _whole_line(lib, text, index, start, end)
        if hit is None and candidate:
            hit = _head(lib, text, index, start, end)
        if hit is None and edge:
            hit = _edge_line(lib, text, index, start, end)
        if hit is not None:
            found.append(hit)
    found = _footer_block(lib, doc, found)
    placed = _placed(found, count)
    if any(f.how == "header" for f in placed):
        placed = _with_listed_headlines(doc, placed)
    return tuple(placed)


_SHORT = 120


def _footer_block(lib: Library, doc: Document, found: list[Found]) -> list[Found]:
    """Edge checks for the short lines of a footer block that starts above the last paragraphs.

    The block is the run of found or short paragraphs that ends the article ("Maria Lopez
    contributed to this report." above "Share this:", "Related", "Leave a Reply", ...).
    """
    text = doc.text
    paragraphs = doc.paragraphs
    count = len(paragraphs)
    taken = {f.paragraph for f in found}
    index = count - 1
    while index >= 0 and (index in taken or len(paragraphs[index]) <= _SHORT):
        index -= 1
    extra = []
    for i in range(index + 1, count - _BOTTOM):
        if i in taken or i < _TOP:
            continue
        para = paragraphs[i]
        hit = _edge_line(lib, text, i, para.start, para.end)
        if hit is not None:
            extra.append(Found(hit.start, hit.end, i, hit.kind, "any", hit.how))
    return sorted(found + extra, key=lambda f: f.start) if extra else found


_LIST_MAX = 10
_HEADLINE_MAX = 120


def _headline(text: str) -> bool:
    """A short title-like line: no sentence inside, no full stop at its end."""
    if len(text) > _HEADLINE_MAX or " " not in text:
        return False
    first, last = text[0], text[-1]
    return not (first.islower() or last in ".,;:" or _SENTENCE_INSIDE.search(text))


_SENTENCE_INSIDE = regex.compile(r"[.!?]\s+\p{Lu}")


def _with_listed_headlines(doc: Document, found: list[Found]) -> list[Found]:
    """The headlines listed under a "Related posts" or "You may also like" header."""
    text = doc.text
    paragraphs = doc.paragraphs
    taken = {f.paragraph for f in found}
    out = list(found)
    for f in found:
        if f.how != "header":
            continue
        for index in range(f.paragraph + 1, min(len(paragraphs), f.paragraph + 1 + _LIST_MAX)):
            if index in taken:
                break
            para = paragraphs[index]
            if not _headline(text[para.start:para.end]):
                break
            out.append(Found(para.start, para.end, index, f.kind, f.place, "listed"))
            taken.add(index)
    return sorted(out, key=lambda f: f.start)


def _whole_line(lib: Library, text: str, index: int, start: int, end: int) -> Found | None:
    if end - start > _WHOLE_LINE_MAX:
        return None
    line = text[start:end]
    entry = lib.lines.get(normalize(line))
    if entry is not None:
        header = entry.kind == "related" and entry.mode == "label"
        return Found(start, end, index, entry.kind, entry.place, "header" if header else "line")
    if _social_line(line):
        return Found(start, end, index, "share", "any", "buttons")
    return None


def _edge_line(lib: Library, text: str, index: int, start: int, end: int) -> Found | None:
    """Copyright and credit lines, menus and phrases glued to the end: checked near the edges only."""
    if end - start <= _REGEX_LINE_MAX:
        begin = _skip_decor(text, start, end) if text[start] in "•·*▪►▶■-–—" else start
        folded = text[begin:end].casefold()
        if any(h in folded for h in lib.hints):
            for entry in lib.regexes:
                if any(h in folded for h in entry.hints) and entry.pattern.fullmatch(text, begin, end):
                    return Found(start, end, index, entry.kind, entry.place, "regex")
        if _menu_line(text[start:end]):
            return Found(start, end, index, "navigation", "edge", "menu")
    return _tail(lib, text, index, start, end)


def _placed(found: list[Found], count: int) -> list[Found]:
    """Keep 'any' finds, and 'edge' finds near an edge or next to kept boilerplate."""
    kept = {f.paragraph for f in found if f.place == "any" or _in_edge(f.paragraph, count)}
    changed = True
    while changed:
        changed = False
        for f in found:
            if f.paragraph not in kept and (f.paragraph - 1 in kept or f.paragraph + 1 in kept):
                kept.add(f.paragraph)
                changed = True
    return [f for f in found if f.paragraph in kept]


_HOW = {
    "line": "a line of its own",
    "label": "a label before a linked headline",
    "lead": "a line of its own",
    "glued": "glued to the text next to it",
    "regex": "a line of its own",
    "buttons": "a row of share buttons",
    "menu": "a menu or breadcrumb line",
    "header": "the header of a list of links",
    "listed": "a headline listed under a related-links header",
}


@dataclass(frozen=True)
class BoilerplateLines:
    """Options of ``boilerplate.lines``."""

    kind: str


@detector("boilerplate.lines", options=BoilerplateLines)
def lines(doc: Document, options: BoilerplateLines) -> Iterator[Hit]:
    """Boilerplate of the kind named in ``options.kind`` (see ``rules/boilerplate/lines.tsv``)."""
    kind = options.kind
    for f in scan(doc):
        if f.kind == kind:
            yield Hit(f.start, f.end, fields={"how": _HOW[f.how]})
