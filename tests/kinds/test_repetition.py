"""The ``repetition`` kind (TR101): true doubles keep a safe fix; doubles the grammar allows are judged in context."""

from __future__ import annotations

from auditor.document import Document
from auditor.fixing import fix_text
from auditor.loader import load_rules

RULE = next(rule for rule in load_rules() if rule.id == "TR101")


def found(text: str) -> list[tuple[str, str | None]]:
    """Each double reported, with its edit's applicability (None: the rule's own, safe)."""
    return [(text[h.start : h.end], h.applicability) for h in RULE.find(Document(text)) if h.start is not None]


# An invented regional report from a Canadian paper, with a doubled word of every kind.
ARTICLE = (
    "HALIFAX — The ferry link to Yarmouth is the project the fishing towns have been hoping for for "
    "decades, the minister said on Thursday.\n\n"
    "Add to this this spring's record catch and the mood on the wharf is good. The harbour master, "
    "who had worked on on the old terminal, showed her her new office.\n\n"
    "What the crews had been asking for for so long was a second berth. The the council will vote "
    "in in the new year, and it has agreed to to meet the union.\n"
)


def test_a_phrase_of_time_after_a_doubled_preposition_shows_it_meant() -> None:
    reported = dict(found(ARTICLE))
    assert "for for" not in reported  # hoping for for decades, asking for for so long
    assert "this this" not in reported and "her her" not in reported


def test_true_doubles_keep_their_safe_fix_and_doubtful_ones_are_unsafe() -> None:
    assert found(ARTICLE) == [("on on", "unsafe"), ("The the", None), ("in in", None), ("to to", "unsafe")]


def test_fix_applies_only_the_safe_edits_unless_asked() -> None:
    fixed = fix_text(ARTICLE, select=("TR101",)).text
    assert "The council will vote in the new year" in fixed
    assert "hoping for for decades" in fixed and "worked on on the old" in fixed


def test_the_verbs_forms_are_made_from_the_table() -> None:
    # regular forms (waits, waited, waiting, relied, stopped) and irregular ones from the table (paid, fought)
    for text in (
        "The sum it paid for for years was small.",
        "The seat they fought for for a decade fell.",
        "It is what the region relied on on Monday.",
        "The job he applied for for months went.",
    ):
        assert found(text) == [], text


def test_other_languages_and_plain_slips_are_unchanged() -> None:
    assert found("Der Minister sagte, dass die die Regierung bleibt.") == [("die die", None)]
    assert found("Elle a parlé de de la réforme.") == [("de de", None)]
    assert found("The the report was signed in in Geneva.") == [("The the", None), ("in in", None)]


def test_a_doubled_copula_is_grammatical_only_after_a_clause_opener() -> None:
    text = (
        "What the club needs is is not clear, and all he was was tired, his agent said.\n\n"
        'But the coach told reporters: "Okafor is is the answer." The lease in turn was was sold on.\n'
    )
    assert [t for t, _ in found(text)] == ["is is", "was was"]
    # the two allowed doubles stand in the first paragraph, the reported ones in the second
    assert all(h.start > text.index("\n\n") for h in RULE.find(Document(text)) if h.start is not None)


def test_clause_doubles_need_their_openers() -> None:
    import pytest

    from auditor.kinds.repetition import Repetition
    from auditor.tables import Table

    doubles = Table("translation/clause-doubles", ("value",), ())
    with pytest.raises(ValueError, match="go together"):
        Repetition(clause_doubles=doubles)
