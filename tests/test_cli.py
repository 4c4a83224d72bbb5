"""The command line end to end: exit codes, formats, and every kind of bad input."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "check", "--format", "json", *argv)
    return code, json.loads(out)


def test_seeds_all_fail_the_default_gate(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = report(capsys, str(ROOT / "seeds"))
    assert code == 1
    assert data["version"] == 1
    assert data["summary"]["files"] == 5 and data["summary"]["failed"] == 5
    keys = {
        "rule",
        "name",
        "category",
        "severity",
        "message",
        "suggestion",
        "start",
        "end",
        "line",
        "column",
        "text",
        "penalty",
    }
    for entry in data["files"]:
        assert {"path", "encoding", "words", "score", "passed", "findings"} <= set(entry)
        assert entry["passed"] is False
        text = (ROOT / "seeds" / Path(entry["path"]).name).read_text(encoding="utf-8")
        for f in entry["findings"]:
            assert set(f) >= keys
            if f["start"] is not None:
                assert text[f["start"] : f["end"]] == f["text"]
                line_start = text.rfind("\n", 0, f["start"]) + 1
                assert f["line"] == text.count("\n", 0, f["start"]) + 1
                assert f["column"] == f["start"] - line_start + 1


def test_missing_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "/no/such/path")
    assert code == 2 and "no such file" in err and out == ""


def test_clean_text_passes_and_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("The committee met on Monday and approved the budget.\n", encoding="utf-8")
    code, data = report(capsys, str(tmp_path))
    assert code == 0 and data["files"][0]["passed"] and data["files"][0]["score"] == 100


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_files_fail_with_a_finding(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(content)
    code, data = report(capsys, str(tmp_path / "empty.txt"))
    assert code == 1
    (finding,) = data["files"][0]["findings"]
    assert finding["rule"] == "EX100" and finding["start"] is None and finding["line"] == 1


def test_binary_file_is_skipped_and_the_run_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (tmp_path / "ok.txt").write_text("A clean sentence about the weather.\n", encoding="utf-8")
    code, data = report(capsys, str(tmp_path))
    skipped = [f for f in data["files"] if "skipped" in f]
    assert [Path(f["path"]).name for f in skipped] == ["image.txt"]
    assert "binary" in skipped[0]["skipped"]
    assert data["summary"]["skipped"] == 1 and data["summary"]["files"] == 1
    assert skipped[0]["passed"] is False  # a skipped input never counts as passed
    assert code == 2  # skipped inputs exit 2 ...
    assert report(capsys, str(tmp_path), "--allow-skipped")[0] == 0  # ... unless the run allows them


def test_invalid_utf8_is_decoded_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Le ministre a déclaré que la réforme était nécessaire pour l’économie française. " * 4
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    _, data = report(capsys, str(tmp_path))
    entry = data["files"][0]
    assert entry["encoding"] != "utf-8"
    assert any(f["rule"] == "EN101" and f["start"] is None for f in entry["findings"])


def test_crlf_and_bom_offsets_are_code_points_into_the_decoded_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Title\r\n\r\nThe deputy deputy minister spoke.\r\n"
    (tmp_path / "crlf.txt").write_bytes(codecs.BOM_UTF8 + text.encode())
    _, data = report(capsys, str(tmp_path), "--select", "TR101")
    (finding,) = data["files"][0]["findings"]
    assert text[finding["start"] : finding["end"]] == finding["text"]
    assert finding["text"].lower().startswith("deputy")
    assert (finding["line"], finding["column"]) == (3, 5)


def test_oversized_single_line_file_is_skipped_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"word " * 10_000_000)  # 50 MB on one line
    code, data = report(capsys, str(big))
    assert "max-size" in data["files"][0]["skipped"]
    assert code == 2


def test_long_single_line_under_the_limit_is_audited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "The council met again and the mayor said the plan would go ahead next year. " * 25_000  # ~2 MB
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    _code, data = report(capsys, str(tmp_path))
    assert data["files"][0]["words"] == len(line.split())
    assert "skipped" not in data["files"][0]


def test_folder_of_ten_thousand_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Report {i} said the council met.\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("hidden\n")
    (tmp_path / "notes.csv").write_text("a,b\n")
    _code, out, _ = run(capsys, "check", "--format", "json", "--select", "BP,EX", str(tmp_path))
    data = json.loads(out)
    assert data["summary"]["files"] == 10_000
    assert [Path(f["path"]).name for f in data["files"][:2]] == ["00000.txt", "00001.txt"]


def test_unreadable_file_is_skipped_and_exits_2_after_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from auditor import inputs

    (tmp_path / "a.txt").write_text("A fine sentence.\n")
    (tmp_path / "b.txt").write_text("Another fine sentence.\n")
    real_read = inputs.Item.read

    def read(self: inputs.Item, limit: int) -> bytes:
        if self.path.endswith("a.txt"):
            raise PermissionError(13, "Permission denied")
        return real_read(self, limit)

    monkeypatch.setattr(inputs.Item, "read", read)
    code, out, _ = run(capsys, "check", "--jobs", "1", "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert code == 2
    assert data["files"][0]["skipped"] == "cannot read: Permission denied"
    assert data["summary"]["files"] == 1


def test_broken_rule_file_stops_the_run_naming_file_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "- id: XX101\n  name: bad-pattern\n  category: style\n  severity: warning\n  message: m\n  why: w\n"
        "  pattern: '([unclosed'\n  examples: {fail: ['[[x]]'], pass: ['y']}\n"
    )
    (tmp_path / "a.txt").write_text("text\n")
    code, _out, err = run(capsys, "check", "--rules", str(rules), str(tmp_path / "a.txt"))
    assert code == 2 and "mine.yaml" in err and "XX101" in err and "compile" in err


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("- id: XX101\n  name: x\n  bogus: 1\n", "unknown key"),
        ("- [unclosed\n", "invalid YAML"),
        (
            "- id: BP101\n  name: dup\n  category: style\n  severity: info\n  message: m\n  why: w\n"
            "  phrases: [dup]\n  examples: {fail: ['[[dup]]'], pass: ['x']}\n",
            "duplicate id",
        ),
        (
            "- id: XX102\n  name: no-examples\n  category: style\n  severity: info\n  message: m\n  why: w\n"
            "  phrases: [x]\n",
            "examples",
        ),
    ],
)
def test_rule_file_errors(tmp_path: Path, yaml_text: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r.yaml").write_text(yaml_text)
    code, _, err = run(capsys, "rules", "--rules", str(tmp_path))
    assert code == 2 and message in err and "Traceback" not in err


def test_unknown_config_key_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "auditor.toml").write_text("colour = true\n")
    code, _, err = run(capsys, "check", "--config", str(tmp_path / "auditor.toml"), str(ROOT / "seeds"))
    assert code == 2 and "unknown key" in err


def test_fail_on_and_fail_under_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("The deputy deputy minister resigned on Friday after the vote.\n")
    assert run(capsys, "check", "--select", "TR101", str(tmp_path))[0] == 0
    assert run(capsys, "check", "--select", "TR101", "--fail-on", "warning", str(tmp_path))[0] == 1
    assert run(capsys, "check", "--select", "TR101", "--fail-under", "100", str(tmp_path))[0] == 1
    assert run(capsys, "check", "--fail-on", "sometimes", str(tmp_path))[0] == 2


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The deputy deputy minister left.\n")))
    _code, data = report(capsys, "-", "--select", "TR101")
    assert data["files"][0]["path"] == "<stdin>" and data["files"][0]["findings"][0]["rule"] == "TR101"


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    listed = json.loads(out)
    assert code == 0 and {"BP101", "TR101", "EX100"} <= {r["id"] for r in listed}
    code, out, _ = run(capsys, "explain", "TR101")
    assert code == 0 and "doubled-word" in out and "»" in out and "Why it matters" in out
    code, _, err = run(capsys, "explain", "ZZ999")
    assert code == 2 and "no rule" in err


def test_text_report_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--width", "100", str(ROOT / "seeds" / "001_68cb35668bba4094.txt"))
    assert code == 1
    assert "FAIL" in out and "BP101" in out and "»Leave a Reply«" in out and "\x1b[" not in out


def test_batch_pass_flags_the_spelling_the_rest_of_the_run_writes_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(f"Analyst Tomasz Wierzbicki said the plan would fail, report {i} said.\n")
    (tmp_path / "4.txt").write_text("Analyst Tomasz Wierzbiki said prices would rise next year.\n")
    _code, data = report(capsys, str(tmp_path), "--select", "NM", "-j", "2")
    flagged = {
        Path(f["path"]).name: [(x["rule"], x["text"], x["suggestion"]) for x in f["findings"]]
        for f in data["files"]
        if f["findings"]
    }
    assert flagged == {"4.txt": [("NM105", "Wierzbiki", "Wierzbicki")]}
    assert data["summary"]["findings"] == 1
    _, streamed = report(capsys, str(tmp_path), "--select", "NM", "--no-batch")
    assert streamed["summary"]["findings"] == 0
