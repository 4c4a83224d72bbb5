"""The extraction word lists are tables: a house pack's rows count as the built-in ones do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Auditor
from auditor.loader import clear_cache
from auditor.model import apply_edits


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def _house(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "house"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _spans(text: str, rule: str, folder: Path | None = None) -> list[str]:
    config = Config(select=(rule,), rules=(folder,) if folder else ())
    result = Auditor(config).audit_text(text)
    return [f.text for f in result.findings if f.rule == rule]


BRAND = "Shoppers queued for the new ZenBook on Friday, and the Zen range sold out."


def test_a_house_camel_case_row_is_allowed(tmp_path: Path) -> None:
    assert _spans(BRAND, "EX101") == ["ZenBook"]
    folder = _house(tmp_path, **{"extraction/camel_case.txt": "# house brands\nZenBook\n"})
    assert _spans(BRAND, "EX101", folder) == []


def _suggestions(text: str, rule: str, folder: Path | None = None) -> list[str | None]:
    config = Config(select=(rule,), rules=(folder,) if folder else ())
    return [f.suggestion for f in Auditor(config).audit_text(text).findings if f.rule == rule]


def test_a_house_function_word_counts_for_glued_words_and_link_text(tmp_path: Path) -> None:
    # a common word glued to a capitalised word is a join; a house function word makes it a lost
    # sentence break, so the suggestion puts a full stop back
    text = "Troops waited at the borderYon the hill was quiet."
    assert _suggestions(text, "EX101") == ["border Yon"]
    folder = _house(tmp_path, **{"extraction/function_words.tsv": "# columns: word class\nYon\tdeterminer\n"})
    assert _suggestions(text, "EX101", folder) == ["border. Yon"]


def test_a_house_joined_stop_is_left_alone(tmp_path: Path) -> None:
    text = "He moved to Fast.Track in 2001 and stayed."
    assert _spans(text, "EX102") == ["Fast.Track"]
    folder = _house(tmp_path, **{"extraction/joined_stops.txt": "Fast.Track\n"})
    assert _spans(text, "EX102", folder) == []


def test_a_house_ligature_row_is_substituted(tmp_path: Path) -> None:
    text = "The \ua733 sign and the ﬁnal word."
    assert _spans(text, "EN108") == ["ﬁ"]
    row = "\ua733\taa\tLATIN SMALL LETTER AA\n"
    folder = _house(tmp_path, **{"encoding/ligatures.tsv": "# columns: wrong right name\n" + row})
    config = Config(select=("EN108",), rules=(folder,))
    result = Auditor(config).audit_text(text)
    assert [f.text for f in result.findings] == ["\ua733", "ﬁ"]
    edits = [e for f in result.findings if f.fix for e in f.fix.edits]
    assert apply_edits(text, edits) == "The aa sign and the final word."


def test_the_capital_rules_are_one_detector_with_a_declared_finding() -> None:
    from auditor.loader import load_rules

    rules = {r.id: r for r in load_rules() if r.id in ("EX103", "EX104", "EX105")}
    assert {r.detector for r in rules.values()} == {"capitals.mid_sentence_capital"}


def test_an_unknown_finding_is_a_load_error(tmp_path: Path) -> None:
    from auditor.errors import RuleError
    from auditor.loader import load_rules

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "house.yaml").write_text(
        "category: extraction\nseverity: warning\nrules:\n"
        "  - id: HX101\n    name: house-capital\n    message: \"'{match}'\"\n    why: A test.\n"
        "    detector: capitals.mid_sentence_capital\n    options: {finding: link-txt}\n"
        '    examples: {fail: [], pass: ["Fine."]}\n'
    )
    with pytest.raises(RuleError, match="finding"):
        load_rules((pack,))
