"""Every format, produced by the CLI for the seeds and for invented articles, counts what the JSON report counts.

One SARIF result, one GitHub annotation, one checklist item, one HTML list
entry per finding; one JSON line per file.  The built-in rules are used, so
the figures follow the rule packs as they grow.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

INVENTED = {
    "lagos.txt": "LAGOS (Wire) - The governor spoke on Friday.Officials agreed agreed a plan.\n\nLeave a Reply\n",
    "empty.txt": "",
    "quito.txt": "Quito\n\nThe mayor of Quito opened the new line.It runs north.\n\nRead more: <a href=x>link</a>\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SEEDS.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    for name, text in INVENTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(fmt: str, corpus: Path, out: Path) -> str:
    target = out / f"report.{fmt}"
    code = main(["check", str(corpus), "--format", fmt, "-o", str(target)])
    assert code in (0, 1)
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reports(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("reports")
    return {fmt: run(fmt, corpus, out) for fmt in ("json", "jsonl", "sarif", "github", "markdown", "html")}


@pytest.fixture(scope="module")
def expected(reports: dict[str, str]) -> dict[str, object]:
    files = json.loads(reports["json"])["files"]
    findings = [f for file in files for f in file["findings"]]
    assert len(files) == 8 and findings, "the corpus should produce findings with the built-in rules"
    return {"files": files, "findings": findings}


def test_jsonl_has_the_json_files(reports, expected):
    assert [json.loads(line) for line in reports["jsonl"].splitlines()] == expected["files"]


def test_sarif_has_one_result_per_finding(reports, expected):
    results = json.loads(reports["sarif"])["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        (f["rule"], {"info": "note"}.get(f["severity"], f["severity"])) for f in expected["findings"]
    ]


def test_github_has_one_annotation_per_finding(reports, expected):
    lines = reports["github"].splitlines()
    titles = [re.search(r"title=(\S+)", line).group(1) for line in lines]
    assert titles == [f["rule"] for f in expected["findings"]]


def test_markdown_has_one_item_per_finding(reports, expected):
    items = [line for line in reports["markdown"].splitlines() if line.startswith("- [ ] ")]
    assert len(items) == len(expected["findings"])
    assert reports["markdown"].count("\n## ") == len(expected["files"])


def test_html_lists_and_highlights_every_finding(reports, expected):
    html = reports["html"]
    assert len(re.findall(r'<li id="F\d+-f\d+" class="fd ', html)) == len(expected["findings"])
    located = [f for f in expected["findings"] if f["start"] is not None]
    assert len(re.findall(r'<mark class="hl [^"]*" id="F\d+-h\d+"', html)) == len(located)
    assert len(re.findall(r'<section class="file ', html)) == len(expected["files"])


def test_html_without_output_goes_to_reports(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(corpus / "lagos.txt"), "--format", "html"]) in (0, 1)
    target = tmp_path / "reports" / "auditor-report.html"
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "auditor: wrote reports/auditor-report.html" in capsys.readouterr().err
