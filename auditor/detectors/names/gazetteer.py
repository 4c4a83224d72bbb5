"""The names gazetteer: people, places and organisations, loaded once and indexed for lookups.

The data are TSV files in ``rules/names/`` written by ``scripts/build_gazetteer.py``.
Loading reads them once per process (``load()`` is cached); every lookup after that is a
dict access.  The hand-written lists are named tables (``names/curated_people``,
``names/curated_orgs``) that a house rule folder extends; ``for_tables`` gives the built-in
gazetteer with the house rows merged in, once per pair of tables.  Fuzzy lookups ("which known
surnames are within two edits of 'Brinken'?") compare the query with the surnames that share
its first letter and a length within two, a few dozen strings at most, and are cached per token.

Keys are folded (lower case, no diacritics, see ``text.fold``) so that
"Schröder", "Schroeder" and "SCHRODER" meet.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from auditor.detectors.names.context import role_classes
from auditor.detectors.names.text import fold, max_edits
from auditor.tables import Row, Table, table


@dataclass(frozen=True, slots=True)
class Person:
    """A person the gazetteer knows: display name, accepted forms, prominence and roles."""

    id: int
    name: str
    forms: tuple[str, ...]
    tier: int
    """0 = household name, 1 = prominent (recognisable from a garble alone), 2 = office holder,
    3 = known name only."""
    countries: frozenset[str]
    roles: frozenset[str]
    label: str


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation, agency, party, medium, piece of infrastructure or place."""

    id: int
    name: str
    forms: tuple[str, ...]
    kind: str
    scope: str
    population: int = 0


def name_words(folded: str) -> list[str]:
    """The words of a folded name without initials ("john j. sullivan" -> john, sullivan)."""
    return [w for w in folded.replace(".", ". ").split() if len(w) > 1 and not w.endswith(".")]


class People:
    """People and the indexes over their name forms.

    The indexes come from ``index.json`` (written by the build script, loaded in a few
    tens of milliseconds); the display rows of ``people.tsv`` are read only when a
    detector first asks about a particular person.
    """

    def __init__(
        self,
        *,
        forms: dict[str, int],
        surnames: dict[str, list[int | str]],
        given: frozenset[str],
        tokens: frozenset[str],
        tiers: str,
        rows_path: Path | None = None,
        rows: list[str] | None = None,
    ) -> None:
        self.forms = forms
        """Folded form ("antony blinken") -> person id."""
        self._surnames = surnames
        self.given_names = given
        self.tokens = tokens
        self._tiers = tiers
        self._rows_path = rows_path
        self._rows = rows

    @classmethod
    def build(cls, rows: list[str]) -> People:
        """Index ``people.tsv`` rows (the build script does this once and saves ``index()``)."""
        forms: dict[str, int] = {}
        surnames: dict[str, list[int | str]] = defaultdict(list)
        given: set[str] = set()
        tokens: set[str] = set()
        tiers = []
        for pid, row in enumerate(rows):
            names, tier = row.split("\t", 2)[:2]
            tiers.append(tier)
            seen = set()
            for form in names.split("|"):
                words = name_words(fold(form))
                if len(words) < 2:
                    continue
                forms.setdefault(" ".join(words), pid)
                first, last = words[0], words[-1]
                if (first, last) not in seen:
                    seen.add((first, last))
                    surnames[last] += [pid, first]
                given.add(first)
                tokens.update(words)
        return cls(
            forms=forms,
            surnames=dict(surnames),
            given=frozenset(given),
            tokens=frozenset(tokens),
            tiers="".join(tiers),
            rows=rows,
        )

    def index(self) -> dict[str, object]:
        """What ``index.json`` holds."""
        return {
            "forms": self.forms,
            "surnames": self._surnames,
            "given": sorted(self.given_names),
            "tokens": sorted(self.tokens),
            "tiers": self._tiers,
        }

    @classmethod
    def from_index(cls, data: dict[str, Any], rows_path: Path) -> People:
        return cls(
            forms=data["forms"],
            surnames=data["surnames"],
            given=frozenset(data["given"]),
            tokens=frozenset(data["tokens"]),
            tiers=data["tiers"],
            rows_path=rows_path,
        )

    def __len__(self) -> int:
        return len(self._tiers)

    def _row(self, pid: int) -> str:
        if self._rows is None:
            assert self._rows_path is not None
            self._rows = _lines(self._rows_path)
        return self._rows[pid]

    @lru_cache(maxsize=4096)  # noqa: B019 - one People per process
    def get(self, pid: int) -> Person:
        forms, tier, countries, roles, label = self._row(pid).split("\t")
        names = tuple(forms.split("|"))
        return Person(
            pid,
            names[0],
            names,
            int(tier),
            frozenset(filter(None, countries.split(","))),
            frozenset(filter(None, roles.split(","))),
            label,
        )

    def tier(self, pid: int) -> int:
        return int(self._tiers[pid])

    def with_surname(self, surname: str) -> list[tuple[int, str]]:
        """(person id, folded given name) of everyone known by this folded surname."""
        flat = self._surnames.get(surname)
        if not flat:
            return []
        return list(zip(flat[::2], flat[1::2]))  # type: ignore[arg-type]

    def find(self, words: list[str]) -> int | None:
        """The person whose form is exactly these folded words (or None)."""
        return self.forms.get(" ".join(words))

    @cache  # noqa: B019 - one People per process
    def _buckets(self, among: str = "01") -> dict[tuple[str, int], list[str]]:
        """Surnames of the people of tiers ``among`` by (first letter, length): the fuzzy search space.

        Prominent people (tiers 0 and 1) are recognised from a near miss alone; other office
        holders (tier 2) only when the article names a role they hold (``near_surnames(among="2")``).
        """
        out: dict[tuple[str, int], list[str]] = defaultdict(list)
        tiers = self._tiers
        for surname, flat in self._surnames.items():
            if len(surname) >= 4 and any(tiers[pid] in among for pid in flat[::2]):  # type: ignore[index]
                out[(surname[0], len(surname))].append(surname)
        return dict(out)

    @lru_cache(maxsize=20_000)  # noqa: B019 - one People per process
    def near_surnames(self, token: str, among: str = "01") -> tuple[tuple[str, int], ...]:
        """Surnames of people of tiers ``among`` (prominent people by default) within ``max_edits`` of
        folded ``token`` (itself excluded), nearest first."""
        limit = max_edits(len(token))
        if limit == 0:
            return ()
        buckets = self._buckets(among)
        choices: list[str] = []
        for n in range(len(token) - limit, len(token) + limit + 1):
            choices.extend(buckets.get((token[0], n), ()))
        if not choices:
            return ()
        found = process.extract(token, choices, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None)
        return tuple(sorted(((s, int(d)) for s, d, _ in found if s != token), key=lambda x: (x[1], x[0])))


class Entities:
    """Organisations or places: their forms, wrong forms and the words they are made of."""

    def __init__(self, entities: list[Entity], wrong: dict[str, int]) -> None:
        self.entities = entities
        self.forms: dict[str, int] = {}
        by_word: dict[str, set[int]] = defaultdict(set)
        for e in entities:
            for form in e.forms:
                key = " ".join(fold(form).split())
                self.forms.setdefault(key, e.id)
                for w in key.split():
                    by_word[w].add(e.id)
        self.wrong = wrong
        self.by_word = {w: tuple(sorted(ids)) for w, ids in by_word.items()}
        self.words = frozenset(self.by_word) | {w for key in wrong for w in key.split()}
        """Every word of a form or a wrong form: a name without one of them is no organisation."""
        self.max_words = max((len(k.split()) for k in self.forms), default=1)

    def find(self, key: str) -> Entity | None:
        eid = self.forms.get(key)
        return None if eid is None else self.entities[eid]


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Everything the name detectors look up, loaded once per process by ``load()``."""

    people: People
    orgs: Entities
    given_variants: dict[str, frozenset[str]]
    """Folded given name -> the folded names it may stand for (nicknames, transliterations)."""

    @property
    def places(self) -> Places:
        return load_places()


def _data_dir() -> Path:
    return Path(str(resources.files("auditor_rules"))) / "names"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def _given_variants(path: Path) -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = defaultdict(set)
    for line in _lines(path):
        names = [fold(n) for n in line.split("\t") if n.strip()]
        formal = names[0]
        for n in names[1:]:
            related[formal].add(n)
            related[n].add(formal)
        # the short forms of one formal name may stand for each other too (Alex / Sasha)
        for a in names[1:]:
            related[a].update(b for b in names[1:] if b != a)
    return {k: frozenset(v) for k, v in related.items()}


def _orgs(path: Path, extra: Sequence[str] = ()) -> Entities:
    entities, wrong = [], {}
    for i, line in enumerate([*_lines(path), *extra]):
        forms, wrongs, kind, scope = ([*line.split("\t"), "", "", ""])[:4]
        names = tuple(forms.split("|"))
        entities.append(Entity(i, names[0], names, kind, scope))
        for w in filter(None, wrongs.split("|")):
            wrong[" ".join(fold(w).split())] = i
    return Entities(entities, wrong)


def org_line(row: Row) -> str:
    """A ``names/curated_orgs`` row as a line of ``orgs.tsv`` (the build script writes these)."""
    forms = [str(row["name"]).strip(), *[v.strip() for v in str(row.get("variants") or "").split(";") if v.strip()]]
    wrongs = [w.strip() for w in str(row.get("wrong") or "").split(";") if w.strip()]
    return (
        f"{'|'.join(forms)}\t{'|'.join(wrongs)}\t{str(row.get('kind') or '').strip()}\t"
        f"{str(row.get('scope') or '').strip()}"
    )


def person_line(rows: Sequence[Row]) -> str:
    """The ``people.tsv`` line of a person added by a house table (all their rows, same name).

    A house person is curated, so a household name (tier 0): recognisable from a garble alone.
    """
    forms: list[str] = []
    countries: set[str] = set()
    roles: set[str] = set()
    for row in rows:
        for form in [str(row["name"]), *str(row.get("variants") or "").split(";")]:
            form = form.strip()
            if form and fold(form) not in {fold(f) for f in forms}:
                forms.append(form.replace("|", " "))
        role, years = str(row.get("role") or "").strip(), str(row.get("years") or "").strip()
        roles |= role_classes(role)
        countries.update(c for c in str(row.get("country") or "").split(",") if c.strip())
    first = rows[0]
    role, years = str(first.get("role") or "").strip(), str(first.get("years") or "").strip()
    label = f"{role} ({years})" if years.strip("-") else role
    return f"{'|'.join(forms)}\t0\t{','.join(sorted(countries))}\t{','.join(sorted(roles))}\t{label}"


@lru_cache(maxsize=16)
def _builtin_count(path: str) -> int:
    """Rows of the built-in table file at ``path`` (the rows of a table before any house rows)."""
    return len(_lines(Path(path)))


def _house_rows(tbl: Table | None) -> tuple[Row, ...]:
    """The rows a house folder added to a built-in names table."""
    if tbl is None or len(tbl.sources) < 2:
        return ()
    return tbl.rows[_builtin_count(tbl.sources[0]) :]


@lru_cache(maxsize=8)
def for_tables(people: Table | None, orgs: Table | None) -> Gazetteer:
    """The gazetteer with the house rows of ``names/curated_people`` and ``names/curated_orgs`` merged in.

    Without house rows this is ``load()`` itself; otherwise it is built once per pair of
    tables (tables compare by identity, one per load of the rules).
    """
    house_people, house_orgs = _house_rows(people), _house_rows(orgs)
    base = load()
    if not house_people and not house_orgs:
        return base
    d = _data_dir()
    extended = base.people
    if house_people:
        by_name: dict[str, list[Row]] = {}
        for row in house_people:
            if str(row.get("name") or "").strip():
                by_name.setdefault(str(row["name"]).strip(), []).append(row)
        lines = [person_line(rows) for rows in by_name.values()]
        extended = People.build([*_lines(d / "people.tsv"), *lines])
    entities = (
        _orgs(d / "orgs.tsv", [org_line(r) for r in house_orgs if str(r.get("name") or "").strip()])
        if house_orgs
        else base.orgs
    )
    return Gazetteer(extended, entities, base.given_variants)


@cache
def load() -> Gazetteer:
    """The gazetteer, read from ``rules/names`` on first use and kept for the process."""
    d = _data_dir()
    index = json.loads((d / "index.json").read_text(encoding="utf-8"))
    people = People.from_index(index["people"], d / "people.tsv")
    return Gazetteer(people, _orgs(d / "orgs.tsv"), _given_variants(d / "first_names.tsv"))


class Places:
    """Countries, subdivisions and cities: folded forms -> place, read lazily from ``places.tsv``."""

    def __init__(
        self,
        *,
        forms: dict[str, int],
        tokens: frozenset[str],
        countries: frozenset[str] = frozenset(),
        rows_path: Path | None = None,
        rows: list[str] | None = None,
    ) -> None:
        self.forms = forms
        self.tokens = tokens
        self.countries = countries
        """Folded names of countries (and of the nations of the UK): "Chancellor of Germany Olaf Scholz"."""
        self._rows_path = rows_path
        self._rows = rows

    @classmethod
    def build(cls, rows: list[str]) -> Places:
        forms: dict[str, int] = {}
        tokens: set[str] = set()
        countries: set[str] = {"england", "scotland", "wales", "northern ireland"}
        for i, row in enumerate(rows):
            names, kind = row.split("\t", 2)[:2]
            for form in names.split("|"):
                key = " ".join(fold(form).split())
                forms.setdefault(key, i)
                tokens.update(key.split())
                if kind == "country":
                    countries.add(key)
        return cls(forms=forms, tokens=frozenset(tokens), countries=frozenset(countries), rows=rows)

    def index(self) -> dict[str, object]:
        return {"forms": self.forms, "tokens": sorted(self.tokens), "countries": sorted(self.countries)}

    @lru_cache(maxsize=4096)  # noqa: B019 - one Places per process
    def get(self, eid: int) -> Entity:
        if self._rows is None:
            assert self._rows_path is not None
            self._rows = _lines(self._rows_path)
        forms, kind, scope, pop = self._rows[eid].split("\t")
        names = tuple(forms.split("|"))
        return Entity(eid, names[0], names, kind, scope, int(pop or 0))

    def find(self, key: str) -> Entity | None:
        eid = self.forms.get(key)
        return None if eid is None else self.get(eid)


@cache
def load_places() -> Places:
    """Countries, subdivisions and cities; loaded on first need (most documents never need them)."""
    d = _data_dir()
    index = json.loads((d / "places_index.json").read_text(encoding="utf-8"))
    return Places(
        forms=index["forms"],
        tokens=frozenset(index["tokens"]),
        countries=frozenset(index["countries"]),
        rows_path=d / "places.tsv",
    )


@dataclass(frozen=True)
class NameTables:
    """Detector options: the name tables the analysis reads (people, organisations), house rows included."""

    people: Table = table("names/curated_people")  # noqa: RUF009 - a table reference, replaced at load
    organisations: Table = table("names/curated_orgs")  # noqa: RUF009 - a table reference, replaced at load

    def gazetteer(self) -> Gazetteer:
        return for_tables(self.people, self.organisations)
