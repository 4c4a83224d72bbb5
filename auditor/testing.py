"""Run a rule's examples: the harness behind the test suite and ``auditor explain``."""

from __future__ import annotations

from auditor.decode import decode
from auditor.document import Document
from auditor.rule import Example, Rule


def example_document(example: Example) -> Document:
    if example.encoding is None:
        return Document(example.text, path="<example>")
    decoded = decode(example.text.encode(example.encoding))
    return Document(decoded.text, path="<example>", encoding=decoded.encoding)


def reported_spans(rule: Rule, example: Example) -> list[tuple[int | None, int | None]]:
    """The spans ``rule`` reports on ``example``, in order, duplicates removed."""
    return sorted({(h.start, h.end) for h in rule.find(example_document(example))},
                  key=lambda s: (-1 if s[0] is None else s[0], -1 if s[1] is None else s[1]))


def check_example(rule: Rule, example: Example, *, failing: bool) -> str | None:
    """``None`` when the rule does what the example says; otherwise what went wrong."""
    got = reported_spans(rule, example)
    if failing:
        want: list[tuple[int | None, int | None]] = list(example.spans) if example.spans else [(None, None)]
    else:
        want = []
    if got == want:
        return None
    text = example_document(example).text

    def show(spans: list[tuple[int | None, int | None]]) -> str:
        return ", ".join("<file>" if a is None or b is None else repr(text[a:b]) for a, b in spans) or "nothing"

    return f"{rule.id} on {example.text[:80]!r}: expected {show(want)}, reported {show(got)}"
