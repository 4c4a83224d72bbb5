"""Bytes to text: UTF-8 first, a detected encoding when that fails, never a traceback."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are not text auditor can read (binary data, or no encoding fits)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    """The codec name used: ``utf-8`` for the normal case."""
    bom: bool = False

    @property
    def is_utf8(self) -> bool:
        return self.encoding in ("utf-8", "utf-8-sig", "ascii")


#: A surrogate pair written as two code points (a high then a low surrogate), or one surrogate alone.
_SURROGATES = regex.compile(r"[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")


def repair_surrogates(text: str) -> tuple[str, int]:
    """``text`` without surrogate code points, and how many lone surrogates were replaced.

    A Python string can hold surrogates that no UTF-8 writer accepts: a JSON
    escape such as ``"\\ud800"`` with no partner, a file name read with
    ``surrogateescape``.  A high surrogate followed by a low one is joined into
    the character the pair stands for (the text gets one code point shorter);
    every other surrogate becomes U+FFFD, which the encoding rules report as a
    character the decoder could not read.  Call it at the input edge, before a
    ``Document`` is built, so offsets refer to the repaired text.
    """
    try:
        text.encode("utf-8")  # a C-speed test: only a surrogate makes it fail (6 us for 7 KB, a scan 240 us)
        return text, 0
    except UnicodeEncodeError:
        pass
    lone = 0

    def fix(match: regex.Match[str]) -> str:
        nonlocal lone
        pair = match.group()
        if len(pair) == 2:
            return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + (ord(pair[1]) - 0xDC00))
        lone += 1
        return "\ufffd"

    return _SURROGATES.sub(fix, text), lone


def decode(data: bytes) -> Decoded:
    """Decode ``data``: a BOM decides, then strict UTF-8, then charset-normalizer.

    Raises ``NotText`` for binary data (NUL bytes outside UTF-16/32) or bytes
    that no encoding explains.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), "utf-8" if codec == "utf-8-sig" else codec, bom=True)
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {codec} byte order mark but does not decode: {exc.reason}") from None
    if b"\x00" in data[:8192]:
        utf16 = _try_bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise NotText("binary file (contains NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _try_bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: every other byte NUL in ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                return None
    return None


#: Below this share of bytes >= 0x80, a file that is not UTF-8 is taken as Windows-1252.
CP1252_MAX_HIGH_SHARE = 0.05


def _detect(data: bytes) -> Decoded:
    """A mostly-ASCII file with a few stray high bytes is Windows-1252 (its "£", "é", curly quotes).

    Statistical detectors guess badly from a handful of bytes (one "£" read as
    cp932 gives "｣"); with many high bytes (Cyrillic, Greek, CJK) they are right
    more often than any fixed choice, so charset-normalizer decides those.
    """
    high = sum(1 for b in data if b >= 0x80)
    if high <= CP1252_MAX_HIGH_SHARE * len(data):
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass  # one of the five bytes cp1252 leaves undefined: not Windows-1252
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise NotText("not text in any known encoding")
    codec = best.encoding
    try:
        return Decoded(data.decode(codec), codec.replace("_", "-"))
    except (UnicodeDecodeError, LookupError):
        # The sample decoded but the whole file does not: keep every byte readable.
        return Decoded(data.decode(codec, errors="replace"), codec.replace("_", "-"))
