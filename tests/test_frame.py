"""score_batch: a pandas frame of articles scored exactly as the single-machine auditor scores them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Auditor
from auditor.frame import RESULT_DTYPES, cached_auditor

pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'news-auditor[spark]')")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def fresh_rules() -> None:
    """score_batch and the reference Auditor both load the rule files as they are now.

    The loader and score_batch cache rules per process; while the team works, rules land
    during a test run, and a cache filled at collection time would be older than the files.
    """
    from auditor import loader
    from auditor.frame import clear_cache

    loader.clear_cache()
    clear_cache()


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_scores_equal_the_single_machine_run() -> None:
    import auditor

    texts = seed_texts()
    texts += [t.split("\n", 3)[-1] for t in texts]  # the same articles without their first lines
    df = pd.DataFrame({"id": [f"doc-{i}" for i in range(len(texts))], "text": texts})
    out = auditor.score_batch(df)
    single = Auditor()
    assert list(out.columns) == ["id", *RESULT_DTYPES]
    assert out["id"].tolist() == df["id"].tolist()
    for text, row in zip(texts, out.itertuples(index=False), strict=True):
        expected = single.audit_text(text)
        assert row.score == expected.score
        assert row.passed == expected.passed
        assert row.words == expected.words
        assert json.loads(row.findings) == [f.to_dict() for f in expected.findings]
        severities = [f["severity"] for f in json.loads(row.findings)]
        assert (row.errors, row.warnings, row.infos) == tuple(severities.count(s) for s in ("error", "warning", "info"))
        assert row.skipped is None
    assert out["findings"].map(json.loads).map(len).sum() > 0, "the seeds hold defects: some finding expected"


def test_index_and_order_are_kept_and_columns_named_by_the_caller() -> None:
    from auditor.frame import score_batch

    texts = seed_texts()[:3]
    df = pd.DataFrame({"key": [30, 10, 20], "body": texts}, index=[7, 7, 3])
    out = score_batch(df, text_column="body", id_column="key")
    assert out.index.tolist() == [7, 7, 3]
    assert out["key"].tolist() == [30, 10, 20]
    assert out["score"].tolist() == [Auditor().audit_text(t).score for t in texts]
    assert "key" not in score_batch(df, text_column="body", id_column=None).columns


def test_missing_empty_and_odd_cells_give_a_result_not_an_exception() -> None:
    from auditor.frame import score_batch

    df = pd.DataFrame({"id": range(6), "text": ["", None, float("nan"), "caf\u00e9 ouvert".encode(), 42, "   "]})
    out = score_batch(df).set_index("id")
    empty = Auditor().audit_text("")
    assert out.loc[0, "score"] == empty.score and out.loc[0, "passed"] == empty.passed  # audited like an empty file
    for row in (1, 2):
        assert out.loc[row, "skipped"] == "missing text (null)"
        assert pd.isna(out.loc[row, "score"]) and not out.loc[row, "passed"]
        assert out.loc[row, "findings"] == "[]" and out.loc[row, "words"] == 0
    assert out.loc[3, "skipped"] is None and out.loc[3, "words"] == 2  # bytes are decoded like a file
    assert "int" in out.loc[4, "skipped"] and not out.loc[4, "passed"]
    assert out.loc[5, "score"] == Auditor().audit_text("   ").score


def test_an_empty_frame_gives_the_columns_and_dtypes_dask_needs_as_meta() -> None:
    from auditor.frame import score_batch

    meta = score_batch(pd.DataFrame({"id": pd.Series(dtype="int64"), "text": pd.Series(dtype="object")}))
    assert len(meta) == 0
    assert {name: str(dtype) for name, dtype in meta.dtypes.items()} == {"id": "int64", **RESULT_DTYPES}


def test_a_missing_column_is_named_in_the_error() -> None:
    from auditor.frame import score_batch

    with pytest.raises(KeyError, match="'body'"):
        score_batch(pd.DataFrame({"id": [1], "text": ["x"]}), text_column="body")


def test_config_selects_rules_and_sets_the_gate() -> None:
    from auditor.frame import score_batch

    df = pd.DataFrame({"id": [1], "text": [""]})
    lenient = Config(fail_under=0.0, fail_on=None)
    default = score_batch(df).iloc[0]
    assert not default["passed"]
    assert score_batch(df, config=lenient).iloc[0]["passed"]
    nothing = Config(select=("ZZZ",))
    row = score_batch(df, config=nothing).iloc[0]
    assert (row["score"], row["findings"]) == (100.0, "[]")


def test_the_auditor_is_built_once_per_process_and_configuration() -> None:
    assert cached_auditor() is cached_auditor(Config())
    other = Config(fail_under=50.0)
    assert cached_auditor(other) is cached_auditor(Config(fail_under=50.0))
    assert cached_auditor(other) is not cached_auditor()


def test_import_auditor_stays_cheap() -> None:
    code = (
        "import sys, auditor; heavy = [m for m in ('pandas', 'auditor.engine', 'auditor.frame') "
        "if m in sys.modules]; print(heavy); assert not heavy; assert callable(auditor.score_batch)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
