"""Boilerplate rules on invented articles: other sites, other footers and other languages than the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import Config
from auditor.detectors import boilerplate
from auditor.document import Document
from auditor.engine import Auditor
from auditor.errors import RuleError
from auditor.loader import clear_cache, load_rules
from auditor.model import apply_edits

RULES = {rule.id: rule for rule in load_rules() if rule.id.startswith("BP")}
BODY = "\n".join(
    f"Paragraph {n} of the story says something about the harbour, the council and the storm." for n in range(1, 13)
)


def report(text: str) -> list[tuple[str, str]]:
    """(rule id, reported text) for every BP rule, in reading order."""
    doc = Document(text)
    out = []
    for rule in RULES.values():
        out += [(h.start, rule.id, text[h.start : h.end]) for h in rule.find(doc)]
    return [(rid, span) for _, rid, span in sorted(out)]


def test_library_parses_and_every_kind_has_a_rule() -> None:
    lib = boilerplate.library()
    kinds = (
        {e.kind for e in lib.lines.values()} | {e.kind for e in lib.regexes} | {e.kind for e in lib.network.values()}
    )
    ruled = {rule.options["select"]["kind"] for rule in RULES.values()}
    assert kinds == ruled
    assert len(lib.lines) > 400


@pytest.mark.parametrize(
    "bad",
    [
        "comment\tline\tany\ten",
        "comment\tword\tany\ten\tLeave",
        "x\tregex\tedge\ten\t.*",
        "follow\tnetwork\tany\tsv\toss på",
    ],
)
def test_library_rejects_malformed_rows(bad: str) -> None:
    with pytest.raises(ValueError):
        boilerplate.parse_library(bad)


@pytest.mark.parametrize(
    ("footer", "rule", "span"),
    [
        ("Post your comment", "BP101", "Post your comment"),
        ("Hinterlasse einen Kommentar", "BP101", "Hinterlasse einen Kommentar"),
        ("Yorum yapın", "BP101", "Yorum yapın"),
        ("发表评论", "BP101", "发表评论"),
        ("View original post", "BP102", "View original post"),
        ("Источник: ТАСС", "BP102", "Источник:"),
        ("Share on WhatsApp", "BP103", "Share on WhatsApp"),
        ("Telegram · VK · Email", "BP103", "Telegram · VK · Email"),
        ("Leia também: Governo anuncia novo pacote", "BP104", "Leia também:"),
        ("اقرأ أيضا: الحكومة تعلن عن حزمة جديدة", "BP104", "اقرأ أيضا:"),
        ("相关阅读：政府宣布新措施", "BP104", "相关阅读："),
        ("Suscríbete a nuestro boletín", "BP105", "Suscríbete a nuestro boletín"),
        ("Bizi sosyal medyada takip edin", "BP106", "Bizi sosyal medyada takip edin"),
        (
            "Follow @harbourgazette on Twitter for live updates",
            "BP106",
            "Follow @harbourgazette on Twitter for live updates",
        ),
        ("Click here to read the full council report", "BP104", "Click here to read the full council report"),
        ("© 2023 Harbour Gazette Ltd", "BP107", "© 2023 Harbour Gazette Ltd"),
        ("Все права защищены © 2022 Новости Севера", "BP107", "Все права защищены © 2022 Новости Севера"),
        (
            "This website uses cookies to improve your experience. We'll assume you're ok with this.",
            "BP108",
            "This website uses cookies to improve your experience. We'll assume you're ok with this.",
        ),
        ("Publicidad", "BP109", "Publicidad"),
        ("Maria Lopez and Chen Wei contributed reporting.", "BP110", "Maria Lopez and Chen Wei contributed reporting."),
        ("Home » Politics » Europe", "BP111", "Home » Politics » Europe"),
        ("İletişim", "BP111", "İletişim"),
        ("Etiketler: ekonomi, enflasyon", "BP112", "Etiketler:"),
    ],
)
def test_footer_lines_in_many_languages(footer: str, rule: str, span: str) -> None:
    assert report(BODY + "\n" + footer + "\n") == [(rule, span)]


def test_a_footer_block_is_found_whole() -> None:
    footer = "Related Posts\nFloods close coastal road\nMayor opens new bridge\nTags: storm, harbour\nShare\nPrint"
    got = report(BODY + "\n" + footer)
    assert got == [
        ("BP104", "Related Posts"),
        ("BP104", "Floods close coastal road"),
        ("BP104", "Mayor opens new bridge"),
        ("BP112", "Tags:"),
        ("BP103", "Share"),
        ("BP103", "Print"),
    ]


def test_listed_headlines_end_where_the_story_goes_on() -> None:
    lines = BODY.split("\n")
    lines[5:5] = ["You may also like", "Storm damage bill tops £2m", "Why the harbour flooded again?"]
    got = report("\n".join(lines))
    assert got == [
        ("BP104", "You may also like"),
        ("BP104", "Storm damage bill tops £2m"),
        ("BP104", "Why the harbour flooded again?"),
    ]


def test_credit_above_a_long_footer_block() -> None:
    footer = (
        "Priya Nair contributed to this report.\nShare this:\nFacebook Twitter\nLike this:\nRelated\n"
        "Leave a Reply Cancel reply\nThis site uses Akismet to reduce spam. Learn how your data is processed."
    )
    rules = [rule for rule, _ in report(BODY + "\n" + footer)]
    assert rules == ["BP110", "BP103", "BP103", "BP103", "BP104", "BP101", "BP101"]


def test_two_widgets_on_one_line() -> None:
    assert report(BODY + "\nLeave a Reply Cancel reply") == [("BP101", "Leave a Reply Cancel reply")]
    assert report(BODY + "\nShare this: Facebook Twitter") == [("BP103", "Share this: Facebook Twitter")]


@pytest.mark.parametrize("line", ["Comments (14)", "3 Comments", "Share 0"])
def test_widget_counts(line: str) -> None:
    assert [span for _, span in report(BODY + "\n" + line)] == [line]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leave a ReplyCouncil approves harbour budget\n" + BODY, [("BP101", "Leave a Reply")]),
        ("Share this articleStorm hits the coast\n" + BODY, [("BP103", "Share this article")]),
        (BODY + "\nThe council will vote in June.Leave a Reply", [("BP101", "Leave a Reply")]),
        (BODY + "\nThe council will vote in June. Share this article", [("BP103", "Share this article")]),
    ],
)
def test_glued_boilerplate(text: str, expected: list[tuple[str, str]]) -> None:
    assert report(text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Readers were asked to leave a reply by Friday, the paper said.",
        "She urged fans to follow us on the march, and to share this moment with friends.",
        "The firm said its privacy policy was changed after the advertisement ran in May.",
        "Related: the two cases were never linked, police said at the time of the trial.",
        "Source: a senior official who asked not to be named said the talks had failed.",
        "Tags on the crates showed they came from Rotterdam, the customs officer said.",
        "Copyright law was at the centre of the dispute between the two labels for years.",
        "Home secretary Jane Doe said the plan would go ahead.",
    ],
)
def test_the_same_words_inside_sentences_are_not_boilerplate(sentence: str) -> None:
    assert report(sentence + "\n" + BODY + "\n" + sentence) == []


def test_weak_phrases_count_at_the_edges_only() -> None:
    middle = BODY.split("\n")
    middle.insert(6, "Comments")
    middle.insert(7, "Share")
    assert report("\n".join(middle)) == []
    assert report(BODY + "\nComments") == [("BP101", "Comments")]


def test_strong_phrases_count_anywhere() -> None:
    lines = BODY.split("\n")
    lines.insert(6, "Advertisement")
    lines.insert(9, "READ MORE: Harbour reopens after storm")
    assert report("\n".join(lines)) == [("BP109", "Advertisement"), ("BP104", "READ MORE:")]


@pytest.mark.parametrize(
    "title",
    ["Share prices fall sharply", "Comments spark row over pay", "Advertising ban on junk food", "Home sales rise"],
)
def test_headlines_that_start_with_a_phrase_word_are_not_boilerplate(title: str) -> None:
    assert report(title + "\n\n" + BODY) == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Posted on March 3, 2024 by admin", True),
        ("Published 12 May 2023 | Jane Doe", True),
        ("Posted in World, Politics", True),
        ("Posted by Harbour Desk", True),
        ("Posted in 1999, the letter was found in a drawer in the harbour office.", False),
        ("Posted by a reader on Sunday, the video was watched 2m times.", False),
        ("We use cookies to track readers, the company admitted in court on Tuesday.", True),
    ],
)
def test_post_metadata_lines_at_the_bottom(line: str, found: bool) -> None:
    assert bool(report(BODY + "\n" + line)) is found


# -- the table a house pack extends, and the edits ---------------------------------------------

HOUSE_TSV = (
    "# House boilerplate of the Harbour Gazette.\n"
    "# columns: kind mode place lang text words\n"
    "comment\tline\tany\ten\tTalk back to the Gazette\n"
    "subscribe\tlead\tany\tsw\tJiandikishe kupata habari\n"  # Swahili: no built-in row of that language
    "related\tlabel\tany\thu\tOlvassa el ezt is\n"  # Hungarian "read this too"
)


def house_auditor(tmp_path: Path, tsv: str = HOUSE_TSV) -> Auditor:
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "lines.tsv").write_text(tsv, encoding="utf-8")
    clear_cache()
    return Auditor(Config(rules=(tmp_path,), select=("BP",)))


def test_a_house_pack_adds_boilerplate_lines_that_fire(tmp_path: Path) -> None:
    auditor = house_auditor(tmp_path)
    text = (
        BODY
        + "\nOlvassa el ezt is: A kikötő újra nyitva\n"
        + BODY
        + "\nJiandikishe kupata habari za kila siku kwenye barua pepe yako.\nTalk back to the Gazette\n"
    )
    got = [(f.rule, f.text) for f in auditor.audit_text(text).findings]
    assert got == [
        ("BP104", "Olvassa el ezt is:"),
        ("BP105", "Jiandikishe kupata habari za kila siku kwenye barua pepe yako."),
        ("BP101", "Talk back to the Gazette"),
    ]
    # built-in rows still fire beside the house ones, and without the pack the house lines do not
    assert [f.rule for f in auditor.audit_text(BODY + "\nLeave a Reply").findings] == ["BP101"]
    clear_cache()
    assert Auditor(Config(select=("BP",))).audit_text(text).findings == ()


def test_a_malformed_house_row_fails_at_load_naming_its_file(tmp_path: Path) -> None:
    bad = "# columns: kind mode place lang text words\ncomment\tregex\tany\ten\t(unclosed\tword\n"
    with pytest.raises(RuleError, match=r"lines.tsv.*does not compile"):
        house_auditor(tmp_path, bad)
    clear_cache()


def test_rules_are_existence_rules_over_the_table() -> None:
    for rule in RULES.values():
        assert rule.kind == "existence" and rule.fix == ("unsafe" if rule.id == "BP110" else "safe")
        assert rule.options["table"] == "boilerplate/lines" and rule.options["where"] == "boilerplate-line"


def fixed(text: str) -> str:
    doc = Document(text)
    edits = [e for rule in RULES.values() for h in rule.find(doc) for e in h.edits]
    assert all(h.edits for rule in RULES.values() for h in rule.find(doc))
    return apply_edits(text, edits)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("A story.\n\nAdvertisement\n\nIt goes on.", "A story.\n\nIt goes on."),
        ("A story.\nAdvertisement\n\nIt goes on.", "A story.\n\nIt goes on."),
        ("A story.\n\nAdvertisement\nIt goes on.", "A story.\n\nIt goes on."),
        ("A story.\nAdvertisement\nIt goes on.", "A story.\nIt goes on."),
        ("Share this:\nFacebook Twitter\n\nA story.", "A story."),
        ("A story.\n\nRelated Posts\nFloods close coastal road\nMayor opens new bridge\n", "A story.\n"),
        ("Leave a ReplyCouncil approves harbour budget\nA story.", "Council approves harbour budget\nA story."),
        ("A story.\nThe council will vote in June. Share this article", "A story.\nThe council will vote in June."),
        ("A story.\r\nAdvertisement\r\nIt goes on.", "A story.\r\nIt goes on."),
    ],
)
def test_every_finding_deletes_its_line_and_the_edits_apply_together(text: str, after: str) -> None:
    assert fixed(text) == after


def test_a_label_deletes_the_linked_headline_too() -> None:
    text = BODY + "\nREAD MORE: Harbour reopens after storm\n" + BODY
    assert fixed(text) == BODY + "\n" + BODY


# An invented Swedish-owned English-language site whose pages were scraped with their widgets,
# in the middle of the story as well as at its end.
MIDDLE = BODY.split("\n")


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Följ oss på Instagram", "BP106"),
        ("Obserwuj nas na Facebooku", "BP106"),
        ("Seuraa meitä Facebookissa", "BP106"),
        ("Ακολουθήστε μας στο Twitter", "BP106"),
        ("Theo dõi chúng tôi trên Facebook", "BP106"),
        ("Dela den här artikeln", "BP103"),
        ("Udostępnij ten artykuł", "BP103"),
        ("Minden jog fenntartva.", "BP107"),
        ("Réagissez à cet article", "BP101"),
        ("Share this article on LinkedIn", "BP103"),
        ("Sign up to our evening bulletin", "BP105"),
    ],
)
def test_widget_lines_in_more_languages_are_found_mid_article(line: str, rule: str) -> None:
    text = "\n\n".join([*MIDDLE[:6], line, *MIDDLE[6:]])
    assert report(text) == [(rule, line)]


@pytest.mark.parametrize(
    "line",
    [
        "Facebook declined to tell us more.",
        "Ärger bei Facebook",
        "Why Twitter matters",
        "Facebook, Twitter and the election",
        "Zuckerberg told us that Facebook would change its rules and keep on growing in Europe",
    ],
)
def test_a_line_that_only_names_a_network_is_article_text(line: str) -> None:
    text = "\n\n".join([*MIDDLE[:6], line, *MIDDLE[6:]])
    assert report(text) == []
