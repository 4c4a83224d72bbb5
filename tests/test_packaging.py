"""The wheel holds every package: setup.py finds them, so a new sub-package cannot be left out."""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parent.parent


def test_every_folder_of_python_modules_is_a_package_that_is_found() -> None:
    found = set(find_packages(str(ROOT), include=["auditor", "auditor.*"]))
    folders = {p.parent for p in (ROOT / "auditor").rglob("*.py") if "__pycache__" not in p.parts}
    expected = {".".join(f.relative_to(ROOT).parts) for f in folders}
    assert expected <= found, f"folders without __init__.py or not found: {sorted(expected - found)}"
    assert {"auditor.kinds", "auditor.detectors", "auditor.reporters"} <= found
