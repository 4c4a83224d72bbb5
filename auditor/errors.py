"""Errors that stop a run with exit code 2 and a one-line message, never a traceback."""

from __future__ import annotations


class AuditorError(Exception):
    """A usage, configuration, rule or input problem; the CLI prints it and exits 2."""

    exit_code = 2


class RuleError(AuditorError):
    """A rule file that cannot be used: bad YAML, an unknown key, a duplicate id, a bad pattern."""

    def __init__(self, source: str, rule_id: str | None, problem: str) -> None:
        where = f"{source}: rule {rule_id}" if rule_id else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.rule_id = rule_id


class ConfigError(AuditorError):
    """A configuration file or flag auditor cannot honour."""


class InputError(AuditorError):
    """A path that does not exist or cannot be read at all."""
