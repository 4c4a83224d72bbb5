"""A datatrove filter that keeps the articles passing auditor's gate, for teams building training corpora.

Install the extra (``pip install 'news-auditor[datatrove]'``), then put the filter
in a pipeline like any other datatrove filter::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from auditor.datatrove import AuditorFilter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("crawl/"),
        AuditorFilter(exclusion_writer=JsonlWriter("rejected/")),
        JsonlWriter("kept/"),
    ], tasks=8, logging_dir="logs/").run()

Every document, kept or dropped, gets ``auditor_score`` (null when the text was
not audited), ``auditor_passed`` and ``auditor_errors``/``auditor_warnings``/
``auditor_infos`` (findings by severity) and ``auditor_rules`` (the rule codes
of its warnings and errors) in ``doc.metadata``; a dropped document also gets
``auditor_reason`` (e.g. ``score 42.5 < 80`` or ``2 error findings: EX100, EN101``).
datatrove's stats count drops by a short reason (``dropped_auditor_score``,
``dropped_auditor_error``); the exclusion writer records it as ``filter_reason``.
The scores equal ``auditor check`` on the same text and configuration.
"""

from __future__ import annotations

import json

from auditor.config import Config
from auditor.frame import audit_value, cached_auditor
from auditor.model import FileResult, Severity

try:
    from datatrove.data import Document
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
except ImportError as exc:  # pragma: no cover - exercised by users without the extra
    raise ImportError("auditor.datatrove needs datatrove: pip install 'news-auditor[datatrove]'") from exc


class AuditorFilter(BaseFilter):  # type: ignore[misc]  # datatrove ships no type information
    """Keep documents that pass auditor's gate (``fail_under``/``fail_on`` of ``config``); drop the others.

    ``config`` selects the rules and sets the gate (``None``: the default
    configuration, i.e. ``auditor check``'s).  ``keep_findings`` also stores the
    findings, as a JSON array in the JSON report's shape, in
    ``doc.metadata["auditor_findings"]`` (text, so Parquet writers keep one
    schema).  The ``Auditor`` is built once per worker process, on first use, so
    the filter pickles small and loads the rules once per task process.
    """

    name = "\U0001f4f0 Auditor"

    def __init__(
        self,
        config: Config | None = None,
        *,
        exclusion_writer: DiskWriter | None = None,
        keep_findings: bool = False,
    ) -> None:
        super().__init__(exclusion_writer)
        self.config = config
        self.keep_findings = keep_findings

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        auditor = cached_auditor(self.config)
        result = audit_value(auditor, doc.text, path=str(doc.id))
        record(doc.metadata, result, keep_findings=self.keep_findings)
        if result.skipped is None:
            self.stat_update("auditor_score", value=result.score)
        if result.passed:
            return True
        short, detail = drop_reason(result, auditor.config)
        doc.metadata["auditor_reason"] = detail
        return False, short


def record(metadata: dict[str, object], result: FileResult, *, keep_findings: bool = False) -> None:
    """Write the result's score, verdict and counts into a document's metadata (JSON-friendly values)."""
    counts = {severity: 0 for severity in Severity}
    for finding in result.findings:
        counts[finding.severity] += 1
    metadata["auditor_score"] = None if result.skipped is not None else result.score
    metadata["auditor_passed"] = result.passed
    metadata["auditor_errors"] = counts[Severity.ERROR]
    metadata["auditor_warnings"] = counts[Severity.WARNING]
    metadata["auditor_infos"] = counts[Severity.INFO]
    metadata["auditor_rules"] = sorted({f.rule for f in result.findings if f.severity >= Severity.WARNING})
    if keep_findings:
        metadata["auditor_findings"] = json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False)


def drop_reason(result: FileResult, config: Config) -> tuple[str, str]:
    """Why the gate dropped ``result``: a short label for datatrove's stats, and a sentence for metadata."""
    if result.skipped is not None:
        return "auditor_not_audited", result.skipped
    if result.score < config.fail_under:
        return "auditor_score", f"score {result.score:g} < {config.fail_under:g}"
    if config.fail_on is not None:
        worst = [f for f in result.findings if f.severity >= config.fail_on]
        if worst:
            top = max(f.severity for f in worst)
            rules = ", ".join(sorted({f.rule for f in worst}))
            plural = "s" if len(worst) > 1 else ""
            level = f"{top}" if config.fail_on == Severity.ERROR else f"{config.fail_on}-or-worse"
            return f"auditor_{top}", f"{len(worst)} {level} finding{plural}: {rules}"
    return "auditor_gate", "failed the gate"  # pragma: no cover - passes() has no other way to fail


class AuditorFixer(PipelineStep):  # type: ignore[misc]  # datatrove ships no type information
    """A formatter step: every document's text fixed (safe fixes; ``unsafe=True`` adds the unsafe ones).

    Put it before ``AuditorFilter`` to clean and then gate::

        pipeline=[JsonlReader("crawl/"), AuditorFixer(), AuditorFilter(), JsonlWriter("kept/")]

    ``doc.metadata["auditor_fix"]`` records ``score_before``, ``score_after``,
    ``fixed`` and ``rules`` (as ``auditor fix`` writes them); stats count
    ``auditor_fixed`` (findings) and ``auditor_changed`` (documents).
    """

    name = "\U0001f9f9 Auditor fixer"
    type = "\u270f\ufe0f - FORMAT"

    def __init__(self, config: Config | None = None, *, unsafe: bool = False) -> None:
        super().__init__()
        self.config = config
        self.unsafe = unsafe

    def run(self, data, rank: int = 0, world_size: int = 1):  # type: ignore[no-untyped-def]
        from auditor.fixcorpus import fix_record

        auditor = cached_auditor(self.config)
        for doc in data:
            with self.track_time():
                text, info = fix_record(doc.text, auditor=auditor, unsafe=self.unsafe)
                if isinstance(text, str):
                    doc.text = text
                doc.metadata["auditor_fix"] = info
                self.stat_update("auditor_fixed", value=info["fixed"])
                if info["fixed"]:
                    self.stat_update("auditor_changed")
            yield doc
