"""Fixing (issue 12): ``fix_text``, ``check --fix/--diff/--unsafe-fixes/--fix-only``, ``auditor fix``, reports."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

import auditor
from auditor.cli import main
from auditor.engine import Auditor
from auditor.fixfiles import FileFix, Target, fix_file, write
from auditor.fixing import choose, fix_text
from auditor.model import Edit, Finding, Fix, Severity

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DAMAGED = "The the minister spoke.\nLeave a Reply\nShe said so.Then she left.\n"


@pytest.fixture(scope="module")
def aud() -> Auditor:
    return Auditor()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- fix_text ----------------------------------------------------------------------------------
def test_fix_text_applies_safe_edits_and_is_idempotent(aud: Auditor) -> None:
    result = fix_text(DAMAGED, auditor=aud)
    assert result.text == "The minister spoke.\nShe said so. Then she left.\n"
    assert {"TR101", "BP101"} <= set(result.rules)
    assert result.passes >= 1 and result.after is not None and result.before is not None
    assert result.after.score > result.before.score
    again = fix_text(result.text, auditor=aud)
    assert again.text == result.text and not again.applied and again.passes == 0


def test_a_damaged_apostrophe_escape_is_an_unsafe_fix_and_the_rest_decode_safely(aud: Auditor) -> None:
    """BBC's "Mr Blair&#191;s": decoding the escape as written would print "Blair¿s"."""
    text = "Mr Blair&#191;s government met in a caf&#233; on Monday.\n"
    safe = fix_text(text, auditor=aud, select=["EN106"])
    assert safe.text == "Mr Blair&#191;s government met in a café on Monday.\n"
    unsafe = fix_text(text, auditor=aud, select=["EN106"], unsafe=True)
    assert unsafe.text == "Mr Blair's government met in a café on Monday.\n"


def test_fix_text_is_exported_lazily() -> None:
    assert auditor.fix_text is fix_text
    assert "fix_text" in dir(auditor)


def test_select_limits_which_rules_fix(aud: Auditor) -> None:
    result = fix_text(DAMAGED, auditor=aud, select=["TR"])
    assert "Leave a Reply" in result.text and "The the" not in result.text
    assert set(result.rules) <= {r for r in result.rules if r.startswith("TR")}


def test_unsafe_fixes_only_when_asked(aud: Auditor) -> None:
    text = (SEEDS / "004_2a04001c2d71372e.txt").read_text(encoding="utf-8")
    safe = fix_text(text, auditor=aud)
    unsafe = fix_text(text, auditor=aud, unsafe=True)
    assert "Anthony Brinken" in safe.text and "Antony Blinken" in unsafe.text
    assert all(f.fix is not None and f.fix.applicability == "safe" for f in safe.applied)
    assert fix_text(unsafe.text, auditor=aud, unsafe=True).text == unsafe.text  # idempotent with unsafe too


def _finding(rule: str, severity: Severity, category: str, edit: Edit) -> Finding:
    return Finding(
        rule=rule,
        name=rule,
        category=category,
        severity=severity,
        message="",
        suggestion=None,
        start=edit.start,
        end=max(edit.end, edit.start + 1),
        line=1,
        column=1,
        text="",
        penalty=1.0,
        fix=Fix("safe", (edit,)),
    )


def test_conflicting_edits_resolved_by_engine_precedence() -> None:
    weak = _finding("ST101", Severity.INFO, "style", Edit(0, 5, "x"))
    strong = _finding("EN102", Severity.WARNING, "encoding", Edit(3, 8, "y"))
    apart = _finding("TR101", Severity.INFO, "translation", Edit(10, 12, ""))
    same_point_a = _finding("EX101", Severity.WARNING, "extraction", Edit(20, 20, ". "))
    same_point_b = _finding("EX102", Severity.WARNING, "extraction", Edit(20, 20, " "))
    chosen = choose([weak, strong, apart, same_point_a, same_point_b])
    assert strong in chosen and apart in chosen and weak not in chosen
    assert (same_point_a in chosen) != (same_point_b in chosen)


# -- check --fix ---------------------------------------------------------------------------------
def test_check_without_fix_changes_no_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    shutil.copytree(SEEDS, folder)
    before = digest(folder)
    run(capsys, "check", str(folder), "--jobs", "1", "--unsafe-fixes")
    code, out, _ = run(capsys, "check", str(folder), "--jobs", "1", "--diff", "--unsafe-fixes")
    assert code == 1 and out.startswith("--- a/")
    assert digest(folder) == before


def test_fix_keeps_bom_crlf_and_mode_and_reports_what_remains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + DAMAGED.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    code, out, err = run(capsys, "check", str(path), "--fix", "--jobs", "1", "--width", "100")
    assert path.read_bytes() == codecs.BOM_UTF8 + b"The minister spoke.\r\nShe said so. Then she left.\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "fixed" in out and "fixed 3 findings in 1 file" in err
    assert code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    code, out, err = run(capsys, "check", str(path), "--diff", "--jobs", "1")
    assert (code, out) == (0, "") and "nothing to fix" in err


def test_fix_keeps_utf16_and_cp1252(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    utf16 = tmp_path / "u.txt"
    utf16.write_bytes(codecs.BOM_UTF16_BE + "The the caf\u00e9 opened.\n".encode("utf-16-be"))
    cp = tmp_path / "c.txt"
    cp.write_bytes("The the caf\u00e9 opened, said M\u00fcller.\n".encode("cp1252"))
    run(capsys, "check", str(tmp_path), "--fix", "--jobs", "1")
    assert utf16.read_bytes() == codecs.BOM_UTF16_BE + "The caf\u00e9 opened.\n".encode("utf-16-be")
    assert cp.read_bytes() == "The caf\u00e9 opened, said M\u00fcller.\n".encode("cp1252")


def test_fix_only_diff_select_and_unsafe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    code, out, err = run(capsys, "check", str(path), "--fix-only", "--select", "TR", "--jobs", "1")
    assert code == 0 and out == "" and "fixed 1 finding" in err
    assert path.read_text(encoding="utf-8").startswith("The minister spoke.\nLeave a Reply\n")


def test_read_only_twice_and_symlink_out_of_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text(DAMAGED, encoding="utf-8")
    (tree / "link.txt").symlink_to(outside)
    locked = tree / "locked.txt"
    locked.write_text(DAMAGED, encoding="utf-8")
    locked.chmod(0o444)
    twice = tree / "twice.txt"
    twice.write_text(DAMAGED, encoding="utf-8")
    code, _, err = run(capsys, "check", str(tree), str(twice), "--fix", "--jobs", "1")
    assert outside.read_text(encoding="utf-8") == DAMAGED and "symlink out of" in err
    assert locked.read_text(encoding="utf-8") == DAMAGED and "read-only; not fixed" in err
    assert twice.read_text(encoding="utf-8") == "The minister spoke.\nShe said so. Then she left.\n"
    assert err.count("fixed 3 findings in 1 file") == 1
    assert code == 1  # the files left unfixed still fail the gate (a file not fixed never hides a failure)


def test_file_changed_on_disk_is_skipped(tmp_path: Path, aud: Auditor) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    fix = fix_file(Target(str(path)), auditor=aud, unsafe=False, max_size=1 << 20)
    assert fix.new is not None
    path.write_text(DAMAGED + "An editor's line.\n", encoding="utf-8")
    done = write(fix)
    assert done.new is None and done.problem is not None and "changed on disk" in done.problem
    assert path.read_text(encoding="utf-8").endswith("An editor's line.\n")


def test_deleted_file_is_reported(tmp_path: Path, aud: Auditor) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    fix = fix_file(Target(str(path)), auditor=aud, unsafe=False, max_size=1 << 20)
    path.unlink()
    done = write(fix)
    assert isinstance(done, FileFix) and done.problem and "not fixed" in done.problem and not path.exists()


def test_stdin_fix_writes_the_fixed_text(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DAMAGED.encode())))
    code = main(["check", "-", "--fix"])
    out, err = capsysbinary.readouterr()
    assert out == b"The minister spoke.\nShe said so. Then she left.\n"
    assert b"fixed 3 findings" in err and code == 0


def test_seeds_fixed_leave_few_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    shutil.copytree(SEEDS, folder)
    (folder / "expected.json").unlink()

    def serious() -> int:
        _, out, _ = run(capsys, "check", str(folder), "--jobs", "1", "--format", "json")
        return sum(f["severity"] != "info" for r in json.loads(out)["files"] for f in r["findings"])

    before = serious()
    run(capsys, "check", str(folder), "--fix", "--unsafe-fixes", "--jobs", "1")
    after = serious()
    assert after <= 0.11 * before  # 9 of 89 today; the rest have no mechanical fix
    fixed = digest(folder)
    run(capsys, "check", str(folder), "--fix", "--unsafe-fixes", "--jobs", "1")
    assert digest(folder) == fixed  # a second --fix changes no byte


# -- auditor fix CORPUS ------------------------------------------------------------------------------
def _corpus(path: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [{"id": i, "text": t, "src": "x"} for i, t in enumerate([DAMAGED, "Clean text."])]
    rows += [{"id": 7, "text": 42}, {"id": 8, "text": None}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def test_fix_corpus_jsonl_jobs_identical_and_input_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.jsonl"
    _corpus(source)
    original = source.read_bytes()
    assert run(capsys, "fix", str(source), "-o", str(tmp_path / "one.jsonl"), "--jobs", "1")[0] == 0
    assert run(capsys, "fix", str(source), "-o", str(tmp_path / "two.jsonl"), "--jobs", "2")[0] == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert source.read_bytes() == original
    rows = [json.loads(line) for line in (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["text"] == "The minister spoke.\nShe said so. Then she left.\n" and rows[0]["src"] == "x"
    assert rows[0]["auditor"]["fixed"] == 3 and rows[0]["auditor"]["score_after"] > rows[0]["auditor"]["score_before"]
    assert "TR101" in rows[0]["auditor"]["rules"]
    assert rows[1]["auditor"]["fixed"] == 0
    assert rows[2]["text"] == 42 and "not text" in rows[2]["auditor"]["skipped"]
    assert rows[3]["text"] is None and rows[3]["auditor"]["skipped"] == "missing text"
    code, _, err = run(capsys, "fix", str(source))
    assert code == 2 and "-o CLEANED" in err
    code, _, err = run(capsys, "fix", str(source), "-o", str(source))
    assert code == 2 and source.read_bytes() == original
    assert run(capsys, "fix", str(source), "--in-place", "--jobs", "1")[0] == 0
    assert source.read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_fix_corpus_gz_csv_parquet_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "c.jsonl"
    rows = _corpus(source)
    gz = tmp_path / "c.jsonl.gz"
    gz.write_bytes(gzip.compress(source.read_bytes()))
    run(capsys, "fix", str(gz), "-o", str(tmp_path / "o.jsonl.gz"), "--jobs", "1")
    first = json.loads(gzip.decompress((tmp_path / "o.jsonl.gz").read_bytes()).splitlines()[0])
    assert first["auditor"]["fixed"] == 3
    import csv

    with open(tmp_path / "c.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerows({"id": r["id"], "text": r["text"]} for r in rows[:2])
    run(capsys, "fix", str(tmp_path / "c.csv"), "-o", str(tmp_path / "o.csv"), "--jobs", "1")
    with open(tmp_path / "o.csv", encoding="utf-8", newline="") as fh:
        out = list(csv.DictReader(fh))
    assert out[0]["text"].startswith("The minister spoke.") and json.loads(out[0]["auditor"])["fixed"] == 3
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    pq.write_table(pa.table({"id": [0, 1], "text": [DAMAGED, None]}), tmp_path / "c.parquet")
    run(capsys, "fix", str(tmp_path / "c.parquet"), "-o", str(tmp_path / "o.parquet"), "--jobs", "1")
    table = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert table[0]["text"].startswith("The minister spoke.") and table[1]["text"] is None
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source.read_bytes())))
    code, out_text, _ = run(capsys, "fix", "-", "--jobs", "1")
    assert code == 0 and json.loads(out_text.splitlines()[0])["auditor"]["fixed"] == 3


# -- frames, datatrove, reports ------------------------------------------------------------------------
def test_fix_batch_keeps_rows_and_nulls() -> None:
    pd = pytest.importorskip("pandas")
    from auditor.frame import fix_batch

    df = pd.DataFrame({"id": [1, 2], "text": [DAMAGED, None]}, index=[10, 20])
    out = fix_batch(df)
    assert list(out.index) == [10, 20] and out["text"].iloc[1] is None
    assert out["text"].iloc[0].startswith("The minister spoke.")
    assert json.loads(out["auditor"].iloc[0])["fixed"] == 3 and df["text"].iloc[0] == DAMAGED


def test_datatrove_fixer_step() -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from auditor.datatrove import AuditorFixer

    docs = list(AuditorFixer().run([Document(text=DAMAGED, id="1")]))
    assert docs[0].text.startswith("The minister spoke.") and docs[0].metadata["auditor_fix"]["fixed"] == 3


def test_markdown_marks_fixable_items_and_html_shows_before_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path), "-f", "markdown", "--jobs", "1")
    doubled = next(line for line in out.splitlines() if "TR101" in line)
    assert "`--fix` fixes this" in doubled and "can be fixed by `auditor check --fix`" in out
    html = tmp_path / "r.html"
    run(capsys, "check", str(path), "-f", "html", "-o", str(html), "--jobs", "1")
    page = html.read_text(encoding="utf-8")
    assert "<del>The the minister spoke.⏎Lea…</del> → <ins>The minister spoke.⏎Lea…</ins>" in page
    assert os.path.exists(path) and path.read_text(encoding="utf-8") == DAMAGED
