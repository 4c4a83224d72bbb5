"""GitHub Actions workflow commands: one annotation line per finding.

``::warning file=PATH,line=L,col=C,endColumn=E,title=RULE name::message`` is
turned by the Actions runner into an annotation on the file and line, shown in
the job summary and on a pull request's changed lines.  Severity maps to the
command: error -> ``::error``, warning -> ``::warning``, info -> ``::notice``.

Escaping follows the runner's rules (actions/toolkit ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``, ``%0A``; in property
values ``:`` and ``,`` also become ``%3A`` and ``%2C``.  GitHub accepts
columns only when the annotation starts and ends on the same line, so a span
that crosses lines carries ``line``/``endLine`` alone.  ``endColumn`` is the
column just past the span, as in SARIF.  A finding about the whole file points
at line 1 without columns.
"""

from __future__ import annotations

from auditor.model import FileResult, Finding, Severity, Summary
from auditor.reporters.base import Reporter
from auditor.reporters.regions import end_position

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """A command's message (after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (``file=``, ``title=`` ...)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    """The workflow command line for one finding (no trailing newline)."""
    props = [("file", path), ("line", str(finding.line))]
    if finding.start is not None and finding.end is not None:
        end_line, end_column = end_position(finding)
        if end_line == finding.line:
            props += [("col", str(finding.column)), ("endColumn", str(end_column))]
        else:
            props += [("endLine", str(end_line))]
    props.append(("title", f"{finding.rule} {finding.name}"))
    message = finding.message
    if finding.suggestion:
        message += f" (suggestion: {finding.suggestion})"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[finding.severity]} {rendered}::{escape_data(message)}"


class GithubReporter(Reporter):
    """Streams one ``::error``/``::warning``/``::notice`` line per finding; skipped files get a warning."""

    needs_text = False

    def add(self, result: FileResult) -> None:
        if result.skipped is not None:
            title = escape_property("auditor skipped this file")
            self.out.write(
                f"::warning file={escape_property(result.path)},title={title}::{escape_data(result.skipped)}\n"
            )
            return
        for finding in result.findings:
            self.out.write(annotation(result.path, finding) + "\n")
        self.out.flush()

    def close(self, summary: Summary) -> None:
        self.out.flush()
