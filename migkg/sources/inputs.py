"""The build's inputs and the build id that hashes them all (issue: deterministic builds)."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

INPUT_GLOBS = (
    "sources/manifest.toml",
    "sources/*.txt",
    "ontology/**/*.ttl",
    "graphs/**/*.ttl",
    "graphs/**/*.yaml",
    "shapes/**/*.ttl",
    "queries/checks/*.rq",
    "queries/reports/*.rq",
    "queries/reports/expected/*.csv",
    "queries/derive/*.rq",
    "migkg/**/*.py",
    "loaders/**/*.py",
)
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "pycountry", "edtf")


def input_files(project: Path) -> list[Path]:
    files: set[Path] = set()
    for pattern in INPUT_GLOBS:
        files.update(
            p for p in project.glob(pattern) if p.is_file() and "__pycache__" not in p.parts
        )
    return sorted(files, key=lambda p: p.relative_to(project).as_posix())


def build_id(project: Path, base_iri: str) -> tuple[str, dict[str, str]]:
    """A hash of every input (relative path + content), the base IRI and library versions."""
    h = hashlib.sha256()
    listing: dict[str, str] = {}
    for path in input_files(project):
        rel = path.relative_to(project).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        listing[rel] = digest
        h.update(f"{rel}\0{digest}\n".encode())
    h.update(f"base\0{base_iri}\n".encode())
    for lib in LIBRARIES:
        version = metadata.version(lib)
        listing[f"lib:{lib}"] = version
        h.update(f"lib\0{lib}\0{version}\n".encode())
    return h.hexdigest()[:16], listing
