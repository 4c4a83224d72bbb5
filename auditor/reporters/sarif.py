"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

One run; ``tool.driver.rules`` lists every selected rule with its help
(``shortDescription`` from the name, ``fullDescription`` from ``why``, ``help``
with the examples); one ``result`` per finding with its level and a region.
Columns and offsets count Unicode code points (``columnKind``), as auditor's
own offsets do; ``endColumn`` is exclusive, as SARIF defines it.  A finding
about the whole file gets a region at line 1.  Files that could not be read
are reported as tool execution notifications.

The log is streamed: the rules are written first, then each result as its file
finishes, so memory does not grow with the number of files.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.decode import repair_surrogates
from auditor.model import FileResult, Finding, Severity, Summary
from auditor.reporters.base import Reporter
from auditor.reporters.markdown import code
from auditor.reporters.regions import end_position
from auditor.rule import Example, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
EXAMPLES_SHOWN = 3
SNIPPET_LIMIT = 500  # region.snippet is left out for longer spans
_BREAKS = re.compile(r"(?:\r\n|\r|\n)+")


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (resolved against the checkout).

    A file name that is not UTF-8 (its bytes kept as ``surrogateescape`` surrogates) is
    percent-encoded byte for byte, so the URI names the file that exists.
    """
    posix = path.replace(os.sep, "/")
    if PurePath(path).is_absolute():
        return "file://" + quote(_bytes(posix if posix.startswith("/") else "/" + posix))
    return quote(_bytes(posix.removeprefix("./")))


def _bytes(posix: str) -> bytes:
    try:
        return posix.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return repair_surrogates(posix)[0].encode("utf-8")


def _one_line(text: str) -> str:
    return _BREAKS.sub(" ⏎ ", text)


def _marked(example: Example) -> str:
    """An example on one line, the span the rule reports between »«."""
    if not example.spans:
        return f"{_one_line(example.text)} (the whole file)"
    out, pos = [], 0
    for a, b in example.spans:
        out += [example.text[pos:a], "»", example.text[a:b], "«"]
        pos = b
    out.append(example.text[pos:])
    return _one_line("".join(out))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """``reportingDescriptor`` for a rule: what it finds, why, and examples."""
    why = " ".join(rule.why.split())
    short = rule.name.replace("-", " ").capitalize()
    fails = [_marked(e) for e in rule.examples.fail[:EXAMPLES_SHOWN]]
    passes = [_one_line(e.text) for e in rule.examples.passing[:EXAMPLES_SHOWN]]
    use_instead = rule.suggestion if rule.suggestion and "{" not in rule.suggestion else None
    text = [f"{rule.id} {rule.name}: {why}"]
    markdown = [f"**{rule.id} {rule.name}** ({rule.category}, {rule.severity})", "", why]
    if use_instead:
        text.append(f"Use instead: {use_instead}")
        markdown += ["", f"Use instead: {code(use_instead)}"]
    if fails:
        text.append("Flagged (reported span between »«): " + " | ".join(fails))
        markdown += ["", "Flagged (the reported span between »«):", *(f"- {code(f)}" for f in fails)]
    if passes:
        text.append("Not flagged: " + " | ".join(passes))
        markdown += ["", "Not flagged:", *(f"- {code(p)}" for p in passes)]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": why or short},
        "help": {"text": "\n\n".join(text), "markdown": "\n".join(markdown)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def region(finding: Finding) -> dict[str, Any]:
    if finding.start is None or finding.end is None:
        return {"startLine": 1}
    end_line, end_column = end_position(finding)
    out: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
    }
    if len(finding.text) <= SNIPPET_LIMIT:
        out["snippet"] = {"text": finding.text}
    return out


def sarif_result(path: str, finding: Finding, rule_index: int | None) -> dict[str, Any]:
    text = finding.message
    if finding.suggestion:
        text += f" (suggestion: {finding.suggestion})"
    out: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    out.update(
        {
            "level": LEVEL[finding.severity],
            "message": {"text": text},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region(finding)}}
            ],
            "properties": {
                "category": finding.category,
                "name": finding.name,
                "penalty": finding.penalty,
                "suggestion": finding.suggestion,
            },
        }
    )
    return out


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log with one run, written as results arrive."""

    needs_text = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._index = {rule.id: i for i, rule in enumerate(self.rules)}
        self._count = 0
        self._skipped: list[tuple[str, str]] = []
        self._started = False

    def _start(self) -> None:
        """The head (with every rule) waits for the first result: a run stopped early writes nothing."""
        if not self._started:
            self._started = True
            self.out.write(_head(self.rules))

    def add(self, result: FileResult) -> None:
        if result.skipped is not None:
            self._skipped.append((result.path, result.skipped))
            return
        self._start()
        for finding in result.findings:
            item = sarif_result(result.path, finding, self._index.get(finding.rule))
            self.out.write(",\n      " if self._count else "\n      ")
            self.out.write(json.dumps(item, ensure_ascii=False))
            self._count += 1

    def close(self, summary: Summary) -> None:
        notes = [
            {
                "level": "warning",
                "message": {"text": f"skipped: {reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
            }
            for path, reason in self._skipped
        ]
        self._start()
        invocation: dict[str, Any] = {"executionSuccessful": True}
        if notes:
            invocation["toolExecutionNotifications"] = notes
        self.out.write("\n    ],\n" if self._count else "],\n")
        self.out.write(f'    "invocations": [{json.dumps(invocation, ensure_ascii=False)}]\n  }}]\n}}\n')


def _head(rules: Sequence[Rule]) -> str:
    driver = {
        "name": "auditor",
        "fullName": "auditor: news text quality auditor",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule_descriptor(r) for r in rules],
    }
    tool = json.dumps({"driver": driver}, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return (
        f'{{\n  "$schema": "{SCHEMA}",\n  "version": "2.1.0",\n  "runs": [{{\n'
        f'    "tool": {tool},\n    "columnKind": "unicodeCodePoints",\n    "results": ['
    )
