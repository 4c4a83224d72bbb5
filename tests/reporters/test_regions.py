"""regions.nest: highlights nest correctly however findings overlap; end_position counts like Document."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from auditor.document import Document
from auditor.model import Finding, Severity
from auditor.reporters.regions import Mark, end_position, nest


def tag(key: int, first: bool, depth: int) -> str:
    return f'<mark data-k="{key}" data-first="{int(first)}" data-depth="{depth}">'


class Pieces(HTMLParser):
    """Checks tags nest and collects, per key, the text inside its marks and its pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, str]] = []
        self.text: list[str] = []
        self.covered: dict[int, list[str]] = {}
        self.firsts: dict[int, int] = {}

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        assert int(a["data-depth"]) == len(self.stack) + 1
        self.stack.append(a)
        key = int(a["data-k"])
        self.covered.setdefault(key, [])
        self.firsts[key] = self.firsts.get(key, 0) + int(a["data-first"])

    def handle_endtag(self, name: str) -> None:
        assert name == "mark" and self.stack
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for a in {a["data-k"]: a for a in self.stack}.values():
            self.covered[int(a["data-k"])].append(data)


def parse(html: str) -> Pieces:
    p = Pieces()
    p.feed(html)
    p.close()
    assert not p.stack, "unclosed mark"
    return p


def check(text: str, spans: list[tuple[int, int]]) -> Pieces:
    p = parse(nest(text, [Mark(a, b, k) for k, (a, b) in enumerate(spans)], tag))
    assert "".join(p.text) == text
    for k, (a, b) in enumerate(spans):
        assert "".join(p.covered[k]) == text[a:b], (k, a, b)
        assert p.firsts[k] == 1
    return p


def test_crossing_spans_are_split_and_reopened():
    html = nest("abcdefgh", [Mark(0, 5, 0), Mark(3, 8, 1)], tag)
    assert html == (
        '<mark data-k="0" data-first="1" data-depth="1">abc'
        '<mark data-k="1" data-first="1" data-depth="2">de</mark></mark>'
        '<mark data-k="1" data-first="0" data-depth="1">fgh</mark>'
    )
    check("abcdefgh", [(0, 5), (3, 8)])


def test_longer_span_goes_outside_and_identical_spans_both_show():
    p = check("the quick brown fox", [(4, 9), (4, 19), (4, 9)])
    outer = parse(nest("the quick brown fox", [Mark(4, 9, 0), Mark(4, 19, 1)], tag)).covered[1]
    assert outer == ["quick", " brown fox"]
    assert p.text[0] == "the "


def test_zero_length_span_is_an_empty_mark():
    html = nest("ab", [Mark(1, 1, 7)], tag)
    assert html == 'a<mark data-k="7" data-first="1" data-depth="1"></mark>b'


def test_text_is_escaped_inside_and_outside_marks():
    html = nest("<script>x</script> & <img onerror=y>", [Mark(0, 8, 0), Mark(21, 36, 1)], tag)
    assert "<script>" not in html and "<img" not in html
    assert html.count("&lt;") == 3 and "&amp;" in html


def test_spans_are_clamped_to_the_text():
    check("abc", [(0, 3)])
    html = nest("abc", [Mark(-2, 99, 0)], tag)
    assert parse(html).covered[0] == ["abc"]


@pytest.mark.parametrize("seed", range(40))
def test_random_overlaps_nest_and_cover_exactly(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>\n") for _ in range(rng.randint(1, 60)))
    spans = []
    for _ in range(rng.randint(1, 12)):
        a = rng.randint(0, len(text))
        b = rng.randint(a, min(len(text), a + 20))
        spans.append((a, b))
    nonempty = [(a, b) for a, b in spans if a < b]
    p = check(text, nonempty)
    assert len(p.firsts) == len(nonempty)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("one two", 4, 7), ("a\nbc\r\nde\rf", 0, 10), ("x\r\ny", 1, 4), ("😀 ab\ncd", 2, 8), ("ab\n", 0, 3)],
)
def test_end_position_agrees_with_document(text, start, end):
    doc = Document(text)
    line, column = doc.position(start)
    f = Finding(
        rule="ZZ101",
        name="n",
        category="style",
        severity=Severity.INFO,
        message="m",
        suggestion=None,
        start=start,
        end=end,
        line=line,
        column=column,
        text=text[start:end],
        penalty=1.0,
    )
    expected = doc.position(end) if end < len(text) else _past_end(doc)
    assert end_position(f) == expected


def _past_end(doc: Document) -> tuple[int, int]:
    last = doc.line_starts[-1]
    return len(doc.line_starts), len(doc.text) - last + 1
