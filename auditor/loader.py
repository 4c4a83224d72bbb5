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
from auditor.model import APPLICABILITIES, CATEGORIES, Severity
from auditor.registry import DetectorSpec, build_options, lookup
from auditor.rule import Example, Examples, Rule
from auditor.tables import Tables, is_table_file, load_tables, read_yaml
from auditor.tables import clear_cache as clear_tables

ID_PATTERN = regex.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_PATTERN = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: Keys every rule may have, whatever its kind.
RULE_KEYS = frozenset(
    {
        "id",
        "name",
        "category",
        "severity",
        "message",
        "suggestion",
        "why",
        "examples",
        "options",
        "kind",
        "detector",
        "fix",
        "languages",
    }
)
#: Keys of the first rule-pack format, mapped onto the kinds: pattern/phrases -> existence,
#: substitutions -> substitution; where, edge and ignorecase are options of both.
LEGACY_KEYS = {"pattern": "existence", "phrases": "existence", "substitutions": "substitution"}
PACK_KEYS = frozenset({"rules", "category", "severity", "about", "languages"})


def builtin_rules_dir() -> Path:
    """The folder of the built-in rule packs (``rules/`` in a checkout)."""
    return Path(str(resources.files("auditor_rules")))


def load_rules(extra_dirs: Iterable[Path] = ()) -> tuple[Rule, ...]:
    """The built-in rules, then those of ``extra_dirs``; ids must be unique across all."""
    dirs = (builtin_rules_dir(), *(Path(d) for d in extra_dirs))
    return _load_dirs(tuple(str(d) for d in dirs))


def rule_dirs(extra_dirs: Iterable[Path] = ()) -> tuple[Path, ...]:
    return (builtin_rules_dir(), *(Path(d) for d in extra_dirs))


def tables_for(extra_dirs: Iterable[Path] = ()) -> Tables:
    """Every table of the built-in folder and ``extra_dirs``, house rows added to built-in tables."""
    return load_tables(rule_dirs(extra_dirs))


def clear_cache() -> None:
    """Forget loaded rule packs and tables, so the next ``load_rules`` reads the files again."""
    _load_dirs.cache_clear()
    clear_tables()


@lru_cache(maxsize=8)
def _load_dirs(dirs: tuple[str, ...]) -> tuple[Rule, ...]:
    for d in dirs:
        if not Path(d).is_dir():
            raise RuleError(d, None, "rule folder does not exist")
    tables = load_tables(tuple(Path(d) for d in dirs))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    names: dict[str, str] = {}
    for d in dirs:
        for path in sorted(Path(d).rglob("*.y*ml")):
            if is_table_file(path):
                continue
            for rule in load_pack(path, tables):
                if rule.id in seen:
                    raise RuleError(str(path), rule.id, f"duplicate id (also defined in {seen[rule.id]})")
                if rule.name in names:
                    raise RuleError(str(path), rule.id, f"duplicate name {rule.name!r} (also {names[rule.name]})")
                seen[rule.id] = str(path)
                names[rule.name] = rule.id
                rules.append(rule)
    return tuple(rules)


def load_pack(path: Path, tables: Tables | None = None) -> list[Rule]:
    source = str(path)
    if tables is None:
        tables = load_tables((builtin_rules_dir(), path.parent))
    try:
        data = read_yaml(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(source, None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(source, None, f"invalid YAML: {exc}".replace("\n", " ")) from None
    defaults: Mapping[str, Any] = {}
    if isinstance(data, Mapping):
        unknown = set(data) - PACK_KEYS
        if unknown:
            raise RuleError(source, None, f"unknown pack key(s): {', '.join(sorted(map(str, unknown)))}")
        defaults = {k: v for k, v in data.items() if k in ("category", "severity", "languages")}
        data = data.get("rules")
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(source, None, "a rule pack is a list of rules (or a mapping with 'rules:')")
    return [
        build_rule({**defaults, **entry} if isinstance(entry, Mapping) else entry, source, tables) for entry in data
    ]


def build_rule(entry: Any, source: str, tables: Tables | None = None) -> Rule:
    if tables is None:
        tables = load_tables((builtin_rules_dir(),))
    if not isinstance(entry, Mapping):
        raise RuleError(source, None, f"each rule is a mapping, got {type(entry).__name__}")
    rid = str(entry.get("id", ""))
    if not ID_PATTERN.match(rid):
        raise RuleError(source, rid or None, "id must be 1-4 capital letters and three digits, e.g. TR104")

    def fail(problem: str) -> RuleError:
        return RuleError(source, rid, problem)

    if not ({"kind", "detector"} & set(entry) or set(LEGACY_KEYS) & set(entry)):
        unknown = sorted(map(str, set(entry) - RULE_KEYS))
        if unknown:
            raise fail(f"unknown key(s): {', '.join(unknown)}")
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
    fix = entry.get("fix", "none")
    if fix not in APPLICABILITIES:
        raise fail(f"'fix' must be one of {', '.join(APPLICABILITIES)}")
    languages = entry.get("languages") or []
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not all(isinstance(x, str) and x for x in languages):
        raise fail("'languages' is a list of language codes, e.g. [en]")
    kind, spec, raw = _matching(entry, fail)
    try:
        settings = build_options(spec.options, raw, tables, source=source, rule_id=rid)
    except ValueError as exc:
        raise fail(f"{kind if kind != 'detector' else spec.name}: {exc}") from None
    return Rule(
        id=rid,
        name=entry["name"],
        category=entry["category"],
        severity=severity,
        message=entry["message"].strip(),
        why=entry["why"].strip(),
        spec=spec,
        settings=settings,
        suggestion=suggestion,
        examples=_examples(entry.get("examples"), fail),
        options=dict(raw),
        source=source,
        kind=kind,
        fix=fix,
        languages=frozenset(languages) | spec.languages,
    )


def _matching(entry: Mapping[str, Any], fail: Any) -> tuple[str, DetectorSpec, dict[str, Any]]:
    """The rule's kind, the registered code that matches it, and the options it gets."""
    options = entry.get("options") or {}
    if not isinstance(options, Mapping):
        raise fail("'options' must be a mapping")
    extra = {k: v for k, v in entry.items() if k not in RULE_KEYS}
    legacy = [k for k in LEGACY_KEYS if k in entry]
    if "detector" in entry:
        if "kind" in entry and entry["kind"] != "detector":
            raise fail("a rule has a kind or a detector, not both")
        if extra:
            raise fail(
                f"unknown key(s): {', '.join(sorted(map(str, extra)))} (a detector's settings go under 'options')"
            )
        if not isinstance(entry["detector"], str):
            raise fail("'detector' names a registered detector, e.g. translation.doubled_word")
        try:
            return "detector", lookup(entry["detector"]), dict(options)
        except LookupError as exc:
            raise fail(str(exc)) from None
    if "kind" in entry:
        kind = entry["kind"]
    elif len(legacy) == 1:
        kind = LEGACY_KEYS[legacy[0]]
        if legacy[0] == "substitutions":
            extra["swap"] = extra.pop("substitutions")
    else:
        raise fail(
            "needs a kind (existence, substitution, repetition, occurrence, metric, consistency, script) or a detector"
        )
    if not isinstance(kind, str) or "." in kind:
        raise fail(f"unknown kind {kind!r}")
    try:
        spec = lookup(kind)
    except LookupError:
        raise fail(f"unknown kind {kind!r}") from None
    return kind, spec, {**extra, **options}


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


EXAMPLE_KEYS = frozenset({"text", "encoding", "fix", "fixed"})


def _example(item: Any, key: str, fail: Any) -> Example:
    """Text with [[marked]] spans, or ``{text, encoding?, fix?, fixed?}``.

    ``encoding`` makes the example bytes (the text encoded so, then decoded as a file
    is); ``fix`` is what the marked span reads once the finding's edits are applied,
    ``fixed`` the whole text once every finding's edits are applied.
    """
    if isinstance(item, str):
        return Example.parse(item)
    if isinstance(item, Mapping) and "text" in item and set(item) <= EXAMPLE_KEYS and isinstance(item["text"], str):
        encoding = item.get("encoding")
        if encoding is not None:
            try:
                "".encode(str(encoding))
            except LookupError:
                raise fail(f"examples.{key}: unknown encoding {encoding!r}") from None
        for field_name in ("fix", "fixed"):
            if field_name in item and not isinstance(item[field_name], str):
                raise fail(f"examples.{key}: '{field_name}' is the text after the fix")
        if key == "pass" and ("fix" in item or "fixed" in item):
            raise fail("examples.pass: a passing example has nothing to fix")
        return Example.parse(
            item["text"],
            encoding=None if encoding is None else str(encoding),
            fix=item.get("fix"),
            fixed=item.get("fixed"),
        )
    raise fail(f"examples.{key}: each example is text, or a mapping of text (and encoding, fix or fixed)")
