"""Invented articles and rules that exercise every reporter: overlaps, escaping, positions, skips.

The rules are built from YAML-like mappings here so that the expected output
does not move when the built-in packs change.  Findings come from the real
engine, except the file-level one, which a pattern rule cannot produce.
Tests import these by this module's own name (``from reporting import ...``): ``conftest`` is a
different module in every test folder.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from auditor.engine import Auditor
from auditor.model import FileResult, Finding, Severity, Summary
from auditor.reporters import FORMATS
from auditor.rule import Rule

RULE_ENTRIES = [
    {
        "id": "ZZ101",
        "name": "quick-brown",
        "category": "style",
        "severity": "warning",
        "message": "Cliché '{match}'",
        "suggestion": "swift auburn",
        "pattern": r"quick brown",
        "why": "Typists' pangram words.\nThey mean nothing here.",
        "examples": {"fail": ["The [[quick brown]] fox."], "pass": ["A slow fox."]},
    },
    {
        "id": "ZZ102",
        "name": "brown-fox",
        "category": "names",
        "severity": "error",
        "message": "Animal '{match}' named",
        "pattern": r"brown fox",
        "examples": {"fail": ["The quick [[brown fox]]."], "pass": ["A red fox."]},
        "why": "Foxes are not sources.",
    },
    {
        "id": "ZZ103",
        "name": "pangram-sentence",
        "category": "readability",
        "severity": "info",
        "message": "Pangram sentence",
        "suggestion": "rewrite it",
        "pattern": r"The quick brown fox jumps[^.]*\.",
        "examples": {"fail": ["[[The quick brown fox jumps over it.]]"], "pass": ["The fox sleeps."]},
        "why": "A sentence that exists to show letters.",
    },
    {
        "id": "ZZ104",
        "name": "raw-markup",
        "category": "extraction",
        "severity": "warning",
        "message": "Markup '{match}' left in the text",
        "suggestion": "delete `{match}`",
        "pattern": r"<[a-z]+[^>\n]*>",
        "examples": {"fail": ["Hi [[<b>]] there."], "pass": ["1 < 2 > 0"]},
        "why": "Tags that escaped the scraper.",
    },
    {
        "id": "ZZ105",
        "name": "line-joined",
        "category": "extraction",
        "severity": "warning",
        "message": "Paragraph cut at '{match}'",
        "pattern": r"cut\r?\noff",
        "examples": {"fail": ["was [[cut\noff]] here"], "pass": ["was cut off"]},
        "why": "A line break inside a sentence.",
    },
    {
        "id": "ZZ106",
        "name": "emoji-noise",
        "category": "style",
        "severity": "info",
        "message": "Emoji '{match}'",
        "pattern": r"\p{Extended_Pictographic}",
        "examples": {"fail": ["Nice [[😀]] day"], "pass": ["Nice day"]},
        "why": "Emoji from social embeds.",
    },
    {
        "id": "ZZ107",
        "name": "said-clause",
        "category": "style",
        "severity": "info",
        "message": "Attribution '{match}'",
        "suggestion": "{match}",
        "pattern": r"said [^\n]+",
        "examples": {"fail": ["It [[said so.]]"], "pass": ["It says so."]},
        "why": "Attributions, for the escaping tests.",
    },
    {
        "id": "ZZ108",
        "name": "space-before-comma",
        "category": "style",
        "severity": "warning",
        "message": "Space before comma: '{match}', 100%",
        "pattern": r"\d+% ,",
        "examples": {"fail": ["up [[5% ,]] then"], "pass": ["up 5%, then"]},
        "why": "A stray space.",
    },
]

TEXTS: dict[str, str] = {
    "articles/clean.txt": "Nothing to see here.\nA calm article about the weather.\n",
    "articles/fox.txt": "Headline\nThe quick brown fox jumps over the lazy dog. Then it was\n"
    "cut\r\noff by the editor.\n",
    "articles/xss.txt": "Intro <script>alert('x')</script> and <img src=x onerror=\"alert(1)\"> end.\n"
    "Prices rose 5% , said *Smith* [a](b) | c_d`e`.\n",
    "articles/emoji 😀.txt": "Fans 😀 cheered. The quick brown fox.\n",
}

FILE_LEVEL = Finding(
    rule="ZZ199",
    name="too-short",
    category="extraction",
    severity=Severity.WARNING,
    message="Article has only 2 sentences",
    suggestion=None,
    start=None,
    end=None,
    line=1,
    column=1,
    text="",
    penalty=5.0,
)

SKIPPED = FileResult(
    path="articles/photo.jpg",
    encoding="",
    words=0,
    score=0.0,
    passed=False,
    findings=(),
    skipped="not text (binary data)",
)


def audit(rules: Sequence[Rule], texts: dict[str, str] = TEXTS) -> list[FileResult]:
    auditor = Auditor(rules=rules)
    results = [auditor.audit_text(text, path=path) for path, text in texts.items()]
    clean = results[0]
    results[0] = replace(clean, findings=(FILE_LEVEL,), score=95.0)
    return results


def render_report(fmt: str, results: Sequence[FileResult], rules: Sequence[Rule], *, width: int = 80) -> str:
    """Drive a reporter as the CLI does and return what it wrote."""
    out = io.StringIO()
    reporter = FORMATS[fmt](out, rules=rules, width=width, color=False)
    for result in results:
        reporter.add(result)
    reporter.close(Summary.of(list(results)))
    return out.getvalue()
