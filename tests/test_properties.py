"""Property tests (hypothesis, bounded and fast): offsets and slices hold on any text, every report is valid.

``benchmarks/fuzz.py`` runs the same checks for as long as one likes; these
keep a small, fixed budget so the suite stays quick.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.decode import decode, repair_surrogates
from auditor.engine import Auditor
from auditor.model import FileResult, Summary
from auditor.output import ERRORS
from auditor.reporters import FORMATS
from auditor.reporters.jsonl import json_line

# Pieces that wake the rules up: doubled words, glued words, mojibake, honorifics, quotes, odd spaces, markup.
FRAGMENTS = [
    "deputy deputy ",
    "BidenOn ",
    "donâ€™t ",
    "Mr. ",
    "gentlemen. Biden ",
    "“quote” ",
    '"quote" ',
    "«x» ",
    "\u200b",
    "\u00a0",
    "\r\n",
    "\n\n",
    "\f",
    "\t",
    "…",
    "...",
    "A.A. ",
    "Leave a Reply\n",
    "Anthony Brinken ",
    "he said Officer ",
    "<b>x</b>",
    "&amp; ",
    "\x1b[2J",
    "\u2028",
    "\x85",
    "\ufffd",
    "é",
    "ß",
    "Ω",
    "—",
    "–",
    "-",
    "Москва ",
    "北京 ",
    "😀",
    "\u0301",
    "(",
    ")",
    "[",
    "]",
    "`",
    "*",
    "|",
    "%",
    ":",
    ",",
    "::",
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
surrogate = st.integers(0xD800, 0xDFFF).map(chr)
paths = st.text(st.one_of(st.characters(), surrogate), min_size=1, max_size=20)

_auditor: Auditor | None = None


def auditor() -> Auditor:
    global _auditor
    if _auditor is None:
        _auditor = Auditor()
    return _auditor


_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks Document counts (SARIF's too)


def check_offsets(text: str, result: FileResult) -> None:
    assert 0 <= result.score <= 100
    for f in result.findings:
        if f.start is None:
            assert f.end is None and (f.line, f.column) == (1, 1)
            continue
        assert f.end is not None and 0 <= f.start <= f.end <= len(text), (f.rule, f.start, f.end, len(text))
        assert text[f.start : f.end] == f.text, f.rule
        starts = [0] + [m.end() for m in _BREAK.finditer(text) if m.end() <= f.start]
        assert f.line == len(starts), f.rule
        assert f.column == f.start - starts[-1] + 1, f.rule


@SETTINGS
@given(texts)
def test_offsets_and_slices_hold_on_any_text(text: str) -> None:
    check_offsets(text, auditor().audit_text(text))


@SETTINGS
@given(
    st.binary(max_size=300)
    | texts.map(lambda t: t.encode("utf-8"))
    | texts.map(lambda t: t.encode("cp1252", "replace"))
)
def test_any_bytes_decode_or_are_refused_and_offsets_hold(data: bytes) -> None:
    try:
        decoded = decode(data)
    except ValueError:  # decode.NotText: binary, or no encoding fits
        return
    decoded.text.encode("utf-8")  # decoding never yields a surrogate
    check_offsets(decoded.text, auditor().audit_bytes(data, path="x"))


@SETTINGS
@given(st.text(st.one_of(st.characters(), surrogate), max_size=60))
def test_repaired_text_is_valid_utf8_and_untouched_without_surrogates(text: str) -> None:
    repaired, count = repair_surrogates(text)
    repaired.encode("utf-8")
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert (repaired, count) == (text, 0)
    assert count <= repaired.count("\ufffd")


def render(fmt: str, results: list[FileResult]) -> str:
    """A report as the bytes a file would get, decoded back: raises if they are not UTF-8."""
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="utf-8", errors=ERRORS, newline="\n")
    reporter = FORMATS[fmt](out, rules=auditor().rules, width=100, color=False)
    for result in results:
        reporter.add(result)
    reporter.close(Summary.of(results))
    out.flush()
    return buffer.getvalue().decode("utf-8")


def check_report(fmt: str, report: str, results: list[FileResult]) -> None:
    if fmt in ("json", "sarif"):
        data = json.loads(report)
        if fmt == "json":
            assert len(data["files"]) == len(results)
    elif fmt == "jsonl":
        lines = report.splitlines()  # splits on U+2028, U+0085 ... too: they must be escaped
        assert len(lines) == len(results)
        for line in lines:
            json.loads(line)
    elif fmt == "github":
        assert "\r" not in report  # the runner reads lines ending in \n, \r or \r\n (not U+2028/U+0085)
        for line in report.split("\n")[:-1]:
            assert line.startswith("::"), line
    elif fmt == "html":
        parser = HTMLParser()
        parser.feed(report)
        parser.close()
        assert report.lstrip().lower().startswith("<!doctype html")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@SETTINGS
@given(st.lists(st.tuples(paths, texts), min_size=1, max_size=3))
def test_every_report_is_valid_for_any_text_and_path(fmt: str, docs: list[tuple[str, str]]) -> None:
    results = [auditor().audit_text(text, path=path) for path, text in docs]
    check_report(fmt, render(fmt, results), results)


@SETTINGS
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(st.one_of(st.characters(), surrogate)),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=10,
    )
)
def test_json_line_is_one_line_and_round_trips(value: object) -> None:
    line = json_line(value)
    encoded = line.encode("utf-8", ERRORS).decode("utf-8")
    assert len(encoded.splitlines()) <= 1
    json.loads(encoded)
