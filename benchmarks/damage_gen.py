"""Inject realistic defects of every family into clean BBC articles and measure detection recall.

    python benchmarks/damage_gen.py [--per-family 30] [--seed 13] [--out DIR] [--show-misses N]

Where ``benchmarks/damage.py`` measures how much of the damage the *fixer* undoes,
this measures whether the *detectors* find it, family by family, in forms and at
rates beyond the seeds.  Each damager returns the clean reference (the BBC article,
made typographic where the family needs curly marks), the damaged text and the
spans it damaged (in both texts).  For every injected span:

- **recall**: a warning or error on the damaged text overlaps the span and is no
  longer than 4 x the span + 40 characters (the rule of ``eval_spans.py``);
- **on the original**: a warning or error on the clean reference at the same span
  (a detector that reports correct text there, not the damage);
- **collateral**: warnings the damage brought elsewhere in the article (not at an
  injected span, not on the reference).

Everything is seeded and regenerable; nothing is written unless ``--out DIR`` is
given, and then to that directory (the BBC text is research-use only: never copy it
into the project).  The forms are written from how each defect arises (Chinese and
French honorifics, footers of many CMSs in many languages, charset losses, scrapers),
not from the rule tables: a figure tuned to its own strings would measure nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from damage import BBC, NAMES, articles, garble  # the sibling benchmark's corpus and garbler

ROOT = Path(__file__).resolve().parents[1]

Span = tuple[int, int]


@dataclass(frozen=True)
class Injected:
    family: str
    path: str
    reference: str
    damaged: str
    spans: tuple[tuple[Span, Span], ...]
    """(span in damaged, span in reference) of each defect measured."""
    other: tuple[Span, ...] = ()
    """Spans in damaged of damage made but not measured (a charset loss changes every mark at once)."""


Damager = Callable[[str, random.Random], tuple[str, str, list[tuple[Span, Span]]] | None]
"""(reference, damaged, spans) for one article, or None when it offers no place for this damage."""

_UNMEASURED: list[Span] = []
"""Damage the last damager made beyond the spans it measures (read once by ``build``)."""


def apply(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, list[tuple[Span, Span]]]:
    """``text`` with the edits applied, and each edit's span in the new and the old text."""
    out: list[str] = []
    spans: list[tuple[Span, Span]] = []
    last = shift = 0
    for start, end, new in sorted(edits):
        out.append(text[last:start])
        out.append(new)
        spans.append(((start + shift, start + shift + len(new)), (start, end)))
        shift += len(new) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), spans


def spots(pattern: str, text: str) -> list[regex.Match[str]]:
    return list(regex.finditer(pattern, text))


def pick(rng: random.Random, items: list[regex.Match[str]], k: int, gap: int = 40) -> list[regex.Match[str]]:
    chosen: list[regex.Match[str]] = []
    for m in rng.sample(items, len(items)):
        if all(m.end() + gap < c.start() or c.end() + gap < m.start() for c in chosen):
            chosen.append(m)
        if len(chosen) == k:
            break
    return chosen


def body_start(text: str) -> int:
    """Past the headline line: damage goes into the article's paragraphs."""
    first = text.find("\n")
    return 0 if first < 0 else first + 1


def in_body(text: str, found: list[regex.Match[str]]) -> list[regex.Match[str]]:
    start = body_start(text)
    return [m for m in found if m.start() >= start]


# -- honorific calques --------------------------------------------------------------------------------
# Chinese xiansheng / nüshi rendered as nouns, French and Spanish Monsieur / Madame / Señor kept as words,
# and the French 'Monsieur le Président X' calque ('Mr. President X').
HONORIFIC_FORMS = {
    "Mr": [
        "gentlemen. {n}",
        "gentleman. {n}",
        "gentleman {n}",
        "Gentleman {n}",
        "Mister {n}",
        "mister {n}",
        "sir. {n}",
        "Monsieur {n}",
        "Senor {n}",
        "Mr. gentleman {n}",
    ],
    "Mrs": ["lady. {n}", "Madam. {n}", "madam {n}", "Madame {n}", "ladies. {n}", "Lady. {n}"],
    "Ms": ["lady. {n}", "Madam. {n}", "madame {n}", "Madame {n}", "Senora {n}"],
}
TITLE_CALQUES = [
    "Mr. President {n}",
    "Mr. Prime Minister {n}",
    "Mr. Chancellor {n}",
    "Madam. Minister {n}",
    "Mr. Secretary {n}",
    "Mr. Minister {n}",
]


def honorific(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    found = in_body(text, spots(r"\b(Mr|Mrs|Ms) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", text))
    if len(found) < 2:
        return None
    edits = []
    for m in pick(rng, found, 2):
        forms = HONORIFIC_FORMS[m.group(1)] + (TITLE_CALQUES if rng.random() < 0.3 else [])
        form = rng.choice(forms)
        edits.append((m.start(), m.end(), form.format(n=m.group(2))))
    damaged, spans = apply(text, edits)
    return text, damaged, spans


# -- boilerplate footers --------------------------------------------------------------------------------
FOOTERS: dict[str, list[str]] = {
    "en": [
        "Share this story on Twitter",
        "Sign up for our morning briefing",
        "Comments are closed for this story.",
        "Read more: the week's top business stories",
        "All rights reserved. Reproduction prohibited.",
        "Follow us on Instagram",
        "We use cookies to improve your experience on our site.",
        "Advertisement - scroll to continue",
        "Related articles",
        "Tags: economy, markets",
    ],
    "de": [
        "Teilen Sie diesen Beitrag",
        "Mehr zum Thema:",
        "Alle Rechte vorbehalten.",
        "Kommentar schreiben",
        "Folgen Sie uns auf Facebook",
        "Newsletter abonnieren",
    ],
    "fr": [
        "Partager cet article",
        "Lire aussi :",
        "Tous droits réservés.",
        "Suivez-nous sur Twitter",
        "Abonnez-vous à notre newsletter",
        "Réagir à cet article",
    ],
    "es": [
        "Comparte esta noticia",
        "Te puede interesar:",
        "Todos los derechos reservados.",
        "Síguenos en Twitter",
        "Suscríbete a nuestro boletín",
        "Escribe un comentario",
    ],
    "it": [
        "Condividi questo articolo",
        "Leggi anche:",
        "Tutti i diritti riservati.",
        "Seguici su Facebook",
        "Iscriviti alla newsletter",
    ],
    "pt": [
        "Compartilhe esta notícia",
        "Leia também:",
        "Todos os direitos reservados.",
        "Siga-nos no Instagram",
        "Assine a nossa newsletter",
    ],
    "nl": [
        "Deel dit artikel",
        "Lees ook:",
        "Alle rechten voorbehouden.",
        "Volg ons op Twitter",
        "Schrijf je in voor onze nieuwsbrief",
    ],
    "ru": [
        "Поделиться в социальных сетях",
        "Читайте также:",
        "Все права защищены.",
        "Подписывайтесь на наш канал в Telegram",
    ],
    "pl": ["Udostępnij ten artykuł", "Czytaj także:", "Wszelkie prawa zastrzeżone.", "Obserwuj nas na Facebooku"],
    "tr": ["Bu haberi paylaş", "İlgili haberler", "Tüm hakları saklıdır.", "Bizi Twitter'da takip edin"],
    "sv": ["Dela artikeln", "Läs också:", "Alla rättigheter förbehållna.", "Följ oss på Facebook"],
    "ar": ["شارك هذا المقال", "اقرأ أيضا:", "جميع الحقوق محفوظة."],
    "zh": ["分享到微信", "相关阅读：", "版权所有，未经许可不得转载。"],
    "ja": ["この記事をシェアする", "関連記事", "無断転載を禁じます。"],
    "id": ["Bagikan artikel ini", "Baca juga:", "Hak cipta dilindungi undang-undang."],
}


def boilerplate(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    lang = rng.choice(sorted(FOOTERS))
    lines = rng.sample(FOOTERS[lang], min(2, len(FOOTERS[lang])))
    body = text.rstrip("\n")
    breaks = [m.end() for m in regex.finditer(r"\n\n", body)]
    if len(breaks) < 4:
        return None
    middle = rng.choice(breaks[2:-1])
    edits = [(middle, middle, lines[0] + "\n\n"), (len(body), len(body), "\n\n" + lines[-1])]
    damaged, spans = apply(text, edits)
    # the defect is the line itself, not the line breaks around it
    spans = [((d0, d0 + len(lines[0])), r) if i == 0 else ((d0 + 2, d1), r) for i, ((d0, d1), r) in enumerate(spans)]
    return text, damaged, spans


# -- garbled office holders --------------------------------------------------------------------------------
def office_holders() -> list[tuple[str, str]]:
    """(full name, office) of office holders of every era in ../shared/data/names: two plain words."""
    plain = regex.compile(r"[A-Z][a-z]+ [A-Z][a-z]{3,}")
    out: dict[str, str] = {}
    with open(NAMES / "uk-ministers" / "ministers_flat.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in row["names"].split(";"):
                if plain.fullmatch(name.strip()):
                    out.setdefault(name.strip(), row["post"])
    with open(NAMES / "us-congress" / "us_people_flat.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if plain.fullmatch(row["official_full"].strip()):
                out.setdefault(row["official_full"].strip(), "Senator" if row["role"] == "sen" else "Congressman")
    for path in sorted((NAMES / "wikidata-officeholders").glob("*/holders21.csv")):
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("person") or "").strip()
                if plain.fullmatch(name) and len(row.get("position") or "") < 40:
                    out.setdefault(name, row["position"])
    return sorted(out.items())


_HOLDERS: list[tuple[str, str]] = []


def name_garble(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """A holder the article names is garbled once; else a holder of any era is quoted in a new paragraph."""
    if not _HOLDERS:
        _HOLDERS.extend(office_holders())
    present = [(n, o) for n, o in _HOLDERS if n in text]
    if present and rng.random() < 0.5:
        name, _office = rng.choice(present)
        wrong = garble(name, rng)
        if wrong == name:
            return None
        hits = spots(regex.escape(name), text)
        target = hits[-1] if len(hits) > 1 else hits[0]
        damaged, spans = apply(text, [(target.start(), target.end(), wrong)])
        return text, damaged, spans
    name, office = rng.choice(_HOLDERS)
    wrong = garble(name, rng)
    if wrong == name:
        return None
    sentence = "{o} {n} said on Tuesday that the talks would continue. {s} gave no further details."
    surname = name.split(" ", 1)[1]
    reference_par = sentence.format(o=office, n=name, s=surname)
    damaged_par = sentence.format(o=office, n=wrong, s=surname)
    body = text.rstrip("\n")
    breaks = [m.end() for m in regex.finditer(r"\n\n", body)]
    if len(breaks) < 3:
        return None
    at = rng.choice(breaks[1:])
    reference = body[:at] + reference_par + "\n\n" + body[at:] + text[len(body) :]
    damaged = body[:at] + damaged_par + "\n\n" + body[at:] + text[len(body) :]
    start = at + len(office) + 1
    return reference, damaged, [((start, start + len(wrong)), (start, start + len(name)))]


# -- '?' losses (a charset conversion that lacks curly marks and currency signs) ------------------------------
def typographic(text: str) -> str:
    """The article with curly apostrophes and quotes (the BBC text is ASCII-folded)."""
    text = regex.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = regex.sub(r"(?<=s)'(?= [a-z])", "’", text)
    text = regex.sub(r'"(?=\S)', "“", text)
    return regex.sub(r'(?<=\S)"', "”", text)


QMARK_FAMILIES = {
    "qmark-apostrophe": r"(?<=\w)’(?=\w)",
    "qmark-close-after-punct": r"(?<=[.,!?])”",
    "qmark-possessive-before-lower": r"(?<=s)’(?= [a-z])",
    "qmark-open-quote": r"(?<=^|\s)“",
    "qmark-before-figure": r"£(?=\d)",
}


def qmark(family: str, text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """Every curly mark and pound sign of the article becomes '?' (or '??', or 'â??'); the family's spots are
    the ones measured.  A real conversion loses them all at once, so the article shows damage inside words."""
    reference = typographic(text)
    mode = {"qmark-pair": "??", "qmark-partial-utf8": "â??"}.get(family, "?")
    pattern = QMARK_FAMILIES.get(family, r"[“”’]")
    targets = in_body(reference, spots(pattern, reference))
    if family == "qmark-pair":
        targets = in_body(reference, spots(r"[“”]", reference))
    elif family == "qmark-partial-utf8":
        targets = in_body(reference, spots(r"(?<=\w)’(?=\w)", reference))
    if not targets:
        return None
    measured = {m.start() for m in pick(rng, targets, 3, gap=10)}
    edits = [
        (m.start(), m.end(), mode if family in ("qmark-pair", "qmark-partial-utf8") and m.start() in measured else "?")
        for m in spots(r"[“”’£]", reference)
    ]
    damaged, spans = apply(reference, edits)
    _UNMEASURED.extend(sp[0] for sp in spans if sp[1][0] not in measured)
    return reference, damaged, [sp for sp in spans if sp[1][0] in measured]


def qmark_damager(family: str) -> Damager:
    return lambda text, rng: qmark(family, text, rng)


# -- glued words, link-text capitals, doubled words, hyphens, mojibake, invisibles ------------------------------
def glued_sentences(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    found = in_body(text, spots(r"(?<=[a-z]{2}[.!?]) (?=[A-Z][a-z])", text))
    if len(found) < 2:
        return None
    damaged, spans = apply(text, [(m.start(), m.end(), "") for m in pick(rng, found, 2)])
    return text, damaged, [((d0 - 3, d0 + 3), (r0 - 3, r1 + 3)) for (d0, _), (r0, r1) in spans]


def glued_names(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """A lower-case word glued to the name after it ('withBlair', 'saidMicrosoft'): a scraper lost the space."""
    found = in_body(text, spots(r"(?<=\b[a-z]{3,}) (?=[A-Z][a-z]{3,}\b)", text))
    if len(found) < 2:
        return None
    damaged, spans = apply(text, [(m.start(), m.end(), "") for m in pick(rng, found, 2)])
    return text, damaged, [((d0 - 3, d0 + 3), (r0 - 3, r1 + 3)) for (d0, _), (r0, r1) in spans]


LINK_WORDS = ["will", "has", "is", "was", "said", "and", "it", "they", "would", "had", "in", "on", "but", "who"]


def link_capitals(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """A link's text kept with the capital of the sentence it was cut from: 'Microsoft Will', 'Labour And'."""
    words = "|".join(LINK_WORDS)
    found = in_body(text, spots(rf"(?<=[a-z,] [A-Z][a-z]+ )(?:{words})(?= [a-z])", text))
    if len(found) < 2:
        return None
    damaged, spans = apply(text, [(m.start(), m.end(), m.group().capitalize()) for m in pick(rng, found, 2)])
    return text, damaged, spans


DOUBLE_COMMON = r"the|a|to|of|and|in|that|for|said|has|was|is|on|with|be"


def doubled(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """A word written twice: function words and, as often in back-translation, rarer content words."""
    common = in_body(text, spots(rf"(?<=[a-z,] )(?:{DOUBLE_COMMON})(?= [a-z])", text))
    rare = in_body(text, spots(r"(?<=[a-z] )[a-z]{6,}(?= [a-z])", text))
    chosen = pick(rng, common, 1) + pick(rng, rare, 1)
    if len(chosen) < 2:
        return None
    damaged, spans = apply(text, [(m.end(), m.end(), " " + m.group()) for m in chosen])
    return (
        text,
        damaged,
        [
            ((d0 - len(m.group()), d1), r)
            for ((d0, d1), r), m in zip(spans, sorted(chosen, key=lambda m: m.start()), strict=True)
        ],
    )


def hyphen_dash(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """A spaced dash the conversion turned into a hyphen glued to both words ('troops-a warning')."""
    found = in_body(text, spots(r"(?<=[a-z]{3}) - (?=[a-z]{2,}|[A-Z][a-z]+)", text))
    if not found:
        return None
    damaged, spans = apply(text, [(m.start(), m.end(), "-") for m in pick(rng, found, 2)])
    return text, damaged, [((d0 - 3, d1 + 3), (r0 - 3, r1 + 3)) for (d0, d1), (r0, r1) in spans]


MOJIBAKE = {"’": "â€™", "“": "â€œ", "”": "â€\x9d", "é": "Ã©", "£": "Â£"}


def mojibake(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    """UTF-8 read as Windows-1252: curly marks, accents and pound signs become two or three letters."""
    reference = typographic(text)
    found = in_body(reference, spots(r"[’“”£]", reference))
    if len(found) < 2:
        return None
    damaged, spans = apply(reference, [(m.start(), m.end(), MOJIBAKE[m.group()]) for m in pick(rng, found, 3)])
    return reference, damaged, spans


INVISIBLES = ["\u200b", "\u00ad", "\u200c", "\u2060", "\ufeff", "\u200d"]


def invisible(text: str, rng: random.Random) -> tuple[str, str, list[tuple[Span, Span]]] | None:
    found = in_body(text, spots(r"(?<=\b[A-Za-z]{3})(?=[a-z]{3,}\b)", text))
    if len(found) < 2:
        return None
    damaged, spans = apply(text, [(m.start(), m.start(), rng.choice(INVISIBLES)) for m in pick(rng, found, 2)])
    return text, damaged, [((d0 - 1, d1 + 1), (r0 - 1, r1 + 1)) for (d0, d1), (r0, r1) in spans]


FAMILIES: dict[str, Damager] = {
    "honorific-calques": honorific,
    "boilerplate-footers": boilerplate,
    "name-garbles": name_garble,
    **{family: qmark_damager(family) for family in [*QMARK_FAMILIES, "qmark-pair", "qmark-partial-utf8"]},
    "glued-sentences": glued_sentences,
    "glued-names": glued_names,
    "link-text-capitals": link_capitals,
    "doubled-words": doubled,
    "hyphen-dashes": hyphen_dash,
    "mojibake": mojibake,
    "invisible-characters": invisible,
}


def build(per_family: int, seed: int, families: list[str] | None = None) -> list[Injected]:
    pool = articles()
    cases: list[Injected] = []
    for family, damage in FAMILIES.items():
        if families and family not in families:
            continue
        rng = random.Random(f"{seed}:{family}")  # a family's cases do not depend on which others run
        made = 0
        for path in rng.sample(pool, len(pool)):
            text = path.read_bytes().decode("utf-8", "replace")
            _UNMEASURED.clear()
            got = damage(text, rng)
            if got is None or got[0] == got[1] or not got[2]:
                continue
            cases.append(
                Injected(family, str(path.relative_to(BBC)), got[0], got[1], tuple(got[2]), tuple(_UNMEASURED))
            )
            made += 1
            if made == per_family:
                break
    return cases


def serious(findings: Iterable[object]) -> list[tuple[int, int, object]]:
    out = []
    for f in findings:
        start, end = getattr(f, "start", None), getattr(f, "end", None)
        if isinstance(start, int) and isinstance(end, int) and str(getattr(f, "severity", "")) in ("warning", "error"):
            out.append((start, max(end, start + 1), f))
    return out


def touching(span: Span, found: list[tuple[int, int, object]]) -> list[object]:
    a, b = span
    b = max(b, a + 1)
    limit = 4 * (b - a) + 40
    return [f for s, e, f in found if s < b and a < e and e - s <= limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-family", type=int, default=30)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--family", action="append", help="only this family (repeatable)")
    parser.add_argument("--show-misses", type=int, default=0, help="print up to N missed defects per family")
    parser.add_argument("--out", type=Path, help="write reference/ and damaged/ copies here (a temp dir)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from auditor.engine import Auditor

    auditor = Auditor(keep_text=False)
    rows: dict[str, list[int]] = {}
    misses: dict[str, list[str]] = {}
    for case in build(args.per_family, args.seed, args.family):
        damaged = serious(auditor.audit_text(case.damaged, path=case.path).findings)
        reference = serious(auditor.audit_text(case.reference, path=case.path).findings)
        row = rows.setdefault(case.family, [0, 0, 0, 0, 0])
        row[0] += 1
        for d_span, r_span in case.spans:
            row[1] += 1
            if touching(d_span, damaged):
                row[2] += 1
            else:
                a, b = d_span
                before, inside, after = case.damaged[max(0, a - 40) : a], case.damaged[a:b], case.damaged[b : b + 40]
                misses.setdefault(case.family, []).append(f"{case.path}: ...{before}[[{inside}]]{after}...")
            if r_span[1] > r_span[0] and touching(r_span, reference):
                row[3] += 1
        at_damage = [s for s, _ in case.spans] + list(case.other)
        known = {(getattr(f, "rule", ""), getattr(f, "text", "")) for _, _, f in reference}
        extra = [
            f
            for s, e, f in damaged
            if not any(s < b and a < e for a, b in at_damage)
            and (getattr(f, "rule", ""), getattr(f, "text", "")) not in known
        ]
        row[4] += len(extra)
        if args.show_misses:
            for f in extra[:2]:
                print(f"COLLATERAL {case.family}: {case.path} {getattr(f, 'rule', '')} {getattr(f, 'text', '')!r}")
        if args.out:
            for part, text in (("reference", case.reference), ("damaged", case.damaged)):
                target = args.out / part / case.family / case.path.replace("/", "_")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    header = ("family", "files", "defects", "found", "recall", "on original", "collateral")
    print(f"{header[0]:30} {header[1]:>5} {header[2]:>7} {header[3]:>5} {header[4]:>6} {header[5]:>11} {header[6]:>10}")
    for family, (files, defects, found, original, collateral) in rows.items():
        print(f"{family:30} {files:5} {defects:7} {found:5} {found / defects:6.3f} {original:11} {collateral:10}")
    total = [sum(r[i] for r in rows.values()) for i in range(5)]
    print(
        f"{'all':30} {total[0]:5} {total[1]:7} {total[2]:5} {total[2] / max(total[1], 1):6.3f} "
        f"{total[3]:11} {total[4]:10}"
    )
    for family, lines in misses.items():
        for line in lines[: args.show_misses]:
            print(f"MISS {family}: {line!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
