"""Encoding rules on invented text: other words, other code pages, other glitches than the seeds."""

from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.document import Document
from auditor.engine import Auditor
from auditor.loader import load_rules
from auditor.model import apply_edits

RULES = {rule.id: rule for rule in load_rules() if rule.id.startswith("EN")}


def hits(rule_id: str, text: str) -> list[tuple[str, str | None]]:
    doc = Document(text)
    return [(text[h.start : h.end], h.suggestion) for h in RULES[rule_id].find(doc) if h.start is not None]


def fixed(rule_id: str, text: str) -> str:
    """``text`` with every edit of ``rule_id`` applied."""
    doc = Document(text)
    return apply_edits(text, [e for h in RULES[rule_id].find(doc) for e in h.edits])


def mojibake(text: str, *codecs: str) -> str:
    """``text`` encoded as UTF-8 and read back in each code page in turn (double mojibake)."""
    for codec in codecs:
        text = text.encode("utf-8").decode(codec)
    return text


# -- EN102 mojibake --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "codecs"),
    [
        ("Kyiv’s", ("cp1252",)),
        ("Zürich", ("cp1252",)),
        ("Señora", ("cp1252",)),
        ("Besançon", ("latin-1",)),
        ("Gdańsk", ("cp1252",)),
        ("£30bn", ("cp1252",)),
        ("it’s", ("cp1252", "cp1252")),
        ("Ørsted", ("cp1252", "cp1252")),
    ],
)
def test_mojibake_word_is_found_and_repaired(word: str, codecs: tuple[str, ...]) -> None:
    broken = mojibake(word, *codecs)
    text = f"The regulator in Brussels said {broken} plan would be reviewed next spring."
    assert hits("EN102", text) == [(broken, word)]


def test_mojibake_of_a_cyrillic_sentence_read_as_windows_1251() -> None:
    sentence = "Министр обороны выступил в парламенте"
    broken = mojibake(sentence, "cp1251")
    found = hits("EN102", f"He quoted the ministry: {broken}.")
    assert " ".join(f for _, f in found) == sentence


def test_closing_quote_whose_last_byte_became_a_replacement_character() -> None:
    broken = "“deal”".encode().decode("cp1252", errors="replace")
    assert hits("EN102", f"They called it a {broken} on Friday.") == [(broken, "“deal”")]


def test_mojibake_span_is_the_damaged_word_not_the_line() -> None:
    text = "Officials in Gdańsk said the plan donâ€™t work, and Müller agreed."
    assert hits("EN102", text) == [("donâ€™t", "don’t")]


@pytest.mark.parametrize(
    "text",
    [
        "Ministers from Curaçao, São Tomé and Réunion met Nguyễn Tấn Dũng in Hà Nội.",
        "Łódź, Škoda, Dvořák, Ærøskøbing, İstanbul, Timișoara and Þórshöfn were on the list.",
        "He said „genau“ – and « voilà » – then “fine”; the café’s owner paid €3m (¥200m).",
        "Temperatures hit 25°C, ±3%, 5×10³ m² and ½ a mile; © 2021 and ™ marks stay.",
        "Он сказал: «Всё будет хорошо». Η Ελλάδα είναι όμορφη. 北京和東京.",
    ],
)
def test_correct_accented_and_foreign_text_is_not_mojibake(text: str) -> None:
    assert hits("EN102", text) == []


@pytest.mark.parametrize("page", ["cp1251", "mac_roman", "cp437"])
def test_latin_words_read_in_a_code_page_ftfy_leaves_alone_are_repaired(page: str) -> None:
    """ftfy's heuristics skip these ("known failures" in its own tests); the fallback repairs each word."""
    text = "La ministre a confirmé que le médicament était prêt, déjà à Genève."
    damaged = text.encode("utf-8").decode(page)
    found = hits("EN102", damaged)
    assert {"confirmé", "médicament", "était", "prêt", "déjà", "Genève"} <= {suggestion for _, suggestion in found}


@pytest.mark.parametrize(
    "text",
    [
        "NESTLÉ® requiere contratar personal",  # ftfy's negatives: letters and signs that happen to decode
        "AHÅ™, the new sofa from IKEA",
        "├┤a┼┐a┼┐a",
        "Компания Apple выпустила iPhone в Москве; ВЁЛ и СІЧНЯ.",
        "√2 is irrational; the ┬ and ├ of a table.",
    ],
)
def test_the_code_page_fallback_leaves_real_text_alone(text: str) -> None:
    assert hits("EN102", text) == []


def test_clean_ascii_costs_no_ftfy_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import ftfy

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("ftfy must not run on text without a suspect character pair")

    monkeypatch.setattr(ftfy, "fix_encoding_and_explain", boom)
    assert hits("EN102", "Plain ASCII text with ‘curly’ quotes – and “dashes” … is fine.") == []


# -- EN103 to EN108 ---------------------------------------------------------------------------


def test_replacement_character_reports_the_word() -> None:
    assert [span for span, _ in hits("EN103", "The mayor of Malm\ufffd spoke.")] == ["Malm\ufffd"]


def test_c1_control_is_reported_with_its_windows_1252_meaning() -> None:
    found = hits("EN104", "The \x93big\x94 deal\x85 was signed.")
    assert found == [("\x93", "“"), ("\x94", "”"), ("\x85", "…")]


def test_c0_control_is_reported_and_tab_is_not() -> None:
    assert hits("EN104", "A\tB\x00C\x1bD") == [("\x00", "delete it"), ("\x1b", "delete it")]


def test_c1_inside_mojibake_is_left_to_the_mojibake_rule() -> None:
    text = "She called it â\x80\x9cunacceptableâ\x80\x9d on Friday."
    assert hits("EN104", text) == []
    assert hits("EN102", text)


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("Talks in Bru\u200bssels ended.", "Bru\u200bssels", "Brussels"),
        ("The Elys\u00e9e\u2060Palace said so.", "Elysée\u2060Palace", "ElyséePalace"),
        ("A hyph\u00adenated word.", "hyph\u00adenated", "hyphenated"),
        ("Prime Minister Sun\u200dak spoke.", "Sun\u200dak", "Sunak"),
        ("Mid-text mark\ufeff here.", "mark\ufeff", "mark"),
    ],
)
def test_invisible_characters_inside_words(text: str, span: str, fixed: str) -> None:
    assert hits("EN105", text) == [(span, fixed)]


def test_invisible_characters_with_a_job_are_left_alone() -> None:
    assert hits("EN105", "Woman technologist: \U0001f469\u200d\U0001f4bb.") == []
    assert hits("EN105", "\u0646\u0645\u06cc\u200c\u062f\u0627\u0646\u0645") == []  # Persian non-joiner
    assert hits("EN105", "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22") == []  # Thai word break
    assert hits("EN105", "\u05e9\u05dc\u05d5\u05dd\u200f \u05e2\u05d5\u05dc\u05dd") == []  # RTL mark in Hebrew


@pytest.mark.parametrize(
    ("text", "span", "char"),
    [
        ("Barnes &amp; Noble closed.", "&amp;", "&"),
        ("The minister&#8217;s view.", "&#8217;", "’"),
        ("Up&nbsp;10%.", "&nbsp;", "a space"),
        ("A &#x2013; dash.", "&#x2013;", "–"),
        ("Double &amp;quot;escaped&amp;quot; quotes.", "&amp;quot;", '"'),
        ("Caf&eacute; owners.", "&eacute;", "é"),
    ],
)
def test_html_entities(text: str, span: str, char: str) -> None:
    assert hits("EN106", text)[0] == (span, char)


@pytest.mark.parametrize("text", ["AT&T and P&O merged.", "R&D; Q&A; S&P 500.", "see a.php?x=1&y=2;", "Fish & chips"])
def test_ampersands_that_are_not_entities(text: str) -> None:
    assert hits("EN106", text) == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("The party?s leader resigned.", "party?s", "party's"),
        ("We don?t know, they said.", "don?t", "don't"),
        ("Mayor Ole Gunnar Solskj?r arrived.", "Solskj?r", "the word with its accented letter restored"),
        ("Sales rose in 2021 ? a record year.", "?", "–"),
    ],
)
def test_characters_lost_to_question_marks(text: str, span: str, suggestion: str) -> None:
    assert hits("EN107", text) == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "What next? Nobody knows.",
        "“Why?” she asked.",
        "Visit www.example.org/search?q=news for more.",
        "Is that all ? No, there is more.",
        "C'est fini ? Oui : « fini » !",
        "Really??? No way!!",
    ],
)
def test_real_question_marks_are_left_alone(text: str) -> None:
    assert hits("EN107", text) == []


def test_spaced_question_mark_counts_when_the_text_lost_other_characters() -> None:
    text = "The country?s leader met allies ? Germany and France ? on Friday. Is it over ? Nobody knows."
    starts = sorted(h.start for h in RULES["EN107"].find(Document(text)))
    # The apostrophe and both dashes; the real question ("Is it over ?") stays.
    assert starts == [4, text.index("? Germany"), text.index("? on")]


def test_ligatures_are_spelled_out() -> None:
    text = "The ﬁrst oﬃcial ﬂight."
    assert hits("EN108", text) == [("ﬁ", "fi"), ("ﬃ", "ffi"), ("ﬂ", "fl")]
    assert fixed("EN108", text) == "The first official flight."


def test_findings_of_a_cp1252_file_are_about_the_decoded_text() -> None:
    auditor = Auditor(Config(select=("EN",)))
    result = auditor.audit_bytes("Caf\u00e9 owners in Bogot\u00e1 said \u201cno\u201d.".encode("cp1252"), path="x.txt")
    assert [f.rule for f in result.findings] == ["EN101"]


# -- structured fixes ------------------------------------------------------------------------


def test_mojibake_edits_repair_the_text_and_keep_curly_quotes() -> None:
    text = "She said she “donâ€™t” know; a naÃ¯ve plan costing Â£5m."
    assert fixed("EN102", text) == "She said she “don’t” know; a naïve plan costing £5m."


def test_a_line_of_mojibake_is_repaired_in_bounded_windows() -> None:
    russian = "В Москве прошла встреча министров иностранных дел по вопросам безопасности. " * 40
    assert fixed("EN102", mojibake(russian, "cp1251")) == russian


def test_control_characters_are_mapped_or_deleted() -> None:
    text = "He called it \x93a deal\x94 \x97 a\x1a good\x1b[31m one\x0cNext \x81page."
    assert fixed("EN104", text) == "He called it “a deal” — a good one\nNext page."
    applicability = {text[h.start : h.end]: h.applicability for h in RULES["EN104"].find(Document(text))}
    assert applicability["\x81"] == "unsafe" and applicability["\x93"] is None


def test_a_replacement_character_has_no_edit() -> None:
    assert [h.edits for h in RULES["EN103"].find(Document("He said it wasn\ufffdt over."))] == [()]


def test_invisible_characters_in_a_word_are_one_finding() -> None:
    text = "Ze\u200ble\u200bn\u200bsky met Pu\u00adtin."
    assert hits("EN105", text) == [("Ze\u200ble\u200bn\u200bsky", "Zelensky"), ("Pu\u00adtin", "Putin")]
    assert fixed("EN105", text) == "Zelensky met Putin."


def test_invisible_characters_on_blank_lines_are_one_finding_with_a_count() -> None:
    text = "Headline\n\u200b\nFirst paragraph.\n \u200b\u200b \nSecond with Pu\u200btin.\n\u200b\nEnd."
    found = list(RULES["EN105"].find(Document(text)))
    assert len(found) == 2
    blank = [h for h in found if h.message]
    assert len(blank) == 1 and "4 invisible" in (blank[0].message or "") and "3 otherwise blank" in blank[0].message
    assert fixed("EN105", text) == "Headline\n\nFirst paragraph.\n  \nSecond with Putin.\n\nEnd."


def test_a_page_of_empty_paragraphs_costs_one_info_finding() -> None:
    # An invented council report whose CMS left a zero-width space (or a word joiner) in every
    # empty paragraph: harmless to a reader, so one info finding, and the score stays high.
    paragraphs = [
        f"Le conseil municipal de Saint-Malo a examiné le point {i} de l'ordre du jour, "
        "puis a voté le budget du port de plaisance."
        for i in range(30)
    ]
    text = "\n\u200b\n".join(paragraphs[:15]) + "\n\u2060\u200b\n" + "\n\u200b\n".join(paragraphs[15:])
    result = Auditor(Config(select=("EN105",))).audit_text(text)
    assert [(f.rule, str(f.severity)) for f in result.findings] == [("EN105", "info")]
    assert "30 invisible" in result.findings[0].message and "29 otherwise blank" in result.findings[0].message
    assert result.score >= 98


def test_invisible_characters_on_one_long_line_are_found_in_linear_time() -> None:
    # 'a\u200b' * n on one line: each run is checked for a blank line within a bounded window.
    text = "a\u200b" * 20_000
    found = list(RULES["EN105"].find(Document(text)))
    assert found and all(not h.message for h in found)
    assert sum(len(h.edits) for h in found) == 20_000


def test_html_escapes_are_decoded_and_invisible_ones_removed() -> None:
    text = "Marks &amp; Spencer&#8203; said &ldquo;yes&rdquo; &amp;quot;twice&amp;quot;."
    assert fixed("EN106", text) == 'Marks & Spencer said “yes” "twice".'


def test_a_lost_apostrophe_is_an_unsafe_edit_and_a_lost_letter_none() -> None:
    text = "It concerns Kosovo?s future and Chancellor M?ller."
    found = {text[h.start : h.end]: h for h in RULES["EN107"].find(Document(text))}
    assert found["Kosovo?s"].applicability == "unsafe" and found["M?ller"].edits == ()
    assert fixed("EN107", text) == "It concerns Kosovo's future and Chancellor M?ller."


def test_question_mark_losses_are_reported_once_the_article_shows_damage_inside_words() -> None:
    # An invented 2008 wire story from a Spanish agency's English service, passed through an encoding
    # without curly quotes or the euro sign: the damage inside words ("Spain?s") is the proof that the
    # other "?" are losses too.
    damaged = (
        "MADRID (EFE) ? Spain?s air traffic controllers will strike, their union said. ?We have no choice,? "
        "its leader said, adding that the controllers? pay had been cut by ?200 a month.\n\n"
        "The ministry called the strike ??unjustified?? and said: Itâ??s not over. That was the end of the matter.?\n"
    )
    found = [(damaged[h.start : h.end], h.fields["was"]) for h in RULES["EN107"].find(Document(damaged))]
    assert found == [
        ("Spain?s", "'"),
        ("?", '"'),
        ("?", '"'),
        ("?", "'"),
        ("?", "£ or €"),
        ("??", "“ or ”"),
        ("??", "“ or ”"),
        ("â??", "’"),
        ("?", '"'),
    ]
    # the same marks in an article without sure damage (no "?" inside a word, glued before a word or a
    # figure, or doubled where no one doubles it) are left alone: each may be meant
    clean = (
        damaged.replace("Spain?s", "Spain's")
        .replace("Itâ??s", "It is")
        .replace(" ? ", " - ")
        .replace("?We", '"We')
        .replace("?200", "£200")
        .replace("??unjustified??", '"unjustified"')
    )
    assert [clean[h.start : h.end] for h in RULES["EN107"].find(Document(clean))] == []
    # and each sure loss alone is proof enough for the others
    for sure in ("?We", "?200"):
        one = clean.replace({"?We": '"We', "?200": "£200"}[sure], sure)
        assert len(list(RULES["EN107"].find(Document(one)))) == 4  # itself, ",?", "controllers?", "matter.?"


def test_a_lost_currency_sign_or_decade_apostrophe_needs_no_other_damage() -> None:
    # An invented business brief from a Dublin paper, converted to a code page without £ and €.
    text = (
        "Profit rose to ?15.4m (about $29m) in the year, and the group paid ?2.5bn (?1.7bn in 2004). "
        "Sales of U2?s records and of 1980?s reissues helped.\n\n"
        "Is it? 2 analysts said no. The code is on example.com/?id=5 for readers.\n"
    )
    found = [(text[h.start : h.end], h.fields["what"]) for h in RULES["EN107"].find(Document(text))]
    assert found == [
        ("?", "a currency sign"),
        ("?", "a currency sign"),
        ("?", "a currency sign"),
        ("U2?s", "an apostrophe"),
        ("1980?s", "an apostrophe"),
    ]


def test_a_lost_pair_of_quotes_is_damage_where_no_one_doubles_a_question_mark() -> None:
    # An invented airline story converted without curly quotes: no other damage in it.
    text = (
        "The carrier expects to lose ??hundreds of millions?? in 2005, and funding would be uncertain,?? "
        "the airline said. Games for casual players?? are another matter.\n\n"
        "Readers asked: Really? What next? Nobody knows.\n"
    )
    found = [(text[h.start : h.end], h.fields["what"]) for h in RULES["EN107"].find(Document(text))]
    assert found == [("??", "a pair of quotation marks")] * 4  # not the questions before a capital
