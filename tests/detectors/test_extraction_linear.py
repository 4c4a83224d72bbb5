"""Worst cases of issue 11 for the extraction and encoding families: 100 KB audits in seconds.

Each input once took minutes (a quadratic scan); they must now be linear.  The limit
is generous (shared CI machines): the point is seconds, not minutes.
"""

from __future__ import annotations

import time

import pytest

from auditor.config import Config
from auditor.document import Document
from auditor.engine import Auditor

LIMIT = 6.0
RUSSIAN = "В Москве прошла встреча министров иностранных дел, на которой обсуждались вопросы безопасности. "

WORST = {
    "camel-case token": "Aa" * 50_000,
    "mojibake line": "donâ€™t " * 14_000,
    "russian as cp1252": (RUSSIAN * 1100).encode("utf-8").decode("cp1252", errors="replace")[:100_000],
    "zero-width spaces": "a\u200b" * 50_000,
    "direction marks": "a\u200e" * 50_000,
    "full stops": "." * 100_000,
    "ellipses": "…" * 100_000,
    "glued stops": "ab.Cd" * 20_000,
}


@pytest.mark.parametrize("name", list(WORST))
def test_a_100_kb_worst_case_audits_in_seconds(name: str) -> None:
    auditor = Auditor(Config(select=("EN", "EX")))
    start = time.perf_counter()
    auditor.audit_text(WORST[name])
    assert time.perf_counter() - start < LIMIT, name


def test_the_sentence_splitter_is_linear_on_runs_of_stops() -> None:
    start = time.perf_counter()
    for text in ("." * 200_000, "…" * 200_000, "a" + "." * 200_000 + "a"):
        assert len(Document(text).sentences) == 1
    assert time.perf_counter() - start < 2.0
