"""The editors' checklist in Markdown: the summary first, then per file one ``- [ ]`` per finding.

Each item says where (line:column), what is wrong, the span in about
``CONTEXT`` characters of its line (so two identical spans on one line can be
told apart), and what to do: an instruction as an instruction (“Delete the
line.”), a replacement as ``replace with “…”``.  Files without findings are not
listed; the summary says how many there were.  Everything taken from the
article or the run (paths, record ids, quoted text, messages and suggestions
that repeat it) is escaped so that it shows literally: no emphasis, links, raw
HTML, table cells or heading breaks, and control characters are shown as symbols.
The checklist is held (in memory up to a few MB, then on disk) until the run
ends, because the summary comes first.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from typing import Any

from auditor.model import FileResult, Finding, Severity, Summary
from auditor.reporters.base import Reporter
from auditor.reporters.options import RunInfo
from auditor.terminal import visible

QUOTE_LIMIT = 120  # characters of a quoted span kept before an ellipsis in the middle
CONTEXT = 40  # characters of the line shown either side of a span
SPOOL_IN_MEMORY = 4 * 1024 * 1024

# Characters that start inline Markdown (and GitHub Flavored Markdown) constructs mid-line:
# emphasis, code, links and images, raw HTML and entities, table cells, strike-through, headings.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
#: First words of suggestions that are instructions to the editor, not replacement text.
IMPERATIVES = frozenset(
    [
        "add",
        "check",
        "consider",
        "cut",
        "delete",
        "drop",
        "fix",
        "give",
        "join",
        "keep",
        "move",
        "name",
        "quote",
        "re-save",
        "remove",
        "rephrase",
        "replace",
        "report",
        "restore",
        "rewrite",
        "spell",
        "split",
        "translate",
        "use",
        "verify",
        "write",
    ]
)


def _one_line(text: str) -> str:
    return visible(_BREAKS.sub(" ⏎ ", text))


def escape(text: str) -> str:
    """``text`` as literal Markdown inline content, on one line."""
    return _INLINE.sub(r"\\\1", _one_line(text))


def code(text: str) -> str:
    """A code span holding ``text`` on one line, whatever backticks it contains (CommonMark rules)."""
    text = _one_line(text)
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


def in_context(text: str, start: int, end: int) -> str:
    """The span in bold within about ``CONTEXT`` characters of its line, cut at spaces, escaped."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - CONTEXT)
    if left > line_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(line_end, end + CONTEXT)
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    before, span, after = text[left:start], text[start:end], text[end:right]
    if len(span) > QUOTE_LIMIT:
        half = QUOTE_LIMIT // 2
        span = f"{span[:half]} … {span[-half:]}"
    if not span:
        middle = "‸"
    elif span.strip() == span:
        middle = f"**{escape(span)}**"
    else:
        middle = f"“{escape(span)}”"
    return (
        ("…" if left > line_start else "") + escape(before) + middle + escape(after) + ("…" if right < line_end else "")
    )


def action(suggestion: str, template: str | None) -> str:
    """What the editor is asked to do, worded as an instruction."""
    words = suggestion.strip().split(maxsplit=1)
    if not words:
        return "Delete it."
    # The rule's own fixed wording describes or instructs; wording made for this hit is the replacement.
    fixed = template is not None and "{" not in template and suggestion == template
    if words[0].lower() in IMPERATIVES and (fixed or " " in suggestion.strip()):
        sentence = suggestion.strip()
        sentence = sentence[0].upper() + sentence[1:]
        return escape(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")
    if fixed:
        return f"Write instead: {escape(suggestion)}."
    return f"Replace with “{escape(suggestion)}”."


def checklist_item(finding: Finding, text: str = "", template: str | None = None) -> str:
    where = "whole file" if finding.start is None else f"{finding.line}:{finding.column}"
    parts = [f"- [ ] **{where}** {escape(finding.message)}"]
    if finding.start is not None and finding.end is not None and text:
        parts.append(f" — {in_context(text, finding.start, finding.end)}")
    elif finding.text:
        parts.append(f" — {quote(finding.text)}")
    if finding.suggestion is not None:
        parts.append(f" → {action(finding.suggestion, template)}")
    parts.append(f" ({escape(finding.rule)} {escape(finding.name)}, {finding.severity})")
    if (mark := fix_mark(finding)) is not None:
        parts.append(f" {mark}")
    return "".join(parts)


#: How an item ``auditor check --fix`` would handle is marked, by the fix's applicability.
FIX_MARKS = {"safe": "· *`--fix` fixes this*", "unsafe": "· *`--fix --unsafe-fixes` fixes this*"}


def fix_mark(finding: Finding) -> str | None:
    """The mark of an item ``--fix`` (safe) or ``--fix --unsafe-fixes`` (unsafe) would handle, else None."""
    if finding.fix is None or not finding.fix.edits:
        return None
    return FIX_MARKS.get(finding.fix.applicability)


def _n(count: int, one: str) -> str:
    if one == "info":
        return f"{count} info"
    return f"{count} {one if count == 1 else one + 's'}"


class MarkdownReporter(Reporter):
    """``# auditor checklist``, the summary, a section per file with findings."""

    options = frozenset({"run"})

    def __init__(self, *args: Any, run: RunInfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run = run
        self._templates = {r.id: r.suggestion for r in self.rules}
        self._findings = 0
        self._clean = 0
        self._severities: Counter[Severity] = Counter()
        self._fixable: Counter[str] = Counter()
        self._body = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=SPOOL_IN_MEMORY,
            mode="w+",
            encoding="utf-8",
            errors="surrogatepass",
        )

    def add(self, result: FileResult) -> None:
        w = self._body.write
        if result.skipped is not None:
            w(f"\n## {code(result.path)} — SKIPPED\n\nNot audited: {escape(result.skipped)}\n")
            return
        count = len(result.findings)
        self._findings += count
        self._severities.update(f.severity for f in result.findings)
        self._fixable.update(
            f.fix.applicability for f in result.findings if f.fix is not None and fix_mark(f) is not None
        )
        if not count:
            self._clean += 1
            return
        verdict = "PASS" if result.passed else "FAIL"
        w(f"\n## {code(result.path)} — score {result.score:.1f}, {verdict}\n\n")
        w(f"{_n(count, 'finding')}, {_n(result.words, 'word')}.\n\n")
        for finding in result.findings:
            w(checklist_item(finding, result.text, self._templates.get(finding.rule)) + "\n")

    def close(self, summary: Summary) -> None:
        w = self.out.write
        w("# auditor checklist\n\n")
        by_severity = ", ".join(_n(self._severities[s], str(s)) for s in sorted(self._severities, reverse=True))
        skipped = f", {summary.skipped} skipped (not audited)" if summary.skipped else ""
        w(
            f"**{_n(summary.files, 'file')} audited: {summary.passed} passed, {summary.failed} failed{skipped}; "
            f"{_n(self._findings, 'finding')}{f' ({by_severity})' if by_severity else ''}.**\n"
        )
        if self.run is not None:
            w(
                f"\nGate: {escape(self.run.gate)}. Command: {code(self.run.command)}, {escape(self.run.date)}, "
                f"auditor {escape(self.run.version)}.\n"
            )
        if self._clean:
            w(f"\n{_n(self._clean, 'file')} without findings {'is' if self._clean == 1 else 'are'} not listed.\n")
        w("\nTick each item when the text is fixed; line:column point into the article as audited.\n")
        if self._fixable:
            w(
                f"\n{_n(self._fixable['safe'], 'item')} marked `--fix` can be fixed by `auditor check --fix`; "
                f"{self._fixable['unsafe']} more marked `--unsafe-fixes` by `auditor check --fix "
                "--unsafe-fixes` (read the diff first: `--diff`).\n"
            )
        self._body.seek(0)
        shutil.copyfileobj(self._body, self.out)
        self._body.close()
