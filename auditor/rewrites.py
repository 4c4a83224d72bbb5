"""Rewrite clusters: near-duplicate and spun copies of one story across a batch.

Two signatures are taken of each document, in the worker that audits it (the
text never leaves the worker):

* a **MinHash** of its word 4-shingles (datasketch): copies and light edits
  share most of their shingles, and LSH banding (datasketch's bands and rows)
  finds them without comparing every pair;
* a **fingerprint** that survives spinning: the rare words an article keeps
  when its wording changes (names, places, figures, technical terms), each
  weighted by how rare it is in general English (wordfreq's Zipf scale), the
  128 rarest kept.  Two copies of one story share their Ushakov, Psaki and
  70,000 however their sentences were reworded.

At the end of the run the candidate pairs (LSH buckets, and documents sharing
one of their 24 rarest words while at most 32 documents hold it) are scored by the weighted Jaccard similarity
of their fingerprints, and clustered by complete linkage: every member is
similar to every other, so a chain of loosely related stories never merges.
How similar two documents must be depends on whether they look rewritten
(a translation-category warning or error): spinning and round-trip
translation replace most words, so two such copies keep only part of their
rare words (``SPUN``); an edited original and a spun copy must share more
(``MIXED``); two clean articles must be near copies (``CLEAN``).  The member
that looks like the original is the earliest by date when every member has
one, else the best-scoring.  Memory grows with the documents (about 1.4 KB
each, packed in flat arrays), never with their text; candidate pairs are
scored in bounded chunks.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import regex

from auditor.model import FileResult, Severity

#: Where a document's sketch travels in ``FileResult.collected`` (not a rule id: the engine ignores it).
SKETCH = "auditor.sketch"
NUM_PERM = 64
SHINGLE = 4
SCHEME = "affine32"  # datasketch 2 hashing: 32-bit values, kept as they are
#: Words at or above this Zipf frequency (about once per 16,000 words) are too common to identify a story.
MAX_ZIPF = 4.2
FEATURES = 128
ANCHORS = 24
#: A rare word found in more documents than this is not used to propose candidates (it still counts in scores).
MAX_POSTINGS = 32
MIN_FEATURES = 12
NUMBER_WEIGHT = 1.5
#: Fingerprint similarity a pair needs: both look rewritten, one does, neither does.
SPUN, MIXED, CLEAN = 0.055, 0.2, 0.5
#: Shingle similarity (MinHash estimate) that makes two documents near copies whatever they look like.
NEAR_COPY = 0.5

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*\p{L}|\d[\d,.]*\d|\d")
_WORD = regex.compile(r"[\p{L}\p{N}]+")


class MissingExtra(RuntimeError):
    """datasketch is not installed."""


def require_datasketch() -> None:
    try:
        import datasketch  # noqa: F401
    except ImportError:
        raise MissingExtra("rewrite clusters need datasketch: pip install 'news-auditor[sources]'") from None


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _hash32(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "little")


def fingerprint_words(text: str) -> dict[str, float]:
    """The rare words and figures of ``text`` with their weights (rarer is heavier), the ``FEATURES`` rarest."""
    out: dict[str, float] = {}
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            number = token.replace(",", "").rstrip(".")
            if len(number) >= 2:  # single digits are in every story
                out["#" + number] = NUMBER_WEIGHT
            continue
        word = token.lower().replace("’", "'").split("'")[0]
        if len(word) < 3:
            continue
        zipf = _zipf(word)
        if zipf < MAX_ZIPF:
            out[word] = round(MAX_ZIPF - zipf + 0.5, 2)
    if len(out) > FEATURES:
        keep = sorted(out, key=lambda w: (-out[w], w))[:FEATURES]
        out = {w: out[w] for w in keep}
    return out


@dataclass(frozen=True, slots=True)
class Sketch:
    """What clustering keeps of one document: its fingerprint (sorted hashes, weights) and its MinHash."""

    features: np.ndarray  # uint32, sorted
    weights: np.ndarray  # float32, aligned with features
    anchors: np.ndarray  # uint32: the ANCHORS heaviest features
    minhash: np.ndarray  # uint32, NUM_PERM values

    @property
    def total(self) -> float:
        return float(self.weights.sum())


def sketch_text(text: str) -> Sketch:
    """The sketch of one document (worker side)."""
    from datasketch import MinHash

    words = fingerprint_words(text)
    hashed = sorted((_hash32(w), weight) for w, weight in words.items())
    features = np.array([h for h, _ in hashed], dtype=np.uint32)
    weights = np.array([w for _, w in hashed], dtype=np.float32)
    heaviest = sorted(words, key=lambda w: (-words[w], w))[:ANCHORS]
    anchors = np.array(sorted(_hash32(w) for w in heaviest), dtype=np.uint32)
    tokens = [t.lower() for t in _WORD.findall(text)]
    shingles = {
        " ".join(tokens[i : i + SHINGLE]).encode("utf-8", "surrogatepass")
        for i in range(max(1, len(tokens) - SHINGLE + 1))
    }
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch(list(shingles))
    return Sketch(features, weights, anchors, mh.hashvalues.astype(np.uint32))


def sketch_collector(doc: Any) -> Sketch:
    """``Auditor.collectors`` entry: the sketch of a ``Document``."""
    return sketch_text(doc.text)


def similarity(a: Sketch, b: Sketch) -> float:
    """Weighted Jaccard similarity of two fingerprints (a word's weight is the same in both)."""
    if not len(a.features) or not len(b.features):
        return 0.0
    _, ia, _ = np.intersect1d(a.features, b.features, assume_unique=True, return_indices=True)
    shared = float(a.weights[ia].sum())
    union = a.total + b.total - shared
    return shared / union if union else 0.0


def shingle_similarity(a: Sketch, b: Sketch) -> float:
    return float(np.count_nonzero(a.minhash == b.minhash)) / NUM_PERM


def looks_rewritten(result: FileResult) -> bool:
    """A translation-category warning or error: the artifact signature of spinning and round-trip translation."""
    return any(f.category == "translation" and f.severity >= Severity.WARNING for f in result.findings)


@dataclass(frozen=True, slots=True)
class Member:
    path: str
    similarity: float
    """Fingerprint similarity to the original (1.0 for the original itself)."""
    score: float
    date: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "similarity": round(self.similarity, 3), "score": self.score}
        if self.date is not None:
            out["date"] = self.date
        if self.source is not None:
            out["source"] = self.source
        return out


@dataclass(frozen=True, slots=True)
class Cluster:
    """One story's copies: ``members[0]`` is the one that looks like the original."""

    members: tuple[Member, ...]
    chosen_by: str  # "date" or "score"

    @property
    def original(self) -> str:
        return self.members[0].path

    @property
    def rewrites(self) -> tuple[str, ...]:
        return tuple(m.path for m in self.members[1:])

    def to_dict(self) -> dict[str, Any]:
        return {
            "members": [m.to_dict() for m in self.members],
            "original": self.original,
            "rewrites": list(self.rewrites),
            "original_by": self.chosen_by,
        }


@dataclass(slots=True)
class _Doc:
    path: str
    score: float
    rewritten: bool
    date: str | None
    source: str | None


def bar(a_rewritten: bool, b_rewritten: bool) -> float:
    """The fingerprint similarity two documents need to be one story."""
    return SPUN if a_rewritten and b_rewritten else MIXED if a_rewritten or b_rewritten else CLEAN


def linked_sketches(a: Sketch, a_rewritten: bool, b: Sketch, b_rewritten: bool) -> bool:
    """Whether two documents are one story: near copies by their shingles, or fingerprints past the pair's bar."""
    return shingle_similarity(a, b) >= NEAR_COPY or similarity(a, b) >= bar(a_rewritten, b_rewritten)


class ClusterIndex:
    """Collects sketches as results arrive; ``clusters()`` judges the batch once at the end.

    Sketches are packed into flat arrays (about 1.4 KB a document), not kept as objects.
    """

    def __init__(self) -> None:
        self.docs: list[_Doc] = []
        self._features = array("I")
        self._weights = array("f")
        self._offsets = array("q", [0])
        self._anchors = array("I")
        self._anchor_offsets = array("q", [0])
        self._minhash = array("I")

    def add(
        self, result: FileResult, sketch: Sketch | None, *, date: str | None = None, source: str | None = None
    ) -> None:
        if sketch is None or result.skipped is not None or len(sketch.features) < MIN_FEATURES:
            return
        self.add_doc(_Doc(result.path, result.score, looks_rewritten(result), date, source), sketch)

    def add_doc(self, doc: _Doc, sketch: Sketch) -> None:
        self.docs.append(doc)
        self._features.frombytes(sketch.features.astype(np.uint32).tobytes())
        self._weights.frombytes(sketch.weights.astype(np.float32).tobytes())
        self._offsets.append(len(self._features))
        self._anchors.frombytes(sketch.anchors.astype(np.uint32).tobytes())
        self._anchor_offsets.append(len(self._anchors))
        self._minhash.frombytes(sketch.minhash.astype(np.uint32).tobytes())

    def sketch(self, i: int) -> Sketch:
        a, b = self._offsets[i], self._offsets[i + 1]
        c, d = self._anchor_offsets[i], self._anchor_offsets[i + 1]
        features = np.frombuffer(self._features, dtype=np.uint32)[a:b]
        weights = np.frombuffer(self._weights, dtype=np.float32)[a:b]
        anchors = np.frombuffer(self._anchors, dtype=np.uint32)[c:d]
        minhash = np.frombuffer(self._minhash, dtype=np.uint32)[i * NUM_PERM : (i + 1) * NUM_PERM]
        return Sketch(features, weights, anchors, minhash)

    def candidate_chunks(self, size: int = 100_000) -> Iterator[np.ndarray]:
        """Pairs worth scoring, ``(k, 2)`` arrays of at most ``size`` rows: documents sharing one of their
        rarest words (held by at most ``MAX_POSTINGS`` documents), then LSH buckets of shingles.  A pair may
        come twice (two shared words); scoring it twice is cheaper than holding every pair to drop repeats."""
        n = len(self.docs)
        anchors = np.frombuffer(self._anchors, dtype=np.uint32)
        counts = np.diff(np.frombuffer(self._anchor_offsets, dtype=np.int64)).astype(np.int64)
        owners = np.repeat(np.arange(n, dtype=np.int64), counts)
        yield from anchor_pairs(anchors, owners, chunk=size)
        minhash = np.frombuffer(self._minhash, dtype=np.uint32).reshape(n, NUM_PERM)
        yield from lsh_pairs(minhash, chunk=size)

    def _matrix(self) -> Any:
        """Documents x fingerprint words, the word's weight where the document has it (CSR, float32)."""
        from scipy import sparse

        features = np.frombuffer(self._features, dtype=np.uint32)
        weights = np.frombuffer(self._weights, dtype=np.float32)
        _, columns = np.unique(features, return_inverse=True)
        indptr = np.frombuffer(self._offsets, dtype=np.int64)
        width = int(columns.max()) + 1 if len(columns) else 1
        return sparse.csr_matrix((weights, columns.astype(np.int32), indptr), shape=(len(self.docs), width))

    def similarities(self, pairs: np.ndarray, matrix: Any = None, totals: np.ndarray | None = None) -> np.ndarray:
        """The fingerprint similarity of every pair, as sparse row products (no Python loop per pair).

        A shared word has the same weight in both rows, so the square root of the product is that weight."""
        matrix = self._matrix() if matrix is None else matrix
        totals = np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel() if totals is None else totals
        out = np.zeros(len(pairs))
        for s in range(0, len(pairs), 20_000):
            i, j = pairs[s : s + 20_000, 0], pairs[s : s + 20_000, 1]
            shared = np.asarray(matrix[i].multiply(matrix[j]).sqrt().sum(axis=1), dtype=np.float64).ravel()
            union = totals[i] + totals[j] - shared
            out[s : s + 20_000] = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        return out

    def clusters(self) -> list[Cluster]:
        if len(self.docs) < 2:
            return []
        matrix = self._matrix()
        totals = np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()
        minhash = np.frombuffer(self._minhash, dtype=np.uint32).reshape(len(self.docs), NUM_PERM)
        rewritten = np.array([d.rewritten for d in self.docs], dtype=bool)
        edges: dict[tuple[int, int], float] = {}
        for pairs in self.candidate_chunks():
            pairs = np.sort(pairs, axis=1)
            sims = self.similarities(pairs, matrix, totals)
            both = rewritten[pairs[:, 0]] & rewritten[pairs[:, 1]]
            either = rewritten[pairs[:, 0]] | rewritten[pairs[:, 1]]
            need: np.ndarray = np.where(both, SPUN, np.where(either, MIXED, CLEAN))
            keep: np.ndarray = sims >= need
            rest = np.flatnonzero(~keep)
            if len(rest):
                same = (minhash[pairs[rest, 0]] == minhash[pairs[rest, 1]]).sum(axis=1) / NUM_PERM
                keep[rest[same >= NEAR_COPY]] = True
            for k in np.flatnonzero(keep).tolist():
                edges[(int(pairs[k, 0]), int(pairs[k, 1]))] = float(sims[k])
        ordered = sorted(((v, i, j) for (i, j), v in edges.items()), key=lambda e: (-e[0], e[1], e[2]))
        return self.clusters_from(ordered)

    def clusters_from(self, edges: Iterable[tuple[float, int, int]]) -> list[Cluster]:
        """Complete linkage over linked pairs ``(similarity, i, j)``, best first (also Spark's last step)."""
        cache: dict[tuple[int, int], float] = {}
        for value, i, j in edges if isinstance(edges, list) else []:
            cache[(i, j) if i < j else (j, i)] = value

        def sim(i: int, j: int) -> float:
            key = (i, j) if i < j else (j, i)
            if key not in cache:
                cache[key] = similarity(self.sketch(i), self.sketch(j))
            return cache[key]

        def linked(i: int, j: int) -> bool:
            if sim(i, j) >= bar(self.docs[i].rewritten, self.docs[j].rewritten):
                return True
            return shingle_similarity(self.sketch(i), self.sketch(j)) >= NEAR_COPY

        return build_clusters(edges, linked, sim, self._member, self._original)

    def _member(self, i: int, similarity_to_original: float) -> Member:
        d = self.docs[i]
        return Member(d.path, similarity_to_original, d.score, d.date, d.source)

    def _original(self, group: Sequence[int]) -> tuple[int, str]:
        return choose_original(
            group,
            score=lambda i: self.docs[i].score,
            date=lambda i: self.docs[i].date,
            path=lambda i: self.docs[i].path,
        )


def choose_original(
    group: Sequence[int],
    *,
    score: Callable[[int], float],
    date: Callable[[int], str | None],
    path: Callable[[int], str],
) -> tuple[int, str]:
    """The earliest member when every member has a date; else the best score (then the path)."""
    dates = [date(i) for i in group]
    if all(d for d in dates):
        return min(group, key=lambda i: (date(i) or "", -score(i), path(i))), "date"
    return min(group, key=lambda i: (-score(i), path(i))), "score"


def build_clusters(
    edges: Iterable[tuple[float, int, int]],
    linked: Callable[[int, int], bool],
    sim: Callable[[int, int], float],
    member: Callable[[int, float], Member],
    original: Callable[[Sequence[int]], tuple[int, str]],
) -> list[Cluster]:
    """Complete linkage over ``edges`` (best first): two groups merge only when every cross pair is linked."""
    group_of: dict[int, list[int]] = {}
    for _, i, j in edges:
        a, b = group_of.get(i, [i]), group_of.get(j, [j])
        if a is b:
            continue
        if not all(linked(x, y) for x in a for y in b):
            continue
        merged = a + b
        for k in merged:
            group_of[k] = merged
    groups = {id(g): g for g in group_of.values()}.values()
    out = []
    for group in groups:
        first, how = original(group)
        rest = sorted((k for k in group if k != first), key=lambda k: (-sim(first, k), k))
        members = (member(first, 1.0), *(member(k, sim(first, k)) for k in rest))
        out.append(Cluster(members, how))
    out.sort(key=lambda c: (-len(c.members), c.original))
    return out


def anchor_pairs(anchors: np.ndarray, owners: np.ndarray, *, chunk: int = 100_000) -> Iterator[np.ndarray]:
    """Pairs of documents sharing an anchor word held by at most ``MAX_POSTINGS`` documents, in chunks."""
    if not len(anchors):
        return
    order = np.lexsort((owners, anchors))
    words, owners = anchors[order], owners[order]
    starts = np.flatnonzero(np.r_[True, words[1:] != words[:-1]])
    sizes = np.diff(np.r_[starts, len(words)])
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= MAX_POSTINGS)]).tolist():
        x, y = np.triu_indices(size, 1)
        first = starts[sizes == size]
        step = max(1, chunk // len(x))
        for s in range(0, len(first), step):
            groups = owners[first[s : s + step][:, None] + np.arange(size)]  # one row per word held by `size` docs
            yield np.stack([groups[:, x].ravel(), groups[:, y].ravel()], axis=1)


def lsh_bands() -> tuple[int, int]:
    """datasketch's banding for a Jaccard threshold of ``NEAR_COPY`` over ``NUM_PERM`` permutations: (bands, rows)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=NEAR_COPY, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def lsh_pairs(minhash: np.ndarray, *, chunk: int = 100_000) -> Iterator[np.ndarray]:
    """Pairs of documents whose MinHashes agree on every row of some band (MinHash LSH), in chunks.

    The bands are datasketch's (``lsh_bands``); the buckets are found by sorting one band at a time, because
    datasketch's in-memory ``MinHashLSH`` keeps Python objects per band and document (about 480 MB for
    100,000 documents against a few MB here).  A bucket of more than ``MAX_POSTINGS`` documents (many copies
    of one text) gives each member and the next, enough for complete linkage to check the rest.
    """
    bands, rows = lsh_bands()
    n = len(minhash)
    if n < 2:
        return
    mix = np.uint64(0x9E3779B97F4A7C15)
    for band in range(bands):
        key = np.zeros(n, dtype=np.uint64)
        for column in range(band * rows, (band + 1) * rows):
            key = key * mix + minhash[:, column].astype(np.uint64)  # wraps modulo 2**64, as meant
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, n])
        out = []
        for size in np.unique(sizes[sizes >= 2]).tolist():
            first = starts[sizes == size]
            members = order[first[:, None] + np.arange(size)]
            if size <= MAX_POSTINGS:
                x, y = np.triu_indices(size, 1)
            else:
                x, y = np.arange(size - 1), np.arange(1, size)
            out.append(np.stack([members[:, x].ravel(), members[:, y].ravel()], axis=1).astype(np.int64))
        if out:
            pairs = np.concatenate(out)
            for s in range(0, len(pairs), chunk):
                yield pairs[s : s + chunk]
