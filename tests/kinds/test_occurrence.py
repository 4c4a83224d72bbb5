"""The ``occurrence`` kind (RD102): long sentences are reported unless they are long by nature."""

from __future__ import annotations

import pytest

from auditor.document import Document
from auditor.kinds.occurrence import Occurrence, occurrence

LONG = " ".join(["the council said that it would look again at the plan"] * 7) + "."


def spans(text: str, o: Occurrence) -> list[str]:
    return [text[h.start : h.end] for h in occurrence(Document(text), o) if h.start is not None]


def test_a_run_on_sentence_is_reported_with_or_without_skip() -> None:
    text = "Short one. " + LONG[0].upper() + LONG[1:]
    assert spans(text, Occurrence(max=60)) == [text[len("Short one. ") :]]
    assert spans(text, Occurrence(max=60, skip=("lists", "quotations"))) == [text[len("Short one. ") :]]


def test_a_list_of_short_items_and_a_long_quotation_are_long_by_nature() -> None:
    squad = "The squad: " + ", ".join(f"{c} Player{c} (Town{c})" for c in "ABCDEFGHIJKLMNOPQRSTU") + "."
    quote = 'He said: "' + LONG[:-1] + ', and that is all."'
    opened = 'He said: "' + LONG + ' It ends here."'  # the quotation closes in the next sentence
    for text in (squad, quote, opened):
        assert spans(text, Occurrence(max=20)) != []
        assert spans(text, Occurrence(max=20, skip=("lists", "quotations"))) == []
    # each skip covers its own case only
    assert spans(squad, Occurrence(max=20, skip=("quotations",))) != []
    assert spans(quote, Occurrence(max=20, skip=("lists",))) != []


def test_skip_needs_max() -> None:
    with pytest.raises(ValueError, match="set max"):
        Occurrence(min=3, skip=("lists",))
