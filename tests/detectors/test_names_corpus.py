"""NM101 measured on many names at once: real people the shipped gazetteer does not know must stay
clean, random garbles of household names must be found."""

from __future__ import annotations

import random
from pathlib import Path

from auditor.detectors.names.analysis import NEAR_MISS, analyse
from auditor.detectors.names.candidates import attested
from auditor.detectors.names.gazetteer import load, name_words
from auditor.detectors.names.text import fold
from auditor.document import Document


def flagged(text: str) -> bool:
    return any(i.kind == NEAR_MISS for i in analyse(Document(text)).issues)


def test_real_people_outside_the_gazetteer_stay_clean(shared_dir: Path) -> None:
    """Office holders known to Wikidata biographies only (not shipped): namesakes of famous people."""
    import csv

    gaz = load()
    names: set[str] = set()
    for path in sorted((shared_dir / "data" / "names" / "wikidata-officeholders").glob("*/bio.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("name") or "").split(" (")[0]
                words = name_words(fold(name))
                if len(words) >= 2 and not name.startswith("Q") and " ".join(words) not in gaz.people.forms:
                    names.add(name)
    sample = random.Random(3).sample(sorted(names), 4000)
    bad = [n for n in sample if flagged(f"The report was written by {n}, who spoke on Monday.")]
    assert len(bad) <= 4, bad  # 0.1 %; the misses are one-edit namesakes ("Tim Geitner")


def _garble(word: str, rng: random.Random) -> str | None:
    gaz = load()
    for _ in range(50):
        i = rng.randrange(1, len(word))
        op = rng.choice("sdit")
        if op == "s":
            g = word[:i] + rng.choice("abcdefghijklmnoprstuvwy") + word[i + 1 :]
        elif op == "d":
            g = word[:i] + word[i + 1 :]
        elif op == "i":
            g = word[:i] + rng.choice("abcdefghijklmnoprstuvwy") + word[i:]
        elif i < len(word) - 1:
            g = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            continue
        if g != word and g.isalpha() and not attested(fold(g), gaz):
            return g
    return None


def test_random_garbles_of_household_names_are_found() -> None:
    gaz = load()
    rng = random.Random(7)
    tested = found_plain = found_role = 0
    for key, pid in gaz.people.forms.items():
        if gaz.people.tier(pid) != 0:
            continue
        person = gaz.people.get(pid)
        words = person.name.split()
        if key != " ".join(name_words(fold(person.name))) or len(words) != 2 or len(words[1]) < 5:
            continue
        garbled = _garble(words[1], rng) if words[1].isalpha() else None
        if garbled is None:
            continue
        name = f"{words[0]} {garbled}"
        tested += 1
        found_plain += flagged(f"The statement by {name} was read out on Monday.")
        found_role += flagged(f"{person.label.split(' (')[0]} {name} said on Monday that talks would continue.")
    assert tested > 500
    assert found_plain / tested >= 0.93, (found_plain, tested)
    assert found_role / tested >= 0.85, (found_role, tested)
