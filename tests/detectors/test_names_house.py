"""A house rule folder extends the name tables: a local politician, an organisation and its
misspelling, a variant set; the rules fire on them, and only with the folder."""

from __future__ import annotations

import time
from pathlib import Path

from auditor.config import Config
from auditor.engine import Auditor
from auditor.tables import clear_cache

PEOPLE = "# columns: name variants role country years\nEleanor Quibblethwaite\t\tMayor of Ashbury\tGB\t2021-\n"
ORGS = "# columns: name variants wrong kind scope\nAshbury Harbour Trust\tAHT\tAshbury Harbor Foundation\tagency\tGB\n"
VARIANTS = "# columns: preferred variants\nAshbury\tAshbery\n"

ARTICLE = (
    "Mayor Eleanor Quibblethwait opened the new ferry terminal on Monday. "
    "The Ashbury Harbor Foundation paid for the pier, and the Ashbury Harbour Trusst ran it. "
    "Residents of Ashbury welcomed it; Ashbury shops stayed open, but in Ashbery the buses were late."
)


def house(tmp_path: Path) -> Auditor:
    names = tmp_path / "names"
    names.mkdir()
    (names / "curated_people.tsv").write_text(PEOPLE, encoding="utf-8")
    (names / "curated_orgs.tsv").write_text(ORGS, encoding="utf-8")
    (names / "variants.tsv").write_text(VARIANTS, encoding="utf-8")
    clear_cache()
    return Auditor(Config(rules=(tmp_path,), select=("NM",)))


def found(auditor: Auditor, text: str = ARTICLE) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for f in auditor.audit_text(text).findings:
        fix = f.fix.edits[0].replacement if f.fix and f.fix.edits else None
        out.append((f.rule, f.text, f.suggestion, fix))
    return out


def test_house_rows_make_the_name_rules_fire(tmp_path: Path) -> None:
    got = found(house(tmp_path))
    assert ("NM101", "Eleanor Quibblethwait", "Eleanor Quibblethwaite", "Eleanor Quibblethwaite") in got
    assert ("NM102", "Ashbury Harbor Foundation", "Ashbury Harbour Trust", "Ashbury Harbour Trust") in got
    assert ("NM102", "Ashbury Harbour Trusst", "Ashbury Harbour Trust", "Ashbury Harbour Trust") in got
    assert ("NM104", "Ashbery", "Ashbury", "Ashbury") in got
    # built-in people and organisations still count beside the house ones
    assert [r for r, *_ in found(house_again(tmp_path), "Officials at the World Helth Organization spoke.")] == [
        "NM102"
    ]


def house_again(tmp_path: Path) -> Auditor:
    clear_cache()
    return Auditor(Config(rules=(tmp_path,), select=("NM",)))


def test_without_the_house_folder_nothing_fires() -> None:
    clear_cache()
    assert found(Auditor(Config(select=("NM",)))) == []


def test_fixes_are_unsafe_edits(tmp_path: Path) -> None:
    for f in house(tmp_path).audit_text(ARTICLE).findings:
        assert f.fix is not None and f.fix.applicability == "unsafe"


def test_capitalised_words_audit_in_linear_time() -> None:
    """issue 11: 100 KB of capitalised words (one run of 20,000 words) audits in a few seconds."""
    clear_cache()
    auditor = Auditor(Config(select=("NM",)))
    auditor.audit_text("Warm up, said Olaf Scholz.")
    for text in ("Word " * 20_000, "Minister President Secretary Of The " * 3_000, "Aa " * 33_000):
        t = time.perf_counter()
        auditor.audit_text(text)
        assert time.perf_counter() - t < 5, text[:20]
