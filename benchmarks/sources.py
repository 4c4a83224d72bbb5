"""Rewrite clusters and source profiles at scale: time and peak memory on N generated documents.

    nice python benchmarks/sources.py --docs 100000 [--stories 20000] [--sources 200]

Generates N documents in memory, each a telling of one of S invented stories:
the story's rare words (invented names, places, figures) mixed into common
English (wordfreq's top words), so no text from any corpus is used.  A tenth
of the stories get a *spun copy*: 60% of the story's rare words kept, all the
common wording new, and a translation-category finding (what a spinner leaves),
which the clusters must join to the story's original.  Then it times, in this
process:

1. sketching every document (``rewrites.sketch_text``, what a worker does per document);
2. ``ClusterIndex.add`` for every document and ``clusters()`` once (the batch step);
3. ``Profiles.add`` for N results over K sources (the per-source counters),

and prints the peak resident set size after each step (``ru_maxrss``), the
recall of the planted copies and any cluster that mixes two stories.  The audit
itself is not timed here (see bench.py): this is the cost clusters and profiles add.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.model import FileResult, Finding, Severity
from auditor.rewrites import ClusterIndex, sketch_text
from auditor.sources import META, Profiles

SYLLABLES = ("ka", "lo", "mir", "zan", "tek", "vor", "ush", "pel", "dra", "quon", "bex", "ilt", "sov", "nar", "gru")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb() -> float:
    """The resident set size now (Linux /proc; the peak where it is not there)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return peak_mb()


def invented(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def generate(n: int, stories: int, seed: int = 7) -> tuple[list[str], list[int], list[bool]]:
    from wordfreq import top_n_list

    rng = random.Random(seed)
    common = [w for w in top_n_list("en", 3000) if w.isalpha()]
    facts = [
        [invented(rng) for _ in range(30)] + [str(rng.randint(100, 99999)) for _ in range(6)] for _ in range(stories)
    ]
    texts, story_of, spun = [], [], []
    planted = set(rng.sample(range(stories), stories // 10))
    for i in range(n):
        s = i % stories
        is_copy = s in planted and i >= stories and i < 2 * stories
        keep = rng.sample(facts[s], int(len(facts[s]) * (0.6 if is_copy else 0.8)))
        words = rng.choices(common, k=320) + keep
        rng.shuffle(words)
        texts.append(" ".join(words) + ".")
        story_of.append(s)
        spun.append(is_copy)
    return texts, story_of, spun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=0, help="default: docs / 5 (each story told about 5 times)")
    parser.add_argument("--sources", type=int, default=200)
    args = parser.parse_args()
    stories = args.stories or max(1, args.docs // 5)
    began = time.perf_counter()
    texts, story_of, spun = generate(args.docs, stories)
    print(
        f"generated {args.docs:,} documents of {stories:,} stories in {time.perf_counter() - began:.1f} s; "
        f"peak RSS {peak_mb():.0f} MB"
    )

    began = time.perf_counter()
    sketches = [sketch_text(t) for t in texts]
    took = time.perf_counter() - began
    print(f"sketch: {took:.1f} s ({1e6 * took / args.docs:.0f} us/doc, in the workers); peak RSS {peak_mb():.0f} MB")
    del texts

    flag = Finding(
        rule="TR103",
        name="x",
        category="translation",
        severity=Severity.WARNING,
        message="",
        suggestion=None,
        start=0,
        end=1,
        line=1,
        column=1,
        text="",
        penalty=1.0,
    )
    index = ClusterIndex()
    began = time.perf_counter()
    for i, sketch in enumerate(sketches):
        result = FileResult(
            path=f"doc{i}",
            encoding="utf-8",
            words=330,
            score=60.0 if spun[i] else 90.0,
            passed=not spun[i],
            findings=(flag,) if spun[i] else (),
        )
        index.add(result, sketch)
    del sketches
    packed = sum(
        len(a) * a.itemsize
        for a in (
            index._features,
            index._weights,
            index._offsets,
            index._anchors,
            index._anchor_offsets,
            index._minhash,
        )
    )
    import gc

    gc.collect()
    resident = current_mb()
    clusters = index.clusters()
    took = time.perf_counter() - began
    print(
        f"index: {packed / 2**20:.0f} MB of packed sketches ({packed / args.docs:.0f} bytes a document); "
        f"resident {resident:.0f} MB before judging, {current_mb():.0f} MB after"
    )
    mixed = [c for c in clusters if len({story_of[int(m.path[3:])] for m in c.members}) > 1]
    joined = sum(1 for c in clusters for m in c.members if spun[int(m.path[3:])])
    print(
        f"clusters: {len(clusters):,} found in {took:.1f} s (index and judge); {len(mixed)} mix two stories; "
        f"{joined:,} of {sum(spun):,} spun copies joined to their story; peak RSS {peak_mb():.0f} MB"
    )

    profiles = Profiles()
    before = peak_mb()
    began = time.perf_counter()
    for i in range(args.docs):
        result = FileResult(
            path=f"doc{i}",
            encoding="utf-8",
            words=330,
            score=float(i % 1001) / 10,
            passed=i % 3 != 0,
            findings=(flag,) if spun[i] else (),
            collected={META: {"source": f"site{i % args.sources}"}},
        )
        profiles.add(result)
    took = time.perf_counter() - began
    print(
        f"profiles: {len(profiles)} sources from {args.docs:,} results in {took:.1f} s "
        f"({1e6 * took / args.docs:.1f} us/result); peak RSS {before:.0f} -> {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
