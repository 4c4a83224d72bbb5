"""Long fuzzing runs: generated hostile input through the engine, the corpus readers and every report format.

    nice python benchmarks/fuzz.py [--count 100000] [--seed 1] [--batch 50] [--failures fuzz-failures.jsonl]

Four kinds of input, in turn, from a seeded generator (a run is reproducible):

* ``text``: fragments that wake the rules (doubled words, glued words, mojibake,
  quotes, odd spaces, control and line-separator characters, lone surrogates)
  mixed with random code points, through ``Auditor.audit_text``;
* ``bytes``: the same texts encoded as UTF-8, Windows-1252, UTF-16 (with and
  without a BOM), spliced with random bytes, through ``Auditor.audit_bytes``;
* ``corpus``: JSON Lines and CSV files built from those texts and bytes, with
  BOMs, broken quotes, invalid UTF-8, JSON surrogate escapes and damaged gzip,
  through ``corpus.read_records``: each must give records or an ``InputError``;
* ``report``: every ``--batch`` results (paths with surrogates and control
  characters) rendered in every format: valid UTF-8, JSON/SARIF parse, JSON
  Lines one line per file, GitHub one command per line, HTML parses.

Every result's offsets are checked (``text[start:end]`` is the finding's text,
line and column agree).  A failure is recorded with its input (``repr``) in the
failures file and the run goes on; the summary gives counts per kind, the
failures by kind and message, and the slowest inputs.  Exit code 1 when anything failed.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.corpus import read_records
from auditor.decode import NotText
from auditor.engine import Auditor
from auditor.errors import InputError
from auditor.model import FileResult, Summary
from auditor.output import ERRORS
from auditor.reporters import FORMATS

FRAGMENTS = [
    "deputy deputy ",
    "the the ",
    "BidenOn ",
    "TuesdayMorning ",
    "donâ€™t ",
    "Ã©tÃ© ",
    "Mr. ",
    "Mrs ",
    "gentlemen. Biden ",
    "Mr. President. Putin ",
    "“quote” ",
    '"quote" ',
    "«x» ",
    "„x“ ",
    "'single' ",
    "\u200b",
    "\u00a0",
    "\u202f",
    "\ufeff",
    "\r\n",
    "\n",
    "\n\n",
    "\r",
    "\f",
    "\t",
    "\v",
    "…",
    "...",
    ". . .",
    "A.A. ",
    "U.S. ",
    "Leave a Reply\n",
    "Share this:\n",
    "Anthony Brinken ",
    "Vladimir Putin ",
    "he said Officer ",
    "<b>x</b>",
    "&amp; ",
    "&nbsp;",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\u2028",
    "\u2029",
    "\x85",
    "\ufffd",
    "é",
    "ß",
    "Ω",
    "—",
    "–",
    "-",
    "--",
    "Москва ",
    "Россия ",
    "北京 ",
    "😀",
    "\u0301",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "`",
    "*",
    "|",
    "%",
    ":",
    ",",
    "::",
    "\\",
    "\x00",
    "\ud800",
    "\udcff",
    "\ud83d\ude00",
    "In order to ",
    "in  order to ",
    "IN\tORDER TO ",
    "aб" * 5,
    "sir" * 5,
    "Aa" * 10,
]
SURROGATE = re.compile(r"[\ud800-\udfff]")
BREAK = re.compile(r"\r\n|\r|\n")


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 40)):
        roll = rng.random()
        if roll < 0.6:
            parts.append(rng.choice(FRAGMENTS))
        elif roll < 0.8:
            parts.append(
                " ".join(
                    rng.choice(
                        [
                            "The",
                            "council",
                            "met",
                            "on",
                            "Monday",
                            "and",
                            "said",
                            "it",
                            "was",
                            "approved",
                            "by",
                            "Biden",
                            "Putin",
                            "Kyiv",
                            "Moscow",
                            ".",
                        ]
                    )
                    for _ in range(rng.randint(1, 12))
                )
                + " "
            )
        elif roll < 0.95:
            parts.append(
                "".join(
                    chr(
                        rng.choice(
                            [
                                rng.randint(0x20, 0x7E),
                                rng.randint(0xA0, 0x2FFF),
                                rng.randint(0x3000, 0xFFFD),
                                rng.randint(0x10000, 0x10FFFF),
                            ]
                        )
                    )
                    for _ in range(rng.randint(1, 8))
                )
            )
        else:
            parts.append(chr(rng.randint(0, 0x1F)))
    return "".join(parts)


def random_bytes(rng: random.Random, text: str) -> bytes:
    clean = SURROGATE.sub("\ufffd", text)
    how = rng.randrange(7)
    if how == 0:
        data = clean.encode("utf-8")
    elif how == 1:
        data = clean.encode("cp1252", "replace")
    elif how == 2:
        data = clean.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
    elif how == 3:
        data = b"\xef\xbb\xbf" + clean.encode("utf-8")
    elif how == 4:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    else:
        data = bytearray(clean.encode("utf-8"))
        for _ in range(rng.randint(1, 5)):
            data.insert(rng.randint(0, len(data)), rng.randrange(128, 256))
        data = bytes(data)
    return data


def random_corpus(rng: random.Random, folder: Path, n: int) -> Path:
    """A JSON Lines or CSV corpus, sometimes gzipped, sometimes damaged."""
    csv = rng.random() < 0.35
    lines: list[bytes] = [b"id,text\n"] if csv else []
    for i in range(rng.randint(0, 6)):
        text = random_text(rng)
        if csv:
            body = SURROGATE.sub("\ufffd", text).replace('"', '""').encode("utf-8", "replace")
            quote = b'"' if rng.random() < 0.95 else b""  # sometimes a field is never closed
            line = b'r%d,"' % i + body + quote + b"\n"
        elif rng.random() < 0.3:
            line = json.dumps({"id": f"r{i}", "text": text}).encode("ascii")  # escapes, lone surrogates included
        else:
            line = json.dumps({"id": f"r{i}", "text": SURROGATE.sub("\ufffd", text)}, ensure_ascii=False).encode()
        if rng.random() < 0.15:
            line = random_bytes(rng, text)  # invalid UTF-8, not JSON, a NUL ...
        lines.append(line if line.endswith(b"\n") else line + b"\n")
    data = b"".join(lines)
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    gz = rng.random() < 0.3
    if gz:
        data = bytearray(gzip.compress(data))
        if rng.random() < 0.3 and len(data) > 20:
            cut = rng.randint(10, len(data) - 1)
            if rng.random() < 0.5:
                del data[cut:]
            else:
                data[cut : cut + 8] = bytes(8)
        data = bytes(data)
    path = folder / f"c{n}.{'csv' if csv else 'jsonl'}{'.gz' if gz else ''}"
    path.write_bytes(data)
    return path


def check_offsets(text: str, result: FileResult) -> None:
    for f in result.findings:
        if f.start is None:
            assert f.end is None and (f.line, f.column) == (1, 1), f"{f.rule}: whole-file finding with a position"
            continue
        span = f"{f.rule}: span {f.start}-{f.end} of {len(text)}"
        assert f.end is not None and 0 <= f.start <= f.end <= len(text), span
        assert text[f.start : f.end] == f.text, f"{f.rule}: text is not the slice"
        starts = [0] + [m.end() for m in BREAK.finditer(text, 0, f.start) if m.end() <= f.start]
        assert (f.line, f.column) == (len(starts), f.start - starts[-1] + 1), f"{f.rule}: line/column"


def check_report(fmt: str, rules: tuple, results: list[FileResult]) -> None:
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="utf-8", errors=ERRORS, newline="\n")
    reporter = FORMATS[fmt](out, rules=rules, width=100, color=False)
    for result in results:
        reporter.add(result)
    reporter.close(Summary.of(results))
    out.flush()
    report = buffer.getvalue().decode("utf-8")
    if fmt in ("json", "sarif"):
        json.loads(report)
    elif fmt == "jsonl":
        lines = report.splitlines()
        assert len(lines) == len(results), "a JSON line was split"
        for line in lines:
            json.loads(line)
    elif fmt == "github":
        assert "\r" not in report
        assert all(line.startswith("::") for line in report.split("\n")[:-1]), "a GitHub command was split"
    elif fmt == "html":
        parser = HTMLParser()
        parser.feed(report)
        parser.close()


def random_path(rng: random.Random) -> str:
    return rng.choice(
        [
            "a.txt",
            "dir/b.md",
            "/abs/c d.txt",
            "caf\udce9.txt",
            "x\ud800y",
            "line\nbreak.txt",
            "\x1b[31mred.txt",
            "rec1\n<img src=x onerror=alert(1)>\n# all passed",
            "50%,:x.txt",
            "`tick`.md",
            "a\u2028b",
        ]
    ) + str(rng.randrange(1000))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="inputs in all (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=50, help="results per report rendering (default 50)")
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures.jsonl"))
    parser.add_argument("--slow", type=float, default=2.0, help="report inputs slower than this many seconds")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    auditor = Auditor()
    counts: Counter[str] = Counter()
    failures: Counter[tuple[str, str]] = Counter()
    slowest: list[tuple[float, str, int]] = []
    batch: list[FileResult] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, open(args.failures, "w", encoding="utf-8") as log:

        def fail(kind: str, payload: object, exc: BaseException) -> None:
            message = f"{type(exc).__name__}: {exc}"[:200]
            failures[(kind, message)] += 1
            log.write(
                json.dumps(
                    {
                        "kind": kind,
                        "input": repr(payload)[:20000],
                        "error": message,
                        "traceback": traceback.format_exc()[-3000:],
                    }
                )
                + "\n"
            )
            log.flush()

        n = 0
        while n < args.count:
            kind = ("text", "text", "bytes", "corpus")[n % 4]
            t0 = time.monotonic()
            payload: object = None
            try:
                if kind == "text":
                    payload = text = random_text(rng)
                    result = auditor.audit_text(text, path=random_path(rng))
                    check_offsets(text, result)
                    batch.append(result)
                elif kind == "bytes":
                    payload = data = random_bytes(rng, random_text(rng))
                    try:
                        result = auditor.audit_bytes(data, path=random_path(rng))
                    except NotText:
                        counts["bytes refused as not text"] += 1
                    else:
                        check_offsets(result.text, result)
                        batch.append(result)
                else:
                    path = random_corpus(rng, Path(tmp), n)
                    payload = path.read_bytes()
                    try:
                        records = list(read_records(str(path), max_size=rng.choice([100, 10_000_000])))
                        for record in records:
                            record.text.encode("utf-8")
                            record.id.encode("utf-8")
                        counts["corpus records"] += len(records)
                    except InputError:
                        counts["corpus refused with InputError"] += 1
                    path.unlink()
            except Exception as exc:  # a fuzzer records every failure and goes on
                fail(kind, payload, exc)
            took = time.monotonic() - t0
            if took > args.slow:
                slowest.append((took, kind, n))
            counts[kind] += 1
            n += 1
            if len(batch) >= args.batch or (n == args.count and batch):
                for fmt in sorted(FORMATS):
                    try:
                        check_report(fmt, auditor.rules, batch)
                    except Exception as exc:
                        fail(f"report:{fmt}", [(r.path, r.text) for r in batch], exc)
                    counts[f"report:{fmt}"] += 1
                batch = []
            if n % 5000 == 0:
                rate = n / (time.monotonic() - started)
                print(f"{n:,} inputs, {sum(failures.values())} failures, {rate:.0f}/s", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started
    print(f"fuzz: {n:,} inputs in {elapsed:.0f} s (seed {args.seed})")
    for key, value in sorted(counts.items()):
        print(f"  {key}: {value:,}")
    print(f"failures: {sum(failures.values())}" + (f" (inputs in {args.failures})" if failures else ""))
    for (kind, message), value in failures.most_common():
        print(f"  {value:5d}  {kind}: {message}")
    for took, kind, index in sorted(slowest, reverse=True)[:10]:
        print(f"  slow: input {index} ({kind}) {took:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
