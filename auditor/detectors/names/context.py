"""Roles and countries named around a person: the context that tells a garble from a namesake.

"National security adviser Jack Sullivan" is Jake Sullivan misspelt; a "Jack Sullivan"
with no such role nearby may be anyone.  The same classifier reads the gazetteer's
positions at build time ("Minister of Defence" -> ``defence``) and an article's words
around a name at check time ("Ukrainian Defense Minister" -> ``defence`` and ``UA``), so
the two sides speak the same small vocabulary of role classes.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import regex

# Role classes and the words that signal them (case-insensitive, whole words).
_ROLE_WORDS: dict[str, str] = {
    "head": r"president|prime\s+minister|premier|chancellor(?!\s+of\s+the\s+exchequer)|head\s+of\s+(?:state|government)"
    r"|king|queen|emir|sultan|monarch|crown\s+prince|supreme\s+leader|taoiseach|chief\s+of\s+state|pope",
    "deputy": r"vice[\s-]+president|vice[\s-]+premier|vice[\s-]+chancellor|deputy\s+prime\s+minister|first\s+deputy",
    "foreign": r"foreign|secretary\s+of\s+state|state\s+department|external\s+affairs|diplomat\w*|diplomacy|ambassador"
    r"|envoy|permanent\s+representative|high\s+representative|emissary|consul",
    "defence": r"defen[cs]e|armed\s+forces|military|pentagon|army|navy|air\s+force|general\s+staff|joint\s+chiefs"
    r"|commander|generals?",
    "security": r"national\s+security|security\s+council|intelligence|spy\s+chief|homeland|fsb|counter[\s-]*terror\w*",
    "press": r"press\s+secretary|spokes(?:man|woman|person)|press\s+(?:office|officer|aide)|communications\s+director",
    "legislator": r"senator|sen\.|rep\.|representatives?|congress(?:man|woman|member)?|lawmakers?|legislators?"
    r"|parliament\w*|mps?|meps?|speaker|majority\s+leader|minority\s+leader|whip|duma|rada|bundestag"
    r"|house\s+(?:foreign|armed|intelligence|judiciary)|senate\s+(?:foreign|armed|intelligence)",
    "finance": r"financ\w*|treasury|exchequer|econom\w*|budget|central\s+bank\w*|federal\s+reserve|the\s+fed"
    r"|monetary|fiscal|bank\s+governor",
    "interior": r"interior|home\s+(?:secretary|office|affairs|minister)|internal\s+affairs|police",
    "justice": r"justice|attorney[\s-]+general|prosecutor\w*|judges?|court",
    "health": r"health|medical|disease|pandemic",
    "energy": r"energy|oil|gas|petroleum|mines|mining|nuclear",
    "trade": r"trade|commerce|industry|business",
    "org": r"secretary[\s-]+general|director[\s-]+general|managing\s+director|chief\s+executive|ceo"
    r"|chair(?:man|woman|person)?|founder|co-founder|executive\s+director|chief\s+economist",
    "local": r"mayor|governor",
    "opposition": r"opposition|dissident|activist|critic",
}

# The patterns below are compiled on first use, not at import: compiling them takes tens of
# milliseconds, which a run that never reads a name's context (a short file) need not pay.


@cache
def _role_res() -> dict[str, regex.Pattern[str]]:
    return {
        cls: regex.compile(rf"(?<![\w.])(?:{words})(?!\w)", regex.IGNORECASE | regex.V1)
        for cls, words in _ROLE_WORDS.items()
    }


#: Words in an article that tie a person to a country (ISO 3166 alpha-2) or an organisation.
_COUNTRY_WORDS: dict[str, str] = {
    "US": r"U\.S\.|US|USA|U\.S\.A\.|American|United\s+States|Washington|White\s+House|Pentagon|Republican"
    r"|Democrat(?:ic)?|Congress|Senate|Capitol",
    "GB": r"UK|U\.K\.|British|Britain|United\s+Kingdom|London|Downing\s+Street|Whitehall|Labour|Tory|Conservative",
    "RU": r"Russian?|Russia's|Moscow|Kremlin|Soviet",
    "UA": r"Ukrainian?|Ukraine's|Kyiv|Kiev",
    "DE": r"German|Germany|Berlin|Bundestag",
    "FR": r"French|France|Paris|Élysée|Elysee",
    "CN": r"Chinese|China|Beijing",
    "JP": r"Japanese|Japan|Tokyo",
    "IN": r"Indian?|India's|New\s+Delhi",
    "IT": r"Italian|Italy|Rome",
    "ES": r"Spanish|Spain|Madrid",
    "PL": r"Polish|Poland|Warsaw",
    "TR": r"Turkish|Turkey|Türkiye|Ankara",
    "IL": r"Israeli|Israel|Jerusalem",
    "IR": r"Iranian|Iran|Tehran",
    "CA": r"Canadian|Canada|Ottawa",
    "AU": r"Australian|Australia|Canberra",
    "BY": r"Belarusian|Belarus|Minsk",
    "HU": r"Hungarian|Hungary|Budapest",
    "SA": r"Saudi|Riyadh",
    "KR": r"South\s+Korean?|Seoul",
    "KP": r"North\s+Korean?|Pyongyang",
    "BR": r"Brazilian|Brazil",
    "MX": r"Mexican|Mexico",
    "EU": r"EU|European\s+Union|European\s+Commission|Brussels",
    "NATO": r"NATO|Nato|alliance",
    "UN": r"UN|U\.N\.|United\s+Nations",
}


# One pass for all of them: each code is a named group (no two codes' words overlap, so the
# leftmost match at a place is the only one there).
@cache
def _country_re() -> regex.Pattern[str]:
    return regex.compile(
        r"(?<![\w.])(?:" + "|".join(f"(?P<{code}>{words})" for code, words in _COUNTRY_WORDS.items()) + r")(?![\w])",
        regex.V1,
    )


#: Classes too broad to tell one person from a namesake on their own.
WEAK_ROLES = frozenset({"opposition", "trade"})


# Compound titles that contain another class's word: "Deputy Prime Minister" is no head of
# government, a "Permanent Representative" no legislator.  They are matched and blanked first.
@cache
def _compound_res() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    return (
        ("deputy", _role_res()["deputy"]),
        (
            "foreign",
            regex.compile(r"(?<![\w.])(?:permanent|trade)\s+representative(?!\w)", regex.IGNORECASE | regex.V1),
        ),
    )


@lru_cache(maxsize=8192)
def role_classes(text: str) -> frozenset[str]:
    """The role classes that ``text`` (a position title or an article's words) names."""
    if not text:
        return frozenset()
    found = set()
    for cls, rx in _compound_res():
        if rx.search(text):
            found.add(cls)
            text = rx.sub(" ", text)
    found.update(cls for cls, rx in _role_res().items() if rx.search(text))
    return frozenset(found)


def _leading_literal(alternative: str) -> str:
    """The text every match of one alternative of ``_COUNTRY_WORDS`` starts with ("Russian?" -> "Russia")."""
    out = []
    i = 0
    while i < len(alternative):
        c = alternative[i]
        if c == "\\" and alternative[i + 1 : i + 2] == ".":
            char, width = ".", 2
        elif c.isalpha() or c == "'":
            char, width = c, 1
        else:
            break
        if alternative[i + width : i + width + 1] in ("?", "*", "{"):
            break  # an optional letter ends what every match shares
        out.append(char)
        i += width
    return "".join(out)


def _alternatives(words: str) -> list[str]:
    """The top-level alternatives of a ``_COUNTRY_WORDS`` pattern."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(words):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(words[start:i])
            start = i + 1
    out.append(words[start:])
    return out


def _trie(literals: set[str]) -> str:
    """One stdlib pattern matching any of ``literals``, factored by prefix ("Ind(?:ia|ian)")."""
    branches: dict[str, set[str]] = {}
    for lit in literals:
        if lit:
            branches.setdefault(lit[0], set()).add(lit[1:])
    alts = [re.escape(c) + _trie(rest) for c, rest in sorted(branches.items())]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in literals else body


#: Where a match of ``_country_re()`` can start: the text each of its alternatives starts with.  A
#: factored alternation of literals is scanned by the stdlib engine at C speed and finds the few
#: places worth trying; ``_country_re()`` then matches there with its own boundaries.  Every literal
#: is letters, full stops and an apostrophe before an "s", so no match can start inside a literal the
#: scan has consumed (the character before it would be a letter or a full stop).
_COUNTRY_STARTS = re.compile(
    _trie({_leading_literal(alt) for words in _COUNTRY_WORDS.values() for alt in _alternatives(words)})
)


@lru_cache(maxsize=16)  # the article's own cues are asked for twice: by NM101 and by NM105's collection
def country_cues(text: str) -> frozenset[str]:
    """Countries and organisations that ``text`` names (ISO alpha-2 codes, EU, NATO, UN)."""
    if not text:
        return frozenset()
    if len(text) < 200:
        return frozenset(m.lastgroup for m in _country_re().finditer(text) if m.lastgroup)
    # the same matches as ``_country_re().finditer``, tried only where one can start
    found: set[str] = set()
    end = 0
    match = None
    for m in _COUNTRY_STARTS.finditer(text):
        at = m.start()
        if at < end:
            continue
        if match is None:
            match = _country_re().match
        hit = match(text, at)
        if hit is not None:
            end = hit.end()
            if hit.lastgroup:
                found.add(hit.lastgroup)
    return frozenset(found)


#: Occupations no office in the gazetteer is: a name introduced by one of them is someone else's
#: ("news director Tom Bevan", "film director Jon Powel", "replacement Ian Priscott").
_OCCUPATION = (
    r"(?<![\w.])(?:(?:news|film|music|art|creative|artistic|technical|sporting|football|casting|musical|"
    r"station|programme|program|project|research|marketing|sales|advertising|campaign|festival|theatre|"
    r"studio|label|fashion|design)\s+director|director|producer|actor|actress|singer|songwriter|rapper|"
    r"guitarist|drummer|musician|composer|conductor|artist|painter|author|novelist|writer|poet|"
    r"playwright|screenwriter|journalist|reporter|correspondent|editor|presenter|broadcaster|"
    r"columnist|photographer|comedian|model|designer|architect|chef|coach|manager|captain|"
    r"player|striker|midfielder|defender|goalkeeper|keeper|winger|fly-half|scrum-half|prop|hooker|"
    r"flanker|centre|full-back|replacements?|substitutes?|jockey|trainer|golfer|boxer|sprinter|"
    r"runner|swimmer|cyclist|driver|rider|skier|seed|champion|professor|lecturer|student|teacher|"
    r"scientist|researcher|analyst|economist(?!\s+at\s+the\s+(?:imf|world\s+bank))|lawyer|solicitor|"
    r"barrister|doctor|surgeon|nurse|engineer|programmer|developer)"
    r"(?!\w)"
)


@cache
def _occupation_re() -> regex.Pattern[str]:
    return regex.compile(_OCCUPATION, regex.IGNORECASE | regex.V1)


def occupation(text: str) -> bool:
    """Whether ``text`` (the words introducing a name) names an occupation rather than an office."""
    return bool(text) and _occupation_re().search(text) is not None


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:\b(?:published|updated|posted|dated|last\s+modified|date:)[^\n]{{0,40}}?\b((?:19|20)\d\d)\b"
    rf"|^[ \t]*(?:[A-Z][a-z]+day,?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+((?:19|20)\d\d)\b"
    rf"|^[ \t]*((?:19|20)\d\d)-[01]\d-[0-3]\d\b)"
)


@cache
def _date_re() -> regex.Pattern[str]:
    return regex.compile(_DATE, regex.IGNORECASE | regex.MULTILINE | regex.V1)


def article_year(text: str) -> int | None:
    """The year an article is dated, when its first or last lines say so ("Published 3 March 2005",
    a dateline "March 3, 2005", "2005-03-03"); None when the text gives no date."""
    for part in (text[:400], text[-300:]):
        if "19" not in part and "20" not in part:
            continue  # every form of the date has a year 19xx or 20xx: no need to scan
        m = _date_re().search(part)
        if m is not None:
            return int(next(g for g in m.groups() if g))
    return None


_START_YEAR = regex.compile(r"\((\d{4})\s*-")


def start_year(label: str) -> int | None:
    """The year the gazetteer's office of a person starts ("President of France (2017-)" -> 2017)."""
    m = _START_YEAR.search(label)
    return int(m.group(1)) if m else None
