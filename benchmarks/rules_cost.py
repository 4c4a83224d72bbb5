"""Cost of each rule in microseconds per document, on the benchmark corpus.

    python benchmarks/rules_cost.py [--docs 300] [--top 20]

The document model's shared work (lines, paragraphs, sentences) is timed
first and separately, so each rule's figure is its own work only; what the
batch rules collect from each document (NM105's names and topic) is timed last.  Rules run
per document in the engine's order, so a scan that several rules share is
charged to the first of them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import build_corpus

from auditor.document import Document
from auditor.engine import Auditor

#: Names in roles, countries and a date: the context patterns compile on first use, not at import.
WARM_UP = (
    "Published 3 March 2005\n\nUS Secretary of State Antony Blinken met Ukrainian President Volodymyr "
    "Zelensky in Kyiv on Tuesday, the State Department said.  National security adviser Jack Sullivan "
    "and Anthony Brinken were there.\n"
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--top", type=int, default=20)
    args = p.parse_args()
    corpus = build_corpus(args.docs)
    auditor = Auditor()
    for text in [*corpus[:10], WARM_UP]:  # load and compile what rules cache once per process
        auditor.audit_text(text)
    docs = [Document(text) for text in corpus]
    t0 = time.perf_counter()
    for doc in docs:
        doc.sentences, doc.words  # noqa: B018 - the shared, cached document model
    model = (time.perf_counter() - t0) / len(docs) * 1e6
    spent = dict.fromkeys((r.id for r in auditor.rules), 0.0)
    clock = time.perf_counter
    for doc in docs:  # in the engine's order: rules that share a cached scan pay for it once, first
        for rule in auditor.rules:
            t0 = clock()
            list(rule.find(doc))
            spent[rule.id] += clock() - t0
    t0 = clock()
    for doc in docs:  # what batch rules (NM105) keep of each document, after the rules as in the engine
        auditor.collect(doc)
    collect = (clock() - t0) / len(docs) * 1e6
    costs = [(spent[r.id] / len(docs) * 1e6, r.id, r.name) for r in auditor.rules]
    total = model + collect + sum(c for c, _, _ in costs)
    print(f"document model: {model:.0f} us/doc")
    print(f"batch collection (NM105): {collect:.0f} us/doc")
    for cost, rid, name in sorted(costs, reverse=True)[: args.top]:
        print(f"{rid:<6} {name:<32} {cost:7.0f} us/doc")
    print(f"total: {total:.0f} us/doc = {1e6 / total:.0f} docs/s before scoring and reporting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
