"""'a' before a vowel sound, 'an' before a consonant sound (rule TR115): "a “adversary”", "an nuclear".

A translation that edits the noun after the article (or a spinner that swaps it)
leaves the article behind.  The sound is judged from the spelling, and only where
the spelling decides it: words in h- (an hour, a house), in u- (an umbrella, a
unit), initialisms (an MP, a UN) and numbers are left alone.  Reported at info
level: the spelling rule has exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.document import Document
from auditor.model import Edit, Hit
from auditor.registry import NoOptions, detector

_BODY = (
    r"(?P<art>[Aa](?P<n>n)?) (?P<q>[\"“‘]?)(?P<word>(?(n)"
    # after 'an': a consonant letter, or a vowel letter with a consonant sound
    r"(?:[B-DF-GJ-NP-TV-WYZb-df-gj-np-tv-wyz][a-z]+|[Uu](?:se|su|ti|kr|ra|ro|ga|ni[^mnd])[a-z]*"
    r"|[Ee](?:u|we)[a-z]*|[Oo]ne(?:-[a-z]+)?|[Oo]nce)"
    # after 'a': a vowel letter
    r"|[AEIOUaeiou][a-z]+(?:-[a-z]+)?))\b"
)
_AT = re.compile(_BODY)
#: Candidates in the lower-cased text: the literal " a" lets the regex engine jump from one to the next.
_CANDIDATE = re.compile(r" a(?: [\"“‘]?[aeiou]|n [\"“‘]?[b-df-gj-np-tv-z]|n [\"“‘]?(?:u|eu|ewe|one))")
_AFTER_BREAK = re.compile(r"\n[ \t]*(?=[Aa]n? )")
#: Words in u- that start with a vowel sound ("an unusual", "an upbeat", "an ultimatum").
_U_VOWEL = ("un", "up", "ult", "ulc", "umb", "ump", "ush", "utt", "ugl", "ung", "urg", "urb", "ups")
#: Words in u- that start with a 'you' sound although 'un' follows ("a unanimous", "a union").
_U_YOU = ("uni", "unan")


def _vowel_sound(word: str) -> bool | None:
    """Whether ``word`` starts with a vowel sound; None when the spelling does not say."""
    w = word.lower()
    first = w[0]
    if first in "ai":
        return True
    if first == "e":
        return not w.startswith(("eu", "ewe"))
    if first == "o":
        return not (w == "one" or w.startswith(("one-", "once", "ouija")))
    if first == "u":
        if w.startswith(_U_YOU):
            return None if w.startswith(("unim", "unin", "unid", "unil")) else False
        if w.startswith(_U_VOWEL):
            return True
        if w.startswith(("use", "usu", "uti", "ukr", "ura", "uro", "uga", "uni")):
            return False
        return None
    if first in "hx":
        return None
    return False


#: Consonant pairs that start English words; any other pair marks an abbreviation ("an fbi", "an ntl").
_ONSETS = frozenset(
    [
        "bl",
        "br",
        "ch",
        "cl",
        "cr",
        "dr",
        "dw",
        "fl",
        "fr",
        "gl",
        "gn",
        "gr",
        "kl",
        "kn",
        "kr",
        "ph",
        "pl",
        "pr",
        "ps",
        "sc",
        "sh",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "st",
        "sw",
        "th",
        "tr",
        "tw",
        "wh",
        "wr",
        "qu",
        "sq",
    ]
)


def _abbreviation(word: str) -> bool:
    w = word.lower()
    return len(w) > 1 and w[0] not in "aeiouy" and w[1] not in "aeiouy" and w[:2] not in _ONSETS


def _capital_a_mid_sentence(text: str, start: int) -> bool:
    """'Serie A and', 'grade A on': a capital A that is not the first word of a sentence is a letter."""
    i = start
    while i > 0 and text[i - 1] in ' \t\u00a0"“‘(':
        i -= 1
    return i > 0 and text[i - 1] not in ".!?:\n"


@detector("articles.article_agreement")
def article_agreement(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """TR115: 'a adversary' (write 'an'), 'an nuclear' (write 'a')."""
    text = doc.text
    low = doc.lower
    starts = [c.start() + 1 for c in _CANDIDATE.finditer(low)]
    starts += [c.end() for c in _AFTER_BREAK.finditer(text)]
    if text[:2].lower() in ("a ", "an"):
        starts.insert(0, 0)
    for start in sorted(set(starts)):
        m = _AT.match(text, start)
        if m is None:
            continue
        word = m.group("word")
        wants_vowel = not m.group("n")
        if _vowel_sound(word) is not wants_vowel or _abbreviation(word):
            continue
        art = m.group("art")
        if art[0] == "A" and _capital_a_mid_sentence(text, start):
            continue
        right = ("An" if art[0] == "A" else "an") if wants_vowel else art[0]
        yield Hit(
            start,
            m.end(),
            suggestion=f"{right} {m.group('q')}{word}",
            fields={"article": art, "word": word, "right": right},
            edits=(Edit(start, start + len(art), right),),
        )
