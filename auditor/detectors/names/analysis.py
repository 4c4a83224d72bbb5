"""One pass over an article's names, shared by the NM rules: what is misspelt, and how.

``analyse(doc)`` finds every run of capitalised words (one regex pass), looks each
distinct run up in the cache of ``runs``, and then weighs what only the article
can say:

- a near-miss of a known person is reported when the evidence is strong enough: a role
  nearby that the person holds ("national security adviser Jack Sullivan"), the correct
  name elsewhere in the article, or - for prominent people only - a differing word that
  is no real word or name ("Anthony Brinken", "Volodmir Zelensky");
- organisations: known mistranslations ("North Stream 2") and garbles ("Xinhau");
- a surname spelt two ways in the article, and accepted variants mixed in it (Kiev /
  Kyiv): see ``consistency``.

A name that is merely unknown is never reported: most people in the news are in no
gazetteer.  The result is computed once per document and shared by the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.detectors.names.article import NEAR_MISS, ORG, ArticleNames, NameIssue
from auditor.detectors.names.candidates import (
    TRANSLITERATED,
    Candidate,
    accepted_transliteration,
    distinctive_surname,
    given_compatible,
)
from auditor.detectors.names.consistency import inconsistencies
from auditor.detectors.names.context import (
    WEAK_ROLES,
    article_year,
    country_cues,
    occupation,
    role_classes,
    start_year,
)
from auditor.detectors.names.gazetteer import Gazetteer, Person, load, name_words
from auditor.detectors.names.runs import Segment, capital_runs
from auditor.detectors.names.text import distance, fold, max_edits
from auditor.document import Document, per_document


@dataclass
class Analysis:
    issues: list[NameIssue] = field(default_factory=list)

    def of(self, kind: str) -> list[NameIssue]:
        return [i for i in self.issues if i.kind == kind]


@per_document
def _analyses(doc: Document) -> dict[Gazetteer, Analysis]:
    return {}


def analyse(doc: Document, gaz: Gazetteer | None = None) -> Analysis:
    """The names analysis of ``doc``, computed on first use and shared by the name rules.

    ``gaz`` is the gazetteer the rules read (``for_tables``: house rows included); the
    built-in one by default.
    """
    gaz = gaz or load()
    done = _analyses(doc)
    if gaz not in done:
        done[gaz] = _analyse(doc.text, gaz, capital_runs(doc))
    return done[gaz]


def _analyse(text: str, gaz: Gazetteer, runs: dict[str, list[int]] | None = None) -> Analysis:
    d = ArticleNames(text, gaz, runs)
    result = Analysis()
    flagged: list[tuple[int, int]] = []

    def add(issue: NameIssue) -> None:
        if not any(s < issue.end and issue.start < e for s, e in flagged):
            flagged.append((issue.start, issue.end))
            result.issues.append(issue)

    known_pids, surnames = d.known_pids, d.surnames
    garbled: dict[str, tuple[str, str]] = {}
    year = article_year(text)
    for issue, bad_surname, good_surname in _near_misses(d, gaz, known_pids, surnames, year):
        add(issue)
        if bad_surname:
            garbled[bad_surname] = (good_surname, issue.reason)
    for issue in _organisations(d, gaz):
        add(issue)
    for issue in _surname_followups(d, gaz, garbled, year):
        add(issue)
    for issue in inconsistencies(d, gaz):
        add(issue)
    result.issues.sort(key=lambda i: (i.start, i.kind))
    return result


# ---------------------------------------------------------------------------------------------
# near-misses of known people

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
        if before[m.end() :].strip() and (m.group() != "," or before[m.end() : run_start - lo].strip()):
            cut = max(cut, m.end())
    return before[cut:]


def sentence_before(text: str, name_start: int) -> str:
    """The words of the sentence before a name, up to 100 characters (an office that holds "and":
    "Minister of Industry and Trade Milan Urban")."""
    lo = max(0, name_start - 100)
    before = text[lo:name_start]
    cut = before.rfind("\n") + 1
    for m in _SENTENCE_END.finditer(before):
        cut = max(cut, m.end())
    return before[cut:]


def context_after(text: str, end: int) -> str:
    """An apposition after a name: ", the national security adviser,"."""
    after = text[end : end + 80]
    if not after.startswith(","):
        return ""
    stop = min((i for i in (after.find(",", 1), after.find(".", 1), after.find("\n")) if i > 0), default=len(after))
    return after[1:stop]


def _strong(person: Person, roles: frozenset[str], countries: frozenset[str]) -> bool:
    """Whether a role named around the name is one the person held (and no other country is named)."""
    if not (roles - WEAK_ROLES) & person.roles:
        return False
    return not (countries and person.countries and not countries & person.countries)


def _in_doc(
    cand: Candidate, person: Person, known_pids: set[int], surnames: dict[str, set[str]], gaz: Gazetteer
) -> bool:
    """Whether the article names the candidate correctly elsewhere (and no namesake of theirs)."""
    if cand.pid in known_pids:
        return True
    if cand.surname_dist == 0 or cand.surname not in surnames:
        return False
    pfirst = name_words(fold(person.name))[0]
    return all(given_compatible(g, pfirst, gaz) for g in surnames[cand.surname])


#: Edits a name may differ by from a known person's when a role or the article points at them.
CONTEXT_EDITS = 2


def later(person: Person, year: int | None) -> bool:
    """Whether the person's office in the gazetteer starts after the article's year (when known)."""
    if year is None:
        return False
    start = start_year(person.label)
    return start is not None and start > year


def _near_misses(
    d: ArticleNames, gaz: Gazetteer, known_pids: set[int], surnames: dict[str, set[str]], year: int | None = None
) -> list[tuple[NameIssue, str, str]]:
    out = []
    for occ in d.occurrences(d.candidates):
        seg = occ.seg
        start, end = occ.start + seg.start, occ.start + seg.end
        before = context_before(d.text, occ.start, start)
        ctx = before + " " + context_after(d.text, end)
        roles, countries = role_classes(ctx), country_cues(before)
        occupied = occupation(ctx)
        if seg.kind == "person" and _strong(gaz.people.get(seg.ref), roles, countries):
            continue  # a known person, in a role they hold
        best = None
        for cand in seg.candidates:
            person = gaz.people.get(cand.pid)
            if (
                cand.surname_dist
                and cand.given_dist == 0
                and accepted_transliteration(
                    seg.names[-1], cand.surname, gaz, origin=bool(person.countries & TRANSLITERATED)
                )
            ):
                continue  # another accepted spelling of the name (NM104 if the article mixes them)
            if later(person, year):
                continue  # the office starts after the article: it cannot be the person meant
            if person.tier == 2:
                # another office holder: only with the given name exact, a surname no one bears, and
                # a role named that they hold ("Mayor of Vancouver Gregor Rabertson")
                if (
                    cand.given_dist == 0
                    and cand.garble
                    and cand.surname_dist <= CONTEXT_EDITS
                    and not cand.other_middle
                    and (_strong(person, roles, countries) or post_named(person, sentence_before(d.text, start)))
                ):
                    best = (cand, person, True)
                    break
                continue
            if (
                occupied
                and not (roles - WEAK_ROLES) & person.roles
                and not _in_doc(cand, person, known_pids, surnames, gaz)
            ):
                continue  # "news director Tom Bevan" is no company chairman: the role disagrees
            if seg.kind == "person":  # a real name: only a role a household name holds says it is a garble
                if (
                    person.tier == 0
                    and _strong(person, roles, countries)
                    and cand.given_dist + cand.surname_dist <= CONTEXT_EDITS
                ):
                    best = (cand, person, True)
                    break
                continue
            # context speaks for household names when the given name differs ("Jack Sullivan"), for
            # prominent people when the surname does ("Victoria Newland")
            reach = 0 if cand.given_dist else 1
            strong = (
                person.tier <= reach
                and cand.given_dist + cand.surname_dist <= CONTEXT_EDITS
                and (_in_doc(cand, person, known_pids, surnames, gaz) or _strong(person, roles, countries))
            )
            if _verdict(seg, cand, person, strong, gaz):
                best = (cand, person, strong)
                break
        if best is None:
            continue
        cand, person, strong = best
        suggestion = closest_form(person, seg)
        why = person_reason(person)
        bad = seg.surname if cand.surname_dist else ""
        out.append((NameIssue(NEAR_MISS, start, end, suggestion, why), bad, cand.surname))
    return out


_POST_WORD = re.compile(r"[^\W\d_]+")
_POST_SMALL = frozenset(["of", "the", "for", "and", "to", "in", "on", "at", "a", "an", "de", "del", "la"])


def post_named(person: Person, context: str) -> bool:
    """Whether the words around a name spell the person's post in the gazetteer, in any order: every
    content word of it, two at least ("Transport Minister" for "Minister of Transport, Russia",
    "Governor of Toyama Prefecture"). More specific than a role class: it names the office."""
    post = person.label.split(", ")[0] if person.label else ""
    words = {w for w in _POST_WORD.findall(fold(post)) if w not in _POST_SMALL}
    if len(words) < 2:
        return False
    return words <= set(_POST_WORD.findall(fold(context)))


def person_reason(person: Person) -> str:
    """Who the suggestion names, without repeating the name the message already gives."""
    return person.label or "a public figure in the gazetteer"


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


def _surname_followups(
    d: ArticleNames, gaz: Gazetteer, garbled: dict[str, tuple[str, str]], year: int | None = None
) -> list[NameIssue]:
    """Surname-only mentions of a garbled name ("Pskai also said"), and lone garbles of famous surnames.

    A lone garble is corrected only when something else in the article agrees that it is that
    person: their given name, a role of theirs around it, or a country of theirs named in the
    article; an occupation around it that is no office of theirs says it is someone else.
    """
    out = []
    cues: frozenset[str] | None = None
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
            if later(person, year):
                continue
            ctx = context_before(d.text, occ.start, start) + " " + context_after(d.text, end)
            roles = role_classes(ctx) - WEAK_ROLES
            if occupation(ctx) and not roles & person.roles:
                continue
            if cues is None:
                cues = country_cues(d.text)
            given = name_words(fold(person.name))[0]
            if not (
                roles & person.roles
                or cues & person.countries
                or any(given_compatible(g, given, gaz) for gs in d.surnames.values() for g in gs)
                or re.search(rf"(?<!\w){re.escape(given)}(?!\w)", d.text, re.IGNORECASE)
            ):
                continue
            out.append(NameIssue(NEAR_MISS, start, end, _display_surname(gaz, surname, person), person_reason(person)))
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


def _organisations(d: ArticleNames, gaz: Gazetteer) -> list[NameIssue]:
    """Known wrong renderings ("North Stream 2") and one-word garbles of organisations in the article."""
    out = []
    for occ in d.occurrences(d.wrong_orgs):
        org = gaz.orgs.entities[occ.seg.ref]
        right = _org_form(org.forms, occ.seg)
        out.append(
            NameIssue(
                ORG, occ.start + occ.seg.start, occ.start + occ.seg.end, right, "a known mistranslation of the name"
            )
        )
    chosen = [
        (run, seg)
        for run, seg in d.org_hints
        if seg.org_hint is not None and (seg.org_hint[1] in d.orgs or not seg.org_hint[3])
    ]
    for occ in d.occurrences(chosen):
        form, eid, _, _ = occ.seg.org_hint  # type: ignore[misc]
        org = gaz.orgs.entities[eid]
        out.append(
            NameIssue(
                ORG,
                occ.start + occ.seg.start,
                occ.start + occ.seg.end,
                form,
                f"the name of {ORG_KINDS.get(org.kind, 'an organisation')} with one word misspelt",
            )
        )
    return out


#: How NM102 names an organisation's kind (the ``kind`` column of names/curated_orgs).
ORG_KINDS = {
    "company": "a company",
    "intl": "an international organisation",
    "agency": "an agency",
    "media": "a news organisation",
    "party": "a political party",
    "infra": "named infrastructure",
    "group": "a group",
}


def _org_form(forms: tuple[str, ...], seg: Segment) -> str:
    written = fold(" ".join(seg.words))
    return min(forms, key=lambda f: (distance(fold(f), written), forms.index(f)))


# ---------------------------------------------------------------------------------------------
# in-article consistency


__all__ = ["NEAR_MISS", "ORG", "Analysis", "NameIssue", "analyse", "closest_form", "context_after", "context_before"]
