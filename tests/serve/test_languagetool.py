"""LanguageTool's API: /v2/check and /v2/languages, by hand and through language_tool_python."""

from __future__ import annotations

import json

import pytest
from serving import SEEDS, Server


def check(server: Server, **fields: str) -> dict:  # type: ignore[type-arg]
    with server.client() as client:
        answer = client.post("/v2/check", data=fields)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_the_response_has_languagetools_shape(server: Server) -> None:
    out = check(server, text="The the minister said so.", language="en-US")
    assert {"software", "language", "matches"} <= set(out)
    assert out["language"]["code"] == "en-US" and out["language"]["detectedLanguage"]["code"]
    (m,) = [m for m in out["matches"] if m["rule"]["id"] == "TR101"]
    assert (m["offset"], m["length"]) == (0, 7) and m["replacements"] == [{"value": "The"}]
    assert m["message"] and m["shortMessage"] == "doubled word"
    assert m["context"] == {"text": "The the minister said so.", "offset": 0, "length": 7}
    assert m["rule"]["issueType"] == "duplication" and m["rule"]["description"]
    assert m["rule"]["category"] == {"id": "TRANSLATION", "name": "Translation"}


def test_offsets_count_utf16_code_units_after_characters_outside_the_bmp(server: Server) -> None:
    text = "Fans 😀😀 cheered. The the team won."
    out = check(server, text=text, language="en-US")
    (m,) = [m for m in out["matches"] if m["rule"]["id"] == "TR101"]
    start = text.index("The the")
    assert m["offset"] == start + 2  # two emoji: one code point each, two UTF-16 units each
    assert m["length"] == 7
    as_utf16 = text.encode("utf-16-le")
    assert as_utf16[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le") == "The the"


def test_a_replacement_covers_the_fixs_whole_edit(server: Server) -> None:
    text = "Intro.\nLeave a Reply\nMore text here."
    out = check(server, text=text, language="auto")
    (m,) = [m for m in out["matches"] if m["rule"]["id"] == "BP101"]
    fixed = text[: m["offset"]] + m["replacements"][0]["value"] + text[m["offset"] + m["length"] :]
    assert fixed == "Intro.\nMore text here."


def test_data_annotation_markup_counts_in_offsets_but_is_not_audited(server: Server) -> None:
    data = {
        "annotation": [
            {"markup": "<p>"},
            {"text": "The the cat "},
            {"markup": "<b>the the</b>"},
            {"markup": "<br/>", "interpretAs": "\n\n"},
            {"text": "sat."},
        ]
    }
    out = check(server, data=json.dumps(data), language="en-US")
    doubled = [m for m in out["matches"] if m["rule"]["id"] == "TR101"]
    assert [(m["offset"], m["length"]) for m in doubled] == [(3, 7)]


def test_enabled_and_disabled_rules_and_unknown_languagetool_ids(server: Server) -> None:
    text = "The the minister said so.\n\nLeave a Reply\n"
    only = check(server, text=text, language="en-US", enabledRules="TR101,WHITESPACE_RULE", enabledOnly="true")
    assert {m["rule"]["id"] for m in only["matches"]} == {"TR101"}
    without = check(server, text=text, language="en-US", disabledRules="TR101,MORFOLOGIK_RULE_EN_US")
    assert "TR101" not in {m["rule"]["id"] for m in without["matches"]}
    no_bp = check(server, text=text, language="en-US", disabledCategories="BOILERPLATE")
    assert not any(m["rule"]["category"]["id"] == "BOILERPLATE" for m in no_bp["matches"])
    get = server.client().get("/v2/check", params={"text": "The the end.", "language": "en-US"})
    assert get.status_code == 200 and get.json()["matches"]


def test_errors_are_plain_text_like_languagetools(server: Server) -> None:
    with server.client() as client:
        missing = client.post("/v2/check", data={"language": "en-US"})
        both = client.post("/v2/check", data={"text": "a", "data": "{}", "language": "en-US"})
        bad = client.post("/v2/check", data={"data": "[1]", "language": "en-US"})
    assert missing.status_code == 400 and missing.text.startswith("Error: Missing 'text' or 'data'")
    assert both.status_code == 400 and bad.status_code == 400


def test_languages(server: Server) -> None:
    languages = server.client().get("/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages


def test_language_tool_python_in_remote_mode_gets_auditors_matches(server: Server) -> None:
    ltp = pytest.importorskip("language_tool_python", reason="language_tool_python is not installed")
    text = SEEDS[4].read_text(encoding="utf-8")
    direct = check(server, text=text, language="en-US")
    tool = ltp.LanguageTool("en-US", remote_server=server.url)  # remote: nothing is downloaded or started
    try:
        matches = tool.check(text)
    finally:
        tool.close()
    assert matches and {m.rule_id for m in matches} == {m["rule"]["id"] for m in direct["matches"]}
    glued = next(m for m in matches if m.matched_text == "BidenOn")
    assert glued.rule_id == "EX101" and glued.category == "EXTRACTION"
    emoji = "Crowds 🎉 cheered. The the president spoke."
    tool = ltp.LanguageTool("en-US", remote_server=server.url)
    try:
        (m,) = [m for m in tool.check(emoji) if m.rule_id == "TR101"]
    finally:
        tool.close()
    # The client converts the offset back to code points; it leaves the context's offset in UTF-16 units, as
    # it does with LanguageTool's own answers, so its matched_text is one off here, as it is there.
    assert m.offset == emoji.index("The the") and emoji[m.offset : m.offset + m.error_length] == "The the"
