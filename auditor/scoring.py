"""The score of a file, from 0 to 100, and the gate that passes or fails it.

The formula is short enough to check by hand::

    factor  = clamp(sqrt(500 / words), 0.5, 2.0)
    penalty = WEIGHT[severity] * factor          (each finding carries its penalty)
    score   = max(0, 100 - sum(penalties))

A finding weighs more in a short article than in a long one, because the same
defect is a larger share of the text; the clamp keeps a one-line file from
scoring zero for one slip, and a book from absorbing hundreds of defects.
"""

from __future__ import annotations

import math

from auditor.model import Severity

WEIGHT: dict[Severity, float] = {Severity.ERROR: 20.0, Severity.WARNING: 5.0, Severity.INFO: 1.0}
REFERENCE_WORDS = 500
MIN_FACTOR, MAX_FACTOR = 0.5, 2.0


def length_factor(words: int) -> float:
    factor = math.sqrt(REFERENCE_WORDS / max(words, 1))
    return min(MAX_FACTOR, max(MIN_FACTOR, factor))


def penalty(severity: Severity, words: int) -> float:
    return round(WEIGHT[severity] * length_factor(words), 2)


def score(penalties: list[float]) -> float:
    return round(max(0.0, 100.0 - sum(penalties)), 1)


def passes(score_value: float, worst: Severity | None, *, fail_under: float, fail_on: Severity | None) -> bool:
    """The gate: a file fails below ``fail_under`` or with a finding at or above ``fail_on``."""
    if score_value < fail_under:
        return False
    return not (fail_on is not None and worst is not None and worst >= fail_on)
