"""The shipped weights of TR117 are what ``scripts/train_translation_signal.py`` fits on the shared data.

Skipped where ../shared/data (wmt-dev and bbc-news) is absent or scikit-learn is not installed
(``pip install -e '.[train]'``).  A change to the features or to the rules whose findings they count
fails it until the model is retrained and committed with the change.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

pytestmark = pytest.mark.skipif(
    not (SHARED / "wmt-dev" / "manifest.csv").exists() or not (SHARED / "bbc-news").is_dir(),
    reason="../shared/data/wmt-dev or ../shared/data/bbc-news is absent",
)


def same(a: object, b: object, path: str = "") -> list[str]:
    """Where two JSON values differ (numbers to 1e-7 relative: BLAS may differ in the last digits)."""
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return [] if math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-12) else [f"{path}: {a} != {b}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a.keys() ^ b.keys())}"]
        return [d for k in a for d in same(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in same(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_shipped_weights_equal_a_fresh_training_run() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn is not installed (pip install -e '.[train]')")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_translation_signal as training
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    shipped = json.loads((ROOT / "rules" / "translation" / "mt_signal.json").read_text(encoding="utf-8"))
    fresh, samples, _ = training.train(SHARED / "wmt-dev", SHARED / "bbc-news")
    assert len(samples) == 3481
    differences = same(json.loads(training.dump(fresh)), shipped)
    assert not differences, "retrain: scripts/train_translation_signal.py\n" + "\n".join(differences[:10])


def test_the_split_holds_out_a_quarter_of_the_stories_of_every_test_set() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_translation_signal as training
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    import csv

    with (SHARED / "wmt-dev" / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    stories = {r["docid"] for r in rows}
    held = {s for s in stories if training.held_out(s)}
    assert 0.2 < len(held) / len(stories) < 0.3
    # held-out stories hold machine outputs and references of every into-English test set
    for testset in {(r["testset"], r["lang_pair"]) for r in rows if r["class"] == "mt"}:
        mine = [r for r in rows if (r["testset"], r["lang_pair"]) == testset and r["docid"] in held]
        assert {r["origin"] for r in mine} == {"mt", "reference"}, testset
