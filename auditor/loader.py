"""Load rule packs (YAML) into ``Rule`` objects, checking every key before anything runs.

A pack is a YAML file holding a list of rules, or a mapping with ``rules:`` and
pack-wide defaults (``category``, ``severity``).  The built-in packs live in the
top-level ``rules/`` folder, installed as the ``auditor_rules`` package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex
import yaml

from auditor.errors import RuleError
from auditor.matchers import (
    WHERE,
    DetectorMatcher,
    PatternMatcher,
    PhraseMatcher,
    Placement,
    SubstitutionMatcher,
)
from auditor.model import CATEGORIES, Severity
from auditor.rule import Example, Examples, Matcher, Rule

ID_PATTERN = regex.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_PATTERN = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MATCH_KEYS = ("pattern", "phrases", "substitutions", "detector")
RULE_KEYS = frozenset(
    {"id", "name", "category", "severity", "message", "suggestion", "why", "examples", "options",
     "ignorecase", "where", "edge", "batch", *MATCH_KEYS}
)
PACK_KEYS = frozenset({"rules", "category", "severity", "about"})


def builtin_rules_dir() -> Path:
    """The folder of the built-in rule packs (``rules/`` in a checkout)."""
    return Path(str(resources.files("auditor_rules")))


def load_rules(extra_dirs: Iterable[Path] = ()) -> tuple[Rule, ...]:
    """The built-in rules, then those of ``extra_dirs``; ids must be unique across all."""
    dirs = (builtin_rules_dir(), *(Path(d) for d in extra_dirs))
    return _load_dirs(tuple(str(d) for d in dirs))


def clear_cache() -> None:
    """Forget loaded rule packs, so the next ``load_rules`` reads the files again."""
    _load_dirs.cache_clear()


@lru_cache(maxsize=8)
def _load_dirs(dirs: tuple[str, ...]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise RuleError(d, None, "rule folder does not exist")
        for path in sorted(folder.rglob("*.y*ml")):
            for rule in load_pack(path):
                if rule.id in seen:
                    raise RuleError(str(path), rule.id, f"duplicate id (also defined in {seen[rule.id]})")
                seen[rule.id] = str(path)
                rules.append(rule)
    return tuple(rules)


def load_pack(path: Path) -> list[Rule]:
    source = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(source, None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(source, None, f"invalid YAML: {exc}".replace("\n", " ")) from None
    defaults: Mapping[str, Any] = {}
    if isinstance(data, Mapping):
        unknown = set(data) - PACK_KEYS
        if unknown:
            raise RuleError(source, None, f"unknown pack key(s): {', '.join(sorted(map(str, unknown)))}")
        defaults = {k: v for k, v in data.items() if k in ("category", "severity")}
        data = data.get("rules")
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(source, None, "a rule pack is a list of rules (or a mapping with 'rules:')")
    return [build_rule({**defaults, **entry} if isinstance(entry, Mapping) else entry, source) for entry in data]


def build_rule(entry: Any, source: str) -> Rule:
    if not isinstance(entry, Mapping):
        raise RuleError(source, None, f"each rule is a mapping, got {type(entry).__name__}")
    rid = str(entry.get("id", ""))
    if not ID_PATTERN.match(rid):
        raise RuleError(source, rid or None, "id must be 1-4 capital letters and three digits, e.g. TR104")

    def fail(problem: str) -> RuleError:
        return RuleError(source, rid, problem)

    unknown = set(entry) - RULE_KEYS
    if unknown:
        raise fail(f"unknown key(s): {', '.join(sorted(map(str, unknown)))}")
    for key in ("name", "category", "severity", "message", "why"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"'{key}' is required and must be text")
    if not NAME_PATTERN.match(entry["name"]):
        raise fail("name must be kebab-case, e.g. doubled-word")
    if entry["category"] not in CATEGORIES:
        raise fail(f"category must be one of {', '.join(CATEGORIES)}")
    try:
        severity = Severity.parse(entry["severity"])
    except ValueError as exc:
        raise fail(str(exc)) from None
    suggestion = entry.get("suggestion")
    if suggestion is not None and not isinstance(suggestion, str):
        raise fail("'suggestion' must be text")
    options = entry.get("options") or {}
    if not isinstance(options, Mapping):
        raise fail("'options' must be a mapping")
    kinds = [k for k in MATCH_KEYS if k in entry]
    if len(kinds) != 1:
        raise fail(f"needs exactly one of {', '.join(MATCH_KEYS)}")
    kind = kinds[0]
    try:
        matcher = _build_matcher(kind, entry)
    except regex.error as exc:
        raise fail(f"pattern does not compile: {exc}") from None
    except (LookupError, TypeError, ValueError) as exc:
        raise fail(str(exc)) from None
    batch = None
    if "batch" in entry:
        if kind != "detector" or not isinstance(entry["batch"], str):
            raise fail("'batch' names a function (module.function) and goes with a detector for its examples")
        try:
            batch = DetectorMatcher.build(entry["batch"]).function
        except LookupError as exc:
            raise fail(str(exc)) from None
    return Rule(
        id=rid,
        name=entry["name"],
        category=entry["category"],
        severity=severity,
        message=entry["message"].strip(),
        why=entry["why"].strip(),
        matcher=matcher,
        suggestion=suggestion,
        examples=_examples(entry.get("examples"), fail),
        options=dict(options),
        source=source,
        kind=kind,
        batch=batch,  # type: ignore[arg-type]
    )


def _build_matcher(kind: str, entry: Mapping[str, Any]) -> Matcher:
    if kind == "detector":
        if not isinstance(entry["detector"], str):
            raise TypeError("'detector' names a function: module.function")
        for key in ("where", "edge", "ignorecase"):
            if key in entry:
                raise ValueError(f"'{key}' applies to pattern, phrases and substitutions, not detectors")
        return DetectorMatcher.build(entry["detector"])
    where = entry.get("where", "anywhere")
    if where not in WHERE:
        raise ValueError(f"'where' must be one of {', '.join(WHERE)}")
    edge = entry.get("edge", 4)
    if not isinstance(edge, int) or edge < 1:
        raise ValueError("'edge' is a count of paragraphs, at least 1")
    placement = Placement(where, edge)
    if kind == "pattern":
        if not isinstance(entry["pattern"], str):
            raise TypeError("'pattern' must be a regular expression as text")
        return PatternMatcher.build(entry["pattern"], ignorecase=bool(entry.get("ignorecase", False)),
                                    placement=placement)
    if kind == "phrases":
        phrases = entry["phrases"]
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise TypeError("'phrases' must be a non-empty list of text")
        return PhraseMatcher.build(phrases, ignorecase=bool(entry.get("ignorecase", True)), placement=placement)
    table = entry["substitutions"]
    if not isinstance(table, Mapping) or not table:
        raise TypeError("'substitutions' must be a non-empty mapping of wrong form to right form")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise TypeError("'substitutions' maps text to text")
    return SubstitutionMatcher.build(table, ignorecase=bool(entry.get("ignorecase", True)), placement=placement)


def _examples(raw: Any, fail: Any) -> Examples:
    if not isinstance(raw, Mapping):
        raise fail("'examples' with 'fail' and 'pass' lists is required")
    unknown = set(raw) - {"fail", "pass"}
    if unknown:
        raise fail(f"unknown example key(s): {', '.join(sorted(map(str, unknown)))}")
    out = {}
    for key in ("fail", "pass"):
        items = raw.get(key)
        if not isinstance(items, list) or not items:
            raise fail(f"examples.{key} must be a non-empty list")
        out[key] = tuple(_example(item, key, fail) for item in items)
    return Examples(fail=out["fail"], passing=out["pass"])


def _example(item: Any, key: str, fail: Any) -> Example:
    """An example is text with [[marked]] spans, or ``{text: ..., encoding: cp1252}`` for bytes."""
    if isinstance(item, str):
        return Example.parse(item)
    if isinstance(item, Mapping) and set(item) == {"text", "encoding"} and isinstance(item["text"], str):
        try:
            "".encode(str(item["encoding"]))
        except LookupError:
            raise fail(f"examples.{key}: unknown encoding {item['encoding']!r}") from None
        return Example.parse(item["text"], encoding=str(item["encoding"]))
    raise fail(f"examples.{key}: each example is text, or a mapping of 'text' and 'encoding'")
