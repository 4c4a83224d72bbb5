"""NM105: a name the rest of a batch spells otherwise (a second pass over a run's documents).

One article that writes "Pskai" where fifty others write "Psaki" is most likely wrong,
even when that article never writes the name correctly itself.  The check needs the
whole batch, so it runs in two steps that keep memory small:

    mentions = collect(doc)                    # per document, while the run goes on
    hits = judge({path: mentions, ...})        # once, after the run: {path: [Hit, ...]}

``collect`` keeps only the surnames of a document (spelling, given name, spans): a few
dozen short tuples, picklable, so workers can send them back to the parent process.
``judge`` compares rare spellings with frequent ones and reports each rare spelling that
is one or two edits from a spelling most of the batch uses, unless it is an accepted
variant (Zelensky / Zelenskyy), a form of the same word (Bryan / Bryans), a common word,
or evidently another person (another given name, or a real name of its own used alone).

The rule's examples (and ``batch_in_text``) treat the form-feed-separated parts of one
text as the documents of a batch.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from auditor.detectors.names.candidates import accepted_transliteration, attested, given_compatible, zipf
from auditor.detectors.names.context import country_cues
from auditor.detectors.names.gazetteer import Gazetteer, NameTables, load
from auditor.detectors.names.runs import analyse_run, capital_runs
from auditor.detectors.names.text import distance, fold, max_edits, same_surname, skeleton
from auditor.document import Document
from auditor.model import Edit, Hit
from auditor.registry import detector

#: A document's surnames: (folded surname, as written, folded given names used with it, spans).
Mention = tuple[str, str, tuple[str, ...], tuple[tuple[int, int], ...]]


def collect(doc: Document, gaz: Gazetteer | None = None) -> tuple[Mention, ...]:
    """The surnames of ``doc`` with where they stand: what ``judge`` needs, and nothing more."""
    gaz = gaz or load()
    found: dict[str, tuple[str, set[str], list[tuple[int, int]]]] = {}
    for run, starts in capital_runs(doc).items():  # each distinct run once, with where it stands
        for word, shown, given, s, e in _run_mentions(run, gaz):
            entry = found.get(word)
            if entry is None:
                entry = found[word] = (shown, set(), [])
            if given:
                entry[1].add(given)
            entry[2].extend((at + s, at + e) for at in starts)
    return tuple(
        (word, shown, tuple(sorted(givens)), tuple(sorted(spans))) for word, (shown, givens, spans) in found.items()
    )


@lru_cache(maxsize=8192)
def _run_mentions(run: str, gaz: Gazetteer) -> tuple[tuple[str, str, str, int, int], ...]:
    """(folded surname, as written, folded given name or "", start, end in the run) of a run's names."""
    out = []
    for seg in analyse_run(run, gaz):
        if seg.kind not in ("person", "name") or seg.last < 0:
            continue
        word = seg.names[-1]
        if len(word) < 4 or "-" in word or seg.surname_text.isupper():
            continue  # acronyms ("RNID", "CVRD") are no surnames
        if len(seg.names) == 1 and zipf(word) >= 3.0:
            continue  # a lone capitalised word that is a common word ("Changes") is no name
        s, e = seg.surname_span()
        out.append((word, seg.surname_text, seg.names[0] if len(seg.names) >= 2 else "", s, e))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Spelling:
    word: str
    shown: str
    docs: int
    givens: Counter[str]
    mentions: int = 0


def topic(doc: Document, mentions: Sequence[Mention]) -> frozenset[str]:
    """What a document is about, as far as names tell: the rarer words of its capitalised runs
    (people, places, teams, organisations), its surnames and the countries it names."""
    words = frozenset[str]().union(*map(_topic_words, capital_runs(doc)))
    return words | frozenset(m[0] for m in mentions) | country_cues(doc.text)


@lru_cache(maxsize=8192)
def _topic_words(run: str) -> frozenset[str]:
    """The rarer words of one capitalised run (cached: runs recur across documents)."""
    return frozenset(w for w in map(fold, run.split()) if len(w) >= 3 and zipf(w) < 4.0)


#: Topic cues a document must share with one document of the batch's spelling when it writes the
#: name without a given name: a lone surname may be someone else ("Priscott for Roberts" in a
#: rugby team list is no Prescott of the politics pages).
TOPIC_CUES = 2


def _on_topic(
    path: str, word: str, right: str, topics: Mapping[str, frozenset[str]], docs_of: Mapping[str, list[str]]
) -> bool:
    mine = topics.get(path, frozenset()) - {word, right}
    return any(len(mine & topics.get(other, frozenset())) >= TOPIC_CUES for other in docs_of.get(right, ()))


def judge(
    mentions_by_path: Mapping[str, Sequence[Mention]],
    *,
    min_docs: int = 3,
    share: float = 0.75,
    gaz: Gazetteer | None = None,
    topics: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, list[Hit]]:
    """Rare spellings of names the batch spells otherwise: {path: hits} (paths without hits left out).

    A spelling is reported when another spelling within a garble's reach is used by at
    least ``min_docs`` documents and by at least ``share`` of the documents using either.
    With ``topics`` (``topic`` of each document), a document that writes the name without
    a given name must share ``TOPIC_CUES`` cues with one document of the batch's spelling. The
    batch's spelling must also be written more often than the document writes its own: a form an
    article repeats throughout ("James Hardie" seven times) is its writer's choice, not a slip.
    """
    gaz = gaz or load()
    spellings = _spellings(mentions_by_path.values())
    fixes = _fixes(spellings, min_docs=min_docs, share=share, gaz=gaz)
    docs_of: dict[str, list[str]] = defaultdict(list)
    if topics is not None and fixes:
        wanted = set(fixes.values())
        for path, mentions in mentions_by_path.items():
            for m in mentions:
                if m[0] in wanted:
                    docs_of[m[0]].append(path)
    out: dict[str, list[Hit]] = {}
    for path, mentions in mentions_by_path.items():
        hits: list[Hit] = []
        for word, _, given, spans in mentions:
            fix = fixes.get(word)
            if fix is None:
                continue
            if topics is not None and not given and not _on_topic(path, word, fix, topics, docs_of):
                continue
            if spellings[fix].mentions <= len(spans):
                continue  # an article that writes its form again and again means it ("James Hardie" x7)
            right = spellings[fix]
            reason = f"{right.docs} other documents of the batch write '{right.shown}'"
            hits.extend(
                Hit(
                    s,
                    e,
                    suggestion=right.shown,
                    fields={"suggestion": right.shown, "reason": reason},
                    edits=(Edit(s, e, right.shown),),
                )
                for s, e in spans
            )
        if hits:
            out[path] = sorted(hits, key=lambda h: (h.start or 0, h.end or 0))
    return out


def _spellings(batches: Iterable[Sequence[Mention]]) -> dict[str, _Spelling]:
    docs: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    givens: dict[str, Counter[str]] = defaultdict(Counter)
    for mentions in batches:
        for word, written, given, spans in mentions:
            docs[word] += 1
            shown[word][written] += len(spans)
            givens[word].update(given)
    return {
        w: _Spelling(w, shown[w].most_common(1)[0][0], n, givens[w], sum(shown[w].values())) for w, n in docs.items()
    }


def _fixes(spellings: Mapping[str, _Spelling], *, min_docs: int, share: float, gaz: Gazetteer) -> dict[str, str]:
    """Rare spelling -> the frequent spelling it should be."""
    frequent: dict[tuple[str, int], list[str]] = defaultdict(list)
    for word, sp in spellings.items():
        # the batch's spelling must be a name: written with a given name, or a prominent person's surname
        if sp.docs >= min_docs and (
            sp.givens or any(gaz.people.tier(pid) <= 1 for pid, _ in gaz.people.with_surname(word))
        ):
            frequent[(word[0], len(word))].append(word)
    if not frequent:
        return {}
    out = {}
    for word, sp in spellings.items():
        limit = max_edits(len(word))
        if limit == 0 or sp.docs >= min_docs or zipf(word) >= 3.0:
            continue
        choices = [c for n in range(len(word) - limit, len(word) + limit + 1) for c in frequent.get((word[0], n), ())]
        if not choices:
            continue
        near = process.extract(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None)
        for right, _, _ in sorted(near, key=lambda r: (r[1], -spellings[r[0]].docs)):
            major = spellings[right]
            if major.docs < share * (major.docs + sp.docs) or not _same_name(sp, major, min_docs=min_docs, gaz=gaz):
                continue
            out[word] = right
            break
    return out


def _same_name(minor: _Spelling, major: _Spelling, *, min_docs: int, gaz: Gazetteer) -> bool:
    """Whether the rare spelling plausibly means the frequent one (and is not an accepted variant)."""
    a, b = minor.word, major.word
    if same_surname(a, b) or a.startswith(b) or b.startswith(a) or accepted_transliteration(a, b, gaz):
        return False  # Zelensky / Zelenskyy; Bryan / Bryans; Abbas / Abas
    if distance(a, b) > 1 and skeleton(a) != skeleton(b):
        return False  # two edits apart and sounding different: Collier / Collins
    if minor.givens and major.givens:
        top = major.givens.most_common(1)[0][0]
        if not any(given_compatible(g, top, gaz) for g in minor.givens):
            return False  # "Boris Johnston" is not Alan Johnson
        return not attested(a, gaz) or any(g == top for g in minor.givens)
    # alone, only a one-edit garble that is no word or name ("Rodick", "Daveport") of a name the
    # batch uses often: a real name ("Mr Johnston"), a sound-alike ("Podder" / Potter), a short
    # word ("Elwa" / Elia) or a company ("Finjan" / Finnan) may be someone or something else
    prominent = any(gaz.people.tier(pid) <= 1 for pid, _ in gaz.people.with_surname(b))
    return (
        len(a) >= 5
        and major.docs >= (min_docs if prominent else 2 * min_docs)
        and distance(a, b) == 1
        and not attested(a, gaz)
    )


@dataclass(frozen=True)
class BatchNames(NameTables):
    """Options of NM105: how many documents must agree on a spelling, and what share of those using either."""

    min_docs: int = 3
    share: float = 0.75


#: What a worker sends back for one document: its mentions, its line starts and the text of each span.
Collected = tuple[tuple[Mention, ...], tuple[int, ...], dict[tuple[int, int], str], frozenset[str]]


def collect_batch(doc: Document, options: BatchNames) -> Collected | None:
    """``collect`` with what the engine needs to place a finding once the text is gone."""
    mentions = collect(doc, options.gazetteer())
    if not mentions:
        return None
    text = doc.text
    snippets = {span: text[span[0] : span[1]] for m in mentions for span in m[3]}
    return mentions, tuple(doc.line_starts), snippets, topic(doc, mentions)


def judge_batch(
    collected: Sequence[tuple[object, Collected]], options: BatchNames
) -> Iterator[tuple[object, Hit, tuple[int, int], str]]:
    """``judge`` over what every document of a run gave: (key, hit, (line, column), text)."""
    by_key: dict[Any, Collected] = dict(collected)  # keys are record identities, used as judge's paths
    found = judge(
        {k: v[0] for k, v in by_key.items()},
        min_docs=options.min_docs,
        share=options.share,
        gaz=options.gazetteer(),
        topics={k: v[3] for k, v in by_key.items()},
    )
    for key, hits in found.items():
        _, starts, snippets, _ = by_key[key]
        for h in hits:
            assert h.start is not None and h.end is not None
            line = bisect.bisect_right(starts, h.start) - 1
            yield key, h, (line + 1, h.start - starts[line] + 1), snippets.get((h.start, h.end), "")


@detector("names.batch_in_text", options=BatchNames, collect=collect_batch, judge=judge_batch)
def batch_in_text(doc: Document, options: BatchNames) -> Iterator[Hit]:
    """NM105 on one text whose form-feed-separated parts stand for the documents of a batch."""
    text = doc.text
    if "\f" not in text:
        return
    gaz = options.gazetteer()
    mentions: dict[str, tuple[Mention, ...]] = {}
    topics: dict[str, frozenset[str]] = {}
    offsets: dict[str, int] = {}
    start = 0
    for i, part in enumerate(text.split("\f")):
        key = str(i)
        part_doc = Document(part)
        mentions[key] = collect(part_doc, gaz)
        topics[key] = topic(part_doc, mentions[key])
        offsets[key] = start
        start += len(part) + 1
    found = judge(mentions, min_docs=options.min_docs, share=options.share, gaz=gaz, topics=topics)
    for key, hits in found.items():
        base = offsets[key]
        for h in hits:
            s, e = base + (h.start or 0), base + (h.end or 0)
            yield Hit(s, e, suggestion=h.suggestion, fields=h.fields, edits=(Edit(s, e, h.suggestion or ""),))
