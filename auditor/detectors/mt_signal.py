"""Does the document read as machine output?  ``signals.machine_translation`` and rule TR117.

Two kinds of evidence, combined as independent ones (noisy-or):

- a logistic regression over cheap text features (``mt_features``), fitted on
  WMT 2021-22 into-English news (machine outputs against professional human
  translations and original English, split by story) by
  ``scripts/train_translation_signal.py``; its weights ship as data
  (``rules/translation/mt_signal.json``);
- the crude artifacts of a spinner's round trip that the translation rules find
  (honorific calques, literal calques, quotation damage...): two or more
  distinct artifact families in one document are strong evidence, one is not
  (a single stray quotation mark is common in human text).  This part is not
  learnt: the WMT outputs hold too few such artifacts to fit it on; its
  constant is documented in docs/translation-signal.md.

The signal says "machine", not "translated": a professional human translation is
what the model was taught to tell apart from machine output.  The weights are
plain numbers; inference is a dot product, no numpy.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from auditor.detectors import mt_features
from auditor.document import Document, per_document, rule_hits
from auditor.model import Hit
from auditor.registry import detector

MODEL_FILE = "translation/mt_signal.json"
#: Shorter documents get no signal: their rates are noise (the shortest training document has 150 words).
MIN_WORDS = 100
#: The artifact part: two artifact families leave 15% of the doubt, three 2% (docs/translation-signal.md).
ARTIFACT_BASE = 0.15


@dataclass(frozen=True)
class Model:
    """A logistic regression on standardized features, as the training script writes it.

    The features are the dense ones (``mt_features.NAMES``) then the shares of the
    ``vocabulary`` words; ``mean`` and ``scale`` standardize them as in training.
    """

    names: tuple[str, ...]
    vocabulary: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        model = cls(
            tuple(data["features"]),
            tuple(data["vocabulary"]),
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["coef"]),
            float(data["intercept"]),
            float(data["threshold"]),
        )
        if model.names != mt_features.NAMES:
            raise ValueError(
                f"{MODEL_FILE}: its features are not the ones auditor computes; retrain it "
                "(scripts/train_translation_signal.py)"
            )
        width = len(model.names) + len(model.vocabulary)
        if not len(model.mean) == len(model.scale) == len(model.coef) == width:
            raise ValueError(f"{MODEL_FILE}: the weight vectors do not match the features")
        return model

    @cached_property
    def _folded(self) -> tuple[tuple[float, ...], tuple[float, ...], float]:
        """Weights on the raw features (standardization folded in): dense, per vocabulary word, bias."""
        weights = [c / s for c, s in zip(self.coef, self.scale)]
        bias = self.intercept - sum(c * m / s for c, m, s in zip(self.coef, self.mean, self.scale))
        k = len(self.names)
        return tuple(weights[:k]), tuple(weights[k:]), bias

    @cached_property
    def _token_weights(self) -> dict[str, float]:
        return dict(zip(self.vocabulary, self._folded[1]))

    def logit(self, p: mt_features.Profile) -> float:
        """The log-odds of machine output: a dot product with the dense features, plus each token's weight
        over the first ``LEXICAL`` tokens (the same sum as weight x share over the vocabulary, without
        counting the tokens)."""
        dense, _, bias = self._folded
        tokens, size = p.tokens, mt_features.LEXICAL
        window = itertools.islice(tokens, size)
        lexical = sum(map(self._token_weights.get, window, itertools.repeat(0.0))) / (min(len(tokens), size) or 1)
        return bias + sum(map(operator.mul, dense, p.dense)) + lexical

    @cached_property
    def _offsets(self) -> tuple[tuple[float, ...], tuple[float, ...], tuple[str, ...]]:
        """For ``contributions``: the folded weights of all features, their pull at zero, their names."""
        dense, words, _ = self._folded
        offsets = tuple(c * m / s for c, m, s in zip(self.coef, self.mean, self.scale))
        return (*dense, *words), offsets, (*self.names, *(f"w_{w}" for w in self.vocabulary))

    def contributions(self, p: mt_features.Profile) -> list[tuple[str, float, bool]]:
        """Each feature's pull on the logit against the training mean: (name, pull, above the mean)."""
        weights, offsets, names = self._offsets
        values = [*p.dense, *mt_features.word_shares(p, self.vocabulary)]
        pulls = list(map(operator.sub, map(operator.mul, weights, values), offsets))
        return [(names[i], pulls[i], values[i] > self.mean[i]) for i in range(len(pulls))]

    def strongest(self, p: mt_features.Profile, count: int) -> list[tuple[str, float, bool]]:
        """The ``count`` features that pull the logit up most (cheap: no full sort)."""
        weights, offsets, names = self._offsets
        values = [*p.dense, *mt_features.word_shares(p, self.vocabulary)]
        pulls = list(map(operator.sub, map(operator.mul, weights, values), offsets))
        top = heapq.nlargest(count, range(len(pulls)), key=pulls.__getitem__)
        return [(names[i], pulls[i], values[i] > self.mean[i]) for i in top]


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (read once per process)."""
    source = resources.files("auditor_rules").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_dict(json.loads(source))


@dataclass(frozen=True, slots=True)
class Signal:
    """``value``: the signal in [0, 1]; ``fluent``: the learnt model's part alone; ``artifacts``: the
    artifact families (rule ids) the translation rules found."""

    value: float
    fluent: float
    artifacts: tuple[str, ...]
    profile: mt_features.Profile = field(repr=False, compare=False)

    def evidence(self, count: int = 3) -> tuple[str, ...]:
        """What raised the signal most, strongest first, in words."""
        out = []
        if len(self.artifacts) >= 2:
            out.append("artifacts of " + ", ".join(self.artifacts))
        pulls = [c for c in model().strongest(self.profile, count + 1) if not (out and c[0] == "artifacts")]
        out += [describe(name, above) for name, pull, above in pulls[:count] if pull > 0]
        return tuple(out)


def artifact_evidence(families: int) -> float:
    """The artifact part: nothing for fewer than two families, then ``1 - ARTIFACT_BASE ** (families - 1)``."""
    return 0.0 if families < 2 else 1.0 - ARTIFACT_BASE ** (families - 1)


def judged(doc: Document) -> bool:
    """Whether ``doc`` is long enough for the signal (``MIN_WORDS``)."""
    return doc.words >= MIN_WORDS


def machine_translation(doc: Document) -> Signal:
    """The signal of ``doc``; it reads the other rules' hits, so the engine computes it after them."""
    hits = rule_hits(doc)
    memo = _memo(doc)
    key = tuple(sorted(hits.items()))
    if key not in memo:
        memo[key] = compute(doc, hits)
    return memo[key]


@per_document
def _memo(doc: Document) -> dict[tuple[tuple[str, int], ...], Signal]:
    return {}


def combine(fluent: float, families: int) -> float:
    """The two parts as independent evidence (noisy-or)."""
    return 1.0 - (1.0 - fluent) * (1.0 - artifact_evidence(families))


def compute(doc: Document, hits: dict[str, int]) -> Signal:
    p = mt_features.profile(doc, hits)
    fluent = _sigmoid(model().logit(p))
    families = mt_features.artifact_rules(hits)
    return Signal(round(combine(fluent, len(families)), 4), round(fluent, 4), families, p)


_MARK_WORDING = {
    "period": "full stops",
    "semicolon": "semicolons",
    "colon": "colons",
    "en_dash": "en dashes",
    "em_dash": "em dashes",
    "straight_quote": "straight quotation marks",
    "curly_quote": "curly quotation marks",
    "straight_apostrophe": "straight apostrophes",
    "curly_apostrophe": "curly apostrophes",
    "comma_curly": "commas before a closing curly quote",
    "period_curly": "full stops before a closing curly quote",
}

_OTHER_WORDING = {
    "log_words": "length",
    "word_length": "word length",
    "sentence_words": "sentence length",
    "sentence_spread": "spread of sentence lengths",
    "long_sentences": "long sentences",
    "short_sentences": "short sentences",
    "variety": "lexical variety",
    "non_ascii": "non-ASCII characters",
    "quote_mix": "mixing of straight and curly quotation marks",
    "apostrophe_mix": "mixing of straight and curly apostrophes",
    "quote_openers": "sentences opening with a quotation mark",
    "repetition": "repetition of words",
    "artifacts": "translation artifacts",
}


def describe(name: str, above: bool) -> str:
    """A feature and its direction in words: "more 'of'", "less lexical variety"."""
    kind, _, what = name.partition("_")
    if kind == "w":
        label = f"'{what}'"
    elif kind == "first":
        label = f"sentences opening with '{what}'"
    elif kind == "p":
        label = _MARK_WORDING.get(what, what.replace("_", " "))
    else:
        label = _OTHER_WORDING.get(name, name.replace("_", " "))
    return f"{'more' if above else 'less'} {label}"


def _sigmoid(x: float) -> float:
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True, slots=True)
class MachineTranslation:
    """Options of TR117: the signal above which the info finding is given (None: the model's threshold)."""

    threshold: float | None = None

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise ValueError("threshold must be between 0 and 1")


@detector("translation.machine_translation", options=MachineTranslation, languages=("en",), late=True)
def machine_translation_finding(doc: Document, options: MachineTranslation) -> Iterator[Hit]:
    """One finding about the file when the machine-translation signal is at or above the threshold."""
    if not judged(doc):
        return
    signal = machine_translation(doc)
    threshold = model().threshold if options.threshold is None else options.threshold
    if signal.value >= threshold:
        yield Hit(
            None,
            None,
            fields={
                "signal": f"{signal.value:.2f}",
                "threshold": f"{threshold:.2f}",
                "evidence": "; ".join(signal.evidence()) or "the overall profile",
            },
        )
