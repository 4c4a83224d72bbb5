"""Strict rule selectors, per-file ignores, and rescoring a result after findings are dropped.

A selector (``select``, ``ignore``, ``extend-select``, a ``severity`` key, a
``per-file-ignores`` code) is ``ALL``, a rule code, or a prefix of one, and is
case-sensitive as in ruff: ``BP``, ``BP1`` and ``BP101`` are selectors, ``bp``,
``BPX`` and ``doubled-word`` are errors naming the closest codes.  A typo must
never turn a gate into one that checks nothing.
"""

from __future__ import annotations

import contextlib
import difflib
import fnmatch
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from auditor import scoring
from auditor.config import Config
from auditor.errors import ConfigError
from auditor.model import FileResult, Finding, Severity
from auditor.rule import Rule


def prefixes(codes: Iterable[str]) -> set[str]:
    """Every code and every non-empty prefix of one (``TR101`` gives T, TR, TR1, TR10, TR101)."""
    return {code[:n] for code in codes for n in range(1, len(code) + 1)}


def check_selectors(selectors: Iterable[str], *, where: str, rules: Sequence[Rule]) -> None:
    """Raise ``ConfigError`` for the first selector that matches no rule, naming the closest codes."""
    known = prefixes(r.id for r in rules) | {"ALL"}
    for selector in selectors:
        if selector not in known:
            raise ConfigError(f"{where}: {unknown_selector(selector, rules, known)}")


def unknown_selector(selector: str, rules: Sequence[Rule], known: set[str]) -> str:
    by_name = {r.name: r.id for r in rules}
    if selector in by_name:
        return f"{selector!r} is the name of rule {by_name[selector]}; select rules by code ({by_name[selector]})"
    if selector.upper() in known:
        return f"no rule code or prefix {selector!r}; codes are case-sensitive: did you mean {selector.upper()!r}?"
    # Closest: codes and family prefixes, preferring those of the same length as the typo.
    candidates = sorted(known - {"ALL"}, key=lambda c: (abs(len(c) - len(selector)), c))
    close = difflib.get_close_matches(selector.upper(), candidates, n=4, cutoff=0.5)
    if not close:
        families = sorted({r.id.rstrip("0123456789") for r in rules})
        return f"no rule code or prefix {selector!r} (families: {', '.join(families)}; 'auditor rules' lists all)"
    return f"no rule code or prefix {selector!r} (closest: {', '.join(close)}; 'auditor rules' lists all)"


def check_config(config: Config, rules: Sequence[Rule], *, where: str | None = None) -> None:
    """Every selector of a loaded configuration file must match a rule."""
    where = where or config.source or "configuration"
    for key, values in (
        ("select", config.select),
        ("ignore", config.ignore),
        ("extend-select", config.extend_select),
        ("severity", tuple(config.severity)),
    ):
        check_selectors(values, where=f"{where}: {key}", rules=rules)
    for glob, codes in config.per_file_ignores.items():
        check_selectors(codes, where=f"{where}: per-file-ignores {glob!r}", rules=rules)


def matches_glob(path: str, glob: str) -> bool:
    """A per-file-ignores glob against a result's path: the path as shown, relative to here, or its name."""
    norm = path.replace(os.sep, "/")
    candidates = {norm, os.path.basename(norm)}
    if os.path.isabs(path):
        with contextlib.suppress(ValueError):  # another drive on Windows
            candidates.add(os.path.relpath(path).replace(os.sep, "/"))
    elif norm.startswith("./"):
        candidates.add(norm[2:])
    return any(fnmatch.fnmatch(c, glob) for c in candidates)


def ignored_codes(path: str, per_file_ignores: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    return tuple(code for glob, codes in per_file_ignores.items() if matches_glob(path, glob) for code in codes)


def covers(code: str, rule_id: str) -> bool:
    return code == "ALL" or rule_id.startswith(code)


def apply_per_file_ignores(result: FileResult, config: Config) -> FileResult:
    """``result`` without the findings its path's per-file ignores name, rescored."""
    if result.skipped is not None or not config.per_file_ignores:
        return result
    codes = ignored_codes(result.path, config.per_file_ignores)
    if not codes:
        return result
    kept = [f for f in result.findings if not any(covers(c, f.rule) for c in codes)]
    if len(kept) == len(result.findings):
        return result
    return rescored(result, kept, fail_under=config.fail_under, fail_on=config.fail_on)


def rescored(
    result: FileResult, findings: Sequence[Finding], *, fail_under: float, fail_on: Severity | None
) -> FileResult:
    """``result`` with only ``findings`` (already in reading order): its score and verdict again.

    The same two steps as the engine (``scoring.score`` then ``scoring.passes``) on the
    penalties the findings already carry.
    """
    score = scoring.score([f.penalty for f in findings])
    worst = max((f.severity for f in findings), default=None)
    passed = scoring.passes(score, worst, fail_under=fail_under, fail_on=fail_on)
    return replace(result, findings=tuple(findings), score=score, passed=passed)
