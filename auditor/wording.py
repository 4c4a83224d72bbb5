"""Filling a rule's message and suggestion templates, and finding the placeholders left unfilled."""

from __future__ import annotations

import string
from collections.abc import Mapping

_FORMATTER = string.Formatter()


class _Format(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str | None, fields: Mapping[str, str]) -> str | None:
    """``str.format`` that leaves unknown ``{placeholders}`` as they are."""
    if template is None:
        return None
    try:
        return template.format_map(_Format(fields))
    except (ValueError, IndexError, AttributeError):  # a stray brace in a template: show it as written
        return template


def placeholders(template: str | None) -> set[str]:
    """The ``{names}`` a template refers to."""
    if not template:
        return set()
    try:
        return {name for _, name, _, _ in _FORMATTER.parse(template) if name}
    except ValueError:
        return set()


def unfilled(text: str | None) -> list[str]:
    """``{placeholders}`` still in a rendered message or suggestion."""
    return sorted(placeholders(text))
