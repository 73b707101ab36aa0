"""`migkg validate --engine`: both engines from the command line on a small real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.fixture
def built_mini(mini_project: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = {"MIGKG_PROJECT_DIR": str(mini_project)}
    data = tmp_path / "data"
    assert run_cli("build", "--data-dir", str(data), env=env).returncode == 0
    return data, env


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_with_either_engine(built_mini: tuple[Path, dict[str, str]], engine: str) -> None:
    data, env = built_mini
    result = run_cli("validate", "--engine", engine, "--data-dir", str(data), env=env)
    assert result.returncode == 0, result.stderr
    assert f"validating shapes ({engine})" in result.stderr
    assert "0 violations, 0 warnings, 0 failing checks" in result.stdout


def test_unknown_engine_is_a_usage_error(built_mini: tuple[Path, dict[str, str]]) -> None:
    data, env = built_mini
    result = run_cli("validate", "--engine", "jena", "--data-dir", str(data), env=env)
    assert result.returncode == 2
    assert "invalid choice: 'jena'" in result.stderr
