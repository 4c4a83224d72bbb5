"""Worst-case inputs for every rule family: time at growing sizes and the growth exponent.

    python benchmarks/pathological.py [--sizes 10000 100000 1000000] [--family EN]

Each case is text an attacker or an unlucky scraper could send (the reproducers of
issue 11 and their relatives), cut to each size and audited with one family's
rules (``--select``).  The exponent is the slope of log(time) against log(size)
between the smallest and largest size: 1 is linear, 2 quadratic.  A run that
takes more than ``--limit`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditor.config import Config
from auditor.engine import Auditor

RUSSIAN = (
    ("Министр иностранных дел заявил в понедельник, что переговоры продолжатся на следующей неделе. ")
    .encode()
    .decode("cp1252", errors="replace")
)


def _words(seed: int, capital: bool) -> Callable[[int], str]:
    def make(n: int) -> str:
        rng = random.Random(seed)
        out, size = [], 0
        while size < n:
            w = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
            w = w.capitalize() if capital else w
            out.append(w)
            size += len(w) + 1
        return " ".join(out)

    return make


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "camel 'Aa'*n": ("EX", _repeat("Aa")),
    "mojibake 'donâ€™t '*n": ("EN", _repeat("donâ€™t ")),
    "Russian read as cp1252": ("EN", _repeat(RUSSIAN)),
    "zero-width 'a\\u200b'*n": ("EN", _repeat("a\u200b")),
    "stops '.'*n": ("EX", _repeat(".")),
    "ellipses '… '*n": ("EX", _repeat("… ")),
    "mixed script 'aб'*n": ("LG", _repeat("aб")),
    "honorifics 'sir'*n": ("TR", _repeat("sir")),
    "letters, no spaces": ("TR", _repeat("abcdefghij")),
    "quotes '\"a\" '*n": ("TR", _repeat('"a" “b” ')),
    "hyphens 'Rome-Putin was '*n": ("TR", _repeat("Rome-Putin was ")),
    "capitalised words": ("NM", _words(1, capital=True)),
    "'Word '*n": ("NM", _repeat("Word ")),
    "boilerplate lines": ("BP", _repeat("Share this:\nLeave a Reply\nRead more\n")),
    "lower-case words": ("RD", _words(2, capital=False)),
}


def _time(family: str, text: str, out: mp.Queue) -> None:  # type: ignore[type-arg]
    auditor = Auditor(Config(select=(family,)))
    auditor.audit_text("warm up the caches of every rule. " * 10)
    t0 = time.perf_counter()
    auditor.audit_text(text)
    out.put(time.perf_counter() - t0)


def timed(family: str, text: str, limit: float) -> float | None:
    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    proc = mp.Process(target=_time, args=(family, text, queue))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--family", help="only the cases of this family (EN, EX, LG, TR, NM, BP, RD)")
    p.add_argument("--limit", type=float, default=120.0, help="seconds before a run is stopped")
    args = p.parse_args()
    print(f"{'case':<32} {'family':<6} " + " ".join(f"{s:>10,}" for s in args.sizes) + "   exponent")
    for name, (family, make) in CASES.items():
        if args.family and family != args.family:
            continue
        times = [timed(family, make(size), args.limit) for size in args.sizes]
        shown = " ".join(f"{t:>9.3f}s" if t is not None else f"{'>' + str(int(args.limit)):>9}s" for t in times)
        known = [(s, t) for s, t in zip(args.sizes, times) if t is not None and t > 0]
        exponent = "n/a"
        if len(known) >= 2 and known[-1][1] > 0.005:
            (s0, t0), (s1, t1) = known[0], known[-1]
            exponent = f"{math.log(t1 / max(t0, 1e-4)) / math.log(s1 / s0):.2f}"
        print(f"{name:<32} {family:<6} {shown}   {exponent}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
