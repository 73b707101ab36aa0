"""Helpers the test modules share (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

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
