"""The editors' checklist in Markdown: per file a heading with its score, one ``- [ ]`` per finding.

Items come in reading order and say where (line:column), what is wrong, the
quoted text and what to write instead, so an editor can tick them off in a
pull request, an issue or any Markdown viewer.  Everything taken from the
article (the quoted text, and messages and suggestions that repeat it) is
escaped so it shows literally: no emphasis, links, HTML or table cells.
The checklist streams: each file is written when it finishes.
"""

from __future__ import annotations

import re

from auditor.model import FileResult, Finding, Summary
from auditor.reporters.base import Reporter

QUOTE_LIMIT = 120  # characters of quoted text kept before an ellipsis

# Characters that start inline Markdown (and GitHub Flavored Markdown) constructs mid-line:
# emphasis, code, links and images, raw HTML and entities, table cells, strike-through.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
_BREAKS = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline content, on one line."""
    return _INLINE.sub(r"\\\1", _BREAKS.sub(" ⏎ ", text))


def code(text: str) -> str:
    """A code span holding ``text`` verbatim, whatever backticks it contains (CommonMark rules)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def quote(text: str) -> str:
    """Quoted article text, shortened in the middle when long."""
    if len(text) > QUOTE_LIMIT:
        half = QUOTE_LIMIT // 2
        text = f"{text[:half]} … {text[-half:]}"
    return f"“{escape(text)}”"


def checklist_item(finding: Finding) -> str:
    where = "whole file" if finding.start is None else f"{finding.line}:{finding.column}"
    parts = [f"- [ ] **{where}** {escape(finding.message)}"]
    if finding.text:
        parts.append(f" — {quote(finding.text)}")
    if finding.suggestion:
        parts.append(f" → suggestion: “{escape(finding.suggestion)}”")
    parts.append(f" ({finding.rule} {finding.name}, {finding.severity})")
    return "".join(parts)


class MarkdownReporter(Reporter):
    """``# auditor checklist``, a section per file, then the totals."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._findings = 0
        self.out.write("# auditor checklist\n")

    def add(self, result: FileResult) -> None:
        w = self.out.write
        if result.skipped is not None:
            w(f"\n## {code(result.path)} — skipped\n\n{escape(result.skipped)}\n")
            return
        verdict = "pass" if result.passed else "FAIL"
        count = len(result.findings)
        self._findings += count
        w(f"\n## {code(result.path)} — score {result.score:.1f} ({verdict})\n\n")
        if not count:
            w("No findings.\n")
            return
        w(f"{count} finding{'s' if count != 1 else ''}, {result.words} words.\n\n")
        for finding in result.findings:
            w(checklist_item(finding) + "\n")
        self.out.flush()

    def close(self, summary: Summary) -> None:
        skipped = f", {summary.skipped} skipped" if summary.skipped else ""
        self.out.write(f"\n---\n\n{summary.files} file(s): {summary.passed} passed, {summary.failed} failed"
                       f"{skipped}; {self._findings} finding(s).\n")
