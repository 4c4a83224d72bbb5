"""A house rule pack: rules of the data kinds, rows added to built-in tables, and ``auditor test-rules``."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli import main
from auditor.config import Config
from auditor.engine import Auditor
from auditor.loader import clear_cache

HOUSE = """
category: style
severity: warning
rules:
  - id: HS101
    name: house-substitution
    message: "House style: write '{suggestion}', not '{match}'"
    why: The style guide of the house.
    kind: substitution
    fix: unsafe
    swap: {"in order to": "to", "Kiev": "Kyiv"}
    examples:
      fail:
        - {text: "He went [[in order to]] vote.", fix: "to"}
        - {text: "Troops left [[Kiev]].", fix: "Kyiv"}
      pass: ["He went to vote."]
  - id: HS102
    name: house-banned-phrase
    message: "Banned phrase '{match}'"
    why: The house does not use these words.
    kind: existence
    table: house/banned
    fix: safe
    edit: delete
    examples:
      fail:
        - {text: "It was late [[needless to say]] and dark.", fixed: "It was late and dark."}
      pass: ["It was late."]
"""

BANNED = "# Phrases the house never prints.\n# columns: value\nneedless to say\nat the end of the day\n"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    clear_cache()


def _pack(tmp_path: Path, rules: str = HOUSE, **files: str) -> Path:
    folder = tmp_path / "house"
    (folder / "house").mkdir(parents=True)
    (folder / "house.yaml").write_text(rules)
    (folder / "house" / "banned.txt").write_text(BANNED)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def _rules(folder: Path) -> Auditor:
    return Auditor(Config(select=("HS", "TR101"), rules=(folder,)))


def test_house_rules_fire_with_their_fixes(tmp_path: Path) -> None:
    auditor = _rules(_pack(tmp_path))
    result = auditor.audit_text("They met in  order to talk, needless to say, in Kiev.")
    got = [(f.rule, f.text, f.suggestion, f.fix.applicability if f.fix else None) for f in result.findings]
    assert got == [
        ("HS101", "in  order to", "to", "unsafe"),
        ("HS102", "needless to say", None, "safe"),
        ("HS101", "Kiev", "Kyiv", "unsafe"),
    ]


def test_whitespace_and_case_variants_of_a_substitution_do_not_crash(tmp_path: Path) -> None:
    auditor = _rules(_pack(tmp_path))
    result = auditor.audit_text("IN\tORDER TO win, In order to win.")
    assert [(f.rule, f.suggestion) for f in result.findings] == [("HS101", "TO"), ("HS101", "To")]


def test_a_house_file_extends_a_builtin_table(tmp_path: Path) -> None:
    text = "The crowd chanted go go go and then yo yo at the end."
    builtin = Auditor(Config(select=("TR101",)))
    assert [f.text for f in builtin.audit_text(text).findings] == ["yo yo"]
    folder = _pack(tmp_path, **{"translation/grammatical-doubles.txt": "# House doubles.\nyo\n"})
    assert [f.text for f in _rules(folder).audit_text(text).findings] == []


def test_test_rules_passes_on_the_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test-rules", str(_pack(tmp_path)), "--only-packs"]) == 0
    assert "2 rules, 5 examples: 5 passed, 0 failed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('"He went to vote."', '"He went [[in order to]] vote."', "expected nothing"),
        ('fix: "to"}', 'fix: "so as to"}', "the fix gives"),
        ("message: \"Banned phrase '{match}'\"", "message: \"Banned phrase '{mtach}'\"", "unfilled placeholder"),
    ],
)
def test_test_rules_fails_on_a_wrong_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, problem: str
) -> None:
    assert old in HOUSE
    folder = _pack(tmp_path, rules=HOUSE.replace(old, new, 1))
    assert main(["test-rules", str(folder)]) == 1
    out = capsys.readouterr().out
    assert problem in out and "FAIL" in out


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("    edit: delete\n", "    edti: delete\n", "unknown option(s) edti"),
        ("    edit: delete\n", "    edit: remove\n", "'remove' is not one of"),
        ("    kind: substitution\n", "    kind: substitution\n    ignorecase: maybe\n", "true or false"),
        ("    table: house/banned\n", "    table: house/baned\n", "no table 'house/baned'"),
        ("    table: house/banned\n", "    pattern: '(unclosed'\n", "does not compile"),
        ("    kind: existence\n", "    kind: existance\n", "unknown kind 'existance'"),
        (
            "    kind: existence\n    table: house/banned\n    fix: safe\n    edit: delete\n",
            "    detector: this:nothing\n",
            "no registered detector",
        ),
        (
            "    kind: existence\n    table: house/banned\n    fix: safe\n    edit: delete\n",
            "    detector: translation.honorfic_noun\n",
            "did you mean translation.honorific_noun",
        ),
    ],
)
def test_a_broken_house_rule_fails_at_load_naming_file_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, problem: str
) -> None:
    assert old in HOUSE
    folder = _pack(tmp_path, rules=HOUSE.replace(old, new, 1))
    assert main(["check", "--rules", str(folder), "--jobs", "1", "--no-progress", "-"]) == 2
    err = capsys.readouterr().err
    assert problem in err and "house.yaml: rule HS10" in err and "Traceback" not in err


def test_a_house_table_row_with_an_unknown_column_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pack(tmp_path, **{"extraction/function_words.tsv": "# columns: word class colour\nHe\tpronoun\tred\n"})
    assert main(["rules", "--rules", str(folder)]) == 2
    assert "has no column(s) colour" in capsys.readouterr().err


def test_the_legacy_pattern_keys_still_load(tmp_path: Path) -> None:
    legacy = """
- id: HS201
  name: legacy-pattern
  category: style
  severity: info
  message: "'{match}'"
  why: A pack written for the first README.
  pattern: '\\bvery unique\\b'
  examples: {fail: ["It is [[very unique]]."], pass: ["It is unique."]}
- id: HS202
  name: legacy-phrases
  category: style
  severity: info
  message: "'{match}'"
  why: A pack written for the first README.
  phrases: [at this point in time]
  where: line
  examples: {fail: ["Intro.\\n[[At this point in time]]\\nEnd."], pass: ["We are, at this point in time, done."]}
"""
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "legacy.yaml").write_text(legacy)
    auditor = Auditor(Config(select=("HS2",), rules=(folder,)))
    assert {r.id: r.kind for r in auditor.rules} == {"HS201": "existence", "HS202": "existence"}
    assert main(["test-rules", str(folder), "--only-packs"]) == 0


CALQUE_ROWS = """
table: translation/calques
rows:
  - id: house-dacha-talks
    key: dacha
    pattern: '\\bdacha\\s+talks\\b'
    replacement: country-house talks
    source: house style
    note: "the house writes 'country-house talks'"
    fail: [{text: "The [[dacha talks]] ended.", fix: "country-house talks"}]
    pass: ["The dacha was cold."]
"""


def test_test_rules_runs_the_examples_of_house_table_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, **{"translation/calques.yaml": CALQUE_ROWS})
    assert main(["test-rules", str(folder)]) == 0
    assert "FAIL" not in capsys.readouterr().out
    wrong = CALQUE_ROWS.replace('fix: "country-house talks"', 'fix: "dacha meeting"')
    clear_cache()
    folder2 = _pack(tmp_path / "b", **{"translation/calques.yaml": wrong})
    assert main(["test-rules", str(folder2)]) == 1
    out = capsys.readouterr().out
    assert "TR107 row house-dacha-talks" in out and "table translation/calques" in out


def test_a_crashing_house_rule_is_au002_never_passes_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pack(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("A clean sentence about the budget.\n")
    from auditor import registry  # make the existence kind raise on every document, for this test only

    spec = registry.lookup("existence")
    original = spec.function

    def boom(doc, options):  # type: ignore[no-untyped-def]
        raise RuntimeError("house bug")

    object.__setattr__(spec, "function", boom)
    try:
        code = main(
            [
                "check",
                str(article),
                "--rules",
                str(folder),
                "--select",
                "HS102",
                "--fail-on",
                "never",
                "--format",
                "json",
                "--jobs",
                "1",
                "--no-progress",
            ]
        )
    finally:
        object.__setattr__(spec, "function", original)
    out, err = capsys.readouterr()
    import json

    (result,) = json.loads(out)["files"]
    assert code == 2 and result["passed"] is False and "could not be fully audited" in err
    (finding,) = result["findings"]
    assert (finding["rule"], finding["category"], finding["related"]) == ("AU002", "internal", ["HS102"])
    assert "house bug" in finding["message"]
