"""Baselines: adopt the gate on an existing archive by recording today's findings, then fail only on new ones.

After ESLint's suppressions file.  An entry is keyed by content, never by line or
offset: the rule, the finding's text, and the words around it on its own line
(up to ``CONTEXT_WORDS`` each side, case-folded, punctuation and spacing ignored),
hashed, and counted per file.  Editing another paragraph, inserting one above,
or re-wrapping a line leaves every entry valid; a second identical defect in the
same words is a count of two.  Findings about the whole file are keyed by their
rule alone.

The file is JSON, meant to be committed and reviewed::

    {"version": 1, "files": {"seeds/001.txt": [
        {"rule": "TR101", "text": "deputy deputy", "hash": "3f2a9c0d1b7e4a55", "count": 1}]}}

Paths are relative to the baseline file's folder (with ``/``), so the baseline works
from any working directory; a corpus record is keyed by its id.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from auditor.errors import ConfigError
from auditor.model import FileResult, Finding, Severity
from auditor.selection import rescored

VERSION = 1
CONTEXT_WORDS = 4
SHOWN_TEXT = 80  # characters of a finding's text kept readable in the file
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def fingerprint(finding: Finding, text: str) -> str:
    """The content key of a finding in ``text`` (the article it was found in)."""
    if finding.start is None or finding.end is None:
        material = finding.rule
    else:
        line_start = max(text.rfind("\n", 0, finding.start) + 1, 0)
        line_end = text.find("\n", finding.end)
        line_end = len(text) if line_end < 0 else line_end
        before = _normal(text[line_start : finding.start]).split()[-CONTEXT_WORDS:]
        after = _normal(text[finding.end : line_end]).split()[:CONTEXT_WORDS]
        material = "\0".join((finding.rule, _normal(finding.text) or finding.text, " ".join(before), " ".join(after)))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_TEXT else f"{text[: SHOWN_TEXT // 2]} … {text[-SHOWN_TEXT // 2 :]}"


@dataclass(frozen=True, slots=True)
class Entry:
    rule: str
    text: str
    hash: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "hash": self.hash, "count": self.count}


def baseline_key(path: str, base: Path) -> str:
    """How a result's path is written in a baseline stored in folder ``base``."""
    if path.startswith("<") or not os.path.exists(path):
        return path  # a corpus record's id, or standard input
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def entries_of(result: FileResult) -> list[Entry]:
    """The baseline entries recording every finding of one result."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for finding in result.findings:
        key = fingerprint(finding, result.text)
        counts[key] += 1
        first.setdefault(key, finding)
    return [Entry(first[k].rule, _shown(first[k].text), k, n) for k, n in counts.items()]


class BaselineWriter:
    """Collects entries while a run goes on; ``write`` stores them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.base = path.resolve().parent
        self.files: dict[str, list[Entry]] = {}

    def add(self, result: FileResult) -> None:
        if result.skipped is None and result.findings:
            self.files[baseline_key(result.path, self.base)] = entries_of(result)

    @property
    def findings(self) -> int:
        return sum(e.count for entries in self.files.values() for e in entries)

    def write(self) -> None:
        write_baseline(self.path, self.files)


def write_baseline(path: Path, files: Mapping[str, Iterable[Entry]]) -> None:
    data = {
        "version": VERSION,
        "files": {
            p: [e.to_dict() for e in sorted(es, key=lambda e: (e.rule, e.text, e.hash))]
            for p, es in sorted(files.items())
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_baseline(path: Path) -> dict[str, list[Entry]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found (write one with --write-baseline {path})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        raise ConfigError(f"{path}: not an auditor baseline (version {VERSION} with a 'files' object)")
    files: dict[str, list[Entry]] = {}
    try:
        for name, entries in data["files"].items():
            files[name] = [
                Entry(str(e["rule"]), str(e.get("text", "")), str(e["hash"]), int(e.get("count", 1))) for e in entries
            ]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ConfigError(f"{path}: baseline entry for {name!r} needs rule, hash and count") from None
    return files


@dataclass(frozen=True, slots=True)
class Stale:
    path: str
    entry: Entry
    missing: int
    """How many of the entry's recorded findings were not found again."""


@dataclass
class Baseline:
    """A baseline being applied to a run: drops known findings, counts what was used."""

    path: Path
    files: dict[str, list[Entry]]
    base: Path = field(init=False)
    _used: dict[str, Counter[str]] = field(default_factory=dict, init=False)
    suppressed: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.base = self.path.resolve().parent

    @classmethod
    def read(cls, path: Path) -> Baseline:
        return cls(path, read_baseline(path))

    def apply(self, result: FileResult, *, fail_under: float, fail_on: Severity | None) -> FileResult:
        """``result`` without its baselined findings, rescored; new warnings and errors fail it.

        A baselined file's score counts only new findings, which flatters a file that
        already holds many; so under a baseline the severity gate is at least
        ``warning``: any new warning or error fails the file (``fail-on never`` stays never).
        """
        if result.skipped is not None:
            return result
        key = baseline_key(result.path, self.base)
        budget = Counter({e.hash: e.count for e in self.files.get(key, ())})
        used: Counter[str] = self._used.setdefault(key, Counter())
        kept = []
        for finding in result.findings:
            fp = fingerprint(finding, result.text)
            if used[fp] < budget[fp]:
                used[fp] += 1
                self.suppressed += 1
            else:
                kept.append(finding)
        gate = None if fail_on is None else min(fail_on, Severity.WARNING)
        return rescored(result, kept, fail_under=fail_under, fail_on=gate)

    def stale(self) -> list[Stale]:
        """Entries of the files this run audited that were not (all) found again."""
        out = []
        for key, used in self._used.items():
            for entry in self.files.get(key, ()):
                missing = entry.count - used[entry.hash]
                if missing > 0:
                    out.append(Stale(key, entry, missing))
        return out

    def pruned(self) -> dict[str, list[Entry]]:
        """The baseline with what this run no longer found removed (files it did not audit kept as they are)."""
        out: dict[str, list[Entry]] = {}
        for key, entries in self.files.items():
            if key not in self._used:
                if key.startswith("<") or (self.base / key).exists() or not _looks_like_path(key):
                    out[key] = entries  # not audited in this run (a record id, or outside the run)
                continue
            used = self._used[key]
            kept = [Entry(e.rule, e.text, e.hash, min(e.count, used[e.hash])) for e in entries if used[e.hash]]
            if kept:
                out[key] = kept
        return out


def _looks_like_path(key: str) -> bool:
    return "/" in key or "." in key
