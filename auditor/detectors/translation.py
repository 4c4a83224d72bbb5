"""Machine-translation artifacts that need more than a pattern: doubled words,
honorifics turned into common nouns, 'Mr.' turned into a sentence break, and
foreign word order ("he said Officer", "should it invade Ukraine start").

Every detector here is anchored on something rare (a literal, a full stop, a
space followed by a word) and checks its context in Python, so that a clean
7 KB article costs a few tens of microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from auditor.document import Document, per_document
from auditor.lexicon import zipf
from auditor.model import Edit, Hit
from auditor.registry import NoOptions, detector
from auditor.tables import Table, table


def _compile_possessive(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Possessive quantifiers (Python >= 3.11) stop useless backtracking; plain ones elsewhere."""
    try:
        return re.compile(pattern, flags)
    except re.error:  # pragma: no cover - Python 3.10
        return re.compile(pattern.replace("++", "+"), flags)


# -- TR102 honorific turned into a common noun -------------------------------------------------

#: Capitalised words that start sentences and are never the name after a title.
SENTENCE_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Your",
        "In",
        "On",
        "At",
        "For",
        "From",
        "With",
        "By",
        "To",
        "Of",
        "As",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Because",
        "Although",
        "Though",
        "However",
        "Meanwhile",
        "Also",
        "Then",
        "There",
        "Here",
        "What",
        "Who",
        "Which",
        "Where",
        "Why",
        "How",
        "Some",
        "Many",
        "Most",
        "All",
        "Both",
        "Each",
        "Every",
        "No",
        "Not",
        "Now",
        "One",
        "Two",
        "Three",
        "Other",
        "Another",
        "Such",
        "Last",
        "Next",
        "First",
        "Earlier",
        "Later",
        "Still",
        "Even",
        "Only",
        "Just",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "Madam",
        "Lady",
        "President",
        "Prime",
        "Minister",
        "Secretary",
    ]
)


def looks_like_name(word: str, *, max_zipf: float = 5.0) -> bool:
    """A capitalised word that is not a sentence starter nor one of the commonest English words."""
    return (
        len(word) > 1
        and word[0].isupper()
        and not word.isupper()
        and word not in SENTENCE_WORDS
        and zipf(word.lower()) < max_zipf
    )


def _surname_in(text: str, name: str, nouns: frozenset[str] = frozenset()) -> bool:
    """Whether the article writes ``name`` as a person's surname elsewhere: after a title ("Mr
    Brown") or after a given name ("Gordon Brown", "Judy Craymer"; any capitalised word but a
    sentence opener or one of the honorific ``nouns``).  A surname that is also a common word
    ("Brown", "King", "Williams") then counts as a name, and a capitalised honorific noun before
    it ("Gentleman Lyons", "Madame Craymer") as a calque rather than a nickname or a brand
    ("Gentleman Jim", "Madame Tussauds")."""
    if len(name) < 2 or not name[0].isupper() or name.isupper():
        return False
    for m in re.finditer(rf"\b([A-Z][a-z]+)\.?[ \t]+{re.escape(name)}\b", text):
        before = m.group(1)
        if before in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Prof"):
            return True
        given = before not in SENTENCE_WORDS and before.lower() not in nouns and text[m.end(1)] != "."
        if given and zipf(before.lower()) < 5.0:  # a given name, not "Then Brown"
            return True
    return False


BEFORE = ("dot", "yes", "named", "any", "no")
AFTER = ("yes", "name", "no")


def _cased(word: str) -> str:
    """``word`` with its first letter in either case: 'gentleman' -> '[Gg]entleman'."""
    return f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}" if word[:1].isalpha() else re.escape(word)


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Honorifics:
    """Options of TR102 and TR103: the honorific nouns and the offices, from tables a house pack extends."""

    honorifics: Table = table("translation/honorifics")  # noqa: RUF009 - a table reference, replaced at load
    offices: Table = table("translation/offices-after-name")  # noqa: RUF009 - a table reference, replaced at load
    title_for: Mapping[str, str] = field(init=False, repr=False, compare=False)
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    nouns: frozenset[str] = field(init=False, repr=False, compare=False)
    name_only: frozenset[str] = field(init=False, repr=False, compare=False)
    named: frozenset[str] = field(init=False, repr=False, compare=False)
    before_name: re.Pattern[str] = field(init=False, repr=False, compare=False)
    after_name: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    office_after: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = [r for r in self.honorifics if str(r.get("noun") or "").strip()]
        for row in rows:
            noun = str(row["noun"])
            if noun != noun.lower() or not noun.isalpha():
                raise ValueError(f"table {self.honorifics.name}: noun {noun!r} must be one lower-case word")
            if row.get("before", "no") not in BEFORE or row.get("after", "no") not in AFTER:
                raise ValueError(
                    f"table {self.honorifics.name}, {noun!r}: before is one of {', '.join(BEFORE)}, "
                    f"after one of {', '.join(AFTER)}"
                )
            if not str(row.get("title") or "").strip():
                raise ValueError(f"table {self.honorifics.name}, {noun!r}: the title to write is missing")
        dotted = [_cased(str(r["noun"])) for r in rows if r["before"] in ("dot", "yes", "named", "any")]
        bare = [re.escape(str(r["noun"])) for r in rows if r["before"] in ("yes", "named", "any")]
        capital = [re.escape(str(r["noun"]).capitalize()) for r in rows if r["before"] in ("any", "named")]
        branches = []
        if dotted:
            branches.append(rf"(?P<noun>{_alternation(dotted)})\.[ \t]+(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)?)\b")
        if bare or capital:
            bare += [rf"(?:{_alternation(capital)})(?= [A-Z][a-z]+\b(?! [A-Z][a-z]))"] if capital else []
            branches.append(rf"(?P<noun2>{_alternation(bare)})[ \t]+(?P<name2>[A-Z][a-z]+)\b")
        object.__setattr__(self, "before_name", re.compile("|".join(branches) or "(?!)"))
        after = [re.escape(str(r["noun"])) for r in rows if r["after"] in ("yes", "name")]
        object.__setattr__(
            self,
            "after_name",
            re.compile(rf"(?P<title>{_alternation(after)})(?=[ \t]+(?:{_SPEECH_VERBS})\b|[ \t]*[,;:])")
            if after
            else None,
        )
        object.__setattr__(self, "name_only", frozenset(str(r["noun"]) for r in rows if r["after"] == "name"))
        object.__setattr__(self, "named", frozenset(str(r["noun"]) for r in rows if r["before"] == "named"))
        object.__setattr__(self, "title_for", {str(r["noun"]): str(r["title"]) for r in rows})
        object.__setattr__(self, "keys", tuple(sorted({str(r["noun"]) for r in rows})))
        object.__setattr__(self, "nouns", frozenset(self.keys))
        offices = [" ".join(str(v).split()) for v in self.offices.column("value") if str(v or "").strip()]
        object.__setattr__(
            self,
            "office_after",
            re.compile(
                rf"(?:{_alternation([re.escape(o) for o in offices])})"
                r"(?= (?:said|says|told|stated|added|noted|stressed)\b)"
            )
            if offices
            else None,
        )


def _probes(keys: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The strings to ``find`` for ``keys``, each with the keys it stands for (fewer scans of the text).

    A key that starts with another key is found with it ('madame' with 'madam'); keys that share
    their first four letters or more are found by that common prefix ('gentlem' for 'gentleman'
    and 'gentlemen') and told apart by ``startswith``.
    """
    kept = [k for k in sorted(set(keys)) if not any(o != k and k.startswith(o) for o in keys)]
    groups: list[list[str]] = []
    for key in kept:  # sorted, so keys sharing a prefix are neighbours
        if groups:
            common = _common_prefix(groups[-1][0], key)
            if len(common) >= 4 and all(k.startswith(common) for k in groups[-1]):
                groups[-1].append(key)
                continue
        groups.append([key])
    out = []
    for group in groups:
        probe = group[0]
        for key in group[1:]:
            probe = _common_prefix(probe, key)
        out.append((probe, tuple(group) if len(group) > 1 else ()))
    return tuple(out)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


_PROBES: dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}


def _honorific_words(doc: Document, keys: tuple[str, ...]) -> list[int]:
    """Start offsets of the words that begin with an honorific noun ('gentlemen', 'lady', 'sir', ...).

    One fast ``find`` per key (or per prefix several keys share); a key inside a longer word
    ('sirsir', 'Bessir') is skipped at once, so the cost is linear in the text whatever it holds.
    Computed once per document for a set of keys (TR102 and TR103 read the same).
    """
    memo: dict[object, object] = doc.__dict__.setdefault("_memo", {})
    memo_key = ("translation._honorific_words", keys)
    found = memo.get(memo_key)
    if found is None:
        probes = _PROBES.get(keys)
        if probes is None:
            probes = _PROBES[keys] = _probes(keys)
        text, low = doc.text, doc.lower
        starts: set[int] = set()
        for probe, group in probes:
            at = low.find(probe)
            while at >= 0:
                if (at == 0 or not text[at - 1].isalpha()) and (not group or any(low.startswith(k, at) for k in group)):
                    starts.add(at)
                at = low.find(probe, at + len(probe))
        found = memo[memo_key] = sorted(starts)
    return list(found)  # type: ignore[call-overload]


@detector("translation.honorific_noun", options=Honorifics)
def honorific_noun(doc: Document, options: Honorifics) -> Iterator[Hit]:
    """'gentlemen. Biden', 'lady. Merkel', 'madame Lagarde': a translated Mr./Ms. come back as a noun."""
    text = doc.text
    for start in _honorific_words(doc, options.keys):
        m = options.before_name.match(text, start)
        if m is None:
            continue
        noun = m.group("noun") or m.group("noun2")
        name = m.group("name") or m.group("name2")
        nouns = options.nouns
        if noun[0].isupper() and noun.lower() in options.named:
            if not _surname_in(text, name, nouns):
                continue  # "Gentleman Jim", "Madame Tussauds": a nickname or a brand
        elif not looks_like_name(name, max_zipf=4.6) and not _surname_in(text, name, nouns):
            continue
        before = text[max(0, start - 12) : start].lower()
        if before.endswith(("and ", "first ", "young ", "old ", "the ", "a ", "dear ", "yes, ", "no, ")):
            continue  # "ladies and gentlemen.", "the first lady.", "yes, sir."
        title = options.title_for[noun.lower()]
        right = f"{title} {name}"
        yield Hit(
            start,
            m.end(),
            suggestion=right,
            fields={"noun": noun, "name": name, "title": title},
            edits=(Edit(start, m.end(), right),),
        )


# -- TR103 title after the name -----------------------------------------------------------------

_SPEECH_VERBS = (
    r"said|says|told|stated|added|noted|stressed|emphasi[sz]ed|pointed|expressed|also|has|had"
    r"|was|is|will|would|believes|thinks"
)
_TITLE_ABBR_AFTER = re.compile(rf"M(?:rs?|s)\.?(?=[ \t]+(?:{_SPEECH_VERBS})\b|[ \t]*[,;:])")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+$")
_FULL_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z][a-z]+)[ \t]+$")
#: Capitalised words that form titles ("Defence Minister", "Vice President"), not names.
_TITLE_WORDS = frozenset(
    [
        "Foreign",
        "Defence",
        "Defense",
        "Home",
        "Health",
        "Prime",
        "Vice",
        "Deputy",
        "Acting",
        "Former",
        "Interim",
        "Federal",
        "State",
        "National",
        "Senior",
        "Junior",
        "Chief",
        "Shadow",
        "General",
        "Finance",
        "Interior",
        "Justice",
        "Trade",
        "Culture",
        "Education",
        "Energy",
        "Labour",
        "Labor",
        "Party",
        "Press",
        "Council",
        "Cabinet",
        "Assembly",
        "Republican",
        "Democratic",
        "Conservative",
        "Liberal",
        "Socialist",
        "Green",
        "Union",
        "Club",
        "League",
    ]
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "another",
        "one",
        "each",
        "every",
        "any",
        "no",
        "some",
        "young",
        "old",
        "elderly",
    ]
)
_FAITHS = frozenset(
    [
        "Muslim",
        "Christian",
        "Jewish",
        "Hindu",
        "Sikh",
        "Buddhist",
        "Catholic",
        "Protestant",
        "Orthodox",
        "Shia",
        "Sunni",
    ]
)


@detector("translation.title_after_name", options=Honorifics)
def title_after_name(doc: Document, options: Honorifics) -> Iterator[Hit]:
    """'Biden gentleman said', 'Merkel lady said', 'Putin Mr. said': the title left after the name.

    Chinese and Japanese put the honorific after the name (拜登先生, 'Biden Mr.');
    a literal translation keeps that order.
    """
    text = doc.text
    candidates: list[tuple[int, int, str, str]] = []
    for m in _TITLE_ABBR_AFTER.finditer(text):
        if m.start() and text[m.start() - 1].isalpha():
            continue
        before = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is not None:
            candidates.append((before.start(), m.end(), before.group(1), m.group()))
    if options.after_name is not None:
        for start in _honorific_words(doc, options.keys):
            after = options.after_name.match(text, start)
            before = _NAME_BEFORE.search(text, max(0, start - 30), start) if after is not None else None
            if after is not None and before is not None:
                candidates.append((before.start(), after.end(), before.group(1), after.group("title")))
    for m in options.office_after.finditer(text) if options.office_after is not None else ():
        # "Fumio Kishida Prime Minister said": the office after a full name (Japanese, Chinese order)
        full = _FULL_NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if full is None or not all(_personal_name(w) for w in full.groups()):
            continue
        if opens_sentence(doc, full.start()) or text[max(0, full.start() - 2) : full.start()].strip()[-1:].isupper():
            continue
        right = f"{m.group()} {full.group(1)} {full.group(2)}"
        yield Hit(
            full.start(),
            m.end(),
            suggestion=right,
            fields={"name": f"{full.group(1)} {full.group(2)}", "title": m.group()},
            edits=(Edit(full.start(), m.end(), right),),
        )
    for start, end, name, title in candidates:
        if not looks_like_name(name, max_zipf=4.6):
            continue
        before_words = text[max(0, start - 10) : start].split()
        if before_words and before_words[-1].lower() in _DETERMINERS:
            continue  # "an Iraqi lady said"
        if title in options.name_only and (
            not _personal_name(name)
            or name in _FAITHS
            or name.endswith(("an", "i"))
            or len(word_index(doc).get(name, ())) < 2
        ):
            continue  # "Merkel woman said" (Ms. Merkel), not "Afghan woman said"
        honorific = options.title_for.get(title.lower(), title if title.endswith(".") else title + ".")
        right = f"{honorific} {name}"
        yield Hit(start, end, suggestion=right, fields={"name": name, "title": title}, edits=(Edit(start, end, right),))


def _personal_name(word: str) -> bool:
    """A capitalised word that can be part of a person's name: not a title word nor a demonym."""
    return (
        looks_like_name(word, max_zipf=4.9)
        and word not in _TITLE_WORDS
        and not word.endswith(("ian", "ese", "ish", "ean"))
    )


# -- TR104 'Mr. X' turned into a sentence break ------------------------------------------------

_BREAK = re.compile(r"\.(?<=[a-z]\.) (?=(?P<name>[A-Z][a-z]+) (?P<next>[A-Z][a-z]+)\b)")
_PREV_WORD = re.compile(r"\b([A-Z][a-z]+)$")


@detector("translation.name_sentence_break")
def name_sentence_break(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'look for Putin. Biden Spokesperson Dmitry Peskov': 'Mr.' rendered as a full stop.

    A name ends one 'sentence', the next starts with a surname the article uses on
    its own elsewhere, followed by a capitalised common word ("Spokesperson",
    "Consultation") that the article never capitalises elsewhere mid-sentence.
    """
    text = doc.text
    for m in _BREAK.finditer(text):
        name, nxt = m.group("name"), m.group("next")
        if nxt in SENTENCE_WORDS or zipf(nxt.lower()) < 3.0 or not looks_like_name(name, max_zipf=4.6):
            continue
        prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
        if prev is None or opens_sentence(doc, prev.start()) or not looks_like_name(prev.group(1), max_zipf=4.6):
            continue
        after_next = m.end() + len(name) + 1 + len(nxt)
        if text.startswith(("'s", "’s"), after_next) or not _name_used_alone(doc, name, nxt):
            continue  # "Pollard. Arbor Network's technology": a company name, not a broken title
        if _capitalised_mid_sentence(doc, nxt, m.end() + len(name) + 1):
            continue
        start, end = prev.start(), m.end() + len(name)
        right = f"{prev.group(1)} Mr. {name}"
        yield Hit(
            start,
            end,
            suggestion=right,
            fields={"name": name, "before": prev.group(1)},
            edits=(Edit(start, end, right),),
        )


def opens_sentence(doc: Document, start: int) -> bool:
    """Whether the word at ``start`` opens one of the document's sentences (after any opening quote or bracket)."""
    i = start
    text = doc.text
    while i > 0 and text[i - 1] in ' \t"“‘(' and i not in doc.sentence_starts:
        i -= 1
    return i in doc.sentence_starts


def word_offsets(text: str, word: str) -> Iterator[int]:
    """Offsets where ``word`` stands as a whole word (not inside another word or a hyphenated one)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            yield at
        at = text.find(word, end)


_ALNUM_RUN = re.compile(r"[^\W_]+")
#: Distinct words looked up one ``find`` scan at a time before the whole index is built at once.
_LOOKUP_BUDGET = 8


def _full_word_index(text: str) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for m in _ALNUM_RUN.finditer(text):
        start, end = m.span()
        if (start and text[start - 1] == "-") or (end < len(text) and text[end] == "-"):
            continue
        index.setdefault(m.group(), []).append(start)
    return {word: tuple(at) for word, at in index.items()}


class WordIndex(Mapping[str, tuple[int, ...]]):
    """Offsets of every word that stands on its own, built lazily.

    The first few words asked for are found by one fast ``find`` scan each (most articles ask
    about none or one); past ``_LOOKUP_BUDGET`` distinct words the whole index is built in one
    pass, so the cost stays linear in the text whatever it holds.
    """

    __slots__ = ("_found", "_full", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, tuple[int, ...]] = {}
        self._full: dict[str, tuple[int, ...]] | None = None

    def _index(self) -> dict[str, tuple[int, ...]]:
        if self._full is None:
            self._full = _full_word_index(self._text)
        return self._full

    def _lookup(self, word: str) -> tuple[int, ...]:
        if self._full is not None:
            return self._full.get(word, ())
        found = self._found.get(word)
        if found is None:
            if len(self._found) >= _LOOKUP_BUDGET:
                return self._index().get(word, ())
            # only a whole run of letters and digits is a key of the index
            found = tuple(word_offsets(self._text, word)) if _ALNUM_RUN.fullmatch(word) else ()
            self._found[word] = found
        return found

    def get(self, word: str, default: object = None) -> object:  # type: ignore[override]
        found = self._lookup(word)
        return found if found else default

    def __getitem__(self, word: str) -> tuple[int, ...]:
        found = self._lookup(word)
        if not found:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(self._lookup(word))

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


@per_document
def word_index(doc: Document) -> Mapping[str, tuple[int, ...]]:
    """Offsets of every word that stands on its own (as ``word_offsets`` finds it).

    Detectors that ask "is this name used elsewhere?" for each candidate read this index instead of
    scanning the text again, so the question costs the same whatever the text holds; it is built
    lazily (``WordIndex``), so an article with no candidate pays nothing.
    """
    return WordIndex(doc.text)


def _name_used_alone(doc: Document, name: str, nxt: str) -> bool:
    """Whether ``name`` stands as a word at least twice elsewhere, not followed by the first letters of ``nxt``."""
    follow = " " + nxt[:4]
    text = doc.text
    count = 0
    for at in word_index(doc).get(name, ()):
        if not text.startswith(follow, at + len(name)):
            count += 1
            if count >= 2:
                return True
    return False


def _capitalised_mid_sentence(doc: Document, word: str, skip: int) -> bool:
    """Whether ``word`` is capitalised after a lower-case word or comma somewhere other than at ``skip``."""
    text = doc.text
    for at in word_index(doc).get(word, ()):
        if at != skip and at >= 2 and text[at - 1] == " " and (text[at - 2].islower() or text[at - 2] == ","):
            return True
    return False


# -- TR105 'said Officer' -------------------------------------------------------------------------

_SPEECH_VERBS_D = (
    "said",
    "added",
    "stated",
    "noted",
    "explained",
    "told",
    "warned",
    "claimed",
    "insisted",
    "argued",
    "replied",
    "declared",
    "confirmed",
)


@dataclass(frozen=True)
class RoleNouns:
    """Options of TR105: the role nouns (a table a house pack extends)."""

    roles: Table = table("translation/role-nouns")  # noqa: RUF009 - a table reference, replaced at load
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nouns = [str(v).strip() for v in self.roles.column("value") if str(v or "").strip()]
        if not nouns or any(not n[:1].isupper() for n in nouns):
            raise ValueError(f"table {self.roles.name}: capitalised role nouns, one a line")
        # Anchored on the literal "d " that ends said, added, told, stated, ...: the engine jumps between them.
        object.__setattr__(
            self,
            "compiled",
            re.compile(
                rf"d (?:the )?(?P<role>{_alternation([re.escape(n) for n in nouns])})(?=[.!?;](?:[ \t\"”’)]|$))",
                re.MULTILINE,
            ),
        )


@detector("translation.said_role", options=RoleNouns)
def said_role(doc: Document, options: RoleNouns) -> Iterator[Hit]:
    """'he said Officer.': a role noun, capitalised, after 'said' at the end of a sentence.

    German and Dutch put the speaker after the verb ('sagte der Beamte'); a literal
    translation keeps the order and capitalises the noun.  Names ('said Psaki.')
    are not role nouns and are left alone.
    """
    text = doc.text
    for m in options.compiled.finditer(text):
        verb = next((v for v in _SPEECH_VERBS_D if text.startswith(v, m.start() + 1 - len(v))), None)
        start = m.start() + 1 - len(verb) if verb else 0
        if verb is None or (start and text[start - 1].isalpha()):
            continue
        role = m.group("role")
        right = f"{verb} the {role.lower()}"
        yield Hit(
            start, m.end(), suggestion=right, fields={"role": role, "verb": verb}, edits=(Edit(start, m.end(), right),)
        )


# -- TR106 verb-final clause ------------------------------------------------------------------------

_FINAL_VERBS = ("start", "begin")
_VERB_FINAL = re.compile(
    r"\b(?:should|would|could|will|to|if|it|they|he|she|we)[ \t]+(?P<verb>[a-z]{3,})[ \t]+"
    r"(?P<object>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+(?P<final>start|begin|happen|take place|occur)$"
)
_NOT_VERBS = frozenset(
    ["the", "and", "but", "for", "from", "with", "his", "her", "their", "its", "our", "this", "that"]
)


@detector("translation.verb_final")
def verb_final(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'should it invade Ukraine start': the verb left at the end of the clause (German, Japanese order).

    A modal or pronoun, a verb, a capitalised object, then a bare 'start' or
    'begin' right before punctuation: English would put that verb first.
    """
    text = doc.text
    for final in _FINAL_VERBS:
        key = " " + final
        at = text.find(key)
        while at >= 0:
            end = at + len(key)
            if end < len(text) and text[end] in ".,;!?":
                m = _VERB_FINAL.search(text, max(0, at - 60), end)
                if m is not None and m.group("verb") not in _NOT_VERBS and zipf(m.group("verb")) >= 3.0:
                    yield Hit(m.start("verb"), end, fields={"verb": m.group("verb"), "final": final})
            at = text.find(key, end)
