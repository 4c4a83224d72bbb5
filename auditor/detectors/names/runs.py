"""What a run of capitalised words says, independent of the article it stands in.

The same run ("Vladimir Putin", "White House Press Secretary Jen Psaki", "Anthony
Brinken") recurs across thousands of articles, so everything that does not depend on
the article is computed once per distinct run string and cached: where the name starts
after the title words, whether it is a known person, organisation or place, and which
known people it could be a garble of.  What the article adds (roles nearby, the other
names in it) is weighed later, in ``analysis``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.detectors.names.candidates import (
    Candidate,
    given_initial,
    lone_garble,
    org_garble,
    org_garble_word,
    person_candidates,
    zipf,
)
from auditor.detectors.names.gazetteer import Gazetteer, load_places, name_words
from auditor.detectors.names.text import fold
from auditor.document import Document, per_document

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_PARTICLES = "von|van|der|den|de|del|della|dal|dalla|di|da|dos|das|du|des|la|le|al|el|bin|ibn|ter|ten|zu"
#: A run of capitalised words (with name particles and middle initials between them and an optional
#: number after: "Ursula von der Leyen", "Michael T. McCaul", "Nord Stream 2").
#: The stdlib ``re`` with Latin letter ranges scans a 7 KB article in about 50 microseconds.
RUN = re.compile(
    rf"[{_UPPER}][\w'’-]*(?:[ ](?:(?:{_PARTICLES})[ ])*[{_UPPER}](?:\.(?=[ ][{_UPPER}])|[\w'’-]*))*"
    rf"(?:[ ]\d{{1,2}}(?![\w]))?"
)


@per_document
def capital_runs(doc: Document) -> dict[str, list[int]]:
    """Each run of capitalised words ``RUN`` finds in ``doc`` -> where it starts, in text order.

    One scan shared by the article analysis (NM101-NM106) and the batch rule's mentions.
    """
    found: dict[str, list[int]] = {}
    for m in RUN.finditer(doc.text):
        at = found.get(m.group())
        if at is None:
            found[m.group()] = [m.start()]
        else:
            at.append(m.start())
    return found


_GLUE = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-Z][a-z])")
_GLUE_PREFIXES = ("mc", "mac", "de", "di", "da", "la", "le", "van", "von", "fitz", "o'", "al", "el", "st")

#: Capitalised words that are not names: function words, time words.  They cut a run.
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "from",
        "with",
        "without",
        "into",
        "onto",
        "upon",
        "about",
        "after",
        "before",
        "as",
        "if",
        "then",
        "than",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "him",
        "them",
        "us",
        "me",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "every",
        "some",
        "no",
        "not",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "also",
        "only",
        "even",
        "just",
        "still",
        "while",
        "during",
        "since",
        "until",
        "unless",
        "though",
        "although",
        "because",
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "instead",
        "thus",
        "hence",
        "therefore",
        "besides",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "must",
        "might",
        "may",
        "said",
        "says",
        "say",
        "according",
        "read",
        "more",
        "source",
        "photo",
        "image",
        "video",
        "watch",
        "related",
        "getty",
        "reuters",
        "afp",
    ]
)

#: Capitalised words that introduce a name: honorifics, titles, offices, demonyms.  Stripped
#: from the front of a name; the text they form is context for the name after them.
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "president",
        "vice",
        "prime",
        "minister",
        "ministers",
        "secretary",
        "secretaries",
        "state",
        "defense",
        "defence",
        "foreign",
        "affairs",
        "national",
        "security",
        "adviser",
        "advisor",
        "senior",
        "deputy",
        "chancellor",
        "chief",
        "general",
        "gen",
        "rep",
        "reps",
        "sen",
        "senator",
        "senators",
        "representative",
        "congressman",
        "congresswoman",
        "governor",
        "mayor",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "speaker",
        "leader",
        "representatives",
        "governors",
        "directors",
        "ministry's",
        "majority",
        "minority",
        "commander",
        "admiral",
        "colonel",
        "col",
        "lt",
        "captain",
        "capt",
        "major",
        "maj",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "pope",
        "patriarch",
        "ayatollah",
        "former",
        "ex",
        "acting",
        "interim",
        "federal",
        "finance",
        "interior",
        "health",
        "energy",
        "trade",
        "economy",
        "economic",
        "treasury",
        "home",
        "office",
        "department",
        "ministry",
        "under",
        "assistant",
        "executive",
        "managing",
        "republican",
        "republicans",
        "democrat",
        "democrats",
        "democratic",
        "senate",
        "house",
        "white",
        "kremlin",
        "official",
        "officials",
        "first",
        "lady",
        "ceo",
        "founder",
        "head",
        "analyst",
        "expert",
        "researcher",
        "professor",
        "fellow",
        "correspondent",
        "reporter",
        "editor",
        "us",
        "u.s.",
        "uk",
        "u.k.",
        "eu",
        "un",
        "nato",
        "american",
        "british",
        "russian",
        "ukrainian",
        "german",
        "french",
        "chinese",
        "japanese",
        "indian",
        "italian",
        "spanish",
        "polish",
        "turkish",
        "israeli",
        "iranian",
        "canadian",
        "australian",
        "belarusian",
        "hungarian",
        "saudi",
        "korean",
        "european",
        "western",
        "eastern",
        "northern",
        "southern",
        "top",
        "international",
        "global",
        "regional",
        "military",
        "army",
        "navy",
        "opposition",
        "activist",
        "commissioner",
        "high",
        "permanent",
        "special",
        "united",
        "states",
        "kingdom",
        "cabinet",
        "council",
        "committee",
        "affairs",
        "relations",
        "intelligence",
        "staff",
        "joint",
        "chiefs",
        "armed",
        "forces",
        "air",
        "force",
        "party",
        "labour",
        "tory",
        "conservative",
        "liberal",
        "socialist",
        "green",
    ]
)


#: Office nouns that end one name and begin the next inside a run ("Biden Spokesperson Dmitry
#: Peskov"); words that are also surnames (King, Major, Justice) are left out.
OFFICE_WORDS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "adviser",
        "advisor",
        "chancellor",
        "ambassador",
        "envoy",
        "senator",
        "congressman",
        "congresswoman",
        "director",
        "chairman",
        "chairwoman",
        "ceo",
        "premier",
    ]
)


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
        left, right = piece[: m.start()], piece[m.start() :]
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


@lru_cache(maxsize=8192)  # runs recur (the day's names); 8,192 keeps RSS bounded on varied news (issue 14)
def analyse_run(run: str, gaz: Gazetteer) -> tuple[Segment, ...]:
    """The names in a run of capitalised words (cached: runs recur across articles)."""
    if not run[:1].isupper():
        return ()
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
        # no name or organisation is this long: a longer group (a title-case headline, a list of
        # names without commas) is read in pieces, so a run costs time linear in its length
        for lo in range(0, len(group), MAX_GROUP):
            out.extend(_segments(group[lo : lo + MAX_GROUP], gaz))
    return tuple(out)


#: The most words one group of a run is segmented as a whole (segmenting is quadratic in it).
MAX_GROUP = 24


def _segments(group: list[tuple[int, str]], gaz: Gazetteer) -> list[Segment]:
    folded = [fold(w) for _, w in group]
    # organisations anywhere in the group, longest first ("White House", "Nord Stream 2")
    n = len(group)
    org_words = gaz.orgs.words
    sizes = range(min(n, gaz.orgs.max_words + 1), 0, -1) if any(f in org_words for f in folded) else ()
    for size in sizes:
        for i in range(n - size + 1):
            key = " ".join(folded[i : i + size])
            eid = gaz.orgs.forms.get(key)
            kind = "org"
            if eid is None:
                eid = gaz.orgs.wrong.get(key)
                kind = "wrong-org"
            if eid is None:
                continue
            if size == 1 and (len(key) <= 3 and not group[i][1].isupper()):
                continue  # "Fed", "Eni" as plain words are not safe
            seg = _segment(group[i : i + size], folded[i : i + size], titled=False, kind=kind, gaz=gaz, ref=eid)
            rest = [*_segments(group[:i], gaz)] if i else []
            rest.append(seg)
            if i + size < n:
                rest.extend(_segments(group[i + size :], gaz))
            return rest
    i = 0
    while i < n - 1 and (_is_title(folded[i]) or not group[i][1][:1].isupper()):
        i += 1
    if i == n - 1 and _is_title(folded[i]):
        return []
    while i < n and not group[i][1][:1].isupper():
        i += 1
    words, fwords = group[i:], folded[i:]
    # a place or an organisation between a title and a name: "Chancellor of Germany Olaf Scholz",
    # "Governor of the Bank of England Andrew Bailey", "co-founder of Oracle Larry Ellison"
    places = load_places().forms
    name_part = [f for f in fwords if not f.isdigit()]
    if len(name_part) >= 3 and not any(f in gaz.orgs.words for f in fwords[1:]):  # "Nord Steam 2" stays whole
        for size in (2, 1):
            head = " ".join(fwords[:size])
            if len(name_part) > size + 1 and (head in places or head in gaz.orgs.forms):
                words, fwords, i = words[size:], fwords[size:], i + size
                break
    # a capitalised sentence opener before a name ("Later McCall said") is no given name
    if not any(w in gaz.orgs.by_word for w in fwords):  # "World Helth Organization" keeps "World"
        k = 0
        while len(words) - k > 1 and fwords[k] not in gaz.people.given_names and zipf(fwords[k]) >= 4.5:
            k += 1
        words, fwords = words[k:], fwords[k:]
    # the rest of an office before a given name ("Minister of Health and Welfare Steve Chna",
    # "Minister for Financial Markets Gunnar Lund"): common words, none a given name
    given = gaz.people.given_names
    j = 0
    while j < len(words) - 2 and fwords[j] not in given and zipf(fwords[j]) >= 3.0:
        j += 1
    if j and fwords[j] in given:
        words, fwords = words[j:], fwords[j:]
    if not words or fwords[0].isdigit():
        return []
    return [_classify(words, fwords, titled=i > 0, gaz=gaz)]


def _segment(
    words: list[tuple[int, str]],
    folded: list[str],
    *,
    titled: bool,
    kind: str,
    gaz: Gazetteer,
    ref: int = -1,
    candidates: tuple[Candidate, ...] = (),
) -> Segment:
    starts = tuple(s for s, _ in words)
    names = name_words(" ".join(f for f, (_, w) in zip(folded, words) if w[:1].isupper() and not f.isdigit()))
    last = next(
        (
            i
            for i in range(len(words) - 1, -1, -1)
            if words[i][1][:1].isupper() and not folded[i].isdigit() and len(words[i][1].rstrip(".")) > 1
        ),
        -1,
    )
    org_hint = org_garble(tuple(folded), gaz) if kind == "name" and len(words) >= 2 else None
    lone = None
    if kind == "name" and len(names) == 1:
        lone = lone_garble(names[0], gaz)
        initials = [w[0].casefold() for _, w in words if len(w.rstrip(".")) == 1]
        if lone is not None and initials and initials[0] != given_initial(lone[0], gaz):
            lone = None  # "G Bulloch" is not Michele Bullock
        if lone is None and len(words) == 1:
            org_hint = org_garble_word(names[0], gaz)
    return Segment(
        starts[0],
        starts[-1] + len(words[-1][1]),
        tuple(w for _, w in words),
        tuple(folded),
        starts,
        titled,
        kind,
        ref,
        candidates,
        tuple(names),
        last,
        org_hint,
        lone,
    )


def _classify(words: list[tuple[int, str]], folded: list[str], *, titled: bool, gaz: Gazetteer) -> Segment:
    key = " ".join(name_words(" ".join(folded)))
    names = key.split()
    if not names:
        return _segment(words, folded, titled=titled, gaz=gaz, kind="other")
    pid = gaz.people.forms.get(key)
    if pid is not None and len(names) >= 2:
        _, candidates = person_candidates(tuple(names), gaz)
        return _segment(
            words,
            folded,
            titled=titled,
            gaz=gaz,
            kind="person",
            ref=pid,
            candidates=tuple(c for c in candidates if c.pid != pid),
        )
    places = load_places()
    place = places.forms.get(" ".join(folded))
    if place is not None:
        return _segment(words, folded, titled=titled, gaz=gaz, kind="place", ref=place)
    if len(names) == 1:
        return _segment(words, folded, titled=titled, gaz=gaz, kind="name")
    known, candidates = person_candidates(tuple(names), gaz)
    if known is not None:
        return _segment(words, folded, titled=titled, gaz=gaz, kind="person", ref=known, candidates=candidates)
    return _segment(words, folded, titled=titled, gaz=gaz, kind="name", candidates=candidates)
