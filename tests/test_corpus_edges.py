"""Corpora as the web sends them (issue 11, items 4, 5 and 12): nothing lost or changed silently, no traceback."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.corpus import read_records
from auditor.decode import repair_surrogates
from auditor.errors import InputError


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv, "--jobs", "1", "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


def rows(*records: dict[str, object]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


@pytest.mark.parametrize(
    ("text", "repaired", "count"),
    [
        ("plain", "plain", 0),
        ("ab\ud800c", "ab\ufffdc", 1),
        ("\udcff\udc80", "\ufffd\ufffd", 2),
        ("x\ud83d\ude00y", "x\U0001f600y", 0),  # a pair written as two code points is the character it stands for
        ("\ude00\ud83d", "\ufffd\ufffd", 2),  # the wrong order is no pair
        ("é\ud800", "é\ufffd", 1),
    ],
)
def test_repair_surrogates(text: str, repaired: str, count: int) -> None:
    assert repair_surrogates(text) == (repaired, count)
    repaired.encode("utf-8")


def test_a_utf8_bom_does_not_lose_the_first_record(tmp_path: Path) -> None:
    for name in ("c.jsonl", "c.jsonl.gz", "c.csv"):
        path = tmp_path / name
        body = (
            b"id,text\nr1,First record.\nr2,Second.\n"
            if name == "c.csv"
            else rows({"id": "r1", "text": "First record."}, {"id": "r2", "text": "Second."})
        )
        data = b"\xef\xbb\xbf" + body
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        records = list(read_records(str(path)))
        assert [(r.id, r.text, r.problem) for r in records] == [
            ("r1", "First record.", None),
            ("r2", "Second.", None),
        ], name


def test_a_csv_quote_left_open_is_an_error_naming_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.csv"
    path.write_text('id,text\nr1,"fine"\nr2,"never closed\nr3,swallowed\nr4,also swallowed\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"record starting at line 3.*never closed"):
        list(read_records(str(path)))
    code, _, err = run(capsys, str(path), "-f", "json")
    assert code == 2 and "line 3" in err and "Traceback" not in err


def test_invalid_utf8_in_a_record_is_decoded_like_a_file_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.jsonl"
    good = json.dumps({"id": "good", "text": "Caf\u00e9 owners met on Monday."}, ensure_ascii=False).encode()
    bad = b'{"id": "bad", "text": "Caf\xe9 owners met on Monday."}'  # Windows-1252 bytes inside UTF-8 JSON
    path.write_bytes(good + b"\n" + bad + b"\n")
    records = list(read_records(str(path)))
    assert records[0].data is None and records[0].text == "Caf\u00e9 owners met on Monday."
    assert records[1].data == b"Caf\xe9 owners met on Monday." and records[1].text == "Caf\ufffd owners met on Monday."
    _code, out, _ = run(capsys, str(path), "-f", "jsonl")
    results = [json.loads(line) for line in out.splitlines()]
    assert results[0]["encoding"] == "utf-8"
    assert results[1]["path"] == "bad" and results[1]["encoding"] not in ("utf-8", "")


def test_invalid_utf8_in_a_csv_record(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"id,text\nr\xff1,Caf\xe9 owners.\n")
    (record,) = read_records(str(path))
    assert record.id == "r\ufffd1" and record.data == b"Caf\xe9 owners."


def test_max_size_applies_to_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        rows(
            {"id": "small", "text": "Short."},
            {"id": "big", "text": "word " * 5000},
            {"id": "after", "text": "Still read."},
        )
    )
    records = list(read_records(str(path), max_size=1000))
    assert [r.id for r in records] == ["small", "2", "after"]
    assert records[1].skip is not None and "max-size" in records[1].skip and records[1].text == ""
    _code, out, _ = run(capsys, str(path), "-f", "jsonl", "--max-size", "1000")
    skipped = [json.loads(line) for line in out.splitlines()][1]
    assert "max-size" in skipped["skipped"]
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("id,text\nbig," + "w" * 2000 + "\nsmall,ok\n", encoding="utf-8")
    assert [r.skip is not None for r in read_records(str(csv_path), max_size=1000)] == [True, False]


@pytest.mark.parametrize("damage", ["zeroed", "truncated", "not-gzip"])
def test_a_damaged_gzip_corpus_is_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    data = bytearray(gzip.compress(rows(*({"id": i, "text": f"Record {i} " * 50} for i in range(300)))))
    if damage == "zeroed":
        data[len(data) // 2 : len(data) // 2 + 100] = bytes(100)
    elif damage == "truncated":
        del data[len(data) // 2 :]
    else:
        data = bytearray(b"this is not gzip at all\n")
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="cannot read"):
        list(read_records(str(path)))
    code, _, err = run(capsys, str(path), "-f", "json")
    assert code == 2 and err.startswith("auditor: error:") and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_corpus_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(content)
    code, _, err = run(capsys, str(path), "-f", "json")
    assert code == 2 and "no records" in err
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("id,text\n", encoding="utf-8")
    assert run(capsys, str(csv_path))[0] == 2


def test_surrogate_escapes_in_json_are_repaired_before_any_rule_runs(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "s\\udc80", "text": "Word ab\\u200bc\\ud800d here. Pair \\ud83d\\ude00."}\n', encoding="utf-8"
    )
    (record,) = read_records(str(path))
    assert record.id == "s\ufffd" and record.text == "Word ab\u200bc\ufffdd here. Pair \U0001f600."
    assert record.data is None
