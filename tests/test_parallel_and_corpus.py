"""Worker processes, stable order, crash isolation, and corpus inputs (JSON Lines, gzip, CSV, Parquet)."""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

import pytest

from auditor import parallel
from auditor.cli import main
from auditor.config import Config
from auditor.corpus import read_records
from auditor.errors import InputError
from auditor.inputs import Item

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_items() -> list[Item]:
    return [Item(p.name, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))] * 3


def test_two_jobs_give_the_same_results_in_the_same_order() -> None:
    items = seed_items()
    one = [r.to_dict() for r in parallel.run(items, config=Config(), jobs=1)]
    two = [r.to_dict() for r in parallel.run(items, config=Config(), jobs=2)]
    assert one == two
    assert [r["path"] for r in two] == [i.display for i in items]


CRASHY = """
import os

from auditor.registry import NoOptions, detector


@detector("crashy.boom")
def boom(doc, options: NoOptions):
    if "CRASH-THE-WORKER" in doc.text:
        os._exit(3)
    if "RAISE-IN-RULE" in doc.text:
        raise RuntimeError("rule bug")
    return []
"""

RULE = """
- id: ZZ101
  name: crashy
  category: style
  severity: info
  message: never reported
  why: a detector that kills its process on one document, to test isolation
  detector: "crashy_detector:crashy.boom"
  examples: {fail: ["[[x]]"], pass: ["y"]}
"""


def test_a_document_that_kills_a_worker_gets_an_error_finding_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "crashy_detector.py").write_text(CRASHY)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "crashy.yaml").write_text(RULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    texts = [f"Ordinary report number {i}." for i in range(30)]
    texts[17] = "CRASH-THE-WORKER here"
    texts[5] = "RAISE-IN-RULE here"
    items = [Item(f"doc{i}", text=t) for i, t in enumerate(texts)]
    results = list(parallel.run(items, config=Config(select=("ZZ", "TR"), rules=(rules,)), jobs=2))
    assert [r.path for r in results] == [f"doc{i}" for i in range(30)]
    assert [f.rule for f in results[17].findings] == ["AU001"] and not results[17].passed
    assert "died" in results[17].findings[0].message
    assert results[5].findings[0].severity.name == "ERROR" and "rule bug" in results[5].findings[0].message
    assert all(r.passed for i, r in enumerate(results) if i not in (5, 17))


def write_corpus(path: Path, rows: list[dict]) -> None:
    lines = "".join(json.dumps(r) + "\n" for r in rows)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(lines)
    else:
        path.write_text(lines, encoding="utf-8")


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_jsonl_records_stream_with_their_ids(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / name
    write_corpus(corpus, [{"doc": "x1", "body": "The deputy deputy minister left."}, {"doc": "x2", "body": "Fine."}])
    code = main(["check", str(corpus), "--format", "json", "--text-field", "body", "--id-field", "doc", "-j", "1"])
    data = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in data["files"]] == ["x1", "x2"]
    assert data["files"][0]["findings"][0]["rule"] == "TR101"
    assert code == 0


def test_corpus_gate_counts_failing_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, [{"id": 1, "text": "Fine words here."}, {"id": 2, "text": "The the end."}])
    code = main(["check", str(corpus), "--format", "json", "-j", "1", "--fail-on", "warning"])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["failed"] == 1 and code == 1


def test_unusable_records_are_reported_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, [{"id": 1, "text": "Fine words here."}, {"id": 2, "body": "No text field."}])
    code = main(["check", str(corpus), "--format", "json", "-j", "1"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert data["files"][1]["skipped"] == "cannot read: record 2 has no field 'text'"


def test_bad_records_are_skipped_with_reasons(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "ok"}\nnot json\n[1, 2]\n{"id": "d", "text": 5}\n\n', encoding="utf-8")
    records = list(read_records(str(corpus)))
    assert [r.problem is None for r in records] == [True, False, False, False]
    assert "not JSON" in records[1].problem and "not an object" in records[2].problem
    assert "not text" in records[3].problem


def test_csv_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "c.csv"
    with open(corpus, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerow({"id": "r1", "text": "Line one.\nLine two, with a comma."})
    (record,) = read_records(str(corpus))
    assert record.id == "r1" and record.text == "Line one.\nLine two, with a comma."
    with pytest.raises(InputError, match="no column 'body'"):
        list(read_records(str(corpus), text_field="body"))


def test_parquet_corpus(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="Parquet input needs the optional pyarrow extra")
    import pyarrow.parquet as pq

    corpus = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": ["The the end.", "Fine."]}), corpus)
    assert [(r.id, r.text) for r in read_records(str(corpus))] == [("p1", "The the end."), ("p2", "Fine.")]


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (tmp_path / "c.parquet").write_bytes(b"PAR1")
    with pytest.raises(InputError, match="pyarrow"):
        list(read_records(str(tmp_path / "c.parquet")))


def test_count_records_of_a_jsonl_corpus(tmp_path: Path) -> None:
    from auditor.corpus import count_records

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    assert count_records(str(corpus)) == len(list(read_records(str(corpus)))) == 3
    assert count_records(str(tmp_path / "c.jsonl.gz")) is None
