"""auditor: a source-quality and translation-artifact auditor for news text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "score_batch"]

if TYPE_CHECKING:  # pragma: no cover
    from auditor.frame import score_batch


def __getattr__(name: str) -> Any:
    """``auditor.score_batch`` on first use, so that ``import auditor`` loads no rules and no pandas."""
    if name == "score_batch":
        from auditor.frame import score_batch

        return score_batch
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
