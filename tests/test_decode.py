from __future__ import annotations

import codecs

import pytest

from auditor.decode import NotText, decode


def test_utf8_with_and_without_bom() -> None:
    assert decode("naïve".encode()).encoding == "utf-8"
    with_bom = decode(codecs.BOM_UTF8 + "naïve".encode())
    assert with_bom.text == "naïve" and with_bom.encoding == "utf-8" and with_bom.bom


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str) -> None:
    text = "Kyiv said on Monday that talks would resume in Geneva."
    got = decode(text.encode(codec))
    assert got.text.lstrip("\ufeff") == text
    assert got.encoding.startswith("utf-16")


def test_cp1252_is_detected_and_decoded() -> None:
    text = "The minister’s “reform” was passed — café owners in Bogotá cheered. " * 5
    got = decode(text.encode("cp1252"))
    assert got.text == text
    assert not got.is_utf8


def test_binary_data_is_not_text() -> None:
    with pytest.raises(NotText, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_a_stray_latin1_byte_in_ascii_text_is_read_as_cp1252() -> None:
    data = b"Shares rose 3% to \xa315.8m on Monday, the company said. " * 3
    got = decode(data)
    assert got.encoding == "cp1252" and "\u00a315.8m" in got.text


def test_cyrillic_cp1251_is_left_to_detection() -> None:
    text = "Президент России заявил, что переговоры продолжатся на следующей неделе в Женеве. " * 4
    got = decode(text.encode("cp1251"))
    assert got.text == text
