"""The likely pivot language (signals.pivot_language): articles written with one language's artifacts,
the seeds, the JSON file object's evidence and the per-source counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor import pivot
from auditor.cli import main
from auditor.engine import Auditor

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "de": "Chancellor Scholz spoke of a „Zeitenwende“ in the Bundestag on Sunday. The government will the plan in "
    "the frame of the summit present, he said Officer. The opposition called it „a mistake“ and demanded "
    "a vote.\n",
    "fr": "President Macron called the sanctions «unacceptable» on Monday. Thousands of manifestants took part in a "
    "manifestation in Paris. Mister Macron said the «dialogue» would continue.\n",
    "zh": "The talks began on Tuesday. Putin gentleman said that Russia wanted peace. The meeting ended as gentlemen. "
    "Biden left the room. Talks near the actual control line in Ladakh went on.\n",
    "ru": "Peskov said the talks would resume in the near time. He called the sanctions «illegal». The Kremlin said "
    "in a reading after the call that both sides spoke.\n",
}


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_an_article_with_one_languages_artifacts_points_to_it(auditor, language):
    estimate = pivot.of_result(auditor.audit_text(ARTICLES[language]))
    assert estimate is not None and estimate.language == language
    assert estimate.evidence and all(language in dict(v.languages) for v in estimate.evidence)


def test_clean_text_and_a_single_artifact_say_nothing(auditor):
    assert pivot.of_result(auditor.audit_text("The council met on Tuesday and agreed the budget.\n")) is None
    assert pivot.estimate([("TR106", "invade Ukraine start")]) is None  # 1.5 votes: below MIN_VOTES
    assert pivot.estimate([("TR101", "the the"), ("EN101", "â€™")]) is None  # not a language's habit


def test_the_json_report_carries_the_estimate_and_its_evidence(tmp_path):
    out = tmp_path / "r.json"
    main(["check", str(ROOT / "seeds"), "--jobs", "1", "--no-progress", "-f", "json", "-o", str(out)])
    files = {Path(f["path"]).name[:3]: f for f in json.loads(out.read_text())["files"]}
    for seed in ("001", "004"):  # "850 Million-dollar" (Chinese yi/wan), "gentlemen. Biden" (xiansheng)
        signals = files[seed]["signals"]
        assert signals["pivot_language"] == "zh", seed
        assert 0.4 <= signals["pivot_language_share"] <= 1
        rules = {e["rule"] for e in signals["pivot_language_evidence"]}
        assert rules and rules <= {"TR102", "TR103", "TR104", "TR107"}
    assert "pivot_language" not in files["003"].get("signals", {})


def test_sources_count_documents_per_pivot_language(tmp_path, monkeypatch):
    rows = [{"id": k, "site": "wire" if k in ("de", "fr") else "spin", "text": t} for k, t in ARTICLES.items()]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(
        ["check", str(corpus), "--jobs", "1", "--no-progress", "--source-field", "site", "-f", "jsonl", "-o", "r.jsonl"]
    )
    main(["sources", "r.jsonl", "-f", "json", "-o", "s.json"])  # from the saved signals, without auditing
    by_source = {p["source"]: p["pivot_languages"] for p in json.loads((tmp_path / "s.json").read_text())["sources"]}
    assert by_source == {"wire": {"de": 1, "fr": 1}, "spin": {"ru": 1, "zh": 1}}
