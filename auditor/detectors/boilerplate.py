"""Boilerplate: footer, widget and navigation lines a scraper kept with the article.

The phrases are the table ``boilerplate/lines`` (``rules/boilerplate/lines.tsv``: one row
per phrase, with its kind, how it matches and where it may stand); a house pack adds rows
by shipping its own ``boilerplate/lines.tsv`` with the same ``# columns:`` line.  The BP
rules are ``kind: existence`` rules with ``where: boilerplate-line``, which the existence
kind hands to the ``boilerplate.lines`` detector below.  One scan per document looks at each paragraph
once: a short paragraph is normalised and looked up whole; every paragraph's first two
letters select the few phrases that could open it ("READ ALSO: ...", "Leave a
CommentBiden ..."); the edge paragraphs are also tried against the few regular
expressions (copyright and credit lines) and checked for a phrase glued to their end.
Every BP rule reads the same cached scan (one per document and table) and reports the
kind its ``select: {kind: ...}`` names.  Each finding carries a safe edit: the whole line
removed with its line break (for a label, the label and the linked headline after it: both
are residue), or only the glued phrase when the line goes on with article text.

Position decides between boilerplate and prose.  The scan only accepts whole lines, a
label followed by a separator, or a phrase glued to the next word without a space: the
same words inside a sentence ("readers were asked to leave a reply") never match.
Weaker phrases ("Share", "Comments", "Source: ...") count only in the first or last
paragraphs, or next to another boilerplate line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Literal

import regex

from auditor.document import Document
from auditor.model import Edit, Hit
from auditor.registry import detector
from auditor.tables import Row, Table, load_tables, table

# Bullets, pipes, arrows and trailing punctuation that decorate widget lines.
_DECOR = " \t\u00a0•·*▪►▶■□◆●○✓✔→←»«›‹>|#:：.。…!！?？-–—_=~"
_SEPARATORS = regex.compile(r"[^\S\r\n]*(?:[:：|»›>→]|[^\S\r\n][-–—][^\S\r\n])[^\S\r\n]*(?=\S)|[^\S\r\n]{2,}(?=\S)")
_WHOLE_LINE_MAX = 200
_LEAD_LINE_MAX = 300
_LABEL_REST = 200  # a linked headline after "READ ALSO:"
_LABEL_REST_WEAK = 60  # what may follow a weak label such as "Source:" or "Tags:"
_REGEX_LINE_MAX = 300
_TOP = 3
_BOTTOM = 5
_MODES = frozenset({"line", "label", "lead", "regex", "network"})
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


@dataclass(frozen=True)
class Entry:
    """One phrase of the library."""

    kind: str
    mode: str
    place: str
    lang: str
    text: str
    key: str
    source: str
    """The entry's pattern: a row's own regex (compiled at load, so a bad one fails there), or the
    escaped phrase of a literal row, compiled on first use (most never are: start-up 0.56 -> 0.1 s)."""
    hints: tuple[str, ...] = ()
    """For a regex: lower-case words one of which the line must contain before the regex runs."""

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        return _compiled(self.source, self.mode == "regex")

    @property
    def gluable(self) -> bool:
        """Distinctive enough to be found with no space before the next word."""
        if self.mode not in ("line", "label"):
            return False
        return len(self.key.split()) >= 2 or (_spaceless(self.key) and len(self.key) >= 3)


@lru_cache(maxsize=4096)
def _compiled(source: str, is_regex: bool) -> regex.Pattern[str]:
    return regex.compile(source, regex.V1 if is_regex else regex.V1 | regex.IGNORECASE)


@dataclass(frozen=True, slots=True, eq=False)
class Library:
    lines: dict[str, Entry]
    heads: dict[str, tuple[Entry, ...]]
    tails: dict[str, tuple[Entry, ...]]
    regexes: tuple[Entry, ...]
    hints: tuple[str, ...]
    """Every regex entry's hints: a line with none of them tries no regex."""
    openers: frozenset[str]
    """The first word of every phrase and share-button name: other lines are skipped at once."""
    network: dict[str, Entry]
    """Words of ``network`` rows ("oss", "nas", "bizi"): a short line that names a social network
    and holds one of them ("Följ oss på Facebook") is a follow line, whatever its language."""


def _literal(phrase: str) -> str:
    parts = [regex.escape(p) for p in phrase.replace("’", "'").split()]
    body = r"\s+".join(parts).replace("'", "['’]")
    return body


COLUMNS = ("kind", "mode", "place", "lang", "text", "words")
#: Seconds a house regex may spend on one line (rule packs are trusted, but a bad one must not hang).
_REGEX_TIMEOUT = 1.0


def parse_library(source: str) -> Library:
    """Build the lookup tables from TSV text in the table's columns (tests and tools)."""
    rows = []
    for raw in source.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        rows.append(
            dict(zip(COLUMNS, [*cells, *[""] * (len(COLUMNS) - len(cells))]))
            if len(cells) <= 6
            else {"kind": "", "mode": "too many cells"}
        )
    return build_library(rows)


def build_library(rows: Iterable[Row], *, source: str = "boilerplate/lines") -> Library:
    """Build the lookup tables from the table's rows; ``ValueError`` naming the row when one is malformed."""
    lines: dict[str, Entry] = {}
    heads: dict[str, list[Entry]] = {}
    tails: dict[str, list[Entry]] = {}
    regexes: list[Entry] = []
    network: dict[str, Entry] = {}
    for number, row in enumerate(rows, 1):
        kind, mode, place, lang, text = (str(row.get(c) or "").strip() for c in COLUMNS[:5])
        words = str(row.get("words") or "")
        if not kind or mode not in _MODES or place not in _PLACES or not text:
            raise ValueError(
                f"{source} row {number}: expected kind, mode (line, label, lead, regex or network), "
                f"place (any or edge), lang, text; got {dict(row)!r}"
            )
        if mode == "regex":
            hints = tuple(h.strip().casefold() for h in words.split(",") if h.strip())
            if not hints:
                raise ValueError(f"{source} row {number}: a regex row lists words in its sixth column")
            try:
                _compiled(text, True)
            except regex.error as exc:
                raise ValueError(f"{source} row {number}: regex does not compile: {exc}") from None
            regexes.append(Entry(kind, mode, place, lang, text, "", text, hints))
            continue
        if words:
            raise ValueError(f"{source} row {number}: only a regex row has a sixth column")
        if mode == "network":
            word = text.casefold()
            if len(word.split()) != 1:
                raise ValueError(f"{source} row {number}: a network row holds one word, not {text!r}")
            network.setdefault(word, Entry(kind, mode, place, lang, text, word, regex.escape(word)))
            continue
        key = normalize(text)
        if not key:
            raise ValueError(f"{source} row {number}: empty phrase")
        entry = Entry(kind, mode, place, lang, text, key, _literal(text.strip(_DECOR)))
        if mode != "lead":
            existing = lines.get(key)
            if existing is None or (existing.place == "edge" and place == "any"):
                lines[key] = entry
        if mode in ("label", "lead") or entry.gluable:
            heads.setdefault(_first_key(key), []).append(entry)
        if entry.gluable and mode == "line":
            tails.setdefault(_last_key(key), []).append(entry)

    def longest_first(found: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
        return {k: tuple(sorted(v, key=lambda e: -len(e.key))) for k, v in found.items()}

    hints = tuple(sorted({h for e in regexes for h in e.hints}, key=len))
    openers = frozenset({_first_key(k) for k in lines} | set(heads) | _SOCIAL)
    return Library(lines, longest_first(heads), longest_first(tails), tuple(regexes), hints, openers, network)


@lru_cache(maxsize=16)
def library_of(lines_table: Table) -> Library:
    """The compiled library of one loaded table (tables are built once per set of rule folders)."""
    missing = [c for c in COLUMNS[:5] if c not in lines_table.columns]
    if missing:
        raise ValueError(f"table {lines_table.name} has no column(s) {', '.join(missing)}")
    return build_library(lines_table.rows, source=" + ".join(lines_table.sources) or lines_table.name)


def library() -> Library:
    """The library of the built-in table alone."""
    builtin = load_tables((resources.files("auditor_rules"),))  # type: ignore[arg-type]
    return library_of(builtin["boilerplate/lines"])


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
    {
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "email",
        "e-mail",
        "mail",
        "print",
        "linkedin",
        "pinterest",
        "reddit",
        "tumblr",
        "share",
        "tweet",
        "pin",
        "messenger",
        "vk",
        "vkontakte",
        "odnoklassniki",
        "weibo",
        "wechat",
        "viber",
        "flipboard",
        "pocket",
        "google+",
        "skype",
        "sms",
        "copy",
        "link",
        "instagram",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "mastodon",
        "partager",
        "teilen",
        "compartir",
        "compartilhar",
        "condividi",
        "поделиться",
        "paylaş",
        "شارك",
        "分享",
        "微信",
        "微博",
        "qq",
        "imprimer",
        "drucken",
        "imprimir",
    }
)
_TOKEN_SPLIT = regex.compile(r"[\s|/•·,]+")
_MENU_SPLIT = regex.compile(r"\s*[|•·»›]\s*|\s+/\s+|\s+[-–]\s+")


#: Social networks a follow line names, as the stems of their inflected forms ("Facebooku",
#: "Twitter'da", "Facebookissa", "Instagramie").
NETWORKS = (
    "facebook",
    "twitter",
    "instagram",
    "telegram",
    "youtube",
    "linkedin",
    "tiktok",
    "whatsapp",
    "vkontakte",
    "вконтакте",
    "фейсбук",
    "твиттер",
    "телеграм",
    "mastodon",
    "bluesky",
    "pinterest",
)
_NETWORK_LINE_MAX = 80
_NETWORK_WORDS = regex.compile(r"[\p{L}\p{M}]+")


def _network_line(lib: Library, text: str, index: int, start: int, end: int) -> Found | None:
    """A short line that names a social network and holds a word of a ``network`` row, in 2-8 words,
    with no sentence inside it ("Följ oss på Facebook", "Obserwuj nas na Facebooku", "Bizi
    Twitter'da takip edin"); "Facebook fined again" and "Ärger bei Facebook" hold no such word."""
    line = text[start:end].casefold()
    if not any(n in line for n in NETWORKS):
        return None
    words = _NETWORK_WORDS.findall(line)
    if not 2 <= len(words) <= 8 or line.rstrip()[-1:] in '."”»' or _SENTENCE_INSIDE.search(text, start, end):
        return None  # a sentence that names a network ("Facebook declined to tell us more.")
    if not any(w.startswith(NETWORKS) for w in words):
        return None
    for w in words:
        entry = lib.network.get(w)
        if entry is not None:
            return Found(start, end, index, entry.kind, entry.place, "network")
    return None


def _social_line(line: str) -> bool:
    if len(line) > 120:
        return False
    first = line.split(None, 1)[0].strip(_DECOR).casefold()
    if first not in _SOCIAL:
        return False
    tokens = [t.strip(_DECOR).casefold() for t in _TOKEN_SPLIT.split(line)]
    tokens = [t for t in tokens if t]
    names = [t for t in tokens if t in _SOCIAL]
    # two different buttons at least: "X X X" is a section break, not a row of share buttons
    return len(set(names)) >= 2 and all(t in _SOCIAL or t.isdigit() for t in tokens)


def _menu_line(line: str) -> bool:
    """ "Home | News | World" or "Home » Europe » France": three or more short items."""
    if len(line) > 160 or not any(c in line for c in "|•·»›/-–"):
        return False
    items = [i.strip() for i in _MENU_SPLIT.split(line)]
    items = [i for i in items if i]
    if len(items) < 3:
        return False
    for item in items:
        words = item.split()
        if len(words) > 4 or len(item) > 32 or item[-1] in '.!?,;"”' or not item[0].isupper():
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
    key = _first_key(text[begin : space if space > 0 else min(end, begin + 24)].casefold().replace("’", "'"))
    for entry in lib.heads.get(key, ()):
        m = entry.pattern.match(text, begin, end)
        if m is None:
            continue
        after = m.end()
        rest = text[after:end]
        if not rest.strip(_DECOR):
            return Found(begin, end, index, entry.kind, entry.place, "line")
        if (
            len(rest) <= _WHOLE_LINE_MAX
            and rest[0] in " \t|·•:：."
            and (normalize(rest) in lib.lines or _social_line(rest.strip(_DECOR)))
        ):
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


_SENTENCE_END = '.!?"”’)'


def _tail(lib: Library, text: str, index: int, start: int, end: int) -> Found | None:
    """A phrase glued to the end of the paragraph ("... the talks.Leave a Reply")."""
    stop = end
    while stop > start and text[stop - 1] in _DECOR:
        stop -= 1
    space = text.rfind(" ", max(start, stop - 24), stop)
    key = _last_key(text[space + 1 if space >= 0 else max(start, stop - 24) : stop].casefold().replace("’", "'"))
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
    word = text[start : space if space >= 0 else stop].casefold()
    if word and word[-1] in _OPENING_DECOR:
        word = word.strip(_DECOR)
    return start, word


def scan(doc: Document, lib: Library | None = None) -> tuple[Found, ...]:
    """Every boilerplate line of ``doc`` by ``lib`` (the built-in library by default), once per document."""
    lib = lib or library()
    memo: dict[Library, tuple[Found, ...]] = doc.__dict__.setdefault("_memo", {}).setdefault("boilerplate.scan", {})
    if lib not in memo:
        memo[lib] = _scan(doc, lib)
    return memo[lib]


def _scan(doc: Document, lib: Library) -> tuple[Found, ...]:
    """Every boilerplate line of ``doc``, position rules applied, in reading order.

    Most paragraphs cost one first-word lookup: only a paragraph whose first word opens
    some phrase is looked at further, and only the edge paragraphs are tried against the
    regular expressions, menus and phrases glued to their end.
    """
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
            if lib.network and end - start <= _NETWORK_LINE_MAX:
                follow = _network_line(lib, text, index, start, end)
                if follow is not None:
                    found.append(follow)
            continue
        hit: Found | None = None
        if candidate or edge:
            hit = _whole_line(lib, text, index, start, end)
        if hit is None and candidate:
            hit = _head(lib, text, index, start, end)
        if hit is None and edge:
            hit = _edge_line(lib, text, index, start, end)
        if hit is None and lib.network and end - start <= _NETWORK_LINE_MAX:
            hit = _network_line(lib, text, index, start, end)
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
            if not _headline(text[para.start : para.end]):
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
                if any(h in folded for h in entry.hints) and _fullmatch(entry, text, begin, end):
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
    "network": "a line asking readers to follow a social network",
    "menu": "a menu or breadcrumb line",
    "header": "the header of a list of links",
    "listed": "a headline listed under a related-links header",
}


def _fullmatch(entry: Entry, text: str, start: int, end: int) -> bool:
    try:
        return entry.pattern.fullmatch(text, start, end, timeout=_REGEX_TIMEOUT) is not None
    except TimeoutError:
        raise TimeoutError(f"boilerplate regex {entry.text[:60]!r} ran past {_REGEX_TIMEOUT:g} s") from None


@dataclass(frozen=True)
class BoilerplateLines:
    """Options of ``boilerplate.lines``: the table, which of its kinds to report, and the edit.

    ``select`` names the rows' ``kind`` (``{kind: comment}``); the scan always reads the
    whole table, because a weak line counts next to boilerplate of any kind.  ``edit``:
    ``delete-line`` (the line with its break, or only a phrase glued to article text) or
    ``none``.  ``kind`` is the older spelling of ``select: {kind: ...}``.
    """

    table: Table = table("boilerplate/lines")  # noqa: RUF009 - a table reference, replaced at load
    select: Mapping[str, str] = field(default_factory=dict)
    kind: str = ""
    edit: Literal["none", "delete-line"] = "delete-line"
    library: Any = field(init=False, repr=False, compare=False)
    wanted: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        other = set(self.select) - {"kind"}
        if other:
            raise ValueError(f"boilerplate lines are selected by their kind only, not {', '.join(sorted(other))}")
        wanted = self.select.get("kind") or self.kind
        if not wanted or (self.kind and self.select.get("kind") not in (None, self.kind)):
            raise ValueError("name the kind of line to report: select: {kind: comment}")
        lib = library_of(self.table)
        kinds = {e.kind for e in lib.lines.values()} | {e.kind for e in lib.regexes} | {"share", "navigation"}
        if wanted not in kinds:
            raise ValueError(
                f"table {self.table.name} has no rows of kind {wanted!r} (kinds: {', '.join(sorted(kinds))})"
            )
        object.__setattr__(self, "library", lib)
        object.__setattr__(self, "wanted", wanted)


@detector("boilerplate.lines", options=BoilerplateLines)
def lines(doc: Document, options: BoilerplateLines) -> Iterator[Hit]:
    """Boilerplate lines of the selected kind (see ``rules/boilerplate/lines.tsv``), each with its deletion."""
    found = scan(doc, options.library)
    edits = _deletions(doc, found) if options.edit != "none" else {}
    for i, f in enumerate(found):
        if f.kind == options.wanted:
            yield Hit(f.start, f.end, fields={"how": _HOW[f.how]}, edits=(edits[i],) if edits else ())


def _deletions(doc: Document, found: tuple[Found, ...]) -> dict[int, Edit]:
    """The edit removing each find, computed for the whole scan so that the edits of neighbouring
    lines touch and never overlap (every BP rule's findings can be applied together)."""
    memo = doc.__dict__.setdefault("_memo", {})
    key = ("boilerplate.deletions", id(found))
    cached = memo.get(key)
    if cached is not None and cached[0] is found:
        return cached[1]  # type: ignore[no-any-return]
    whole = sorted({f.paragraph for f in found if f.how != "glued"})
    # the block of consecutive deleted lines each one belongs to, in one pass each way (linear)
    first: dict[int, int] = {}
    for p in whole:
        first[p] = first.get(p - 1, p)
    last: dict[int, int] = {}
    for p in reversed(whole):
        last[p] = last.get(p + 1, p)
    out = {}
    for i, f in enumerate(found):
        if f.how == "glued":
            out[i] = _glued_deletion(doc, f)
            continue
        out[i] = line_deletion(doc, f.paragraph, first=first[f.paragraph], last=last[f.paragraph])
    memo[key] = (found, out)  # shared by the twelve BP rules, which read one scan
    return out


def _glued_deletion(doc: Document, f: Found) -> Edit:
    """Only the phrase glued to the article's text, and the space before it."""
    text = doc.text
    para = doc.paragraphs[f.paragraph]
    if f.end < para.end:  # glued before the article's text: "Leave a ReplyCouncil approves ..."
        return Edit(para.start, f.end, "")
    start = f.start  # glued after it: "... in June.Leave a Reply" or "... in June. Share this article"
    while start > para.start and text[start - 1] in " \t":
        start -= 1
    return Edit(start, para.end, "")


def _gap(text: str, start: int, end: int) -> int:
    """Line breaks between two paragraphs."""
    return text.count("\n", start, end) or text.count("\r", start, end)


def line_deletion(doc: Document, index: int, *, first: int | None = None, last: int | None = None) -> Edit:
    """Delete paragraph ``index`` (a line) with its line break, inside a block ``first..last`` of deleted lines.

    Each line of a block takes the breaks on one side of it, so that the wider break around
    the block stays ("A\n\nLINE\nB" and "A\nLINE\n\nB" -> "A\n\nB"); a block that ends the article
    takes the breaks before it ("A\n\nL1\nL2" -> "A"), so no blank lines trail.  Neighbouring
    lines' edits touch, never overlap.
    """
    text = doc.text
    paragraphs = doc.paragraphs
    first = index if first is None else first
    last = index if last is None else last
    para = paragraphs[index]
    if first > 0 and (
        last == len(paragraphs) - 1
        or _gap(text, paragraphs[last].end, paragraphs[last + 1].start)
        > _gap(text, paragraphs[first - 1].end, paragraphs[first].start)
    ):
        end = para.end
        while end < len(text) and text[end] in " \t":
            end += 1
        return Edit(paragraphs[index - 1].end, end, "")
    start = text.rfind("\n", 0, para.start) + 1
    if index + 1 < len(paragraphs):
        return Edit(start, text.rfind("\n", 0, paragraphs[index + 1].start) + 1, "")
    return Edit(start, len(text), "")
