"""Installable for real: a wheel, installed alone in a fresh venv, builds and serves elsewhere.

The wheel carries the code (migkg, migkg.api, migkg.loaders, migkg.bench) and the project's
inputs (migkg/project/: sources, ontology, shapes, graphs, queries). The test runs everything
from a folder outside the checkout with MIGKG_PROJECT_DIR unset, so nothing can come from the
checkout by accident; the venv gets the wheel's declared dependencies only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.api.test_api_serve import wait_for
from tests.helpers import ROOT, free_port


def run(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{argv}: {done.stdout[-2000:]}{done.stderr[-3000:]}"
    return done.stdout + done.stderr


@pytest.mark.slow  # a wheel, a venv with its dependencies, a build and a serve: about 90 s
def test_wheel_builds_and_serves_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MIGKG_", "PYTHON"))}
    wheels, venv, elsewhere = tmp_path / "wheels", tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    # the wheel is built from a copy, so the checkout's build/ and egg-info are not touched
    src = tmp_path / "src"
    files = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
        check=True, capture_output=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for rel in filter(None, files):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_bytes((ROOT / rel).read_bytes())
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "-q", "--no-deps", "-w", str(wheels), str(src)], tmp_path, env)
    (wheel,) = wheels.glob("migkg-*.whl")
    run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], tmp_path, env)

    migkg = str(venv / "bin" / "migkg")
    data = elsewhere / "data"
    out = run([migkg, "build", "--data-dir", str(data)], elsewhere, env)
    assert "0 violations" in out, out
    assert (data / "current").exists()
    listed = run([str(venv / "bin" / "pip"), "list", "--format=freeze"], tmp_path, env)
    for dev_only in ("pytest", "pycountry", "SPARQLWrapper", "rdflib-endpoint"):
        assert f"{dev_only.lower()}==" not in listed.lower(), f"{dev_only} installed at runtime"

    port = free_port()
    proc = subprocess.Popen(
        [migkg, "serve", "--data-dir", str(data), "--port", str(port)],
        cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/health", proc, seconds=120)
        r = httpx.get(f"{base}/queries/process-members", params={"format": "csv"}, timeout=30)
        assert r.status_code == 200, r.text
        assert "Rabat Process" in r.text or "rabat-process" in r.text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a loaded machine: the answers above are the test
            proc.kill()
            proc.wait(timeout=30)
