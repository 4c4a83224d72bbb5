"""In-article consistency (NM103, NM104): one name spelt two ways in one article.

The surnames of an article are compared in pairs within a garble's reach; for each pair
the form that is wrong is decided from what the gazetteer knows, which form is introduced
with a given name, and which is rarer.  Accepted variants of one person or place (Kiev /
Kyiv) are noted at the rarer form instead.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from auditor.detectors.names.article import INCONSISTENT, VARIANT, ArticleNames, NameIssue
from auditor.detectors.names.candidates import accepted_transliteration, attested, given_compatible, zipf
from auditor.detectors.names.gazetteer import Gazetteer, load_places
from auditor.detectors.names.text import distance, max_edits, same_surname, skeleton

_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Mx)\.?\s$")


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
        if len(w) >= 4:  # al-Assad and el-Assad meet under the letter after the article
            by_letter[w[3] if w.startswith(("al-", "el-")) and len(w) > 4 else w[0]].append(w)
    out = []
    for group in by_letter.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                limit = max_edits(min(len(a), len(b)))
                if limit and abs(len(a) - len(b)) <= limit and distance(a, b, limit) <= limit:
                    out.append((a, b))
    return out


def inconsistencies(d: ArticleNames, gaz: Gazetteer) -> list[NameIssue]:
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
        reason = (
            f"the article also writes '{display}'"
            if kind == INCONSISTENT
            else f"'{display}' and '{wrong_display}' are both accepted; the article uses '{display}' more"
        )
        out.append(NameIssue(kind, occ.start + s, occ.start + e, display, reason))
    return out


def _pair_verdict(
    a: str, fa: _Form, b: str, fb: _Form, gaz: Gazetteer, honorific: Callable[[str], bool]
) -> tuple[str, str, str] | None:
    """(wrong form, right form, kind) when surnames ``a`` and ``b`` look like one name spelt two ways.

    ``honorific(word)`` says whether the article writes "Mr."/"Ms." before the lone surname
    ``word``: "Mr. Glazer" refers back to someone introduced earlier.
    """
    limit = max_edits(min(len(a), len(b)))
    if limit == 0 or distance(a, b, limit) > limit:
        return None
    if fa.givens and fb.givens and not any(given_compatible(x, y, gaz) for x in fa.givens for y in fb.givens):
        return None  # two people: "Alan Johnson" and "Boris Johnston"
    if same_surname(a, b) or (fa.refs & fb.refs) or accepted_transliteration(a, b, gaz):
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
    if fa.givens and not fb.givens and honorific(b):
        wrong, right = b, a
    elif fb.givens and not fa.givens and honorific(a):
        wrong, right = a, b
    elif sounds and min(len(a), len(b)) >= 6 and min(fa.count, fb.count) == 1 and max(fa.count, fb.count) >= 2:
        wrong, right = (a, b) if fa.count < fb.count else (b, a)
        if attested(wrong, gaz):
            return None
    else:
        return None
    if zipf(wrong) >= 3.5:
        return None
    if zipf(right) >= 3.5 and attested(wrong, gaz):
        # the introduced form is a common word or a town ("Robert Preston") and the other a real
        # rare surname ("Mr Peston"): a spell-checker turns rare names into words, so either may be
        # the slip, and no form is reported
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


_GLOSS = re.compile(r"(?:\(|\b(?:formerly|previously|once|then|also known as|known as|or)\s+)$", re.IGNORECASE)


def gloss(text: str, start: int) -> bool:
    """Whether the name at ``start`` is glossed as another name of the place just named: in
    brackets after it ("Mumbai (Bombay)") or after "formerly", "known as" ("Kyiv, formerly Kiev")."""
    return _GLOSS.search(text, max(0, start - 20), start) is not None


def _place_variants(d: ArticleNames) -> list[NameIssue]:
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
                if gloss(d.text, occ.start + occ.seg.start):
                    continue  # "Mumbai (Bombay)", "Kyiv, formerly Kiev": the old name given on purpose
                out.append(
                    NameIssue(
                        VARIANT,
                        occ.start + occ.seg.start,
                        occ.start + occ.seg.end,
                        display[major],
                        f"{display[major]} and {display[minor]} both name {name}; "
                        f"the article uses {display[major]} more",
                    )
                )
    return out
