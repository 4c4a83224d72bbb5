"""The engine: run the selected rules over a document and score what they find."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from auditor import scoring
from auditor.config import Config
from auditor.decode import decode
from auditor.document import Document
from auditor.loader import load_rules
from auditor.matchers import fill
from auditor.model import FileResult, Finding, Hit, Severity
from auditor.rule import Rule


class Auditor:
    """Holds the compiled, selected rules; audits one document at a time.

    Build it once per process: loading and compiling the rule packs is the
    expensive part, auditing a document is not.
    """

    def __init__(self, config: Config | None = None, *, rules: Sequence[Rule] | None = None) -> None:
        self.config = config or Config()
        available = load_rules(self.config.rules) if rules is None else tuple(rules)
        self.rules: tuple[Rule, ...] = tuple(
            rule.with_severity(self.config.severity_for(rule.id, rule.severity))
            for rule in available
            if self.config.enabled(rule.id)
        )

    def audit_bytes(self, data: bytes, *, path: str) -> FileResult:
        """Decode ``data`` (raises ``decode.NotText`` for binary data) and audit it."""
        decoded = decode(data)
        return self.audit(Document(decoded.text, path=path, encoding=decoded.encoding,
                                   language=self.config.language))

    def audit_text(self, text: str, *, path: str = "<text>") -> FileResult:
        return self.audit(Document(text, path=path, language=self.config.language))

    def audit(self, doc: Document) -> FileResult:
        result = FileResult(path=doc.path, encoding=doc.encoding, words=doc.words, score=100.0, passed=True,
                            findings=(), text=doc.text)
        return self._scored(result, list(self.findings(doc)))

    def _scored(self, result: FileResult, findings: list[Finding]) -> FileResult:
        """``result`` with these findings in reading order, its score and its gate verdict."""
        findings.sort(key=_reading_order)
        result_score = scoring.score([f.penalty for f in findings])
        worst = max((f.severity for f in findings), default=None)
        passed = scoring.passes(result_score, worst, fail_under=self.config.fail_under, fail_on=self.config.fail_on)
        return replace(result, findings=tuple(findings), score=result_score, passed=passed)

    @property
    def batch_rules(self) -> tuple[Rule, ...]:
        """Selected rules that also judge a whole run (a second pass over its results)."""
        return tuple(rule for rule in self.rules if rule.batch is not None)

    def finish(self, results: Sequence[FileResult]) -> list[FileResult]:
        """Run the batch checks over a finished run; results they add findings to are rescored."""
        added: dict[str, list[Finding]] = {}
        for rule in self.batch_rules:
            assert rule.batch is not None
            for path, findings in rule.batch(results, rule).items():
                added.setdefault(path, []).extend(findings)
        if not added:
            return list(results)
        return [self._with(result, added[result.path]) if result.path in added else result for result in results]

    def _with(self, result: FileResult, extra: list[Finding]) -> FileResult:
        known = {(f.rule, f.start, f.end) for f in result.findings}
        return self._scored(result, [*result.findings, *(f for f in extra if (f.rule, f.start, f.end) not in known)])

    def findings(self, doc: Document) -> Iterable[Finding]:
        seen: set[tuple[str, int | None, int | None]] = set()
        for rule in self.rules:
            try:
                hits = list(rule.find(doc))
            except Exception as exc:  # a bug in one rule must not lose the other rules' findings
                crash = Hit(None, None, message=f"internal error in rule {rule.id}: {type(exc).__name__}: {exc}",
                            suggestion="report this as a bug in auditor")
                yield make_finding(rule.with_severity(Severity.ERROR), crash, doc)
                continue
            for hit in hits:
                key = (rule.id, hit.start, hit.end)
                if key not in seen:
                    seen.add(key)
                    yield make_finding(rule, hit, doc)


def make_finding(rule: Rule, hit: Hit, doc: Document) -> Finding:
    text = doc.snippet(hit.start, hit.end)
    fields = {"match": text, **hit.fields}
    suggestion = hit.suggestion if hit.suggestion is not None else fill(rule.suggestion, fields)
    if suggestion is not None:
        fields.setdefault("suggestion", suggestion)
    message = hit.message if hit.message is not None else fill(rule.message, fields) or rule.message
    severity: Severity = rule.severity if hit.severity is None else min(hit.severity, rule.severity)
    line, column = doc.position(hit.start) if hit.start is not None else (1, 1)
    return Finding(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=severity,
        message=message,
        suggestion=suggestion,
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        text=text,
        penalty=scoring.penalty(severity, doc.words),
    )


def _reading_order(f: Finding) -> tuple[int, int, str]:
    return (-1 if f.start is None else f.start, -1 if f.end is None else f.end, f.rule)
