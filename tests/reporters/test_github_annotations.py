"""GitHub Actions annotations: one workflow command per finding, escaped as the runner expects."""

from __future__ import annotations

from auditor.model import Finding, Severity
from auditor.reporters.github import annotation, escape_data, escape_property

EXPECTED = """\
::warning file=articles/clean.txt,line=1,title=ZZ199 too-short::Article has only 2 sentences
::notice file=articles/fox.txt,line=2,col=1,endColumn=45,title=ZZ103 pangram-sentence::Pangram sentence (suggestion: rewrite it)
::warning file=articles/fox.txt,line=2,col=5,endColumn=16,title=ZZ101 quick-brown::Cliché 'quick brown' (suggestion: swift auburn)
::error file=articles/fox.txt,line=2,col=11,endColumn=20,title=ZZ102 brown-fox::Animal 'brown fox' named
::warning file=articles/fox.txt,line=3,endLine=4,title=ZZ105 line-joined::Paragraph cut at 'cut%0D%0Aoff'
"""


def test_renders_exactly(render, results):
    assert render("github", results[:2]) == EXPECTED


def test_one_line_per_finding_and_a_warning_per_skipped_file(render, results):
    lines = render("github", results).splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    skipped = [line for line in lines if "title=auditor skipped this file" in line]
    assert skipped == ["::warning file=articles/photo.jpg,title=auditor skipped this file::not text (binary data)"]
    assert len(lines) - len(skipped) == sum(len(r.findings) for r in results)


def test_percent_and_newlines_escaped_in_message(render, results):
    xss = [r for r in results if r.path == "articles/xss.txt"]
    out = render("github", xss)
    assert "::Space before comma: '5%25 ,', 100%25\n" in out


def test_escaping_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_properties_are_escaped():
    f = Finding(
        rule="ZZ101",
        name="x",
        category="style",
        severity=Severity.INFO,
        message="m: a, b",
        suggestion=None,
        start=0,
        end=3,
        line=1,
        column=1,
        text="abc",
        penalty=1.0,
    )
    line = annotation("dir,with:odd%name.txt", f)
    assert line == "::notice file=dir%2Cwith%3Aodd%25name.txt,line=1,col=1,endColumn=4,title=ZZ101 x::m: a, b"
