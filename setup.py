"""Package discovery only (everything else is in pyproject.toml).

Every ``auditor`` package is found automatically, so a new sub-package is never left
out of a wheel; the top-level ``rules/`` folder is installed as ``auditor_rules``.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["auditor", "auditor.*"]), "auditor_rules"],
    package_dir={"auditor_rules": "rules"},
)
