"""Which prominent people a name may be a garble of, and the word tests that decide it.

A name's candidates are known people whose surname is the same or a garble's reach away
and whose given name is the same, a nickname or transliteration of it, or near it; each
candidate records how the two differ (edits, whether the differing word is a real word,
whether the surnames sound alike, whether middle names or gendered endings disagree).
Everything here depends on the name alone, so it is computed once per name and cached.
Lone words that garble a household name's surname ("Zelenksy") or a one-word organisation
("Xinhau") are found here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from auditor.detectors.names.gazetteer import Gazetteer, load_places, name_words
from auditor.detectors.names.text import distance, fold, given_key, max_edits, news_key, same_surname, skeleton
from auditor.lexicon import zipf as _zipf


@dataclass(frozen=True, slots=True)
class Candidate:
    """A known person that a name may be a garble of, and how the two differ."""

    pid: int
    surname: str
    """The known person's surname (folded) the name's last word was compared with."""
    surname_dist: int
    given_dist: int
    """0 when the given names are the same or stand for one another (Tony / Antony)."""
    garble: bool
    """The word that differs is no real word or known name ("Brinken", "Pskai", "Volodmir")."""
    sounds: bool
    """The surnames sound alike ("Newland" / "Nuland")."""
    same_words: int
    """How many words of the name match the known form exactly (von der Leyen: 3 of 4)."""
    other_middle: bool = False
    """Both names have middle names and none of them agree ("Joseph Kimeu Ngutu" / "Joseph Dion Ngute")."""
    gender_forms: bool = False
    """The words differ only in a gendered ending (María / Mario, Calleja / Callejo)."""


def zipf(word: str) -> float:
    """Zipf frequency of a folded word (``auditor.lexicon.zipf``); a hyphenated name counts as
    common as its rarest part."""
    if "-" in word:
        return min((zipf(p) for p in word.split("-") if p), default=0.0)
    return _zipf(word)


def given_initial(pid: int, gaz: Gazetteer) -> str:
    return fold(gaz.people.get(pid).name)[:1]


@lru_cache(maxsize=20_000)
def lone_garble(word: str, gaz: Gazetteer) -> tuple[int, str] | None:
    """A lone surname one edit from exactly one household name's distinctive surname ("Zelenksy").

    The word must be no attested word or name at all: rare real surnames ("Mauger",
    "Bulloch") stand alone in sports reports.
    """
    if len(word) < 6 or attested(word, gaz) or word in gaz.people.given_names:
        return None
    found = []
    for surname, dist in gaz.people.near_surnames(word):
        if dist != 1 or same_surname(surname, word) or accepted_transliteration(surname, word, gaz):
            continue
        for pid, _ in gaz.people.with_surname(surname):
            if gaz.people.tier(pid) == 0 and distinctive_surname(surname, gaz):
                found.append((pid, surname))
    if len({pid for pid, _ in found}) != 1:
        return None
    return found[0]


@lru_cache(maxsize=8)
def _single_word_orgs(gaz: Gazetteer) -> dict[str, list[tuple[str, str, int]]]:
    """One-word organisation names ("Gazprom", "Xinhua") by first letter: (folded, form, id)."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for org in gaz.orgs.entities:
        for form in org.forms:
            key = fold(form)
            if " " not in key and len(key) >= 5 and zipf(key) < 3.5:
                out.setdefault(key[0], []).append((key, form, org.id))
    return out


@lru_cache(maxsize=20_000)
def org_garble_word(word: str, gaz: Gazetteer) -> tuple[str, int, int, bool] | None:
    """A lone word one edit from a one-word organisation name, and no word or name itself ("Xinhau")."""
    if len(word) < 5:
        return None
    found = [
        (form, eid)
        for key, form, eid in _single_word_orgs(gaz).get(word[0], ())
        if key != word and abs(len(key) - len(word)) <= 1 and distance(word, key, 1) == 1
    ]
    if len({eid for _, eid in found}) != 1 or attested(word, gaz):
        return None
    return found[0][0], found[0][1], 1, False


@lru_cache(maxsize=20_000)
def org_garble(words: tuple[str, ...], gaz: Gazetteer) -> tuple[str, int, int, bool] | None:
    """A multi-word name that is a known organisation's with one word misspelt.

    Returns (the organisation's form, its id, the edit distance, whether the misspelt word is
    a real word); a real-word difference ("Nord Steam 2") counts only when the article also
    names the organisation correctly.
    """
    for w in words:
        for eid in gaz.orgs.by_word.get(w, ()):
            for form in gaz.orgs.entities[eid].forms:
                fw = fold(form).split()
                if len(fw) != len(words):
                    continue
                diff = [j for j in range(len(fw)) if fw[j] != words[j]]
                if len(diff) != 1:
                    continue
                a, b = words[diff[0]], fw[diff[0]]
                if a.startswith(b) or b.startswith(a) or a[:1] != b[:1]:
                    continue  # "Lib Dem" / "Lib Dems": a form of the word, not a garble
                dist = distance(a, b)
                if dist > 2:
                    continue
                real = is_real(a, gaz)
                if not real and dist > max_edits(len(b)):
                    continue
                return form, eid, dist, real
    return None


def given_compatible(a: str, b: str, gaz: Gazetteer) -> bool:
    """Whether given names ``a`` and ``b`` (folded) may name the same person."""
    if a == b or given_key(a) == given_key(b):
        return True
    return b in gaz.given_variants.get(a, ()) or a in gaz.given_variants.get(b, ())


def attested(word: str, gaz: Gazetteer) -> bool:
    """Whether a folded word is seen anywhere: in English text at all, or as a known name or place.

    Stricter than ``is_real``: rare surnames ("Dowson", "Mauger") are attested, "Pskai" is not.
    """
    return word in gaz.people.tokens or zipf(word) > 0 or word in load_places().tokens


#: Countries (ISO alpha-2) whose names reach English news transliterated from another script.
TRANSLITERATED = frozenset(
    {
        "RU",
        "UA",
        "BY",
        "KZ",
        "KG",
        "TJ",
        "MN",
        "CN",
        "TW",
        "HK",
        "JP",
        "KR",
        "KP",
        "IN",
        "PK",
        "BD",
        "NP",
        "LK",
        "AF",
        "IR",
        "IQ",
        "SY",
        "LB",
        "JO",
        "PS",
        "SA",
        "AE",
        "QA",
        "KW",
        "BH",
        "OM",
        "YE",
        "EG",
        "LY",
        "SD",
        "DZ",
        "MA",
        "TN",
        "IL",
        "GR",
        "GE",
        "AM",
        "BG",
        "RS",
        "MK",
        "TH",
        "LA",
        "KH",
        "MM",
        "ET",
        "ER",
    }
)


def transliterated(pids: Iterable[int], gaz: Gazetteer) -> bool:
    """Whether one of these known people is of a country whose names are transliterated."""
    return any(gaz.people.get(pid).countries & TRANSLITERATED for pid in islice(pids, 12))


def accepted_transliteration(a: str, b: str, gaz: Gazetteer, *, origin: bool | None = None) -> bool:
    """Whether folded surnames ``a`` and ``b`` are two transliterations news copy uses for one name.

    Both must be spellings in use: attested for the folds of ``news_key`` (al- / el-,
    dh / d, e / i, kh / h, -se / -sa), and names people bear for a doubled letter
    (Abbas / Abas, Hassan / Hasan), so that "Rodick" stays a misspelling of Roddick.  And
    the name must come from another script (``origin``, or else a known bearer of either
    form is of such a country): in a name of Latin script "Austen" is not "Austin".
    """
    if a == b or (a[:1] != b[:1] and not (a.startswith(("al-", "el-")) or b.startswith(("al-", "el-")))):
        return False
    if news_key(a) == news_key(b):
        if not (attested(a, gaz) and attested(b, gaz)):
            return False
    elif news_key(a, doubles=True) == news_key(b, doubles=True):
        tokens = gaz.people.tokens
        if not (a in tokens and b in tokens):
            return False
    else:
        return False
    if origin is None:
        people = gaz.people
        origin = transliterated((pid for w in (a, b) for pid, _ in people.with_surname(w)), gaz)
    return origin


def is_real(word: str, gaz: Gazetteer) -> bool:
    """Whether a folded word is a real word or a known name (so a garble of it would be plausible)."""
    return word in gaz.people.tokens or zipf(word) >= 2.0 or word in load_places().tokens


def person_candidates(names: tuple[str, ...], gaz: Gazetteer) -> tuple[int | None, tuple[Candidate, ...]]:
    """The person these words already name (or None), and the known people they may be a garble of.

    A name can be both: "Jack Sullivan" is John Sullivan by nickname, and also one edit
    from Jake Sullivan; the article's context decides.
    """
    people = gaz.people
    first, last = names[0], names[-1]
    if len(last) < 3 or (zipf(last) >= 4.5 and last not in people.tokens):
        return None, ()  # "Biden Critics": a name followed by a common word
    pool = [(pid, pfirst, last, 0) for pid, pfirst in people.with_surname(last)]
    if zipf(last) < 3.5 or last in people.tokens:  # "Policy", "University": words, not garbles
        pool += [(pid, pfirst, s, d) for s, d in people.near_surnames(last) for pid, pfirst in people.with_surname(s)]
        if not is_real(last, gaz):  # other office holders: only for a surname no one bears (see analysis)
            pool += [
                (pid, pfirst, s, d)
                for s, d in people.near_surnames(last, "2")
                for pid, pfirst in people.with_surname(s)
                if people.tier(pid) == 2
            ]
    if len(pool) == 0 and len(last) >= 5 and not attested(last, gaz):
        # a garble beyond the edit limit that still sounds like a household name ("Justin Trudo")
        pool += [
            (pid, pfirst, s, d)
            for pid, pfirst, s in _sounds_like(last, gaz)
            if first == pfirst and "-" not in s and (d := distance(last, s)) <= 3
        ]
    out: dict[int, Candidate] = {}
    known: int | None = None
    for pid, pfirst, surname, sdist in pool:
        same_given = given_compatible(first, pfirst, gaz)
        if same_given and (sdist == 0 or same_surname(last, surname)):
            if known is None:  # the same person, or an accepted transliteration of the surname
                known = pid
            continue
        tier = people.tier(pid)
        if tier > 2 or (tier == 2 and not (same_given and sdist)):
            continue  # prominent people from a near miss; other office holders by the surname alone
        gdist = 0 if same_given else distance(first, pfirst)
        if gdist > 2 or first[:1] != pfirst[:1] or (gdist and len(first) <= 2):
            continue
        if sdist == 0 and gdist == 0:
            continue
        garble = (sdist > 0 and not is_real(last, gaz)) or (
            gdist > 0 and first not in people.given_names and zipf(first) < 2.0
        )
        forms = people.get(pid).forms
        form_words = _form_words(forms, surname)
        same_words = sum(1 for w in names if w in form_words)
        other_middle = (
            len(names) >= 3
            and not any(
                set(names[1:-1]) & set(name_words(fold(f))[1:-1]) for f in forms if len(name_words(fold(f))) >= 3
            )
            and any(len(name_words(fold(f))) >= 3 for f in forms)
        )
        gender = _gendered(first, pfirst) and _gendered(last, surname)
        cand = Candidate(
            pid, surname, sdist, gdist, garble, skeleton(last) == skeleton(surname), same_words, other_middle, gender
        )
        if pid not in out or (cand.surname_dist + cand.given_dist) < (out[pid].surname_dist + out[pid].given_dist):
            out[pid] = cand
    out.pop(known, None)  # type: ignore[arg-type]
    ranked = tuple(sorted(out.values(), key=lambda c: (c.surname_dist + c.given_dist, people.tier(c.pid))))
    return known, ranked


def _gendered(a: str, b: str) -> bool:
    """Whether two words are one name's gendered forms, or equal (María / Mario, Novak / Novakova)."""
    if a == b:
        return True
    stem_a, stem_b = a.rstrip("aoe"), b.rstrip("aoe")
    return stem_a == stem_b or a in (b + "a", b + "ova", b + "eva") or b in (a + "a", a + "ova", a + "eva")


@lru_cache(maxsize=8)
def _household_skeletons(gaz: Gazetteer) -> dict[str, list[tuple[int, str, str]]]:
    """Sound keys of household names' surnames (tier 0): skeleton -> (id, given name, surname)."""
    people = gaz.people
    out: dict[str, list[tuple[int, str, str]]] = {}
    for key, pid in people.forms.items():
        words = key.split()
        if people.tier(pid) == 0 and len(words) >= 2 and len(skeleton(words[-1])) >= 3:
            out.setdefault(skeleton(words[-1]), []).append((pid, words[0], words[-1]))
    return out


def _sounds_like(word: str, gaz: Gazetteer) -> list[tuple[int, str, str]]:
    """Household names whose surname sounds like ``word`` and starts with its letter."""
    return [entry for entry in _household_skeletons(gaz).get(skeleton(word), ()) if entry[2][0] == word[0]]


def _form_words(forms: tuple[str, ...], surname: str) -> frozenset[str]:
    out: set[str] = set()
    for f in forms:
        words = name_words(fold(f))
        if words and words[-1] == surname:
            out.update(words)
    return frozenset(out)


def distinctive_surname(surname: str, gaz: Gazetteer) -> bool:
    """A surname few known people share and that is no common word (Macron, Reznikov; not Sullivan)."""
    holders = {pid for pid, _ in gaz.people.with_surname(surname) if gaz.people.tier(pid) <= 2}
    return len(holders) <= 2 and zipf(surname) < 3.5
