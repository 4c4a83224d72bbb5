"""Cost of the machine-translation signal (TR117) in microseconds per document.

    python benchmarks/translation_signal.py [--docs 300] [--repeat 5]

On the benchmark corpus (the seed articles rotated, 6.6 KB each on average), with
the document's sentences and tokens already built (other rules and the word count
build them first in a real run): the features and the model only, best of
``--repeat`` rounds, each on fresh documents so no per-document memo helps.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import build_corpus

from auditor.detectors import mt_signal
from auditor.document import Document


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    corpus = build_corpus(args.docs)
    mt_signal.model()
    best = float("inf")
    for _ in range(args.repeat):
        docs = [Document(text) for text in corpus]
        for doc in docs:
            doc.sentences, doc.words  # noqa: B018 - built by the other rules and the engine in a real run
        start = time.perf_counter()
        for doc in docs:
            mt_signal.compute(doc, {})
        best = min(best, time.perf_counter() - start)
    size = sum(len(t.encode("utf-8")) for t in corpus) / len(corpus)
    print(f"{len(corpus)} documents, {size / 1024:.1f} KB each on average")
    print(f"signal: {best / len(corpus) * 1e6:.0f} us/doc (features and model; best of {args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
