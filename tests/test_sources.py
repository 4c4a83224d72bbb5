"""Per-source profiles: naming a document's source, the streaming counters, the three outputs and
``auditor sources``, and (with ../shared) a 20-site corpus whose damaged sites must rank last."""

from __future__ import annotations

import csv
import io
import json
import random
import statistics
import sys
import tracemalloc
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.model import FileResult, Finding, Severity
from auditor.sources import META, Profile, Profiles, domain, folder_source, path_source

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc-news"


def finding(rule: str, category: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        rule=rule,
        name=rule.lower(),
        category=category,
        severity=severity,
        message="m",
        suggestion=None,
        start=0,
        end=1,
        line=1,
        column=1,
        text="x",
        penalty=1.0,
    )


def result(path: str, score: float, source: str, *findings: Finding, words: int = 500) -> FileResult:
    return FileResult(
        path=path,
        encoding="utf-8",
        words=words,
        score=score,
        passed=score >= 80,
        findings=findings,
        collected={META: {"source": source, "date": None}},
    )


def test_a_source_is_named_by_field_url_folder_or_file():
    assert domain("https://www.Example.com/news/1") == "example.com"
    assert domain("news.example.org/x") == "news.example.org"
    assert domain("") is None
    assert folder_source("sites/bbc/2024/a.txt", "sites") == "bbc"
    assert folder_source("sites/a.txt", "sites") == "sites"
    assert folder_source("/tmp/x/y/a.txt", None) == "y"
    assert path_source("seeds/000.txt") == "seeds" and path_source("/abs/folder/a.txt") == "folder"


def test_the_median_from_the_histogram_is_the_median():
    rng = random.Random(3)
    for n in (1, 2, 3, 10, 101, 1000):
        scores = [round(rng.uniform(0, 100), 1) for _ in range(n)]
        p = Profile("s")
        for s in scores:
            p.add(score=s, passed=s >= 80, words=100, findings=())
        assert p.median == pytest.approx(statistics.median(scores), abs=1e-9), n
        assert p.mean == pytest.approx(statistics.fmean(scores))


def test_counts_shares_rates_and_ranking():
    profiles = Profiles()
    profiles.add(result("a1", 100.0, "clean"))
    profiles.add(result("a2", 96.0, "clean", finding("RD102", "readability", Severity.INFO)))
    profiles.add(
        result(
            "b1",
            40.0,
            "spun",
            finding("TR101", "translation"),
            finding("TR101", "translation"),
            finding("BP101", "boilerplate"),
        )
    )
    profiles.add(result("b2", 70.0, "spun", finding("EN101", "encoding", Severity.INFO), words=1000))
    skipped = FileResult(
        path="b3",
        encoding="",
        words=0,
        score=0.0,
        passed=False,
        findings=(),
        skipped="empty",
        collected={META: {"source": "spun"}},
    )
    profiles.add(skipped)
    clean, spun = profiles.ranked()
    assert (clean.source, spun.source) == ("clean", "spun")
    row = {r["source"]: r for r in profiles.to_list()}["spun"]
    assert row["rank"] == 2 and row["documents"] == 2 and row["skipped"] == 1
    assert row["mean_score"] == 55.0 and row["median_score"] == 55.0
    assert row["failed_share"] == 1.0
    assert row["translation_share"] == 0.5  # one of two documents has a translation warning
    assert row["damage_share"] == 0.5  # the boilerplate warning; an info finding is not damage
    assert row["rates_per_1000_words"]["translation"] == pytest.approx(2 * 1000 / 1500, abs=0.01)
    assert row["top_rules"][0] == {"rule": "TR101", "findings": 2}


def test_memory_grows_with_sources_not_documents():
    def peak(n: int) -> int:
        profiles = Profiles()
        tracemalloc.start()
        for i in range(n):
            profiles.add(result(f"d{i}", float(i % 101), f"site{i % 7}", finding("TR101", "translation")))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(profiles) == 7
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small * 1.5 + 200_000, (small, large)  # ten times the documents, about the same memory


def write_corpus(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_check_formats_and_the_sources_command_agree(tmp_path, monkeypatch, capsys):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    rows = [
        {"id": s.stem[:3], "url": f"https://www.spin{n % 2}.example/{n}", "text": s.read_text("utf-8")}
        for n, s in enumerate(seeds)
    ]
    rows.append(
        {
            "id": "c1",
            "site": "clean",
            "url": "https://clean.example/1",
            "text": "The council met on Tuesday and agreed the budget.\n",
        }
    )
    corpus = write_corpus(tmp_path / "c.jsonl", rows)
    monkeypatch.chdir(tmp_path)
    common = ["check", str(corpus), "--jobs", "1", "--no-progress", "--source-field", "site"]
    assert main([*common, "-f", "sources-json", "-o", "s.json"]) == 1
    assert main([*common, "-f", "jsonl", "-o", "r.jsonl"]) == 1
    assert main([*common, "-f", "sources-csv", "-o", "s.csv"]) == 1
    capsys.readouterr()
    assert main([*common, "-f", "sources", "--width", "120"]) == 1
    table = capsys.readouterr().out
    profiles = json.loads((tmp_path / "s.json").read_text())["sources"]
    assert [p["source"] for p in profiles] == ["clean", "spin1.example", "spin0.example"]  # field, else url domain
    assert [p["documents"] for p in profiles] == [1, 2, 3]
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["#", "source", "docs"] and lines[1].split()[1] == "clean"
    assert {json.loads(line)["source"] for line in (tmp_path / "r.jsonl").read_text().splitlines()} == {
        "clean",
        "spin0.example",
        "spin1.example",
    }
    # auditor sources rebuilds the same profiles from the saved JSON Lines report, without auditing
    assert main(["sources", "r.jsonl", "-f", "json", "-o", "again.json"]) == 0
    assert json.loads((tmp_path / "again.json").read_text())["sources"] == profiles
    assert main(["sources", "r.jsonl", "-f", "csv", "-o", "again.csv"]) == 0
    assert (tmp_path / "again.csv").read_text() == (tmp_path / "s.csv").read_text()
    header, *body = list(csv.reader(io.StringIO((tmp_path / "s.csv").read_text())))
    assert header[:4] == ["rank", "source", "documents", "skipped"] and len(body) == 3
    (tmp_path / "bad.jsonl").write_text("not json\n")
    assert main(["sources", "bad.jsonl"]) == 2


def test_folders_are_sources(tmp_path, monkeypatch):
    for site, text in (("alpha", "The council met on Tuesday.\n"), ("beta", "Leave a Reply\n\nThe the vote.\n")):
        (tmp_path / "sites" / site).mkdir(parents=True)
        (tmp_path / "sites" / site / "a.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "sites", "--jobs", "1", "--no-progress", "-f", "sources-json", "-o", "s.json"])
    assert sorted(p["source"] for p in json.loads((tmp_path / "s.json").read_text())["sources"]) == ["alpha", "beta"]


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc-news is not there")
def test_twenty_sites_rank_the_damaged_ones_last(tmp_path, monkeypatch):
    """12 BBC sites, 3 of the seeds' (spun and back-translated), 5 of BBC articles damaged on purpose."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import damage

    rng = random.Random(16)
    articles = sorted(BBC.glob("*/*.txt"))
    rng.shuffle(articles)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in articles[:120]]
    rows: list[dict[str, object]] = []
    for site in range(12):
        rows += [{"id": f"clean{site}-{k}", "site": f"clean-{site:02d}", "text": texts[site * 6 + k]} for k in range(6)]
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for k, text in enumerate(seeds):
        rows.append({"id": f"seed{k}", "site": f"spun-{k % 3}", "text": text})
    families = (damage.doubled, damage.glued, damage.mojibake, damage.boilerplate, damage.honorific)
    damaged_sites = [f"damaged-{k}" for k in range(5)]
    for site, text in zip((s for s in damaged_sites for _ in range(6)), texts[72:102]):
        for family in families:  # every family that finds a place in the article
            done = family(text, rng)
            text = done[1] if done else text
        rows.append({"id": f"{site}-{len(rows)}", "site": site, "text": text})
    corpus = write_corpus(tmp_path / "sites.jsonl", rows)
    monkeypatch.chdir(tmp_path)
    main(
        [
            "check",
            str(corpus),
            "--jobs",
            "1",
            "--no-progress",
            "--source-field",
            "site",
            "-f",
            "sources-json",
            "-o",
            "s.json",
        ]
    )
    ranked = [p["source"] for p in json.loads((tmp_path / "s.json").read_text())["sources"]]
    assert len(ranked) == 20
    assert set(ranked[-8:]) == {*damaged_sites, "spun-0", "spun-1", "spun-2"}, ranked
