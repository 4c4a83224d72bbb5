"""The HTML report: one self-contained page for editors, with every finding highlighted in place.

The page holds a summary (files, pass/fail, a score histogram as inline SVG,
counts by category and rule, the worst files), filters by severity, category
and rule, an order by score, and per file the article with its findings
highlighted and listed beside it.  CSS and JavaScript are inline and a
Content-Security-Policy forbids anything else (no network, no inline event
handlers), so the file opens from disk anywhere.

Article text reaches the page only through escaping (Jinja autoescape and
``regions.nest``), so ``<script>`` in an article shows as text.  Each file's
section is rendered when the file finishes and spooled to a temporary file
(memory up to a few MB, disk beyond), so a run of thousands of files keeps
only a small row per file in memory.  The page paginates files in the
browser, so a report of 1,000 files stays responsive.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from auditor import __version__
from auditor.model import Edit, FileResult, Finding, Severity, Summary, apply_edits
from auditor.output import ERRORS as OUTPUT_ERRORS  # a surrogate in a path becomes U+FFFD
from auditor.reporters.base import Reporter
from auditor.reporters.options import RunInfo
from auditor.reporters.regions import Mark, nest
from auditor.sources import Profiles

SPOOL_IN_MEMORY = 8 * 1024 * 1024  # bytes of rendered sections kept in memory before spilling to disk
CHUNK = 64 * 1024
OPEN_UP_TO = 10  # files shown expanded when the run has at most this many
BINS = 10  # score histogram bars: 0-9, 10-19, ..., 90-100
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True, slots=True)
class FileRow:
    """What the summary and the ordering need of one file, kept for the whole run."""

    anchor: str
    path: str
    score: float
    passed: bool
    skipped: str | None
    counts: tuple[int, int, int]  # error, warning, info


@cache
def _mt_threshold() -> float:
    """The machine-translation signal's threshold, from the shipped model (read once)."""
    from auditor.detectors.mt_signal import model

    return model().threshold


@cache
def css_token(value: str) -> str:
    """A value made safe for a class name (rule ids and categories already are)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("auditor.reporters", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["token"] = css_token
    return env


@cache
def _static(name: str) -> str:
    return (resources.files("auditor.reporters") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def highlighted(result: FileResult, anchor: str) -> Markup:
    """The article, escaped, with a ``<mark>`` per located finding (nested where findings overlap)."""
    findings = result.findings
    marks = [Mark(f.start, f.end, n) for n, f in enumerate(findings) if f.start is not None and f.end is not None]
    kinds = [
        f"hl s-{f.severity} c-{css_token(f.category)} r-{css_token(f.rule)}{' empty' if f.start == f.end else ''}"
        for f in findings
    ]

    def open_tag(n: int, first: bool, depth: int) -> str:
        classes = f"{kinds[n]} d{min(depth, 4)}"
        if first:
            return f'<mark class="{classes}" id="{anchor}-h{n}" tabindex="0" aria-describedby="{anchor}-f{n}">'
        return f'<mark class="{classes} cont" aria-describedby="{anchor}-f{n}">'

    return nest(result.text, marks, open_tag)


#: Characters of unchanged text shown on each side of a fix's before → after.
PREVIEW_CONTEXT = 20


def fix_preview(text: str, finding: Finding) -> tuple[str, str, str] | None:
    """A finding's fix as (before, after, applicability): the edited stretch with a little context around it."""
    fix = finding.fix
    if fix is None or not fix.edits or not text or fix.end > len(text):
        return None
    start = max(0, fix.start - PREVIEW_CONTEXT)
    end = min(len(text), fix.end + PREVIEW_CONTEXT)
    before = text[start:end]
    shifted = [Edit(e.start - start, e.end - start, e.replacement) for e in fix.edits]
    after = apply_edits(before, shifted)
    show = lambda s: ("…" if start else "") + s.replace("\n", "⏎") + ("…" if end < len(text) else "")  # noqa: E731
    return show(before), show(after), fix.applicability


class HtmlReporter(Reporter):
    """Writes ``reports/auditor-report.html`` (or ``-o FILE``) when the run closes."""

    wants_file = True
    default_name = "auditor-report.html"
    options = frozenset({"run"})

    def __init__(self, *args: Any, run: RunInfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run = run
        env = _environment()
        self._file_template = env.get_template("file.html.j2")
        self._page_template = env.get_template("report.html.j2")
        # Open for the whole run: sections are written in add() and copied out in close().
        self._spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", errors=OUTPUT_ERRORS
        )
        self._rows: list[FileRow] = []
        self._severities: Counter[Severity] = Counter()
        self._categories: Counter[str] = Counter()
        self._category_files: Counter[str] = Counter()
        self._rules: Counter[str] = Counter()
        self._rule_files: Counter[str] = Counter()
        self._rule_info: dict[str, tuple[str, str, str]] = {r.id: (r.name, r.category, r.why) for r in self.rules}
        # Each finding's own severity (a detector may lower it below the rule's default), per rule.
        self._rule_severities: dict[str, Counter[Severity]] = {}
        self._bins = [0] * BINS
        self._failed_bins = [0] * BINS
        self._profiles = Profiles()
        self._anchors: dict[str, str] = {}  # path -> section anchor, for the clusters' links

    def add(self, result: FileResult) -> None:
        anchor = f"F{len(self._rows)}"
        self._profiles.add(result)
        self._anchors.setdefault(result.path, anchor)
        counts = Counter(f.severity for f in result.findings)
        self._rows.append(
            FileRow(
                anchor,
                result.path,
                result.score,
                result.passed,
                result.skipped,
                (counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]),
            )
        )
        if result.skipped is None:
            self._tally(result.findings)
            band = min(int(result.score // (100 / BINS)), BINS - 1)
            self._bins[band] += 1
            self._failed_bins[band] += not result.passed
        self._spool.write(
            self._file_template.render(
                r=result,
                anchor=anchor,
                article=highlighted(result, anchor) if result.skipped is None else "",
                whole_file=[f for f in result.findings if f.start is None],
                numbered=list(enumerate(result.findings)),
                previews={
                    n: p for n, f in enumerate(result.findings) if (p := fix_preview(result.text, f)) is not None
                },
                counts=list(zip(("error", "warning", "info"), self._rows[-1].counts, strict=True)),
                mt_threshold=_mt_threshold() if "machine_translation" in result.signals else None,
            )
        )

    def _tally(self, findings: tuple[Finding, ...]) -> None:
        for f in findings:
            self._severities[f.severity] += 1
            self._categories[f.category] += 1
            self._rules[f.rule] += 1
            self._rule_info.setdefault(f.rule, (f.name, f.category, ""))
            self._rule_severities.setdefault(f.rule, Counter())[f.severity] += 1
        for category in {f.category for f in findings}:
            self._category_files[category] += 1
        for rule in {f.rule for f in findings}:
            self._rule_files[rule] += 1

    def close(self, summary: Summary) -> None:
        css, js = _static("report.css"), _static("report.js")
        filter_css = ""
        csp = (
            "default-src 'none'; img-src data:; "
            f"style-src {_csp_hash(css)} {_csp_hash(filter_css)}; script-src {_csp_hash(js)}; "
            "base-uri 'none'; form-action 'none'"
        )
        audited = [row for row in self._rows if row.skipped is None]
        context = {
            "version": __version__,
            "css": Markup(css),
            "js": Markup(js),
            "filter_css": filter_css,
            "csp": csp,
            "summary": summary,
            "findings": sum(self._severities.values()),
            "severities": [(str(s), self._severities[s]) for s in SEVERITIES],
            "categories": [(c, n, self._category_files[c]) for c, n in self._categories.most_common()],
            "rules": [
                (rule, *self._rule_info[rule][:2], self._severity_list(rule), n, self._rule_files[rule])
                for rule, n in sorted(self._rules.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "why": {rule: self._rule_info[rule][2] for rule in self._rules},
            "chart": histogram(self._bins, self._failed_bins),
            "run": self.run,
            "worst": sorted(audited, key=lambda row: (row.score, row.path))[:10],
            "total_files": len(self._rows),
            "expand": len(self._rows) <= OPEN_UP_TO,
            "sections": self._sections(),
            "sources": self._profiles.to_list(),
            "source_chart": source_chart(self._profiles),
            "clusters": self.clusters,
            "anchors": self._anchors,
        }
        for chunk in self._page_template.generate(**context):
            self.out.write(chunk)
        self._spool.close()

    def _severity_list(self, rule: str) -> list[tuple[str, int]]:
        """The severities a rule's findings had, worst first, with their counts."""
        counts = self._rule_severities.get(rule, Counter())
        return [(str(s), counts[s]) for s in SEVERITIES if counts[s]]

    def _sections(self) -> Iterator[Markup]:
        self._spool.seek(0)
        while chunk := self._spool.read(CHUNK):
            yield Markup(chunk)


@dataclass(frozen=True, slots=True)
class SourceBar:
    """One source in the Sources chart: its mean score as a horizontal bar, its failed share beside it."""

    label: str
    mean: float
    failed: float
    y: float
    width: float


SOURCE_CHART_ROWS = 30  # the chart shows the worst 30 sources; the table lists them all


def source_chart(profiles: Profiles, *, width: float = 240.0, row: float = 16.0) -> list[SourceBar]:
    ranked = [p for p in profiles.ranked() if p.mean is not None]
    shown = ranked[-SOURCE_CHART_ROWS:]
    return [
        SourceBar(p.source, p.mean or 0.0, p.share(p.failed) or 0.0, 4 + i * row, width * (p.mean or 0.0) / 100)
        for i, p in enumerate(shown)
    ]


@dataclass(frozen=True, slots=True)
class Bar:
    """One score band: its files stacked, failed (red) at the bottom, passed (green) above."""

    label: str
    count: int
    failed: int
    x: float
    y: float
    height: float
    failed_height: float

    @property
    def passed(self) -> int:
        return self.count - self.failed


def histogram(
    bins: list[int], failed: list[int] | None = None, *, height: float = 120.0, width: float = 30.0, gap: float = 4.0
) -> list[Bar]:
    """Bars for the score distribution chart, coloured by verdict (a band can hold both: the gate is not
    only the score)."""
    failed = failed or [0] * len(bins)
    top = max(bins) or 1
    bars = []
    for i, count in enumerate(bins):
        h = height * count / top
        low = i * 100 // len(bins)
        high = 100 if i == len(bins) - 1 else (i + 1) * 100 // len(bins) - 1
        bars.append(
            Bar(f"{low}–{high}", count, failed[i], 12 + i * (width + gap), 16 + height - h, h, height * failed[i] / top)
        )
    return bars
