"""``substitution``: a table of wrong forms and what to write instead.

Options: ``swap`` (a mapping, wrong -> right, in the rule) and/or ``table`` (a
table with the columns ``wrong`` and ``right``), ``ignorecase`` (default true),
``where``/``edge`` as for existence, ``words`` (default true: a wrong form must
stand as a whole word; false: anywhere, e.g. a ligature character inside a word).
The suggestion and the edit keep the case of
what was found ("White Home" -> "White House", "WHITE HOME" -> "WHITE HOUSE").

**Pattern rows.**  A table may instead (or as well) hold rows with a ``pattern``
(a Python ``re`` pattern) and the literal ``key`` (one or a list, lower case) that
must start a word for the pattern to be tried; see ``auditor/kinds/keyed.py``
for every column (``replacement``, ``suggestion``, ``back``, ``severity``,
``fix``, ``note``, ``source``, ``id``, ``fail``/``pass``).  One scan of the
lower-cased text finds the keys, so a clean article pays one scan however long
the table.  A row's ``replacement`` is a template (``{group}``, ``{group:lower}``)
filling the edit; a row with only a ``suggestion`` gives advice and no edit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from auditor.document import Document
from auditor.kinds.common import Placement, Where, compile_pattern, finditer, literal, match_case, normalise, trim
from auditor.kinds.existence import phrase_pattern
from auditor.kinds.keyed import KeyedPatterns, build_keyed, find_keyed, row_hit
from auditor.model import Edit, Hit
from auditor.registry import detector
from auditor.tables import Table


@dataclass(frozen=True)
class Substitution:
    swap: Mapping[str, str] = field(default_factory=dict)
    table: Table | None = None
    ignorecase: bool = True
    where: Where = "anywhere"
    edge: int = 4
    words: bool = True
    compiled: Any = field(init=False, repr=False, compare=False)
    placement: Placement = field(init=False, repr=False, compare=False)
    right: Mapping[str, str] = field(init=False, repr=False, compare=False)
    keyed: KeyedPatterns | None = field(init=False, repr=False, compare=False)
    needles: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """When every wrong form is one character matched anywhere: those characters (a text holding
    none of them is passed over with a few fast ``in`` tests instead of a regex scan)."""

    def __post_init__(self) -> None:
        pairs = dict(self.swap)
        keyed = None
        if self.table is not None:
            columns = set(self.table.columns)
            if "pattern" in columns:
                keyed = build_keyed(self.table)
            elif {"wrong", "right"} - columns:
                raise ValueError(f"table {self.table.name} needs the columns wrong and right (or pattern rows)")
            if {"wrong", "right"} <= columns:
                pairs.update(
                    (str(r["wrong"]), str(r["right"])) for r in self.table if str(r.get("wrong") or "").strip()
                )
        if not pairs and (keyed is None or not keyed.rows):
            raise ValueError("a substitution rule needs swap (wrong: right) or a table of wrong and right")
        object.__setattr__(self, "keyed", keyed)
        key = normalise if self.ignorecase else (lambda s: " ".join(s.split()))
        object.__setattr__(self, "right", {key(k): v for k, v in pairs.items()})
        placement = Placement(self.where, self.edge)
        object.__setattr__(self, "placement", placement)
        compiled = None
        single = bool(pairs) and not self.words and self.where == "anywhere" and all(len(w) == 1 for w in pairs)
        needles = {w.lower() for w in pairs} | {w.upper() for w in pairs} if self.ignorecase else set(pairs)
        object.__setattr__(self, "needles", tuple(sorted(needles)) if single and len(needles) <= 64 else ())
        if pairs:
            body = phrase_pattern(list(pairs)) if self.words else _anywhere(list(pairs))
            compiled = compile_pattern(placement.wrap(body), ignorecase=self.ignorecase)
        object.__setattr__(self, "compiled", compiled)

    def lookup(self, found: str) -> str | None:
        return self.right.get(normalise(found) if self.ignorecase else " ".join(found.split()))


def _anywhere(wrong: list[str]) -> str:
    """The wrong forms wherever they stand; single characters as one character class."""
    if all(len(w) == 1 for w in wrong):
        return "[" + "".join(regex.escape(w) for w in sorted(set(wrong))) + "]"
    return "|".join(literal(w) for w in sorted(set(wrong), key=len, reverse=True))


@detector("substitution", options=Substitution)
def substitution(doc: Document, o: Substitution) -> Iterator[Hit]:
    """Each wrong form, with the right one as its suggestion and edit; each pattern row that matches."""
    text = doc.text
    if o.compiled is not None and (not o.needles or any(c in text for c in o.needles)):
        for m in finditer(o.compiled, text):
            start, end = trim(text, *m.span()) if o.where != "anywhere" else m.span()
            if start == end or not o.placement.allows(doc, start):
                continue
            found = text[start:end]
            right = o.lookup(found)
            if right is None:  # pragma: no cover - the pattern holds only the table's keys
                continue
            right = match_case(found, right)
            yield Hit(
                start,
                end,
                suggestion=right,
                fields={"match": found, "suggestion": right},
                edits=(Edit(start, end, right),),
            )
    if o.keyed is not None:
        for start, end, row, groups in find_keyed(text, o.keyed, low=doc.lower):
            if o.placement.allows(doc, start):
                yield row_hit(text, start, end, row, groups)
