"""The features of the machine-translation signal: a few counts over a document, in one cheap pass.

Every feature is a rate (per word or per sentence) so that a long article and a
short one are comparable.  The same functions compute the features for training
(``scripts/train_translation_signal.py``) and at run time, so the shipped weights
always meet the features they were fitted on.

Two parts:

- ``dense``: punctuation and quotation profile, sentence length and its spread,
  word length, the first words of sentences, non-ASCII share,
  and the artifacts the translation rules found;
- ``words``: the share of each word of a vocabulary the training script chooses
  (the 300 words found in the most training stories: function words, pronouns,
  connectives, "said", not topics).  At run time the model adds one weight per
  token (a dictionary look-up in C), so nothing is counted.

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
    ("comma", ","),
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
_STRAIGHT_QUOTE, _CURLY_QUOTE, _STRAIGHT_APOSTROPHE, _CURLY_APOSTROPHE = 6, 7, 8, 9

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
    "artifacts",
)

#: The dense features, in order (the vocabulary's shares follow them).
NAMES: tuple[str, ...] = (*(f"p_{name}" for name, _ in MARKS), *(f"first_{w}" for w in FIRST_WORDS), *OTHER)


@dataclass(frozen=True)
class Profile:
    """What the signal reads of a document: its dense features and its tokens."""

    dense: tuple[float, ...]
    tokens: list[str]

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each token occurs (for training and for the evidence; the logit needs no counting)."""
        return Counter(self.tokens)


def artifact_rules(hits: dict[str, int]) -> tuple[str, ...]:
    """The artifact rules (one per defect family, see ``ARTIFACT_RULES``) among the rules with findings."""
    return tuple(sorted({ARTIFACT_RULES[r] for r, n in hits.items() if n and r in ARTIFACT_RULES}))


def profile(doc: Document, hits: dict[str, int]) -> Profile:
    """The features of ``doc`` given the other rules' hit counts."""
    text_part = _text_profile(doc)
    artifacts = min(len(artifact_rules(hits)), 3) / 3
    return Profile((*text_part.dense, artifacts), text_part.tokens)


def word_shares(p: Profile, vocabulary: tuple[str, ...]) -> list[float]:
    """The share of the tokens each vocabulary word has (what the training script fits on)."""
    n = len(p.tokens) or 1
    counts = p.counts
    return [counts[w] / n for w in vocabulary]


@per_document
def _text_profile(doc: Document) -> Profile:
    text = doc.text
    low = doc.lower
    tokens = doc.tokens
    n = len(tokens) or 1
    marks = [text.count(mark) for _, mark in MARKS]
    out = [m / n for m in marks]
    sentences = doc.sentences
    k = len(sentences) or 1
    spaces = text.count
    lengths = [spaces(" ", s.start, s.end) + 1 for s in sentences] or [0]
    first = Counter([low[s.start : s.start + 12].partition(" ")[0] for s in sentences])
    out += [first[w] / k for w in FIRST_WORDS]
    mean = sum(lengths) / k
    spread = math.sqrt(max(sum(map(operator.mul, lengths, lengths)) / k - mean * mean, 0.0)) / (mean or 1)
    straight, curly = marks[_STRAIGHT_QUOTE], marks[_CURLY_QUOTE] + text.count("”")
    straight_apostrophe, curly_apostrophe = marks[_STRAIGHT_APOSTROPHE], marks[_CURLY_APOSTROPHE]
    out += [
        math.log1p(len(tokens)) / 10,
        (len(text) - text.count(" ") - text.count("\n")) / n,
        mean / 40,
        spread,
        sum(x > 40 for x in lengths) / k,
        (len(text.encode("utf-8", "surrogatepass")) - len(text)) / (len(text) or 1),
        min(straight, curly) / ((straight + curly) or 1),
        min(straight_apostrophe, curly_apostrophe) / ((straight_apostrophe + curly_apostrophe) or 1),
    ]
    return Profile(tuple(out), tokens)
