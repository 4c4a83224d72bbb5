"""auditor: a source-quality and translation-artifact auditor for news text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "fix_text", "score_batch"]

if TYPE_CHECKING:  # pragma: no cover
    from auditor.fixing import fix_text
    from auditor.frame import score_batch


def __getattr__(name: str) -> Any:
    """``auditor.score_batch`` and ``auditor.fix_text`` on first use.

    So that ``import auditor`` loads no rules and no pandas.
    """
    if name == "score_batch":
        from auditor.frame import score_batch

        return score_batch
    if name == "fix_text":
        from auditor.fixing import fix_text

        return fix_text
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
