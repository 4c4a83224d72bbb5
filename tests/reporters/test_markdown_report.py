"""The Markdown checklist: exact rendering, escaping of article text, one item per finding."""

from __future__ import annotations

from markdown_it import MarkdownIt

from auditor.reporters.markdown import code, escape

EXPECTED_FOX = """\
# auditor checklist

## `articles/fox.txt` — score 38.0 (FAIL)

4 findings, 18 words.

- [ ] **2:1** Pangram sentence — “The quick brown fox jumps over the lazy dog.” → suggestion: “rewrite it” (ZZ103 pangram-sentence, info)
- [ ] **2:5** Cliché 'quick brown' — “quick brown” → suggestion: “swift auburn” (ZZ101 quick-brown, warning)
- [ ] **2:11** Animal 'brown fox' named — “brown fox” (ZZ102 brown-fox, error)
- [ ] **3:1** Paragraph cut at 'cut ⏎ off' — “cut ⏎ off” (ZZ105 line-joined, warning)

---

1 file(s): 0 passed, 1 failed; 4 finding(s).
"""  # noqa: E501


def test_renders_one_file_exactly(render, results):
    fox = [r for r in results if r.path == "articles/fox.txt"]
    assert render("markdown", fox) == EXPECTED_FOX


def test_every_file_has_a_heading_with_its_score(render, results):
    out = render("markdown", results)
    assert "## `articles/clean.txt` — score 95.0 (pass)" in out
    assert "## `articles/emoji 😀.txt` — score 48.0 (FAIL)" in out
    assert "## `articles/photo.jpg` — skipped\n\nnot text (binary data)" in out
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
