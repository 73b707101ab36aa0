"""`migkg path` on the fixture build, through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli


def test_path_command_prints_the_path_and_its_evidence(fixture_build: Path) -> None:
    data_dir = str(fixture_build.parent.parent)
    r = run_cli("path", "Senegal", "Morocco", "--data-dir", data_dir)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[:6] == [
        "Senegal -> Morocco",
        "",
        "1. Senegal - Rabat Process - Morocco (2 hops)",
        "   Senegal is partner of Rabat Process [2006-07-11 .. ]",
        "      https://www.rabat-process.org/en/about/rabat-process/partners",
        '      fixture-public line 3: "co-chaired by Senegal"',
    ]


def test_path_command_json_limit_and_max_length(fixture_build: Path) -> None:
    data_dir = str(fixture_build.parent.parent)
    r = run_cli(
        "path", "SEN", "MAR", "--events", "--limit", "1", "--format", "json", "--data-dir", data_dir
    )
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["paths"]) == 1
    r = run_cli("path", "SEN", "LBY", "--max-length", "3", "--data-dir", data_dir)
    assert r.stdout == "Senegal -> Libya: no path of at most 3 hops\n"


def test_path_command_unknown_name_exits_2_with_suggestions(fixture_build: Path) -> None:
    r = run_cli("path", "Nigera", "Morocco", "--data-dir", str(fixture_build.parent.parent))
    assert r.returncode == 2
    assert "did you mean Nigeria, Niger?" in r.stderr
