"""Baselines: content-keyed, counted per file, stale entries listed, prune; the issue's "Done when" scenario."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main(["check", "--jobs", "1", "--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("*.json"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "seeds"


def _insert_at_top(path: Path, paragraph: str) -> None:
    path.write_text(paragraph + "\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def test_done_when_a_baseline_keeps_old_findings_quiet_and_catches_a_new_one(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, _ = check(capsys, "seeds")
    assert code == 1 and data["summary"]["failed"] == 5
    recorded = data["summary"]["findings"]

    code, _, err = check(capsys, "--write-baseline", "auditor-baseline.json", "seeds")
    assert code == 0 and f"{recorded} findings in 5 files" in err

    code, data, err = check(capsys, "--baseline", "auditor-baseline.json", "seeds")
    assert code == 0 and data["summary"] == {**data["summary"], "passed": 5, "failed": 0, "findings": 0}
    assert "no longer found" not in err

    # A clean paragraph inserted at the top moves every line and offset: the baseline still holds.
    seed = min(seeds.glob("*.txt"))
    _insert_at_top(seed, "The council met on Monday and agreed the budget for the coming year.")
    code, data, err = check(capsys, "--baseline", "auditor-baseline.json", "seeds")
    assert code == 0 and data["summary"]["findings"] == 0 and "no longer found" not in err

    # A new doubled word fails the run and is the only finding reported.
    _insert_at_top(seed, "The mayor said the the plan would go ahead in the spring.")
    code, data, _ = check(capsys, "--baseline", "auditor-baseline.json", "seeds")
    assert code == 1 and data["summary"]["failed"] == 1
    (new,) = [(f["path"], x["rule"], x["text"]) for f in data["files"] for x in f["findings"]]
    assert new == (f"seeds/{seed.name}", "TR101", "the the")


def test_entries_are_counted_per_file_and_stale_ones_listed_then_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    line = "The deputy deputy minister spoke. Later the deputy deputy minister left.\n"
    article.write_text(line)
    check(capsys, "--select", "TR101", "--write-baseline", "b.json", "a.txt")
    stored = json.loads((tmp_path / "b.json").read_text())
    (entry, entry2) = stored["files"]["a.txt"]  # two contexts, two entries
    assert {entry["text"], entry2["text"]} == {"deputy deputy"} and entry["count"] == entry2["count"] == 1
    assert set(entry) == {"rule", "text", "hash", "count"}  # no line, no offset

    # The same defect again in the same words is a second occurrence: not covered.
    article.write_text(line + line)
    code, data, _ = check(capsys, "--select", "TR101", "--fail-on", "warning", "--baseline", "b.json", "a.txt")
    assert code == 1 and len(data["files"][0]["findings"]) == 2

    # Fix one of them: the other stays baselined and the fixed one is listed as stale.
    article.write_text("The deputy minister spoke. Later the deputy deputy minister left.\n")
    code, data, err = check(capsys, "--select", "TR101", "--baseline", "b.json", "a.txt")
    assert code == 0 and data["summary"]["findings"] == 0
    assert "1 baseline entry no longer found" in err and "a.txt: TR101 'deputy deputy'" in err
    assert "auditor baseline prune b.json" in err

    assert main(["baseline", "prune", "--select", "TR101", "b.json"]) == 0
    assert "1 of 2 recorded findings no longer found and removed" in capsys.readouterr().err
    assert len(json.loads((tmp_path / "b.json").read_text())["files"]["a.txt"]) == 1
    _, _, err = check(capsys, "--select", "TR101", "--baseline", "b.json", "a.txt")
    assert "no longer found" not in err


def test_a_baseline_works_from_another_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("The deputy deputy minister spoke.\n")
    monkeypatch.chdir(tmp_path)
    check(capsys, "--select", "TR101", "--write-baseline", "ci/base.json", "news")
    monkeypatch.chdir(tmp_path / "news")
    code, data, _ = check(capsys, "--select", "TR101", "--fail-on", "warning", "--baseline", "../ci/base.json", ".")
    assert code == 0 and data["summary"]["findings"] == 0


@pytest.mark.parametrize(
    ("content", "message"), [("{", "not valid JSON"), ('{"files": []}', "not an auditor baseline")]
)
def test_a_broken_baseline_is_an_error(
    tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b.json").write_text(content)
    (tmp_path / "a.txt").write_text("Fine.\n")
    assert main(["check", "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.txt")]) == 2
    assert message in capsys.readouterr().err
    assert main(["check", "--baseline", str(tmp_path / "none.json"), str(tmp_path / "a.txt")]) == 2
    assert "--write-baseline" in capsys.readouterr().err


def test_fingerprint_ignores_spacing_case_and_far_away_words() -> None:
    from auditor.baseline import fingerprint
    from auditor.model import Finding, Severity

    def finding(text: str, span: str) -> tuple[Finding, str]:
        start = text.index(span)
        return Finding(
            "TR101",
            "doubled-word",
            "translation",
            Severity.WARNING,
            "m",
            None,
            start,
            start + len(span),
            1,
            1,
            span,
            1.0,
        ), text

    base = fingerprint(
        *finding("Far away words, here and there. The deputy deputy minister spoke today, as he had.", "deputy deputy")
    )
    assert base == fingerprint(
        *finding("Others: here and there! The  deputy deputy MINISTER spoke today as he did.", "deputy deputy")
    )  # only four words either side count
    assert base != fingerprint(
        *finding("Far away words, here and there. A deputy deputy minister spoke today.", "deputy deputy")
    )
