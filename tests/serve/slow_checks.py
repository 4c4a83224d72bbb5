"""A house detector for the serve tests: ``SLOW:<seconds>`` in a text makes the audit take that long."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.document import Document
from auditor.model import Hit
from auditor.registry import detector

_MARK = re.compile(r"SLOW:(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class SlowOptions:
    most: float = 30.0


@detector("house.slow", options=SlowOptions)
def slow(doc: Document, options: SlowOptions) -> Iterator[Hit]:
    """Sleep as long as the text asks (at most ``most`` seconds), and report the marker."""
    for m in _MARK.finditer(doc.text):
        time.sleep(min(float(m.group(1)), options.most))
        yield Hit(m.start(), m.end())
