"""Apply the findings' edits: the fixer behind ``auditor check --fix``, ``auditor fix`` and ``auditor.fix_text``.

One pass audits the text, takes the findings whose fix may be applied (``safe``,
and ``unsafe`` too when asked; only rules ``select`` allows), orders them by the
engine's precedence (``engine.precedence``: the most severe, then by family,
...), keeps each one whose edits do not touch an edit already kept, and applies
them all at once.  The result is audited again and fixed again until no
applicable fix is left, the text stops changing or comes back to a text seen
before, or ``MAX_PASSES`` passes have run.  A second run on the result
therefore changes nothing: it finds no applicable fix.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import pairwise

from auditor.engine import Auditor, precedence
from auditor.model import SAFE, UNSAFE, Edit, FileResult, Finding, apply_edits

#: Passes at most: a fix that keeps producing new fixes stops here.
MAX_PASSES = 10

Selector = Collection[str] | Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed text, the findings whose edits were applied (in the order applied) and the passes run.

    ``before`` is the first audit (of the text given), ``after`` the audit of the
    fixed text: what remains.  Offsets of an applied finding refer to the text of
    the pass it was found in.
    """

    text: str
    applied: tuple[Finding, ...]
    passes: int
    before: FileResult | None = field(default=None, repr=False, compare=False)
    after: FileResult | None = field(default=None, repr=False, compare=False)

    @property
    def changed(self) -> bool:
        return bool(self.applied)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule codes fixed, sorted, each once."""
        return tuple(sorted({f.rule for f in self.applied}))


def may_fix(finding: Finding, *, unsafe: bool, allowed: Callable[[str], bool]) -> bool:
    """Whether ``finding`` has edits this run applies."""
    fix = finding.fix
    if fix is None or not fix.edits:
        return False
    if fix.applicability != SAFE and not (unsafe and fix.applicability == UNSAFE):
        return False
    return allowed(finding.rule)


def choose(
    findings: Collection[Finding], *, unsafe: bool = False, allowed: Callable[[str], bool] = lambda rule: True
) -> list[Finding]:
    """The findings of one pass whose edits are applied: by precedence, none touching another's edits."""
    taken: list[Edit] = []
    chosen: list[Finding] = []
    for finding in sorted((f for f in findings if may_fix(f, unsafe=unsafe, allowed=allowed)), key=precedence):
        assert finding.fix is not None
        edits = finding.fix.edits
        if any(_conflict(a, b) for a in edits for b in taken) or _self_overlap(edits):
            continue
        taken.extend(edits)
        chosen.append(finding)
    return chosen


def _conflict(a: Edit, b: Edit) -> bool:
    """Two edits that cannot both apply: overlapping ranges, or two insertions at one point, or an
    insertion strictly inside a replaced range."""
    if a.start < b.end and b.start < a.end:
        return True
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return False


def _self_overlap(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(later.start < earlier.end for earlier, later in pairwise(ordered))


def selector(select: Selector | None) -> Callable[[str], bool]:
    """``select`` as a predicate on rule codes: ``None`` allows all; codes or prefixes (``BP``, ``TR101``)."""
    if select is None:
        return lambda rule: True
    if callable(select):
        return select
    prefixes = tuple(select)
    return lambda rule: "ALL" in prefixes or rule.startswith(prefixes)


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    auditor: Auditor | None = None,
    select: Selector | None = None,
    path: str = "<text>",
) -> FixResult:
    """``text`` with every applicable fix applied, re-audited until nothing applicable remains (10 passes at most).

    ``unsafe`` adds the unsafe fixes to the safe ones; ``select`` limits which
    rules may fix (codes or prefixes, or a predicate on the code); ``auditor``
    is the one to audit with (default: the default configuration, built once
    per process).
    """
    if auditor is None:
        from auditor.frame import cached_auditor

        auditor = cached_auditor()
    allowed = selector(select)
    applied: list[Finding] = []
    seen = {text}
    before: FileResult | None = None
    result = auditor.audit_text(text, path=path)
    before = result
    passes = 0
    while passes < MAX_PASSES:
        chosen = choose(result.findings, unsafe=unsafe, allowed=allowed)
        if not chosen:
            break
        fixed = apply_edits(text, [e for f in chosen for e in f.fix.edits])  # type: ignore[union-attr]
        passes += 1
        if fixed == text or fixed in seen:
            break  # edits that change nothing, or undo an earlier pass: stop where we are
        seen.add(fixed)
        applied.extend(chosen)
        text = fixed
        result = auditor.audit_text(text, path=path)
    return FixResult(text=text, applied=tuple(applied), passes=passes, before=before, after=result)
