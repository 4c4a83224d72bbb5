"""The features of the machine-translation signal: a few counts over a document, in one cheap pass.

Every feature is a rate (per word or per sentence) so that a long article and a
short one are comparable.  The same functions compute the features for training
(``scripts/train_translation_signal.py``) and at run time, so the shipped weights
always meet the features they were fitted on.

Two parts:

- ``dense``: punctuation and quotation profile, sentence length and its spread,
  word length, the first words of sentences (and how many open with a quotation
  mark), non-ASCII share, how much the opening words repeat themselves, and the
  artifacts the translation rules found.  The punctuation and first-word rates
  enter as square roots: a rate's spread grows with its size, and the root
  evens it out (a linear model weighs a rare mark and a common one alike);
- ``words``: the share of each word of a vocabulary the training script chooses
  (words found in a tenth of the stories of every test set: function words,
  pronouns, connectives, "said", not topics) among the first ``LEXICAL`` tokens.
  At run time the model adds one weight per token (a dictionary look-up in C),
  so nothing is counted.

Words are the document's white-space tokens, lower-cased, punctuation attached:
"said," is not "said".  That is cruder than a tokenizer and several times
cheaper, and the model is fitted on exactly these counts.  No feature looks at
line breaks: the WMT data has one segment per line, news sites one paragraph per
line, and a signal that learnt the layout would learn the corpus, not the
translation.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from auditor.document import Document, per_document

#: Characters and short strings counted per word.
MARKS: tuple[tuple[str, str], ...] = (
    ("period", "."),
    ("semicolon", ";"),
    ("colon", ":"),
    ("en_dash", "–"),
    ("em_dash", "—"),
    ("straight_quote", '"'),
    ("curly_quote", "“"),
    ("straight_apostrophe", "'"),
    ("curly_apostrophe", "’"),
    ("comma_curly", ",”"),
    ("period_curly", ".”"),
)
_STRAIGHT_QUOTE, _CURLY_QUOTE, _STRAIGHT_APOSTROPHE, _CURLY_APOSTROPHE = 5, 6, 7, 8
#: The marks counted with ``str.count``; the last two (a comma or a full stop before a closing curly quote)
#: are read from the pieces between closing quotes, one pass instead of three.
_COUNTED = tuple(mark for _, mark in MARKS[:-2])

#: Sentence-initial words whose share of the sentences is a feature each.
FIRST_WORDS: tuple[str, ...] = (
    "the",
    "he",
    "she",
    "in",
    "according",
    "it",
    "this",
    "however,",
    "at",
    "on",
    "but",
    "and",
    "they",
    "we",
    "i",
    "a",
    "there",
    "as",
    "after",
    "for",
)

#: Rules whose findings are artifacts of a machine or a spinner (the translation family but TR101, a typing
#: slip people make too); TR112 and TR113, one defect seen from either end, count as one rule.
ARTIFACT_RULES: dict[str, str] = {
    **{f"TR{n}": f"TR{n}" for n in range(102, 117) if n not in (112, 113)},
    "TR112": "TR112",
    "TR113": "TR112",
    "TR118": "TR102",  # an honorific before an office: the honorific calques' family
}

OTHER: tuple[str, ...] = (
    "log_words",
    "word_length",
    "sentence_words",
    "sentence_spread",
    "long_sentences",
    "non_ascii",
    "quote_mix",
    "apostrophe_mix",
    "quote_openers",
    "repetition",
    "artifacts",
)

#: The word shares read the first this many tokens: further on a share hardly moves (cross-validation: 0.8595
#: against 0.8599 for all of them), and the cost of a long article stays that of a 4 KB one.
LEXICAL = 600

#: Characters a sentence that opens with a quotation opens with.
_QUOTES = frozenset('"“')
#: The repetition feature reads the first this many tokens (a fixed window: word variety falls with length).
WINDOW = 200

#: The dense features, in order (the vocabulary's shares follow them).
NAMES: tuple[str, ...] = (*(f"p_{name}" for name, _ in MARKS), *(f"first_{w}" for w in FIRST_WORDS), *OTHER)


@dataclass(frozen=True)
class Profile:
    """What the signal reads of a document: its dense features and its tokens."""

    dense: tuple[float, ...]
    tokens: list[str]

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each token of the first ``LEXICAL`` occurs (for training and for the evidence; the logit
        needs no counting)."""
        return Counter(self.tokens[:LEXICAL])


def artifact_rules(hits: dict[str, int]) -> tuple[str, ...]:
    """The artifact rules (one per defect family, see ``ARTIFACT_RULES``) among the rules with findings."""
    return tuple(sorted({ARTIFACT_RULES[r] for r, n in hits.items() if n and r in ARTIFACT_RULES}))


def profile(doc: Document, hits: dict[str, int]) -> Profile:
    """The features of ``doc`` given the other rules' hit counts."""
    text_part = _text_profile(doc)
    artifacts = min(len(artifact_rules(hits)), 3) / 3
    return Profile((*text_part.dense, artifacts), text_part.tokens)


def word_shares(p: Profile, vocabulary: tuple[str, ...]) -> list[float]:
    """The share of the first ``LEXICAL`` tokens each vocabulary word has (what the training script fits on)."""
    n = min(len(p.tokens), LEXICAL) or 1
    counts = p.counts
    return [counts[w] / n for w in vocabulary]


@per_document
def _text_profile(doc: Document) -> Profile:
    text = doc.text
    low = doc.lower
    tokens = doc.tokens
    n = len(tokens) or 1
    marks = [text.count(mark) for mark in _COUNTED]
    before_closing = [piece[-1:] for piece in text.split("”")[:-1]]
    marks += [before_closing.count(","), before_closing.count(".")]
    sqrt = math.sqrt
    out = [sqrt(m / n) for m in marks]
    sentences = doc.sentences
    k = len(sentences) or 1
    spaces = text.count
    lengths = [spaces(" ", s.start, s.end) + 1 for s in sentences] or [0]
    first = Counter([low[s.start : s.start + 12].partition(" ")[0] for s in sentences])
    out += [sqrt(first[w] / k) for w in FIRST_WORDS]
    quoted = sum([v for w, v in first.items() if w[:1] in _QUOTES])
    mean = sum(lengths) / k
    spread = math.sqrt(max(sum(map(operator.mul, lengths, lengths)) / k - mean * mean, 0.0)) / (mean or 1)
    straight, curly = marks[_STRAIGHT_QUOTE], marks[_CURLY_QUOTE] + len(before_closing)
    straight_apostrophe, curly_apostrophe = marks[_STRAIGHT_APOSTROPHE], marks[_CURLY_APOSTROPHE]
    out += [
        math.log1p(len(tokens)) / 10,
        (len(text) - text.count(" ") - text.count("\n")) / n,
        mean / 40,
        spread,
        sum(map((40).__lt__, lengths)) / k,
        (len(text.encode("utf-8", "surrogatepass")) - len(text)) / (len(text) or 1),
        min(straight, curly) / ((straight + curly) or 1),
        min(straight_apostrophe, curly_apostrophe) / ((straight_apostrophe + curly_apostrophe) or 1),
        sqrt(quoted / k),
        repetition(tokens[:WINDOW]),
    ]
    return Profile(tuple(out), tokens)


def repetition(window: list[str]) -> float:
    """Maas's index of the tokens: (log tokens - log distinct) / log(tokens) squared; higher is more repetitive.

    Word variety falls with length, so it reads a fixed window (the first ``WINDOW`` tokens), and Maas's form
    keeps a document shorter than the window comparable with the others.
    """
    size = len(window)
    if size < 2:
        return 0.0
    log_size = math.log(size)
    return (log_size - math.log(len(set(window)))) / (log_size * log_size)
