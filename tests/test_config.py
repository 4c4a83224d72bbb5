from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import Config, load_config
from auditor.errors import ConfigError
from auditor.model import Severity


def test_ruff_style_selection_longest_prefix_wins() -> None:
    config = Config(select=("ALL",), ignore=("TR",), extend_select=("TR104",))
    assert config.enabled("BP101")
    assert not config.enabled("TR101")
    assert config.enabled("TR104")
    assert not Config(select=("BP",)).enabled("EX102")
    assert not Config(select=("BP101",), ignore=("BP101",)).enabled("BP101")


def test_severity_override_by_prefix() -> None:
    config = Config(severity={"BP": Severity.INFO, "BP101": Severity.ERROR})
    assert config.severity_for("BP102", Severity.WARNING) is Severity.INFO
    assert config.severity_for("BP101", Severity.WARNING) is Severity.ERROR
    assert config.severity_for("TR101", Severity.WARNING) is Severity.WARNING


def test_pyproject_section_found_from_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.auditor]\nignore = ["TR101"]\nfail-under = 70\nfail-on = "never"\nrules = ["my-rules"]\n'
        '[tool.auditor.severity]\nBP = "info"\n'
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    config = load_config(cwd=sub)
    assert config.ignore == ("TR101",)
    assert config.fail_under == 70 and config.fail_on is None
    assert config.rules == (tmp_path / "my-rules",)
    assert config.severity == {"BP": Severity.INFO}


def test_auditor_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.auditor]\nfail-under = 10\n")
    (tmp_path / "auditor.toml").write_text("fail-under = 90\n")
    assert load_config(cwd=tmp_path).fail_under == 90


def test_pyproject_without_section_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config(cwd=tmp_path).source is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("colour = 1\n", "unknown key"),
        ('fail-on = "fatal"\n', "unknown severity"),
        ("fail-under = 120\n", "fail-under"),
        ('select = "BP"\n', "list of text"),
        ("fail-under = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_an_error(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "auditor.toml").write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=tmp_path)
