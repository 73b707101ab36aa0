"""A small project to ingest into: the real ontology, shapes, queries and reference graphs (less
the curation of the real corpus), and one small document in sources/, so that a build takes
seconds, not the corpus's minute."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from migkg.build.dirs import current_build
from migkg.build.pipeline import run_build
from migkg.settings import Settings
from migkg.store import open_store
from tests.helpers import ROOT, copy_project

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Snapshot:
    """What a user of `migkg serve` sees, and what ingest must leave alone on error."""

    build_id: str
    quads: int
    manifest: bytes
    sources: tuple[str, ...]
    builds: tuple[str, ...]


def make_project(dest: Path) -> Settings:
    project = copy_project(dest / "project")
    # Curated corrections name passages of the real corpus, which this project does not hold.
    shutil.rmtree(project / "graphs" / "curation", ignore_errors=True)
    sources = project / "sources"
    for f in sources.iterdir():
        f.unlink()
    mini = ROOT / "tests" / "skeleton" / "data"
    shutil.copy(mini / "mini.txt", sources / "mini.txt")
    digest = hashlib.sha256((sources / "mini.txt").read_bytes()).hexdigest()
    manifest = (mini / "mini-manifest.toml").read_text(encoding="utf-8")
    (sources / "manifest.toml").write_text(manifest.replace("@SHA@", digest), encoding="utf-8")
    settings = Settings(data_dir=dest / "data", project_dir=project)
    run_build(settings, progress=lambda _m: None)
    return settings


def snapshot(settings: Settings) -> Snapshot:
    build = current_build(settings)
    store = open_store(build.path, build.id)
    try:
        quads = store.quad_count()
    finally:
        store.close()
    return Snapshot(
        build_id=build.id,
        quads=quads,
        manifest=(settings.sources_dir / "manifest.toml").read_bytes(),
        sources=tuple(sorted(p.name for p in settings.sources_dir.iterdir())),
        builds=tuple(sorted(p.name for p in settings.builds_dir.iterdir())),
    )
