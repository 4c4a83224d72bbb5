"""Configuration: ``[tool.auditor]`` in pyproject.toml or an ``auditor.toml``, then flags.

The file is found from the working directory upward (``auditor.toml`` wins over
``pyproject.toml`` in the same folder).  Keys are kebab-case; an unknown key is
an error, never silently ignored.
"""

from __future__ import annotations

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

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.text")
KEYS = frozenset(
    {"select", "ignore", "extend-select", "severity", "rules", "include", "exclude", "fail-under", "fail-on",
     "language", "max-size"}
)
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
    try:
        return "auditor" in _read_toml(path).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


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
        source=source,
    )


def parse_fail_on(value: str) -> Severity | None:
    return None if value.strip().lower() == "never" else Severity.parse(value)
