"""Fixing a text for ``/v1/fix`` and the editor's page: ``auditor.fixing.fix_text`` when it exists.

Until that module lands, ``fix_text`` here applies the fixes of one audit: every finding's
edits whose applicability is allowed (safe, or safe and unsafe), skipping a fix whose edits
overlap one already taken, through ``auditor.model.apply_edits``.  It has the same signature
and result shape, so the service does not change when the real one replaces it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from auditor.engine import Auditor
from auditor.model import SAFE, UNSAFE, Edit, Finding, apply_edits


@dataclass(frozen=True, slots=True)
class FixResult:
    text: str
    applied: tuple[Finding, ...]
    passes: int


def fix_one_pass(
    text: str, *, unsafe: bool = False, auditor: Auditor | None = None, select: Sequence[str] | None = None
) -> FixResult:
    """``text`` with the allowed fixes of one audit applied."""
    auditor = auditor or Auditor()
    allowed = {SAFE, UNSAFE} if unsafe else {SAFE}
    findings = auditor.audit_text(text).findings
    taken: list[Finding] = []
    edits: list[Edit] = []
    fixable = [f for f in findings if f.fix is not None and f.fix.edits]
    for finding in sorted(fixable, key=lambda f: f.fix.start if f.fix else 0):
        assert finding.fix is not None
        if finding.fix.applicability not in allowed:
            continue
        if select and not any(finding.rule.startswith(code) for code in select):
            continue
        if any(
            (a.start < b.end and b.start < a.end) or (a.start == a.end == b.start == b.end)
            for a in finding.fix.edits
            for b in edits
        ):
            continue  # overlaps a fix already taken: the next pass (or a person) decides
        taken.append(finding)
        edits.extend(finding.fix.edits)
    return FixResult(text=apply_edits(text, edits), applied=tuple(taken), passes=1)


class FixOutcome(Protocol):
    """What the service reads of a fixing result (``auditor.fixing.FixResult`` or ``FixResult`` here)."""

    @property
    def text(self) -> str: ...
    @property
    def applied(self) -> tuple[Finding, ...]: ...
    @property
    def passes(self) -> int: ...


fix_text: Callable[..., FixOutcome]
try:  # the fixing module of the fix issue: several passes, audited again after each
    from auditor.fixing import fix_text  # type: ignore[import-not-found, unused-ignore, no-redef]
except ImportError:
    fix_text = fix_one_pass


def applied_to_json(item: Any) -> Any:
    """One entry of ``FixResult.applied`` as JSON, whatever type the fixing module uses."""
    if hasattr(item, "to_dict"):
        return item.to_dict()
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {k: applied_to_json(v) for k, v in dataclasses.asdict(item).items()}
    if isinstance(item, (list, tuple)):
        return [applied_to_json(v) for v in item]
    return item
