"""The ``check`` flags beyond selection and the gate: discovery, inputs, baselines, output for daily use.

Kept apart from ``cli`` so that the command module stays a thin dispatcher; each
flag here either overrides a configuration key (``config_flags``) or shapes
the run (``RunOptions``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError
from auditor.inputs import INPUT_FORMATS
from auditor.rule import Rule
from auditor.selection import check_selectors
from auditor.terminal import COLOR_CHOICES


def _globs(value: str) -> tuple[str, ...]:
    return tuple(g.strip() for g in value.split(",") if g.strip())


def check_options(check: argparse.ArgumentParser) -> None:
    found = check.add_argument_group("discovery (as ruff's)")
    found.add_argument(
        "--include",
        type=_globs,
        metavar="GLOBS",
        help="comma-separated file-name globs audited in folders (default *.txt,*.md,*.text,*.html,*.htm)",
    )
    found.add_argument(
        "--exclude",
        type=_globs,
        metavar="GLOBS",
        help="comma-separated globs of files or folders not audited (replaces the configuration's)",
    )
    found.add_argument("--extend-exclude", type=_globs, metavar="GLOBS", help="globs excluded as well")
    found.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="apply the exclusions to files named on the command line too (for pre-commit)",
    )
    found.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_false",
        default=None,
        help="audit files that .gitignore ignores",
    )
    inputs = check.add_argument_group("inputs")
    inputs.add_argument(
        "--language", metavar="CODE", help="the articles' expected language, such as en (default: detected)"
    )
    inputs.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="auto: by suffix (.html and .htm are HTML); html: files, records and stdin are HTML "
        "pages; text: audit as written",
    )
    inputs.add_argument(
        "--extract",
        action="store_true",
        help="audit only the article body trafilatura extracts from an HTML page (pip install 'news-auditor[extract]')",
    )
    inputs.add_argument(
        "--allow-skipped",
        action="store_true",
        help="exit 0 even when inputs were skipped (binary, too large, unreadable, no text)",
    )
    base = check.add_argument_group("baseline")
    base.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report and fail only on findings not recorded in FILE; list stale entries",
    )
    base.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record every current finding in FILE (keyed by content) and exit 0",
    )
    out = check.add_argument_group("output")
    out.add_argument(
        "-q", "--quiet", action="store_true", help="text report: failing and skipped files and the summary only"
    )
    out.add_argument("--statistics", action="store_true", help="text report: counts per rule instead of findings")
    out.add_argument("--show-clean", action="store_true", help="text report: list files without findings too")
    out.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never",
    )


def check_flags(args: argparse.Namespace, rules: Sequence[Rule]) -> None:
    """Every code given with ``--select``, ``--ignore`` or ``--extend-select`` must match a rule."""
    for flag in ("select", "ignore", "extend_select"):
        values = getattr(args, flag, None)
        if values:
            check_selectors(values, where="--" + flag.replace("_", "-"), rules=rules)
    if getattr(args, "statistics", False) and getattr(args, "format", "text") != "text":
        raise ConfigError("--statistics is an option of the text report (drop --format, or use --format text)")
    baseline, writing = getattr(args, "baseline", None), getattr(args, "write_baseline", None)
    if baseline is not None and writing is not None and Path(baseline).resolve() == Path(writing).resolve():
        raise ConfigError(
            "--baseline and --write-baseline name the same file; to refresh a baseline, "
            "use --write-baseline alone, or 'auditor baseline prune FILE'"
        )


def config_flags(args: argparse.Namespace) -> dict[str, Any]:
    """The configuration keys these flags override (absent flags are left to the configuration)."""
    out: dict[str, Any] = {}
    if getattr(args, "include", None):
        out["include"] = tuple(args.include)
    if getattr(args, "language", None):
        out["language"] = args.language
    if getattr(args, "force_exclude", None):
        out["force_exclude"] = True
    if getattr(args, "respect_gitignore", None) is False:
        out["respect_gitignore"] = False
    return out


def excludes(args: argparse.Namespace, configured: Sequence[str]) -> tuple[str, ...]:
    base = tuple(args.exclude) if getattr(args, "exclude", None) is not None else tuple(configured)
    return base + tuple(getattr(args, "extend_exclude", None) or ())
