"""What a reporter may be told beyond the results: the run it reports on, and text-report switches.

A reporter class lists the keyword options it takes in ``options``; the CLI
passes only those (reporters without the attribute get none), so formats
that have no use for an option never see it.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from auditor import __version__
from auditor.config import Config


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a report states about its run: the gate, the command, when, which version."""

    command: str
    date: str
    version: str
    fail_under: float
    fail_on: str
    """A severity, or ``never``."""
    baseline: str | None = None

    @property
    def gate(self) -> str:
        """The gate in words: ``a file fails below score 80 or with a finding at error or above``."""
        rule = f"a file fails below score {self.fail_under:g}"
        if self.fail_on != "never":
            rule += f" or with a finding at {self.fail_on}" + ("" if self.fail_on == "error" else " or above")
        if self.baseline:
            rule += f"; findings in the baseline {self.baseline} are not counted and any new warning fails"
        return rule


def run_info(config: Config, *, argv: list[str] | None = None, baseline: str | None = None) -> RunInfo:
    words = sys.argv[1:] if argv is None else argv
    return RunInfo(
        command=shlex.join(["auditor", *words]),
        date=datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
        version=__version__,
        fail_under=config.fail_under,
        fail_on="never" if config.fail_on is None else str(config.fail_on),
        baseline=baseline,
    )


def reporter_options(
    cls: type, args: argparse.Namespace, config: Config, session: Any = None, *, fixed: int = 0
) -> dict[str, Any]:
    accepts: frozenset[str] = getattr(cls, "options", frozenset())
    if not accepts:
        return {}
    baseline = getattr(args, "baseline", None)
    values: dict[str, Any] = {
        "quiet": getattr(args, "quiet", False),
        "statistics": getattr(args, "statistics", False),
        "show_clean": getattr(args, "show_clean", False),
        "fixed": fixed,
        "unsafe_fixes": getattr(args, "unsafe_fixes", False),
        "run": run_info(config, argv=getattr(args, "argv", None), baseline=str(baseline) if baseline else None),
    }
    return {k: v for k, v in values.items() if k in accepts}
