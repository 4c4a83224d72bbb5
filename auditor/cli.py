"""The ``auditor`` command: ``check``, and the rule commands ``rules``, ``explain``, ``test-rules``, ``tables``.

Exit codes: 0 every file passed; 1 at least one file failed the gate;
2 a usage, configuration, rule or input error (nothing is audited then, or a
file could not be read); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from auditor import __version__, parallel, rulecmds
from auditor.config import Config, load_config, parse_fail_on
from auditor.corpus import count_records, is_corpus
from auditor.engine import Auditor
from auditor.errors import AuditorError, ConfigError
from auditor.inputs import discover
from auditor.model import FileResult, Tally
from auditor.progress import progress_bar
from auditor.reporters import FORMATS

EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in value.split(",") if c.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Audit news text for machine-translation artifacts, scraping residue, garbled names, "
        "boilerplate and encoding glitches.",
        epilog="Exit codes: 0 all files passed, 1 a file failed the gate, 2 usage/configuration/input error.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="audit files, folders or standard input (-)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, folders (recursive) or - for stdin; default .")
    check.add_argument("--format", "-f", choices=sorted(FORMATS), default="text", help="output format (default text)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    _selection_options(check)
    check.add_argument("--fail-under", type=float, metavar="SCORE", help="fail a file scoring below SCORE (default 80)")
    check.add_argument("--fail-on", metavar="SEVERITY", help="fail a file with a finding at or above SEVERITY "
                       "(error, warning, info or never; default error)")
    check.add_argument("--max-size", type=int, metavar="BYTES", help="skip files larger than BYTES (default 10 MB)")
    check.add_argument("--width", type=int, help="terminal width for the text report")
    check.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: the number of cores)")
    check.add_argument("--text-field", default="text", metavar="NAME", help="corpus field holding the text (text)")
    check.add_argument("--id-field", default="id", metavar="NAME", help="corpus field naming the record (id)")
    check.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    check.add_argument("--no-batch", action="store_true", help="stream results as files finish and skip the "
                       "checks across the whole run (NM105)")

    rulecmds.add_parsers(sub, _selection_options)
    return parser


def _selection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated rule codes or prefixes to run")
    p.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated rule codes or prefixes to skip")
    p.add_argument("--extend-select", type=_codes, metavar="CODES", help="codes to add to the selection")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: found from here upward)")
    p.add_argument("--rules", dest="rule_dirs", action="append", type=Path, default=[], metavar="DIR",
                   help="an extra folder of rule packs (repeatable)")


def resolve_config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    fail_on = getattr(args, "fail_on", None)
    try:
        parsed_fail_on = parse_fail_on(fail_on) if fail_on is not None else config.fail_on
    except ValueError as exc:
        raise ConfigError(f"--fail-on: {exc}") from None
    fail_under = getattr(args, "fail_under", None)
    if fail_under is not None and not 0 <= fail_under <= 100:
        raise ConfigError("--fail-under is a score from 0 to 100")
    merged = config.merged(
        select=getattr(args, "select", None),
        ignore=getattr(args, "ignore", None),
        extend_select=getattr(args, "extend_select", None),
        rules=config.rules + tuple(args.rule_dirs) if args.rule_dirs else None,
        fail_under=fail_under,
        max_size=getattr(args, "max_size", None),
    )
    return replace(merged, fail_on=parsed_fail_on)


def cmd_check(args: argparse.Namespace) -> int:
    config = resolve_config(args)
    reporter_cls = FORMATS[args.format]
    auditor = Auditor(config, keep_text=reporter_cls.needs_text)
    items = discover(args.paths or ["."], include=config.include, exclude=config.exclude,
                     text_field=args.text_field, id_field=args.id_field, max_size=config.max_size)
    files_only = not any(is_corpus(p) or p == "-" for p in args.paths)
    total: int | None = None  # for the progress bar
    if files_only:
        items = list(items)  # paths only: cheap, and it gives the progress bar its total
        total = len(items)
    elif "-" not in args.paths and not any(Path(p).is_dir() for p in args.paths):
        counts = [count_records(p) if is_corpus(p) else 1 for p in args.paths]
        total = None if None in counts else sum(c or 0 for c in counts)
    output = args.output
    if output is None and reporter_cls.wants_file:
        output = str(Path("reports") / reporter_cls.default_name)
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    tally = Tally()
    # Checks over the whole batch need every result before any is reported: only for files and
    # folders, and not when the output is a stream (JSON Lines) or --no-batch asks for streaming.
    batch = bool(auditor.batch_rules) and files_only and not reporter_cls.streams and not args.no_batch
    with _open_output(output) as out, progress_bar(enabled=not args.no_progress, total=total) as advance:
        color = output is None and out.isatty() and "NO_COLOR" not in os.environ
        width = args.width or (shutil.get_terminal_size().columns if color else 100)
        reporter = reporter_cls(out, rules=auditor.rules, width=width, color=color)
        held: list[FileResult] = []
        for result in parallel.run(items, config=config, jobs=jobs, auditor=auditor,
                                   keep_text=reporter_cls.needs_text):
            if batch:
                held.append(result)
            else:
                tally.add(result)
                reporter.add(result)
            advance()
        for result in auditor.finish(held):
            tally.add(result)
            reporter.add(result)
        reporter.close(tally.summary())
    if output is not None:
        print(f"auditor: wrote {output}", file=sys.stderr)
    if tally.unreadable or tally.internal:
        return EXIT_ERROR
    return EXIT_OK if tally.failed == 0 else EXIT_FAILED


@contextlib.contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fh = open(target, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise AuditorError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    with fh:
        yield fh


def cmd_rules(args: argparse.Namespace) -> int:
    return rulecmds.cmd_rules(args, Auditor(resolve_config(args)).rules)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"check": cmd_check, "rules": cmd_rules, "explain": rulecmds.cmd_explain,
                "test-rules": rulecmds.cmd_test_rules, "tables": rulecmds.cmd_tables}
    try:
        return handlers[args.command](args)
    except AuditorError as exc:
        print(f"auditor: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
