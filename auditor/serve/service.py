"""The audits the routes ask for: one loaded rule set, a selection per request, one gate.

Rules are loaded once per process; a request's ``select``/``ignore``/``language`` give an
``Auditor`` over the same compiled rules (cheap, and cached for repeated selections).
Unknown selectors raise ``ConfigError`` (answered 400).  Every call here is synchronous
and runs in one of the gate's threads.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.config import Config
from auditor.decode import NotText
from auditor.engine import Auditor
from auditor.errors import ConfigError
from auditor.loader import load_rules
from auditor.model import FileResult
from auditor.rule import Rule
from auditor.selection import check_selectors
from auditor.serve import fixes
from auditor.serve.fixes import FixOutcome
from auditor.serve.gate import Gate
from auditor.serve.settings import ServeSettings

_CACHED = 32


@dataclass(frozen=True, slots=True)
class Selection:
    """What one request asks for beyond the server's configuration."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    language: str | None = None

    @staticmethod
    def codes(value: object, *, name: str) -> tuple[str, ...] | None:
        """A list of codes or a comma-separated string; ``None`` when not given."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return tuple(c.strip() for c in value.split(",") if c.strip())
        if isinstance(value, list) and all(isinstance(c, str) for c in value):
            return tuple(c.strip() for c in value if c.strip())
        raise ConfigError(f"{name}: a list of rule codes or a comma-separated string")


class Service:
    def __init__(self, config: Config, settings: ServeSettings) -> None:
        self.config = config
        self.settings = settings
        self.available: tuple[Rule, ...] = load_rules(config.rules)
        self.auditor = Auditor(config, rules=self.available, keep_text=False)
        self.gate = Gate(concurrency=settings.concurrency, queue=settings.queue, time_limit=settings.time_limit)
        self._auditors: dict[Selection, Auditor] = {Selection(): self.auditor}
        self._lock = threading.Lock()
        # The first audit loads word lists and language profiles: done before the port opens, not in a request.
        self.auditor.audit_text("The service starts. It audits one short text first.", path="<warm-up>")

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.auditor.rules

    def auditor_for(self, selection: Selection) -> Auditor:
        with self._lock:
            found = self._auditors.get(selection)
        if found is not None:
            return found
        for where, codes in (
            ("select", selection.select),
            ("ignore", selection.ignore),
            ("extend_select", selection.extend_select),
        ):
            if codes:
                check_selectors(codes, where=where, rules=self.available)
        language = selection.language
        if language is not None and (
            not language.isascii() or not language.replace("-", "").isalnum() or len(language) > 16
        ):
            raise ConfigError(f"language: {language!r} is not a language code such as en")
        config = self.config.merged(
            select=selection.select, ignore=selection.ignore, extend_select=selection.extend_select, language=language
        )
        auditor = Auditor(config, rules=self.available, keep_text=False)
        with self._lock:
            if len(self._auditors) >= _CACHED:
                self._auditors.pop(next(k for k in self._auditors if k != Selection()))
            self._auditors[selection] = auditor
        return auditor

    # -- the work, run in the gate's threads ----------------------------------------------------
    @staticmethod
    def check_text(auditor: Auditor, text: str, path: str) -> FileResult:
        return auditor.audit_text(text, path=path)

    @staticmethod
    def check_bytes(auditor: Auditor, data: bytes, path: str) -> FileResult:
        """Bytes decoded as ``auditor check`` decodes a file (so mojibake and encodings match)."""
        try:
            return auditor.audit_bytes(data, path=path)
        except NotText as exc:
            raise ConfigError(f"the body is not text: {exc}") from None

    @staticmethod
    def fix(auditor: Auditor, text: str, unsafe: bool, select: Sequence[str] | None) -> FixOutcome:
        return fixes.fix_text(text, unsafe=unsafe, auditor=auditor, select=select)
