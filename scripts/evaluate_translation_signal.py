"""The held-out evaluation of the machine-translation signal, as Markdown (docs/translation-signal.md).

    .venv/bin/python scripts/evaluate_translation_signal.py     # the shipped weights
    .venv/bin/python scripts/train_translation_signal.py --report   # fit, write, then evaluate

ROC AUC of the signal for machine outputs against human documents of the held-out
stories, overall, against references and against original English separately,
per test set and per system, each with a 95% bootstrap interval that resamples
stories (never files: the outputs of one story are not independent).  Then the
share of bbc-news above the threshold (its evaluation half and all of it) and the
seeds' signals.  Needs numpy (the ``train`` extra).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_translation_signal import (
    Sample,
    bbc_files,
    calibration,
    document_features,
    feature_auditor,
    held_out,
    signal_of,
)

from auditor.detectors.mt_signal import MIN_WORDS

BOOTSTRAP = 1000
SEED = 17


def auc(machine: Sequence[float], human: Sequence[float]) -> float:
    """Probability that a machine document scores above a human one (ties count half)."""
    import numpy as np

    m, h = np.asarray(machine), np.asarray(human)
    if not len(m) or not len(h):
        return float("nan")
    values = np.concatenate([m, h])
    order = values.argsort(kind="mergesort")
    ranks = np.empty(len(values))
    sorted_values = values[order]
    # average ranks of ties
    _, first, counts = np.unique(sorted_values, return_index=True, return_counts=True)
    average = first + (counts - 1) / 2 + 1
    ranks[order] = np.repeat(average, counts)
    return float((ranks[: len(m)].sum() - len(m) * (len(m) + 1) / 2) / (len(m) * len(h)))


def bootstrap(pairs: list[tuple[str, int, float]]) -> tuple[float, float, float]:
    """AUC and its 95% interval over stories resampled with replacement; pairs are (story, machine, signal)."""
    import numpy as np

    stories = sorted({s for s, _, _ in pairs})
    by_story: dict[str, tuple[list[float], list[float]]] = {s: ([], []) for s in stories}
    for story, machine, value in pairs:
        by_story[story][0 if machine else 1].append(value)
    point = auc([v for _, m, v in pairs if m], [v for _, m, v in pairs if not m])
    rng = np.random.default_rng(SEED)
    draws = []
    for _ in range(BOOTSTRAP):
        chosen = rng.integers(0, len(stories), len(stories))
        mach = [v for i in chosen for v in by_story[stories[i]][0]]
        hum = [v for i in chosen for v in by_story[stories[i]][1]]
        if mach and hum:
            draws.append(auc(mach, hum))
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (float("nan"), float("nan"))
    return point, float(low), float(high)


def _row(label: str, pairs: list[tuple[str, int, float]]) -> str:
    point, low, high = bootstrap(pairs)
    machine = sum(m for _, m, _ in pairs)
    return (
        f"| {label} | {machine} | {len(pairs) - machine} | {len({s for s, _, _ in pairs})} | "
        f"{point:.3f} | {low:.3f}-{high:.3f} |"
    )


HEAD = "| | machine docs | human docs | stories | AUC | 95% CI |\n|---|---:|---:|---:|---:|---|"


def report(weights: dict[str, object], samples: list[Sample], bbc: Path) -> str:
    test = [(s, signal_of(weights, s.profile, s.artifacts)) for s in samples if held_out(s.story)]

    def pairs(keep: Callable[[Sample], bool]) -> list[tuple[str, int, float]]:
        return [(s.story, s.machine, v) for s, v in test if keep(s)]

    origin = lambda s: s.row["origin"]  # noqa: E731
    lines = [
        "## Held-out stories",
        "",
        HEAD,
        _row("all machine vs all human", pairs(lambda s: True)),
        _row("machine vs reference translations", pairs(lambda s: origin(s) != "original-english")),
        _row("machine vs original English", pairs(lambda s: origin(s) != "reference")),
        "",
        "### Per test set (machine vs the set's references)",
        "",
        HEAD,
    ]
    sets = sorted({(s.row["testset"], s.row["lang_pair"]) for s, _ in test if s.machine})
    for testset, pair in sets:

        def of_set(s: Sample, t: str = testset, p: str = pair) -> bool:
            return s.row["testset"] == t and s.row["lang_pair"] == p and origin(s) != "original-english"

        lines.append(_row(f"{testset} {pair}", pairs(of_set)))
    lines += [
        "",
        "### Per system (its outputs vs the references of the same test sets; vs original English)",
        "",
        "| system | docs | stories | AUC vs references | 95% CI | AUC vs original English | 95% CI |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    systems = sorted({s.row["system"] for s, _ in test if s.machine})
    english = [(s.story, 0, v) for s, v in test if origin(s) == "original-english"]
    for system in systems:
        mine = [(s, v) for s, v in test if s.machine and s.row["system"] == system]
        my_sets = {(s.row["testset"], s.row["lang_pair"]) for s, _ in mine}
        refs = [
            (s.story, 0, v)
            for s, v in test
            if origin(s) == "reference" and (s.row["testset"], s.row["lang_pair"]) in my_sets
        ]
        ours = [(s.story, 1, v) for s, v in mine]
        a, lo, hi = bootstrap(ours + refs)
        b, lo2, hi2 = bootstrap(ours + english)
        lines.append(
            f"| {system} | {len(ours)} | {len({s for s, _, _ in ours})} | {a:.3f} | {lo:.3f}-{hi:.3f} | "
            f"{b:.3f} | {lo2:.3f}-{hi2:.3f} |"
        )
    threshold = float(weights["threshold"])  # type: ignore[arg-type]

    def flagged(keep: Callable[[Sample], bool]) -> str:
        chosen = [v for s, v in test if keep(s)]
        above = sum(v >= threshold for v in chosen)
        return f"{above}/{len(chosen)} = {100 * above / len(chosen):.1f}%"

    lines += [
        "",
        f"### At the threshold ({threshold})",
        "",
        f"- machine outputs flagged: {flagged(lambda s: bool(s.machine))}",
        f"- reference translations flagged: {flagged(lambda s: origin(s) == 'reference')}",
        f"- original English flagged: {flagged(lambda s: origin(s) == 'original-english')}",
    ]
    lines += ["", *bbc_lines(weights, bbc)]
    return "\n".join(lines)


def bbc_lines(weights: dict[str, object], bbc: Path) -> list[str]:
    auditor = feature_auditor()
    threshold = float(weights["threshold"])  # type: ignore[arg-type]
    halves: dict[bool, list[float]] = {True: [], False: []}
    for path in bbc_files(bbc):
        text = path.read_text(encoding="utf-8", errors="replace")
        if len(text.split()) < MIN_WORDS:  # no signal: never above the threshold
            halves[calibration(path)].append(0.0)
            continue
        values, artifacts = document_features(auditor, text)
        halves[calibration(path)].append(signal_of(weights, values, artifacts))
    everything = halves[True] + halves[False]
    seeds = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        values, artifacts = document_features(auditor, path.read_text(encoding="utf-8"))
        seeds.append(f"{path.name}: {signal_of(weights, values, artifacts):.3f}")

    def share(values: list[float]) -> str:
        above = sum(v >= threshold for v in values)
        return f"{above}/{len(values)} = {100 * above / len(values):.1f}%"

    return [
        "## bbc-news and the seeds",
        "",
        f"threshold {threshold}",
        f"- bbc-news evaluation half (odd file numbers) at or above it: {share(halves[False])}",
        f"- bbc-news calibration half (even, where the threshold was chosen): {share(halves[True])}",
        f"- bbc-news, all: {share(everything)}",
        "- seeds: " + ", ".join(seeds),
    ]


def main() -> int:
    import argparse
    import json

    from train_translation_signal import BBC, OUT, WMT, load_wmt

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wmt", type=Path, default=WMT)
    p.add_argument("--bbc", type=Path, default=BBC)
    p.add_argument("--weights", type=Path, default=OUT)
    args = p.parse_args()
    weights = json.loads(args.weights.read_text(encoding="utf-8"))
    print(report(weights, load_wmt(args.wmt, feature_auditor()), args.bbc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
