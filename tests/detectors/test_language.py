"""Language rules on invented articles: other scripts, other languages, other footers than the seeds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from auditor.detectors import language
from auditor.detectors.language import ForeignLanguage
from auditor.document import Document
from auditor.loader import load_rules
from auditor.model import Severity
from auditor.rule import Rule

RULES = {rule.id: rule for rule in load_rules() if rule.id.startswith("LG")}

ENGLISH = (
    "The finance ministers of the group met in Lisbon on Thursday to discuss the budget and the rules "
    "for the new fund, which is meant to help the poorest regions of the union.\n"
    "Officials said the talks were difficult but that a deal could be reached by the end of the month, "
    "when the leaders of the member states are due to meet in Brussels.\n"
    "The commission has proposed that the fund should be paid for by new taxes on plastic and on the "
    "profits of the largest technology companies, a plan that several states oppose.\n"
)


def found(rule_id: str, text: str, rule: Rule | None = None) -> list[tuple[str, Severity | None]]:
    rule = rule or RULES[rule_id]
    return [(text[h.start : h.end] if h.start is not None else "<file>", h.severity) for h in rule.find(Document(text))]


def spans(rule_id: str, text: str) -> list[str]:
    return [span for span, _ in found(rule_id, text)]


# -- LG101 foreign-script lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "span"),
    [
        ("\nاشترك في النشرة", "اشترك في النشرة"),  # Arabic footer on a line of its own
        ("\n• Последние новости", "Последние новости"),  # Cyrillic, with a bullet
        ("\nשתפו את הכתבה", "שתפו את הכתבה"),  # Hebrew share line
        ("\nΔιαβάστε επίσης", "Διαβάστε επίσης"),  # Greek "read also"
        ("\n热门新闻 更多内容", "热门新闻 更多内容"),  # Chinese navigation
    ],
)
def test_a_line_in_another_script_is_an_error(extra: str, span: str) -> None:
    assert spans("LG101", ENGLISH + extra) == [span]
    assert RULES["LG101"].severity == Severity.ERROR


def test_a_foreign_block_glued_to_the_last_sentence() -> None:
    text = ENGLISH.rstrip("\n") + "سياسة الخصوصية"
    assert spans("LG101", text) == ["سياسة الخصوصية"]


def test_a_foreign_header_glued_to_the_first_sentence() -> None:
    text = "Главная страница The ministers met in Lisbon on Thursday.\n" + ENGLISH
    assert spans("LG101", text) == ["Главная страница"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chancellor Scholz called it a Zeitenwende, and critics spoke of a new glasnost (гласность).",
        "Crowds chanted «Слава Україні» and “Ζήτω η Ελλάδα” outside the embassy.",
        "The company, known in China as 华为技术有限公司, denied it.",
        "The Hebrew word שלום was painted on the wall.",
    ],
)
def test_foreign_words_inside_sentences_are_not_lines(sentence: str) -> None:
    assert spans("LG101", ENGLISH + sentence + "\n") == []


def test_an_arabic_line_in_a_russian_article() -> None:
    russian = "Министр финансов заявил в четверг, что бюджет на следующий год будет принят в срок.\n" * 3
    assert spans("LG101", russian + "تواصل معنا\n") == ["تواصل معنا"]


def test_a_latin_paragraph_in_a_russian_article() -> None:
    russian = "Министр финансов заявил в четверг, что бюджет на следующий год будет принят в срок.\n" * 3
    line = "Click here to read the full story on our website"
    assert spans("LG101", russian + line + "\n") == [line]


# -- LG102 passages --------------------------------------------------------------------------------


def test_a_long_unquoted_passage_is_information_only() -> None:
    text = ENGLISH + "He then read out министр заявил об отставке во вторник to reporters.\n"
    assert spans("LG102", text) == ["министр заявил об отставке во вторник"]
    assert RULES["LG102"].severity == Severity.INFO


# -- LG103 mixed-script words -----------------------------------------------------------------------


def test_mixed_script_words_get_a_one_script_suggestion() -> None:
    doc = Document("President Рutin and the NАТО chief met Οbama.")
    hits = [(doc.text[h.start : h.end], h.suggestion) for h in RULES["LG103"].find(doc)]
    assert hits == [("Рutin", "Putin"), ("NАТО", "NATO"), ("Οbama", "Obama")]


def test_latin_look_alike_inside_a_russian_word() -> None:
    doc = Document("Министр сказал, что Пyтин приедет. " * 4)
    hits = {(doc.text[h.start : h.end], h.suggestion) for h in RULES["LG103"].find(doc)}
    assert hits == {("Пyтин", "Путин")}


@pytest.mark.parametrize("text", ["The IT-компания grew.", "Beta (β) and α-particles.", "Москва and Kyiv"])
def test_words_with_one_script_each_are_fine(text: str) -> None:
    assert spans("LG103", text) == []


# -- LG104 paragraphs in another language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "lang"),
    [
        (
            (
                "Die Regierung hat am Mittwoch beschlossen, dass die Steuern auf Benzin und Diesel im nächsten Jahr "
                "nicht steigen werden, und der Minister sagte, dass die Entlastung für alle Bürger gelten soll."
            ),
            "de",
        ),
        (
            (
                "El gobierno anunció el miércoles que los impuestos sobre la gasolina no subirán el próximo año, y el "
                "ministro dijo que la medida se aplicará a todos los ciudadanos que la necesiten en el país."
            ),
            "es",
        ),
        (
            (
                "Le gouvernement a annoncé mercredi que les taxes sur le carburant n'augmenteront pas l'année "
                "prochaine, et le ministre a déclaré que la mesure concernera tous les ménages qui en ont besoin."
            ),
            "fr",
        ),
    ],
)
def test_a_paragraph_in_another_language(paragraph: str, lang: str) -> None:
    doc = Document(ENGLISH + paragraph + "\n")
    hits = list(RULES["LG104"].find(doc))
    assert [doc.text[h.start : h.end] for h in hits] == [paragraph]
    assert hits[0].fields["lang"] == lang


def test_lists_of_names_and_foreign_words_are_english_enough() -> None:
    lineup = (
        "Lyon: Coupet, Reveillere, Cris, Diatta, Berthod, Diarra, Juninho, Essien, Malouda, Wiltord, "
        "Nilmar. Subs not used: Hartock, Clement, Frau, Govou, Abidal, Idangar, Bergougnoux."
    )
    words = (
        "The chancellor spoke of a Zeitenwende, a word that the German press, the opposition and the "
        "government's own ministers now use almost daily to describe the change in policy."
    )
    assert spans("LG104", ENGLISH + lineup + "\n" + words + "\n") == []


def test_plain_english_never_calls_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(text: str) -> tuple[str, float]:
        raise AssertionError("langdetect must not run on a paragraph that is plainly English")

    monkeypatch.setattr(language, "detect", boom)
    assert spans("LG104", ENGLISH * 3) == []


def test_detection_repeats() -> None:
    text = "Ce texte est écrit en français, mais il contient quelques mots anglais comme le weekend."
    assert language.detect(text) == language.detect(text)
    assert language.detect(text)[0] == "fr"


def test_expected_language_option_reports_the_whole_file() -> None:
    rule = replace(RULES["LG104"], settings=ForeignLanguage(expected="en"))
    french = (
        "Le gouvernement a annoncé mercredi que les taxes sur le carburant n'augmenteront pas, et le "
        "ministre a déclaré que la mesure concernera tous les ménages qui en ont besoin.\n"
    ) * 3
    assert found("LG104", french, rule) == [("<file>", None)]
    assert found("LG104", ENGLISH, rule) == []


def test_expected_auto_follows_the_configured_language() -> None:
    english = Document(ENGLISH, language="de")
    hits = list(RULES["LG104"].find(english))
    assert [(h.start, h.fields["lang"], h.fields["expected"]) for h in hits] == [(None, "en", "de")]
    assert list(RULES["LG104"].find(Document(ENGLISH, language="en"))) == []
    assert list(RULES["LG104"].find(Document(ENGLISH, language="auto"))) == []


def test_the_language_module_keeps_its_script_helpers() -> None:
    doc = Document(ENGLISH + "اتصل بنا\n")
    assert language.main_script(doc) == "Latin"
    assert [s.where for s in language.strays(doc)] == ["line"]
