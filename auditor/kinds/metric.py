"""``metric``: a measure of the whole document outside its bounds.

Options: ``measure`` (``flesch-reading-ease``: Flesch's formula on a sample of
``sample_words`` words), ``min`` and/or ``max``.  The message may use ``{score}``
and ``{min}``/``{max}``.  A document too short to measure is not reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from auditor.document import Document
from auditor.model import Hit
from auditor.registry import detector


def _reading_ease(doc: Document, sample_words: int) -> float | None:
    from auditor.detectors.readability import flesch_reading_ease

    measured = flesch_reading_ease(doc, sample_words=sample_words)
    return None if measured is None else measured[0]


MEASURES: dict[str, Callable[[Document, int], float | None]] = {"flesch-reading-ease": _reading_ease}


@dataclass(frozen=True)
class Metric:
    measure: Literal["flesch-reading-ease"] = "flesch-reading-ease"
    min: float | None = None
    max: float | None = None
    sample_words: int = 300

    def __post_init__(self) -> None:
        if self.min is None and self.max is None:
            raise ValueError("a metric rule sets min or max")
        if self.sample_words < 30:
            raise ValueError("sample_words is at least 30")


@detector("metric", options=Metric)
def metric(doc: Document, o: Metric) -> Iterator[Hit]:
    """The document, when its measure is below ``min`` or above ``max``."""
    score = MEASURES[o.measure](doc, o.sample_words)
    if score is None:
        return
    if (o.min is not None and score < o.min) or (o.max is not None and score > o.max):
        yield Hit(
            None,
            None,
            fields={
                # one decimal: a score just below the bound must not read as the bound ("30 (below 30)")
                "score": f"{score:.1f}",
                "min": f"{o.min:.0f}" if o.min is not None else "",
                "max": f"{o.max:.0f}" if o.max is not None else "",
            },
        )
