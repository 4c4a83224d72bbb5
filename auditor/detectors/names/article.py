"""An article's names, sorted once for the NM rules, and the issue type they report.

``ArticleNames`` runs the one regex pass over an article, looks each distinct run up in the
cache of ``runs`` and sorts the segments by what the rules need (people with
candidates, lone surnames, organisations, places); it finds where a run stands only when a
rule asks.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.detectors.names.gazetteer import Gazetteer
from auditor.detectors.names.runs import RUN, Segment, analyse_run

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


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place in the text where a segment of a run stands."""

    run: str
    start: int
    """Offset of the run in the text."""
    seg: Segment


class ArticleNames:
    """The article's runs and segments, sorted once by what the rules need of them."""

    def __init__(self, text: str, gaz: Gazetteer, runs: dict[str, list[int]] | None = None) -> None:
        self.text = text
        self.gaz = gaz
        if runs is None:
            self.counts = Counter(RUN.findall(text))
        else:  # the document's shared scan (``capital_runs``): the same runs, in the same order
            self.counts = Counter({run: len(at) for run, at in runs.items()})
        self.segments = {run: analyse_run(run, gaz) for run in self.counts}
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

    def occurrences(self, chosen: Iterable[tuple[str, Segment]]) -> list[Occurrence]:
        """Every place in the text where one of the ``chosen`` (run, segment) pairs stands."""
        return [Occurrence(run, p, seg) for run, seg in chosen for p in self.positions(run)]


#: The text before a position continues a run of capitalised words (so a run cannot start there).
_INSIDE_RUN = re.compile(r"(?:[\w'’-]|[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]* )$")
