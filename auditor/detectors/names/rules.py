"""Detectors of the names rules (NM101-NM104): garbled and inconsistent names in one article.

The work happens once per document in ``analysis.analyse``; each rule reports its own
kind of issue from it, with an UNSAFE edit to the name it should be (a garble may be a
namesake: an editor glances first).  The people and organisations come from the
gazetteer with the house rows of the ``names/curated_people`` and ``names/curated_orgs``
tables merged in.  Batch consistency across files (NM105) is in ``batch``.

NM104 (accepted variants mixed) is the ``consistency`` kind over the ``names/variants``
table plus what no table can list: the alternate names of every city in the gazetteer
where the article uses them as place names, and transliterations of any surname.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from auditor.detectors.names.analysis import analyse
from auditor.detectors.names.article import INCONSISTENT, NEAR_MISS, ORG, VARIANT
from auditor.detectors.names.consistency import gloss
from auditor.detectors.names.gazetteer import NameTables
from auditor.document import Document
from auditor.kinds.consistency import Consistency, mixed
from auditor.model import Edit, Hit
from auditor.registry import detector
from auditor.tables import Table, table


def _hits(doc: Document, kind: str, options: NameTables) -> Iterator[Hit]:
    for issue in analyse(doc, options.gazetteer()).of(kind):
        yield Hit(
            issue.start,
            issue.end,
            suggestion=issue.suggestion,
            fields={"suggestion": issue.suggestion, "reason": issue.reason},
            edits=(Edit(issue.start, issue.end, issue.suggestion),),
        )


@detector("names.near_miss", options=NameTables)
def near_miss(doc: Document, options: NameTables) -> Iterator[Hit]:
    """NM101: a known person's name misspelt ("Anthony Brinken" for Antony Blinken)."""
    return _hits(doc, NEAR_MISS, options)


@detector("names.organisation", options=NameTables)
def organisation(doc: Document, options: NameTables) -> Iterator[Hit]:
    """NM102: an organisation or named infrastructure misnamed ("North Stream 2")."""
    return _hits(doc, ORG, options)


@detector("names.inconsistent", options=NameTables)
def inconsistent(doc: Document, options: NameTables) -> Iterator[Hit]:
    """NM103: one name spelt two ways in one article; the wrong form is reported."""
    return _hits(doc, INCONSISTENT, options)


@dataclass(frozen=True)
class VariantOptions(NameTables):
    """NM104: the variant sets of ``names/variants`` (house sets included) beside the gazetteer's."""

    variants: Table = table("names/variants")  # noqa: RUF009 - a table reference, replaced at load
    sets: Consistency = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", Consistency(table=self.variants))


@detector("names.variants", options=VariantOptions)
def variants(doc: Document, options: VariantOptions) -> Iterator[Hit]:
    """NM104: two accepted spellings of one name mixed in one article (Kiev and Kyiv)."""
    found = list(_hits(doc, VARIANT, options))
    taken = [(h.start or 0, h.end or 0) for h in found]
    for start, end, _, major, n in mixed(doc.text, options.sets):
        if any(s < end and start < e for s, e in taken) or gloss(doc.text, start):
            continue
        reason = f"{major} and {doc.text[start:end]} name the same; the article uses {major} " + (
            "first" if n == 1 else "more"
        )
        found.append(
            Hit(
                start,
                end,
                suggestion=major,
                fields={"suggestion": major, "reason": reason},
                edits=(Edit(start, end, major),),
            )
        )
    return iter(sorted(found, key=lambda h: (h.start or 0, h.end or 0)))
