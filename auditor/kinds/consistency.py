"""``consistency``: accepted variants of one term mixed in one article (Kyiv and Kiev).

Options: ``table`` (a table of variant sets with the columns ``preferred`` and
``variants``, the variants ``;``-separated) and/or ``sets`` (a list of lists in the
rule), ``ignorecase`` (default false: "Kiev" is a name, "kiev" is not).  Each form is
matched as a whole word ("Kiev's" and "pro-Kiev" count, "Kievan" does not).  In an article that
writes two forms of one set, the form it
uses most (on a tie, the one it uses first) is the article's; every occurrence of the
other forms is reported, with an edit to the article's form.  Which form is preferred
in general does not matter here: either is right, the article should use one.  Fields:
``match``, ``suggestion``, ``reason``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from auditor.document import Document
from auditor.kinds.common import compile_pattern, finditer, match_case
from auditor.kinds.existence import phrase_pattern
from auditor.model import Edit, Hit
from auditor.registry import detector
from auditor.tables import Table


def variant_sets(tbl: Table) -> list[tuple[str, ...]]:
    """The variant sets of a table in the columns ``preferred`` and ``variants`` (``;``-separated)."""
    missing = {"preferred", "variants"} - set(tbl.columns)
    if missing:
        raise ValueError(f"table {tbl.name} needs the columns preferred and variants")
    out = []
    for row in tbl:
        forms = [str(row["preferred"]).strip(), *(v.strip() for v in str(row.get("variants") or "").split(";"))]
        out.append(tuple(dict.fromkeys(f for f in forms if f)))
    return out


@dataclass(frozen=True)
class Consistency:
    table: Table | None = None
    sets: tuple[tuple[str, ...], ...] = ()
    ignorecase: bool = False
    compiled: Any = field(init=False, repr=False, compare=False)
    owner: dict[str, int] = field(init=False, repr=False, compare=False)
    """Form (case-folded when ``ignorecase``) -> the index of its set."""

    def __post_init__(self) -> None:
        sets = [tuple(s) for s in self.sets] + ([] if self.table is None else variant_sets(self.table))
        sets = [s for s in sets if len(s) >= 2]
        if not sets:
            raise ValueError("a consistency rule needs sets (lists of two forms or more) or a table of variant sets")
        owner: dict[str, int] = {}
        for i, forms in enumerate(sets):
            for form in forms:
                owner.setdefault(self.key(form), i)
        object.__setattr__(self, "owner", owner)
        body = phrase_pattern([f for s in sets for f in s])
        object.__setattr__(self, "compiled", compile_pattern(rf"(?<!\w)(?:{body})(?!\w)", ignorecase=self.ignorecase))

    def key(self, form: str) -> str:
        form = " ".join(form.split())
        return form.casefold() if self.ignorecase else form


def mixed(text: str, o: Consistency) -> list[tuple[int, int, str, str, int]]:
    """(start, end, found, the article's form, how often the article writes it) of every
    minority variant in ``text``, in text order."""
    seen: dict[int, dict[str, list[tuple[int, int, str]]]] = {}
    for m in finditer(o.compiled, text):
        found = m.group()
        k = o.key(found)
        group = o.owner.get(k)
        if group is not None:
            seen.setdefault(group, {}).setdefault(k, []).append((m.start(), m.end(), found))
    out: list[tuple[int, int, str, str, int]] = []
    for forms in seen.values():
        if len(forms) < 2:
            continue
        # most used first; on a tie, the one used first (dicts keep first-occurrence order)
        major = max(forms, key=lambda f: len(forms[f]))
        display = forms[major][0][2]
        for form, places in forms.items():
            if form != major:
                out.extend((s, e, found, display, len(forms[major])) for s, e, found in places)
    return sorted(out)


@detector("consistency", options=Consistency)
def consistency(doc: Document, o: Consistency) -> Iterator[Hit]:
    """Each rarer (or later) accepted variant, with an edit to the form the article uses most."""
    for start, end, found, major, n in mixed(doc.text, o):
        right = match_case(found, major) if o.ignorecase else major
        reason = f"the article writes '{major}' {'once, first' if n == 1 else f'{n} times'}"
        yield Hit(
            start,
            end,
            suggestion=right,
            fields={"match": found, "suggestion": right, "reason": reason},
            edits=(Edit(start, end, right),),
        )
