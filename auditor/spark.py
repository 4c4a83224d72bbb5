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
from typing import TYPE_CHECKING

from auditor.config import Config

try:
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - exercised by users without the extra
    raise ImportError("auditor.spark needs pyspark, pandas and pyarrow: pip install 'news-auditor[spark]'") from exc

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

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
