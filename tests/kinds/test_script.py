"""The ``script`` kind: allowed scripts, scopes, edits, the homoglyph table, and linear time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.document import Document
from auditor.engine import Auditor
from auditor.errors import RuleError
from auditor.loader import build_rule, clear_cache, load_rules
from auditor.model import apply_edits

RULES = {rule.id: rule for rule in load_rules() if rule.id.startswith("LG")}
ENGLISH = "The talks in Geneva ended on Friday without a deal, officials said.\n" * 3


def rule(**matching: object) -> object:
    return build_rule(
        {
            "id": "XX101",
            "name": "house-script",
            "category": "language",
            "severity": "warning",
            "message": "{script} text",
            "why": "A test.",
            "kind": "script",
            "examples": {"fail": ["x"], "pass": ["y"]},
            **matching,
        },
        "<test>",
    )


def spans(r: object, text: str) -> list[str]:
    return [text[h.start : h.end] for h in r.find(Document(text)) if h.start is not None]  # type: ignore[attr-defined]


def test_the_language_rules_are_script_rules() -> None:
    assert {r.id: r.kind for r in RULES.values()} == {
        "LG101": "script",
        "LG102": "script",
        "LG103": "script",
        "LG104": "detector",
    }


def test_allowed_scripts_are_data() -> None:
    text = ENGLISH + "Главные новости дня\nاتصل بنا\n"
    assert spans(rule(allowed=["auto"]), text) == ["Главные новости дня", "اتصل بنا"]
    assert spans(rule(allowed=["Latin", "Cyrillic"]), text) == ["اتصل بنا"]
    # a Cyrillic-only house rule reports the English lines of an article
    assert spans(rule(allowed=["Cyrillic"]), "Главные новости дня\nThe talks in Geneva ended on Friday.\n") == [
        "The talks in Geneva ended on Friday."
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"allowed": ["Klingon"]},
        {"scope": "page"},
        {"scope": "word", "edit": "delete-line"},
        {"min_words": 0},
        {"allow": ["Latin"]},
    ],
)
def test_bad_options_fail_at_load(bad: dict[str, object]) -> None:
    with pytest.raises(RuleError):
        rule(**bad)


def fixed(rule_id: str, text: str) -> tuple[str, list[str]]:
    findings = Auditor(Config(select=(rule_id,))).audit_text(text).findings
    edits = [e for f in findings if f.fix for e in f.fix.edits]
    return apply_edits(text, edits), [f.fix.applicability for f in findings if f.fix]


def test_a_stray_line_is_deleted_safely_and_a_mixed_line_unsafely() -> None:
    assert fixed("LG101", ENGLISH + "\nاتصل بنا\n") == (ENGLISH, ["safe"])
    assert fixed("LG101", "اتصل بنا\n" + ENGLISH) == (ENGLISH, ["safe"])
    text = ENGLISH + "Главные новости дня и недели: Home\n"
    assert fixed("LG101", text) == (ENGLISH, ["unsafe"])


def test_mixed_words_are_written_in_one_script() -> None:
    assert fixed("LG103", "President Рutin met NАТО chiefs in Аthens.") == (
        "President Putin met NATO chiefs in Athens.",
        ["safe", "safe", "safe"],
    )
    assert fixed("LG103", "Министр сказал, что Пyтин приедет.") == ("Министр сказал, что Путин приедет.", ["safe"])
    # every letter a look-alike: Latin in an English article, but only an editor can tell
    assert fixed("LG103", "The code word was Сoр, they said.") == ("The code word was Cop, they said.", ["unsafe"])
    # a letter with no look-alike: advice only
    [finding] = Auditor(Config(select=("LG103",))).audit_text("The Sдate fell.").findings
    assert finding.fix is None and finding.suggestion == "retype the word in one script"


def test_a_house_pack_adds_a_homoglyph(tmp_path: Path) -> None:
    (tmp_path / "language").mkdir()
    (tmp_path / "language" / "homoglyphs.tsv").write_text(
        "# columns: letter latin name\nд\tg\tcyrillic small letter de (a handwritten g)\n", encoding="utf-8"
    )
    clear_cache()
    try:
        findings = Auditor(Config(rules=(tmp_path,), select=("LG103",))).audit_text("The Sдate fell.").findings
        assert [f.suggestion for f in findings] == ["Sgate"]
    finally:
        clear_cache()


@pytest.mark.parametrize("text", ["aб" * 50_000, "Рutin " * 16_000, "аb" * 50_000, ("б" * 20 + "a") * 5_000])
def test_mixed_words_are_linear(text: str) -> None:
    auditor = Auditor(Config(select=("LG",)))
    began = time.perf_counter()
    auditor.audit_text(text)
    assert time.perf_counter() - began < 5.0


def test_stray_lines_are_linear() -> None:
    text = ("The talks went on.\nاتصل بنا\n" * 5_000)[:100_000]
    began = time.perf_counter()
    Auditor(Config(select=("LG",))).audit_text(text)
    assert time.perf_counter() - began < 5.0
