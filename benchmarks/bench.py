"""Throughput of the full default rule set on a corpus built from the seed articles.

    python benchmarks/bench.py [--docs 1000] [--repeat 3] [--select CODES]

Each document is a seed article with its paragraphs rotated by a different
amount and a unique first line, so no cache keyed on text can help.  Rules are
loaded once (as in a long run); the figure is documents per second and MB/s of
UTF-8 text for the audit itself, one process, best of ``--repeat`` rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.config import Config  # noqa: E402
from auditor.engine import Auditor  # noqa: E402


def build_corpus(n: int, seeds: Path = ROOT / "seeds") -> list[str]:
    articles = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    paragraphs = [[line for line in a.split("\n") if line.strip()] for a in articles]
    corpus = []
    for i in range(n):
        paras = paragraphs[i % len(paragraphs)]
        k = (i // len(paragraphs)) % len(paras)
        body = paras[k:] + paras[:k]
        corpus.append(f"Document {i}: a benchmark article built from seed {i % len(paragraphs)}\n\n"
                      + "\n\n".join(body) + "\n")
    return corpus


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--select", default="ALL", help="comma-separated rule codes or prefixes (default: all)")
    args = p.parse_args()
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
    print(f"throughput: {len(corpus) / best:.0f} docs/s, {megabytes / best:.2f} MB/s (one process, best round)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
