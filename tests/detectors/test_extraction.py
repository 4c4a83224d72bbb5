"""Glued words (EX101) and a missing space after a stop (EX102) on invented text: other people, sites, brands."""

from __future__ import annotations

import pytest

from .support import found, hits

# -- EX101 glued words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported", "suggestion"),
    [
        # a function word glued on: a lost sentence break
        ("Lorries queued at the Romanian borderAt dawn the gates opened.", "borderAt", "border. At"),
        ("Scholz met Macron in Paris. Talks with ScholzOn Friday went well.", "ScholzOn", "Scholz. On"),
        ("Kenya cut the levy. Ruto told KenyaThe new budget stands.", "KenyaThe", "Kenya. The"),
        # a name the article uses glued to a word
        (
            "Athens warned Ankara. Officials in Ankara said AnkaraHostile moves would be met.",
            "AnkaraHostile",
            "Ankara Hostile",
        ),
        # a lower-case word glued to a capitalised word
        ("The regulator said pricesRose after the merger.", "pricesRose", "prices Rose"),
        ("He studied at the University ofToronto for a year.", "ofToronto", "of Toronto"),
        # a name prefix (Mc, Mac, De) stays part of the name on the left
        (
            "Rep. Ann McKennaDemocrats on the panel agreed. McKenna said so; Democrats voted.",
            "McKennaDemocrats",
            "McKenna Democrats",
        ),
    ],
)
def test_glued_words_found(text: str, reported: str, suggestion: str) -> None:
    found_hits = hits("EX101", text)
    assert [text[h.start : h.end] for h in found_hits] == [reported]
    assert found_hits[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "She sold her iPhone and iPad on eBay and was paid through PayPal.",
        "WhatsApp, YouTube, LinkedIn and GitHub were blocked; FedEx and JPMorgan were not.",
        "Senator McConnell, Governor DeSantis and Mayor LaGuardia met at a McDonald's.",
        "DiCaprio played MacArthur; O'Neill and FitzGerald wrote the script.",
        "The PlayStation and the GameCube sold well; PlayStation sales doubled.",
        "Visit www.ExampleNews.org or write to Desk@ExampleNews.org for details.",
        "The iOS update and the new TiVo, WiFi and VoIP services launched.",
        # a two-word brand the article does not otherwise use as names: left alone
        "The start-up, called PodCastle, hopes to sell its service to schools.",
        "LeBron James and DeMarcus Cousins joined JaVale McGee.",
    ],
)
def test_glued_words_leave_real_forms(text: str) -> None:
    assert found("EX101", text) == []


def test_glued_words_token_repeated_is_a_brand() -> None:
    text = "Shares in ThermoWorks rose. Thermo said ThermoWorks would expand; Thermo staff agreed."
    assert found("EX101", text) == []


def test_a_token_the_article_writes_twice_is_a_name_whatever_its_halves() -> None:
    # An invented tech brief from a Dutch site's English edition: brands whose right half is a
    # function word ("On", "In") or whose second use is a possessive are the article's names.
    text = (
        "Amsterdam start-up FaceIn sells a doorbell camera. FaceIn's founder, Sanne Visser, said "
        "the HomeOn hub links it to lights; HomeOn already ships in Belgium.\n\n"
        "Critics of FaceIn say the camera leaks data."
    )
    assert found("EX101", text) == []
    # one glue among them is still one glue
    assert found("EX101", text + " Visser replied that FaceIn had fixed the flawOn Monday.") == ["flawOn"]


# -- EX102 missing space after a stop ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reported", "suggestion"),
    [
        ("The strike ends next week.Union leaders said so.", "week.Union", "week. Union"),
        ("Rain fell across the Adriatic Sea.Croatia closed ports.", "Sea.Croatia", "Sea. Croatia"),
        ("Was it worth it?Nobody knows.", "it?Nobody", "it? Nobody"),
        ("“We will win,” she said.“The count goes on.”", "said.“The", "said. “The"),
        ("He called it a mistake.”Ministers disagreed.", "mistake.”Ministers", "mistake.” Ministers"),
    ],
)
def test_missing_space_found(text: str, reported: str, suggestion: str) -> None:
    found_hits = hits("EX102", text)
    assert [text[h.start : h.end] for h in found_hits] == [reported]
    assert found_hits[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and the U.K. agreed, e.g. on tariffs, and i.e. not on steel.",
        "Growth was 2.5 percent; No.1 seed lost; version 3.11 shipped.",
        "It runs on Node.js and ASP.NET and uses Vue.js.",
        "See www.example.com/Sport.News or mail press.Desk@example.org today.",
        "Buy it at Amazon.Com or at Example.Net before Friday.",
        "The class System.Collections.Generic is documented.",
        "He joined One.Tel in 2000.",
        "Mr.Smith and Dr.Jones were there.",  # two-letter abbreviations: not a sentence stop
    ],
)
def test_missing_space_leaves_addresses_and_abbreviations(text: str) -> None:
    assert found("EX102", text) == []
