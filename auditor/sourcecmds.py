"""The source and cluster side of a run: ``check --source-field/--date-field/--clusters`` and ``auditor sources``.

``BatchSide`` sits between the workers and the reporters: it takes each
result's sketch (``rewrites.SKETCH``, computed in the worker) into a
``ClusterIndex`` and keeps the result's source and date (``sources.META``)
across the engine's batch pass, which drops what was collected.
"""

from __future__ import annotations

import argparse
import sys
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.engine import Auditor
from auditor.errors import ConfigError, InputError
from auditor.model import FileResult
from auditor.sources import META, Profiles, csv_text, read_report, text_table

SOURCE_FORMATS = ("text", "json", "csv")


def add_check_flags(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group("sources and rewrite clusters (docs/sources.md)")
    group.add_argument(
        "--source-field",
        metavar="NAME",
        help="corpus field naming each record's site (default: the "
        "domain of a 'url' field; files: the first folder below the folder given)",
    )
    group.add_argument(
        "--date-field",
        metavar="NAME",
        help="corpus field with each record's date (ISO 8601 sorts "
        "right): the earliest copy in a rewrite cluster is its original",
    )
    group.add_argument(
        "--clusters",
        action="store_true",
        help="group near-duplicate and rewritten copies of one "
        "story across the run (needs datasketch: pip install 'news-auditor[sources]')",
    )


@dataclass
class BatchSide:
    index: Any = None  # rewrites.ClusterIndex when --clusters
    _sketches: deque[Any] = field(default_factory=deque)
    _metas: list[Any] = field(default_factory=list)

    @classmethod
    def of(cls, args: argparse.Namespace, auditor: Auditor) -> BatchSide:
        if not getattr(args, "clusters", False):
            return cls()
        from auditor import rewrites

        try:
            rewrites.require_datasketch()
        except rewrites.MissingExtra as exc:
            raise ConfigError(str(exc)) from None
        auditor.collectors = (*auditor.collectors, (rewrites.SKETCH, rewrites.sketch_collector))
        return cls(index=rewrites.ClusterIndex())

    def take(self, result: FileResult) -> FileResult:
        """``result`` without its sketch (kept here until ``add``)."""
        if self.index is None:
            return result
        from auditor.rewrites import SKETCH

        collected = result.collected or {}
        self._sketches.append(collected.get(SKETCH))
        if SKETCH in collected:
            result = replace(result, collected={k: v for k, v in collected.items() if k != SKETCH})
        return result

    def finish(self, auditor: Auditor, held: Sequence[FileResult]) -> list[FileResult]:
        """The engine's batch pass over ``held``, each result keeping its source and date."""
        metas = [(r.collected or {}).get(META) for r in held]
        out = []
        for result, meta in zip(auditor.finish(held), metas, strict=True):
            out.append(replace(result, collected={META: meta}) if meta is not None else result)
        return out

    def add(self, result: FileResult) -> None:
        """A result as reported: into the cluster index with the sketch ``take`` kept for it."""
        if self.index is None:
            return
        meta = (result.collected or {}).get(META) or {}
        self.index.add(
            result,
            self._sketches.popleft() if self._sketches else None,
            date=meta.get("date"),
            source=meta.get("source"),
        )


def add_parser(sub: Any) -> None:
    p = sub.add_parser("sources", help="source profiles from a saved JSON Lines (or JSON) report, without auditing")
    p.add_argument("report", metavar="REPORT", help="a report written by check --format jsonl (or json); - for stdin")
    p.add_argument("-f", "--format", choices=SOURCE_FORMATS, default="text", help="text table (default), json or csv")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--width", type=int, default=100, help="width of the text table (default 100)")


def cmd_sources(args: argparse.Namespace) -> int:
    """``auditor sources REPORT``: the same profiles as ``check --format sources`` gave on that run."""
    import json

    from auditor.output import open_report

    profiles = Profiles()
    try:
        stream = sys.stdin if args.report == "-" else open(Path(args.report), encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{args.report}: cannot read: {exc.strerror or exc}") from None
    try:
        for obj in read_report(stream):
            if isinstance(obj, dict):
                profiles.add_object(obj)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{args.report}: not a report of auditor check --format jsonl or json ({exc})") from None
    finally:
        if stream is not sys.stdin:
            stream.close()
    if not len(profiles):
        raise InputError(f"{args.report}: the report holds no files")
    with open_report(args.output) as out:
        if args.format == "json":
            out.write(json.dumps({"version": 1, "sources": profiles.to_list()}, ensure_ascii=False, indent=1) + "\n")
        elif args.format == "csv":
            out.write(csv_text(profiles))
        else:
            out.write(text_table(profiles, width=args.width))
    return 0
