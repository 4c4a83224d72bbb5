"""Detectors: rule logic that is more than a pattern.

A detector is a function ``(doc: Document, rule: Rule) -> Iterable[Hit]`` in a
module of this package; a rule names it as ``detector: module.function``.  It
reads the document's spans and the rule's ``options``; it does no I/O, keeps no
global state (beyond data loaded once and cached) and prints nothing.
"""
