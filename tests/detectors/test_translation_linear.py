"""Linear time in the translation family (issue 11): worst cases of 100 KB audit in a few seconds,
and house rows added to the honorific and role tables fire."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.loader import clear_cache, load_rules

RULES = {rule.id: rule for rule in load_rules()}

TR = [r for r in RULES.values() if r.id.startswith("TR")]

WORST = {
    "sir repeated": "sir" * 34_000,
    "letters without spaces": "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyz", k=100_000)),
    "quotation marks": '"“”a ' * 20_000,
    "quotation marks without spaces": '“a”"' * 25_000,
    "honorifics before names": "gentlemen. Biden " * 6_000,
    "titles after names": "Biden Mr. said " * 7_000,
    "hyphens": "Rome-Putin was " * 7_000,
    "articles": "a a an an " * 10_000,
    "calque keys": " since three" * 8_000,
    "full stops before names": "putin. Biden Spokes " * 5_000,
}


@pytest.mark.parametrize("name", sorted(WORST))
def test_a_100_kb_worst_case_audits_in_a_few_seconds(name: str) -> None:
    text = WORST[name]
    doc = Document(text)
    began = time.perf_counter()
    for rule in TR:
        for _ in rule.find(doc):
            pass
    assert time.perf_counter() - began < 5.0, name


def test_honorific_scan_grows_linearly() -> None:
    """TR102/TR103 on 'sir'*n took 12 s at 40 KB and 48 s at 80 KB; 10x the text must cost about 10x."""
    rules = [RULES["TR102"], RULES["TR103"]]

    def cost(n: int) -> float:
        doc = Document("sir" * n)
        began = time.perf_counter()
        for rule in rules:
            list(rule.find(doc))
        return time.perf_counter() - began

    small, large = cost(10_000), cost(100_000)
    assert large < max(0.05, small * 30)


def _house(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "house"
    (folder / "translation").mkdir(parents=True, exist_ok=True)
    (folder / "translation" / name).write_text(text)
    return folder


def _rule(folder: Path, rule_id: str):  # type: ignore[no-untyped-def]
    clear_cache()
    try:
        return next(r for r in load_rules([folder]) if r.id == rule_id)
    finally:
        clear_cache()


def test_a_house_honorific_fires(tmp_path: Path) -> None:
    folder = _house(tmp_path, "honorifics.tsv", "# columns: noun title before after\nsenor\tMr.\tyes\tno\n")
    rule = _rule(folder, "TR102")
    (hit,) = list(rule.find(Document("Then senor Sanchez said the plan was dead.")))
    assert hit.suggestion == "Mr. Sanchez" and [e.replacement for e in hit.edits] == ["Mr. Sanchez"]


def test_a_house_role_noun_fires(tmp_path: Path) -> None:
    rule = _rule(_house(tmp_path, "role-nouns.txt", "Veteran\n"), "TR105")
    (hit,) = list(rule.find(Document("“It was hard,” he said Veteran.")))
    assert hit.suggestion == "said the veteran"


def test_a_bad_house_honorific_row_fails_at_load(tmp_path: Path) -> None:
    from auditor.errors import RuleError

    folder = _house(tmp_path, "honorifics.tsv", "# columns: noun title before after\nSenor\tMr.\tmaybe\tno\n")
    with pytest.raises(RuleError, match=r"TR10[23].*translation/honorifics"):
        _rule(folder, "TR102")


def test_dash_follows_the_article_style() -> None:
    (hit,) = list(RULES["TR108"].find(Document("The talks – long – ended in a warning-the next round.")))
    assert hit.edits[0].replacement == " – " and hit.applicability is None
    (hit,) = list(RULES["TR108"].find(Document("It ended with a warning-the next round is off.")))
    assert hit.edits[0].replacement == " — " and hit.applicability == "unsafe"
