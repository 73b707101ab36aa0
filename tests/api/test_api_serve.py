"""`migkg serve` as a user runs it: the CLI in a subprocess, a SIGHUP reload, a clean stop.

Two complete builds of the fixture (the second with one more country) are laid out with
migkg/build/dirs.py; `current` points at the first, then at the second before the SIGHUP.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from migkg.build import dirs as builds
from migkg.settings import Settings, project_root
from migkg.store import build_store
from tests.api.api_support import DATA, free_port

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/migkg/ontology#Country> }"
EXTRA = (
    "<https://w3id.org/migkg/id/country/SEN> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/migkg/ontology#Country> "
    "<https://w3id.org/migkg/graph/reference/countries> .\n"
)


def complete_build(settings: Settings, build_id: str, nquads: bytes) -> builds.Build:
    staging = builds.staging_dir(settings, build_id)
    (staging / "graph.nq").write_bytes(nquads)
    build_store(staging / "graph.nq", staging / "store")
    return builds.complete(staging, settings, build_id)


def wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"migkg serve exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("migkg serve did not answer")


def count(base: str) -> tuple[str, str]:
    r = httpx.get(f"{base}/sparql", params={"query": COUNT, "format": "csv"}, timeout=10)
    return r.headers["x-build-id"], r.text


@pytest.mark.slow  # ~11 s: the CLI and two workers start in fresh interpreters
@pytest.mark.skipif(sys.platform == "win32", reason="SIGHUP")
def test_serve_reloads_on_sighup(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, project_dir=project_root())
    first = (DATA / "fixture.nq").read_bytes()
    builds.switch_current(settings, complete_build(settings, "b-one", first))
    port = free_port()
    migkg = shutil.which("migkg", path=str(Path(sys.executable).parent)) or "migkg"
    proc = subprocess.Popen(
        [migkg, "serve", "--data-dir", str(tmp_path), "--port", str(port), "--workers", "2"],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", proc)
        assert count(base) == ("b-one", "n\r\n3\r\n")
        workers = httpx.get(f"{base}/health").json()["workers"]["pids"]
        assert len(workers) == 2
        assert all(psutil.Process(p).ppid() == proc.pid for p in workers)

        builds.switch_current(settings, complete_build(settings, "b-two", first + EXTRA.encode()))
        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while count(base)[0] != "b-two" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert count(base) == ("b-two", "n\r\n4\r\n")  # the workers reopened the new build
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    text = err.decode()
    assert f"serving build b-one on http://127.0.0.1:{port}/" in text
    assert "migkg: serving build b-two" in text
    assert not any(psutil.pid_exists(p) and psutil.Process(p).status() != "zombie" for p in workers)
