"""The layout's rules hold: the import-linter contracts of pyproject.toml, on the installed package.

`api/` and `loaders/` are installed as `migkg.api` and `migkg.loaders` (pyproject's
`package-dir`), which import-linter cannot see from the checkout, where they are separate
folders. So the test lays the package out as the wheel does, in a temporary folder, and runs
`lint-imports` there: the contracts are checked on exactly what a user imports.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers import ROOT

ROOMS = ("rdf", "sources", "extract", "build", "validate", "store", "views", "evaluation", "cli")
MAX_LINES = 600


def installed_layout(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "migkg", dest / "migkg", ignore=ignore)
    shutil.copytree(ROOT / "api", dest / "migkg" / "api", ignore=ignore)
    shutil.copytree(ROOT / "loaders", dest / "migkg" / "loaders", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_import_contracts_are_kept(tmp_path: Path) -> None:
    layout = installed_layout(tmp_path)
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=layout,
        env={"PYTHONPATH": str(layout), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_every_room_is_a_package_the_wheel_lists() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        "migkg." + ".".join(p.parent.relative_to(ROOT / "migkg").parts)
        for p in (ROOT / "migkg").rglob("__init__.py")
        if p.parent != ROOT / "migkg"
    }
    assert {f"migkg.{room}" for room in ROOMS} <= on_disk
    missing = sorted(on_disk - listed)
    assert not missing, f"packages on disk that pyproject.toml does not list: {missing}"


def test_no_module_over_600_lines() -> None:
    big = {}
    for folder in ("migkg", "api", "loaders"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > MAX_LINES:
                big[str(path.relative_to(ROOT))] = n
    assert not big, f"modules over {MAX_LINES} lines: {big}"


def test_no_flat_module_left_outside_the_rooms() -> None:
    top = sorted(p.stem for p in (ROOT / "migkg").glob("*.py"))
    assert top == ["__init__", "iris", "settings", "text"], top
