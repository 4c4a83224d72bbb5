"""The HTML report as a string: escaping, highlights that nest, summary, filters, self-containment, size.

The page is parsed with the standard library's HTML parser, which follows the
markup as a browser's tokenizer would; tests/browser/ checks the behaviour in a
real browser.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tracemalloc
from collections import defaultdict
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser

from auditor.engine import Auditor
from auditor.model import Severity, Summary
from auditor.reporters.html import HtmlReporter


class Page(HTMLParser):
    """What the tests look at: tags, marks (nesting checked), the text each finding's marks cover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = defaultdict(int)
        self.ids: dict[str, dict[str, str]] = {}
        self.marks: list[dict[str, str]] = []
        self.covered: dict[str, list[str]] = defaultdict(list)
        self.open_marks: list[dict[str, str]] = []
        self.raw: dict[str, list[str]] = defaultdict(list)  # script/style contents
        self.current: str | None = None
        self.texts: dict[str, list[str]] = defaultdict(list)  # text inside each <pre> by section id
        self.section: str | None = None
        self.in_pre = False

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[name] += 1
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = a | {"tag": name}
        if name == "section" and "file" in a.get("class", ""):
            self.section = a["id"]
        if name == "pre":
            self.in_pre = True
        if name == "mark":
            self.marks.append(a)
            self.open_marks.append(a)
        if name in ("script", "style"):
            self.current = name

    def handle_endtag(self, name: str) -> None:
        if name == "mark":
            assert self.open_marks, "</mark> without <mark>"
            self.open_marks.pop()
        if name == "pre":
            assert not self.open_marks, "mark left open at the end of the article"
            self.in_pre = False
        self.current = None

    def handle_data(self, data: str) -> None:
        if self.current:
            self.raw[self.current].append(data)
        if self.in_pre and self.section:
            self.texts[self.section].append(data)
        for described in {m["aria-describedby"] for m in self.open_marks}:
            self.covered[described].append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def section(html: str, path: str) -> str:
    start = html.index(f'data-path="{path}"')
    return html[start : html.index("</section>", start)]


def test_article_markup_renders_as_text(render, results):
    html = render("html", results)
    page = parse(html)
    assert page.tags["script"] == 1 and page.tags["img"] == 0
    assert "<script>alert" not in html and "<img src=x" not in html
    xss = "".join(page.texts["F2"])
    assert "Intro <script>alert('x')</script> and <img src=x onerror=\"alert(1)\"> end." in xss
    assert "alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_article_text_is_complete_in_every_section(render, results, texts):
    page = parse(render("html", results))
    for n, text in enumerate(texts.values()):
        assert "".join(page.texts[f"F{n}"]) == text.replace("\r\n", "\n")


def test_every_located_finding_is_highlighted_and_listed(render, results):
    page = parse(render("html", results))
    for n, result in enumerate(results):
        for i, f in enumerate(result.findings):
            item = page.ids[f"F{n}-f{i}"]
            assert item["tag"] == "li" and f"s-{f.severity}" in item["class"] and f"r-{f.rule}" in item["class"]
            if f.start is None:
                assert f"F{n}-h{i}" not in page.ids
                continue
            mark = page.ids[f"F{n}-h{i}"]
            assert mark["tabindex"] == "0" and f"s-{f.severity}" in mark["class"]
            # the HTML parser, like a browser, reads CR LF as LF
            assert "".join(page.covered[f"F{n}-f{i}"]) == f.text.replace("\r\n", "\n")


def test_overlapping_findings_nest(render, results):
    fox = [r for r in results if r.path == "articles/fox.txt"]
    html = render("html", fox)
    page = parse(html)  # the parser asserts every mark closes inside its parent
    spans = {f.rule: (f.start, f.end) for f in fox[0].findings}
    assert spans["ZZ101"][1] > spans["ZZ102"][0]  # quick brown / brown fox cross
    pieces = [m for m in page.marks if "r-ZZ102" in m["class"]]
    assert len(pieces) == 2 and "cont" in pieces[1]["class"] and "id" not in pieces[1]
    assert any("d3" in m["class"] for m in page.marks)  # inside the pangram and the cliché


def test_colours_filters_and_summary(render, results):
    html = render("html", results)
    page = parse(html)
    boxes = set(re.findall(r'data-filter="([^"]+)"', html))
    for value in ("s-error", "s-warning", "s-info", "c-style", "c-extraction", "r-ZZ101", "r-ZZ199"):
        assert value in boxes
    for sev in ("error", "warning", "info"):
        assert f"mark.s-{sev}" in html  # a colour per severity in the style sheet
    assert '<div class="tile"><dt>Findings</dt><dd>12</dd></div>' in html
    assert '<div class="tile skipped"><dt>Skipped</dt><dd>1</dd></div>' in html
    desc = re.search(r'<desc id="chart-desc">([^<]*)</desc>', html).group(1)
    assert desc.startswith("Files per score band: 0–9: 0;") and "30–39: 1" in desc and "90–100: 1" in desc
    # One rect per verdict present in a band: clean.txt passes (90-100), the three others fail.
    assert page.tags["rect"] == 4 + html.count('<rect class="source"')  # the Sources chart has its own bars
    assert html.count('<rect class="failed"') == 3 and html.count('<rect class="passed"') == 1
    rule_row = re.search(
        r"<tr><td><code>ZZ101</code></td><td>quick-brown<p class=\"why\">.*?</tr>", html, re.DOTALL
    ).group(0)
    assert re.findall(r'class="num">(\d+)<', rule_row) == ["2", "2"]
    worst = re.findall(r'<span class="wpath">([^<]+)</span>', html)
    assert worst == ["articles/fox.txt", "articles/emoji 😀.txt", "articles/xss.txt", "articles/clean.txt"]
    assert 'id="order"' in html and 'value="score"' in html


def test_whole_file_and_skipped_sections(render, results):
    html = render("html", results)
    assert '<ul class="whole"' in section(html, "articles/clean.txt")
    assert "Article has only 2 sentences" in section(html, "articles/clean.txt")
    assert "Not audited: not text (binary data)" in section(html, "articles/photo.jpg")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def test_self_contained_and_locked_down(render, results):
    html = render("html", results)
    page = parse(html)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and "url(" not in html
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp
    script = "".join(page.raw["script"])
    assert f"script-src {_csp_hash(script)}" in csp
    assert _csp_hash("".join(page.raw["style"])) in csp
    styles = html.count("<style")
    assert styles == 2


def test_a_thousand_files_stay_small_and_streamed(rules):
    """1,000 articles of ~7 KB with ~20 findings each: bounded size per file, sections spooled, flat memory."""
    plain = "Officials met in the capital on Monday and agreed a plan for the coming winter months. " * 4
    marked = "The quick brown fox jumps over the lazy dog, the minister said <b> on Monday."
    article = "\n".join([plain, plain, plain, marked] * 6)
    result = Auditor(rules=rules).audit_text(article, path="a.txt")
    assert 6500 < len(article) < 8000 and 15 <= len(result.findings) <= 40

    out = io.StringIO()
    tracemalloc.start()
    reporter = HtmlReporter(out, rules=rules)
    for n in range(1000):
        reporter.add(replace(result, path=f"news/{n:04d}.txt", score=result.score - n % 50))
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    reporter.close(Summary.of([result] * 1000))
    per_file = len(out.getvalue().encode()) / 1000
    # the article itself, plus at most ~450 bytes of markup per finding (its marks and its list item)
    assert per_file < len(article.encode()) + 450 * len(result.findings), per_file
    assert reporter._spool._rolled  # the sections went to a temporary file, not to a list in memory
    assert held < 16 * 1024 * 1024, held


def test_gate_command_severities_of_the_findings_and_why(rules, results):
    """The page states its gate and command; By-rule shows the severities the findings had, and the why."""
    from dataclasses import replace

    from reporting import render_report

    from auditor.reporters.options import RunInfo

    # A detector may lower a finding below its rule's severity: ZZ101 is a warning rule, one finding is info.
    fox = next(r for r in results if r.path == "articles/fox.txt")
    lowered = tuple(replace(f, severity=Severity.INFO) if f.rule == "ZZ101" else f for f in fox.findings)
    out = io.StringIO()
    reporter = HtmlReporter(
        out,
        rules=rules,
        run=RunInfo(
            command="auditor check articles --fail-under 90",
            date="2026-12-01 10:00 UTC",
            version="9.9",
            fail_under=90,
            fail_on="warning",
        ),
    )
    for r in (replace(fox, findings=lowered), next(r for r in results if r.path == "articles/emoji 😀.txt")):
        reporter.add(r)
    reporter.close(Summary.of([fox]))
    html = out.getvalue()
    assert ("<strong>Gate:</strong> a file fails below score 90 or with a finding at warning or above.") in html
    assert "<code>auditor check articles --fail-under 90</code>" in html and "2026-12-01 10:00 UTC" in html
    row = re.search(r"<tr><td><code>ZZ101</code></td>.*?</tr>", html, re.DOTALL).group(0)
    assert '<span class="sev s-warning">warning 1</span> <span class="sev s-info">info 1</span>' in row
    assert "Typists&#39; pangram words." in row
    assert render_report("html", [fox], rules).count("<strong>Gate:</strong>") == 0  # no run, no claim
