"""A worker that dies (issue 11, item 11): reported on stderr, its document retried in a fresh worker before AU001."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from auditor import engine, parallel
from auditor.config import Config
from auditor.inputs import Item

_audit = engine.Auditor.audit


def killing(counter: Path, times: int):  # type: ignore[no-untyped-def]
    """``Auditor.audit`` that kills its process on a ``KILL-WORKER`` document the first ``times`` times."""

    def audit(self, doc):  # type: ignore[no-untyped-def]
        if "KILL-WORKER" in doc.text:
            done = counter.stat().st_size if counter.exists() else 0
            if done < times:
                with open(counter, "a") as fh:
                    fh.write("x")
                os.kill(os.getpid(), signal.SIGKILL)
        return _audit(self, doc)

    return audit


def items() -> list[Item]:
    texts = [f"Ordinary report number {i}." for i in range(20)]
    texts[11] = "KILL-WORKER: an ordinary report all the same."
    return [Item(f"doc{i}", text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize("times", [1, 2, 3])
def test_a_healthy_document_whose_worker_was_killed_is_audited_on_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], times: int
) -> None:
    """Killed in the pool, then also in its chunk's fresh worker, then in its own: the next retry audits it."""
    monkeypatch.setattr(engine.Auditor, "audit", killing(tmp_path / "kills", times))
    config = Config(select=("TR",))
    results = list(parallel.run(items(), config=config, jobs=2, auditor=engine.Auditor(config)))
    assert [r.path for r in results] == [f"doc{i}" for i in range(20)]
    assert all(r.passed and not r.findings for r in results)
    assert (tmp_path / "kills").stat().st_size == times
    err = capsys.readouterr().err
    assert err.count("a worker process died (killed by SIGKILL)") == 1
    assert ("one at a time" in err) == (times >= 2)
    assert ("retrying it in a fresh worker" in err) == (times == 3)
    assert "AU001" not in err


def test_a_document_that_kills_every_worker_gets_au001_after_its_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(engine.Auditor, "audit", killing(tmp_path / "kills", 99))
    config = Config(select=("TR",))
    results = list(parallel.run(items(), config=config, jobs=2, auditor=engine.Auditor(config)))
    assert [f.rule for f in results[11].findings] == ["AU001"]
    assert "2 times" in results[11].findings[0].message and "SIGKILL" in results[11].findings[0].message
    assert all(r.passed for i, r in enumerate(results) if i != 11)
    assert (tmp_path / "kills").stat().st_size == 4  # the pool, its chunk's fresh worker, two workers of its own
    err = capsys.readouterr().err
    assert "retrying it in a fresh worker" in err and "reported as AU001" in err
