"""Helpers the test modules share (fixtures live in conftest.py)."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from migkg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
MIGKG = [sys.executable, "-m", "migkg.cli"]


def copy_project(dest: Path, *, with_graphs: bool = True) -> Path:
    """A copy of the project's inputs (not its code) that a test may change freely."""
    for name in ("sources", "ontology", "shapes", "queries") + (("graphs",) if with_graphs else ()):
        src = ROOT / name
        if src.exists():
            shutil.copytree(src, dest / name)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*MIGKG, *args], capture_output=True, text=True, env=full_env, timeout=timeout, check=False
    )


_BUILT: list[Settings | BaseException] = []


def built_corpus() -> Settings:
    """One build of the real corpus per test process (minutes with the extractor and the
    checks), shared by tests/queries and tests/evalscore, removed at exit; a failed build is
    remembered too, so that every test reports it instead of building again."""
    from migkg.build.pipeline import run_build

    if not _BUILT:
        data_dir = Path(tempfile.mkdtemp(prefix="migkg-real-build-"))
        atexit.register(shutil.rmtree, data_dir, True)
        settings = Settings(data_dir=data_dir)
        try:
            run_build(settings, progress=lambda _m: None)
            _BUILT.append(settings)
        except Exception as err:  # the build's own error, re-raised for each test
            _BUILT.append(err)
    if isinstance(_BUILT[0], BaseException):
        raise _BUILT[0]
    return _BUILT[0]
