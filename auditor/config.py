"""Configuration: ``[tool.auditor]`` in pyproject.toml or an ``auditor.toml``, then flags.

The file is found from the working directory upward (``auditor.toml`` wins over
``pyproject.toml`` in the same folder).  Keys are kebab-case; an unknown key is
an error, never silently ignored.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError
from auditor.model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.text", "*.html", "*.htm")
KEYS = frozenset(
    {
        "select",
        "ignore",
        "extend-select",
        "severity",
        "rules",
        "include",
        "exclude",
        "fail-under",
        "fail-on",
        "language",
        "max-size",
        "per-file-ignores",
        "force-exclude",
        "respect-gitignore",
    }
)
FAIL_ON_CHOICES = "error, warning, info or never"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
DEFAULT_MAX_SIZE = 10_000_000


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: tuple[Path, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_under: float = 80.0
    fail_on: Severity | None = Severity.ERROR
    language: str | None = None
    max_size: int = DEFAULT_MAX_SIZE
    """Files larger than this many bytes are skipped: no news article is that long."""
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Glob -> codes or prefixes not reported for files matching the glob."""
    force_exclude: bool = False
    """Apply the exclusions to files named on the command line too."""
    respect_gitignore: bool = True
    source: str | None = None

    def enabled(self, rule_id: str) -> bool:
        """Ruff's selection: the longest matching code prefix decides; on a tie, ignore wins."""
        best_len, best_on = -1, False
        for codes, on in ((self.select + self.extend_select, True), (self.ignore, False)):
            for code in codes:
                prefix = "" if code == "ALL" else code
                if rule_id.startswith(prefix) and (len(prefix) > best_len or (len(prefix) == best_len and not on)):
                    best_len, best_on = len(prefix), on
        return best_on

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        best = max((code for code in self.severity if rule_id.startswith(code)), key=len, default=None)
        return default if best is None else self.severity[best]

    def merged(self, **overrides: Any) -> Config:
        """This configuration with the flags that were given (``None`` means not given)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in ("auditor.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and (name == "auditor.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    """Whether a pyproject.toml configures auditor; one that does not parse is an error, never skipped.

    A broken file cannot say whether it holds ``[tool.auditor]``, and running every rule with
    the defaults instead of the user's settings would be a silent wrong answer.
    """
    tool = _read_toml(path).get("tool", {})
    return isinstance(tool, Mapping) and "auditor" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        if position is None and message.endswith("(at end of document)"):
            lines = path.read_text(encoding="utf-8").splitlines() or [""]
            what = message.removesuffix("(at end of document)").strip()
            raise ConfigError(
                f"{path}:{len(lines)}:{len(lines[-1]) + 1}: invalid TOML: {what} at the end of the file"
            ) from None
        if position is None:
            raise ConfigError(f"{path}: invalid TOML: {message}") from None
        line, column = position.groups()
        raise ConfigError(f"{path}:{line}:{column}: invalid TOML: {message[: position.start()]}") from None


def load_config(path: Path | None = None, *, cwd: Path | None = None) -> Config:
    """Read ``path``, or the file found from ``cwd`` upward; defaults when there is none."""
    if path is None:
        path = find_config((cwd or Path.cwd()).resolve())
        if path is None:
            return Config()
    elif not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("auditor", {})
    return parse_config(data, source=str(path), base=path.parent)


def parse_config(data: Mapping[str, Any], *, source: str, base: Path) -> Config:
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(KEYS))})")

    def codes(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: '{key}' must be a list of text")
        return tuple(value)

    severity_table = data.get("severity", {})
    if not isinstance(severity_table, Mapping):
        raise ConfigError(f"{source}: 'severity' maps rule codes to error, warning or info")
    try:
        severity = {str(k): Severity.parse(str(v)) for k, v in severity_table.items()}
        fail_on = parse_fail_on(str(data.get("fail-on", "error")))
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, Mapping) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in per_file.values()
    ):
        raise ConfigError(f"{source}: 'per-file-ignores' maps a glob to a list of rule codes or prefixes")
    flags = {}
    for key in ("force-exclude", "respect-gitignore"):
        if key in data and not isinstance(data[key], bool):
            raise ConfigError(f"{source}: '{key}' is true or false")
        flags[key] = data.get(key)
    fail_under = data.get("fail-under", 80.0)
    if not isinstance(fail_under, (int, float)) or not 0 <= fail_under <= 100:
        raise ConfigError(f"{source}: 'fail-under' is a number from 0 to 100")
    language = data.get("language")
    if language is not None and not isinstance(language, str):
        raise ConfigError(f"{source}: 'language' is a language code such as 'en'")
    max_size = data.get("max-size", DEFAULT_MAX_SIZE)
    if not isinstance(max_size, int) or max_size < 1:
        raise ConfigError(f"{source}: 'max-size' is a number of bytes")
    return Config(
        select=codes("select", ("ALL",)),
        ignore=codes("ignore", ()),
        extend_select=codes("extend-select", ()),
        severity=severity,
        rules=tuple(base / r for r in codes("rules", ())),
        include=codes("include", DEFAULT_INCLUDE),
        exclude=codes("exclude", ()),
        fail_under=float(fail_under),
        fail_on=fail_on,
        language=language,
        max_size=max_size,
        per_file_ignores={str(glob): tuple(codes) for glob, codes in per_file.items()},
        force_exclude=bool(flags["force-exclude"]),
        respect_gitignore=flags["respect-gitignore"] is not False,
        source=source,
    )


def parse_fail_on(value: str) -> Severity | None:
    """A ``fail-on`` value: a severity, or ``never``; the error lists all four choices."""
    if value.strip().lower() == "never":
        return None
    try:
        return Severity.parse(value)
    except ValueError:
        raise ValueError(f"unknown severity {value!r} for fail-on (use {FAIL_ON_CHOICES})") from None
