"""``existence``: phrases, a pattern or a table's rows that should not appear in an article.

Options (top-level keys of the rule): ``pattern`` (a regex; a group named ``flag``
narrows the reported span), ``phrases`` (literals, any run of spaces matching any
horizontal space), ``table`` + ``column`` + ``select`` (the phrases are a column of
a table's rows, those whose other columns equal ``select``), ``ignorecase``,
``where`` (anywhere, line: the match must be a whole line, edge: a whole line among
the first or last ``edge`` paragraphs), and the edit: ``edit: delete`` removes the
match, ``delete-line`` the whole line with its break, ``replace`` writes
``replacement`` (``{match}`` and named groups allowed).  ``needs`` lists literals of which
a match must contain one (" ,", "``"): a text without any is skipped at the cost of a
substring search, which is how a pattern rule stays free on clean articles.

``where: boilerplate-line`` reads a table in the columns of ``boilerplate/lines``
(kind, mode, place, lang, text, words) with the boilerplate scan instead of a pattern:
lines, labels, lead-ins and line regexes, placed anywhere or at the edges, as that
table's header documents.  ``select: {kind: ...}`` picks the kind reported; ``edit``
is ``delete-line`` or ``none``.  The scan is the registered ``boilerplate.lines``
detector, so a house pack's rows of the table fire like the built-in ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from auditor.document import Document
from auditor.kinds.common import Placement, Where, compile_pattern, finditer, line_with_break, literal, trim
from auditor.model import Edit, Hit
from auditor.registry import detector, lookup
from auditor.tables import Table
from auditor.wording import fill

EditKind = Literal["none", "delete", "delete-line", "replace"]
ExistenceWhere = Literal["anywhere", "line", "edge", "boilerplate-line"]
#: ``where`` values handed to a registered line scanner instead of a pattern.
SCANNERS = {"boilerplate-line": "boilerplate.lines"}


def phrase_pattern(phrases: list[str]) -> str:
    body = "|".join(literal(p) for p in sorted(set(phrases), key=len, reverse=True))
    return rf"(?<!\w)(?:{body})(?!\w)"


def table_phrases(table: Table | None, column: str, select: Mapping[str, str]) -> list[str]:
    if table is None:
        return []
    if column not in table.columns:
        raise ValueError(f"table {table.name} has no column {column!r} (columns: {', '.join(table.columns)})")
    rows = table.where(**select) if select else table.rows
    return [str(row[column]) for row in rows if str(row.get(column) or "").strip()]


@dataclass(frozen=True)
class Existence:
    pattern: str | None = None
    phrases: tuple[str, ...] = ()
    table: Table | None = None
    column: str = "value"
    select: Mapping[str, str] = field(default_factory=dict)
    ignorecase: bool | None = None
    where: ExistenceWhere = "anywhere"
    edge: int = 4
    edit: EditKind = "none"
    replacement: str = ""
    needs: tuple[str, ...] = ()
    compiled: Any = field(init=False, repr=False, compare=False)
    placement: Placement = field(init=False, repr=False, compare=False)
    scanner: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.where in SCANNERS:
            if self.table is None or self.pattern is not None or self.phrases:
                raise ValueError(
                    f"where: {self.where} reads a table (e.g. table: boilerplate/lines), not a pattern or phrases"
                )
            if self.edit not in ("none", "delete-line"):
                raise ValueError(f"where: {self.where} takes edit: delete-line or none")
            spec = lookup(SCANNERS[self.where])
            object.__setattr__(
                self, "scanner", (spec.function, spec.options(table=self.table, select=self.select, edit=self.edit))
            )
            return
        if self.edge < 1:
            raise ValueError("edge is a count of paragraphs, at least 1")
        phrases = [*self.phrases, *table_phrases(self.table, self.column, self.select)]
        if (self.pattern is None) == (not phrases):
            raise ValueError("an existence rule has a pattern, or phrases (a list or a table), not both")
        if self.pattern is not None:
            body, ignorecase = self.pattern, bool(self.ignorecase)
        else:
            body, ignorecase = phrase_pattern(phrases), self.ignorecase is not False
        placement = Placement(cast(Where, self.where), self.edge)
        object.__setattr__(self, "placement", placement)
        object.__setattr__(self, "compiled", compile_pattern(placement.wrap(body), ignorecase=ignorecase))


@detector("existence", options=Existence)
def existence(doc: Document, o: Existence) -> Iterator[Hit]:
    """Every match of the pattern or phrase list, where the placement allows it."""
    if o.scanner is not None:
        function, options = o.scanner
        yield from function(doc, options)
        return
    text = doc.text
    if o.needs and not any(literal in text for literal in o.needs):
        return  # the prefilter: no match can exist without one of these literals
    has_flag = "flag" in o.compiled.groupindex
    for m in finditer(o.compiled, text):
        start, end = m.span("flag") if has_flag and m.start("flag") >= 0 else m.span()
        if o.where != "anywhere":
            start, end = trim(text, start, end)
        if start == end or not o.placement.allows(doc, start):
            continue
        fields = {"match": text[start:end], **{k: v for k, v in m.groupdict().items() if v is not None}}
        yield Hit(start, end, fields=fields, edits=edits_for(text, start, end, o.edit, o.replacement, fields))


def edits_for(
    text: str, start: int, end: int, kind: str, replacement: str, fields: Mapping[str, str]
) -> tuple[Edit, ...]:
    if kind == "delete":
        return (Edit(*_with_space(text, start, end), ""),)
    if kind == "delete-line":
        return (Edit(*line_with_break(text, start, end), ""),)
    if kind == "replace":
        return (Edit(start, end, fill(replacement, fields) or ""),)
    return ()


def _with_space(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` and one space beside it, so that deleting it leaves no double space."""
    if end < len(text) and text[end] in " \t" and (start == 0 or text[start - 1] in " \t\n"):
        return start, end + 1
    if start > 0 and text[start - 1] in " \t" and (end == len(text) or text[end] in " \t\n.,;:!?"):
        return start - 1, end
    return start, end
