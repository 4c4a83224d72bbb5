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

from auditor.document import Document
from auditor.loader import builtin_rules_dir
from auditor.model import Hit
from auditor.rule import Rule

# Bullets, pipes, arrows and trailing punctuation that decorate widget lines.
_DECOR = " \t\u00a0•·*▪►▶■□◆●○✓✔→←»«›‹>|#:：.。…!！?？-–—_=~"
_SEPARATORS = regex.compile(r"[^\S\r\n]*(?:[:：|»›>→]|[^\S\r\n][-–—][^\S\r\n])[^\S\r\n]*(?=\S)")
_WHOLE_LINE_MAX = 200
_LEAD_LINE_MAX = 300
_LABEL_REST = 200  # a linked headline after "READ ALSO:"
_LABEL_REST_WEAK = 60  # what may follow a weak label such as "Source:" or "Tags:"
_REGEX_LINE_MAX = 400
_TOP = 3
_BOTTOM = 5
_MODES = frozenset({"line", "label", "lead", "regex"})
_PLACES = frozenset({"any", "edge"})


def normalize(text: str) -> str:
    """Case-folded, white space collapsed, decoration stripped: the lookup key of a line."""
    return " ".join(text.casefold().replace("’", "'").split()).strip(_DECOR)


def _spaceless(text: str) -> bool:
    """Whether ``text`` is in a script written without spaces (Chinese, Japanese, Thai)."""
    return regex.search(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]", text) is not None


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
        if len(cols) != 5 or cols[1] not in _MODES or cols[2] not in _PLACES:
            raise ValueError(f"boilerplate/lines.tsv line {number}: expected kind, mode, place, lang, text")
        kind, mode, place, lang, text = (c.strip() for c in cols)
        if mode == "regex":
            regexes.append(Entry(kind, mode, place, lang, text, "", regex.compile(text, regex.V1)))
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
            heads.setdefault(key[:2], []).append(entry)
        if entry.gluable and mode == "line":
            tails.setdefault(key[-2:], []).append(entry)

    def longest_first(table: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
        return {k: tuple(sorted(v, key=lambda e: -len(e.key))) for k, v in table.items()}

    return Library(lines, longest_first(heads), longest_first(tails), tuple(regexes))


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

_SOCIAL = frozenset(
    """facebook twitter x whatsapp telegram email e-mail mail print linkedin pinterest reddit
    tumblr share tweet pin messenger vk vkontakte odnoklassniki weibo wechat viber flipboard
    pocket google+ skype sms copy link instagram youtube tiktok threads bluesky mastodon
    partager teilen compartir compartilhar condividi поделиться paylaş شارك 分享 微信 微博 qq
    imprimer drucken imprimir""".split()
)
_TOKEN_SPLIT = regex.compile(r"[\s|/•·,]+")
_MENU_SPLIT = regex.compile(r"\s*[|•·»›]\s*|\s+/\s+|\s+[-–]\s+")


def _social_line(line: str) -> bool:
    if len(line) > 120:
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
    key = text[begin:begin + 2].casefold().replace("’", "'")
    for entry in lib.heads.get(key, ()):
        m = entry.pattern.match(text, begin, end)
        if m is None:
            continue
        after = m.end()
        rest = text[after:end]
        if not rest.strip(_DECOR):
            return Found(begin, end, index, entry.kind, entry.place, "line")
        if entry.mode == "label":
            sep = _SEPARATORS.match(text, after, end)
            limit = _LABEL_REST_WEAK if entry.place == "edge" else _LABEL_REST
            if sep is not None and end - sep.end() <= limit:
                stop = sep.end()
                while stop > after and text[stop - 1].isspace():
                    stop -= 1
                return Found(begin, stop, index, entry.kind, entry.place, "label")
        if entry.mode == "lead" and end - start <= _LEAD_LINE_MAX and (rest[0].isspace() or rest[0] in ",;"):
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
    key = text[max(start, stop - 2):stop].casefold().replace("’", "'")
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


@lru_cache(maxsize=8)
def scan(doc: Document) -> tuple[Found, ...]:
    """Every boilerplate line of ``doc``, position rules applied, in reading order."""
    lib = library()
    text = doc.text
    paragraphs = doc.paragraphs
    count = len(paragraphs)
    found: list[Found] = []
    for index, para in enumerate(paragraphs):
        start, end = para.start, para.end
        hit: Found | None = None
        if end - start <= _WHOLE_LINE_MAX:
            entry = lib.lines.get(normalize(text[start:end]))
            if entry is not None:
                hit = Found(start, end, index, entry.kind, entry.place, "line")
            elif _social_line(text[start:end]):
                hit = Found(start, end, index, "share", "any", "buttons")
            elif _menu_line(text[start:end]):
                hit = Found(start, end, index, "navigation", "edge", "menu")
        if hit is None:
            hit = _head(lib, text, index, start, end)
        edge = _in_edge(index, count)
        if hit is None and edge and end - start <= _REGEX_LINE_MAX:
            begin = _skip_decor(text, start, end) if text[start] in "•·*▪►▶■-–—" else start
            for entry in lib.regexes:
                if entry.pattern.fullmatch(text, begin, end):
                    hit = Found(start, end, index, entry.kind, entry.place, "regex")
                    break
        if hit is None and edge:
            hit = _tail(lib, text, index, start, end)
        if hit is not None:
            found.append(hit)
    return tuple(_placed(found, count))


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
}


def lines(doc: Document, rule: Rule) -> Iterator[Hit]:
    """Boilerplate of the kind named in ``options.kind`` (see ``rules/boilerplate/lines.tsv``)."""
    kind = rule.options.get("kind")
    for f in scan(doc):
        if f.kind == kind:
            yield Hit(f.start, f.end, fields={"how": _HOW[f.how]})
