"""``auditor fix CORPUS -o CLEANED``: a corpus written back with every record's text fixed.

JSON Lines (``.jsonl``, ``.jsonl.gz``; ``-`` reads standard input and writes
standard output), CSV and Parquet.  Each record keeps its other fields, gets its
text field fixed and an ``auditor`` field::

    {"score_before": 41.5, "score_after": 93.0, "fixed": 12, "rules": ["BP101", "EX101"]}

(in CSV a JSON text; ``skipped`` with the reason and no scores for a record whose
text is missing or not text: it is written back unchanged).  Records are fixed in
``--jobs`` worker processes and written in input order, so the output does not
depend on the number of jobs.  The output is written atomically and never over
the input unless ``--in-place``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO, Any

from auditor.config import Config
from auditor.engine import Auditor
from auditor.errors import InputError
from auditor.fixfiles import ordered_map, say
from auditor.fixing import fix_text

JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def add_parser(sub: Any, selection: Callable[[argparse.ArgumentParser], None], jobs: Callable[[str], int]) -> None:
    fix = sub.add_parser("fix", help="write a corpus (JSONL, CSV, Parquet) back with every record's text fixed")
    fix.add_argument(
        "corpus", metavar="CORPUS", help=".jsonl, .jsonl.gz, .csv or .parquet; - for JSON Lines on standard input"
    )
    fix.add_argument(
        "-o",
        "--output",
        metavar="CLEANED",
        help="where the cleaned corpus goes (- for standard output; the default for standard input)",
    )
    fix.add_argument("--in-place", action="store_true", help="replace the input corpus (atomically)")
    fix.add_argument("--unsafe-fixes", action="store_true", help="apply the unsafe fixes too")
    fix.add_argument("--text-field", default="text", metavar="NAME", help="the field holding the text (text)")
    fix.add_argument("-j", "--jobs", type=jobs, metavar="N", help="worker processes (a number or auto)")
    selection(fix)


def fix_record(value: object, *, auditor: Auditor, unsafe: bool) -> tuple[object, dict[str, Any]]:
    """A record's text fixed, and its ``auditor`` field."""
    if not isinstance(value, str) or not value.strip():
        why = (
            "missing text"
            if value is None or (isinstance(value, float) and math.isnan(value))
            else ("empty text" if isinstance(value, str) else f"text is {type(value).__name__}, not text")
        )
        return value, {"skipped": why, "fixed": 0, "rules": []}
    try:
        result = fix_text(value, unsafe=unsafe, auditor=auditor)
    except Exception as exc:  # noqa: BLE001 - one record must not lose a corpus
        return value, {"skipped": f"auditor failed: {type(exc).__name__}: {exc}", "fixed": 0, "rules": []}
    assert result.before is not None and result.after is not None
    return result.text, {
        "score_before": result.before.score,
        "score_after": result.after.score,
        "fixed": len(result.applied),
        "rules": list(result.rules),
    }


def cmd_fix(args: argparse.Namespace) -> int:
    from auditor.cli import resolve_config

    config: Config = resolve_config(args)
    auditor = Auditor(replace(config), keep_text=False)
    source = args.corpus
    lower = source.lower()
    if source != "-" and not Path(source).is_file():
        raise InputError(f"{source}: no such corpus file")
    if source != "-" and not lower.endswith((*JSONL, ".csv", ".parquet")):
        raise InputError(
            f"{source}: not a corpus (.jsonl, .jsonl.gz, .csv, .parquet); fix article files with 'auditor check --fix'"
        )
    output = args.output
    if args.in_place:
        if source == "-":
            raise InputError("--in-place needs a corpus file, not standard input")
        output = source
    elif output is None:
        if source != "-":
            raise InputError(f"{source}: name the cleaned corpus with -o CLEANED (or replace it with --in-place)")
        output = "-"
    elif source != "-" and output != "-" and Path(output).exists() and os.path.samefile(output, source):
        raise InputError(f"{output}: is the input corpus; write elsewhere or pass --in-place")
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    job = partial(fix_record, auditor=auditor, unsafe=args.unsafe_fixes)
    counts = {"records": 0, "changed": 0, "fixed": 0}

    def fixed(values: Iterator[object]) -> Iterator[tuple[object, dict[str, Any]]]:
        for text, info in ordered_map(job, values, jobs=jobs):
            counts["records"] += 1
            counts["changed"] += info["fixed"] > 0
            counts["fixed"] += info["fixed"]
            yield text, info

    field = args.text_field
    if lower.endswith(".parquet"):
        _parquet(source, output, field, fixed)
    elif lower.endswith(".csv"):
        with _atomic(output, binary=False, gz=False) as out:
            _csv(source, out, field, fixed)
    else:
        with _atomic(output, binary=False, gz=output.lower().endswith(".gz")) as out:
            _jsonl(source, out, field, fixed)
    say(
        f"{counts['records']} records, {counts['changed']} changed, {counts['fixed']} findings fixed"
        + ("" if output == "-" else f"; wrote {output}")
    )
    return 0


# -- formats ---------------------------------------------------------------------------------------------
Fixer = Callable[[Iterator[object]], Iterator[tuple[object, dict[str, Any]]]]


def _jsonl(source: str, out: IO[str], field: str, fixed: Fixer) -> None:
    if source == "-":
        lines: Iterator[str] = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
    elif source.lower().endswith(".gz"):
        lines = gzip.open(source, "rt", encoding="utf-8-sig")  # noqa: SIM115 - closed when read
    else:
        lines = open(source, encoding="utf-8-sig")  # noqa: SIM115 - closed when read
    rows: deque[object] = deque()

    def values() -> Iterator[object]:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{source}: line {number} is not JSON: {exc.msg}") from None
            rows.append(row)
            yield row.get(field) if isinstance(row, dict) else None

    for text, info in fixed(values()):
        row = rows.popleft()
        if isinstance(row, dict):
            row = {**row, **({field: text} if field in row else {}), "auditor": info}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _csv(source: str, out: IO[str], field: str, fixed: Fixer) -> None:
    csv.field_size_limit(sys.maxsize)
    with open(source, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        names = list(reader.fieldnames or [])
        if field not in names:
            raise InputError(f"{source}: no column {field!r} (columns: {', '.join(names)})")
        writer = csv.DictWriter(
            out, fieldnames=[*names, *(["auditor"] if "auditor" not in names else [])], lineterminator="\r\n"
        )
        writer.writeheader()
        rows: deque[dict[str, str]] = deque()

        def values() -> Iterator[object]:
            for row in reader:
                rows.append(row)
                yield row.get(field)

        for text, info in fixed(values()):
            row = rows.popleft()
            writer.writerow({**row, field: text, "auditor": json.dumps(info, ensure_ascii=False)})


def _parquet(source: str, output: str, field: str, fixed: Fixer) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("fixing Parquet needs pyarrow: pip install 'news-auditor[parquet]'") from None
    if output == "-":
        raise InputError("a Parquet corpus is written to a file: give -o CLEANED.parquet")
    table = pq.read_table(source)
    if field not in table.column_names:
        raise InputError(f"{source}: no column {field!r} (columns: {', '.join(table.column_names)})")
    results = list(fixed(iter(table.column(field).to_pylist())))
    index = table.column_names.index(field)
    table = table.set_column(index, field, pa.array([t for t, _ in results], type=table.schema.field(field).type))
    info = pa.array([json.dumps(i, ensure_ascii=False) for _, i in results], type=pa.string())
    if "auditor" in table.column_names:
        table = table.drop(["auditor"])
    table = table.append_column("auditor", info)
    temp = _temp_beside(output)
    try:
        pq.write_table(table, temp)
        os.replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _temp_beside(output: str) -> str:
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f".{os.path.basename(output)}.{os.getpid()}.tmp")


class _atomic:
    """A text stream to ``output`` ("-": standard output) that replaces the target only when complete."""

    def __init__(self, output: str, *, binary: bool, gz: bool) -> None:
        self.output, self.gz = output, gz
        self.temp = "" if output == "-" else _temp_beside(output)

    def __enter__(self) -> IO[str]:
        if self.output == "-":
            self.fh: IO[str] = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
            return self.fh
        if self.gz:
            self.raw = open(self.temp, "wb")
            # mtime 0 and no file name: the same records give the same bytes
            self.fh = io.TextIOWrapper(
                gzip.GzipFile(fileobj=self.raw, mode="wb", mtime=0, filename=""), encoding="utf-8", newline="\n"
            )
        else:
            self.fh = open(self.temp, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if self.output == "-":
            self.fh.flush()
            self.fh.detach()  # type: ignore[attr-defined]
            return
        try:
            self.fh.close()
            if self.gz:
                self.raw.close()
            if kind is None:
                mode = os.stat(self.output).st_mode & 0o777 if os.path.exists(self.output) else 0o644
                os.chmod(self.temp, mode)
                os.replace(self.temp, self.output)
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)
