"""Corpus files: many documents in one file (JSON Lines, gzipped or not, CSV, Parquet).

Each record becomes one document named by its id.  Records are read lazily,
one at a time, so a corpus of any size streams through in bounded memory.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError

CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".csv.gz", ".parquet")


@dataclass(frozen=True, slots=True)
class Record:
    """One document of a corpus: its id (as text) and its text; ``problem`` when the record is unusable."""

    id: str
    text: str
    problem: str | None = None


def is_corpus(path: str) -> bool:
    return path.lower().endswith(CORPUS_SUFFIXES)


def count_records(path: str) -> int | None:
    """How many records an uncompressed JSON Lines corpus holds (its non-blank lines), cheaply; else None."""
    if not path.lower().endswith((".jsonl", ".ndjson")):
        return None
    count = 0
    previous = b"\n"
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                count += chunk.count(b"\n") - chunk.count(b"\n\n") - (previous == b"\n" and chunk[:1] == b"\n")
                previous = chunk[-1:]
    except OSError:
        return None
    return count + (previous not in (b"\n", b""))


def read_records(path: str, *, text_field: str = "text", id_field: str = "id") -> Iterator[Record]:
    """Every record of the corpus at ``path``; a record without usable text comes with a ``problem``."""
    lower = path.lower()
    if lower.endswith(".parquet"):
        yield from _parquet(path, text_field=text_field, id_field=id_field)
    elif lower.endswith((".csv", ".csv.gz")):
        yield from _csv(path, text_field=text_field, id_field=id_field)
    else:
        yield from _jsonl(path, text_field=text_field, id_field=id_field)


def _open_text(path: str) -> io.TextIOBase:
    try:
        if path.lower().endswith(".gz"):
            return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")  # type: ignore[return-value]
        return open(path, encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _record(row: object, number: int, *, text_field: str, id_field: str) -> Record:
    if not isinstance(row, dict):
        return Record(str(number), "", f"record {number} is not an object")
    raw_id = row.get(id_field)
    rid = str(number) if raw_id is None or raw_id == "" else str(raw_id)
    text = row.get(text_field)
    if text is None:
        return Record(rid, "", f"record {number} has no field {text_field!r}")
    if not isinstance(text, str):
        return Record(rid, "", f"record {number}: field {text_field!r} is not text")
    return Record(rid, text)


def _jsonl(path: str, *, text_field: str, id_field: str) -> Iterator[Record]:
    with _open_text(path) as fh:
        try:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Record(str(number), "", f"line {number} is not JSON: {exc.msg}")
                    continue
                yield _record(row, number, text_field=text_field, id_field=id_field)
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: cannot read: {exc}") from None


def _csv(path: str, *, text_field: str, id_field: str) -> Iterator[Record]:
    csv.field_size_limit(sys.maxsize)
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or text_field not in reader.fieldnames:
            raise InputError(f"{path}: no column {text_field!r} (columns: {', '.join(reader.fieldnames or [])})")
        for number, row in enumerate(reader, 1):
            yield _record(row, number, text_field=text_field, id_field=id_field)


def _parquet(path: str, *, text_field: str, id_field: str) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'news-auditor[parquet]'") from None
    try:
        table = pq.ParquetFile(Path(path))
    except Exception as exc:  # pyarrow raises its own error types for bad files
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from None
    names = table.schema_arrow.names
    if text_field not in names:
        raise InputError(f"{path}: no column {text_field!r} (columns: {', '.join(names)})")
    columns = [text_field] + ([id_field] if id_field in names else [])
    number = 0
    for batch in table.iter_batches(batch_size=1024, columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _record(row, number, text_field=text_field, id_field=id_field)
