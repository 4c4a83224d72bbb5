"""Detectors of the names rules (NM101-NM104): garbled and inconsistent names in one article.

The work happens once per document in ``names_analysis.analyse``; each rule reports its
own kind of issue from it.  Batch consistency across files (NM105) is in ``names_batch``.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.detectors.names_analysis import analyse
from auditor.detectors.names_article import INCONSISTENT, NEAR_MISS, ORG, VARIANT
from auditor.document import Document
from auditor.model import Hit
from auditor.registry import NoOptions, detector


def _hits(doc: Document, kind: str) -> Iterator[Hit]:
    for issue in analyse(doc).of(kind):
        yield Hit(issue.start, issue.end, suggestion=issue.suggestion,
                  fields={"suggestion": issue.suggestion, "reason": issue.reason})


@detector("names.near_miss")
def near_miss(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """NM101: a known person's name misspelt ("Anthony Brinken" for Antony Blinken)."""
    return _hits(doc, NEAR_MISS)


@detector("names.organisation")
def organisation(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """NM102: an organisation or named infrastructure misnamed ("North Stream 2")."""
    return _hits(doc, ORG)


@detector("names.inconsistent")
def inconsistent(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """NM103: one name spelt two ways in one article; the wrong form is reported."""
    return _hits(doc, INCONSISTENT)


@detector("names.variants")
def variants(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """NM104: two accepted spellings of one name mixed in one article (Kiev and Kyiv)."""
    return _hits(doc, VARIANT)
