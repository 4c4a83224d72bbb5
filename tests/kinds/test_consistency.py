"""The ``consistency`` kind: accepted variants of one term mixed in one article."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.document import Document
from auditor.kinds.consistency import Consistency, consistency, variant_sets
from auditor.model import apply_edits
from auditor.tables import load_tables


def found(text: str, **options: object) -> list[tuple[str, str]]:
    o = Consistency(**options)  # type: ignore[arg-type]
    return [(text[h.start : h.end], h.suggestion or "") for h in consistency(Document(text), o)]


def test_the_minority_form_is_reported_with_an_edit_to_the_article_form() -> None:
    text = "Troops gathered near Kyiv. Officials in Kyiv spoke. In Kiev, markets stayed open."
    assert found(text, sets=(("Kyiv", "Kiev"),)) == [("Kiev", "Kyiv")]
    hits = list(consistency(Document(text), Consistency(sets=(("Kyiv", "Kiev"),))))
    assert apply_edits(text, [e for h in hits for e in h.edits]).count("Kiev") == 0
    assert "2 times" in hits[0].fields["reason"]


def test_on_a_tie_the_form_used_first_wins() -> None:
    text = "Flights from Bombay were late. Mumbai airport reopened."
    assert found(text, sets=(("Mumbai", "Bombay"),)) == [("Mumbai", "Bombay")]


def test_one_form_alone_whole_words_only_and_case() -> None:
    sets = (("Kyiv", "Kiev"),)
    assert found("Kyiv and Kyiv again.", sets=sets) == []
    assert found("Kyiv spoke. The Kievan Rus and kiev.", sets=sets) == []
    assert found("Kyiv spoke. Kyiv agreed. Kyiv left. Kiev's mayor and pro-Kiev forces.", sets=sets) == [
        ("Kiev", "Kyiv"),
        ("Kiev", "Kyiv"),
    ]
    assert found("Kyiv spoke. Then KYIV and kiev.", sets=sets, ignorecase=True) == [("kiev", "Kyiv")]


def test_sets_from_a_table_and_bad_options(tmp_path: Path) -> None:
    (tmp_path / "v.tsv").write_text(
        "# columns: preferred variants\nKyiv\tKiev\nGaddafi\tQaddafi;Gadhafi\n", encoding="utf-8"
    )
    table = load_tables([tmp_path])["v"]
    assert variant_sets(table) == [("Kyiv", "Kiev"), ("Gaddafi", "Qaddafi", "Gadhafi")]
    assert found("Gaddafi spoke. Gadhafi left. Gaddafi won.", table=table) == [("Gadhafi", "Gaddafi")]
    with pytest.raises(ValueError, match="needs sets"):
        Consistency()
    other = tmp_path / "other"
    other.mkdir()
    (other / "w.tsv").write_text("# columns: a b\nx\ty\n", encoding="utf-8")
    with pytest.raises(ValueError, match="preferred and variants"):
        Consistency(table=load_tables([other])["w"])


def test_linear_on_a_long_text() -> None:
    import time

    text = "Kyiv Kiev " * 50_000
    t = time.perf_counter()
    assert len(found(text, sets=(("Kyiv", "Kiev"),))) == 50_000
    assert time.perf_counter() - t < 5
