"""Audit a pandas DataFrame of articles: the one batch function every cluster engine calls.

``score_batch`` turns a frame with a text column (and an id column) into a frame
with one row per input row, in the same order and with the same index::

    id | score | passed | findings (JSON text) | words | errors | warnings | infos | skipped

It is what ``auditor.spark.audit_dataframe`` runs inside ``mapInPandas``, and what
Dask's ``map_partitions`` and Ray Data's ``map_batches`` call directly (see
docs/scale.md), so every engine scores a row exactly as ``Auditor().audit_text``
scores the same text on one machine.

Loading and compiling the rule packs is the expensive part of auditing, so the
``Auditor`` is built once per process and configuration (``cached_auditor``) and
reused by every partition a worker process handles.

pandas is imported only when ``score_batch`` runs: ``import auditor.frame`` stays
cheap, and ``auditor.datatrove`` shares the cache without needing pandas.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from auditor.config import Config
from auditor.decode import NotText
from auditor.engine import Auditor, audit_failed, not_audited
from auditor.model import FileResult, Severity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The result columns after the id column, in order, with their pandas dtypes.
RESULT_DTYPES: Mapping[str, str] = {
    "score": "float64",
    "passed": "bool",
    "findings": "object",
    "words": "int64",
    "errors": "int64",
    "warnings": "int64",
    "infos": "int64",
    "skipped": "object",
}

_CACHE: dict[str, Auditor] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 8


def cached_auditor(config: Config | None = None) -> Auditor:
    """The process's ``Auditor`` for ``config`` (default configuration when ``None``), built on first use.

    ``Config`` holds a dict, so it cannot be hashed; its ``repr`` names every field
    and serves as the key.  A handful of configurations are kept at most.
    """
    key = repr(config or Config())
    auditor = _CACHE.get(key)
    if auditor is None:
        with _CACHE_LOCK:
            auditor = _CACHE.get(key)
            if auditor is None:
                auditor = Auditor(config)
                if len(_CACHE) >= _CACHE_SIZE:
                    _CACHE.pop(next(iter(_CACHE)))
                _CACHE[key] = auditor
    return auditor


def clear_cache() -> None:
    """Forget the cached auditors (tests use it after rule files change on disk)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def audit_value(auditor: Auditor, value: object, *, path: str = "<text>") -> FileResult:
    """Audit one cell: ``str`` as text, ``bytes`` decoded as a file would be.

    A missing value (``None``, NaN, ``pd.NA``) or a value of another type is not
    audited: it comes back with ``skipped`` set and ``passed=False``, because a
    record without text is not fit to ingest.  An empty string is audited like an
    empty file (the built-in rules report it).  An unexpected error while auditing
    one row is reported on that row as an ``AU001`` finding (score 0, not passed), as the
    CLI reports a document it could not audit, and never stops the batch.
    """
    if isinstance(value, str):
        text: str | bytes = value
    elif isinstance(value, (bytes, bytearray, memoryview)):
        text = bytes(value)
    elif _is_missing(value):
        return _not_audited(path, "missing text (null)")
    else:
        return _not_audited(path, f"text is {type(value).__name__}, not str or bytes")
    try:
        if isinstance(text, bytes):
            return auditor.audit_bytes(text, path=path)
        return auditor.audit_text(text, path=path)
    except NotText as exc:
        return _not_audited(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad row must not lose a partition of millions
        return audit_failed(path, f"{type(exc).__name__}: {exc}")


def result_row(result: FileResult) -> dict[str, Any]:
    """The result columns of one row (without the id), as ``score_batch`` returns them."""
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return {
        "score": math.nan if result.skipped is not None else result.score,
        "passed": result.passed,
        "findings": json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False),
        "words": result.words,
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "skipped": result.skipped,
    }


def score_batch(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    config: Config | None = None,
) -> pd.DataFrame:
    """Audit every row's ``text_column``; one result row per input row, same order and index.

    Columns: ``id_column`` (copied from the input; left out when ``id_column`` is
    ``None``), ``score`` (0-100; NaN when the row was not audited), ``passed``
    (the gate of ``config``: ``fail_under`` and ``fail_on``), ``findings`` (a
    JSON array of findings in the JSON report's shape: rule, name, category,
    severity, message, suggestion, start, end, line, column, text, penalty),
    ``words``, ``errors``/``warnings``/``infos`` (findings by severity) and
    ``skipped`` (why a row was not audited: null text or not text; null for audited
    rows).  A row auditor fails on gets an ``AU001`` finding, score 0 and
    ``passed=False``; a rule that fails on a row an ``AU002`` finding and
    ``passed=False`` (docs/rules.md, "When auditing fails").

    Batch rules (NM105, which compare documents of a whole run) do not run here: a
    partition is not the run.  The frame's ``attrs["auditor_batch_rules_not_run"]``
    lists them; run ``auditor check`` on the corpus for them.

    An empty frame gives an empty result with the same columns and dtypes, so
    ``score_batch(df.head(0))`` is the ``meta`` Dask asks for.
    """
    import pandas as pd

    missing = [c for c in (text_column, id_column) if c is not None and c not in df.columns]
    if missing:
        raise KeyError(
            f"score_batch: column(s) {', '.join(map(repr, missing))} not in the frame "
            f"(columns: {', '.join(map(str, df.columns))})"
        )
    auditor = cached_auditor(config)
    ids = df[id_column] if id_column is not None else None
    columns: dict[str, list[Any]] = {name: [] for name in RESULT_DTYPES}
    for position, value in enumerate(df[text_column].tolist()):
        path = str(ids.iat[position]) if ids is not None else f"<row {position}>"
        for name, cell in result_row(audit_value(auditor, value, path=path)).items():
            columns[name].append(cell)
    # Series built with their final dtype: object columns keep None (pandas would infer str and NaN).
    out = pd.DataFrame(
        {name: pd.Series(columns[name], index=df.index, dtype=dtype) for name, dtype in RESULT_DTYPES.items()}
    )
    if ids is not None:
        out.insert(0, id_column, ids.array)
    out.attrs["auditor_batch_rules_not_run"] = [rule.id for rule in auditor.batch_rules]
    return out


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:  # pd.NA, NaT and numpy NaN without importing pandas here
        import pandas as pd
    except ImportError:  # pragma: no cover
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _not_audited(path: str, reason: str) -> FileResult:
    return not_audited(path, reason)


def fix_batch(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    config: Config | None = None,
    unsafe: bool = False,
) -> pd.DataFrame:
    """A copy of ``df`` with each row's ``text_column`` fixed and an ``auditor`` column (JSON text).

    ``auditor`` holds ``score_before``, ``score_after``, ``fixed`` (how many
    findings were fixed) and ``rules`` (the codes fixed), as ``auditor fix``
    writes it; a row whose text is missing or not text keeps it and gets
    ``skipped`` instead of the scores.  Same order and index as ``df``; it is
    what ``auditor.spark.fix_dataframe`` runs on each Arrow batch.
    """
    from auditor.fixcorpus import fix_record

    if text_column not in df.columns:
        raise KeyError(f"fix_batch: no column {text_column!r} (columns: {', '.join(map(str, df.columns))})")
    auditor = cached_auditor(config)
    texts, infos = [], []
    for value in df[text_column].tolist():
        text, info = fix_record(None if _is_missing(value) else value, auditor=auditor, unsafe=unsafe)
        texts.append(text)
        infos.append(json.dumps(info, ensure_ascii=False))
    import pandas as pd

    out = df.copy()
    out[text_column] = pd.Series(texts, index=df.index, dtype=object)  # None stays None
    out["auditor"] = pd.Series(infos, index=df.index, dtype=object)
    return out
