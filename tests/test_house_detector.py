"""The detector example of docs/rules.md, registered from a house module, run through the CLI."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.loader import clear_cache

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

RULE = """
- id: HS301
  name: shouting
  category: style
  severity: warning
  message: "A paragraph in capitals"
  why: Capitals are shouting.
  detector: "house_checks:house.shouting"
  fix: unsafe
  options: {min_words: 3}
  examples:
    fail: [{text: "Calm.\\n[[THE MINISTER HAS RESIGNED]]", fixed: "Calm.\\nThe minister has resigned"}]
    pass: ["The NATO summit opened."]
"""


def _docs_example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    (block,) = [b for b in blocks if "@detector(" in b]
    return block


@pytest.fixture
def house(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "house_checks.py").write_text(_docs_example())
    monkeypatch.syspath_prepend(str(tmp_path))
    folder = tmp_path / "pack"
    (folder / "house").mkdir(parents=True)
    (folder / "house" / "acronyms.txt").write_text("NATO\nEU\n")
    (folder / "shouting.yaml").write_text(RULE)
    clear_cache()
    yield folder
    sys.modules.pop("house_checks", None)


def test_the_documented_detector_registers_loads_and_fixes(
    house: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test-rules", str(house), "--only-packs"]) == 0
    article = tmp_path / "a.txt"
    article.write_text("Calm words here.\nTHE MINISTER HAS RESIGNED TODAY\nNATO EU NATO\n")
    capsys.readouterr()
    main(
        [
            "check",
            str(article),
            "--rules",
            str(house),
            "--select",
            "HS3",
            "--format",
            "json",
            "--jobs",
            "1",
            "--no-progress",
        ]
    )
    (finding,) = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert finding["text"] == "THE MINISTER HAS RESIGNED TODAY"
    assert finding["fix"] == {
        "applicability": "unsafe",
        "edits": [{"start": 17, "end": 48, "replacement": "The minister has resigned today"}],
    }


def test_its_prepare_step_rejects_a_bad_option_at_load(house: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (house / "shouting.yaml").write_text(RULE.replace("min_words: 3", "min_words: 1"))
    assert main(["rules", "--rules", str(house)]) == 2
    assert "rule HS301: house.shouting: min_words is at least 2" in capsys.readouterr().err
