"""Seed regression: the spans an editor marked in seeds/expected.json.

Scored as ../shared/tools/eval_spans.py scores them: a marked defect is found
when a warning or error overlaps it and is at most 4 x its length + 40
characters long; correct text ('clean' spans) must draw no warning or error.
The thresholds only ever go up.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from auditor.engine import Auditor
from auditor.model import FileResult, Severity

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MIN_RECALL = 0.90
MIN_RECALL_BY_KIND = {"boilerplate": 1.0, "language": 1.0, "translation": 0.9, "extraction": 0.9, "names": 0.9}


def locate(text: str, needle: str, nth: int) -> tuple[int, int]:
    pos = -1
    for _ in range(nth):
        pos = text.find(needle, pos + 1)
        assert pos >= 0, f"marked text not found: {needle!r}"
    return pos, pos + len(needle)


def serious(result: FileResult) -> list[tuple[int, int, str]]:
    return [
        (f.start, max(f.end, f.start + 1), f.rule)
        for f in result.findings
        if f.start is not None and f.end is not None and f.severity >= Severity.WARNING
    ]


@pytest.fixture(scope="module")
def scored() -> dict[str, object]:
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["files"]
    auditor = Auditor()
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[str] = []
    reported_clean: list[str] = []
    for name, spec in sorted(expected.items()):
        result = auditor.audit_bytes((SEEDS / name).read_bytes(), path=name)
        text = result.text
        found = serious(result)
        for item in spec.get("flag", []):
            if item["need"] != "must":
                continue
            a, b = locate(text, item["text"], item.get("nth", 1))
            limit = 4 * (b - a) + 40
            ok = any(s < b and a < e and e - s <= limit for s, e, _ in found)
            hits[item["kind"]][0] += ok
            hits[item["kind"]][1] += 1
            if not ok:
                missed.append(f"{name}: {item['text'][:50]!r} ({item['kind']})")
        for item in spec.get("clean", []):
            a, b = locate(text, item["text"], item.get("nth", 1))
            rules = sorted({r for s, e, r in found if s < b and a < e})
            if rules:
                reported_clean.append(f"{name}: {item['text']!r} by {','.join(rules)}")
    return {"hits": dict(hits), "missed": missed, "reported_clean": reported_clean}


def test_seed_recall(scored: dict, capsys: pytest.CaptureFixture[str]) -> None:
    hits = scored["hits"]
    found = sum(h for h, _ in hits.values())
    total = sum(t for _, t in hits.values())
    recall = found / total
    with capsys.disabled():
        kinds = ", ".join(f"{k} {h}/{t}" for k, (h, t) in sorted(hits.items()))
        print(f"\nseed recall {found}/{total} = {recall:.3f} ({kinds})")
    assert recall >= MIN_RECALL, "missed:\n" + "\n".join(scored["missed"])


@pytest.mark.parametrize("kind", sorted(MIN_RECALL_BY_KIND))
def test_seed_recall_by_kind(scored: dict, kind: str) -> None:
    found, total = scored["hits"][kind]
    missed = [m for m in scored["missed"] if m.endswith(f"({kind})")]
    assert found / total >= MIN_RECALL_BY_KIND[kind], "missed:\n" + "\n".join(missed)


def test_no_correct_text_reported(scored: dict) -> None:
    assert scored["reported_clean"] == []
