"""Build directories: each build in builds/{id}/, `current` switched atomically, a lock.

A build is complete only when its COMPLETE marker (with checksums of every artefact) is
written; `current` is a symlink replaced with os.replace, so a reader sees the old build or the
new one, never half of one. A build killed at any moment leaves a `*.tmp-*` folder that the
next build removes under the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from migkg.settings import MigkgError, Settings
from migkg.sources.manifest import sha256_file

MARKER = "COMPLETE"
KILL_ENV = "MIGKG_TEST_KILL_AT"


def checkpoint(name: str) -> None:
    """Fault injection for the crash tests: SIGKILL this process at a named moment.

    The crash-safety claim is only worth what a test shows, and random timings alone rarely
    land between two renames; MIGKG_TEST_KILL_AT names the moment.
    """
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class Build:
    id: str
    path: Path

    @property
    def nquads(self) -> Path:
        return self.path / "graph.nq"

    @property
    def report(self) -> Path:
        return self.path / "report.json"

    def marker(self) -> dict[str, object]:
        return json.loads((self.path / MARKER).read_text(encoding="utf-8"))


@contextlib.contextmanager
def build_lock(settings: Settings) -> Iterator[None]:
    """Exclusive lock on the data dir; released by the kernel if the process dies."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / "build.lock"
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MigkgError(f"another build is running in {settings.data_dir}") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def clean_stale(settings: Settings) -> list[str]:
    """Remove leftovers of killed builds (call under the lock)."""
    removed = []
    if settings.builds_dir.is_dir():
        for child in sorted(settings.builds_dir.iterdir()):
            if ".tmp-" in child.name:
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child.name)
    for child in sorted(settings.data_dir.glob("current.new-*")):
        child.unlink(missing_ok=True)
        removed.append(child.name)
    return removed


def staging_dir(settings: Settings, build_id: str) -> Path:
    settings.builds_dir.mkdir(parents=True, exist_ok=True)
    path = settings.builds_dir / f"{build_id}.tmp-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def artefact_checksums(path: Path) -> dict[str, dict[str, object]]:
    """sha256 and size of every regular file except the store's own files."""
    out: dict[str, dict[str, object]] = {}
    for f in sorted(path.rglob("*")):
        rel = f.relative_to(path).as_posix()
        if f.is_file() and rel != MARKER and not rel.startswith("store/"):
            out[rel] = {"sha256": sha256_file(f), "size": f.stat().st_size}
    return out


def complete(staging: Path, settings: Settings, build_id: str) -> Build:
    """Write the marker, then move the staging dir into place (both fsynced)."""
    marker = {"buildId": build_id, "files": artefact_checksums(staging)}
    tmp = staging / f"{MARKER}.tmp"
    tmp.write_text(json.dumps(marker, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    checkpoint("before-marker")
    os.replace(tmp, staging / MARKER)
    _fsync_dir(staging)
    final = settings.builds_dir / build_id
    if (final / MARKER).is_file():
        # A forced rebuild of the same inputs: the existing build may be current, so it is never
        # removed; determinism means the new one must be identical, which is checked instead.
        old = Build(build_id, final).marker()["files"]
        if old.get("graph.nq") != marker["files"].get("graph.nq"):  # type: ignore[union-attr]
            shutil.rmtree(staging, ignore_errors=True)
            raise MigkgError(
                f"build {build_id} rebuilt from the same inputs differs from the existing one "
                "(non-deterministic output); the existing build is kept"
            )
        shutil.rmtree(staging, ignore_errors=True)
        return Build(build_id, final)
    if final.exists():  # a folder without a marker is a leftover, never current
        shutil.rmtree(final)
    checkpoint("before-rename")
    os.replace(staging, final)
    _fsync_dir(settings.builds_dir)
    return Build(build_id, final)


def switch_current(settings: Settings, build: Build) -> None:
    """Point `current` at a complete build with one atomic rename."""
    check_complete(build)
    tmp = settings.data_dir / f"current.new-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(build.path, settings.data_dir), tmp)
    checkpoint("before-switch")
    os.replace(tmp, settings.current_link)
    checkpoint("after-switch")
    _fsync_dir(settings.data_dir)


def check_complete(build: Build, deep: bool = False) -> None:
    """Refuse a build whose marker is missing or whose artefacts do not match it."""
    if not (build.path / MARKER).is_file():
        raise MigkgError(f"build {build.id} is incomplete (no {MARKER} marker)")
    try:
        files = build.marker()["files"]
    except (ValueError, KeyError) as err:
        raise MigkgError(f"build {build.id}: unreadable {MARKER} marker") from err
    for rel, info in files.items():  # type: ignore[union-attr]
        f = build.path / rel
        if not f.is_file() or f.stat().st_size != info["size"]:
            raise MigkgError(f"build {build.id} is incomplete: {rel} missing or truncated")
        if deep and sha256_file(f) != info["sha256"]:
            raise MigkgError(f"build {build.id}: {rel} does not match its checksum")
    if not (build.path / "store").is_dir():
        raise MigkgError(f"build {build.id} is incomplete: no store")


def find_build(settings: Settings, build_id: str) -> Build | None:
    path = settings.builds_dir / build_id
    if (path / MARKER).is_file():
        return Build(build_id, path)
    return None


def current_build(settings: Settings) -> Build:
    """The build `current` points at, checked; a clear error when there is none."""
    link = settings.current_link
    if not link.exists():
        raise MigkgError(f"no build in {settings.data_dir}; run `migkg build` first")
    target = link.resolve()
    build = Build(target.name, target)
    check_complete(build)
    return build
