"""auditor.spark on a real local Spark session: the same scores as the single-machine run, row for row.

Needs pyspark, pandas and pyarrow (the ``spark`` extra) and Java 17+; skips with a
message without them.  One session for the module (``local[2]``, no UI, two
shuffle partitions); every step runs under a deadline so a stuck JVM fails the
test instead of hanging CI.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Auditor

pytest.importorskip("pandas", reason="pandas is not installed (pip install 'news-auditor[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'news-auditor[spark]')")
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'news-auditor[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (Spark needs Java 17 or later)", allow_module_level=True)

SparkSession = pytest.importorskip("pyspark.sql").SparkSession
T = pytest.importorskip("pyspark.sql.types")
audit_dataframe = pytest.importorskip("auditor.spark").audit_dataframe

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
START_SECONDS = 180  # JVM start on a cold, busy CI machine
STEP_SECONDS = 240


def fresh_auditor(config: Config | None = None) -> Auditor:
    """A single-machine Auditor over the rule files as they are on disk now.

    The loader caches rules per process, and while the team works rules land during a
    test run; the engine under test loads them fresh in its own worker processes.
    """
    from auditor import loader

    loader.clear_cache()
    return Auditor(config)


@contextlib.contextmanager
def deadline(seconds: int, what: str) -> Iterator[None]:
    """Raise TimeoutError in the main thread after ``seconds`` (a no-op where SIGALRM does not exist)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    env = {"PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        with deadline(START_SECONDS, "starting the local Spark session"):
            session = (
                SparkSession.builder.master("local[2]")
                .appName("auditor-test")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")  # several batches per partition
                .config("spark.python.worker.reuse", "true")
                .getOrCreate()
            )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        with deadline(60, "stopping the Spark session"):
            session.stop()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def seed_rows(count: int = 300) -> list[tuple[int, str | None]]:
    """``count`` articles cut from the seeds (whole, heads, tails, middles), plus empty and null text."""
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))]
    assert seeds, f"no seed articles in {SEEDS}"
    rng = random.Random(20240607)
    rows: list[tuple[int, str | None]] = [(i, "\n".join(lines) + "\n") for i, lines in enumerate(seeds)]
    while len(rows) < count - 3:
        lines = rng.choice(seeds)
        start = rng.randrange(len(lines))
        end = rng.randrange(start + 1, len(lines) + 1)
        rows.append((len(rows), "\n".join(lines[start:end])))
    rows += [(len(rows), ""), (len(rows) + 1, None), (len(rows) + 2, "  \n ")]
    return rows


def test_scores_equal_the_single_machine_run(spark: SparkSession) -> None:
    rows = seed_rows()
    schema = T.StructType([T.StructField("id", T.LongType()), T.StructField("text", T.StringType())])
    df = spark.createDataFrame(rows, schema).repartition(4)
    began = time.perf_counter()
    with deadline(STEP_SECONDS, "auditing the seed rows with Spark"):
        out = audit_dataframe(df).collect()
    elapsed = time.perf_counter() - began
    print(f"spark: {len(rows)} rows audited in {elapsed:.2f} s")

    assert len(out) == len(rows)
    assert out[0].__fields__ == ["id", "score", "passed", "findings", "words", "errors", "warnings", "infos", "skipped"]
    by_id = {row["id"]: row for row in out}
    assert sorted(by_id) == [i for i, _ in rows]
    single = fresh_auditor()  # never hard-coded scores: other rules land while this is written
    for ident, text in rows:
        got = by_id[ident]
        if text is None:
            assert (got["score"], got["passed"], got["findings"]) == (None, False, "[]")
            assert got["skipped"] == "missing text (null)"
            continue
        expected = single.audit_text(text)
        assert (got["score"], got["passed"], got["words"]) == (expected.score, expected.passed, expected.words), ident
        assert json.loads(got["findings"]) == [f.to_dict() for f in expected.findings], ident
        assert got["errors"] + got["warnings"] + got["infos"] == len(expected.findings)
        assert got["skipped"] is None
    assert len({row["score"] for row in out}) > 1, "seed cuts should not all score the same"
    assert any(not row["passed"] for row in out)


def test_binary_text_and_a_configuration_reach_the_executors(spark: SparkSession) -> None:
    texts = ["", "Le caf\u00e9 est ouvert.", "The council met on Tuesday."]
    schema = T.StructType([T.StructField("key", T.StringType()), T.StructField("body", T.BinaryType())])
    df = spark.createDataFrame([(f"k{i}", t.encode("utf-8")) for i, t in enumerate(texts)], schema)
    lenient = Config(fail_under=0.0, fail_on=None)
    with deadline(STEP_SECONDS, "auditing binary text with Spark"):
        out = {r["key"]: r for r in audit_dataframe(df, text_col="body", id_col="key", config=lenient).collect()}
    single = fresh_auditor(lenient)
    for i, text in enumerate(texts):
        expected = single.audit_bytes(text.encode("utf-8"), path="x")
        assert (out[f"k{i}"]["score"], out[f"k{i}"]["passed"]) == (expected.score, True)
    assert out["k0"]["score"] < 100  # the empty article is still reported, but the lenient gate passes it


def test_a_wrong_column_fails_before_any_job(spark: SparkSession) -> None:
    df = spark.createDataFrame([(1, 2)], "id long, text long")
    with pytest.raises(ValueError, match="'body'"):
        audit_dataframe(df, text_col="body")
    with pytest.raises(TypeError, match="not string or binary"):
        audit_dataframe(df)
