"""The commands about rules themselves: ``rules``, ``explain``, ``test-rules`` and ``tables``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from auditor.config import load_config
from auditor.errors import AuditorError
from auditor.loader import load_rules, tables_for
from auditor.registry import describe_options, registered
from auditor.rule import Rule
from auditor.testing import example_findings, row_examples, run_examples

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(sub: argparse._SubParsersAction, selection: object) -> None:  # type: ignore[type-arg]
    """The rule commands' parsers; ``selection`` adds --select/--ignore/--config/--rules."""
    rules = sub.add_parser("rules", help="list every rule (or, with --detectors, every registered detector)")
    rules.add_argument("--format", "-f", choices=("text", "json"), default="text")
    rules.add_argument(
        "--detectors", action="store_true", help="list the registered detectors and kinds with their options instead"
    )
    selection(rules)  # type: ignore[operator]

    explain = sub.add_parser("explain", help="show a rule's documentation, examples and what it reports on them")
    explain.add_argument("rule", metavar="ID", help="a rule id (TR104) or name (honorific-calque)")
    explain.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    explain.add_argument("--rules", dest="rule_dirs", action="append", type=Path, default=[], metavar="DIR")

    test = sub.add_parser("test-rules", help="run every example of the built-in rules and of the given packs")
    test.add_argument("packs", nargs="*", type=Path, metavar="PACK", help="rule folders to test with the built-ins")
    test.add_argument("--only-packs", action="store_true", help="report only the rules of the given packs")

    tables = sub.add_parser("tables", help="list the data tables rules match against, and their sources")
    tables.add_argument("--format", "-f", choices=("text", "json"), default="text")
    tables.add_argument(
        "--rules",
        dest="rule_dirs",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="an extra folder of rule packs whose tables extend the built-in ones",
    )
    tables.add_argument("name", nargs="?", help="show one table's documentation and first rows")


def rule_summary(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": str(rule.severity),
        "kind": rule.kind,
        "detector": rule.detector if rule.kind == "detector" else None,
        "fix": rule.fix,
        "languages": sorted(rule.languages),
        "batch": rule.is_batch,
        "message": rule.message,
        "suggestion": rule.suggestion,
        "why": rule.why,
        "source": rule.source,
        "options": {k: v for k, v in rule.options.items() if _plain(v)},
    }


def _plain(value: object) -> bool:
    return isinstance(value, (str, int, float, bool)) or (
        isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value)
    )


def cmd_rules(args: argparse.Namespace, rules: Sequence[Rule]) -> int:
    if args.detectors:
        return _detectors(args)
    if args.format == "json":
        json.dump([rule_summary(r) for r in rules], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for col in ("id", "name", "category", "severity", "kind", "fix"):
        table.add_column(col)
    for r in rules:
        table.add_row(r.id, r.name, r.category, str(r.severity), r.kind if r.kind != "detector" else r.detector, r.fix)
    Console(no_color="NO_COLOR" in os.environ, highlight=False).print(table)
    kinds = sum(1 for r in rules if r.kind != "detector")
    print(f"{len(rules)} rules: {kinds} data kinds, {len(rules) - kinds} detectors")
    return EXIT_OK


def _detectors(args: argparse.Namespace) -> int:
    specs = registered()
    rows = [
        {
            "name": name,
            "kind": "kind" if "." not in name else "detector",
            "languages": sorted(spec.languages),
            "batch": spec.collect is not None,
            "options": describe_options(spec.options),
            "doc": spec.doc.split("\n")[0],
        }
        for name, spec in specs.items()
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    for row in rows:
        options: list[dict[str, str]] = row["options"]  # type: ignore[assignment]
        opts = ", ".join(f"{o['name']}: {o['type']} = {o['default']}" for o in options)
        print(f"{row['name']:<36} {row['doc']}")
        if opts:
            print(f"{'':<36} options: {opts}")
    return EXIT_OK


def find_rule(rules: Sequence[Rule], wanted: str) -> Rule:
    wanted = wanted.strip()
    rule = next((r for r in rules if wanted.upper() == r.id or wanted.lower() == r.name), None)
    if rule is None:
        close = [r.id for r in rules if r.id.startswith(wanted.upper()[:2])][:10]
        hint = f" (rules starting {wanted.upper()[:2]}: {', '.join(close)})" if close else ""
        raise AuditorError(f"no rule {wanted!r}{hint}; 'auditor rules' lists them all")
    return rule


def cmd_explain(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    rules = load_rules(config.rules + tuple(args.rule_dirs))
    rule = find_rule(rules, args.rule)
    print(
        f"{rule.id} {rule.name}  [{rule.category}, {rule.severity}, "
        f"{rule.kind if rule.kind != 'detector' else 'detector ' + rule.detector}, fix: {rule.fix}]"
    )
    print(f"Defined in {rule.source}\n")
    print("What it does\n    " + rule.message)
    print("\nWhy it matters\n    " + rule.why.replace("\n", "\n    "))
    if rule.suggestion:
        print("\nUse instead\n    " + rule.suggestion)
    print("\nFlagged (the reported span between »«, then what auditor says about it)")
    for ex in rule.examples.fail:
        print("    " + _visible(_mark(ex.text, ex.spans)))
        for f in example_findings(rule, ex):
            line = f"        → {f.message}"
            if f.suggestion:
                line += f" (suggestion: {f.suggestion})"
            if f.fix is not None:
                line += f" [fix: {f.fix.applicability}]"
            print(_visible(line))
    print("\nNot flagged")
    for ex in rule.examples.passing:
        print("    " + _visible(ex.text))
    return EXIT_OK


def cmd_test_rules(args: argparse.Namespace) -> int:
    """Exit 1 when an example fails, a placeholder is left unfilled or a pinned fix differs."""
    for pack in args.packs:
        if not pack.is_dir():
            raise AuditorError(f"{pack}: not a folder of rule packs")
    rules = load_rules(tuple(args.packs))
    if args.only_packs:
        packs = [str(p.resolve()) for p in args.packs]
        rules = tuple(r for r in rules if any(str(Path(r.source).resolve()).startswith(p) for p in packs))
    failures = list(run_examples(rules))
    examples = sum(len(r.examples.fail) + len(r.examples.passing) + sum(1 for _ in row_examples(r)) for r in rules)
    for f in failures:
        print(f"FAIL {f.source}: {f.problem}")
    print(f"{len(rules)} rules, {examples} examples: {examples - len(failures)} passed, {len(failures)} failed")
    return EXIT_FAILED if failures else EXIT_OK


def cmd_tables(args: argparse.Namespace) -> int:
    config = load_config(None)
    tables = tables_for(config.rules + tuple(args.rule_dirs))
    if args.name:
        if args.name not in tables:
            raise AuditorError(f"no table {args.name!r}; 'auditor tables' lists them")
        t = tables[args.name]
        print(f"{t.name}: {len(t)} rows, columns {', '.join(t.columns)}")
        print("Sources: " + ", ".join(t.sources))
        if t.about:
            print("\n" + t.about + "\n")
        for row in t.rows[:10]:
            print("    " + "\t".join(str(row.get(c, "")) for c in t.columns))
        return EXIT_OK
    rows = [
        {
            "name": t.name,
            "rows": len(t),
            "columns": list(t.columns),
            "sources": list(t.sources),
            "about": t.about.split("\n")[0],
        }
        for t in (tables[n] for n in sorted(tables))
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    for row in rows:
        extended = f" (+{len(row['sources']) - 1} house file(s))" if len(row["sources"]) > 1 else ""  # type: ignore[arg-type]
        print(f"{row['name']:<34} {row['rows']:>6} rows  {', '.join(row['columns'])}{extended}")  # type: ignore[arg-type]
    return EXIT_OK


def _visible(text: str) -> str:
    """Control characters an example relies on, shown: a form feed separates a batch's documents."""
    return text.replace("\f", " ␌ ").replace("\n", " ⏎ ")


def _mark(text: str, spans: Sequence[tuple[int, int]]) -> str:
    if not spans:
        return f"{text!r} (about the whole file)"
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], "»", text[a:b], "«"]
        pos = b
    out.append(text[pos:])
    return "".join(out)
