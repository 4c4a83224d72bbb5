"""Words a scraper glued together: a lost space inside a token or after a full stop.

``camel_join`` finds a lower-case letter followed by a capital inside one token
("borderAt", "BidenOn", "RussiaCunning", "McCallRepublicans") where both halves
are words or names and the token is not a real form ("iPhone", "McDonald",
"PlayStation") nor one the article writes twice or more (a brand's spelling, not a
join).  ``missing_space`` finds a sentence stop with no space after it
("month.Russian") outside abbreviations, decimals, file names, web and e-mail
addresses.  Both anchor on a rare pivot (a capital after a lower-case letter; a
stop between letters) and look at the context in Python, so they cost little on
clean text.  Each token is judged once (a pivot inside a token already seen is
skipped before any work, and a repeated token reuses its verdict), so a text
that is one long camel-cased token is linear (issue 11).

Their lists are tables a house pack can extend: the allowed camel-case forms
(``extraction/camel_case``), the function words (``extraction/function_words``)
and the joined forms with a stop inside (``extraction/joined_stops``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import regex

from auditor.detectors.extraction import (
    capitalised_elsewhere,
    function_words,
    is_common_word,
    lower_elsewhere,
    standalone_uses,
    word_list,
    word_set,
)
from auditor.document import Document
from auditor.model import UNSAFE, Edit, Hit
from auditor.registry import detector
from auditor.tables import Table, table

#: An ASCII capital between lower-case letters: twice as fast as any capital, and the joins
#: scrapers make are at ASCII capitals ("borderAt", "RussiaThe") in English text.
_CAMEL_PIVOT = regex.compile(r"(?<=\p{Ll})[A-Z](?=\p{Ll})", regex.V1)
_STOP_PIVOT = regex.compile(r"(?<=\p{Ll}\p{Ll})[.!?][”\"’“‘]?(?=\p{Lu}\p{Ll})", regex.V1)

#: Name prefixes that take a capital after them: McConnell, MacArthur, DeSantis, LaGuardia, DiCaprio.
NAME_PREFIXES = word_list("Mc Mac Fitz De Di Da Du Dos La Le Van Von Ten Ter")
#: Characters next to a token that mark an address, a handle or code rather than prose.
_ADDRESS_BEFORE = frozenset("@#/\\._:=<>[]{}|~$%&+*")
_ADDRESS_AFTER = frozenset("@/\\_:=<>[]{}|~$%&+*(")
_APOSTROPHES = "'’"
_TOP_LEVEL = word_list("Com Net Org Gov Edu Info Biz Io Co Uk Us Eu De Fr Ru Ua Cn Ca Au In Js Ts Py Html Php Asp")


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _token_bounds(text: str, i: int) -> tuple[int, int]:
    """The letters (with inner apostrophes) around offset ``i``."""
    start = i
    while start > 0 and (
        _is_letter(text[start - 1]) or (text[start - 1] in _APOSTROPHES and start > 1 and _is_letter(text[start - 2]))
    ):
        start -= 1
    end = i
    n = len(text)
    while end < n and (
        _is_letter(text[end]) or (text[end] in _APOSTROPHES and end + 1 < n and _is_letter(text[end + 1]))
    ):
        end += 1
    return start, end


def _looks_like_address(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _ADDRESS_BEFORE or before.isdigit() or after.isdigit() or after in _ADDRESS_AFTER:
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _units(token: str) -> list[str]:
    """Split at every lower-to-upper change, then rejoin name prefixes ("Mc" + "Call")."""
    parts: list[str] = []
    begin = 0
    for k in range(1, len(token)):
        if token[k].isupper() and token[k - 1].islower():
            parts.append(token[begin:k])
            begin = k
    parts.append(token[begin:])
    merged: list[str] = []
    for part in parts:
        if merged and merged[-1] in NAME_PREFIXES:
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _base(word: str) -> str:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _allowed(token: str, allow: frozenset[str]) -> bool:
    base = _base(token)
    return base in allow or (base.endswith("s") and base[:-1] in allow)


def _is_name_like(word: str) -> bool:
    return any(word.startswith(p) and len(word) > len(p) and word[len(p)].isupper() for p in NAME_PREFIXES)


@dataclass(frozen=True, slots=True)
class _Join:
    left: str
    right: str
    sentence_break: bool


def _judge(text: str, token: str, allow: frozenset[str], fw: Mapping[str, str]) -> _Join | None:
    """Whether ``token`` joins two words, judged on the token and the article (not its place)."""
    if _allowed(token, allow):
        return None
    join = _judge_token(text, token, fw)
    if join is not None and _article_uses(text, token) >= 2:
        return None  # a form the article writes twice or more is its spelling of a name (FaceIn, HomeOn)
    return join


def _judge_token(text: str, token: str, fw: Mapping[str, str]) -> _Join | None:
    """Whether the halves of ``token`` read as two words run together (``_judge`` without the article's uses)."""
    units = _units(token)
    if len(units) != 2:
        return None  # a single name (McCall) or a brand of three humps (GlaxoSmithKline)
    left, right = units
    right_base = _base(right)
    if len(right_base) < 2 or not right_base[1:].islower():
        return None
    left_is_function = left.lower() in _LOWER_FUNCTION
    if len(left) < 3 and not left_is_function:
        return None  # iPod, eBay, WiFi

    def word_or_name(word: str) -> bool:
        return is_common_word(word, threshold=2.5) or _is_name_like(word) or standalone_uses(text, word, skip=-1) > 0

    if right_base in fw:
        if word_or_name(left):
            return _Join(left, right, sentence_break=True)
        return None
    if left[0].islower():
        if (left_is_function or is_common_word(left)) and (
            is_common_word(right_base) or standalone_uses(text, right_base, skip=-1) > 0
        ):
            return _Join(left, right, sentence_break=False)
        if (left_is_function or is_common_word(left, threshold=4.0)) and len(right_base) >= 3:
            # A very common word glued to a name seen only here ("toldReuters", "analystGartner",
            # "theCote d'Azur", "championFabrice Santoro"): a brand that starts in lower case has a
            # short or rare first half (iPhone, eBay, easyJet is listed) and is written again.
            return _Join(left, right, sentence_break=False)
        return None
    # Two capitalised halves: brands are made so too (PlayStation, WorldCom).  A join is a
    # one-off token (see above) whose halves are words or names and one of which the article uses alone.
    if not (word_or_name(left) and word_or_name(right_base)):
        return None
    # The left half a name the article uses (RussiaCunning, McCallRepublicans), or the right
    # half one it uses often (a footer glued to a name: "CommentBiden").  A brand's halves
    # are rarely so: PowerPage, EverCrack.
    if _used_as_name(text, left, uses=1) or (
        is_common_word(left, threshold=3.5) and _used_as_name(text, right_base, uses=3)
    ):
        return _Join(left, right, sentence_break=False)
    return None


def _article_uses(text: str, token: str) -> int:
    """How often the article writes ``token``, counting its possessive and plural forms.

    A scraper's join is an accident of one place; a form written twice or more ("SoundCloud",
    "SoundCloud's", "LinkedIn") is the article's spelling of a name.
    """
    base = _base(token)
    stem = base[:-1] if base.endswith("s") and len(base) > 3 else base
    # One find walk for the stem, followed by nothing, "s" or an apostrophe ("X's" counts: the
    # apostrophe ends a whole token); stops at the second use.
    uses, n, size = 0, len(text), len(stem)
    k = text.find(stem)
    while k >= 0:
        end = k + size
        if end < n and text[end] == "s":
            end += 1
        if (k == 0 or not text[k - 1].isalnum()) and (end >= n or not text[end].isalnum()):
            uses += 1
            if uses >= 2:
                break
        k = text.find(stem, k + 1)
    return uses


def _used_as_name(text: str, word: str, *, uses: int) -> bool:
    """A name prefix form, or a word the article capitalises mid-sentence and never writes in lower case."""
    if _is_name_like(word):
        return True
    return (
        standalone_uses(text, word, skip=-1) >= uses
        and not lower_elsewhere(text, word)
        and capitalised_elsewhere(text, word, skip=-1)
    )


_LOWER_FUNCTION = word_list("of at in on to as by for from with and or but the a an is was")


@dataclass(frozen=True)
class CamelJoin:
    """Options of ``glued.camel_join``: the allowed camel-case forms and the function words (tables)."""

    allow: Table = table("extraction/camel_case")  # noqa: RUF009 - a table reference, replaced at load
    function_words: Table = table("extraction/function_words")  # noqa: RUF009 - a table reference, replaced at load


@dataclass(frozen=True)
class MissingSpace:
    """Options of ``glued.missing_space``: joined forms with a stop inside that are right ("One.Tel")."""

    allow: Table = table("extraction/joined_stops")  # noqa: RUF009 - a table reference, replaced at load


@detector("glued.camel_join", options=CamelJoin)
def camel_join(doc: Document, options: CamelJoin) -> Iterator[Hit]:
    """EX101: a lower-case letter followed by a capital inside one token, joining two words."""
    text = doc.text
    allow = word_set(options.allow)
    fw = function_words(options.function_words)
    verdicts: dict[str, _Join | None] = {}
    end = -1
    for m in _CAMEL_PIVOT.finditer(text):
        if m.start() < end:
            continue  # a second capital inside a token already judged
        start, end = _token_bounds(text, m.start())
        if _looks_like_address(text, start, end):
            continue
        token = text[start:end]
        if token not in verdicts:
            verdicts[token] = _judge(text, token, allow, fw)
        join = verdicts[token]
        if join is None:
            continue
        sep = ". " if join.sentence_break else " "
        fields = {"left": join.left, "right": join.right, "match": token}
        # Where to split is certain; the full stop is a guess: an unsafe edit.
        cut = start + len(join.left)
        yield Hit(
            start,
            end,
            suggestion=f"{join.left}{sep}{join.right}",
            fields=fields,
            edits=(Edit(cut, cut, sep),),
            applicability=UNSAFE,
        )


#: Top-level domains that are also words opening a sentence: before a lower-case word they are one.
_SENTENCE_TLDS = word_list("In Us")


def _lower_word_after(text: str, end: int) -> bool:
    return end + 1 < len(text) and text[end] == " " and text[end + 1].islower()


@detector("glued.missing_space", options=MissingSpace)
def missing_space(doc: Document, options: MissingSpace) -> Iterator[Hit]:
    """EX102: a sentence stop between two words with no space after it ("month.Russian")."""
    text = doc.text
    allow = word_set(options.allow)
    for m in _STOP_PIVOT.finditer(text):
        left_start, _ = _token_bounds(text, m.start() - 1)
        _, right_end = _token_bounds(text, m.end())
        if _looks_like_address(text, left_start, right_end):
            continue
        left, right = text[left_start : m.start()], text[m.end() : right_end]
        if f"{left}{m.group()}{right}" in allow or f"{left}{m.group()}" in allow or left.lower() == "www":
            continue  # a listed form ("One.Tel"), or a brand that ends in its stop ("Yahoo!News")
        if _base(right) in _TOP_LEVEL and not (right in _SENTENCE_TLDS and _lower_word_after(text, right_end)):
            continue  # a domain ("Amazon.Com"); "peaked.In a report" is a sentence
        if any(not c.isalpha() and c not in _APOSTROPHES for c in left + right):
            continue
        stop = m.group()
        if stop[-1] in "“‘":  # an opening quote belongs to the next sentence
            stop, right = stop[:-1], stop[-1] + right
        fields = {"left": f"{left}{stop}", "right": right, "match": text[left_start:right_end]}
        gap = m.start() + len(stop)
        yield Hit(
            left_start, right_end, suggestion=f"{left}{stop} {right}", fields=fields, edits=(Edit(gap, gap, " "),)
        )
