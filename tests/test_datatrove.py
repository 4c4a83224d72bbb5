"""auditor.datatrove.AuditorFilter in a real datatrove pipeline: JSONL in, kept and rejected JSONL out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Auditor

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install 'news-auditor[datatrove]')")

Document = pytest.importorskip("datatrove.data").Document
LocalPipelineExecutor = pytest.importorskip("datatrove.executor").LocalPipelineExecutor
JsonlReader = pytest.importorskip("datatrove.pipeline.readers").JsonlReader
JsonlWriter = pytest.importorskip("datatrove.pipeline.writers").JsonlWriter
AuditorFilter = pytest.importorskip("auditor.datatrove").AuditorFilter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def fresh_auditor(config: Config | None = None) -> Auditor:
    """A single-machine Auditor over the rule files as they are on disk now.

    The loader caches rules per process, and while the team works rules land during a
    test run; the engine under test loads them fresh in its own worker processes.
    """
    from auditor import loader

    loader.clear_cache()
    return Auditor(config)


CLEAN = (
    "The harbour authority in Valparaiso approved a new ferry timetable on Thursday.\n"
    "Officials said the change would add two evening crossings from next month.\n"
)
# A short scraped page: run-together sentences, a doubled word and widget text, each a warning.
SCRAPED = (
    "Share on Facebook\nThe the minister of fisheries resigned on Monday.Her deputy will take over.\n"
    "Leave a comment\nThe vote is is expected next week.Reporters were not not told why.\n"
)


def write_jsonl(path: Path, docs: list[dict[str, str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


def read_jsonl(folder: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                docs[doc["id"]] = doc
    return docs


def test_the_filter_keeps_what_passes_and_records_why_the_rest_was_dropped(tmp_path: Path) -> None:
    articles = {f"seed-{p.stem}": p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    articles |= {"clean-ferry": CLEAN, "scraped-fisheries": SCRAPED}
    items = [{"id": key, "text": text} for key, text in articles.items()]
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "a.jsonl.gz", items[::2])  # two files for two tasks in two processes
    write_jsonl(tmp_path / "in" / "b.jsonl.gz", items[1::2])

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            AuditorFilter(exclusion_writer=JsonlWriter(str(tmp_path / "rejected"))),
            JsonlWriter(str(tmp_path / "kept")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    kept, rejected = read_jsonl(tmp_path / "kept"), read_jsonl(tmp_path / "rejected")
    single = fresh_auditor()  # never hard-coded scores: the rule set changes while this is written
    expected = {key: single.audit_text(text) for key, text in articles.items()}
    assert set(kept) == {key for key, r in expected.items() if r.passed}
    assert set(rejected) == {key for key, r in expected.items() if not r.passed}
    assert "clean-ferry" in kept, expected["clean-ferry"].findings
    assert "scraped-fisheries" in rejected, expected["scraped-fisheries"].findings
    for key, doc in (kept | rejected).items():
        meta, result = doc["metadata"], expected[key]
        assert meta["auditor_score"] == result.score
        assert meta["auditor_passed"] == result.passed
        assert meta["auditor_errors"] + meta["auditor_warnings"] + meta["auditor_infos"] == len(result.findings)
        assert doc["text"] == articles[key]
    scraped = rejected["scraped-fisheries"]["metadata"]
    assert scraped["auditor_reason"].startswith("score ")
    assert scraped["filter_reason"] == "auditor_score"
    assert scraped["auditor_rules"] and all(
        r in {f.rule for f in expected["scraped-fisheries"].findings} for r in scraped["auditor_rules"]
    )
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if "Auditor" in s["name"])
    assert step["stats"]["dropped"] == len(rejected)
    assert step["stats"]["dropped_auditor_score"] >= 1  # the scraped page, counted under its short reason
    assert step["stats"]["forwarded"] == len(kept)


def test_the_configured_gate_decides_and_names_the_finding_that_failed() -> None:
    strict = AuditorFilter(Config(fail_under=0.0), keep_findings=True)  # fail on errors only
    empty = Document(text="", id="empty")
    verdict = strict.filter(empty)
    assert verdict == (False, "auditor_error")
    assert empty.metadata["auditor_reason"].startswith("1 error finding: ")
    assert json.loads(empty.metadata["auditor_findings"])[0]["severity"] == "error"
    lenient = AuditorFilter(Config(fail_under=0.0, fail_on=None))
    doc = Document(text="", id="empty")
    assert lenient.filter(doc) is True
    assert doc.metadata["auditor_passed"] is True and "auditor_reason" not in doc.metadata
