"""The engine: run the selected rules over a document, merge what they find, score it.

One document goes through ``Auditor.audit``:

1. each selected rule whose languages include the document's runs and returns hits;
   a rule that raises gives one ``AU002 rule-failed`` finding and the others go on
   (the document then never passes; see docs/rules.md, "When auditing fails");
2. hits become findings (position, message, suggestion, fix, penalty);
3. findings of one defect are merged (``merge``): the same span, or nested or
   overlapping spans whose edits conflict, keep one primary finding; the others'
   rule ids go to its ``related`` list and their penalties are not added;
4. the score and the gate verdict are computed from what is left.

Batch rules (NM105) also ``collect`` small data from each document in the worker;
``finish`` judges everything collected at the end of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from auditor import scoring
from auditor.config import Config
from auditor.decode import decode, repair_surrogates
from auditor.document import Document, record_rule_hits
from auditor.loader import load_rules
from auditor.model import CATEGORIES, FileResult, Finding, Fix, Hit, Severity
from auditor.rule import Rule
from auditor.wording import fill

#: A document that could not be audited at all (its worker died, or the engine failed on it).
AUDIT_FAILED = ("AU001", "audit-failed")
#: A rule that raised on a document: the document's other findings stand.
RULE_FAILED = ("AU002", "rule-failed")


class Auditor:
    """Holds the compiled, selected rules; audits one document at a time.

    Build it once per process: loading and compiling the rule packs is the
    expensive part, auditing a document is not.
    """

    #: ``(key, function)`` pairs run on each document beside the batch rules; what they return is kept in
    #: ``FileResult.collected[key]`` (small and picklable: rewrite clusters keep a document's sketch so).
    collectors: tuple[tuple[str, Callable[[Document], Any]], ...] = ()

    def __init__(
        self, config: Config | None = None, *, rules: Sequence[Rule] | None = None, keep_text: bool = True
    ) -> None:
        self.config = config or Config()
        #: Whether results carry the document's text (reporters that show the article need it).
        self.keep_text = keep_text
        available = load_rules(self.config.rules) if rules is None else tuple(rules)
        self.rules: tuple[Rule, ...] = tuple(
            rule.with_severity(self.config.severity_for(rule.id, rule.severity))
            for rule in available
            if self.config.enabled(rule.id)
        )
        self._by_language = any(rule.languages for rule in self.rules)
        self._early = tuple(rule for rule in self.rules if not rule.spec.late)
        self._late = tuple(rule for rule in self.rules if rule.spec.late)

    def audit_bytes(self, data: bytes, *, path: str) -> FileResult:
        """Decode ``data`` (raises ``decode.NotText`` for binary data) and audit it."""
        decoded = decode(data)
        return self.audit(Document(decoded.text, path=path, encoding=decoded.encoding, language=self.config.language))

    def audit_text(self, text: str, *, path: str = "<text>") -> FileResult:
        """Audit a string; lone surrogates (which no writer can encode) become U+FFFD, reported by EN103."""
        text, _ = repair_surrogates(text)
        path, _ = repair_surrogates(path)
        return self.audit(Document(text, path=path, language=self.config.language))

    def audit(self, doc: Document) -> FileResult:
        result = FileResult(
            path=doc.path,
            encoding=doc.encoding,
            words=doc.words,
            score=100.0,
            passed=True,
            findings=(),
            text=doc.text if self.keep_text else "",
            collected=self.collect(doc),
        )
        findings = list(self.findings(doc))
        return self._scored(replace(result, signals=self.signals(doc)), findings)

    def _scored(self, result: FileResult, findings: list[Finding]) -> FileResult:
        """``result`` with these findings merged, in reading order, with its score and gate verdict."""
        merged = merge(findings)
        merged.sort(key=reading_order)
        result_score = scoring.score([f.penalty for f in merged])
        worst = max((f.severity for f in merged), default=None)
        passed = scoring.passes(result_score, worst, fail_under=self.config.fail_under, fail_on=self.config.fail_on)
        if passed and any(is_internal(f) for f in merged):
            passed = False  # a document a rule failed on was not fully audited: never a green result
        return replace(result, findings=tuple(merged), score=result_score, passed=passed)

    # -- rules that apply ---------------------------------------------------------------------
    def applies(self, rule: Rule, doc: Document) -> bool:
        return not rule.languages or document_language(doc) in rule.languages

    def findings(self, doc: Document) -> Iterable[Finding]:
        """Every rule's findings; the ``late`` rules run last, once the others' hit counts are recorded."""
        seen: set[tuple[str, int | None, int | None]] = set()
        counts: dict[str, int] = {}
        for rule in self._early:
            yield from self._rule_findings(rule, doc, seen, counts)
        record_rule_hits(doc, counts)
        for rule in self._late:
            yield from self._rule_findings(rule, doc, seen, counts)

    def _rule_findings(
        self, rule: Rule, doc: Document, seen: set[tuple[str, int | None, int | None]], counts: dict[str, int]
    ) -> Iterable[Finding]:
        if self._by_language and rule.languages and not self.applies(rule, doc):
            return
        try:
            hits = list(rule.find(doc))
        except Exception as exc:  # noqa: BLE001 - a bug in one rule must not lose the other rules' findings
            yield rule_failed(rule, exc, doc.words)
            return
        if hits:
            counts[rule.id] = len(hits)
        for hit in hits:
            key = (rule.id, hit.start, hit.end)
            if key not in seen:
                seen.add(key)
                yield make_finding(rule, hit, doc)

    def signals(self, doc: Document) -> dict[str, float]:
        """The document-level signals (after ``findings``: the machine-translation signal reads their counts)."""
        from auditor.detectors.mt_signal import judged, machine_translation

        if not judged(doc) or document_language(doc) != "en":
            return {}
        return {"machine_translation": machine_translation(doc).value}

    # -- batch rules ----------------------------------------------------------------------------
    @property
    def batch_rules(self) -> tuple[Rule, ...]:
        """Selected rules that also judge a whole run (a second pass over what each document gave)."""
        return tuple(rule for rule in self.rules if rule.is_batch)

    def collect(self, doc: Document) -> dict[str, Any]:
        """What each batch rule keeps of ``doc`` (small and picklable; never the text)."""
        out: dict[str, Any] = {}
        for rule in self.batch_rules:
            assert rule.spec.collect is not None
            if rule.languages and not self.applies(rule, doc):
                continue
            try:
                data = rule.spec.collect(doc, rule.settings)
            except Exception:  # noqa: BLE001 - the rule's per-document pass reports the failure
                continue
            if data is not None:
                out[rule.id] = data
        for key, collector in self.collectors:
            try:
                out[key] = collector(doc)
            except Exception:  # noqa: BLE001 - a document without a sketch is left out of the clusters, not lost
                continue
        return out

    def finish(self, results: Sequence[FileResult]) -> list[FileResult]:
        """Judge the batch rules over a finished run; results they add findings to are rescored.

        Documents are keyed by their place in ``results``, so two records with one id
        never collide.  What was collected is dropped from the results returned.
        """
        added: dict[int, list[Finding]] = {}
        for rule in self.batch_rules:
            assert rule.spec.judge is not None
            collected = [(i, r.collected[rule.id]) for i, r in enumerate(results) if rule.id in r.collected]
            if not collected:
                continue
            for index, hit, (line, column), text in rule.spec.judge(collected, rule.settings):
                result = results[index]
                added.setdefault(index, []).append(
                    make_finding_at(rule, hit, line=line, column=column, text=text, words=result.words)
                )
        out = []
        for i, result in enumerate(results):
            result = replace(result, collected={}) if result.collected else result
            out.append(self._with(result, added[i]) if i in added else result)
        return out

    def _with(self, result: FileResult, extra: list[Finding]) -> FileResult:
        known = {(f.rule, f.start, f.end) for f in result.findings}
        known |= {(r, f.start, f.end) for f in result.findings for r in f.related}
        fresh = [f for f in extra if (f.rule, f.start, f.end) not in known]
        if not fresh:
            return result
        return self._scored(result, [*result.findings, *fresh])


def document_language(doc: Document) -> str:
    """The configured language of ``doc``, else the one detected (cheaply for plain English)."""
    if doc.language and doc.language != "auto":
        return doc.language
    memo = doc.__dict__.setdefault("_memo", {})
    if "language" not in memo:
        from auditor.detectors.language import article_language

        memo["language"] = article_language(doc) or "en"
    return str(memo["language"])


def audit_failed(path: str, reason: str) -> FileResult:
    """The result of a document auditor could not audit: one ``AU001`` error finding, score 0, not passed."""
    finding = _internal(
        AUDIT_FAILED,
        f"auditor could not audit this document: {reason}",
        "report this as a bug in auditor",
        penalty=100.0,
    )
    return FileResult(path=path, encoding="", words=0, score=0.0, passed=False, findings=(finding,))


def not_audited(path: str, reason: str) -> FileResult:
    """The result of an input that was skipped (unreadable, binary, too large, no text): never passed."""
    return FileResult(path=path, encoding="", words=0, score=0.0, passed=False, findings=(), skipped=reason)


def is_internal(finding: Finding) -> bool:
    """An ``AU`` finding: auditor failed on the document (AU001) or one rule did (AU002)."""
    return finding.category == "internal"


def rule_failed(rule: Rule, exc: BaseException, words: int) -> Finding:
    return _internal(
        RULE_FAILED,
        f"rule {rule.id} ({rule.name}) failed on this document: {type(exc).__name__}: {exc}",
        "report this as a bug in auditor or in the rule pack",
        penalty=scoring.penalty(Severity.ERROR, words),
        related=(rule.id,),
    )


def _internal(
    rule: tuple[str, str], message: str, suggestion: str, *, penalty: float, related: tuple[str, ...] = ()
) -> Finding:
    """A file-level ``AU`` error finding (AU001, AU002)."""
    code, name = rule
    return Finding(
        rule=code,
        name=name,
        category="internal",
        severity=Severity.ERROR,
        message=message,
        suggestion=suggestion,
        start=None,
        end=None,
        line=1,
        column=1,
        text="",
        penalty=penalty,
        related=related,
    )


def make_finding(rule: Rule, hit: Hit, doc: Document) -> Finding:
    line, column = doc.position(hit.start) if hit.start is not None else (1, 1)
    return make_finding_at(rule, hit, line=line, column=column, text=doc.snippet(hit.start, hit.end), words=doc.words)


def make_finding_at(rule: Rule, hit: Hit, *, line: int, column: int, text: str, words: int) -> Finding:
    fields = {"match": text, **hit.fields}
    fix = None
    if hit.edits and rule.fix != "none":
        fix = Fix(hit.applicability or rule.fix, hit.edits)
    suggestion = hit.suggestion if hit.suggestion is not None else fill(rule.suggestion, fields)
    if suggestion is None and fix is not None and hit.start is not None and hit.end is not None:
        suggestion = fixed_span(text, hit.start, fix) or None
    if suggestion is not None:
        fields.setdefault("suggestion", suggestion)
    message = hit.message if hit.message is not None else fill(rule.message, fields) or rule.message
    severity: Severity = rule.severity if hit.severity is None else min(hit.severity, rule.severity)
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
        penalty=scoring.penalty(severity, words),
        fix=fix,
    )


def fixed_span(text: str, start: int, fix: Fix) -> str:
    """What the reported ``text`` (starting at ``start``) reads once the edits inside it are applied."""
    end = start + len(text)
    out, pos = [], start
    for edit in sorted(fix.edits, key=lambda e: e.start):
        if edit.end < start or edit.start > end:
            continue
        a, b = max(edit.start, start), min(edit.end, end)
        out += [text[pos - start : a - start], edit.replacement]
        pos = max(pos, b)
    out.append(text[pos - start :])
    return "".join(out)


# -- one finding per defect ------------------------------------------------------------------------
_CATEGORY_RANK = {
    c: i
    for i, c in enumerate(
        (
            "internal",
            "encoding",
            "boilerplate",
            "language",
            "names",
            "translation",
            "extraction",
            "readability",
            "style",
        )
    )
}
_CATEGORY_RANK.update({c: len(_CATEGORY_RANK) for c in CATEGORIES if c not in _CATEGORY_RANK})


def precedence(f: Finding) -> tuple[int, int, int, int, str]:
    """Which finding of one defect is kept: the most severe, then by family (encoding, boilerplate,
    language, names, translation, extraction, readability, style), then one with a fix, then the
    longer span, then the lower rule id."""
    length = 0 if f.start is None or f.end is None else f.end - f.start
    return (-int(f.severity), _CATEGORY_RANK.get(f.category, 99), 0 if f.fix else 1, -length, f.rule)


def _edits_overlap(a: Fix, b: Fix) -> bool:
    for x in a.edits:
        for y in b.edits:
            if x.start < y.end and y.start < x.end:
                return True
            if x.start == x.end and y.start <= x.start <= y.end and (y.start < x.start < y.end or y.start == y.end):
                return True
            if y.start == y.end and x.start < y.start < x.end:
                return True
    return False


def same_defect(a: Finding, b: Finding) -> bool:
    """Whether two findings are one defect: the same span, or spans that meet and edits that conflict."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    if (a.start, a.end) == (b.start, b.end):
        return True
    if not (a.start < b.end and b.start < a.end):
        return False
    if a.fix is not None and b.fix is not None:
        return _edits_overlap(a.fix, b.fix)
    # one span inside the other, and the outer finding's edits delete or rewrite the inner one
    outer, inner = (a, b) if a.start <= b.start and b.end <= a.end else (b, a)
    if not (outer.start <= inner.start and inner.end <= outer.end) or outer.fix is None:  # type: ignore[operator]
        return False
    return any(e.start <= inner.start and inner.end <= e.end for e in outer.fix.edits)  # type: ignore[operator]


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per defect: the primary (``precedence``) keeps the others' rule ids in ``related``."""
    located = sorted((f for f in findings if f.start is not None), key=lambda f: (f.start, -(f.end or 0)))
    if len(located) < 2:
        return list(findings)
    parent = list(range(len(located)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reach = -1
    active: list[int] = []
    for i, f in enumerate(located):
        assert f.start is not None and f.end is not None
        if f.start >= reach:
            active = []
        active = [j for j in active if (located[j].end or 0) > f.start or located[j].start == f.start]
        for j in active:
            if same_defect(located[j], f):
                parent[root(i)] = root(j)
        active.append(i)
        reach = max(reach, f.end)
    groups: dict[int, list[Finding]] = {}
    for i, f in enumerate(located):
        groups.setdefault(root(i), []).append(f)
    out = [f for f in findings if f.start is None]
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=precedence)
        primary = group[0]
        related = tuple(dict.fromkeys(r for f in group[1:] for r in (f.rule, *f.related) if r != primary.rule))
        out.append(replace(primary, related=tuple(dict.fromkeys((*primary.related, *related)))))
    return out


def reading_order(f: Finding) -> tuple[int, int, str]:
    return (-1 if f.start is None else f.start, -1 if f.end is None else f.end, f.rule)
