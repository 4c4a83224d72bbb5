"""The built-in rule packs (YAML) and their data, installed as the ``auditor_rules`` package."""
