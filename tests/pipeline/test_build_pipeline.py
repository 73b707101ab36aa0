"""After graph.nq: the views stage in a forked child, validation and the store in the parent.
A failed validation fails the build, ends the child and leaves the last good build current."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migkg.build.dirs import current_build
from migkg.build.forked import ForkedCall
from migkg.settings import MigkgError, Settings
from tests.helpers import ROOT, run_cli


def _fail(message: str) -> None:
    raise MigkgError(message)


def test_forked_call_returns_the_value_and_raises_the_error() -> None:
    assert ForkedCall(sum, [1, 2, 3]).result() == 6
    with pytest.raises(MigkgError, match="from the child"):
        ForkedCall(_fail, "from the child").result()


def test_forked_call_is_killed() -> None:
    call = ForkedCall(time.sleep, 600)
    call.kill()
    with pytest.raises(MigkgError, match="died in a child process"):
        call.result()


def test_the_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A build killed by SIGKILL must not leave the views child writing into its folder."""
    pid_file = tmp_path / "child.pid"
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from migkg.build.forked import ForkedCall\n"
        "def child(path):\n"
        "    Path(path).write_text(str(os.getpid()))\n"
        "    time.sleep(600)\n"
        f"call = ForkedCall(child, {str(pid_file)!r})\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline, "the child never started"
            time.sleep(0.1)
        child = int(pid_file.read_text())
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 60
    while _alive(child):
        assert time.monotonic() < deadline, "the child outlived its parent"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
    except OSError:
        return os.path.exists(f"/proc/{pid}")


@pytest.mark.slow
def test_failed_validation_fails_the_build_and_keeps_current(
    mini_project: Path, tmp_path: Path
) -> None:
    env = {"MIGKG_PROJECT_DIR": str(mini_project)}
    data = tmp_path / "data"
    assert run_cli("build", "--data-dir", str(data), env=env).returncode == 0
    good = current_build(Settings(data, mini_project)).id
    (mini_project / "queries" / "checks" / "always-fails.rq").write_text(
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8"
    )
    result = run_cli("build", "--data-dir", str(data), env=env)
    assert result.returncode != 0
    assert "build failed validation" in result.stderr
    assert "check always-fails: 1 rows" in result.stderr
    assert "Traceback" not in result.stderr
    assert current_build(Settings(data, mini_project)).id == good
    assert [p.name for p in (data / "builds").iterdir()] == [good]
