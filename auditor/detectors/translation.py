"""Machine-translation artifacts that need more than a pattern: doubled words,
honorifics turned into common nouns, 'Mr.' turned into a sentence break, and
foreign word order ("he said Officer", "should it invade Ukraine start").

Every detector here is anchored on something rare (a literal, a full stop, a
space followed by a word) and checks its context in Python, so that a clean
7 KB article costs a few tens of microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.document import Document, per_document
from auditor.lexicon import zipf
from auditor.model import Hit
from auditor.registry import NoOptions, detector


def _compile_possessive(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Possessive quantifiers (Python >= 3.11) stop useless backtracking; plain ones elsewhere."""
    try:
        return re.compile(pattern, flags)
    except re.error:  # pragma: no cover - Python 3.10
        return re.compile(pattern.replace("++", "+"), flags)


# -- TR102 honorific turned into a common noun -------------------------------------------------

#: Capitalised words that start sentences and are never the name after a title.
SENTENCE_WORDS = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "In", "On", "At", "For", "From", "With", "By", "To", "Of", "As", "But", "And", "Or", "So", "Yet", "If", "When", "While", "After", "Before", "Since", "Because", "Although", "Though", "However", "Meanwhile", "Also", "Then", "There", "Here", "What", "Who", "Which", "Where", "Why", "How", "Some", "Many", "Most", "All", "Both", "Each", "Every", "No", "Not", "Now", "One", "Two", "Three", "Other", "Another", "Such", "Last", "Next", "First", "Earlier", "Later", "Still", "Even", "Only", "Just", "Mr", "Mrs", "Ms", "Dr", "Sir", "Madam", "Lady", "President", "Prime", "Minister", "Secretary"]
)


def looks_like_name(word: str, *, max_zipf: float = 5.0) -> bool:
    """A capitalised word that is not a sentence starter nor one of the commonest English words."""
    return (
        len(word) > 1
        and word[0].isupper()
        and not word.isupper()
        and word not in SENTENCE_WORDS
        and zipf(word.lower()) < max_zipf
    )


#: Honorifics translated as nouns, and what to write instead.
_TITLE_FOR = {"gentleman": "Mr.", "gentlemen": "Mr.", "mister": "Mr.", "sir": "Mr.", "woman": "Ms.",
              "lady": "Ms.", "madam": "Ms.", "madame": "Ms."}
#: Lower-case keys to look for before any regex runs: each is rare in clean news.
_HONORIFIC_KEYS = ("entlem", "lady", "madam", "sir", "mister", "woman")
_HONORIFIC_AT = re.compile(
    r"(?P<noun>[Gg]entlem[ae]n|[Ll]ady|[Mm]adame?|[Ss]ir|[Mm]ister)\.[ \t]+(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)?)\b"
    r"|(?P<noun2>gentlem[ae]n|madame?|mister|Mister(?= [A-Z][a-z]+\b(?! [A-Z][a-z])))[ \t]+(?P<name2>[A-Z][a-z]+)\b"
)


@per_document
def _honorific_words(doc: Document) -> tuple[int, ...]:
    """Start offsets of the words holding an honorific key ('gentlemen', 'lady', 'madam', 'sir', 'mister').

    Shared by TR102 and TR103 (once per document): one fast ``find`` per key.
    """
    text, low = doc.text, doc.lower
    starts: set[int] = set()
    for key in _HONORIFIC_KEYS:
        at = low.find(key)
        while at >= 0:
            start = at
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            starts.add(start)
            at = low.find(key, at + len(key))
    return tuple(sorted(starts))


@detector("translation.honorific_noun")
def honorific_noun(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'gentlemen. Biden', 'lady. Merkel', 'madame Lagarde': a translated Mr./Ms. come back as a noun."""
    text = doc.text
    for start in _honorific_words(doc):
        m = _HONORIFIC_AT.match(text, start)
        if m is None:
            continue
        noun = m.group("noun") or m.group("noun2")
        name = m.group("name") or m.group("name2")
        if not looks_like_name(name, max_zipf=4.6):
            continue
        before = text[max(0, start - 12) : start].lower()
        if before.endswith(("and ", "first ", "young ", "old ", "the ", "a ", "dear ", "yes, ", "no, ")):
            continue  # "ladies and gentlemen.", "the first lady.", "yes, sir."
        title = _TITLE_FOR[noun.lower()]
        yield Hit(start, m.end(), suggestion=f"{title} {name}", fields={"noun": noun, "name": name, "title": title})


# -- TR103 title after the name -----------------------------------------------------------------

_SPEECH_VERBS = (r"said|says|told|stated|added|noted|stressed|emphasi[sz]ed|pointed|expressed|also|has|had"
                 r"|was|is|will|would|believes|thinks")
_TITLE_NOUN_AFTER = re.compile(
    rf"(?P<title>gentlem[ae]n|lady|madame?|sir|woman)(?=[ \t]+(?:{_SPEECH_VERBS})\b|[ \t]*[,;:])"
)
_TITLE_ABBR_AFTER = re.compile(rf"M(?:rs?|s)\.?(?=[ \t]+(?:{_SPEECH_VERBS})\b|[ \t]*[,;:])")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+$")
_OFFICE_AFTER = re.compile(
    r"[PCFS](?:resident|rime Minister|oreign Minister|hancellor|ecretary of State|pokes(?:person|man|woman))"
    r"(?= (?:said|says|told|stated|added|noted|stressed)\b)"
)
_FULL_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z][a-z]+)[ \t]+$")
#: Capitalised words that form titles ("Defence Minister", "Vice President"), not names.
_TITLE_WORDS = frozenset(
    ["Foreign", "Defence", "Defense", "Home", "Health", "Prime", "Vice", "Deputy", "Acting", "Former", "Interim", "Federal", "State", "National", "Senior", "Junior", "Chief", "Shadow", "General", "Finance", "Interior", "Justice", "Trade", "Culture", "Education", "Energy", "Labour", "Labor", "Party", "Press", "Council", "Cabinet", "Assembly", "Republican", "Democratic", "Conservative", "Liberal", "Socialist", "Green", "Union", "Club", "League"]
)
_DETERMINERS = frozenset(["a", "an", "the", "this", "that", "another", "one", "each", "every", "any", "no", "some", "young", "old", "elderly"])
_FAITHS = frozenset(["Muslim", "Christian", "Jewish", "Hindu", "Sikh", "Buddhist", "Catholic", "Protestant", "Orthodox", "Shia", "Sunni"])


@detector("translation.title_after_name")
def title_after_name(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'Biden gentleman said', 'Merkel lady said', 'Putin Mr. said': the title left after the name.

    Chinese and Japanese put the honorific after the name (拜登先生, 'Biden Mr.');
    a literal translation keeps that order.
    """
    text = doc.text
    candidates: list[tuple[int, int, str, str]] = []
    for m in _TITLE_ABBR_AFTER.finditer(text):
        if m.start() and text[m.start() - 1].isalpha():
            continue
        before = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is not None:
            candidates.append((before.start(), m.end(), before.group(1), m.group()))
    for start in _honorific_words(doc):
        m = _TITLE_NOUN_AFTER.match(text, start)
        before = _NAME_BEFORE.search(text, max(0, start - 30), start) if m is not None else None
        if m is not None and before is not None:
            candidates.append((before.start(), m.end(), before.group(1), m.group("title")))
    for m in _OFFICE_AFTER.finditer(text):
        # "Fumio Kishida Prime Minister said": the office after a full name (Japanese, Chinese order)
        full = _FULL_NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if full is None or not all(_personal_name(w) for w in full.groups()):
            continue
        if _starts_sentence(text, full.start()) or text[max(0, full.start() - 2) : full.start()].strip()[-1:].isupper():
            continue
        yield Hit(full.start(), m.end(), suggestion=f"{m.group()} {full.group(1)} {full.group(2)}",
                  fields={"name": f"{full.group(1)} {full.group(2)}", "title": m.group()})
    for start, end, name, title in candidates:
        if not looks_like_name(name, max_zipf=4.6):
            continue
        before_words = text[max(0, start - 10) : start].split()
        if before_words and before_words[-1].lower() in _DETERMINERS:
            continue  # "an Iraqi lady said"
        if title == "woman" and (not _personal_name(name) or name in _FAITHS or name.endswith(("an", "i"))
                                 or sum(1 for _ in word_offsets(text, name)) < 2):
            continue  # "Merkel woman said" (Ms. Merkel), not "Afghan woman said"
        honorific = _TITLE_FOR.get(title.lower(), title if title.endswith(".") else title + ".")
        yield Hit(start, end, suggestion=f"{honorific} {name}", fields={"name": name, "title": title})


def _personal_name(word: str) -> bool:
    """A capitalised word that can be part of a person's name: not a title word nor a demonym."""
    return (looks_like_name(word, max_zipf=4.9) and word not in _TITLE_WORDS
            and not word.endswith(("ian", "ese", "ish", "ean")))


# -- TR104 'Mr. X' turned into a sentence break ------------------------------------------------

_BREAK = re.compile(r"\.(?<=[a-z]\.) (?=(?P<name>[A-Z][a-z]+) (?P<next>[A-Z][a-z]+)\b)")
_PREV_WORD = re.compile(r"\b([A-Z][a-z]+)$")


@detector("translation.name_sentence_break")
def name_sentence_break(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'look for Putin. Biden Spokesperson Dmitry Peskov': 'Mr.' rendered as a full stop.

    A name ends one 'sentence', the next starts with a surname the article uses on
    its own elsewhere, followed by a capitalised common word ("Spokesperson",
    "Consultation") that the article never capitalises elsewhere mid-sentence.
    """
    text = doc.text
    for m in _BREAK.finditer(text):
        name, nxt = m.group("name"), m.group("next")
        if nxt in SENTENCE_WORDS or zipf(nxt.lower()) < 3.0 or not looks_like_name(name, max_zipf=4.6):
            continue
        prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
        if prev is None or _starts_sentence(text, prev.start()) or not looks_like_name(prev.group(1), max_zipf=4.6):
            continue
        after_next = m.end() + len(name) + 1 + len(nxt)
        if text.startswith(("'s", "’s"), after_next) or not _name_used_alone(text, name, nxt):
            continue  # "Pollard. Arbor Network's technology": a company name, not a broken title
        if _capitalised_mid_sentence(text, nxt, m.end() + len(name) + 1):
            continue
        start, end = prev.start(), m.end() + len(name)
        yield Hit(start, end, suggestion=f"{prev.group(1)} Mr. {name}",
                  fields={"name": name, "before": prev.group(1)})


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a paragraph or follows a sentence end (cheaply, without the splitter)."""
    i = start
    while i > 0 and text[i - 1] in " \t\"“‘(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n\r…"


def word_offsets(text: str, word: str) -> Iterator[int]:
    """Offsets where ``word`` stands as a whole word (not inside another word or a hyphenated one)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            yield at
        at = text.find(word, end)


def _name_used_alone(text: str, name: str, nxt: str) -> bool:
    """Whether ``name`` stands as a word at least twice elsewhere, not followed by the first letters of ``nxt``."""
    follow = " " + nxt[:4]
    return sum(1 for at in word_offsets(text, name) if not text.startswith(follow, at + len(name))) >= 2


def _capitalised_mid_sentence(text: str, word: str, skip: int) -> bool:
    """Whether ``word`` is capitalised after a lower-case word or comma somewhere other than at ``skip``."""
    for at in word_offsets(text, word):
        if at != skip and at >= 2 and text[at - 1] == " " and (text[at - 2].islower() or text[at - 2] == ","):
            return True
    return False


# -- TR105 'said Officer' -------------------------------------------------------------------------

ROLE_NOUNS = (
    "Officer|Officers|Official|Officials|Spokesman|Spokeswoman|Spokesperson|Minister|Diplomat|Diplomats|Source"
    "|Sources|Analyst|Analysts|Expert|Experts|Adviser|Advisor|Administrator|Lawmaker|Legislator|Representative"
    "|Envoy|Ambassador|Researcher|Economist|Commander|Chairman|Director|Aide|Negotiator|Investigator|Prosecutor"
    "|Observer|Observers|Insider|Insiders|Employee|Staffer|Worker|Resident|Residents|Witness|Witnesses|Activist"
)
#: Anchored on the literal "d " that ends said, added, told, stated, ...: the engine jumps between them.
_ROLE_AT_END = re.compile(rf"d (?:the )?(?P<role>{ROLE_NOUNS})(?=[.!?;](?:[ \t\"”’)]|$))", re.MULTILINE)
_SPEECH_VERBS_D = ("said", "added", "stated", "noted", "explained", "told", "warned", "claimed", "insisted", "argued",
                   "replied", "declared", "confirmed")
@detector("translation.said_role")
def said_role(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'he said Officer.': a role noun, capitalised, after 'said' at the end of a sentence.

    German and Dutch put the speaker after the verb ('sagte der Beamte'); a literal
    translation keeps the order and capitalises the noun.  Names ('said Psaki.')
    are not role nouns and are left alone.
    """
    text = doc.text
    for m in _ROLE_AT_END.finditer(text):
        verb = next((v for v in _SPEECH_VERBS_D if text.startswith(v, m.start() + 1 - len(v))), None)
        start = m.start() + 1 - len(verb) if verb else 0
        if verb is None or start and text[start - 1].isalpha():
            continue
        role = m.group("role")
        yield Hit(start, m.end(), suggestion=f"{verb} the {role.lower()}", fields={"role": role, "verb": verb})


# -- TR106 verb-final clause ------------------------------------------------------------------------

_FINAL_VERBS = ("start", "begin")
_VERB_FINAL = re.compile(
    r"\b(?:should|would|could|will|to|if|it|they|he|she|we)[ \t]+(?P<verb>[a-z]{3,})[ \t]+"
    r"(?P<object>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+(?P<final>start|begin|happen|take place|occur)$"
)
_NOT_VERBS = frozenset(["the", "and", "but", "for", "from", "with", "his", "her", "their", "its", "our", "this", "that"])


@detector("translation.verb_final")
def verb_final(doc: Document, options: NoOptions) -> Iterator[Hit]:
    """'should it invade Ukraine start': the verb left at the end of the clause (German, Japanese order).

    A modal or pronoun, a verb, a capitalised object, then a bare 'start' or
    'begin' right before punctuation: English would put that verb first.
    """
    text = doc.text
    for final in _FINAL_VERBS:
        key = " " + final
        at = text.find(key)
        while at >= 0:
            end = at + len(key)
            if end < len(text) and text[end] in ".,;!?":
                m = _VERB_FINAL.search(text, max(0, at - 60), end)
                if m is not None and m.group("verb") not in _NOT_VERBS and zipf(m.group("verb")) >= 3.0:
                    yield Hit(m.start("verb"), end, fields={"verb": m.group("verb"), "final": final})
            at = text.find(key, end)
