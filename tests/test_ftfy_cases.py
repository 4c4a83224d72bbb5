"""The encoding rules against python-ftfy's test cases (Apache-2.0, by Robyn Speer).

Each case's ``original`` is written to a file of its own and the folder is audited, as a
user would.  Positives are the cases outside negative.json whose fix differs from the
original: at least 98% must get an encoding warning (117 of 119 do; the two left are
cases whose only change is uncurled quotes, not defects).  Negatives are negative.json and
the cases whose fix is the original: at most 1 may get one (a C1 control character U+0085
that ftfy itself turns into "…": a real defect).  The cases live in
../shared/data/ftfy-cases; without it (a user's clone) the test skips.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Auditor
from auditor.model import Severity

CASES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ftfy-cases"


def _cases() -> list[tuple[str, dict[str, str]]]:
    if not CASES.is_dir():
        pytest.skip(f"{CASES} is absent (a user's clone): the ftfy cases are shared data")
    out = []
    for path in sorted(CASES.glob("*.json")):
        out += [(path.stem, case) for case in json.loads(path.read_text(encoding="utf-8"))]
    return out


def _audit_folder(tmp_path: Path, cases: list[tuple[str, dict[str, str]]]) -> dict[str, bool]:
    """Write each original to a file, audit the folder; which files got an encoding warning."""
    for i, (stem, case) in enumerate(cases):
        (tmp_path / f"{stem}-{i:03d}.txt").write_bytes(case["original"].encode("utf-8"))
    auditor = Auditor(Config(select=("EN",)))
    out = {}
    for path in sorted(tmp_path.glob("*.txt")):
        result = auditor.audit_bytes(path.read_bytes(), path=str(path))
        out[path.stem] = any(f.category == "encoding" and f.severity >= Severity.WARNING for f in result.findings)
    return out


def test_ftfy_cases_found_and_negatives_left_alone(tmp_path: Path) -> None:
    cases = _cases()
    flagged = _audit_folder(tmp_path, cases)
    positives, negatives = [], []
    for i, (stem, case) in enumerate(cases):
        name = f"{stem}-{i:03d}"
        negative = stem == "negative" or case["fixed"] == case["original"]
        (negatives if negative else positives).append(name)
    found = sum(flagged[n] for n in positives)
    false = [n for n in negatives if flagged[n]]
    assert len(positives) > 100 and len(negatives) > 30
    assert found >= 0.98 * len(positives), f"found {found}/{len(positives)}"
    assert len(false) <= 1, f"negatives reported: {false}"
