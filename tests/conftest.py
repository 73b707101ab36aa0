"""Shared fixtures: the project root, a real build of the corpus, small project copies."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from migkg.settings import Settings
from tests.helpers import ROOT, built_corpus, copy_project


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Two tiers (docs/ci.md): a test that needs the real corpus's build (the `real_build`
    fixture, directly or through another fixture) or whole processes (`slow`) is in the `corpus`
    tier; `pytest -m "not corpus"` runs the fast tier while editing."""
    for item in items:
        if "real_build" in getattr(item, "fixturenames", ()) or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.corpus)


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def real_build() -> Settings:
    """One build of the real corpus per test process (per xdist worker), shared by all suites."""
    return built_corpus()


@pytest.fixture
def mini_project(tmp_path: Path) -> Iterator[Path]:
    """A project with one small plain document: builds in about a second."""
    project = tmp_path / "project"
    copy_project(project, with_graphs=False)
    sources = project / "sources"
    for f in sources.iterdir():
        f.unlink()
    data = Path(__file__).parent / "skeleton" / "data"
    shutil.copy(data / "mini.txt", sources / "mini.txt")
    import hashlib

    digest = hashlib.sha256((sources / "mini.txt").read_bytes()).hexdigest()
    manifest = (data / "mini-manifest.toml").read_text(encoding="utf-8")
    (sources / "manifest.toml").write_text(manifest.replace("@SHA@", digest), encoding="utf-8")
    yield project
