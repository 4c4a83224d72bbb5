"""TR107's table (rules/translation/calques.yaml): every row's own examples, invented ones, house rows."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.document import Document
from auditor.kinds.keyed import PatternRow, build_keyed, find_keyed, row_hit, trie_pattern
from auditor.loader import clear_cache, load_rules
from auditor.model import apply_edits
from auditor.rule import Example

RULES = {r.id: r for r in load_rules() if r.id in ("TR107", "TR116")}
RULE = RULES["TR107"]
KEYED = RULE.settings.keyed


def spans(text: str) -> list[tuple[str, str]]:
    """(row id, reported text) for every calque found in ``text``."""
    return [(row.id, text[s:e]) for s, e, row, _ in find_keyed(text, KEYED)]


def _example(raw: Any) -> Example:
    if isinstance(raw, Mapping):
        return Example.parse(raw["text"], fix=raw.get("fix"), fixed=raw.get("fixed"))
    return Example.parse(raw)


def _cases() -> list[tuple[str, PatternRow, Any, bool]]:
    """Every row of every pattern table (TR107's calques, TR116's foreign quotation marks)."""
    out = []
    for rule_id, rule in RULES.items():
        for row in rule.settings.keyed.rows:
            out += [(rule_id, row, t, True) for t in row.fail]
            out += [(rule_id, row, t, False) for t in row.passing]
    return out


@pytest.mark.parametrize(
    ("rule_id", "row", "marked", "failing"),
    _cases(),
    ids=lambda v: v.id if isinstance(v, PatternRow) else v if isinstance(v, str) else "",
)
def test_row_example(rule_id: str, row: PatternRow, marked: Any, failing: bool) -> None:
    """Each row's examples through the rule itself: its spans, filled wording, and any pinned fix."""
    example = _example(marked)
    doc = Document(example.text)
    hits = [h for h in RULES[rule_id].find(doc) if h.fields.get("row") == row.id]
    got = [(h.start, h.end) for h in hits]
    if not failing:
        assert got == [], (row.id, example.text, got)
        return
    assert example.spans, f"{row.id}: fail example without a [[marked]] span"
    assert got == list(example.spans), (row.id, example.text, got)
    for h in hits:
        assert "{" not in (h.suggestion or ""), (row.id, h.suggestion)
        assert bool(h.edits) == (row.replacement is not None and row.fix != "none"), row.id
    if example.fix is not None:
        start, end = example.spans[0]
        fixed = apply_edits(example.text, [e for h in hits for e in h.edits])
        assert fixed == example.text[:start] + example.fix + example.text[end:], (row.id, fixed)


def test_every_row_has_examples_a_note_and_a_source() -> None:
    for row in (row for rule in RULES.values() for row in rule.settings.keyed.rows):
        assert row.fail and row.passing, row.id
        assert row.note and row.source and (row.replacement or row.suggestion), row.id


def test_every_row_with_a_replacement_pins_a_fix() -> None:
    for row in (row for rule in RULES.values() for row in rule.settings.keyed.rows):
        if row.replacement is not None:
            assert any(isinstance(f, Mapping) and "fix" in f for f in row.fail), row.id


def test_every_key_can_reach_its_row() -> None:
    """A key must occur in the row's fail examples, or the scanner could never try the pattern."""
    for row in KEYED.rows:
        for raw in row.fail:
            text = _example(raw).text
            assert any(k in text.lower() for k in row.keys), (row.id, text)


@pytest.mark.parametrize(
    ("text", "row_id", "reported"),
    [
        ("Erdogan met the Syrian guide and the Iranian envoy.", "guide-for-leader", "the Syrian guide"),
        (
            "The Elysee's reading of the conversation was short.",
            "reading-for-readout",
            "Elysee's reading of the conversation",
        ),
        ("She has worked for the ministry since five years.", "since-duration", "since five years"),
        ("Paris has insisted since a year that talks resume.", "since-duration", "since a year"),
        ("Kiev said it would respond in the nearest time.", "in-the-near-time", "in the nearest time"),
        ("The Quai d'Orsay spokesman said Paris backs the Hebrew State.", "hebrew-state", "the Hebrew State"),
        ("A delegation realised a working visit to Luanda.", "realised-a-visit", "realised a working visit"),
        ("Madrid offered a news conference after the vote.", "offered-a-press-conference", "offered a news conference"),
        ("The dove camp in Tokyo lost the argument.", "bird-factions", "dove camp"),
        ("French Protection Minister Florence Parly visited Mali.", "spun-defence-minister", "Protection Minister"),
        ("The Labour Get together conference opens today.", "spun-party", "Get together"),
        ("“Since four months we have waited,” he said.", "since-duration", "Since four months"),
    ],
)
def test_invented_fail(text: str, row_id: str, reported: str) -> None:
    assert (row_id, reported) in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ever since two years ago the talks have stalled.",
        "He was our Turkish guide for the day, and the guide said so.",
        "The tour guide book was sold out.",
        "Children's home workplace rules were tightened.",
        "The Home Secretary said she would act since 2019 rules lapse.",
        "A hawk-eyed referee spotted the foul.",
        "The case is in the frame of mind of the jury, said the judge.",
        "The court will hear the appeal between now and June.",
        "Supporters celebrated the election result in Kyiv.",
        "The Protection of Freedoms Act was passed in 2012.",
        "The Child Protection Minister resigned.",
        "Nationwide, safety councils were set up in every town.",
    ],
)
def test_invented_pass(text: str) -> None:
    assert spans(text) == []


def test_the_rule_reports_row_wording_and_an_unsafe_edit() -> None:
    doc = Document("The council realized a state visit to Rome.")
    (hit,) = list(RULE.find(doc))
    assert hit.suggestion == "made a state visit"
    assert "visit" in hit.fields["note"]
    assert RULE.fix == "unsafe" and [e.replacement for e in hit.edits] == ["made a state visit"]


def test_a_replacement_keeps_the_capital_of_a_sentence_start() -> None:
    (hit,) = list(RULE.find(Document("In the near time the talks resume.")))
    assert hit.suggestion == "Soon"


def test_the_dollar_figure_is_filled_not_left_as_a_placeholder() -> None:
    (hit,) = list(RULE.find(Document("leaving behind 850 Million-dollar military equipment.")))
    assert hit.suggestion == "$850 million worth of"


def test_advice_rows_give_no_edit() -> None:
    (hit,) = list(RULE.find(Document("They have talked since three years.")))
    assert hit.suggestion == "for ..." and hit.edits == ()


def test_info_rows_lower_the_severity() -> None:
    doc = Document("Biden and Putin's appeal was the second this month.")
    (hit,) = list(RULE.find(doc))
    assert str(hit.severity) == "info"


def test_shorter_key_is_tried_when_a_longer_key_shares_its_prefix() -> None:
    keyed = build_keyed(
        [
            {
                "id": "a",
                "key": "home",
                "pattern": r"Home Speaker",
                "replacement": "House Speaker",
                "note": "n",
                "source": "s",
            },
            {
                "id": "b",
                "key": "home of",
                "pattern": r"Home of Commons",
                "replacement": "House of Commons",
                "note": "n",
                "source": "s",
            },
        ]
    )
    assert [r.id for _, _, r, _ in find_keyed("The Home of Commons met.", keyed)] == ["b"]
    assert [r.id for _, _, r, _ in find_keyed("Home Speaker Smith spoke.", keyed)] == ["a"]


def test_a_key_that_is_not_a_letter_is_found_anywhere() -> None:
    keyed = build_keyed([{"id": "g", "key": "«", "pattern": r"«(?P<inner>[^»]+)»", "replacement": "“{inner}”"}])
    text = "(«non»)"
    ((s, e, row, groups),) = list(find_keyed(text, keyed))
    assert text[s:e] == "«non»" and row_hit(text, s, e, row, groups).suggestion == "“non”"


def test_trie_pattern_matches_each_word_and_prefers_the_longest() -> None:
    rx = re.compile(trie_pattern(["home", "home of", "hawk", "since"]))
    assert rx.match("home of the").group() == "home of"
    assert rx.match("homes").group() == "home"
    assert rx.match("hawkish").group() == "hawk"
    assert rx.match("sin") is None


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"id": "broken", "key": "Upper", "pattern": "x", "replacement": "y"}, "lower-case"),
        ({"id": "broken", "key": "x", "pattern": "(x", "replacement": "y"}, "does not compile"),
        ({"id": "broken", "key": "x", "pattern": "x", "replacement": "{who}"}, "does not capture"),
        ({"id": "broken", "key": "x", "pattern": "x"}, "replacement"),
        ({"id": "broken", "key": "x", "pattern": "x", "replacement": "y", "fix": "maybe"}, "fix"),
    ],
)
def test_malformed_row_is_named(row: dict[str, str], problem: str) -> None:
    with pytest.raises(ValueError, match=f"broken.*{problem}"):
        build_keyed([row])


# -- a house pack adds rows -------------------------------------------------------------------------

HOUSE_ROW = """\
    table: translation/calques
    rows:
      - id: house-dacha-talks
        key: dacha
        pattern: '\\bdacha\\s+talks\\b'
        replacement: country-house talks
        source: house style
        note: "the house writes 'country-house talks'"
        fail: [{{text: "The [[dacha talks]] ended.", fix: "country-house talks"}}]
        pass: ["The dacha was cold."]
      - id: house-second
        key: {key}
        pattern: '{pattern}'
        suggestion: something
        source: house
        note: n
"""


def _house(tmp_path: Path, *, key: str = "zzqx", pattern: str = "zzqx") -> Path:
    folder = tmp_path / "house"
    (folder / "translation").mkdir(parents=True)
    (folder / "translation" / "calques.yaml").write_text(textwrap.dedent(HOUSE_ROW.format(key=key, pattern=pattern)))
    return folder


def test_a_house_row_fires(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _house(tmp_path)
    clear_cache()
    try:
        rule = next(r for r in load_rules([folder]) if r.id == "TR107")
        (hit,) = list(rule.find(Document("The dacha talks ended.")))
        assert hit.fields["row"] == "house-dacha-talks" and hit.suggestion == "country-house talks"
        article = tmp_path / "a.txt"
        article.write_text("After lunch the dacha talks ended without a deal.\n")
        code = main(
            [
                "check",
                str(article),
                "--rules",
                str(folder),
                "--select",
                "TR107",
                "--jobs",
                "1",
                "--no-progress",
                "--format",
                "json",
            ]
        )
        out = capsys.readouterr().out
        assert code in (0, 1) and '"rule": "TR107"' in out and '"replacement": "country-house talks"' in out
    finally:
        clear_cache()


def test_a_house_row_whose_regex_does_not_compile_fails_at_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _house(tmp_path, pattern="(unclosed")
    article = tmp_path / "a.txt"
    article.write_text("Nothing to see here.\n")
    clear_cache()
    try:
        code = main(["check", str(article), "--rules", str(folder), "--jobs", "1", "--no-progress"])
        err = capsys.readouterr().err
    finally:
        clear_cache()
    assert code == 2
    assert "TR107" in err and "translation/calques" in err and "house-second" in err
    assert str(folder / "translation" / "calques.yaml") in err and "does not compile" in err
