"""Damage clean BBC articles on purpose, fix them, and measure how much of the damage the fixer undoes.

    python benchmarks/damage.py [--per-family 20] [--seed 12] [--safe-only] [--out DIR]

For each damage family a seeded random choice of articles from
``../shared/data/bbc-news`` gets a few defects of that family only.  Each damaged
article is fixed with ``auditor.fix_text`` (unsafe fixes too, unless
``--safe-only``), and restoration per family is

    1 - sum(distance(fixed, original)) / sum(distance(damaged, original))

with rapidfuzz's Levenshtein distance, summed over the family's files.  1.0 means
every damaged character was put back; 0 means nothing was; below 0 the fixer
made things worse.  Fixes of defects the BBC text already had count against the
figure, so ``restoration vs. fixed original`` also compares with the undamaged
article fixed the same way (what the damage alone costs).

Some families need a clean reference that is not plain ASCII (the BBC text is
ASCII-folded): for mojibake and spaced quotes the reference is the article with
one apostrophe or one quotation made typographic (’, “…”), and the damage breaks
that.  ``--out DIR`` writes ``original/``, ``damaged/`` and ``fixed/`` copies to read.
Never copy the BBC text into the project: it is research-use only.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc-news"
NAMES = ROOT.parent / "shared" / "data" / "names"

BOILERPLATE = [  # (language, line): comment forms, share bars, related-article labels, cookie notes
    ("en", "Leave a Reply"),
    ("en", "Share this article"),
    ("en", "Your email address will not be published."),
    ("en", "Click here to subscribe to our newsletter"),
    ("de", "Lesen Sie auch:"),
    ("de", "Diesen Artikel teilen"),
    ("fr", "Partager sur Facebook"),
    ("fr", "Laisser un commentaire"),
    ("es", "Compartir en WhatsApp"),
    ("es", "Deja una respuesta"),
    ("it", "Lascia un commento"),
    ("pt", "Deixe um comentário"),
    ("ru", "Поделиться в соцсетях"),
    ("ar", "تواصل معنا"),
]
HONORIFICS = {"Mr": ["gentlemen.", "Mister.", "sir."], "Mrs": ["ladies.", "madam."], "Ms": ["ladies.", "lady."]}
INVISIBLES = ["\u200b", "\u00ad", "\u200c", "\u2060", "\ufeff"]
MOJIBAKE = {"’": "â€™", "“": "â€œ", "”": "â€\x9d", "—": "â€”"}


@dataclass(frozen=True)
class Case:
    family: str
    path: str
    original: str
    damaged: str


Damager = Callable[[str, random.Random], tuple[str, str] | None]
"""(reference, damaged) for one article, or None when the article offers no place for this damage."""


def _spots(pattern: str, text: str) -> list[regex.Match[str]]:
    return list(regex.finditer(pattern, text))


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _pick(rng: random.Random, items: list[regex.Match[str]], k: int) -> list[regex.Match[str]]:
    chosen: list[regex.Match[str]] = []
    for m in rng.sample(items, len(items)):
        if all(m.end() + 20 < c.start() or c.end() + 20 < m.start() for c in chosen):
            chosen.append(m)
        if len(chosen) == k:
            break
    return chosen


def doubled(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r"(?<=[a-z,] )(?:the|a|to|of|and|in|that|for|said|has|was|is|on|with|be)(?= [a-z])", text)
    if len(spots) < 3:
        return None
    return text, _apply(text, [(m.start(), m.end(), f"{m.group()} {m.group()}") for m in _pick(rng, spots, 3)])


def glued(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r"(?<=[a-z]{3}\.) (?=[A-Z][a-z])", text)
    if len(spots) < 3:
        return None
    return text, _apply(text, [(m.start(), m.end(), "") for m in _pick(rng, spots, 3)])


def mojibake(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r"(?<=[a-z])'(?=(?:s|t|re|ve|ll|d)\b)", text)
    if len(spots) < 3:
        return None
    chosen = _pick(rng, spots, 3)
    reference = _apply(text, [(m.start(), m.end(), "’") for m in chosen])
    return reference, _apply(text, [(m.start(), m.end(), MOJIBAKE["’"]) for m in chosen])


def invisible(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r"(?<=\b[A-Za-z]{3})(?=[a-z]{3,}\b)", text)
    if len(spots) < 3:
        return None
    return text, _apply(text, [(m.start(), m.start(), rng.choice(INVISIBLES)) for m in _pick(rng, spots, 3)])


def boilerplate(text: str, rng: random.Random) -> tuple[str, str] | None:
    lines = rng.sample(BOILERPLATE, 3)
    body = text.rstrip("\n")
    paragraphs = body.split("\n\n")
    if len(paragraphs) < 4:
        return None
    middle = rng.randrange(2, len(paragraphs) - 1)
    paragraphs.insert(middle, lines[0][1])
    damaged = "\n\n".join(paragraphs) + "\n\n" + lines[1][1] + "\n" + lines[2][1] + text[len(body) :]
    return text, damaged


def spaced_quotes(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r'"([A-Z][^"\n]{10,200}?[.,!?])"', text)
    if not spots:
        return None
    chosen = _pick(rng, spots, 2)
    reference = _apply(text, [(m.start(), m.end(), f"“{m.group(1)}”") for m in chosen])
    damaged = _apply(text, [(m.start(), m.end(), f"“ {m.group(1)} ”") for m in chosen])
    return reference, damaged


def honorific(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r"\b(Mr|Mrs|Ms) (?=[A-Z][a-z]+)", text)
    if len(spots) < 2:
        return None
    return text, _apply(
        text, [(m.start(), m.end(), rng.choice(HONORIFICS[m.group(1)]) + " ") for m in _pick(rng, spots, 2)]
    )


def hyphen_dash(text: str, rng: random.Random) -> tuple[str, str] | None:
    spots = _spots(r"(?<=[a-z]) - (?=[a-z])", text)
    if not spots:
        return None
    return text, _apply(text, [(m.start(), m.end(), "-") for m in _pick(rng, spots, 2)])


def office_holders() -> list[str]:
    """Full names of office holders (UK ministers, US Congress and executive), two words or more."""
    names: set[str] = set()
    with open(NAMES / "uk-ministers" / "ministers_flat.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in row["names"].split(";"):
                name = name.strip()
                if regex.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]{3,}", name):
                    names.add(name)
    with open(NAMES / "us-congress" / "us_people_flat.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["official_full"].strip()
            if regex.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]{3,}", name):
                names.add(name)
    return sorted(names)


_HOLDERS: list[str] = []


def garble(name: str, rng: random.Random) -> str:
    """A surname misspelt as back-translation and transliteration do: a letter swapped, doubled or changed."""
    first, last = name.split(" ", 1)
    i = rng.randrange(1, len(last) - 1)
    kind = rng.choice(["swap", "double", "vowel"])
    if kind == "swap":
        last = last[:i] + last[i + 1] + last[i] + last[i + 2 :]
    elif kind == "double":
        last = last[:i] + last[i] + last[i:]
    else:
        vowels = "aeiou"
        j = next((k for k in range(i, len(last)) if last[k] in vowels), None)
        if j is None:
            return garble(name, rng)
        last = last[:j] + rng.choice([v for v in vowels if v != last[j]]) + last[j + 1 :]
    return f"{first} {last}"


def names(text: str, rng: random.Random) -> tuple[str, str] | None:
    if not _HOLDERS:
        _HOLDERS.extend(office_holders())
    present = [n for n in _HOLDERS if n in text]
    if not present:
        return None
    name = rng.choice(present)
    wrong = garble(name, rng)
    spots = _spots(regex.escape(name), text)
    return text, _apply(text, [(m.start(), m.end(), wrong) for m in spots[:2]])


FAMILIES: dict[str, Damager] = {
    "doubled-words": doubled,
    "glued-sentences": glued,
    "mojibake": mojibake,
    "invisible-characters": invisible,
    "boilerplate-lines": boilerplate,
    "spaced-quotes": spaced_quotes,
    "honorific-calques": honorific,
    "hyphen-dashes": hyphen_dash,
    "name-garbles": names,
}


def articles() -> list[Path]:
    return sorted(p for p in BBC.rglob("*.txt") if p.name[0].isdigit())


def build(per_family: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    pool = articles()
    cases: list[Case] = []
    for family, damage in FAMILIES.items():
        made = 0
        for path in rng.sample(pool, len(pool)):
            text = path.read_bytes().decode("utf-8", "replace")
            got = damage(text, rng)
            if got is None or got[0] == got[1]:
                continue
            cases.append(Case(family, str(path.relative_to(BBC)), *got))
            made += 1
            if made == per_family:
                break
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-family", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--safe-only", action="store_true", help="safe fixes only (default: unsafe too)")
    parser.add_argument("--out", type=Path, help="write original/, damaged/, fixed/ here to read")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from auditor.engine import Auditor
    from auditor.fixing import fix_text

    auditor = Auditor(keep_text=False)
    unsafe = not args.safe_only
    totals: dict[str, list[int]] = {}
    for case in build(args.per_family, args.seed):
        fixed = fix_text(case.damaged, unsafe=unsafe, auditor=auditor).text
        baseline = fix_text(case.original, unsafe=unsafe, auditor=auditor).text
        row = totals.setdefault(case.family, [0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += Levenshtein.distance(case.damaged, case.original)
        row[2] += Levenshtein.distance(fixed, case.original)
        row[3] += Levenshtein.distance(case.damaged, baseline)
        row[4] += Levenshtein.distance(fixed, baseline)
        if args.out:
            for part, text in (("original", case.original), ("damaged", case.damaged), ("fixed", fixed)):
                target = args.out / part / case.family / case.path.replace("/", "_")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    print(f"{'family':22} {'files':>5} {'damage':>7} {'left':>6} {'restoration':>11} {'vs fixed original':>17}")
    all_d = all_l = 0
    for family, (files, damage, left, damage_b, left_b) in totals.items():
        all_d, all_l = all_d + damage, all_l + left
        print(f"{family:22} {files:5} {damage:7} {left:6} {1 - left / damage:11.3f} {1 - left_b / damage_b:17.3f}")
    print(f"{'all':22} {sum(r[0] for r in totals.values()):5} {all_d:7} {all_l:6} {1 - all_l / all_d:11.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
