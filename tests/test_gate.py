"""A gate you can trust: every silent pass of issue 10 is an error now, and each friction point has a test.

Selection and configuration, discovery, skipped inputs, real inputs (HTML, JSON), output for daily use.
Baselines are in test_baseline.py.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLEAN = "The committee met on Monday and approved the budget for the coming year.\n"
DOUBLED = "The deputy deputy minister resigned on Friday after the vote in parliament.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--jobs", "1", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, "--format", "json", *argv)
    return code, json.loads(out), err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder without any configuration above it that matters."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- strict selection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "value", "expected"),
    [
        ("--select", "BPX", "closest: BP"),
        ("--select", "bp", "did you mean 'BP'"),
        ("--select", "doubled-word", "name of rule TR101"),
        ("--select", "XYZ,TR101", "'XYZ'"),
        ("--ignore", "TR9", "'TR9'"),
        ("--extend-select", "tr101", "did you mean 'TR101'"),
    ],
)
def test_an_unknown_selector_flag_is_an_error_naming_it(
    here: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, expected: str
) -> None:
    (here / "a.txt").write_text(CLEAN)
    code, out, err = run(capsys, flag, value, "a.txt")
    assert code == 2 and out == ""
    assert flag in err and expected in err


@pytest.mark.parametrize(
    "body",
    [
        'select = ["BPX"]\n',
        'ignore = ["bp"]\n',
        'extend-select = ["ZZ1"]\n',
        '[severity]\nBPX = "info"\n',
        '[per-file-ignores]\n"drafts/*" = ["TR10X"]\n',
    ],
)
def test_an_unknown_selector_in_the_configuration_is_an_error(
    here: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    (here / "auditor.toml").write_text(body)
    (here / "a.txt").write_text(CLEAN)
    code, _, err = run(capsys, "a.txt")
    assert code == 2 and "auditor.toml" in err and "no rule code or prefix" in err


def test_the_same_error_from_auditor_rules(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--select", "BPX"]) == 2
    assert "BPX" in capsys.readouterr().err


@pytest.mark.parametrize("body", ["[tool.auditor\nselect = ['BP']\n", "[tool.auditor]\nselect = ['BP'\n"])
def test_a_pyproject_that_does_not_parse_is_an_error_with_file_and_line(
    here: Path, body: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "pyproject.toml").write_text(body)
    (here / "a.txt").write_text(CLEAN)
    code, out, err = run(capsys, "a.txt")
    assert code == 2 and out == ""
    assert "pyproject.toml:" in err and "invalid TOML" in err
    assert err.split("pyproject.toml:")[1].split(":")[0].isdigit()  # the line number


def test_fail_on_lists_never_among_the_choices(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "a.txt").write_text(CLEAN)
    code, _, err = run(capsys, "--fail-on", "bogus", "a.txt")
    assert code == 2 and "error, warning, info or never" in err


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_positive_or_auto(here: Path, jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "a.txt").write_text(CLEAN)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--jobs", jobs, "a.txt"])
    assert exit_info.value.code == 2 and "positive number" in capsys.readouterr().err
    assert main(["check", "--jobs", "auto", "--format", "json", "a.txt"]) == 0


# --- discovery --------------------------------------------------------------------------------------


def test_a_folder_with_nothing_to_audit_exits_2_naming_the_include_patterns(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "notes.csv").write_text("a,b\n")
    code, out, err = run(capsys, ".")
    assert code == 2 and out == ""
    assert "nothing to audit" in err and "*.txt, *.md" in err and "1 other file not matching" in err


def test_gitignore_default_excludes_and_the_reports_folder(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / ".git").mkdir()
    (here / ".gitignore").write_text("ignored/\n*.draft.txt\n!keep.draft.txt\n")
    for rel in (
        "a.txt",
        "ignored/b.txt",
        "x.draft.txt",
        "keep.draft.txt",
        "build/lib/c.txt",
        "news.egg-info/dependency_links.txt",
        ".venv/d.txt",
        "venv/e.txt",
        "node_modules/f.md",
        "dist/g.txt",
        "reports/old.md",
        "sub/reports/h.txt",
        "sub/.gitignore",
    ):
        path = here / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CLEAN if rel != "sub/.gitignore" else "deeper.txt\n")
    (here / "sub" / "deeper.txt").write_text(CLEAN)
    _, data, _ = as_json(capsys)  # no path: the working folder
    assert sorted(f["path"] for f in data["files"]) == ["./a.txt", "./keep.draft.txt", "./sub/reports/h.txt"]
    _, data, _ = as_json(capsys, "--no-respect-gitignore", ".")
    assert {"./ignored/b.txt", "./x.draft.txt", "./sub/deeper.txt"} <= {f["path"] for f in data["files"]}


def test_include_exclude_and_force_exclude_flags(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for rel in ("a.txt", "b.story", "drafts/c.txt"):
        (here / rel).parent.mkdir(parents=True, exist_ok=True)
        (here / rel).write_text(CLEAN)
    _, data, _ = as_json(capsys, "--include", "*.story", ".")
    assert [f["path"] for f in data["files"]] == ["./b.story"]
    _, data, _ = as_json(capsys, "--exclude", "drafts", ".")
    assert [f["path"] for f in data["files"]] == ["./a.txt"]
    # A file named on the command line is audited unless --force-exclude (for pre-commit hooks).
    _, data, _ = as_json(capsys, "--exclude", "drafts", "drafts/c.txt")
    assert [f["path"] for f in data["files"]] == ["drafts/c.txt"]
    code, _, err = run(capsys, "--exclude", "drafts", "--force-exclude", "drafts/c.txt")
    assert code == 2 and "nothing to audit" in err


def test_per_file_ignores_and_language_flag(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "auditor.toml").write_text('[per-file-ignores]\n"drafts/*" = ["TR101"]\n')
    (here / "drafts").mkdir()
    (here / "drafts" / "a.txt").write_text(DOUBLED)
    (here / "b.txt").write_text(DOUBLED)
    _, data, _ = as_json(capsys, "--select", "TR101", "--language", "en", ".")
    found = {f["path"]: [x["rule"] for x in f["findings"]] for f in data["files"]}
    assert found == {"./b.txt": ["TR101"], "./drafts/a.txt": []}


# --- skipped inputs ---------------------------------------------------------------------------------


def test_a_skip_never_passes_and_never_hides_a_failure(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (here / "ok.txt").write_text(CLEAN)
    code, data, err = as_json(capsys, ".")
    assert code == 2 and "1 input skipped" in err and "image.txt: binary" in err
    assert data["summary"]["passed"] == 1 and data["summary"]["skipped"] == 1
    assert as_json(capsys, "--allow-skipped", ".")[0] == 0
    (here / "bad.txt").write_text(DOUBLED)
    assert as_json(capsys, "--fail-on", "warning", ".")[0] == 1  # the failure is told, not the skip's 2


def test_empty_and_null_text_records_are_skipped_alike(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "c.jsonl").write_text(
        f'{{"id": "a", "text": ""}}\n{{"id": "b", "text": null}}\n{{"id": "c", "text": {json.dumps(CLEAN)}}}\n'
    )
    code, data, _ = as_json(capsys, "c.jsonl")
    reasons = {f["path"]: f.get("skipped") for f in data["files"]}
    assert reasons["a"] == reasons["b"] == "no text: field 'text' is empty" and reasons["c"] is None
    assert code == 2 and as_json(capsys, "--allow-skipped", "c.jsonl")[0] == 0


def test_a_wrong_text_field_names_the_fields_once(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "c.jsonl").write_text("".join(json.dumps({"id": i, "body": CLEAN, "url": "u"}) + "\n" for i in range(50)))
    code, _, err = run(capsys, "c.jsonl")
    assert code == 2
    assert err.count("\n") == 1 and "no field 'text'" in err and "'id', 'body', 'url'" in err


def test_a_json_file_is_skipped_with_a_reason(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "data.json").write_text('[{"text": "The deputy deputy minister.\\nLeft."}]')
    code, data, _ = as_json(capsys, "data.json")
    assert code == 2 and "JSON Lines" in data["files"][0]["skipped"] and data["files"][0]["findings"] == []


# --- HTML input -------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Leaders meet</title><style>p { color: red }</style>
<script>var tracking = "the the";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Leaders meet in the capital</h1>
<p>The deputy <b>deputy</b> minister met the press on Tuesday &amp; said the talks had gone well.</p>
<p>Officials said that a deal was close and that a vote would follow next month.</p></article>
<footer><p>Leave a Reply</p><form><label>Comment</label><textarea></textarea></form></footer>
</body></html>
"""


def test_a_folder_of_html_pages_is_audited_as_its_visible_text(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.htmlinput import visible_text

    (here / "pages").mkdir()
    (here / "pages" / "a.html").write_text(PAGE)
    (here / "pages" / "b.htm").write_text(PAGE.replace("deputy <b>deputy</b>", "deputy"))
    _, data, _ = as_json(capsys, "pages")
    by_path = {f["path"]: f for f in data["files"]}
    assert set(by_path) == {"pages/a.html", "pages/b.htm"}
    text = visible_text(PAGE)
    assert "tracking" not in text and "<b>" not in text and "p { color" not in text and "& said" in text
    findings = by_path["pages/a.html"]["findings"]
    rules = {f["rule"]: f for f in findings}
    assert rules["TR101"]["text"] == "deputy deputy" and "BP101" in rules  # the footer is reported, not dropped
    for f in findings:
        if f["start"] is not None:  # offsets point into the visible text
            assert text[f["start"] : f["end"]] == f["text"]
            line_start = text.rfind("\n", 0, f["start"]) + 1
            assert (f["line"], f["column"]) == (text.count("\n", 0, f["start"]) + 1, f["start"] - line_start + 1)
    assert by_path["pages/a.html"]["words"] < 60  # tags are not words


def test_block_elements_are_paragraphs() -> None:
    from auditor.htmlinput import visible_text

    html = "<div>One <i>two</i></div><p>Three<br>four</p><ul><li>Five</li></ul><pre>  six\n   seven</pre>"
    assert visible_text(html) == "One two\n\nThree\nfour\n\nFive\n\n  six\n   seven\n"
    deep = "<div>" * 5000 + "deep" + "</div>" * 5000  # no recursion limit
    assert visible_text(deep) == "deep\n"


def test_extract_keeps_the_article_body(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trafilatura", reason="--extract needs the extract extra (trafilatura)")
    (here / "a.html").write_text(PAGE)
    _, data, _ = as_json(capsys, "--extract", "a.html")
    rules = [f["rule"] for f in data["files"][0]["findings"]]
    assert "TR101" in rules and "BP101" not in rules


def test_html_records_of_a_corpus(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "c.jsonl").write_text(json.dumps({"id": "p1", "text": PAGE}) + "\n")
    _, data, _ = as_json(capsys, "--input-format", "html", "--select", "TR101", "c.jsonl")
    (finding,) = data["files"][0]["findings"]
    assert finding["text"] == "deputy deputy"


# --- output for daily use ---------------------------------------------------------------------------


@pytest.fixture
def mixed(here: Path) -> Path:
    for i in range(3):
        (here / f"clean{i}.txt").write_text(CLEAN)
    (here / "bad.txt").write_text(DOUBLED + "Leave a Reply\n")
    (here / "warn.txt").write_text("The committee met on Monday.The budget was approved after a long debate.\n")
    return here


def test_clean_files_are_hidden_unless_asked_for(mixed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--width", "100", ".")
    assert "clean0.txt" not in out and "bad.txt" in out
    assert "3 files without findings not listed (--show-clean lists them)" in out
    assert "finding(s)" not in out and "file(s)" not in out
    _, out, _ = run(capsys, "--width", "100", "--show-clean", ".")
    assert "clean0.txt  score 100.0  PASS  0 findings" in out


def test_quiet_lists_failing_files_and_the_summary(mixed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-q", "--fail-on", "warning", "--width", "100", ".")
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith("./bad.txt  score") and "FAIL" in lines[0]
    assert lines[1].startswith("./warn.txt  score") and lines[-1].startswith("5 files audited: ") and len(lines) == 3


def test_statistics_counts_per_rule(mixed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--statistics", "--width", "100", ".")
    rows = {line.split()[4]: line.split() for line in out.splitlines() if "│" in line}
    assert rows["TR101"][0] == "1" and rows["BP101"][0] == "1"
    assert "»" not in out  # no findings, only counts
    code, _, err = run(capsys, "--statistics", "--format", "json", ".")
    assert code == 2 and "text report" in err


def test_color_flag_and_environment(
    mixed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" in run(capsys, "--color", "always", "bad.txt")[1]
    assert "\x1b[" not in run(capsys, "bad.txt")[1]  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys, "bad.txt")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, "bad.txt")[1]
    assert "\x1b[" in run(capsys, "--color", "always", "bad.txt")[1]
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in run(capsys, "--color", "never", "bad.txt")[1]


def test_control_characters_in_text_and_paths_are_shown_not_sent(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "evil\x1b]0;owned\x07.txt"
    (here / name).write_text("\x1b[2J\x1b[H\x1b[32mALL PASS score 100.0 The deputy deputy minister left.\n")
    _, out, _ = run(capsys, "--select", "TR101", "--width", "200", name)
    assert "\x1b" not in out and "\x07" not in out
    assert "evil␛]0;owned␇.txt" in out and "␛[2J␛[H␛[32mALL PASS" in out


def test_a_hint_when_standard_input_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Tty(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty(io.BytesIO(CLEAN.encode())))
    code, _, err = run(capsys, "-")
    assert code == 0 and "reading an article from standard input" in err and "Ctrl-D" in err


def test_a_closed_pipe_ends_quietly_with_the_gates_exit_code(tmp_path: Path) -> None:
    for i in range(1500):
        (tmp_path / f"{i:04d}.txt").write_text(CLEAN)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", "--jobs", "1", "--show-clean", "--select", "TR101", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0  # every file passed
    assert b"PASS" in first and err == b""


def test_progress_bar_only_on_an_interactive_stderr() -> None:
    from auditor import progress

    assert not progress.shown(enabled=True, total=1000)  # pytest's stderr is not a terminal
