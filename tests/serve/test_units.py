"""The pieces without a server: UTF-16 offsets, the one-pass fixer behind /v1/fix, settings as JSON."""

from __future__ import annotations

from auditor.config import Config
from auditor.model import Severity
from auditor.serve.fixes import fix_one_pass
from auditor.serve.offsets import ClientOffsets, utf16_length
from auditor.serve.settings import ServeSettings, config_from_json, config_to_json, is_loopback


def test_utf16_offsets_of_plain_and_annotated_text() -> None:
    assert utf16_length("a😀b") == 4 and utf16_length("café") == 4
    plain = ClientOffsets.plain("a😀b 𝔘x")
    assert [plain.to_client(i) for i in range(7)] == [0, 1, 3, 4, 5, 7, 8]
    marked = ClientOffsets.annotated([("<p>", ""), ("Hi 😀 x", None), ("<br/>", "\n"), ("yo", None)])
    assert marked.text == "Hi 😀 x\nyo"
    assert marked.to_client(0) == 3 and marked.to_client(4) == 8 and marked.to_client(7) == 15
    assert marked.to_client(6, end=True) == 10  # an end at a part boundary stays in the part before it


def test_the_one_pass_fixer_applies_safe_fixes_only_unless_asked() -> None:
    text = "Leave a Reply\nThe the minister met Joe BidenOn Tuesday.\n"
    safe = fix_one_pass(text)
    assert safe.text == "The minister met Joe BidenOn Tuesday.\n" and safe.passes == 1
    assert {f.rule for f in safe.applied} == {"BP101", "TR101"}
    assert "BidenOn" not in fix_one_pass(text, unsafe=True).text
    assert fix_one_pass(text, select=["TR"]).text == "Leave a Reply\nThe minister met Joe BidenOn Tuesday.\n"


def test_settings_and_configuration_survive_json() -> None:
    config = Config(select=("TR", "BP"), severity={"BP": Severity.INFO}, fail_on=None, language="en")
    assert config_from_json(config_to_json(config)) == config
    settings = ServeSettings(port=9, token="t", time_limit=2.5)
    assert ServeSettings.from_json(settings.to_json()) == settings
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
