"""Peak memory of a streaming run: does it grow with the number of documents?

    python benchmarks/memory.py --docs 10000 100000 [--jobs 1] [--format jsonl]
    python benchmarks/memory.py --folder --docs 3000 [--jobs 1]


Writes a JSON Lines corpus of N seed-derived documents (see bench.py) to a
temporary folder, runs ``auditor check CORPUS --format F -o /dev/null`` in a
child process and reports that process's peak resident set size (and, with
``--jobs N``, the largest worker's), with the wall time.

``--folder`` writes N article files instead (BBC articles from ../shared/data/bbc-news,
cycled, when it is there; seed-derived ones otherwise) and runs ``auditor check FOLDER``
twice: with the batch rules (NM105 holds every result to the end of the run) and with
``--no-batch`` (streaming), so the cost of the batch pass shows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import build_corpus


def write_corpus(path: Path, n: int) -> float:
    template = build_corpus(min(n, 500))
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Record {i}\n" + template[i % len(template)]
            fh.write(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n")
    return path.stat().st_size / 1e6


BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc-news"


def write_folder(folder: Path, n: int) -> float:
    sources = sorted(BBC.rglob("*.txt")) if BBC.is_dir() else []
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sources[:3000]] or build_corpus(min(n, 500))
    folder.mkdir()
    size = 0
    for i in range(n):
        path = folder / f"{i:06d}.txt"
        path.write_text(f"Record {i}\n" + texts[i % len(texts)], encoding="utf-8")
        size += path.stat().st_size
    return size / 1e6


def measure(corpus: Path, *, jobs: int, fmt: str, extra: tuple[str, ...] = ()) -> tuple[float, float, int]:
    cmd = [
        sys.executable,
        "-m",
        "auditor",
        "check",
        str(corpus),
        "--format",
        fmt,
        "-o",
        os.devnull,
        "--jobs",
        str(jobs),
        "--no-progress",
        *extra,
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    return usage.ru_maxrss / 1024, elapsed, os.waitstatus_to_exitcode(status)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--format", default="json")
    p.add_argument("--folder", action="store_true", help="a folder of article files, with and without --no-batch")
    args = p.parse_args()
    if args.folder:
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.docs:
                folder = Path(tmp) / f"folder-{n}"
                size = write_folder(folder, n)
                for label, extra in (("batch rules", ()), ("--no-batch", ("--no-batch",))):
                    rss, elapsed, code = measure(folder, jobs=args.jobs, fmt=args.format, extra=extra)
                    print(
                        f"{n:>7} files ({size:.0f} MB), {label:<11}: peak RSS {rss:.0f} MB, {elapsed:.1f} s "
                        f"({n / elapsed:.0f} docs/s, --jobs {args.jobs}, exit {code})",
                        flush=True,
                    )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            size = write_corpus(corpus, n)
            rss, elapsed, code = measure(corpus, jobs=args.jobs, fmt=args.format)
            print(
                f"{n:>7} documents ({size:.0f} MB): peak RSS {rss:.0f} MB, {elapsed:.0f} s "
                f"({n / elapsed:.0f} docs/s, --jobs {args.jobs}, exit {code})",
                flush=True,
            )
            corpus.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
