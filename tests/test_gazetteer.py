"""The names gazetteer: sizes, accepted variants, lookups, and that the build script reproduces the data."""

from __future__ import annotations

import filecmp
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.detectors.names.gazetteer import load, load_places, name_words
from auditor.detectors.names.text import fold, same_surname, skeleton

ROOT = Path(__file__).resolve().parent.parent
GAZ = load()


def person(name: str) -> int | None:
    return GAZ.people.find(name_words(fold(name)))


def test_sizes() -> None:
    assert len(GAZ.people) >= 5_000
    assert len(load_places().forms) >= 30_000
    assert len(GAZ.orgs.entities) >= 300


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Sergei Shoigu", "Sergey Shoygu"),
        ("Dmitry Peskov", "Dmitri Peskov"),
        ("Oleksii Reznikov", "Oleksiy Reznikov"),
        ("Gerhard Schröder", "Gerhard Schroeder"),
    ],
)
def test_accepted_variants_name_one_person(a: str, b: str) -> None:
    assert person(a) is not None and person(a) == person(b)


def test_people_carry_roles_and_tiers() -> None:
    p = GAZ.people.get(person("Jake Sullivan"))  # type: ignore[arg-type]
    assert "security" in p.roles and p.tier == 0 and "US" in p.countries
    assert GAZ.people.get(person("Jens Stoltenberg")).label.startswith("Secretary General of NATO")  # type: ignore[arg-type]


def test_places_know_exonyms_as_variants() -> None:
    places = load_places()
    assert places.find("kyiv") == places.find("kiev")
    assert places.find("mumbai") == places.find("bombay")
    assert places.find("kyiv").name == "Kyiv"  # type: ignore[union-attr]


def test_organisations_and_infrastructure() -> None:
    for name in ("nord stream 2", "kremlin", "tass", "xinhua", "international monetary fund", "opec", "who"):
        assert GAZ.orgs.find(name) is not None, name
    assert GAZ.orgs.entities[GAZ.orgs.wrong["north stream 2"]].name == "Nord Stream 2"


def test_near_surnames_compares_a_handful_of_prominent_names() -> None:
    assert ("blinken", 1) in GAZ.people.near_surnames("brinken")
    assert ("psaki", 1) in GAZ.people.near_surnames("pskai")
    assert GAZ.people.near_surnames("ab") == ()
    assert len(GAZ.people._buckets()[("b", 7)]) < 200


def test_spelling_keys() -> None:
    assert same_surname("zelensky", "zelenskyy") and same_surname("shoigu", "shoygu")
    assert same_surname("sukarnoputri", "soekarnoputri")
    assert not same_surname("psaki", "pskai") and not same_surname("yellen", "yelen")
    assert skeleton("newland") == skeleton("nuland") and skeleton("glaeser") == skeleton("glazer")


def test_loads_fast() -> None:
    code = (
        "import time; t = time.perf_counter(); from auditor.detectors.names.gazetteer import load, load_places; "
        "load(); load_places(); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert float(out.stdout) < 3.0  # about 0.2 s on the development machine, imports included


def test_build_script_reproduces_the_shipped_data(tmp_path: Path, shared_dir: Path) -> None:
    out = tmp_path / "names"
    out.mkdir()
    for name in ("curated_people.tsv", "curated_orgs.tsv", "first_names.tsv"):
        (out / name).write_bytes((ROOT / "rules" / "names" / name).read_bytes())
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_gazetteer.py"),
            "--data",
            str(shared_dir / "data" / "names"),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert time.perf_counter() - t < 120
    for name in ("people.tsv", "places.tsv", "orgs.tsv", "index.json", "places_index.json"):
        assert filecmp.cmp(out / name, ROOT / "rules" / "names" / name, shallow=False), name
