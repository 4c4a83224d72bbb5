"""What a run of capitalised words says, independent of the article it stands in.

The same run ("Vladimir Putin", "White House Press Secretary Jen Psaki", "Anthony
Brinken") recurs across thousands of articles, so everything that does not depend on
the article is computed once per distinct run string and cached: where the name starts
after the title words, whether it is a known person, organisation or place, and which
known people it could be a garble of.  What the article adds (roles nearby, the other
names in it) is weighed later, in ``names_analysis``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import wordfreq

from auditor.detectors.names_text import distance, fold, given_key, max_edits, same_surname, skeleton
from auditor.gazetteer import Gazetteer, load, load_places, name_words
from auditor.lexicon import zipf as _zipf

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_PARTICLES = "von|van|der|den|de|del|della|dal|dalla|di|da|dos|das|du|des|la|le|al|el|bin|ibn|ter|ten|zu"
#: A run of capitalised words (with name particles and middle initials between them and an optional
#: number after: "Ursula von der Leyen", "Michael T. McCaul", "Nord Stream 2").
#: The stdlib ``re`` with Latin letter ranges scans a 7 KB article in about 50 microseconds.
RUN = re.compile(
    rf"[{_UPPER}][\w'’-]*(?:[ ](?:(?:{_PARTICLES})[ ])*[{_UPPER}](?:\.(?=[ ][{_UPPER}])|[\w'’-]*))*"
    rf"(?:[ ]\d{{1,2}}(?![\w]))?"
)
_GLUE = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-Z][a-z])")
_GLUE_PREFIXES = ("mc", "mac", "de", "di", "da", "la", "le", "van", "von", "fitz", "o'", "al", "el", "st")

#: Capitalised words that are not names: function words, time words.  They cut a run.
STOP = frozenset(
    """a an the and or but nor so yet for of in on at to by from with without into onto upon about after before
    as if then than that this these those there here it its he she they we you i his her their our my your
    him them us me who whom whose which what when where why how all any both each every some no not one two
    three four five six seven eight nine ten also only even just still while during since until unless
    though although because however meanwhile moreover furthermore instead thus hence therefore besides
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december today yesterday tomorrow tonight is are was were be been has have had
    do does did will would can could shall should must might may said says say according read more source
    photo image video watch related getty reuters afp""".split()
)

#: Capitalised words that introduce a name: honorifics, titles, offices, demonyms.  Stripped
#: from the front of a name; the text they form is context for the name after them.
TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady baroness president vice prime minister ministers secretary
    secretaries state defense defence foreign affairs national security adviser advisor senior deputy chancellor
    chief general gen rep reps sen senator senators representative congressman congresswoman governor mayor
    ambassador envoy spokesman spokeswoman spokesperson press director chairman chairwoman chair speaker leader
    representatives governors directors ministry's
    majority minority commander admiral colonel col lt captain capt major maj judge justice attorney prosecutor
    king queen prince princess sheikh emir pope patriarch ayatollah former ex acting interim federal finance
    interior health energy trade economy economic treasury home office department ministry under assistant
    executive managing republican republicans democrat democrats democratic senate house white kremlin official
    officials first lady ceo founder head analyst expert researcher professor fellow correspondent reporter
    editor us u.s. uk u.k. eu un nato american british russian ukrainian german french chinese japanese indian
    italian spanish polish turkish israeli iranian canadian australian belarusian hungarian saudi korean
    european western eastern northern southern top international global regional military army navy
    opposition activist commissioner high permanent special united states kingdom cabinet council committee
    affairs relations intelligence staff joint chiefs armed forces air force party labour tory conservative
    liberal socialist green""".split()
)


#: Office nouns that end one name and begin the next inside a run ("Biden Spokesperson Dmitry
#: Peskov"); words that are also surnames (King, Major, Justice) are left out.
OFFICE_WORDS = frozenset(
    """president minister secretary spokesperson spokesman spokeswoman adviser advisor chancellor ambassador
    envoy senator congressman congresswoman director chairman chairwoman ceo premier""".split()
)


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


@dataclass(frozen=True, slots=True)
class Segment:
    """A name inside a run: its words and what the gazetteer says about it."""

    start: int
    """Offset of the name's first word in the run string."""
    end: int
    words: tuple[str, ...]
    folded: tuple[str, ...]
    starts: tuple[int, ...]
    """Offset of each word in the run string."""
    titled: bool
    """Title words stood before the name in the run ("Defense Minister Oleksi Reznikov")."""
    kind: str
    """person, org, place, wrong-org (a known error for an organisation), name (unknown), other."""
    ref: int = -1
    """Person or organisation id, place id; -1 when unknown."""
    candidates: tuple[Candidate, ...] = ()
    names: tuple[str, ...] = ()
    """Folded words without initials, particles and numbers."""
    last: int = -1
    """Index in ``words`` of the last name word (the surname), -1 when there is none."""
    org_hint: tuple[str, int, int, bool] | None = None
    """For a name that is a known organisation's with one word misspelt: see ``org_garble``."""
    lone: tuple[int, str] | None = None
    """For a lone surname that garbles a household name's: (person id, their folded surname)."""

    @property
    def surname(self) -> str:
        return self.names[-1] if self.names else ""

    @property
    def given(self) -> str:
        return self.names[0] if len(self.names) >= 2 else ""

    def surname_span(self) -> tuple[int, int]:
        """Offsets in the run string of the last name word."""
        if self.last < 0:
            return self.start, self.end
        return self.starts[self.last], self.starts[self.last] + len(self.words[self.last])

    @property
    def surname_text(self) -> str:
        """The surname as the article writes it."""
        return self.words[self.last] if self.last >= 0 else ""


@cache
def _frequencies() -> dict[str, float]:
    """wordfreq's English frequency table (the one ``auditor.lexicon`` reads), for direct lookups."""
    return wordfreq.get_frequency_dict("en", "best")  # positional: shares wordfreq's own cache entry


def zipf(word: str) -> float:
    """Zipf frequency of a folded word, as ``auditor.lexicon.zipf`` gives it.

    A plain lower-case word is looked up directly in wordfreq's table (50 ns instead of
    25 us: names are mostly new words, so the lexicon's cache rarely helps them); a
    hyphenated name counts as common as its rarest part.
    """
    if "-" in word:
        return min((zipf(p) for p in word.split("-") if p), default=0.0)
    if word.isascii() and word.isalpha() and word.islower():
        freq = _frequencies().get(word)
        return round(math.log10(freq) + 9, 2) if freq else 0.0
    return _zipf(word)


def _pieces(run: str) -> list[tuple[int, str]]:
    """Words of a run with offsets; possessives cut, glued words split."""
    out = []
    pos = 0
    for piece in run.split(" "):
        start = pos
        pos += len(piece) + 1
        if not piece:
            continue
        possessive = piece.endswith(("'s", "’s")) and len(piece) > 3
        if possessive:
            piece = piece[:-2]
        elif piece.endswith(("'", "’")):
            piece = piece[:-1]
        out.extend(_unglue(piece, start))
        if possessive:
            out.append((-1, ""))  # "Ukraine's Foreign Minister": the possessor is not part of the name
    return out


def _unglue(piece: str, start: int) -> list[tuple[int, str]]:
    """Split "McCallRepublicans" at a lower/upper seam when the right part is a common word."""
    if piece.isupper() or piece[1:].islower():
        return [(start, piece)]
    for m in _GLUE.finditer(piece):
        left, right = piece[: m.start()], piece[m.start():]
        if len(left) < 3 or (left.casefold().startswith(_GLUE_PREFIXES) and len(left) <= 4):
            continue
        if right.casefold() in STOP or zipf(fold(right)) >= 3.5:
            return [(start, left), (-1, ""), *_unglue(right, start + len(left))]
    return [(start, piece)]


def _starts_title(word: str, previous: str) -> bool:
    """Whether ``word`` begins a new title after ``previous`` inside one run.

    "Biden Spokesperson Dmitry Peskov": an office noun after a name; "Ukraine Foreign
    Minister Dmytro Kuleba": a title word after a country.
    """
    if _is_title(previous):
        return False
    if word in OFFICE_WORDS:
        return True
    return _is_title(word) and previous in load_places().forms


def _is_title(folded: str) -> bool:
    if folded in TITLE_WORDS:
        return True
    return "-" in folded and all(p in TITLE_WORDS or p in ("in", "of", "at") for p in folded.split("-"))


@lru_cache(maxsize=30_000)
def analyse_run(run: str) -> tuple[Segment, ...]:
    """The names in a run of capitalised words (cached: runs recur across articles)."""
    if not run[:1].isupper():
        return ()
    gaz = load()
    groups: list[list[tuple[int, str]]] = [[]]
    for start, word in _pieces(run):
        folded = fold(word)
        if start < 0 or folded in STOP:
            groups.append([])
        elif groups[-1] and _starts_title(folded, fold(groups[-1][-1][1])):
            groups.append([(start, word)])
        else:
            groups[-1].append((start, word))
    out: list[Segment] = []
    for group in groups:
        if group:
            out.extend(_segments(group, gaz))
    return tuple(out)


def _segments(group: list[tuple[int, str]], gaz: Gazetteer) -> list[Segment]:
    folded = [fold(w) for _, w in group]
    # organisations anywhere in the group, longest first ("White House", "Nord Stream 2")
    n = len(group)
    org_words = gaz.orgs.words
    sizes = range(min(n, gaz.orgs.max_words + 1), 0, -1) if any(f in org_words for f in folded) else ()
    for size in sizes:
        for i in range(n - size + 1):
            key = " ".join(folded[i:i + size])
            eid = gaz.orgs.forms.get(key)
            kind = "org"
            if eid is None:
                eid = gaz.orgs.wrong.get(key)
                kind = "wrong-org"
            if eid is None:
                continue
            if size == 1 and (len(key) <= 3 and not group[i][1].isupper()):
                continue  # "Fed", "Eni" as plain words are not safe
            seg = _segment(group[i:i + size], folded[i:i + size], titled=False, kind=kind, ref=eid)
            rest = [*_segments(group[:i], gaz)] if i else []
            rest.append(seg)
            if i + size < n:
                rest.extend(_segments(group[i + size:], gaz))
            return rest
    i = 0
    while i < n - 1 and (_is_title(folded[i]) or not group[i][1][:1].isupper()):
        i += 1
    if i == n - 1 and _is_title(folded[i]):
        return []
    words, fwords = group[i:], folded[i:]
    while words and not words[0][1][:1].isupper():
        words, fwords = words[1:], fwords[1:]
    # a place or an organisation between a title and a name: "Chancellor of Germany Olaf Scholz",
    # "Governor of the Bank of England Andrew Bailey", "co-founder of Oracle Larry Ellison"
    places = load_places().forms
    rest = [f for f in fwords if not f.isdigit()]
    if len(rest) >= 3 and not any(f in gaz.orgs.words for f in fwords[1:]):  # "Nord Steam 2" stays whole
        for size in (2, 1):
            head = " ".join(fwords[:size])
            if len(rest) > size + 1 and (head in places or head in gaz.orgs.forms):
                words, fwords, i = words[size:], fwords[size:], i + size
                break
    # a capitalised sentence opener before a name ("Later McCall said") is no given name
    if not any(w in gaz.orgs.by_word for w in fwords):  # "World Helth Organization" keeps "World"
        while len(words) > 1 and fwords[0] not in gaz.people.given_names and zipf(fwords[0]) >= 4.5:
            words, fwords = words[1:], fwords[1:]
    if not words or fwords[0].isdigit():
        return []
    return [_classify(words, fwords, titled=i > 0, gaz=gaz)]


def _segment(words: list[tuple[int, str]], folded: list[str], *, titled: bool, kind: str, ref: int = -1,
             candidates: tuple[Candidate, ...] = ()) -> Segment:
    starts = tuple(s for s, _ in words)
    names = name_words(" ".join(f for f, (_, w) in zip(folded, words) if w[:1].isupper() and not f.isdigit()))
    last = next((i for i in range(len(words) - 1, -1, -1)
                 if words[i][1][:1].isupper() and not folded[i].isdigit() and len(words[i][1].rstrip(".")) > 1), -1)
    org_hint = org_garble(tuple(folded)) if kind == "name" and len(words) >= 2 else None
    lone = None
    if kind == "name" and len(names) == 1:
        lone = lone_garble(names[0])
        initials = [w[0].casefold() for _, w in words if len(w.rstrip(".")) == 1]
        if lone is not None and initials and initials[0] != _given_initial(lone[0]):
            lone = None  # "G Bulloch" is not Michele Bullock
        if lone is None and len(words) == 1:
            org_hint = org_garble_word(names[0])
    return Segment(starts[0], starts[-1] + len(words[-1][1]), tuple(w for _, w in words), tuple(folded), starts,
                   titled, kind, ref, candidates, tuple(names), last, org_hint, lone)


def _given_initial(pid: int) -> str:
    return fold(load().people.get(pid).name)[:1]


@lru_cache(maxsize=20_000)
def lone_garble(word: str) -> tuple[int, str] | None:
    """A lone surname one edit from exactly one household name's distinctive surname ("Zelenksy").

    The word must be no attested word or name at all: rare real surnames ("Mauger",
    "Bulloch") stand alone in sports reports.
    """
    gaz = load()
    if len(word) < 6 or attested(word, gaz) or word in gaz.people.given_names:
        return None
    found = []
    for surname, dist in gaz.people.near_surnames(word):
        if dist != 1 or same_surname(surname, word):
            continue
        for pid, _ in gaz.people.with_surname(surname):
            if gaz.people.tier(pid) == 0 and distinctive_surname(surname, gaz):
                found.append((pid, surname))
    if len({pid for pid, _ in found}) != 1:
        return None
    return found[0]


@cache
def _single_word_orgs() -> dict[str, list[tuple[str, str, int]]]:
    """One-word organisation names ("Gazprom", "Xinhua") by first letter: (folded, form, id)."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for org in load().orgs.entities:
        for form in org.forms:
            key = fold(form)
            if " " not in key and len(key) >= 5 and zipf(key) < 3.5:
                out.setdefault(key[0], []).append((key, form, org.id))
    return out


@lru_cache(maxsize=20_000)
def org_garble_word(word: str) -> tuple[str, int, int, bool] | None:
    """A lone word one edit from a one-word organisation name, and no word or name itself ("Xinhau")."""
    if len(word) < 5:
        return None
    gaz = load()
    found = [(form, eid) for key, form, eid in _single_word_orgs().get(word[0], ())
             if key != word and abs(len(key) - len(word)) <= 1 and distance(word, key, 1) == 1]
    if len({eid for _, eid in found}) != 1 or attested(word, gaz):
        return None
    return found[0][0], found[0][1], 1, False


@lru_cache(maxsize=20_000)
def org_garble(words: tuple[str, ...]) -> tuple[str, int, int, bool] | None:
    """A multi-word name that is a known organisation's with one word misspelt.

    Returns (the organisation's form, its id, the edit distance, whether the misspelt word is
    a real word); a real-word difference ("Nord Steam 2") counts only when the article also
    names the organisation correctly.
    """
    gaz = load()
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


def _classify(words: list[tuple[int, str]], folded: list[str], *, titled: bool, gaz: Gazetteer) -> Segment:
    key = " ".join(name_words(" ".join(folded)))
    names = key.split()
    if not names:
        return _segment(words, folded, titled=titled, kind="other")
    pid = gaz.people.forms.get(key)
    if pid is not None and len(names) >= 2:
        _, candidates = person_candidates(tuple(names), gaz)
        return _segment(words, folded, titled=titled, kind="person", ref=pid,
                        candidates=tuple(c for c in candidates if c.pid != pid))
    places = load_places()
    place = places.forms.get(" ".join(folded))
    if place is not None:
        return _segment(words, folded, titled=titled, kind="place", ref=place)
    if len(names) == 1:
        return _segment(words, folded, titled=titled, kind="name")
    known, candidates = person_candidates(tuple(names), gaz)
    if known is not None:
        return _segment(words, folded, titled=titled, kind="person", ref=known, candidates=candidates)
    return _segment(words, folded, titled=titled, kind="name", candidates=candidates)


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
    if len(last) < 3 or zipf(last) >= 4.5 and last not in people.tokens:
        return None, ()  # "Biden Critics": a name followed by a common word
    pool = [(pid, pfirst, last, 0) for pid, pfirst in people.with_surname(last)]
    if zipf(last) < 3.5 or last in people.tokens:  # "Policy", "University": words, not garbles
        pool += [(pid, pfirst, s, d) for s, d in people.near_surnames(last) for pid, pfirst in people.with_surname(s)]
    if len(pool) == 0 and len(last) >= 5 and not attested(last, gaz):
        # a garble beyond the edit limit that still sounds like a household name ("Justin Trudo")
        pool += [(pid, pfirst, s, d) for pid, pfirst, s in _sounds_like(last)
                 if first == pfirst and "-" not in s and (d := distance(last, s)) <= 3]
    out: dict[int, Candidate] = {}
    known: int | None = None
    for pid, pfirst, surname, sdist in pool:
        same_given = given_compatible(first, pfirst, gaz)
        if same_given and (sdist == 0 or same_surname(last, surname)):
            if known is None:  # the same person, or an accepted transliteration of the surname
                known = pid
            continue
        if people.tier(pid) > 1:
            continue  # only prominent people are recognised from a near miss
        gdist = 0 if same_given else distance(first, pfirst)
        if gdist > 2 or first[:1] != pfirst[:1] or (gdist and len(first) <= 2):
            continue
        if sdist == 0 and gdist == 0:
            continue
        garble = (sdist > 0 and not is_real(last, gaz)) or (
            gdist > 0 and first not in people.given_names and zipf(first) < 2.0)
        forms = people.get(pid).forms
        form_words = _form_words(forms, surname)
        same_words = sum(1 for w in names if w in form_words)
        other_middle = len(names) >= 3 and not any(
            set(names[1:-1]) & set(name_words(fold(f))[1:-1]) for f in forms if len(name_words(fold(f))) >= 3
        ) and any(len(name_words(fold(f))) >= 3 for f in forms)
        gender = _gendered(first, pfirst) and _gendered(last, surname)
        cand = Candidate(pid, surname, sdist, gdist, garble, skeleton(last) == skeleton(surname), same_words,
                         other_middle, gender)
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


@cache
def _household_skeletons() -> dict[str, list[tuple[int, str, str]]]:
    """Sound keys of household names' surnames (tier 0): skeleton -> (id, given name, surname)."""
    people = load().people
    out: dict[str, list[tuple[int, str, str]]] = {}
    for key, pid in people.forms.items():
        words = key.split()
        if people.tier(pid) == 0 and len(words) >= 2 and len(skeleton(words[-1])) >= 3:
            out.setdefault(skeleton(words[-1]), []).append((pid, words[0], words[-1]))
    return out


def _sounds_like(word: str) -> list[tuple[int, str, str]]:
    """Household names whose surname sounds like ``word`` and starts with its letter."""
    return [entry for entry in _household_skeletons().get(skeleton(word), ()) if entry[2][0] == word[0]]


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


def near_limit(word: str) -> int:
    return max_edits(len(word))
