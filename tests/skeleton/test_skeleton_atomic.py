"""Atomic builds: a changed source fails the build and leaves the served build alone; a build
killed at any moment leaves `current` intact and the next build succeeds."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from migkg.build.dirs import KILL_ENV, current_build
from migkg.settings import Settings
from migkg.sources.inputs import build_id
from tests.helpers import MIGKG, free_port, run_cli

NAMED_MOMENTS = (
    "before-serialise",
    "before-store",
    "before-marker",
    "before-rename",
    "before-switch",
    "after-switch",
)


def _health(port: int) -> tuple[str, dict[str, object]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
        return r.headers["X-Build-Id"], json.loads(r.read())


def _wait_for(port: int, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            _health(port)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


@contextlib.contextmanager
def _built_and_served(
    data: Path, env: dict[str, str]
) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """Build the mini project, then run `migkg serve` on it until the block ends."""
    assert run_cli("build", "--data-dir", str(data), env=env).returncode == 0
    port = free_port()
    proc = subprocess.Popen(
        [*MIGKG, "serve", "--data-dir", str(data), "--port", str(port)],
        env={**os.environ, **env},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(port, proc)
        yield port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_changed_source_fails_the_build_and_serve_keeps_its_build(
    mini_project: Path, tmp_path: Path
) -> None:
    env = {"MIGKG_PROJECT_DIR": str(mini_project)}
    data = tmp_path / "data"
    with _built_and_served(data, env) as (port, _proc):
        build_before, health_before = _health(port)
        with (mini_project / "sources" / "mini.txt").open("a", encoding="utf-8") as fh:
            fh.write("\nAn added line.\n")
        result = run_cli("build", "--data-dir", str(data), env=env)
        assert result.returncode != 0
        assert "source file changed: mini.txt" in result.stderr
        assert "Traceback" not in result.stderr
        build_after, health_after = _health(port)
        assert build_after == build_before
        assert isinstance(health_before["quads"], int) and health_before["quads"] > 0
        assert health_after["quads"] == health_before["quads"]


@pytest.mark.slow
def test_serve_picks_up_a_new_build_on_sighup(mini_project: Path, tmp_path: Path) -> None:
    env = {"MIGKG_PROJECT_DIR": str(mini_project)}
    data = tmp_path / "data"
    with _built_and_served(data, env) as (port, proc):
        first, _ = _health(port)
        rebuilt = run_cli(
            "build", "--data-dir", str(data), "--base-iri", "https://example.org/kg/", env=env
        )
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert _health(port)[0] == first  # still the build it opened
        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while _health(port)[0] == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _health(port)[0] == current_build(Settings(data, mini_project)).id != first


def _build_process(
    data: Path, project: Path, base: str, kill_at: str | None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MIGKG_PROJECT_DIR": str(project)}
    if kill_at:
        env[KILL_ENV] = kill_at
    return subprocess.Popen(
        [*MIGKG, "build", "--data-dir", str(data), "--base-iri", base],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_sigkill_at_twenty_moments_leaves_current_intact(
    mini_project: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    settings = Settings(data, mini_project)
    t0 = time.monotonic()
    assert _build_process(data, mini_project, "https://example.org/k0/", None).wait() == 0
    duration = time.monotonic() - t0
    good = current_build(settings).id
    rng = random.Random(20261123)
    moments: list[str | float] = list(NAMED_MOMENTS)
    moments += [rng.uniform(0.05, duration) for _ in range(20 - len(moments))]
    for i, moment in enumerate(moments, start=1):
        base = f"https://example.org/k{i}/"
        if isinstance(moment, str):
            proc = _build_process(data, mini_project, base, moment)
            proc.wait(timeout=120)
        else:
            proc = _build_process(data, mini_project, base, None)
            time.sleep(moment)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=120)
        # `current` is always a complete build (current_build checks the marker and files):
        # the old one, or the new one once the switch happened
        new_id, _ = build_id(mini_project, base)
        now = current_build(settings).id
        if moment == "after-switch":
            assert now == new_id
        elif isinstance(moment, str):
            assert now == good
        else:
            assert now in (good, new_id)
        # and the next build succeeds
        follow = _build_process(data, mini_project, base, None)
        assert follow.wait(timeout=120) == 0, f"build after kill at {moment!r} failed"
        good = current_build(settings).id
    leftovers = [p.name for p in (data / "builds").iterdir() if ".tmp-" in p.name]
    assert leftovers == []
