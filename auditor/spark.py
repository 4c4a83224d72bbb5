"""Audit a column of a Spark DataFrame, one result row per article, on every executor at once.

Install the extra (``pip install 'news-auditor[spark]'``: pyspark, pandas, pyarrow)
and install auditor itself on the executors' Python too.  Then::

    from auditor.spark import audit_dataframe

    articles = spark.read.parquet("s3://news/2024/")           # columns: id, text, ...
    results = audit_dataframe(articles, text_col="text", id_col="id")
    results.filter("passed").select("id").write.parquet(...)    # the gate
    results.filter("NOT passed").select("id", "score", "findings").show()

``audit_dataframe`` sends only the id and text columns through ``mapInPandas``;
each Arrow batch becomes a pandas frame that ``auditor.frame.score_batch`` audits
with the process's cached ``Auditor`` (rules are loaded once per Python worker,
not once per batch).  Scores equal a single-machine run (``auditor check``,
``Auditor().audit_text``) on the same text and configuration.  To keep other
columns, join the result back on the id column.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from auditor.config import Config

try:
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - exercised by users without the extra
    raise ImportError("auditor.spark needs pyspark, pandas and pyarrow: pip install 'news-auditor[spark]'") from exc

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

    from auditor.rewrites import Cluster, Sketch

#: The result columns after the id column; the same as ``auditor.frame.RESULT_DTYPES``.
RESULT_FIELDS: tuple[T.StructField, ...] = (
    T.StructField("score", T.DoubleType(), nullable=True),  # null when the row was not audited
    T.StructField("passed", T.BooleanType(), nullable=False),
    T.StructField("findings", T.StringType(), nullable=False),  # JSON array, the JSON report's finding objects
    T.StructField("words", T.LongType(), nullable=False),
    T.StructField("errors", T.LongType(), nullable=False),
    T.StructField("warnings", T.LongType(), nullable=False),
    T.StructField("infos", T.LongType(), nullable=False),
    T.StructField("skipped", T.StringType(), nullable=True),  # why a row was not audited (null text, ...)
)


def result_schema(id_field: T.StructField) -> T.StructType:
    """The schema ``audit_dataframe`` returns: the id column as given, then ``RESULT_FIELDS``."""
    return T.StructType([id_field, *RESULT_FIELDS])


def audit_dataframe(
    df: DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    config: Config | None = None,
) -> DataFrame:
    """Audit ``df[text_col]``; a DataFrame of ``id_col, score, passed, findings, words, errors, warnings, infos,
    skipped``, one row per input row.

    ``text_col`` may be a string or binary column (bytes are decoded as files are);
    a null text gives ``passed = false``, ``score`` null and ``skipped`` saying
    why.  ``config`` (an ``auditor.config.Config``, e.g. from ``load_config``)
    selects the rules and sets the gate; ``None`` is the default configuration.
    The result is lazy, like any Spark transformation: nothing runs until an action.
    """
    for name in (text_col, id_col):
        if name not in df.columns:
            raise ValueError(f"audit_dataframe: no column {name!r} (columns: {', '.join(df.columns)})")
    text_type = df.schema[text_col].dataType
    if not isinstance(text_type, (T.StringType, T.BinaryType)):
        raise TypeError(f"audit_dataframe: {text_col!r} is {text_type.simpleString()}, not string or binary")
    schema = result_schema(df.schema[id_col])
    batches = functools.partial(_audit_batches, text_col=text_col, id_col=id_col, config=config)
    return df.select(id_col, text_col).mapInPandas(batches, schema)


def _audit_batches(
    batches: Iterator[pd.DataFrame], *, text_col: str, id_col: str, config: Config | None
) -> Iterator[pd.DataFrame]:
    """What runs on the executors: every Arrow batch of a partition through ``score_batch``."""
    from auditor.frame import score_batch

    for batch in batches:
        yield score_batch(batch, text_column=text_col, id_column=id_col, config=config)


def fix_dataframe(
    df: DataFrame,
    *,
    text_col: str = "text",
    config: Config | None = None,
    unsafe: bool = False,
) -> DataFrame:
    """``df`` with ``text_col`` fixed (safe fixes; ``unsafe`` adds the unsafe ones) and an ``auditor`` column.

    Every other column is kept as it is.  ``auditor`` is JSON text: ``score_before``,
    ``score_after``, ``fixed``, ``rules`` (``skipped`` for a null text), as ``auditor fix``
    writes it.  Lazy, like ``audit_dataframe``; rules load once per Python worker.
    """
    if text_col not in df.columns:
        raise ValueError(f"fix_dataframe: no column {text_col!r} (columns: {', '.join(df.columns)})")
    if not isinstance(df.schema[text_col].dataType, T.StringType):
        raise TypeError(f"fix_dataframe: {text_col!r} is {df.schema[text_col].dataType.simpleString()}, not string")
    fields = [f for f in df.schema.fields if f.name != "auditor"]
    schema = T.StructType([*fields, T.StructField("auditor", T.StringType(), nullable=False)])
    batches = functools.partial(_fix_batches, text_col=text_col, config=config, unsafe=unsafe)
    return df.select(*[f.name for f in fields]).mapInPandas(batches, schema)


def _fix_batches(
    batches: Iterator[pd.DataFrame], *, text_col: str, config: Config | None, unsafe: bool
) -> Iterator[pd.DataFrame]:
    from auditor.frame import fix_batch

    for batch in batches:
        yield fix_batch(batch, text_column=text_col, config=config, unsafe=unsafe)


# -- source profiles and rewrite clusters (docs/sources.md) ------------------------------------------------
#: The fingerprint and MinHash of each row, as ``sketch_dataframe`` returns them after the id column.
SKETCH_FIELDS: tuple[T.StructField, ...] = (
    T.StructField("features", T.ArrayType(T.LongType()), nullable=False),
    T.StructField("weights", T.ArrayType(T.DoubleType()), nullable=False),
    T.StructField("anchors", T.ArrayType(T.LongType()), nullable=False),
    T.StructField("minhash", T.ArrayType(T.LongType()), nullable=False),
)
#: Dimension of the binary vectors Spark ML's MinHashLSH hashes: fingerprint words (32-bit hashes) modulo
#: 2^30, as Spark's vectors index with int32 (a rare collision only proposes one more candidate pair).
VECTOR_SIZE = 1 << 30
_FINDING_SCHEMA = "array<struct<rule:string,category:string,severity:string>>"


def source_profiles(results: DataFrame, *, source_col: str = "source") -> list[dict[str, object]]:
    """Per-source profiles of ``audit_dataframe`` results that carry a ``source_col`` column, by DataFrame
    aggregation; the same dictionaries as ``auditor.sources.Profiles.to_list()`` (best source first).

    Join the source back first: ``audit_dataframe(df).join(df.select("id", "source"), "id")``.
    """
    from pyspark.sql import functions as F

    from auditor.sources import Profiles

    if source_col not in results.columns:
        raise ValueError(f"source_profiles: no column {source_col!r} (columns: {', '.join(results.columns)})")
    rows = results.select(
        F.col(source_col).cast("string").alias("source"),
        "score",
        "passed",
        "words",
        F.from_json("findings", _FINDING_SCHEMA).alias("f"),
    )
    audited = rows.filter(F.col("score").isNotNull())
    per_doc = audited.select(
        "source",
        "score",
        "passed",
        "words",
        F.exists("f", lambda x: (x.category == "translation") & (x.severity != "info")).alias("translation"),
        F.exists("f", lambda x: x.category.isin("boilerplate", "encoding") & (x.severity != "info")).alias("damage"),
    )
    totals = {
        r["source"]: r
        for r in per_doc.groupBy("source")
        .agg(
            F.count("*").alias("documents"),
            F.sum((~F.col("passed")).cast("long")).alias("failed"),
            F.sum("words").alias("words"),
            F.sum("score").alias("score_sum"),
            F.percentile("score", F.lit(0.5)).alias("median"),
            F.sum(F.col("translation").cast("long")).alias("translation_docs"),
            F.sum(F.col("damage").cast("long")).alias("damaged_docs"),
        )
        .collect()
    }
    skipped = {
        r["source"]: r["n"]
        for r in rows.filter(F.col("score").isNull()).groupBy("source").agg(F.count("*").alias("n")).collect()
    }
    findings = audited.select("source", F.explode("f").alias("x")).filter(F.col("x.category") != "internal")
    categories = findings.groupBy("source", F.col("x.category").alias("category")).count().collect()
    rules = findings.groupBy("source", F.col("x.rule").alias("rule")).count().collect()
    profiles = Profiles()
    for source in sorted(set(totals) | set(skipped)):
        p = profiles._profile(source)
        p.skipped = int(skipped.get(source, 0))
        t = totals.get(source)
        if t is None:
            continue
        p.documents, p.failed, p.words = int(t["documents"]), int(t["failed"]), int(t["words"])
        p.score_sum = float(t["score_sum"])
        p.translation_docs, p.damaged_docs = int(t["translation_docs"]), int(t["damaged_docs"])
        p.exact_median = round(float(t["median"]), 2)
    for r in categories:
        profiles._profile(r["source"]).categories[r["category"]] += int(r["count"])
    for r in rules:
        profiles._profile(r["source"]).rules[r["rule"]] += int(r["count"])
    return profiles.to_list()


def sketch_dataframe(df: DataFrame, *, text_col: str = "text", id_col: str = "id") -> DataFrame:
    """Each row's rewrite sketch (``auditor.rewrites.sketch_text``: fingerprint, anchors, MinHash), on the
    executors; rows without text are left out."""
    schema = T.StructType([df.schema[id_col], *SKETCH_FIELDS])
    batches = functools.partial(_sketch_batches, text_col=text_col, id_col=id_col)
    return df.select(id_col, text_col).mapInPandas(batches, schema)


def _sketch_batches(batches: Iterator[pd.DataFrame], *, text_col: str, id_col: str) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from auditor.rewrites import sketch_text

    for batch in batches:
        rows = []
        for ident, text in zip(batch[id_col].tolist(), batch[text_col].tolist()):
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            if not isinstance(text, str) or not text.strip():
                continue
            s = sketch_text(text)
            rows.append(
                {
                    id_col: ident,
                    "features": s.features.astype("int64").tolist(),
                    "weights": s.weights.astype("float64").tolist(),
                    "anchors": s.anchors.astype("int64").tolist(),
                    "minhash": s.minhash.astype("int64").tolist(),
                }
            )
        yield pd.DataFrame(rows, columns=[id_col, "features", "weights", "anchors", "minhash"])


def rewrite_clusters(
    df: DataFrame,
    results: DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    date_col: str | None = None,
    source_col: str | None = None,
    hash_tables: int = 40,
) -> list[Cluster]:
    """Rewrite clusters of ``df`` (``auditor.rewrites``), found by Spark: the sketches are computed on the
    executors, candidate pairs come from Spark ML's ``MinHashLSH`` (an approximate Jaccard join of the
    fingerprints) and from a join on the rarest words, and each pair is scored there; only the linked pairs
    and their members' sketches come back to the driver, for the complete-linkage step.

    ``results`` is ``audit_dataframe(df)`` (its ``score`` and ``findings`` decide the original and whether a
    member looks rewritten).  The clusters equal ``auditor check --clusters`` on the same documents.
    """
    from pyspark.ml.feature import MinHashLSH
    from pyspark.ml.linalg import SparseVector, VectorUDT
    from pyspark.sql import functions as F

    from auditor import rewrites

    sketches = sketch_dataframe(df, text_col=text_col, id_col=id_col)
    sketches = sketches.filter(F.size("features") >= rewrites.MIN_FEATURES)
    extra = [c for c in (date_col, source_col) if c]
    meta = results.select(id_col, "score", F.from_json("findings", _FINDING_SCHEMA).alias("f")).select(
        id_col,
        "score",
        F.exists("f", lambda x: (x.category == "translation") & x.severity.isin("warning", "error")).alias("rewritten"),
    )
    if extra:
        meta = meta.join(df.select(id_col, *extra), id_col, "left")
    docs = sketches.join(meta, id_col).cache()

    def vector(features: list[int]) -> SparseVector:
        indices = sorted({f % VECTOR_SIZE for f in features})
        return SparseVector(VECTOR_SIZE, indices, [1.0] * len(indices))

    to_vector = F.udf(vector, VectorUDT())
    vectors = docs.select(id_col, to_vector("features").alias("vec"))
    model = MinHashLSH(inputCol="vec", outputCol="hashes", numHashTables=hash_tables, seed=1).fit(vectors)
    lsh_pairs = model.approxSimilarityJoin(vectors, vectors, 1.0 - 0.03, distCol="distance").select(
        F.col(f"datasetA.{id_col}").alias("a"), F.col(f"datasetB.{id_col}").alias("b")
    )
    anchors = docs.select(id_col, F.explode("anchors").alias("anchor"))
    counts = anchors.groupBy("anchor").count().filter((F.col("count") >= 2) & (F.col("count") <= rewrites.MAX_POSTINGS))
    kept = anchors.join(counts.select("anchor"), "anchor")
    anchor_pairs = (
        kept.alias("x")
        .join(kept.alias("y"), "anchor")
        .select(F.col(f"x.{id_col}").alias("a"), F.col(f"y.{id_col}").alias("b"))
    )
    pairs = lsh_pairs.union(anchor_pairs).filter(F.col("a") < F.col("b")).distinct()

    side = docs.select(id_col, "features", "weights", "anchors", "minhash", "rewritten")
    a_side = side.select([F.col(c).alias(f"a_{c}") for c in side.columns])
    b_side = side.select([F.col(c).alias(f"b_{c}") for c in side.columns])
    scored = pairs.join(a_side, F.col("a") == F.col(f"a_{id_col}")).join(b_side, F.col("b") == F.col(f"b_{id_col}"))
    link = F.udf(_link_pair, T.DoubleType())
    args = [F.col(f"{p}_{c}") for p in ("a", "b") for c in ("features", "weights", "anchors", "minhash", "rewritten")]
    edges = scored.select("a", "b", link(*args).alias("sim")).filter(F.col("sim") >= 0).collect()
    members = {r["a"] for r in edges} | {r["b"] for r in edges}
    rows = {r[id_col]: r for r in docs.filter(F.col(id_col).isin(list(members))).collect()} if members else {}
    docs.unpersist()
    index = rewrites.ClusterIndex()
    position: dict[object, int] = {}
    for ident in sorted(rows, key=str):
        r = rows[ident]
        position[ident] = len(index.docs)
        index.add_doc(
            rewrites._Doc(
                str(ident),
                float(r["score"]),
                bool(r["rewritten"]),
                None if not date_col or r[date_col] is None else str(r[date_col]),
                None if not source_col or r[source_col] is None else str(r[source_col]),
            ),
            _sketch_of(r),
        )
    ordered = sorted(((r["sim"], position[r["a"]], position[r["b"]]) for r in edges), reverse=True)
    return index.clusters_from(ordered)


def _sketch_of(row: Any) -> Sketch:
    import numpy as np

    from auditor.rewrites import Sketch

    get = row.__getitem__
    return Sketch(
        np.array(get("features"), dtype=np.uint32),
        np.array(get("weights"), dtype=np.float32),
        np.array(get("anchors"), dtype=np.uint32),
        np.array(get("minhash"), dtype=np.uint32),
    )


def _link_pair(
    af: list[int],
    aw: list[float],
    aa: list[int],
    am: list[int],
    ar: bool,
    bf: list[int],
    bw: list[float],
    ba: list[int],
    bm: list[int],
    br: bool,
) -> float:
    """On the executors: the pair's fingerprint similarity when the two are linked (``rewrites.linked``), else -1."""
    import numpy as np

    from auditor import rewrites

    def sketch(f: list[int], w: list[float], a: list[int], m: list[int]) -> rewrites.Sketch:
        return rewrites.Sketch(
            np.array(f, dtype=np.uint32),
            np.array(w, dtype=np.float32),
            np.array(a, dtype=np.uint32),
            np.array(m, dtype=np.uint32),
        )

    x, y = sketch(af, aw, aa, am), sketch(bf, bw, ba, bm)
    return rewrites.similarity(x, y) if rewrites.linked_sketches(x, bool(ar), y, bool(br)) else -1.0
