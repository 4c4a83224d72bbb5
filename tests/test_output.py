"""Reports that never destroy data (issue 11, items 2, 3 and 4): the output is checked, written atomically, UTF-8."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.output import OutputError, check_output, open_report
from auditor.reporters import FORMATS

GOOD = "The council met on Monday and approved the budget.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv, "--jobs", "1", "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


def corpus(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_output_is_replaced_only_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("previous report", encoding="utf-8")
    with pytest.raises(RuntimeError), open_report(str(target)) as out:
        out.write("half a rep")
        raise RuntimeError("an input error half-way")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert os.listdir(tmp_path) == ["r.json"]  # the temporary file is gone too
    with open_report(str(target)) as out:
        out.write("new report")
        assert target.read_text(encoding="utf-8") == "previous report"
    assert target.read_text(encoding="utf-8") == "new report"


def test_a_new_report_gets_the_mode_open_would_give_and_an_old_one_keeps_its_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "sub" / "new.json"
    with open_report(str(fresh)) as out:
        out.write("x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    os.chmod(fresh, 0o640)
    with open_report(str(fresh)) as out:
        out.write("y")
    assert fresh.stat().st_mode & 0o777 == 0o640


def test_a_symlinked_report_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with open_report(str(link)) as out:
        out.write("new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_surrogates_reach_no_stream_raw(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    with open_report(str(target)) as out:
        out.write("a\ud800b \udcff")
    assert target.read_bytes().decode("utf-8") == "a\ufffdb \ufffd"


def test_corpus_as_its_own_output_exits_2_and_leaves_it_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus(tmp_path / "c.jsonl", [{"id": "a", "text": GOOD}])
    before = path.read_bytes()
    code, _out, err = run(capsys, str(path), "-o", str(path), "-f", "jsonl")
    assert code == 2 and "would overwrite the input" in err
    assert path.read_bytes() == before
    # the same file by another name: a relative path, a symlink, a hard link
    (tmp_path / "ln.jsonl").symlink_to(path)
    os.link(path, tmp_path / "hard.jsonl")
    for other in ("ln.jsonl", "hard.jsonl"):
        assert run(capsys, str(path), "-o", str(tmp_path / other), "-f", "jsonl")[0] == 2
    assert path.read_bytes() == before


def test_an_article_named_as_output_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "000.txt"
    article.write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, str(folder), "-o", str(article), "-f", "json")
    assert code == 2 and ("audited folder" in err or "overwrite" in err)
    assert article.read_text(encoding="utf-8") == GOOD


def test_a_report_that_discovery_would_audit_is_refused_unless_excluded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, str(folder), "-f", "markdown", "-o", str(folder / "checklist.md"))
    assert code == 2 and "inside the audited folder" in err
    assert not (folder / "checklist.md").exists()
    # a format discovery does not pick up, or a folder excluded from discovery, is fine
    assert run(capsys, str(folder), "-f", "json", "-o", str(folder / "r.json"))[0] == 0
    (tmp_path / "auditor.toml").write_text('exclude = ["out"]\n', encoding="utf-8")
    assert run(capsys, str(folder), "-f", "markdown", "-o", str(folder / "out" / "checklist.md"))[0] == 0
    assert (folder / "out" / "checklist.md").exists()


def test_check_output_without_discovery_rules() -> None:
    with pytest.raises(OutputError):
        check_output("README.md", ["README.md"], discovered=lambda root, path: True)
    check_output("-", ["."], discovered=lambda root, path: True)
    check_output("reports/r.md", ["."], discovered=lambda root, path: False)


@pytest.mark.parametrize("broken", ["missing", "csv-without-text", "not-gzip", "corrupt-gzip", "empty"])
def test_an_input_error_leaves_the_previous_report_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    target = tmp_path / "r.json"
    good = corpus(tmp_path / "good.jsonl", [{"id": "a", "text": GOOD}])
    assert run(capsys, str(good), "-f", "json", "-o", str(target))[0] == 0
    before = target.read_bytes()
    if broken == "missing":
        bad = tmp_path / "missing.jsonl"
    elif broken == "csv-without-text":
        bad = tmp_path / "c.csv"
        bad.write_text("id,body\n1,hello\n", encoding="utf-8")
    elif broken == "not-gzip":
        bad = tmp_path / "c.jsonl.gz"
        bad.write_text('{"id": 1, "text": "not compressed"}\n', encoding="utf-8")
    elif broken == "corrupt-gzip":
        bad = tmp_path / "c.jsonl.gz"
        data = bytearray(
            gzip.compress(("".join(json.dumps({"id": i, "text": GOOD * 20}) + "\n" for i in range(200))).encode())
        )
        data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
        bad.write_bytes(bytes(data))
    else:
        bad = tmp_path / "empty.jsonl"
        bad.write_text("\n\n", encoding="utf-8")
    code, _, err = run(capsys, str(good), str(bad), "-f", "json", "-o", str(target))
    assert code == 2, err
    assert "Traceback" not in err and err.startswith("auditor: error:")
    assert target.read_bytes() == before


LONE_SURROGATE = '{"id":"s3","text":"Word ab\\u200bc\\ud800d here."}\n'


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_record_with_a_lone_surrogate_is_audited_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id":"ok","text":"Fine words here."}\n' + LONE_SURROGATE + '{"id":"\\udcffid","text":"More fine words."}\n',
        encoding="utf-8",
    )
    target = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, str(path), "-f", fmt, "-o", str(target))
    assert code in (0, 1), err
    text = target.read_bytes().decode("utf-8")  # valid UTF-8, or this raises
    if fmt.startswith("sources"):  # one row per source (the corpus file's name), no document listed
        if fmt == "sources-json":
            assert [(p["source"], p["documents"]) for p in json.loads(text)["sources"]] == [("c", 3)]
        else:
            row = text.splitlines()[1]
            assert (row.split(",") if fmt == "sources-csv" else row.split())[1:3] == ["c", "3"]
        return
    assert "\ufffd" in text and "s3" in text
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
        assert [r["path"] for r in rows] == ["ok", "s3", "\ufffdid"]


def test_a_file_name_that_is_not_utf8_is_reported_in_valid_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write("The the council met.\n")
    target = tmp_path / "r.json"
    code, _, err = run(capsys, str(folder), "-f", "json", "-o", str(target))
    assert code in (0, 1), err
    data = json.loads(target.read_bytes().decode("utf-8"))
    assert data["files"][0]["path"].endswith("caf\ufffd.txt")


def test_json_lines_escape_the_line_separators_readers_split_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus(tmp_path / "c.jsonl", [{"id": "a\u2028b", "text": "One\u2028two\u2029three\x85four. The the end."}])
    _code, out, _ = run(capsys, str(path), "-f", "jsonl")
    assert "\u2028" not in out and "\u2029" not in out and "\x85" not in out
    assert len(out.splitlines()) == 1  # str.splitlines splits on all three
    row = json.loads(out)
    assert row["path"] == "a\u2028b"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_run_stopped_by_an_input_error_writes_no_half_document_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    bad = tmp_path / "c.jsonl.gz"
    bad.write_text("not gzip\n", encoding="utf-8")
    code, out, err = run(capsys, str(bad), "-f", fmt)
    assert code == 2 and out == "" and "cannot read" in err
