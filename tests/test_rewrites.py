"""Rewrite clusters: the seeds' two stories, the BBC articles added without false members, complete
linkage, the original by date or score, the JSON section, and the message when datasketch is missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from auditor.cli import main

pytest.importorskip("datasketch", reason="datasketch is not installed (pip install 'news-auditor[sources]')")
from auditor import rewrites
from auditor.model import FileResult

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc-news"


def run(tmp_path: Path, *paths: str) -> dict[str, object]:
    out = tmp_path / "r.json"
    assert main(["check", *paths, "--jobs", "1", "--no-progress", "--clusters", "-f", "json", "-o", str(out)]) == 1
    return json.loads(out.read_text(encoding="utf-8"))


def stories(report: dict[str, object]) -> list[list[str]]:
    return sorted(sorted(Path(m["path"]).name[:3] for m in c["members"]) for c in report["clusters"])  # type: ignore[index, union-attr]


def test_the_seeds_are_two_stories(tmp_path):
    report = run(tmp_path, str(ROOT / "seeds"))
    assert stories(report) == [["000", "003"], ["001", "002", "004"]]
    for cluster in report["clusters"]:  # type: ignore[union-attr]
        members = cluster["members"]
        assert cluster["original"] == members[0]["path"] and members[0]["similarity"] == 1.0
        assert cluster["rewrites"] == [m["path"] for m in members[1:]]
        assert cluster["original_by"] == "score"  # no dates: the best score
        assert members[0]["score"] == max(m["score"] for m in members)
        assert all(0 < m["similarity"] < 1 for m in members[1:])
    assert {f["source"] for f in report["files"]} == {"seeds"}  # type: ignore[union-attr]


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc-news is not there")
def test_bbc_articles_join_no_seed_story_and_cluster_only_within_one_story(tmp_path):
    report = run(tmp_path, str(ROOT / "seeds"), str(BBC))
    clusters = report["clusters"]
    seed_clusters = [c for c in clusters if any("seeds" in m["path"] for m in c["members"])]  # type: ignore[union-attr]
    assert stories({"clusters": seed_clusters}) == [["000", "003"], ["001", "002", "004"]]
    bbc = [c for c in clusters if c not in seed_clusters]  # type: ignore[union-attr]
    assert 100 <= len(bbc) <= 300  # the dataset's own duplicates (about 130 pairs) and follow-ups
    for cluster in bbc:
        folders = {Path(m["path"]).parent.name for m in cluster["members"]}
        assert len(folders) == 1, cluster  # one story is told in one section, never across sport and business
        assert len(cluster["members"]) <= 6
    # Complete linkage: every pair inside a cluster passes, so no chain of loosely related stories forms.
    assert max(len(c["members"]) for c in bbc) < 10


def sketch(words: list[str]) -> rewrites.Sketch:
    hashes = sorted(rewrites._hash32(w) for w in words)
    # A MinHash of its own (no two test documents are near copies by their shingles unless they are equal).
    minhash = np.random.default_rng(rewrites._hash32(" ".join(words))).integers(0, 2**32, rewrites.NUM_PERM)
    return rewrites.Sketch(
        np.array(hashes, np.uint32),
        np.ones(len(hashes), np.float32),
        np.array(hashes[: rewrites.ANCHORS], np.uint32),
        minhash.astype(np.uint32),
    )


def plain(path: str, score: float = 90.0, rewritten: bool = False) -> FileResult:
    from auditor.model import Finding, Severity

    flag = Finding(
        rule="TR103",
        name="x",
        category="translation",
        severity=Severity.WARNING,
        message="",
        suggestion=None,
        start=0,
        end=1,
        line=1,
        column=1,
        text="",
        penalty=1.0,
    )
    return FileResult(
        path=path, encoding="utf-8", words=300, score=score, passed=True, findings=(flag,) if rewritten else ()
    )


def test_complete_linkage_breaks_a_chain():
    base = [f"w{i}" for i in range(40)]
    a, b, c = base[:20], base[6:26], base[12:32]  # a~b and b~c (Jaccard 14/26), a and c far apart (8/32)
    index = rewrites.ClusterIndex()
    for name, words in (("a", a), ("b", b), ("c", c)):
        index.add(plain(name), sketch(words))
    assert rewrites.similarity(sketch(a), sketch(b)) >= rewrites.CLEAN > rewrites.similarity(sketch(a), sketch(c))
    clusters = index.clusters()
    assert len(clusters) == 1 and len(clusters[0].members) == 2  # one pair, never the chain a-b-c


def test_the_bar_depends_on_whether_the_copies_look_rewritten():
    shared = [f"s{i}" for i in range(10)]
    x, y = shared + [f"x{i}" for i in range(20)], shared + [f"y{i}" for i in range(20)]  # similarity 10/50
    for rewritten, expected in (((False, False), 0), ((True, False), 1), ((True, True), 1)):
        index = rewrites.ClusterIndex()
        index.add(plain("x", rewritten=rewritten[0]), sketch(x))
        index.add(plain("y", rewritten=rewritten[1]), sketch(y))
        assert len(index.clusters()) == expected, rewritten


def test_the_original_is_the_earliest_when_every_member_is_dated():
    words = [f"w{i}" for i in range(30)]
    index = rewrites.ClusterIndex()
    index.add(plain("late-good", score=99), sketch(words), date="2024-05-02")
    index.add(plain("early-bad", score=10), sketch(words), date="2024-05-01")
    (cluster,) = index.clusters()
    assert cluster.original == "early-bad" and cluster.chosen_by == "date"
    index.add(plain("undated", score=50), sketch(words))
    (cluster,) = index.clusters()
    assert cluster.original == "late-good" and cluster.chosen_by == "score"


def test_a_fingerprint_keeps_names_and_figures_not_common_words():
    words = rewrites.fingerprint_words("The minister Sergei Shoigu said 40,000 soldiers and the 3 ships were there.")
    assert "shoigu" in words and "#40000" in words
    assert "the" not in words and "said" not in words and "#3" not in words
    assert words["shoigu"] > words["soldiers"] if "soldiers" in words else True


def test_without_datasketch_the_flag_says_what_to_install(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "datasketch", None)
    (tmp_path / "a.txt").write_text("The council met.\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "a.txt"), "--clusters", "--jobs", "1", "--no-progress"]) == 2
    assert "pip install 'news-auditor[sources]'" in capsys.readouterr().err


def test_the_text_report_lists_the_clusters(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    args = ["check", str(ROOT / "seeds"), "--jobs", "1", "--no-progress", "--clusters", "-q", "--width", "200"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "2 rewrite clusters:" in out
    lines = [line for line in out.splitlines() if "(original, by score)" in line]
    assert len(lines) == 2 and any("000_" in line and "003_" in line for line in lines)
