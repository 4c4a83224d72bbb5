"""auditor.spark's source profiles and rewrite clusters on local[2] equal a single-machine ``auditor check``.

Needs the spark extra, Java 17+ and datasketch; skips without them (as test_spark).
Small on purpose (55 rows: the seeds, cuts of them that overlap, a null text):
a Spark job is slow to start, and the point is equality, not scale.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

pytest.importorskip("datasketch", reason="datasketch is not installed (pip install 'news-auditor[sources]')")
from test_spark import STEP_SECONDS, T, deadline, seed_rows, spark  # noqa: F401

from auditor.cli import main

SITES = ("site-a", "site-b", "site-c", "site-d")


def corpus_rows() -> list[dict[str, object]]:
    """The seeds and cuts of them, and a null text (both engines skip it). Blank texts are left out: the CLI
    skips them, ``audit_dataframe`` audits them as empty articles (a difference of the engines, not of this)."""
    rows = []
    for ident, text in seed_rows(60):
        if text is not None and not text.strip():
            continue
        rows.append(
            {
                "id": f"doc{ident:03d}",
                "source": SITES[ident % len(SITES)],
                "date": f"2024-01-{1 + ident % 28:02d}",
                "text": text,
            }
        )
    return rows


def single_machine(tmp_path: Path, rows: list[dict[str, object]]) -> dict[str, object]:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "sources.json"
    code = main(
        [
            "check",
            str(corpus),
            "--jobs",
            "1",
            "--no-progress",
            "--allow-skipped",
            "--clusters",
            "--source-field",
            "source",
            "--date-field",
            "date",
            "-f",
            "sources-json",
            "-o",
            str(out),
        ]
    )
    assert code in (0, 1)
    return json.loads(out.read_text(encoding="utf-8"))


def test_profiles_and_clusters_equal_the_single_machine_run(spark, tmp_path):  # noqa: F811
    from auditor.spark import audit_dataframe, rewrite_clusters, source_profiles

    rows = corpus_rows()
    expected = single_machine(tmp_path, rows)
    schema = T.StructType([T.StructField(n, T.StringType()) for n in ("id", "source", "date", "text")])
    df = spark.createDataFrame([(r["id"], r["source"], r["date"], r["text"]) for r in rows], schema).repartition(3)
    began = time.perf_counter()
    with deadline(STEP_SECONDS, "profiles and clusters with Spark"):
        results = audit_dataframe(df).cache()
        profiles = source_profiles(results.join(df.select("id", "source"), "id"))
        clusters = rewrite_clusters(df, results, date_col="date", source_col="source")
    print(f"spark: {len(rows)} rows profiled and clustered in {time.perf_counter() - began:.1f} s")

    want = expected["sources"]
    assert [p["source"] for p in profiles] == [p["source"] for p in want]
    for got, exp in zip(profiles, want):
        for key in (
            "rank",
            "documents",
            "skipped",
            "words",
            "failed_share",
            "translation_share",
            "damage_share",
            "rates_per_1000_words",
            "top_rules",
        ):
            assert got[key] == exp[key], (got["source"], key)
        assert got["mean_score"] == pytest.approx(exp["mean_score"], abs=0.006)
        assert got["median_score"] == pytest.approx(exp["median_score"], abs=1e-9)
    assert sum(p["skipped"] for p in profiles) == 1

    want_clusters = expected["clusters"]
    assert len(want_clusters) >= 2, "the seed cuts overlap: the single-machine run should find clusters"
    got = sorted((c.original, sorted(c.rewrites)) for c in clusters)
    assert got == sorted((c["original"], sorted(c["rewrites"])) for c in want_clusters)
    sims = {(c.original, m.path): m.similarity for c in clusters for m in c.members}
    for c in want_clusters:
        for m in c["members"]:
            assert sims[(c["original"], m["path"])] == pytest.approx(m["similarity"], abs=0.0015)
    assert all(c.chosen_by == "date" for c in clusters)
