"""auditor: a source-quality and translation-artifact auditor for news text."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
