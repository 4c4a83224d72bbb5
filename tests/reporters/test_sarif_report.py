"""SARIF 2.1.0: the structure GitHub code scanning requires, and regions that point at the right text.

No SARIF JSON schema ships in a package on PyPI, so ``check_sarif`` checks the
parts of the 2.1.0 schema this reporter uses: required properties, types,
enumerations and the numeric minimums of ``region``.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

LEVELS = {"none", "note", "warning", "error"}
REGION_MIN = {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1, "charOffset": 0, "charLength": 0}


def check_sarif(log: dict[str, Any]) -> list[str]:
    """Problems with ``log`` as a SARIF 2.1.0 log (an empty list when there are none)."""
    problems: list[str] = []

    def need(cond: bool, what: str) -> None:
        if not cond:
            problems.append(what)

    need(log.get("version") == "2.1.0", "version must be 2.1.0")
    need(isinstance(log.get("$schema"), str), "$schema should name the 2.1.0 schema")
    runs = log.get("runs")
    need(isinstance(runs, list) and len(runs) == 1, "one run")
    for run in runs or []:
        driver = run.get("tool", {}).get("driver", {})
        need(isinstance(driver.get("name"), str) and driver["name"], "tool.driver.name is required")
        need(run.get("columnKind") in {"utf16CodeUnits", "unicodeCodePoints"}, "columnKind")
        rules = driver.get("rules", [])
        ids = [r.get("id") for r in rules]
        need(len(ids) == len(set(ids)), "rule ids are unique")
        for r in rules:
            need(isinstance(r.get("id"), str), "reportingDescriptor.id is required")
            for key in ("shortDescription", "fullDescription", "help"):
                need(isinstance(r.get(key, {}).get("text"), str) and r[key]["text"].strip(), f"{r.get('id')}: {key}")
            need(r.get("defaultConfiguration", {}).get("level") in LEVELS, f"{r.get('id')}: default level")
        need(isinstance(run.get("results"), list), "run.results")
        for res in run.get("results", []):
            need(isinstance(res.get("ruleId"), str), "result.ruleId")
            if "ruleIndex" in res:
                need(
                    0 <= res["ruleIndex"] < len(rules) and rules[res["ruleIndex"]]["id"] == res["ruleId"],
                    f"ruleIndex of {res.get('ruleId')}",
                )
            need(res.get("level") in LEVELS, "result.level")
            need(isinstance(res.get("message", {}).get("text"), str) and res["message"]["text"], "message.text")
            locations = res.get("locations")
            need(isinstance(locations, list) and len(locations) == 1, "one location per result")
            for loc in locations or []:
                phys = loc.get("physicalLocation", {})
                need(isinstance(phys.get("artifactLocation", {}).get("uri"), str), "artifactLocation.uri")
                region = phys.get("region", {})
                need("startLine" in region or "charOffset" in region, "a region has a start")
                for key, minimum in REGION_MIN.items():
                    if key in region:
                        need(isinstance(region[key], int) and region[key] >= minimum, f"region.{key} >= {minimum}")
                if "endLine" in region:
                    need(region["endLine"] >= region["startLine"], "endLine >= startLine")
                    if region["endLine"] == region["startLine"]:
                        need(region["endColumn"] >= region["startColumn"], "endColumn >= startColumn")
    return problems


def region_text(text: str, region: dict[str, int]) -> str:
    """The text a region covers by its line and column numbers (code points, end exclusive)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[region["startLine"] - 1] + region["startColumn"] - 1
    end = starts[region["endLine"] - 1] + region["endColumn"] - 1
    return text[start:end]


def test_log_is_valid_sarif(render, results, rules):
    log = json.loads(render("sarif", results))
    assert check_sarif(log) == []
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == [r.id for r in rules]


def test_checker_catches_broken_logs(render, results):
    log = json.loads(render("sarif", results))
    result = log["runs"][0]["results"][1]
    result["level"] = "warn"
    result["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    del log["runs"][0]["tool"]["driver"]["rules"][0]["help"]
    assert len(check_sarif(log)) == 3


def test_one_result_per_finding_with_level(render, results):
    run = json.loads(render("sarif", results))["runs"][0]
    findings = [(r.path, f) for r in results for f in r.findings]
    assert len(run["results"]) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for res, (_, f) in zip(run["results"], findings, strict=True):
        assert res["ruleId"] == f.rule
        assert res["level"] == levels[str(f.severity)]
        assert res["message"]["text"].startswith(f.message)


def test_regions_point_at_the_reported_text(render, results, texts):
    run = json.loads(render("sarif", results))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    checked = 0
    for res in run["results"]:
        loc = res["locations"][0]["physicalLocation"]
        text = texts[unquote(loc["artifactLocation"]["uri"])]
        region = loc["region"]
        if "charOffset" not in region:
            assert region == {"startLine": 1}  # the whole-file finding
            continue
        by_offset = text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        assert region_text(text, region) == by_offset == region["snippet"]["text"]
        checked += 1
    assert checked == sum(len(r.findings) for r in results) - 1


def test_multi_line_and_astral_positions(render, results):
    run = json.loads(render("sarif", results))["runs"][0]
    regions = {
        res["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]: res["locations"][0]["physicalLocation"][
            "region"
        ]
        for res in run["results"]
        if "snippet" in res["locations"][0]["physicalLocation"]["region"]
    }
    assert regions["cut\r\noff"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 4,
        "endColumn": 4,
        "charOffset": 66,
        "charLength": 8,
        "snippet": {"text": "cut\r\noff"},
    }
    # "Fans 😀 cheered": the emoji is one code point, so the column after it is 7.
    assert regions["😀"]["startColumn"] == 6 and regions["😀"]["endColumn"] == 7


def test_rules_carry_help_with_examples(render, results):
    rules = json.loads(render("sarif", results))["runs"][0]["tool"]["driver"]["rules"]
    quick = next(r for r in rules if r["id"] == "ZZ101")
    assert quick["shortDescription"]["text"] == "Quick brown"
    assert quick["fullDescription"]["text"] == "Typists' pangram words. They mean nothing here."
    assert "The »quick brown« fox." in quick["help"]["text"]
    assert "A slow fox." in quick["help"]["markdown"]
    assert "Use instead: `swift auburn`" in quick["help"]["markdown"]
    assert quick["defaultConfiguration"]["level"] == "warning"


def test_uris_and_skipped_files(render, results):
    log = json.loads(render("sarif", results))
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in log["runs"][0]["results"]}
    assert "articles/emoji%20%F0%9F%98%80.txt" in uris
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "skipped: not text (binary data)"


def test_empty_run_is_valid(render, rules):
    log = json.loads(render("sarif", []))
    assert check_sarif(log) == [] and log["runs"][0]["results"] == []
