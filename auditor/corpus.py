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
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from auditor.config import DEFAULT_MAX_SIZE
from auditor.decode import repair_surrogates
from auditor.errors import InputError

CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".csv.gz", ".parquet")


@dataclass(frozen=True, slots=True)
class Record:
    """One document of a corpus: its id (as text) and its text.

    ``problem`` says why a record is unusable (not JSON, no text field): the
    run reports it as unreadable.  ``skip`` says why a record is left out on
    purpose (larger than max-size).  ``data`` holds the text's raw bytes when
    they are not valid UTF-8: they are then decoded like a file, so the result
    names the encoding actually used (``text`` holds a UTF-8 reading with
    U+FFFD for the bad bytes).
    """

    id: str
    text: str
    problem: str | None = None
    data: bytes | None = None
    skip: str | None = None
    source: str | None = None
    """The record's source: its ``source_field`` value, else the domain of its ``url`` field (docs/sources.md)."""
    date: str | None = None
    """The record's ``date_field`` value, as text (clusters name the earliest copy the original)."""


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


def read_records(
    path: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    max_size: int = DEFAULT_MAX_SIZE,
    source_field: str | None = None,
    date_field: str | None = None,
) -> Iterator[Record]:
    """Every record of the corpus at ``path``; a record without usable text comes with a ``problem``.

    Raises ``InputError`` for a corpus that cannot be read on (a corrupt or
    truncated gzip stream, a CSV quote left open) and for a corpus without a
    single record, like a folder without a file.
    """
    lower = path.lower()
    meta = (source_field, date_field)
    if lower.endswith(".parquet"):
        records = _parquet(path, text_field=text_field, id_field=id_field, max_size=max_size, meta=meta)
    elif lower.endswith((".csv", ".csv.gz")):
        records = _csv(path, text_field=text_field, id_field=id_field, max_size=max_size, meta=meta)
    else:
        records = _jsonl(path, text_field=text_field, id_field=id_field, max_size=max_size, meta=meta)
    empty = True
    for record in records:
        empty = False
        yield record
    if empty:
        raise InputError(f"{path}: the corpus holds no records")


def _open_text(path: str, *, newline: str) -> io.TextIOBase:
    """The corpus as text: a UTF-8 BOM is dropped, bytes that are not UTF-8 are kept as lone surrogates.

    ``surrogateescape`` keeps every byte recoverable, so a record with bad
    bytes can be told from a good one and its raw bytes handed on.
    """
    try:
        if path.lower().endswith(".gz"):
            return gzip.open(
                path,
                "rt",
                encoding="utf-8-sig",
                errors="surrogateescape",  # type: ignore[return-value]
                newline=newline,
            )
        return open(path, encoding="utf-8-sig", errors="surrogateescape", newline=newline)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


#: What reading a damaged corpus raises: gzip's BadGzipFile (an OSError), zlib.error, EOFError (truncated).
_READ_ERRORS = (OSError, EOFError, zlib.error)


def _unreadable(path: str, exc: BaseException, where: str) -> InputError:
    if isinstance(exc, EOFError):
        reason = "the compressed stream ends early (truncated file)"
    elif isinstance(exc, zlib.error | gzip.BadGzipFile):
        reason = f"corrupt compressed data ({exc})"
    else:
        reason = getattr(exc, "strerror", None) or str(exc)
    return InputError(f"{path}: cannot read {where}: {reason}")


def _clean(value: str, *, raw: bool) -> tuple[str, bytes | None]:
    """A string read from the corpus, safe to audit and to write, and its raw bytes when they were not UTF-8.

    ``raw`` says the line held undecodable bytes (as ``surrogateescape`` lone
    surrogates); any other surrogate came from a JSON escape such as ``\\ud800``
    and is repaired to U+FFFD.
    """
    if not _has_surrogates(value):
        return value, None
    if raw:
        try:
            data = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            data = None  # escaped surrogates mixed in: no byte form, repair in place
        if data is not None:
            return data.decode("utf-8", "replace"), data
    return repair_surrogates(value)[0], None


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _has_surrogates(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _size(text: str) -> int:
    """UTF-8 length in bytes, computed only when the code point count does not settle it."""
    return len(text.encode("utf-8", "surrogatepass"))


def _too_large(max_size: int) -> str:
    return f"larger than {max_size:,} bytes (max-size); not audited"


Meta = tuple[str | None, str | None]  # (source_field, date_field)


def record_meta(row: dict[str, object], meta: Meta) -> tuple[str | None, str | None]:
    """The source and date of a record: ``source_field``'s value, else the domain of ``url``; ``date_field``'s."""
    from auditor.sources import domain

    source_field, date_field = meta
    source = row.get(source_field) if source_field else None
    if source is None or source == "":
        url = row.get("url")
        source = domain(url) if isinstance(url, str) and url.strip() else None
    date = row.get(date_field) if date_field else None
    return (
        None if source is None else _clean(str(source), raw=False)[0],
        None if date is None or date == "" else str(date),
    )


def _record(
    row: object,
    number: int,
    *,
    text_field: str,
    id_field: str,
    raw: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    meta: Meta = (None, None),
) -> Record:
    if not isinstance(row, dict):
        return Record(str(number), "", f"record {number} is not an object")
    raw_id = row.get(id_field)
    rid = str(number) if raw_id is None or raw_id == "" else _clean(str(raw_id), raw=raw)[0]
    source, date = record_meta(row, meta)
    text = row.get(text_field)
    if text is None and text_field in row:
        # "text": null is a record without text, as "text": "" is (inputs skips both)
        return Record(rid, "", source=source, date=date)
    if text is None:
        return Record(rid, "", f"record {number} has no field {text_field!r}", source=source, date=date)
    if not isinstance(text, str):
        return Record(rid, "", f"record {number}: field {text_field!r} is not text", source=source, date=date)
    if len(text) > max_size or (4 * len(text) > max_size and _size(text) > max_size):
        return Record(rid, "", skip=_too_large(max_size), source=source, date=date)
    clean, data = _clean(text, raw=raw)
    return Record(rid, clean, data=data, source=source, date=date)


def _jsonl(path: str, *, text_field: str, id_field: str, max_size: int, meta: Meta = (None, None)) -> Iterator[Record]:
    number = 0
    with _open_text(path, newline="\n") as fh:
        try:
            while line := fh.readline(max_size + 1):
                number += 1
                if len(line) > max_size and not line.endswith("\n"):
                    while (rest := fh.readline(1 << 20)) and not rest.endswith("\n"):
                        pass  # the rest of an oversized line, read in bounded pieces and dropped
                    yield Record(str(number), "", skip=f"line {number} is " + _too_large(max_size))
                    continue
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Record(str(number), "", f"line {number} is not JSON: {exc.msg}")
                    continue
                yield _record(
                    row,
                    number,
                    text_field=text_field,
                    id_field=id_field,
                    raw=_has_surrogates(line),
                    max_size=max_size,
                    meta=meta,
                )
        except _READ_ERRORS as exc:
            raise _unreadable(path, exc, f"after line {number}" if number else "its first line") from None


def _csv(path: str, *, text_field: str, id_field: str, max_size: int, meta: Meta = (None, None)) -> Iterator[Record]:
    csv.field_size_limit(sys.maxsize)
    with _open_text(path, newline="") as fh:
        # strict: a quote left open is an error at the end of the file, not a field that swallows every row after it
        reader = csv.DictReader(fh, strict=True)
        line = 1
        try:
            if reader.fieldnames is None or text_field not in reader.fieldnames:
                raise InputError(f"{path}: no column {text_field!r} (columns: {', '.join(reader.fieldnames or [])})")
            number = 0
            while True:
                line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                number += 1
                raw = any(isinstance(v, str) and _has_surrogates(v) for v in row.values())
                yield _record(
                    row, number, text_field=text_field, id_field=id_field, raw=raw, max_size=max_size, meta=meta
                )
        except csv.Error as exc:
            raise InputError(
                f"{path}: malformed CSV in the record starting at line {line}: {exc}"
                + (" (a quoted field is never closed)" if "end of data" in str(exc) else "")
            ) from None
        except _READ_ERRORS as exc:
            raise _unreadable(path, exc, f"at line {line}") from None


def _parquet(
    path: str, *, text_field: str, id_field: str, max_size: int, meta: Meta = (None, None)
) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'news-auditor[parquet]'") from None
    try:
        table = pq.ParquetFile(Path(path))
    except Exception as exc:  # noqa: BLE001 - pyarrow raises its own error types for bad files
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from None
    names = table.schema_arrow.names
    if text_field not in names:
        raise InputError(f"{path}: no column {text_field!r} (columns: {', '.join(names)})")
    extra = [f for f in (id_field, *meta, "url") if f and f in names and f != text_field]
    columns = [text_field, *dict.fromkeys(extra)]
    number = 0
    for batch in table.iter_batches(batch_size=1024, columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _record(row, number, text_field=text_field, id_field=id_field, max_size=max_size, meta=meta)
