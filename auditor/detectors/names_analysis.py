"""One pass over an article's names, shared by the NM rules: what is misspelt, and how.

``analyse(doc)`` finds every run of capitalised words (one regex pass), looks each
distinct run up in the cache of ``names_runs``, and then weighs what only the article
can say:

- a near-miss of a known person is reported when the evidence is strong enough: a role
  nearby that the person holds ("national security adviser Jack Sullivan"), the correct
  name elsewhere in the article, or - for prominent people only - a differing word that
  is no real word or name ("Anthony Brinken", "Volodmir Zelensky");
- a surname spelt two ways in the article is reported at the form that is wrong: the one
  no known person bears, or the one never introduced with a given name (Glaeser /
  "Mr. Glazer"), or the rarer one;
- accepted variants of one place or person in one article (Kiev / Kyiv) are noted at
  the rarer form.

A name that is merely unknown is never reported: most people in the news are in no
gazetteer.  The result is computed once per document and shared by the rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditor.detectors.names_context import WEAK_ROLES, country_cues, role_classes
from auditor.detectors.names_runs import (
    RUN,
    Candidate,
    Segment,
    analyse_run,
    attested,
    distinctive_surname,
    given_compatible,
    zipf,
)
from auditor.detectors.names_text import distance, fold, max_edits, same_surname, skeleton
from auditor.document import Document
from auditor.gazetteer import Gazetteer, Person, load, load_places, name_words

NEAR_MISS = "near-miss"
ORG = "org"
INCONSISTENT = "inconsistent"
VARIANT = "variant"


@dataclass(frozen=True, slots=True)
class NameIssue:
    """A misspelt or inconsistent name at ``start:end``, with what to write instead."""

    kind: str
    start: int
    end: int
    suggestion: str
    reason: str


@dataclass
class Analysis:
    issues: list[NameIssue] = field(default_factory=list)

    def of(self, kind: str) -> list[NameIssue]:
        return [i for i in self.issues if i.kind == kind]


_KEY = "_names_analysis"


def analyse(doc: Document) -> Analysis:
    """The names analysis of ``doc``, computed on first use and kept with the document."""
    cached = doc.__dict__.get(_KEY)
    if cached is None:
        cached = _analyse(doc.text)
        doc.__dict__[_KEY] = cached
    return cached


@dataclass(frozen=True, slots=True)
class _Occurrence:
    run: str
    start: int
    """Offset of the run in the text."""
    seg: Segment


class _Doc:
    """The article's runs and segments, sorted once by what the rules need of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts = Counter(RUN.findall(text))
        self.segments = {run: analyse_run(run) for run in self.counts}
        self.known_pids: set[int] = set()
        self.surnames: dict[str, set[str]] = defaultdict(set)
        """Folded surnames of the article -> the given names written with them."""
        self.candidates: list[tuple[str, Segment]] = []
        self.wrong_orgs: list[tuple[str, Segment]] = []
        self.org_hints: list[tuple[str, Segment]] = []
        self.singles: list[tuple[str, Segment]] = []
        self.orgs: set[int] = set()
        self.places: list[tuple[str, Segment]] = []
        self.names: list[tuple[str, Segment]] = []
        for run, segs in self.segments.items():
            for seg in segs:
                kind = seg.kind
                if kind == "person" or kind == "name":
                    if kind == "person":
                        self.known_pids.add(seg.ref)
                    if seg.last >= 0:
                        self.names.append((run, seg))
                        givens = self.surnames[seg.names[-1]]
                        if len(seg.names) >= 2:
                            givens.add(seg.names[0])
                        elif kind == "name":
                            self.singles.append((run, seg))
                    if seg.candidates:
                        self.candidates.append((run, seg))
                    if seg.org_hint is not None:
                        self.org_hints.append((run, seg))
                elif kind == "org":
                    self.orgs.add(seg.ref)
                elif kind == "wrong-org":
                    self.wrong_orgs.append((run, seg))
                elif kind == "place" and len(seg.words) == 1:
                    self.places.append((run, seg))
        self._positions: dict[str, list[int]] = {}

    def positions(self, run: str) -> list[int]:
        """Where ``run`` stands as a whole run of capitalised words (not inside a longer one)."""
        found = self._positions.get(run)
        if found is None:
            found = []
            text = self.text
            i = text.find(run)
            while i >= 0:
                m = RUN.match(text, i)
                if m is not None and m.end() == i + len(run) and not _INSIDE_RUN.search(text, max(0, i - 40), i):
                    found.append(i)
                i = text.find(run, i + 1)
            self._positions[run] = found
        return found

    def occurrences(self, chosen: Iterable[tuple[str, Segment]]) -> list[_Occurrence]:
        """Every place in the text where one of the ``chosen`` (run, segment) pairs stands."""
        return [_Occurrence(run, p, seg) for run, seg in chosen for p in self.positions(run)]


def _analyse(text: str) -> Analysis:
    gaz = load()
    d = _Doc(text)
    result = Analysis()
    flagged: list[tuple[int, int]] = []

    def add(issue: NameIssue) -> None:
        if not any(s < issue.end and issue.start < e for s, e in flagged):
            flagged.append((issue.start, issue.end))
            result.issues.append(issue)

    known_pids, surnames = d.known_pids, d.surnames
    garbled: dict[str, tuple[str, str]] = {}
    for issue, bad_surname, good_surname in _near_misses(d, gaz, known_pids, surnames):
        add(issue)
        if bad_surname:
            garbled[bad_surname] = (good_surname, issue.reason)
    for issue in _organisations(d, gaz):
        add(issue)
    for issue in _surname_followups(d, gaz, garbled):
        add(issue)
    for issue in _inconsistencies(d, gaz):
        add(issue)
    result.issues.sort(key=lambda i: (i.start, i.kind))
    return result


# ---------------------------------------------------------------------------------------------
# near-misses of known people

#: The text before a position continues a run of capitalised words (so a run cannot start there).
_INSIDE_RUN = re.compile(r"(?:[\w'’-]|[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]* )$")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Mx)\.?\s$")
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’)]?\s+(?=[A-Z])")
_CLAUSE = re.compile(r"(?:,|;|\band\b|\bsaid\b|\btold\b|\bwith\b|\bby\b)")


def context_before(text: str, run_start: int, name_start: int) -> str:
    """The words that introduce a name: its clause before it, title words included."""
    lo = max(0, run_start - 80)
    before = text[lo:name_start]
    cut = before.rfind("\n") + 1
    for m in _SENTENCE_END.finditer(before):
        cut = max(cut, m.end())
    for m in _CLAUSE.finditer(before, cut):
        if before[m.end():].strip() and (m.group() != "," or before[m.end():run_start - lo].strip()):
            cut = max(cut, m.end())
    return before[cut:]


def context_after(text: str, end: int) -> str:
    """An apposition after a name: ", the national security adviser,"."""
    after = text[end:end + 80]
    if not after.startswith(","):
        return ""
    stop = min((i for i in (after.find(",", 1), after.find(".", 1), after.find("\n")) if i > 0), default=len(after))
    return after[1:stop]


def _strong(person: Person, roles: frozenset[str], countries: frozenset[str]) -> bool:
    """Whether a role named around the name is one the person held (and no other country is named)."""
    if not (roles - WEAK_ROLES) & person.roles:
        return False
    return not (countries and person.countries and not countries & person.countries)


def _in_doc(cand: Candidate, person: Person, known_pids: set[int], surnames: dict[str, set[str]],
            gaz: Gazetteer) -> bool:
    """Whether the article names the candidate correctly elsewhere (and no namesake of theirs)."""
    if cand.pid in known_pids:
        return True
    if cand.surname_dist == 0 or cand.surname not in surnames:
        return False
    pfirst = name_words(fold(person.name))[0]
    return all(given_compatible(g, pfirst, gaz) for g in surnames[cand.surname])


#: Edits a name may differ by from a known person's when a role or the article points at them.
CONTEXT_EDITS = 2


def _near_misses(d: _Doc, gaz: Gazetteer, known_pids: set[int],
                 surnames: dict[str, set[str]]) -> list[tuple[NameIssue, str, str]]:
    out = []
    for occ in d.occurrences(d.candidates):
        seg = occ.seg
        start, end = occ.start + seg.start, occ.start + seg.end
        before = context_before(d.text, occ.start, start)
        ctx = before + " " + context_after(d.text, end)
        roles, countries = role_classes(ctx), country_cues(before)
        if seg.kind == "person" and _strong(gaz.people.get(seg.ref), roles, countries):
            continue  # a known person, in a role they hold
        best = None
        for cand in seg.candidates:
            person = gaz.people.get(cand.pid)
            if seg.kind == "person":  # a real name: only a role a household name holds says it is a garble
                if (person.tier == 0 and _strong(person, roles, countries)
                        and cand.given_dist + cand.surname_dist <= CONTEXT_EDITS):
                    best = (cand, person, True)
                    break
                continue
            # context speaks for household names when the given name differs ("Jack Sullivan"), for
            # prominent people when the surname does ("Victoria Newland")
            reach = 0 if cand.given_dist else 1
            strong = person.tier <= reach and cand.given_dist + cand.surname_dist <= CONTEXT_EDITS and (
                _in_doc(cand, person, known_pids, surnames, gaz) or _strong(person, roles, countries))
            if _verdict(seg, cand, person, strong, gaz):
                best = (cand, person, strong)
                break
        if best is None:
            continue
        cand, person, strong = best
        suggestion = closest_form(person, seg)
        why = f"{person.name}, {person.label}" if person.label else person.name
        bad = seg.surname if cand.surname_dist else ""
        out.append((NameIssue(NEAR_MISS, start, end, suggestion, why), bad, cand.surname))
    return out


def _verdict(seg: Segment, cand: Candidate, person: Person, strong: bool, gaz: Gazetteer) -> bool:
    """Whether the evidence says ``seg`` is a garble of ``person`` (see the module docstring)."""
    given = seg.given
    if cand.given_dist > (2 if strong else max_edits(len(given))):
        return False
    if strong:
        return True
    if person.tier >= 2 or cand.other_middle or cand.gender_forms:
        return False  # another middle name or only a gendered ending: likely someone else
    if cand.surname_dist == 0:  # "Volodmir Zelensky", "Emanuel Macron"
        return distinctive_surname(cand.surname, gaz) and (cand.garble or cand.given_dist == 1)
    if cand.given_dist == 0:  # "Jen Pskai", "Ursula von der Leyden", "Benjamin Netanyahoo"
        # two edits make many real surnames ("Zhupikov" / Zhukov): only if it also sounds the same
        return (cand.garble and (cand.surname_dist == 1 or cand.sounds)) or cand.same_words >= 3
    return cand.garble and cand.given_dist + cand.surname_dist <= 2  # "Anthony Brinken"


def closest_form(person: Person, seg: Segment) -> str:
    """The person's accepted form nearest to what the article wrote.

    Forms with as many words as the written name come first; when there is none, the
    written name is corrected word by word ("Fernando Gonzaelz" -> "Fernando González",
    not the ambassador's full "Fernando Arias González").
    """
    written = " ".join(seg.words)
    forms = [f for f in person.forms if len(f.split()) >= 2] or [person.name]
    same_length = [f for f in forms if len(f.split()) == len(seg.words)]
    if same_length:
        return min(same_length, key=lambda f: (distance(fold(f), fold(written)), forms.index(f)))
    best = min(forms, key=lambda f: (distance(fold(f), fold(written)), forms.index(f)))
    words = best.split()
    out = list(seg.words)
    out[0], out[-1] = words[0], words[-1]
    return " ".join(out)


def _surname_followups(d: _Doc, gaz: Gazetteer, garbled: dict[str, tuple[str, str]]) -> list[NameIssue]:
    """Surname-only mentions of a garbled name ("Pskai also said"), and lone garbles of famous surnames."""
    out = []
    chosen = [(run, seg) for run, seg in d.singles if seg.lone is not None or seg.names[0] in garbled]
    for occ in d.occurrences(chosen):
        seg = occ.seg
        word = seg.names[0]
        start, end = occ.start + seg.start, occ.start + seg.end
        if word in garbled:
            good, why = garbled[word]
            out.append(NameIssue(NEAR_MISS, start, end, _display_surname(gaz, good), why))
        elif seg.lone is not None:
            pid, surname = seg.lone
            person = gaz.people.get(pid)
            out.append(NameIssue(NEAR_MISS, start, end, _display_surname(gaz, surname, person),
                                 f"{person.name}, {person.label}" if person.label else person.name))
    return out


def _display_surname(gaz: Gazetteer, folded: str, person: Person | None = None) -> str:
    """A surname as the gazetteer writes it ("mccaul" -> "McCaul")."""
    people = [person] if person else [gaz.people.get(pid) for pid, _ in gaz.people.with_surname(folded)[:3]]
    for p in people:
        for form in p.forms:
            words = form.split()
            if words and fold(words[-1]) == folded:
                return words[-1]
    return folded.title()


# ---------------------------------------------------------------------------------------------
# organisations


def _organisations(d: _Doc, gaz: Gazetteer) -> list[NameIssue]:
    """Known wrong renderings ("North Stream 2") and one-word garbles of organisations in the article."""
    out = []
    for occ in d.occurrences(d.wrong_orgs):
        org = gaz.orgs.entities[occ.seg.ref]
        right = _org_form(org.forms, occ.seg)
        out.append(NameIssue(ORG, occ.start + occ.seg.start, occ.start + occ.seg.end, right,
                             f"{org.name} is the name; '{' '.join(occ.seg.words)}' is a known mistranslation"))
    chosen = [(run, seg) for run, seg in d.org_hints
              if seg.org_hint is not None and (seg.org_hint[1] in d.orgs or not seg.org_hint[3])]
    for occ in d.occurrences(chosen):
        form, eid, _, _ = occ.seg.org_hint  # type: ignore[misc]
        org = gaz.orgs.entities[eid]
        out.append(NameIssue(ORG, occ.start + occ.seg.start, occ.start + occ.seg.end, form, f"{org.name} ({org.kind})"))
    return out


def _org_form(forms: tuple[str, ...], seg: Segment) -> str:
    written = fold(" ".join(seg.words))
    return min(forms, key=lambda f: (distance(fold(f), written), forms.index(f)))


# ---------------------------------------------------------------------------------------------
# in-article consistency


@dataclass
class _Form:
    display: str
    count: int = 0
    givens: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    refs: set[int] = field(default_factory=set)


def _near_pairs(words: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of surnames (same first letter, four letters or more) within a garble's reach."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for w in words:
        if len(w) >= 4:
            by_letter[w[0]].append(w)
    out = []
    for group in by_letter.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                limit = max_edits(min(len(a), len(b)))
                if limit and abs(len(a) - len(b)) <= limit and distance(a, b, limit) <= limit:
                    out.append((a, b))
    return out


def _inconsistencies(d: _Doc, gaz: Gazetteer) -> list[NameIssue]:
    out: list[NameIssue] = _place_variants(d)
    pairs = _near_pairs(d.surnames)
    if not pairs:
        return out
    involved = {w for pair in pairs for w in pair}
    forms: dict[str, _Form] = {}
    for run, seg in d.names:
        if seg.names[-1] in involved:
            word = seg.names[-1]
            f = forms.get(word)
            if f is None:
                f = forms[word] = _Form(seg.surname_text or word)
            f.count += d.counts[run]
            f.kinds.add(seg.kind)
            if seg.kind == "person":
                f.refs.add(seg.ref)
            if len(seg.names) >= 2:
                f.givens.add(seg.names[0])

    def honorific(word: str) -> bool:
        for occ in d.occurrences((run, seg) for run, seg in d.singles if seg.names == (word,)):
            start = occ.start + occ.seg.start
            if _HONORIFIC.search(d.text, max(0, start - 6), start):
                return True
        return False

    verdicts: dict[str, tuple[str, str, str]] = {}
    for a, b in pairs:
        if a in forms and b in forms:
            v = _pair_verdict(a, forms[a], b, forms[b], gaz, honorific)
            if v is not None and v[0] not in verdicts:
                wrong, right, kind = v
                verdicts[wrong] = (right, kind, forms[right].display)
    if not verdicts:
        return out
    for occ in d.occurrences((run, seg) for run, seg in d.names if seg.names[-1] in verdicts):
        right, kind, display = verdicts[occ.seg.surname]
        s, e = occ.seg.surname_span()
        wrong_display = occ.seg.surname_text
        reason = (f"the article also writes '{display}'" if kind == INCONSISTENT
                  else f"'{display}' and '{wrong_display}' are both accepted; the article uses '{display}' more")
        out.append(NameIssue(kind, occ.start + s, occ.start + e, display, reason))
    return out


def _pair_verdict(a: str, fa: _Form, b: str, fb: _Form, gaz: Gazetteer,
                  honorific: object) -> tuple[str, str, str] | None:
    """(wrong form, right form, kind) when surnames ``a`` and ``b`` look like one name spelt two ways.

    ``honorific(word)`` says whether the article writes "Mr."/"Ms." before the lone surname
    ``word``: "Mr. Glazer" refers back to someone introduced earlier.
    """
    limit = max_edits(min(len(a), len(b)))
    if limit == 0 or distance(a, b, limit) > limit:
        return None
    if fa.givens and fb.givens and not any(given_compatible(x, y, gaz) for x in fa.givens for y in fb.givens):
        return None  # two people: "Alan Johnson" and "Boris Johnston"
    if same_surname(a, b) or (fa.refs & fb.refs):
        wrong, right = (a, b) if (fa.count, a) < (fb.count, b) else (b, a)
        return wrong, right, VARIANT
    if a.startswith(b) or b.startswith(a):
        return None  # "Mexican" / "Mexicans", "Bryan" / "Bryans": forms of one word
    if zipf(a) >= 4.0 or zipf(b) >= 4.0:
        return None  # "Union" / "Unison", "Britain" / "Briton": words, not names
    ka, kb = _known(a, fa, gaz), _known(b, fb, gaz)
    if ka and kb:
        return None
    sounds = skeleton(a) == skeleton(b)
    if ka or kb:  # "Psaki" (a known person) and "Pskai" (no one)
        wrong, right = (b, a) if ka else (a, b)
        fw, fr = (fb, fa) if ka else (fa, fb)
        if "person" in fw.kinds and fw.refs:
            return None
        if attested(wrong, gaz) and not (sounds and not fw.givens and fw.count <= fr.count and honorific(wrong)):
            return None  # "Dowson" beside "Dawson" in a team list: two real names
        return wrong, right, INCONSISTENT
    # neither is known: the form never introduced, or much rarer, is wrong
    if fa.givens and not fb.givens and honorific(b):  # type: ignore[operator]
        wrong, right = b, a
    elif fb.givens and not fa.givens and honorific(a):  # type: ignore[operator]
        wrong, right = a, b
    elif sounds and min(len(a), len(b)) >= 6 and min(fa.count, fb.count) == 1 and max(fa.count, fb.count) >= 2:
        wrong, right = (a, b) if fa.count < fb.count else (b, a)
        if attested(wrong, gaz):
            return None
    else:
        return None
    if zipf(wrong) >= 3.5:
        return None
    return wrong, right, INCONSISTENT


def _known(word: str, form: _Form, gaz: Gazetteer) -> bool:
    """Whether a surname, with the given names the article uses with it, is a known person's."""
    if form.refs:
        return True
    holders = gaz.people.with_surname(word)
    if form.givens:
        return any(given_compatible(g, pfirst, gaz) for g in form.givens for _, pfirst in holders)
    return any(gaz.people.tier(pid) <= 1 for pid, _ in holders)


def _place_variants(d: _Doc) -> list[NameIssue]:
    """Two accepted names of one place in one article (Kiev and Kyiv): note the rarer."""
    places: dict[int, Counter[str]] = defaultdict(Counter)
    display: dict[str, str] = {}
    for run, seg in d.places:
        places[seg.ref][seg.folded[0]] += d.counts[run]
        display[seg.folded[0]] = seg.words[0]
    out = []
    for ref, counts in places.items():
        if len(counts) < 2:
            continue
        (major, _), *minors = counts.most_common()
        name = load_places().get(ref).name
        for minor, _ in minors:
            for occ in d.occurrences((run, seg) for run, seg in d.places if seg.folded == (minor,)):
                out.append(NameIssue(VARIANT, occ.start + occ.seg.start, occ.start + occ.seg.end, display[major],
                                     f"{display[major]} and {display[minor]} both name {name}; "
                                     f"the article uses {display[major]} more"))
    return out


__all__ = ["Analysis", "NameIssue", "analyse", "closest_form", "context_after", "context_before", "name_words"]
