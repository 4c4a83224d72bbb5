"""The Markdown checklist: exact rendering, escaping of article text, one item per finding."""

from __future__ import annotations

from markdown_it import MarkdownIt

from auditor.reporters.markdown import code, escape

EXPECTED_FOX = """\
# auditor checklist

**1 file audited: 0 passed, 1 failed; 4 findings (1 error, 2 warnings, 1 info).**

Tick each item when the text is fixed; line:column point into the article as audited.

## `articles/fox.txt` — score 38.0, FAIL

4 findings, 18 words.

- [ ] **2:1** Pangram sentence — **The quick brown fox jumps over the lazy dog.** Then it was → Rewrite it. (ZZ103 pangram-sentence, info)
- [ ] **2:5** Cliché 'quick brown' — The **quick brown** fox jumps over the lazy dog. Then it… → Write instead: swift auburn. (ZZ101 quick-brown, warning)
- [ ] **2:11** Animal 'brown fox' named — The quick **brown fox** jumps over the lazy dog. Then it was (ZZ102 brown-fox, error)
- [ ] **3:1** Paragraph cut at 'cut ⏎ off' — **cut ⏎ off** by the editor. (ZZ105 line-joined, warning)
"""


def test_renders_one_file_exactly(render, results):
    fox = [r for r in results if r.path == "articles/fox.txt"]
    assert render("markdown", fox) == EXPECTED_FOX


def test_every_file_has_a_heading_with_its_score(render, results):
    out = render("markdown", results)
    assert "## `articles/clean.txt` — score 95.0, PASS" in out
    assert "## `articles/emoji 😀.txt` — score 48.0, FAIL" in out
    assert "## `articles/photo.jpg` — SKIPPED\n\nNot audited: not text (binary data)" in out
    assert "- [ ] **whole file** Article has only 2 sentences (ZZ199 too-short, warning)" in out


def test_one_item_per_finding_in_reading_order(render, results):
    out = render("markdown", results)
    items = [line for line in out.splitlines() if line.startswith("- [ ] ")]
    assert len(items) == sum(len(r.findings) for r in results)
    fox = out.split("## `articles/fox.txt`")[1].split("## ")[0]
    positions = [line.split("**")[1] for line in fox.splitlines() if line.startswith("- [ ]")]
    assert positions == ["2:1", "2:5", "2:11", "3:1"]


def test_article_markup_is_shown_literally(render, results):
    """Emphasis, links, HTML, code and table pipes in quoted text must not become Markdown."""
    xss = [r for r in results if r.path == "articles/xss.txt"]
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(render("markdown", xss))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<em>" not in html and "<a href" not in html and "<code>e</code>" not in html
    assert "said *Smith* [a](b) | c_d`e`." in html


def test_escape_and_code_helpers():
    assert escape("a*b_c [x](y) <i> & | ~~s~~ `t` \\") == r"a\*b\_c \[x\](y) \<i\> \& \| \~\~s\~\~ \`t\` \\"
    assert escape("one\ntwo\r\nthree") == "one ⏎ two ⏎ three"
    assert code("plain") == "`plain`"
    assert code("a `tick`") == "`` a `tick` ``"
    assert MarkdownIt("commonmark").render(code("a `tick`")).strip() == "<p><code>a `tick`</code></p>"
    md = MarkdownIt("commonmark")
    assert md.render(code("x `` y")).strip() == "<p><code>x `` y</code></p>"


def test_summary_comes_first_and_clean_files_are_counted_not_listed(render, results, rules):
    from dataclasses import replace

    clean = replace(results[0], findings=(), score=100.0, passed=True)
    out = render("markdown", [clean, *results[1:]])
    head = out.split("\n## ")[0]
    assert "**4 files audited: 1 passed, 3 failed, 1 skipped (not audited);" in head
    assert "1 file without findings is not listed." in head
    assert "articles/clean.txt" not in out


def test_context_tells_apart_two_identical_spans_on_one_line(rules):
    from reporting import audit, render_report

    text = "Officials wore a quick brown coat in Ukraine, and later in Belarus signed a quick brown deal.\n"
    results = audit(rules, {"first.txt": "x\n", "a.txt": text})[1:]
    out = render_report("markdown", results, rules)
    items = [line for line in out.splitlines() if "Cliché" in line]
    assert len(items) == 2
    assert "Officials wore a **quick brown** coat in Ukraine, and later in Belarus…" in items[0]
    assert "…Ukraine, and later in Belarus signed a **quick brown** deal." in items[1]
    assert all("→ Write instead: swift auburn." in item for item in items)


def test_instructions_read_as_instructions_and_replacements_as_replacements():
    from auditor.reporters.markdown import action

    assert action("delete the line", "delete the line") == "Delete the line."
    assert action("split the sentence", "split the sentence") == "Split the sentence."
    assert action("Biden. On", "the two words apart ('border. At')") == "Replace with “Biden. On”."
    assert action("the word in lower case", "the word in lower case") == "Write instead: the word in lower case."
    assert action("", None) == "Delete it."


def test_paths_and_ids_cannot_break_headings_or_inject_html(rules):
    from reporting import render_report

    from auditor.model import FileResult

    evil = FileResult(
        path="rec1\n<img src=x onerror=alert(30)>\n# Fake heading: all passed",
        encoding="utf-8",
        words=3,
        score=90.0,
        passed=True,
        findings=(),
        text="x",
    )
    from dataclasses import replace

    from reporting import FILE_LEVEL

    out = render_report(
        "markdown",
        [replace(evil, findings=(FILE_LEVEL,)), replace(evil, path="\x1b[2Jterm", skipped="bad\nreason", findings=())],
        rules,
    )
    html = MarkdownIt("commonmark").render(out)
    assert "<img" not in html and "<h1>Fake" not in html
    assert [line for line in out.splitlines() if line.startswith("# ")] == ["# auditor checklist"]
    assert "\x1b" not in out and "␛[2Jterm" in out
