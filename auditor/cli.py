"""The ``auditor`` command: ``check``, and the rule commands ``rules``, ``explain``, ``test-rules``, ``tables``.

Exit codes: 0 every file passed; 1 at least one file failed the gate;
2 a usage, configuration, rule or input error (nothing is audited then, or a
file could not be read, or the report would overwrite an input); 130 interrupted
(Ctrl-C); 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO, cast

from auditor import __version__, fixcmds, fixcorpus, parallel, progress, rulecmds, sourcecmds
from auditor.config import Config, load_config, parse_fail_on
from auditor.corpus import count_records, is_corpus
from auditor.engine import Auditor
from auditor.errors import AuditorError, ConfigError, InputError
from auditor.htmlinput import extract_available
from auditor.inputs import Discovery, Found, Item, discover, walk_finds
from auditor.loader import load_rules
from auditor.model import FileResult, Tally
from auditor.options import check_flags, config_flags, excludes
from auditor.options import check_options as _check_options
from auditor.output import ERRORS as OUTPUT_ERRORS
from auditor.output import check_output, open_report
from auditor.progress import progress_bar
from auditor.reporters import FORMATS
from auditor.reporters.options import reporter_options
from auditor.selection import apply_per_file_ignores, check_config
from auditor.session import Session, nothing_to_audit
from auditor.terminal import PipeGuard, stdin_hint, use_color

EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


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
    check.add_argument(
        "--fail-on",
        metavar="SEVERITY",
        help="fail a file with a finding at or above SEVERITY (error, warning, info or never; default error)",
    )
    check.add_argument("--max-size", type=int, metavar="BYTES", help="skip files larger than BYTES (default 10 MB)")
    check.add_argument("--width", type=int, help="terminal width for the text report")
    check.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="worker processes: a positive number, or auto (the default): one per 200 documents, at most one per core",
    )
    check.add_argument("--text-field", default="text", metavar="NAME", help="corpus field holding the text (text)")
    check.add_argument("--id-field", default="id", metavar="NAME", help="corpus field naming the record (id)")
    sourcecmds.add_check_flags(check)
    check.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    check.add_argument(
        "--no-batch",
        action="store_true",
        help="stream results as files finish and skip the checks across the whole run (NM105)",
    )
    _check_options(check)
    fixcmds.add_check_flags(check)
    fixcorpus.add_parser(sub, _selection_options, _jobs)
    baseline = sub.add_parser("baseline", help="maintain a baseline file (see check --baseline)")
    baseline_sub = baseline.add_subparsers(dest="baseline_command", required=True, metavar="ACTION")
    prune = baseline_sub.add_parser("prune", help="re-audit the baseline's files and drop the entries no longer found")
    prune.add_argument("file", type=Path, metavar="FILE", help="the baseline file (rewritten in place)")
    _selection_options(prune)
    prune.add_argument("-j", "--jobs", type=_jobs, metavar="N", help="worker processes (a number or auto)")

    rulecmds.add_parsers(sub, _selection_options)
    sourcecmds.add_parser(sub)
    from auditor.serve import command as serve_command  # Starlette and uvicorn load only when serve runs

    serve_command.add_parser(sub, _selection_options, resolve_config)
    return parser


def _selection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated rule codes or prefixes to run")
    p.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated rule codes or prefixes to skip")
    p.add_argument("--extend-select", type=_codes, metavar="CODES", help="codes to add to the selection")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: found from here upward)")
    p.add_argument(
        "--rules",
        dest="rule_dirs",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="an extra folder of rule packs (repeatable)",
    )


def _jobs(value: str) -> int:
    """``--jobs``: a positive number, or ``auto`` (0: one per core)."""
    if value.strip().lower() == "auto":
        return 0
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of processes or 'auto'")
    return jobs


def resolve_config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    rules = load_rules(config.rules + tuple(args.rule_dirs))
    check_config(config, rules)
    check_flags(args, rules)
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
        **config_flags(args),
    )
    return replace(merged, fail_on=parsed_fail_on)


def cmd_check(args: argparse.Namespace) -> int:
    config = resolve_config(args)
    # Results keep the article text only when the report shows it or a baseline keys findings by their context.
    keep_text = FORMATS[args.format].needs_text or bool(args.baseline or args.write_baseline)
    auditor = Auditor(config, keep_text=keep_text)
    side = sourcecmds.BatchSide.of(args, auditor)  # rewrite clusters (--clusters): sketches kept per document
    if args.extract and (missing := extract_available()):
        raise ConfigError(missing)
    session = Session.of(
        config, baseline=args.baseline, write_baseline=args.write_baseline, allow_skipped=args.allow_skipped
    )
    discovery = Discovery(
        include=config.include,
        exclude=excludes(args, config.exclude),
        force_exclude=config.force_exclude,
        respect_gitignore=config.respect_gitignore,
    )
    found = Found()
    paths = args.paths or ["."]

    def discovered() -> Iterable[Item]:
        """The inputs, found afresh (a fix pass reads them first, then the check reads them again)."""
        return discover(
            paths,
            discovery=discovery,
            found=found,
            text_field=args.text_field,
            id_field=args.id_field,
            max_size=config.max_size,
            input_format=args.input_format,
            extract=args.extract,
            source_field=args.source_field,
            date_field=args.date_field,
        )

    items = discovered()
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    fixing = fixcmds.Outcome()
    if fixcmds.wants_fix(args):  # fix first; then the check below reports what remains
        fixing = fixcmds.fix_before_check(args, config, auditor, discovery=discovery, jobs=jobs)
        if fixing.done is not None:
            return fixing.done
        items = discovered()
    files_only = not any(is_corpus(p) or p == "-" for p in args.paths)
    total: int | None = None  # for the progress bar
    if files_only:
        items = list(items)  # paths only: cheap, and it gives the progress bar its total
        total = len(items)
        if not items:
            raise InputError(nothing_to_audit(paths, config.include, found))
    elif "-" not in args.paths and not any(Path(p).is_dir() for p in args.paths):
        counts = [count_records(p) if is_corpus(p) else 1 for p in args.paths]
        total = None if None in counts else sum(c or 0 for c in counts)
    if not (args.jobs and args.jobs > 0):  # auto: as many workers as the input's size pays for
        jobs = parallel.auto_jobs(total)
    reporter_cls = FORMATS[args.format]
    output = args.output
    if output is None and reporter_cls.wants_file:
        output = str(Path("reports") / reporter_cls.default_name)
    if output is not None:  # before anything is read: a report must never replace or join the inputs
        # (``discovered`` must use the same Discovery rules as the run's own discovery)
        check_output(output, args.paths or ["."], discovered=lambda root, path: walk_finds(root, path, discovery))
    tally = Tally()
    # Checks over the whole batch need every result before any is reported: only for files and
    # folders, and not when the output is a stream (JSON Lines) or --no-batch asks for streaming.
    batch = bool(auditor.batch_rules) and files_only and not reporter_cls.streams and not args.no_batch
    hint = stdin_hint() if "-" in paths else None
    if hint:
        print(hint, file=sys.stderr)
    bar = progress.shown(enabled=not args.no_progress and hint is None, total=total)
    with open_report(output) as stream:
        # PipeGuard is a TextIO in all but name (it wraps one and forwards every call)
        out = cast(TextIO, PipeGuard(stream)) if output is None else stream
        terminal = output is None and out.isatty()
        color = use_color(args.color, out, to_file=output is not None)
        width = args.width or (shutil.get_terminal_size().columns if terminal else 100)
        # The bar and a report on the same terminal never mix: the report waits until the bar is gone.
        # (closed with the report below, hence no context manager)
        held_report = (
            tempfile.SpooledTemporaryFile(  # noqa: SIM115
                max_size=4 << 20,
                mode="w+",
                encoding="utf-8",
                errors=OUTPUT_ERRORS,
            )
            if bar and terminal
            else None
        )
        reporter = reporter_cls(
            cast(TextIO, held_report) or out,
            rules=auditor.rules,
            width=width,
            color=color,
            **reporter_options(reporter_cls, args, config, session, fixed=fixing.fixed),
        )
        held: list[FileResult] = []
        with progress_bar(enabled=bar, total=total) as advance:
            for result in parallel.run(items, config=config, jobs=jobs, auditor=auditor, keep_text=auditor.keep_text):
                if batch:
                    held.append(side.take(result))
                else:
                    result = session.finished(side.take(result))
                    tally.add(result)
                    side.add(result)
                    reporter.add(result)
                advance()
        for result in side.finish(auditor, held):
            result = session.finished(result)
            tally.add(result)
            side.add(result)
            reporter.add(result)
        if side.index is not None:
            reporter.add_clusters(side.index.clusters())
        reporter.close(tally.summary())
        if held_report is not None:
            held_report.seek(0)
            shutil.copyfileobj(held_report, out)
            held_report.close()
        out.flush()
    if output is not None:
        print(f"auditor: wrote {output}", file=sys.stderr)
    if tally.files == 0 and tally.skipped == 0:
        print(f"auditor: error: {nothing_to_audit(paths, config.include, found)}", file=sys.stderr)
    if fixcmds.wants_fix(args):
        print(
            f"auditor: fixed {fixing.fixed} finding{'' if fixing.fixed == 1 else 's'} in {fixing.files} "
            f"file{'' if fixing.files == 1 else 's'}; {tally.findings} remain",
            file=sys.stderr,
        )
    code = session.close(tally)
    return code if code == EXIT_FAILED or not fixing.problems else EXIT_ERROR  # a skip never hides a failure


def cmd_rules(args: argparse.Namespace) -> int:
    return rulecmds.cmd_rules(args, Auditor(resolve_config(args)).rules)


def cmd_baseline(args: argparse.Namespace) -> int:
    """``auditor baseline prune FILE``: re-audit the baseline's files and keep only what is still found."""
    from auditor.baseline import Baseline, write_baseline

    config = resolve_config(args)
    baseline = Baseline.read(args.file)
    paths = [str(baseline.base / key) for key in baseline.files if (baseline.base / key).is_file()]
    auditor = Auditor(config)
    items = list(discover(paths, discovery=Discovery(include=config.include), input_format="auto"))
    jobs = args.jobs if args.jobs else parallel.auto_jobs(len(items))
    results = list(parallel.run(items, config=config, jobs=jobs, auditor=auditor))
    for result in auditor.finish(results):
        baseline.apply(apply_per_file_ignores(result, config), fail_under=config.fail_under, fail_on=config.fail_on)
    pruned = baseline.pruned()
    before = sum(e.count for es in baseline.files.values() for e in es)
    after = sum(e.count for es in pruned.values() for e in es)
    write_baseline(args.file, pruned)
    print(
        f"auditor: {args.file}: {before - after} of {before} recorded findings no longer found and removed; "
        f"{after} kept in {len(pruned)} file{'' if len(pruned) == 1 else 's'}",
        file=sys.stderr,
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(argv) if argv is not None else None  # the command a report states
    handlers = {
        "check": cmd_check,
        "rules": cmd_rules,
        "explain": rulecmds.cmd_explain,
        "test-rules": rulecmds.cmd_test_rules,
        "tables": rulecmds.cmd_tables,
        "baseline": cmd_baseline,
        "serve": lambda a: a.run_serve(a),
        "sources": sourcecmds.cmd_sources,
        "fix": fixcorpus.cmd_fix,
    }
    try:
        with parallel.stop_on_sigterm():
            return handlers[args.command](args)
    except AuditorError as exc:
        print(f"auditor: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except parallel.Terminated:
        print("auditor: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
