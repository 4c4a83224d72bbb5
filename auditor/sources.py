"""Per-source quality profiles, built one result at a time.

A document's **source** is, in order: the value of ``--source-field`` in a
corpus record; else the domain of the record's ``url`` field; else, for files
in a folder given on the command line, the first folder below it
(``auditor check sites/`` makes ``sites/bbc/a.txt`` a ``bbc`` article, and a
file directly in ``sites/`` a ``sites`` article); a file named on the command
line belongs to its parent folder; a record without either field to its
corpus file; standard input to ``<stdin>``.

A profile holds counters only: the number of documents, the sum of scores, a
histogram of scores in tenths of a point (1,001 bins: the median is exact for
scores as the engine rounds them), counts per category and per rule, and the
words.  Memory grows with the number of sources, never with the documents.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import urlsplit

from auditor.model import CATEGORIES, FileResult

#: Where a document's source and date travel in ``FileResult.collected`` (not a rule id).
META = "auditor.meta"
BINS = 1001  # scores 0.0 .. 100.0 in tenths
TOP_RULES = 5
#: Categories whose warnings mean damage of the kind a profile counts separately.
DAMAGE = ("boilerplate", "encoding")
DEFECT_CATEGORIES = tuple(c for c in CATEGORIES if c != "internal")


def domain(url: str) -> str | None:
    """``https://www.example.com/a`` -> ``example.com`` (``www.`` dropped); ``None`` when there is no host."""
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def folder_source(path: str, root: str | None) -> str:
    """The source of a file: the first folder below ``root`` (the folder walked), else the file's folder."""
    if root is not None:
        rel = PurePath(os.path.relpath(path, root))
        if len(rel.parts) > 1 and rel.parts[0] != "..":
            return rel.parts[0]
        name = PurePath(os.path.abspath(root)).name
        return name or root
    parent = PurePath(os.path.abspath(path)).parent.name
    return parent or "."


def path_source(path: str) -> str:
    """A saved report's file without a ``source``: the top folder of its path (or its folder when absolute)."""
    parts = PurePath(path).parts
    if len(parts) > 1 and not PurePath(path).is_absolute():
        return parts[0]
    return PurePath(path).parent.name or "."


def meta_of(result: FileResult) -> Mapping[str, Any]:
    value = result.collected.get(META) if result.collected else None
    return value if isinstance(value, Mapping) else {}


def source_of(result: FileResult) -> str:
    return str(meta_of(result).get("source") or path_source(result.path))


def has_damage(categories: Iterable[str], kinds: Iterable[str]) -> bool:
    wanted = set(kinds)
    return any(c in wanted for c in categories)


@dataclass
class Profile:
    """The counters of one source."""

    source: str
    documents: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    score_sum: float = 0.0
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    categories: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    translation_docs: int = 0
    damaged_docs: int = 0
    pivots: Counter[str] = field(default_factory=Counter)
    """Documents per likely pivot language (``auditor.pivot``)."""
    exact_median: float | None = None
    """Set by an engine that computes the median itself (Spark's ``percentile``); else the histogram's."""

    def add(
        self,
        *,
        score: float | None,
        passed: bool,
        words: int,
        findings: Iterable[tuple[str, str, str]],
        pivot: str | None = None,
    ) -> None:
        """One document: its score (``None`` when skipped), verdict, words, findings as (rule, category, severity)."""
        if score is None:
            self.skipped += 1
            return
        self.documents += 1
        self.failed += not passed
        self.words += words
        self.score_sum += score
        self.histogram[min(BINS - 1, max(0, round(score * 10)))] += 1
        seen: set[str] = set()
        for rule, category, severity in findings:
            if category == "internal":
                continue
            self.categories[category] += 1
            self.rules[rule] += 1
            if severity != "info":
                seen.add(category)
        self.translation_docs += "translation" in seen
        self.damaged_docs += has_damage(seen, DAMAGE)
        if pivot:
            self.pivots[pivot] += 1

    @property
    def mean(self) -> float | None:
        return self.score_sum / self.documents if self.documents else None

    @property
    def median(self) -> float | None:
        """The median score, from the histogram (the mean of the two middle scores for an even count)."""
        n = self.documents
        if self.exact_median is not None or not n:
            return self.exact_median
        wanted = [(n - 1) // 2, n // 2]
        values: list[float] = []
        seen = 0
        for i, count in enumerate(self.histogram):
            while count and len(values) < 2 and wanted[len(values)] < seen + count:
                values.append(i / 10)
            seen += count
            if len(values) == 2:
                break
        return round(sum(values) / 2, 2)

    def share(self, count: int) -> float | None:
        return count / self.documents if self.documents else None

    def rates(self) -> dict[str, float]:
        """Findings per 1,000 words, per category."""
        if not self.words:
            return {c: 0.0 for c in DEFECT_CATEGORIES}
        return {c: round(1000 * self.categories[c] / self.words, 2) for c in DEFECT_CATEGORIES}

    def top_rules(self, n: int = TOP_RULES) -> list[tuple[str, int]]:
        return sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def to_dict(self) -> dict[str, Any]:
        mean, median = self.mean, self.median
        return {
            "source": self.source,
            "documents": self.documents,
            "skipped": self.skipped,
            "words": self.words,
            "mean_score": None if mean is None else round(mean, 2),
            "median_score": median,
            "failed_share": _round(self.share(self.failed)),
            "translation_share": _round(self.share(self.translation_docs)),
            "damage_share": _round(self.share(self.damaged_docs)),
            "rates_per_1000_words": self.rates(),
            "top_rules": [{"rule": r, "findings": n} for r, n in self.top_rules()],
            "pivot_languages": dict(sorted(self.pivots.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


class Profiles:
    """Every source's profile, fed result by result (or from a saved report's file objects)."""

    def __init__(self) -> None:
        self._by_source: dict[str, Profile] = {}

    def __len__(self) -> int:
        return len(self._by_source)

    def _profile(self, source: str) -> Profile:
        profile = self._by_source.get(source)
        if profile is None:
            profile = self._by_source[source] = Profile(source)
        return profile

    def add(self, result: FileResult) -> None:
        from auditor.pivot import of_result

        pivot = of_result(result) if result.skipped is None else None
        self._profile(source_of(result)).add(
            score=None if result.skipped is not None else result.score,
            passed=result.passed,
            words=result.words,
            findings=((f.rule, f.category, str(f.severity)) for f in result.findings),
            pivot=pivot.language if pivot else None,
        )

    def add_object(self, obj: Mapping[str, Any]) -> None:
        """One file object of a saved JSON or JSON Lines report."""
        path = str(obj.get("path", ""))
        source = obj.get("source") or path_source(path)
        skipped = obj.get("skipped") is not None or obj.get("score") is None
        found = [f for f in obj.get("findings") or [] if isinstance(f, Mapping)]
        findings = [(str(f.get("rule", "")), str(f.get("category", "")), str(f.get("severity", ""))) for f in found]
        signals = obj.get("signals")
        pivot = signals.get("pivot_language") if isinstance(signals, Mapping) else None
        self._profile(str(source)).add(
            score=None if skipped else float(obj["score"]),
            passed=bool(obj.get("passed")),
            words=int(obj.get("words") or 0),
            findings=findings,
            pivot=None if skipped else pivot,
        )

    def ranked(self) -> list[Profile]:
        """Best first: by mean score (higher first), then fewer failures, then name; sources with no audited
        document last."""
        return sorted(
            self._by_source.values(),
            key=lambda p: (p.mean is None, -(p.mean or 0.0), p.share(p.failed) or 0.0, p.source),
        )

    def to_list(self) -> list[dict[str, Any]]:
        return [{"rank": i, **p.to_dict()} for i, p in enumerate(self.ranked(), 1)]


def read_report(stream: IO[str]) -> Iterator[Mapping[str, Any]]:
    """The file objects of a saved JSON Lines report (or of a JSON report, whole)."""
    head = stream.read(1)
    while head and head.isspace():
        head = stream.read(1)
    if not head:
        return
    if head == "{":
        rest = stream.readline()
        first = head + rest
        try:
            obj = json.loads(first)
        except json.JSONDecodeError:
            obj = None
        if isinstance(obj, dict) and "path" in obj:
            yield obj
            for line in stream:
                if line.strip():
                    yield json.loads(line)
            return
        whole = json.loads(first + stream.read())  # a JSON report: {"version": 1, "files": [...]}
        yield from whole.get("files", [])
        return
    raise ValueError("not a JSON or JSON Lines report of auditor")


# -- rendering -------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "rank",
    "source",
    "documents",
    "skipped",
    "words",
    "mean_score",
    "median_score",
    "failed_share",
    "translation_share",
    "damage_share",
    *(f"{c}_per_1000" for c in DEFECT_CATEGORIES),
    "top_rules",
    "pivot_languages",
)


def csv_text(profiles: Profiles) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in profiles.to_list():
        rates = row["rates_per_1000_words"]
        writer.writerow(
            [
                row["rank"],
                row["source"],
                row["documents"],
                row["skipped"],
                row["words"],
                _blank(row["mean_score"]),
                _blank(row["median_score"]),
                _blank(row["failed_share"]),
                _blank(row["translation_share"]),
                _blank(row["damage_share"]),
                *(rates[c] for c in DEFECT_CATEGORIES),
                " ".join(f"{r['rule']}:{r['findings']}" for r in row["top_rules"]),
                " ".join(f"{k}:{n}" for k, n in row["pivot_languages"].items()),
            ]
        )
    return out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


TABLE_CATEGORIES = ("translation", "names", "extraction", "boilerplate", "encoding", "language")


def text_table(profiles: Profiles, *, width: int = 100) -> str:
    """A fixed-width table, best source first; rates are findings per 1,000 words."""
    from auditor.terminal import visible

    head = [
        "#",
        "source",
        "docs",
        "mean",
        "median",
        "failed",
        "transl.",
        "damage",
        *(c[:5] for c in TABLE_CATEGORIES),
        "top rules",
    ]
    rows = []
    for i, p in enumerate(profiles.ranked(), 1):
        rates = p.rates()
        rows.append(
            [
                str(i),
                visible(p.source),
                str(p.documents),
                _num(p.mean),
                _num(p.median),
                _pct(p.share(p.failed)),
                _pct(p.share(p.translation_docs)),
                _pct(p.share(p.damaged_docs)),
                *(f"{rates[c]:.1f}" for c in TABLE_CATEGORIES),
                " ".join(f"{r}×{n}" for r, n in p.top_rules(3)),
            ]
        )
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head))]
    fixed = sum(widths[:-1]) + 2 * (len(head) - 1)
    widths[-1] = max(9, min(widths[-1], width - fixed))
    lines = []
    for r in [head, *rows]:
        cells = [r[k].ljust(widths[k]) if k in (1, len(head) - 1) else r[k].rjust(widths[k]) for k in range(len(head))]
        cells[-1] = cells[-1][: widths[-1]]
        lines.append("  ".join(cells).rstrip())
    total = sum(p.documents for p in profiles.ranked())
    lines.append(
        f"{len(profiles)} source{'' if len(profiles) == 1 else 's'}, {total} documents; rates are findings "
        "per 1,000 words; failed: share failing the gate; transl.: share with translation artifacts; "
        "damage: share with boilerplate or encoding damage"
    )
    return "\n".join(lines) + "\n"
