"""JSON Lines: the JSON report's file objects, one per line, each flushed as its file finishes."""

from __future__ import annotations

import io
import json

from auditor.model import Summary
from auditor.reporters.jsonl import JsonLinesReporter


def test_lines_equal_the_json_report_files(render, results):
    lines = render("jsonl", results).splitlines()
    report = json.loads(render("json", results))
    assert [json.loads(line) for line in lines] == report["files"]


class Recorder(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushed: list[str] = []

    def flush(self) -> None:
        self.flushed.append(self.getvalue())


def test_each_file_is_written_and_flushed_when_it_finishes(results, rules):
    out = Recorder()
    reporter = JsonLinesReporter(out, rules=rules)
    for n, result in enumerate(results[:3], start=1):
        reporter.add(result)
        assert out.flushed[-1].count("\n") == n
        assert json.loads(out.flushed[-1].splitlines()[-1])["path"] == result.path
    reporter.close(Summary.of(results[:3]))
    assert out.getvalue().count("\n") == 3
