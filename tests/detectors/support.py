"""What the detector tests share: every loaded rule by id, and the spans a rule reports in a text."""

from __future__ import annotations

from auditor.document import Document
from auditor.loader import load_rules
from auditor.model import Hit

RULES = {rule.id: rule for rule in load_rules()}


def hits(rule_id: str, text: str, **document: object) -> list[Hit]:
    """The located hits of ``rule_id`` in ``text`` (file-level hits left out)."""
    return [h for h in RULES[rule_id].find(Document(text, **document)) if h.start is not None]  # type: ignore[arg-type]


def found(rule_id: str, text: str, **document: object) -> list[str]:
    """The text of every span ``rule_id`` reports in ``text``."""
    return [text[h.start : h.end] for h in hits(rule_id, text, **document)]  # type: ignore[index]
