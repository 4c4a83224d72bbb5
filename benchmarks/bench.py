"""Throughput of the full default rule set on a corpus built from the seed articles.

    python benchmarks/bench.py [--docs 1000] [--repeat 3] [--select CODES] [--jobs 2] [--proselint 200] [--startup 5]

Each document is a seed article with its paragraphs rotated by a different
amount and a unique first line, so no cache keyed on text can help.  Rules are
loaded once (as in a long run); the figure is documents per second and MB/s of
UTF-8 text for the audit itself, one process, best of ``--repeat`` rounds.
``--jobs N`` also times the same corpus through N worker processes (as
``auditor check --jobs N`` runs), and ``--proselint K`` times proselint, the
best-known Python prose linter, on the first K documents as a reference point;
``--startup N`` runs ``auditor check`` on a one-sentence file N times (the median CPU).
Peak RSS is this process's (and its workers') high-water mark.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.config import Config
from auditor.engine import Auditor
from auditor.inputs import Item


def build_corpus(n: int, seeds: Path = ROOT / "seeds") -> list[str]:
    articles = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    paragraphs = [[line for line in a.split("\n") if line.strip()] for a in articles]
    corpus = []
    for i in range(n):
        paras = paragraphs[i % len(paragraphs)]
        k = (i // len(paragraphs)) % len(paras)
        body = paras[k:] + paras[:k]
        corpus.append(
            f"Document {i}: a benchmark article built from seed {i % len(paragraphs)}\n\n" + "\n\n".join(body) + "\n"
        )
    return corpus


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--select", default="ALL", help="comma-separated rule codes or prefixes (default: all)")
    p.add_argument("--jobs", type=int, default=0, help="also time N worker processes (0: skip)")
    p.add_argument("--proselint", type=int, default=0, metavar="K", help="also time proselint on K documents")
    p.add_argument("--startup", type=int, default=0, metavar="N", help="also time N runs of the CLI on one short file")
    args = p.parse_args()
    if args.startup:  # first: a child's peak RSS starts from this process's (fork, then exec)
        cpu, rss = startup(args.startup)
        print(f"start-up: {cpu:.2f} s CPU (user+sys, median of {args.startup}), peak RSS {rss:.0f} MB")
    corpus = build_corpus(args.docs)
    megabytes = sum(len(d.encode("utf-8")) for d in corpus) / 1e6
    t0 = time.perf_counter()
    auditor = Auditor(Config(select=tuple(args.select.split(","))))
    auditor.audit_text(corpus[0])  # warm caches that load data once per process
    load = time.perf_counter() - t0
    rounds = []
    findings = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        findings = sum(len(auditor.audit_text(doc, path=f"doc{i}").findings) for i, doc in enumerate(corpus))
        rounds.append(time.perf_counter() - t0)
    best = min(rounds)
    print(f"rules: {len(auditor.rules)}; load and warm-up: {load:.2f} s")
    print(f"corpus: {len(corpus)} documents, {megabytes:.2f} MB, {findings} findings per round")
    print(f"rounds (s): {', '.join(f'{r:.2f}' for r in rounds)}; median {statistics.median(rounds):.2f}")
    one = len(corpus) / best
    print(f"throughput: {one:.0f} docs/s, {megabytes / best:.2f} MB/s (one process, best round)")
    print(f"peak RSS: {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB (one process)")
    if args.jobs > 1:
        from auditor import parallel

        items = [Item(f"doc{i}", text=doc) for i, doc in enumerate(corpus)]
        config = Config(select=tuple(args.select.split(",")))
        t0 = time.perf_counter()
        count = sum(1 for _ in parallel.run(items, config=config, jobs=args.jobs))
        elapsed = time.perf_counter() - t0
        print(
            f"--jobs {args.jobs}: {count / elapsed:.0f} docs/s, {megabytes / elapsed:.2f} MB/s "
            f"(including worker start-up); worker peak RSS {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )
    if args.proselint:
        rate = proselint_rate(corpus[: args.proselint])
        if rate is None:
            print("proselint: not installed (pip install proselint) - reference skipped")
        else:
            print(
                f"proselint: {rate:.1f} docs/s on {min(args.proselint, len(corpus))} documents; "
                f"auditor is {one / rate:.0f}x faster per document"
            )
    return 0


def startup(runs: int) -> tuple[float, float]:
    """CPU seconds (median) and peak RSS of ``auditor check`` on a one-sentence file, whole process."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.txt"
        path.write_text("The minister said on Tuesday that talks would resume.\n", encoding="utf-8")
        command = [sys.executable, "-m", "auditor", "check", str(path), "--jobs", "1", "-o", str(Path(tmp) / "r")]
        subprocess.run([*command, "--no-progress"], capture_output=True, check=False)  # compile bytecode once
        times = []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([*command, "--no-progress"], capture_output=True, check=False)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), peak_rss_mb(resource.RUSAGE_CHILDREN)


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def proselint_rate(docs: list[str]) -> float | None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)  # what proselint's command line does before linting
    LintFile("warm-up", docs[0]).lint()
    t0 = time.perf_counter()
    for i, doc in enumerate(docs):
        LintFile(f"doc{i}", doc).lint()
    return len(docs) / (time.perf_counter() - t0)


if __name__ == "__main__":
    sys.exit(main())
