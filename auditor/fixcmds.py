"""The fixing side of the command line: ``check --fix/--unsafe-fixes/--diff/--fix-only`` and ``auditor fix``.

``check --fix`` fixes the files first (``fixfiles``), then the normal check
reports what remains, and says how many findings were fixed.  ``--diff``
prints what would change and changes nothing: exit 1 when something would
change, 0 when nothing would, 2 when a file could not be read.  ``--fix-only``
fixes and reports only what it fixed (exit 0, or 2 when a file could not be
fixed).  Standard input with ``--fix`` writes the fixed text to standard output.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from auditor.config import Config
from auditor.corpus import is_corpus
from auditor.engine import Auditor
from auditor.errors import InputError
from auditor.fixfiles import FileFix, Target, diff, fix_file, ordered_map, read_text, say, targets, write
from auditor.fixing import fix_text
from auditor.inputs import STDIN, Discovery, discover

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


def add_check_flags(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group("fixing (as ruff's)")
    group.add_argument(
        "--fix", action="store_true", help="apply the safe fixes to the files in place, then report what remains"
    )
    group.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix, --diff or --fix-only: apply "
        "the unsafe fixes too (names from the gazetteer, calques, glued words)",
    )
    group.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what --fix would change; change nothing (exit 1 when something would change)",
    )
    group.add_argument("--fix-only", action="store_true", help="apply the fixes and report only what was fixed")


def wants_fix(args: argparse.Namespace) -> bool:
    return bool(args.fix or args.diff or args.fix_only)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the fixing step did: findings fixed, files changed, files that could not be fixed."""

    fixed: int = 0
    files: int = 0
    problems: int = 0
    done: int | None = None
    """The exit code when the run ends here (``--diff``, ``--fix-only``, standard input)."""


def fix_before_check(
    args: argparse.Namespace, config: Config, auditor: Auditor, *, discovery: Discovery, jobs: int
) -> Outcome:
    paths = args.paths or ["."]
    if STDIN in paths:
        if len(paths) > 1:
            raise InputError("standard input (-) is fixed alone: give no other path with it")
        return _stdin(args, auditor)
    for raw in paths:
        if is_corpus(raw):
            raise InputError(f"{raw}: a corpus is fixed with 'auditor fix {raw} -o CLEANED', not in place by check")
    found: list[tuple[str, str | None]] = []
    for raw in paths:
        root = raw if Path(raw).is_dir() else None
        for item in discover([raw], discovery=discovery, input_format="text"):
            if item.path is not None:
                found.append((item.path, root))
    todo, refused = targets(found)
    job = partial(fix_file, auditor=auditor, unsafe=args.unsafe_fixes, max_size=config.max_size)
    fixed = files = problems = 0
    changed = False
    for fix in refused:
        say(f"{fix.path}: {fix.note}")
    for fix in ordered_map(job, todo, jobs=min(jobs, max(1, len(todo)))):
        if args.diff:
            text = diff(fix)
            if text:
                sys.stdout.write(text)
                changed = True
                files += 1
                fixed += len(fix.result.applied) if fix.result else 0
        elif fix.new is not None:
            fix = write(fix)
            if fix.new is not None:
                files += 1
                fixed += fix.fixed
                if args.fix_only:
                    rules = ", ".join(fix.result.rules) if fix.result else ""
                    say(f"{fix.path}: fixed {_n(fix.fixed, 'finding')} ({rules})")
        if fix.problem is not None:
            problems += 1
            say(f"{fix.path}: {fix.problem}")
        elif fix.note is not None:
            say(f"{fix.path}: {fix.note}")
    if args.diff:
        say(f"{_n(fixed, 'finding')} would be fixed in {_n(files, 'file')}" if changed else "nothing to fix")
        return Outcome(fixed, files, problems, done=EXIT_ERROR if problems else (EXIT_CHANGED if changed else EXIT_OK))
    if args.fix_only:
        say(f"fixed {_n(fixed, 'finding')} in {_n(files, 'file')}")
        return Outcome(fixed, files, problems, done=EXIT_ERROR if problems else EXIT_OK)
    return Outcome(fixed, files, problems)


def _stdin(args: argparse.Namespace, auditor: Auditor) -> Outcome:
    from auditor.decode import NotText

    data = sys.stdin.buffer.read()
    try:
        text, written = read_text(data)
    except NotText as exc:
        raise InputError(f"standard input: {exc}") from None
    result = fix_text(text, unsafe=args.unsafe_fixes, auditor=auditor, path="<stdin>")
    new = written.encode(result.text) if result.changed else data
    if args.diff:
        fix = FileFix("<stdin>", data, None if new == data else new, result)
        sys.stdout.write(diff(fix))
        return Outcome(len(result.applied), int(fix.new is not None), done=EXIT_CHANGED if fix.new else EXIT_OK)
    sys.stdout.buffer.write(new)
    sys.stdout.flush()
    remaining = result.after.findings if result.after else ()
    say(f"<stdin>: fixed {_n(len(result.applied), 'finding')}; {len(remaining)} remain")
    code = EXIT_OK if args.fix_only or (result.after is not None and result.after.passed) else EXIT_CHANGED
    return Outcome(len(result.applied), int(result.changed), done=code)


def _n(count: int, one: str) -> str:
    return f"{count} {one if count == 1 else one + 's'}"


__all__ = ["Outcome", "Target", "add_check_flags", "fix_before_check", "wants_fix"]
