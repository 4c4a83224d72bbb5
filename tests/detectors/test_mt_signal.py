"""TR117 and ``signals.machine_translation``: the features, the shipped model, the engine's late pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.detectors import mt_features, mt_signal
from auditor.document import Document, rule_hits
from auditor.engine import Auditor
from auditor.loader import load_rules
from auditor.model import FileResult, Severity

ROOT = Path(__file__).resolve().parents[2]

# Invented text in the manner of a literal machine translation from Japanese (curly quotes closing on the
# full stop, "according to the city", "in addition", "on the other hand").
MACHINE_LIKE = (
    "The city government of Sapporo announced on the 5th that it will start a new support system for the elderly "
    "people who live alone.\n"
    "According to the city, the system will be started from April next year, and it is expected that about 3,000 "
    "people will use it.\n"
    "The mayor said, “We would like to create a city where the elderly people can live with peace of mind.”\n"
    "In addition, the city will also increase the number of staff members who visit the homes of the elderly.\n"
    "On the other hand, some of the residents have pointed out that the budget of the system is not enough.\n"
    "“It is not clear how the system will be operated,” said a man in his 70s who lives in the city.\n"
)
# Invented text in the manner of a British news site (straight quotes, a spaced hyphen, a colon before a quote).
EDITED = (
    "Councillors in Leeds have backed a plan to reopen two libraries that closed during the pandemic - a move "
    'campaigners called "long overdue".\n'
    "The branches, in Armley and Headingley, shut in 2020 and never reopened.\n"
    "Council leader James Lewis said: \"We've listened, and we're putting the money where it's needed.\"\n"
    "The scheme will cost about £400,000 a year; opposition members questioned whether it could be sustained.\n"
    'Campaigner Sue Wright, who collected 5,000 signatures, said she was "thrilled" but would keep watching.\n'
    "Libraries elsewhere in West Yorkshire have faced similar pressures, with Bradford cutting opening hours "
    "last spring and Wakefield asking volunteers to run three of its smaller branches.\n"
)


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(keep_text=False)


def test_the_shipped_model_matches_the_features_auditor_computes() -> None:
    model = mt_signal.model()
    assert model.names == mt_features.NAMES
    assert len(model.coef) == len(model.names) + len(model.vocabulary) > 100
    assert 0.0 < model.threshold < 1.0
    profile = mt_features.profile(Document(MACHINE_LIKE), {})
    assert len(profile.dense) == len(mt_features.NAMES)


def test_a_model_for_other_features_is_refused() -> None:
    data = json.loads((ROOT / "rules" / mt_signal.MODEL_FILE).read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        mt_signal.Model.from_dict(data)
    data = json.loads((ROOT / "rules" / mt_signal.MODEL_FILE).read_text(encoding="utf-8"))
    data["coef"] = data["coef"][:-1]
    with pytest.raises(ValueError, match="do not match"):
        mt_signal.Model.from_dict(data)


def test_the_folded_logit_equals_the_standardized_one() -> None:
    model = mt_signal.model()
    profile = mt_features.profile(Document(MACHINE_LIKE), {"TR107": 1})
    standardized = model.intercept + sum(pull for _, pull, _ in model.contributions(profile))
    assert model.logit(profile) == pytest.approx(standardized, rel=1e-9, abs=1e-9)


def test_machine_like_text_is_above_the_threshold_and_edited_news_below(auditor: Auditor) -> None:
    threshold = mt_signal.model().threshold
    machine = auditor.audit_text(MACHINE_LIKE)
    edited = auditor.audit_text(EDITED)
    assert machine.signals["machine_translation"] >= threshold > edited.signals["machine_translation"]
    [finding] = [f for f in machine.findings if f.rule == "TR117"]
    assert finding.severity == Severity.INFO and finding.start is None and finding.end is None
    assert f"threshold {threshold:.2f}" in finding.message and "closing curly quote" in finding.message
    assert not [f for f in edited.findings if f.rule == "TR117"]


def test_the_signal_is_in_the_json_contract_and_in_0_1(auditor: Auditor) -> None:
    data = auditor.audit_text(EDITED, path="a.txt").to_dict()
    assert set(data["signals"]) == {"machine_translation"}
    assert 0.0 <= data["signals"]["machine_translation"] <= 1.0
    assert json.loads(json.dumps(data))["signals"] == data["signals"]


def test_no_signal_for_empty_short_or_non_english_documents() -> None:
    assert Auditor(keep_text=False).audit_text("  \n").signals == {}
    short = Auditor(keep_text=False).audit_text("The deputy deputy minister left.")
    assert short.signals == {} and [f.rule for f in short.findings] == ["TR101"]
    assert len(EDITED.split()) >= mt_signal.MIN_WORDS
    french = Auditor(Config(language="fr"), keep_text=False).audit_text("Le conseil a voté le budget lundi.")
    assert french.signals == {} and "signals" in french.to_dict()


def test_two_artifact_families_are_strong_evidence_one_is_not() -> None:
    assert mt_signal.artifact_evidence(0) == mt_signal.artifact_evidence(1) == 0.0
    assert mt_signal.artifact_evidence(2) == pytest.approx(1 - mt_signal.ARTIFACT_BASE)
    assert mt_signal.artifact_evidence(3) > mt_signal.artifact_evidence(2)
    # TR112 and TR113 are one defect seen from either end: one family; TR101 (a doubled word) is no artifact
    assert mt_features.artifact_rules({"TR112": 2, "TR113": 1, "TR101": 4}) == ("TR112",)
    doc = Document(EDITED)
    alone = mt_signal.compute(doc, {})
    two = mt_signal.compute(doc, {"TR107": 1, "TR108": 3})
    assert two.artifacts == ("TR107", "TR108")
    assert two.value >= mt_signal.combine(two.fluent, 2) - 1e-4 and two.value > mt_signal.model().threshold
    assert alone.value < mt_signal.model().threshold
    assert two.evidence()[0] == "artifacts of TR107, TR108"


def test_the_engine_runs_tr117_after_the_rules_it_weighs(auditor: Auditor) -> None:
    # a calque (TR107) and a hyphen for a dash (TR108) in otherwise plain text
    text = (
        "The two countries have been negotiating since three years, the ministry said on Monday.\n"
        "The talks were held in Rome-the capital-and ended late, officials said.\n" + EDITED
    )
    doc = Document(text)
    findings = list(auditor.findings(doc))
    counted = rule_hits(doc)
    assert counted.get("TR107") and counted.get("TR108") and "TR117" not in counted
    signal = mt_signal.machine_translation(doc)
    assert signal.artifacts == ("TR107", "TR108")
    assert any(f.rule == "TR117" for f in findings)


def test_tr117_alone_sees_no_artifacts() -> None:
    only = Auditor(rules=[r for r in load_rules() if r.id == "TR117"], keep_text=False)
    doc = Document("They have been negotiating since three years.\nThe talks were in Rome-the capital.\n")
    list(only.findings(doc))
    assert rule_hits(doc) == {} and mt_signal.machine_translation(doc).artifacts == ()


def test_the_threshold_option_is_checked() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        mt_signal.MachineTranslation(threshold=1.5)
    low = mt_signal.MachineTranslation(threshold=0.0)
    assert list(mt_signal.machine_translation_finding(Document(EDITED), low))
    assert not list(mt_signal.machine_translation_finding(Document(" ".join(["word"] * 99)), low))


def test_the_features_are_rates_not_counts() -> None:
    once = mt_features.profile(Document(MACHINE_LIKE), {}).dense
    twice = mt_features.profile(Document(MACHINE_LIKE + MACHINE_LIKE), {}).dense
    by_name = dict(zip(mt_features.NAMES, zip(once, twice)))
    for name in (
        "p_period",
        "p_curly_quote",
        "first_the",
        "word_length",
        "sentence_words",
        "quote_mix",
        "quote_openers",
    ):
        a, b = by_name[name]
        assert a == pytest.approx(b, rel=0.05), name
    assert by_name["log_words"][1] > by_name["log_words"][0]


def test_the_rates_are_square_roots_of_the_counts_per_word() -> None:
    doc = Document(MACHINE_LIKE)
    by_name = dict(zip(mt_features.NAMES, mt_features.profile(doc, {}).dense))
    words = len(doc.tokens)
    # the marks before a closing curly quote are read from the pieces between closing quotes, not counted
    for name, mark in (("p_comma_curly", ",”"), ("p_period_curly", ".”"), ("p_curly_quote", "“"), ("p_period", ".")):
        assert MACHINE_LIKE.count(mark) > 0
        assert by_name[name] ** 2 * words == pytest.approx(MACHINE_LIKE.count(mark)), name
    # one sentence of the six opens with a quotation mark
    assert by_name["quote_openers"] ** 2 == pytest.approx(1 / len(doc.sentences))


def test_repetition_reads_a_fixed_window() -> None:
    distinct = [f"w{i}" for i in range(50)]
    assert mt_features.repetition(distinct) == 0.0
    assert mt_features.repetition(distinct[:10] * 5) > mt_features.repetition(distinct[:25] * 2) > 0.0
    assert mt_features.repetition(["one"]) == mt_features.repetition([]) == 0.0
    head = " ".join(f"w{i % 150}" for i in range(mt_features.WINDOW))
    a = mt_features.profile(Document(MACHINE_LIKE + head + "\n"), {}).dense
    b = mt_features.profile(Document(MACHINE_LIKE + head + " more more more more\n"), {}).dense
    where = mt_features.NAMES.index("repetition")
    assert a[where] == b[where]


def test_the_logit_reads_the_same_window_of_words_as_training() -> None:
    # longer than the lexical window: the folded logit (a look-up per token of the window) and the
    # standardized one (the word shares training fits on) agree only if both stop at LEXICAL tokens
    text = MACHINE_LIKE * 5 + EDITED * 10
    profile = mt_features.profile(Document(text), {})
    assert len(profile.tokens) > mt_features.LEXICAL
    model = mt_signal.model()
    standardized = model.intercept + sum(pull for _, pull, _ in model.contributions(profile))
    assert model.logit(profile) == pytest.approx(standardized, rel=1e-9, abs=1e-9)
    assert sum(profile.counts.values()) == mt_features.LEXICAL


def test_the_evidence_is_worded_for_people() -> None:
    assert mt_signal.describe("w_said,", True) == "more 'said,'"
    assert mt_signal.describe("p_en_dash", False) == "less en dashes"
    assert mt_signal.describe("first_according", True) == "more sentences opening with 'according'"
    assert mt_signal.describe("word_length", False) == "less word length"
    assert mt_signal.describe("repetition", True) == "more repetition of words"
    assert mt_signal.describe("quote_openers", True) == "more sentences opening with a quotation mark"


def _render(fmt: str, results: list[FileResult]) -> str:
    import io

    from auditor.model import Summary
    from auditor.reporters import FORMATS

    out = io.StringIO()
    reporter = FORMATS[fmt](out, rules=load_rules(), width=80, color=False)
    for result in results:
        reporter.add(result)
    reporter.close(Summary.of(results))
    return out.getvalue()


def test_the_reports_carry_the_signal() -> None:
    machine = Auditor().audit_text(MACHINE_LIKE, path="mt.txt")
    edited = Auditor().audit_text(EDITED, path="edited.txt")
    lines = [json.loads(line) for line in _render("jsonl", [machine, edited]).splitlines()]
    assert [line["signals"]["machine_translation"] for line in lines] == [
        machine.signals["machine_translation"],
        edited.signals["machine_translation"],
    ]
    page = _render("html", [machine, edited])
    high = f"MT {machine.signals['machine_translation']:.2f}"
    low = f"MT {edited.signals['machine_translation']:.2f}"
    assert 'class="signal mt high"' in page and high in page and low in page
    assert page.count('class="signal mt high"') == 1
    assert f'data-mt="{machine.signals["machine_translation"]}"' in page
    assert 'value="mt"' in page  # the order by signal
