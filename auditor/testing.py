"""Run a rule's examples: the harness behind ``auditor test-rules``, the test suite and ``explain``.

A fail example must give exactly its ``[[marked]]`` spans (one finding about the
whole file when nothing is marked), with every ``{placeholder}`` of the message
and suggestion filled; when it pins ``fix`` (the marked span once the edits are
applied) or ``fixed`` (the whole text once every edit is applied), the edits must
give that.  A pass example must give nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from auditor.decode import decode
from auditor.document import Document
from auditor.engine import make_finding
from auditor.model import Finding, apply_edits
from auditor.rule import Example, Rule
from auditor.wording import unfilled


def example_document(example: Example) -> Document:
    if example.encoding is None:
        return Document(example.text, path="<example>")
    decoded = decode(example.text.encode(example.encoding))
    return Document(decoded.text, path="<example>", encoding=decoded.encoding)


def example_findings(rule: Rule, example: Example) -> list[Finding]:
    """The findings ``rule`` gives on ``example``, in reading order, one per span."""
    doc = example_document(example)
    seen: dict[tuple[int | None, int | None], Finding] = {}
    for hit in rule.find(doc):
        seen.setdefault((hit.start, hit.end), make_finding(rule, hit, doc))
    return sorted(seen.values(), key=lambda f: (-1 if f.start is None else f.start, -1 if f.end is None else f.end))


def reported_spans(rule: Rule, example: Example) -> list[tuple[int | None, int | None]]:
    """The spans ``rule`` reports on ``example``, in order, duplicates removed."""
    return [(f.start, f.end) for f in example_findings(rule, example)]


def check_example(rule: Rule, example: Example, *, failing: bool) -> str | None:
    """``None`` when the rule does what the example says; otherwise what went wrong."""
    try:
        findings = example_findings(rule, example)
    except Exception as exc:  # noqa: BLE001 - a crashing rule is a failing example, reported as such
        return f"{rule.id} on {example.text[:80]!r}: the rule raised {type(exc).__name__}: {exc}"
    got = [(f.start, f.end) for f in findings]
    want: list[tuple[int | None, int | None]] = (
        (list(example.spans) if example.spans else [(None, None)]) if failing else []
    )
    text = example_document(example).text
    where = f"{rule.id} on {example.text[:80]!r}"
    if got != want:

        def show(spans: list[tuple[int | None, int | None]]) -> str:
            return ", ".join("<file>" if a is None or b is None else repr(text[a:b]) for a, b in spans) or "nothing"

        return f"{where}: expected {show(want)}, reported {show(got)}"
    for f in findings:
        left = unfilled(f.message) + unfilled(f.suggestion)
        if left:
            return f"{where}: unfilled placeholder(s) {', '.join('{' + p + '}' for p in left)} in {f.message!r}"
    if example.fix is not None or example.fixed is not None:
        return _check_fix(where, text, example, findings)
    return None


def _check_fix(where: str, text: str, example: Example, findings: list[Finding]) -> str | None:
    edits = [e for f in findings if f.fix is not None for e in f.fix.edits]
    if not edits:
        return f"{where}: the example pins a fix, the rule gives no edit"
    try:
        fixed = apply_edits(text, edits)
    except ValueError as exc:
        return f"{where}: the rule's edits conflict ({exc})"
    if example.fixed is not None and fixed != example.fixed:
        return f"{where}: fixed text {fixed!r}, expected {example.fixed!r}"
    if example.fix is not None:
        start, end = example.spans[0] if example.spans else (0, len(text))
        wanted = text[:start] + example.fix + text[end:]
        if fixed != wanted:
            return f"{where}: the fix gives {fixed!r}, expected {wanted!r}"
    return None


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    source: str
    problem: str


def run_examples(rules: Iterable[Rule]) -> Iterator[ExampleFailure]:
    """Every failing example of ``rules`` and of the table rows they match (nothing when all pass)."""
    for rule in rules:
        for failing, examples in ((True, rule.examples.fail), (False, rule.examples.passing)):
            for example in examples:
                problem = check_example(rule, example, failing=failing)
                if problem is not None:
                    yield ExampleFailure(rule.id, rule.source, problem)
        for row_id, source, example, failing in row_examples(rule):
            problem = check_row_example(rule, row_id, example, failing=failing)
            if problem is not None:
                yield ExampleFailure(rule.id, source, problem)


def row_examples(rule: Rule) -> Iterator[tuple[str, str, Example, bool]]:
    """The examples table rows carry (a calque's own fail and pass texts), for rules whose settings hold
    such rows: ``(row id, where the row comes from, example, failing)``."""
    keyed = getattr(rule.settings, "keyed", None)
    rows = getattr(keyed, "rows", ()) or ()
    table = getattr(getattr(rule.settings, "table", None), "name", "?")
    for row in rows:
        source = f"table {table} (used by {rule.source}), row {row.id}"
        for failing, raws in ((True, row.fail), (False, row.passing)):
            for raw in raws:
                if isinstance(raw, Mapping):
                    example = Example.parse(str(raw["text"]), fix=raw.get("fix"), fixed=raw.get("fixed"))
                else:
                    example = Example.parse(str(raw))
                yield row.id, source, example, failing


def check_row_example(rule: Rule, row_id: str, example: Example, *, failing: bool) -> str | None:
    """A row's example: the rule's findings from that row (``fields['row']``) give exactly its spans."""
    doc = example_document(example)
    try:
        hits = [h for h in rule.find(doc) if h.fields.get("row") == row_id]
    except Exception as exc:  # noqa: BLE001 - reported as a failing example
        return f"{rule.id} row {row_id} on {example.text[:80]!r}: the rule raised {type(exc).__name__}: {exc}"
    got = sorted({(h.start, h.end) for h in hits}, key=lambda s: (s[0] or -1, s[1] or -1))
    want = list(example.spans) if failing else []
    where = f"{rule.id} row {row_id} on {example.text[:80]!r}"
    if got != want:
        return f"{where}: expected {want or 'nothing'}, reported {got or 'nothing'}"
    findings = [make_finding(rule, h, doc) for h in hits]
    for f in findings:
        left = unfilled(f.message) + unfilled(f.suggestion)
        if left:
            return f"{where}: unfilled placeholder(s) {', '.join('{' + p + '}' for p in left)}"
    if example.fix is not None or example.fixed is not None:
        return _check_fix(where, doc.text, example, findings)
    return None
