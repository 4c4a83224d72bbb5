"""NM101-NM104 on invented articles: garbles of public figures not in the seeds, and correct
names (rare, unknown, namesakes of famous people) that must stay clean."""

from __future__ import annotations

import pytest

from auditor.detectors.names.analysis import analyse
from auditor.detectors.names.article import INCONSISTENT, NEAR_MISS, ORG, VARIANT
from auditor.document import Document


def issues(text: str, kind: str | None = None) -> list[tuple[str, str, str]]:
    """(kind, reported text, suggestion) for every name issue in ``text``."""
    found = analyse(Document(text)).issues
    return [(i.kind, text[i.start : i.end], i.suggestion) for i in found if kind is None or i.kind == kind]


GARBLES = [
    # heads of government and state, no context needed: the differing word is no real name
    ("Spanish Prime Minister Pedro Sanches arrived in Brussels on Thursday.", "Pedro Sanches", "Pedro Sánchez"),
    ("Italy's Giorgia Melloni said the deal was fair.", "Giorgia Melloni", "Giorgia Meloni"),
    (
        "Turkish President Recep Tayyip Erdogen threatened to veto the bid.",
        "Recep Tayyip Erdogen",
        "Recep Tayyip Erdoğan",
    ),
    ("Polish President Andrzej Dudda spoke in Warsaw.", "Andrzej Dudda", "Andrzej Duda"),
    ("The talks with Chinese President Xi Jingping were postponed.", "Xi Jingping", "Xi Jinping"),
    ("Chancellor Rishi Sunack unveiled the budget.", "Rishi Sunack", "Rishi Sunak"),
    ("German Chancellor Olaf Sholz said the talks had been useful.", "Olaf Sholz", "Olaf Scholz"),
    ("French President Emanuel Macron met the German chancellor.", "Emanuel Macron", "Emmanuel Macron"),
    # ministers and organisation heads
    ("Ukraine's Foreign Minister Dmytro Kuleeba met his counterpart.", "Dmytro Kuleeba", "Dmytro Kuleba"),
    ("British Foreign Secretary James Cleaverly said sanctions would follow.", "James Cleaverly", "James Cleverly"),
    ("NATO Secretary General Jens Stoltemberg said allies would respond.", "Jens Stoltemberg", "Jens Stoltenberg"),
    (
        "IMF Managing Director Kristalina Georgeiva warned of slower growth.",
        "Kristalina Georgeiva",
        "Kristalina Georgieva",
    ),
    (
        "European Commission President Ursula von der Leyden announced the package.",
        "Ursula von der Leyden",
        "Ursula von der Leyen",
    ),
    ("Federal Reserve Chair Jerome Powel said rates would stay high.", "Jerome Powel", "Jerome Powell"),
    ("ECB President Christine Legarde warned about inflation.", "Christine Legarde", "Christine Lagarde"),
    ("The head of the IAEA, Rafael Grosi, visited the plant.", "Rafael Grosi", "Rafael Grossi"),
    ("Microsoft chief executive Satya Nadela announced the deal.", "Satya Nadela", "Satya Nadella"),
    ("Treasury Secretary Janet Yelen spoke at the conference.", "Janet Yelen", "Janet Yellen"),
    # real names that are garbles here: the role says who is meant
    ("Senator Lindsay Graham said the bill would pass.", "Lindsay Graham", "Lindsey Graham"),
    ("US national security adviser Jack Sullivan briefed the press.", "Jack Sullivan", "Jake Sullivan"),
    ("Defense Secretary Lloyd Austen visited Kyiv.", "Lloyd Austen", "Lloyd Austin"),
]


@pytest.mark.parametrize(("text", "span", "suggestion"), GARBLES, ids=[g[1] for g in GARBLES])
def test_garbled_name_is_reported_with_the_intended_name(text: str, span: str, suggestion: str) -> None:
    assert (NEAR_MISS, span, suggestion) in issues(text)


CLEAN = [
    "Analyst Evelyn Farkas said so. John Hardie agreed, as did historian Simon Miles and Sascha Glaeser.",
    "Tony Blair, Gordon Brown, Jose Manuel Barroso, Charles Kennedy, Michael Howard and John Prescott met.",
    "Former Irish president Mary Robinson criticised the plan. Mark Miller, an economist at HBOS Treasury, agreed.",
    "Deutsche Bank chairman Rolf Breuer resigned. Striker Alan Thompson scored twice.",
    "Fiona Hill, a former White House adviser, testified. Michael Kofman and Rob Lee wrote the report.",
    "Tatiana Stanovaya, Kadri Liik and Samuel Charap commented. Dara Massicot of RAND disagreed.",
    "Hunter Biden, Jill Biden, Melania Trump, Ivanka Trump and Eric Trump attended.",
    "Brigitte Macron and Joachim Sauer were there, with Cherie Blair and Akshata Murty.",
    "Kyiv mayor Vitali Klitschko and his brother Wladimir Klitschko spoke.",
    "Secretary of State Mike Pompeo met Foreign Minister Wang Yi. Jake Sullivan later joined.",
    "Jack Sullivan, a plumber from Leeds, won the lottery.",
    "Kremlin spokesman Dmitri Peskov, Sergey Lavrov and Sergei Shoigu spoke; Shoygu later left.",
    "Prime Minister Liz Truss and Chancellor Kwasi Kwarteng unveiled the budget.",
    "Secretary of State Tony Blinken and Israeli Prime Minister Binyamin Netanyahu met.",
    "Georgian President Mikhail Saakashvili spoke to Indonesian President Megawati Sukarnoputri.",
    "The Mexican economy grew. Mexicans voted. Economists and economics; the Union and Unison.",
    "Ukrainian MP Oleksiy Goncharenko and lawmaker Kira Rudik visited Washington with Inna Sovsun.",
]


@pytest.mark.parametrize("text", CLEAN, ids=[c[:30] for c in CLEAN])
def test_correct_rare_and_namesake_names_stay_clean(text: str) -> None:
    assert [i for i in issues(text) if i[0] != VARIANT] == []


def test_role_decides_between_namesakes() -> None:
    assert issues("Jack Sullivan said the deal was done.") == []
    assert issues("National Security Adviser Jack Sullivan said the deal was done.")[0][2] == "Jake Sullivan"
    # a role the known person does not hold is no evidence
    assert issues("Striker Jack Sullivan said the deal was done.") == []


def test_real_word_surname_needs_context() -> None:
    assert issues("Victoria Newland opened the bakery.") == []
    assert issues("Senior U.S. envoy Victoria Newland met the delegation.") == [
        (NEAR_MISS, "Victoria Newland", "Victoria Nuland")
    ]


def test_lone_surname_of_a_garbled_full_name_is_reported_too() -> None:
    text = "Rep. Michael McCall spoke on Monday. Later McCall said the vote would pass."
    got = issues(text, NEAR_MISS)
    assert [g[1] for g in got] == ["Michael McCall", "McCall"]
    assert got[1][2] == "McCaul"


def test_middle_initials_and_sound_alike_garbles() -> None:
    assert issues("Rep. Michael T. McCall said the vote would pass.") == [
        (NEAR_MISS, "Michael T. McCall", "Michael T. McCaul")
    ]
    assert issues("Canadian Prime Minister Justin Trudo spoke.") == [(NEAR_MISS, "Justin Trudo", "Justin Trudeau")]
    assert issues("Massu won with Fernando Gonzaelz.") == [(NEAR_MISS, "Fernando Gonzaelz", "Fernando González")]


def test_glued_words_do_not_hide_a_name() -> None:
    got = issues('"We oppose it," the Rep. Michael McCallRepublicans on the committee said.')
    assert got == [(NEAR_MISS, "Michael McCall", "Michael McCaul")]


def test_accepted_spelling_variants_are_not_garbles() -> None:
    for text in (
        "Volodymyr Zelenskiy spoke.",
        "Volodymyr Zelenskyy spoke.",
        "Sergey Shoygu spoke.",
        "Oleksiy Reznikov spoke.",
        "Dmitri Medvedev spoke.",
        "Gerhard Schroeder spoke.",
    ):
        assert issues(text) == [], text


def test_inconsistent_surname_in_one_article() -> None:
    text = (
        "Analyst Dorota Przybylska said sanctions had failed. Officials disagreed. "
        "Ms. Przybylka added that talks could resume."
    )
    assert issues(text, INCONSISTENT) == [(INCONSISTENT, "Przybylka", "Przybylska")]


def test_known_person_wins_over_the_unknown_spelling() -> None:
    text = "Press secretary Karine Jean-Pierre spoke. Jean-Pierre said the talks went well. Jean-Peirre left."
    assert [g[1:] for g in issues(text)] == [("Jean-Peirre", "Jean-Pierre")]


def test_two_people_with_near_surnames_are_left_alone() -> None:
    text = "Alan Johnson met Boris Johnston on Tuesday. Mr Johnson said the meeting went well. Mr Johnston left."
    assert issues(text) == []


def test_team_list_surnames_are_not_inconsistencies() -> None:
    text = (
        "Italy: A Masi, M Bergamasco, D dal Maso, P Griffen. Andrea Masi scored twice. "
        "England: Dawson, Dowson, Healey, Hoadley."
    )
    assert issues(text) == []


def test_mixed_accepted_variants_are_info_on_the_rarer() -> None:
    text = "Troops gathered near Kyiv. Officials in Kyiv said the shelling stopped. In Kiev, markets opened."
    assert issues(text) == [(VARIANT, "Kiev", "Kyiv")]


def test_organisation_mistranslation_and_garble() -> None:
    assert issues("Germany halted the North Stream 2 pipeline.") == [(ORG, "North Stream 2", "Nord Stream 2")]
    assert issues("The International Monetary Foundation cut its forecast.")[0][2] == "International Monetary Fund"
    assert issues("Officials at the World Helth Organization said so.")[0][2] == "World Health Organization"
    text = "The Nord Stream 2 pipeline was finished. Critics of Nord Stream 2 and of Nord Steam 2 spoke."
    assert [g[1] for g in issues(text, ORG)] == ["Nord Steam 2"]
    assert issues("Critics of Nord Steam 2 spoke.") == []
    assert issues("The Lib Dem leader spoke for the Lib Dems.") == []
    assert issues("The news agency Xinhau said Gasprom cut supplies.") == [
        (ORG, "Xinhau", "Xinhua"),
        (ORG, "Gasprom", "Gazprom"),
    ]
    assert issues("Gazprom, Xinhua, Naftohaz, Tesco and the Gazebo.") == []
    assert issues("The North Sea stream of migrants continued.") == []


def test_seed_style_article_reports_every_garble() -> None:
    text = (
        "White House press secretary Jen Pskai said the call went well.\n"
        "Pskai also conveyed the president's hopes, said an official.\n"
        '"Progress can only be achieved in an environment of de-escalation," said Psaki.\n'
    )
    got = issues(text)
    assert (NEAR_MISS, "Jen Pskai", "Jen Psaki") in got
    assert (NEAR_MISS, "Pskai", "Psaki") in got
    assert all(g[1] != "Psaki" for g in got)


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        # office holders beyond the best-known names: the office named before the name, in any order
        ("Mayor of Vancouver Gregor Rabertson said the city would help.", "Gregor Rabertson", "Gregor Robertson"),
        ("Lieutenant Governor of Alaska Fran Ulmor opened the session.", "Fran Ulmor", "Fran Ulmer"),
        ("Taiwan's Minister of Health and Welfare Steve Chna resigned.", "Steve Chna", "Steve Chan"),
        ("The Czech Minister of Industry and Trade Milan Urbaan said so.", "Milan Urbaan", "Milan Urban"),
    ],
)
def test_a_garbled_office_holder_is_found_where_the_article_names_the_office(text: str, span: str, fix: str) -> None:
    assert issues(text, NEAR_MISS) == [(NEAR_MISS, span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "Gregor Rabertson, a baker in Leeds, said the city would help.",  # no office: anyone
        "Mayor of Vancouver Gregory Rabertson said so.",  # another given name
        "Striker Milan Urbaan scored twice for the visitors.",  # an office they never held
    ],
)
def test_an_office_holder_needs_the_given_name_and_the_office(text: str) -> None:
    assert issues(text, NEAR_MISS) == []


def test_a_common_word_introduced_beside_a_rare_surname_is_no_proof_of_either() -> None:
    # Invented: a spell-checker turned the author's rare surname into a town's name where he is
    # introduced; which form is the slip cannot be told, so neither is reported.
    text = "A book by Robert Preston says the two men fell out. Mr Peston's book was serialised."
    assert issues(text, INCONSISTENT) == []
    # a rare introduced form still decides ("Sascha Glaeser" ... "Mr. Glazer")
    text = "Analyst Sascha Glaeser said prices would rise. Mr. Glazer expects more."
    assert [i[1] for i in issues(text, INCONSISTENT)] == ["Glazer"]
