"""Pattern rows behind a keyed prefilter: the matching of ``substitution`` tables with a ``pattern`` column.

A row (one mapping of a table such as ``translation/calques``):

- ``id``: kebab-case, unique in the table;
- ``key``: one or more lower-case literals.  A key that starts with a letter or
  digit must start a word (after a space, a line break, an opening quotation mark,
  or at the start of the text); any other key (``«``) is found anywhere.  Keep
  keys rare: they are the only cost a clean article pays;
- ``pattern``: a Python ``re`` pattern tried where the key starts (or, with
  ``back: N``, up to N characters before it) and up to 120 characters after; it is
  case-sensitive unless it says ``(?i)``; ``after: N`` (up to 400) lets it reach further; a group
  named ``flag`` narrows the reported span; other named groups fill the templates;
- ``replacement``: the template of the edit (``{group}``, ``{group:lower}``,
  ``{match}``): what the reported span becomes;
- ``suggestion``: advice shown when the row has no replacement (no edit);
- ``fix``: ``safe``, ``unsafe`` or ``none`` (no edit); empty: the rule's ``fix``;
- ``severity``: optional, ``info`` for rows that are only probably wrong;
- ``note``, ``source``: why it is wrong and where it comes from (for the message);
- ``fail``/``pass``: the row's own examples (``[[marked]]`` spans, or
  ``{text, fix}``), run by the test suite.

Every row is compiled when the rule loads; a row whose pattern does not compile,
or whose template names a group the pattern lacks, is an error naming the table
and its files (exit 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.kinds.common import match_case
from auditor.model import Edit, Hit, Severity
from auditor.tables import Table
from auditor.wording import fill, placeholders

#: How far after its key a row's pattern may reach; how far before is the row's ``back``.
AFTER = 120
MAX_BACK = 60
MAX_AFTER = 400
FIXES = ("", "safe", "unsafe", "none")
#: Fields every row's templates may use besides its pattern's named groups.
ROW_FIELDS = frozenset({"match", "note", "source", "row", "calque"})


class Group(str):
    """A matched group in a template: ``{unit:lower}``, ``{unit:upper}``, ``{unit:title}`` change its case."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec in ("lower", "upper", "title", "capitalize"):
            return str(getattr(str(self), spec)())
        return format(str(self), spec)


@dataclass(frozen=True, slots=True)
class PatternRow:
    """One row: where to look, what is wrong, and what to write instead."""

    id: str
    keys: tuple[str, ...]
    pattern: re.Pattern[str]
    replacement: str | None
    suggestion: str | None
    note: str = ""
    source: str = ""
    severity: Severity | None = None
    fix: str = ""
    back: int = 0
    after: int = AFTER
    fail: tuple[Any, ...] = ()
    passing: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class KeyedPatterns:
    rows: tuple[PatternRow, ...]
    scanners: tuple[re.Pattern[str], ...]
    anywhere: re.Pattern[str] | None
    by_key: Mapping[str, tuple[PatternRow, ...]]


def _list(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    raise ValueError(f"expected text or a list, got {value!r}")


def parse_row(raw: Mapping[str, Any], index: int) -> PatternRow:
    """One row; ``ValueError`` naming the row when it is malformed."""
    ident = str(raw.get("id") or f"#{index}")
    try:
        keys = _list(raw.get("key"))
        if not keys or any(not k or k != k.lower() for k in keys):
            raise ValueError("key must be one or more non-empty lower-case literals")
        back = int(raw.get("back") or 0)
        if not 0 <= back <= MAX_BACK:
            raise ValueError(f"back must be between 0 and {MAX_BACK}")
        after = int(raw.get("after") or AFTER)
        if not 1 <= after <= MAX_AFTER:
            raise ValueError(f"after must be between 1 and {MAX_AFTER}")
        try:
            pattern = re.compile(str(raw["pattern"]))
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        replacement = str(raw["replacement"]) if raw.get("replacement") else None
        suggestion = str(raw["suggestion"]) if raw.get("suggestion") else None
        if replacement is None and suggestion is None:
            raise ValueError("a row has a replacement (the edit) or a suggestion (advice)")
        for template in (replacement, suggestion):
            missing = placeholders(template) - set(pattern.groupindex) - ROW_FIELDS
            if missing:
                raise ValueError(
                    f"template {template!r} names {', '.join(sorted(missing))}, which the pattern does not capture"
                )
        fix = str(raw.get("fix") or "")
        if fix not in FIXES:
            raise ValueError(f"fix must be safe, unsafe or none, not {fix!r}")
        severity = raw.get("severity")
        return PatternRow(
            id=ident,
            keys=keys,
            pattern=pattern,
            replacement=replacement,
            suggestion=suggestion,
            note=str(raw.get("note") or ""),
            source=str(raw.get("source") or ""),
            severity=Severity.parse(str(severity)) if severity else None,
            fix=fix,
            back=back,
            after=after,
            fail=tuple(raw.get("fail") or ()),
            passing=tuple(raw.get("pass") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"row {ident!r}: {exc}") from None


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


def build_keyed(table: Table | Sequence[Mapping[str, Any]]) -> KeyedPatterns:
    """The rows of ``table`` that have a pattern, compiled; ``ValueError`` naming the table and row."""
    name = table.name if isinstance(table, Table) else "rows"
    where = f"table {name}" + (f" ({', '.join(table.sources)})" if isinstance(table, Table) else "")
    try:
        rows = tuple(parse_row(r, i) for i, r in enumerate(table, 1) if str(r.get("pattern") or "").strip())
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    ids = [r.id for r in rows]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"{where}: duplicate row ids: {', '.join(sorted(duplicates))}")
    by_key: dict[str, list[PatternRow]] = {}
    for row in rows:
        for key in row.keys:
            by_key.setdefault(key, []).append(row)
    word_keys = sorted(k for k in by_key if k[0].isalnum())
    other_keys = sorted(k for k in by_key if not k[0].isalnum())
    # A word key starts a word: after a space, a line break or an opening quotation mark.  One scan per
    # character: a literal first character lets the regex engine skip ahead; a class does not.
    scanners: tuple[re.Pattern[str], ...] = ()
    if word_keys:
        trie = trie_pattern(word_keys)
        scanners = tuple(re.compile(re.escape(ch) + "(" + trie + ")") for ch in ' \n“"')
    anywhere = re.compile("(" + trie_pattern(other_keys) + ")") if other_keys else None
    # The trie matches the longest key; a shorter key that is its prefix must be tried too.
    with_prefixes = {key: tuple(r for k in sorted(by_key) if key.startswith(k) for r in by_key[k]) for key in by_key}
    return KeyedPatterns(rows, scanners, anywhere, with_prefixes)


def find_keyed(
    text: str, keyed: KeyedPatterns, *, low: str | None = None
) -> Iterator[tuple[int, int, PatternRow, dict[str, str]]]:
    """Every (start, end, row, groups) in ``text``, in order of the keys found, without duplicates.

    ``low`` is the text lower-cased offset for offset (``Document.lower``), when the caller has it.
    """
    if low is None:
        low = (
            text.lower()
            if len(text.lower()) == len(text)
            else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        )
    starts = [(m.start(1), m.group(1)) for scanner in keyed.scanners for m in scanner.finditer(low)]
    if keyed.scanners:
        head = keyed.scanners[0].match(" " + low[:64])
        if head is not None:
            starts.insert(0, (0, head.group(1)))
    if keyed.anywhere is not None:
        starts += [(m.start(1), m.group(1)) for m in keyed.anywhere.finditer(low)]
    seen: set[tuple[int, int, str]] = set()
    for pos, key in sorted(starts):
        for row in keyed.by_key[key]:
            end_window = min(len(text), pos + row.after)
            if row.back:
                found = []
                for m in row.pattern.finditer(text, max(0, pos - row.back), end_window):
                    if m.start() > pos:
                        break
                    if pos < m.end():
                        found.append(m)
            else:
                at = row.pattern.match(text, pos, end_window)
                found = [at] if at is not None else []
            for m in found:
                start, end = m.span("flag") if "flag" in m.re.groupindex and m.start("flag") >= 0 else m.span()
                if start == end or (start, end, row.id) in seen:
                    continue
                seen.add((start, end, row.id))
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                yield start, end, row, groups


def row_hit(text: str, start: int, end: int, row: PatternRow, groups: Mapping[str, str]) -> Hit:
    """The hit of ``row`` at ``[start, end)``: its message fields, suggestion and (when it has one) edit."""
    match = text[start:end]
    fields: dict[str, str] = {k: Group(v) for k, v in groups.items()}
    fields.update(match=Group(match), note=row.note, source=row.source, row=row.id, calque=row.id)
    edits: tuple[Edit, ...] = ()
    if row.replacement is not None:
        suggestion = match_case(match, fill(row.replacement, fields) or "")
        if row.fix != "none":
            edits = (Edit(start, end, suggestion),)
    else:
        suggestion = fill(row.suggestion, fields) or ""
    fields["suggestion"] = suggestion
    return Hit(
        start,
        end,
        suggestion=suggestion,
        severity=row.severity,
        fields={k: str(v) for k, v in fields.items()},
        edits=edits,
        applicability=row.fix if row.fix in ("safe", "unsafe") else None,
    )
