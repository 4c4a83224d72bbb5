"""Parallel that pays (issue 14): the worker count ``auto`` picks, and results' compact crossing."""

from __future__ import annotations

import json
from pathlib import Path

from auditor import parallel
from auditor.cli import main
from auditor.config import Config
from auditor.engine import Auditor
from auditor.inputs import Item

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_auto_gives_small_inputs_one_worker() -> None:
    per = parallel.DOCS_PER_WORKER
    assert parallel.auto_jobs(1, 4) == 1
    assert parallel.auto_jobs(per * 2 - 1, 4) == 1
    assert parallel.auto_jobs(per * 2, 4) == 2
    assert parallel.auto_jobs(per * 100, 4) == 4
    assert parallel.auto_jobs(None, 4) == 4  # unknown size (standard input): one per core
    assert parallel.auto_jobs(0, 2) == 1


def test_results_cross_from_workers_unchanged() -> None:
    auditor = Auditor(Config())
    results = [auditor.audit_text(p.read_text(encoding="utf-8"), path=p.name) for p in sorted(SEEDS.glob("*.txt"))]
    assert any(f.fix is not None for r in results for f in r.findings)
    assert parallel._decode(parallel._encode(results)) == results


def test_output_is_the_same_at_one_two_and_auto_jobs(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    corpus = tmp_path / "c.jsonl"
    records = [{"id": f"{i}", "text": p.read_text(encoding="utf-8")} for i, p in enumerate(seeds * 2)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    for inputs in ([str(p) for p in seeds], [str(corpus)]):
        reports = []
        for jobs in ("1", "2", "auto"):
            out = tmp_path / f"r{jobs}.json"
            main(["check", *inputs, "--jobs", jobs, "-f", "json", "-o", str(out), "--no-progress"])
            reports.append(out.read_bytes())
        assert reports[0] == reports[1] == reports[2]


def test_warm_up_never_fails_a_run() -> None:
    class Broken:
        def audit_text(self, text: str, *, path: str) -> None:
            raise RuntimeError("a rule bug")

    parallel.warm(Broken())  # type: ignore[arg-type]
    items = [Item(p.name, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    assert [r.path for r in parallel.run(items, config=Config(), jobs=2)] == [i.display for i in items]
