"""The README's two commands stay true: CI runs the README's test command, verbatim."""

from __future__ import annotations

import re

from tests.helpers import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_readme_has_a_serve_command_and_a_test_command() -> None:
    serve, test = _readme_commands()
    assert "migkg serve" in serve and "pip install" in serve
    assert "pytest" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _serve, test = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_every_core_command_is_documented_in_the_readme() -> None:
    from migkg.cli import parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`{name}`" in readme, f"command {name} missing from the README"
