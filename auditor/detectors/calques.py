"""Literal calques and spun phrases from a lexicon (rule TR107, ``rules/translation/calques.yaml``).

A lexicon entry has lower-case *keys* and a *pattern*.  One regex built from all
the keys (a trie, anchored on the space before a word) scans the lower-cased
text once; only where a key starts a word is its entry's pattern tried, in a
window around the key.  A clean article therefore pays one scan, whatever the
size of the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.document import Document
from auditor.model import Hit, Severity
from auditor.registry import detector
from auditor.wording import fill

#: How far after its key an entry's pattern may reach; how far before is the entry's ``back``.
AFTER = 120
MAX_BACK = 60


@dataclass(frozen=True, slots=True)
class Calque:
    """One lexicon entry: where to look, what is wrong, and what to write instead."""

    id: str
    keys: tuple[str, ...]
    pattern: re.Pattern[str]
    suggestion: str
    note: str
    source: str
    severity: Severity | None = None
    back: int = 0
    """How many characters before its key a match may start ("the Russian " before "guide")."""
    fail: tuple[str, ...] = ()
    passing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[Calque, ...]
    scanners: tuple[re.Pattern[str], ...]
    by_key: Mapping[str, tuple[Calque, ...]]


def parse_entry(raw: Mapping[str, Any]) -> Calque:
    """One entry of ``options.entries``; raises ``ValueError`` naming the entry when it is malformed."""
    ident = str(raw.get("id", "?"))
    try:
        keys = raw["key"]
        keys = (keys,) if isinstance(keys, str) else tuple(keys)
        if not keys or any(not k or k != k.lower() for k in keys):
            raise ValueError("keys must be non-empty lower-case text")
        severity = raw.get("severity")
        back = int(raw.get("back", 0))
        if not 0 <= back <= MAX_BACK:
            raise ValueError(f"back must be between 0 and {MAX_BACK}")
        return Calque(
            id=ident,
            keys=tuple(str(k) for k in keys),
            pattern=re.compile(str(raw["pattern"])),
            suggestion=str(raw["suggestion"]),
            note=str(raw["note"]),
            source=str(raw.get("source", "")),
            severity=Severity.parse(severity) if severity else None,
            back=back,
            fail=tuple(raw.get("fail", ())),
            passing=tuple(raw.get("pass", ())),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"calque entry {ident!r}: {exc}") from None


def trie_pattern(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` factored by common prefix, so each position is tried once."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def build_lexicon(raw_entries: Sequence[Mapping[str, Any]]) -> Lexicon:
    entries = tuple(parse_entry(e) for e in raw_entries)
    ids = [e.id for e in entries]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate calque ids: {', '.join(sorted(duplicates))}")
    by_key: dict[str, list[Calque]] = {}
    for entry in entries:
        for key in entry.keys:
            by_key.setdefault(key, []).append(entry)
    # A key starts a word: after a space, a line break or an opening quotation mark.  One scan per
    # character: a literal first character lets the regex engine skip ahead; a class does not.
    trie = trie_pattern(sorted(by_key))
    scanners = tuple(re.compile(re.escape(ch) + "(" + trie + ")") for ch in " \n“\"")
    # The trie matches the longest key; a shorter key that is its prefix must be tried too.
    with_prefixes = {
        key: tuple(e for k in sorted(by_key) if key.startswith(k) for e in by_key[k]) for key in by_key
    }
    return Lexicon(entries, scanners, with_prefixes)




@dataclass(frozen=True)
class CalqueLexicon:
    """Options of ``calques.literal_calque``: the lexicon entries, compiled when the rule loads."""

    entries: tuple[Any, ...] = ()
    lexicon: Lexicon = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lexicon", build_lexicon(self.entries))


def find_calques(text: str, lexicon: Lexicon, *, low: str | None = None) -> Iterator[tuple[int, int, Calque, dict[str, str]]]:
    """Every (start, end, entry, groups) in ``text``, in order of the keys found, without duplicates.

    ``low`` is the text lower-cased offset for offset (``Document.lower``), when the caller has it.
    """
    if low is None:
        low = Document(text).lower
    starts = [(m.start(1), m.group(1)) for scanner in lexicon.scanners for m in scanner.finditer(low)]
    head = lexicon.scanners[0].match(" " + low[:64])
    if head is not None:
        starts.insert(0, (0, head.group(1)))
    seen: set[tuple[int, int, str]] = set()
    for pos, key in sorted(starts):
        for entry in lexicon.by_key[key]:
            end_window = min(len(text), pos + AFTER)
            if entry.back:
                found = []
                for m in entry.pattern.finditer(text, max(0, pos - entry.back), end_window):
                    if m.start() > pos:
                        break
                    if pos < m.end():
                        found.append(m)
            else:
                m = entry.pattern.match(text, pos, end_window)
                found = [m] if m is not None else []
            for m in found:
                start, end = m.span("flag") if "flag" in m.re.groupindex and m.start("flag") >= 0 else m.span()
                if (start, end, entry.id) in seen:
                    continue
                seen.add((start, end, entry.id))
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                yield start, end, entry, groups


@detector("calques.literal_calque", options=CalqueLexicon)
def literal_calque(doc: Document, options: CalqueLexicon) -> Iterator[Hit]:
    """TR107: phrases of the lexicon in ``options.entries``."""
    lexicon = options.lexicon
    for start, end, entry, groups in find_calques(doc.text, lexicon, low=doc.lower):
        match = doc.text[start:end]
        fields = {**groups, "match": match, "note": entry.note, "source": entry.source, "calque": entry.id}
        suggestion = fill(entry.suggestion, fields) or ""
        fields["suggestion"] = suggestion
        yield Hit(start, end, suggestion=suggestion, severity=entry.severity, fields=fields)
