"""The build's inputs and the build id that hashes them all (issue: deterministic builds)."""

from __future__ import annotations

import hashlib
import importlib
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
)
# The code is hashed from where it is imported (the checkout, or site-packages for a wheel), under
# the checkout's names, so a wheel's build has the build id of the checkout it was made from.
CODE = {"migkg": "migkg", "loaders": "migkg.loaders"}
NOT_BUILD_CODE = {"api", "bench", "loaders", "project", "__pycache__"}
# the libraries a build runs on (pycountry is not one: only `migkg refdata` uses it)
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "edtf")


def input_files(project: Path) -> dict[str, Path]:
    """Every input by the name the build graph lists it under (its path in a checkout)."""
    files: dict[str, Path] = {}
    for pattern in INPUT_GLOBS:
        for p in project.glob(pattern):
            if p.is_file() and "__pycache__" not in p.parts:
                files[p.relative_to(project).as_posix()] = p
    for name, module in CODE.items():
        top = Path(importlib.import_module(module).__file__ or "").parent
        for p in top.rglob("*.py"):
            rel = p.relative_to(top)
            if not NOT_BUILD_CODE.intersection(rel.parts[:-1]):
                files[f"{name}/{rel.as_posix()}"] = p
    return dict(sorted(files.items()))


def build_id(project: Path, base_iri: str) -> tuple[str, dict[str, str]]:
    """A hash of every input (relative path + content), the base IRI and library versions."""
    h = hashlib.sha256()
    listing: dict[str, str] = {}
    for rel, path in input_files(project).items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        listing[rel] = digest
        h.update(f"{rel}\0{digest}\n".encode())
    h.update(f"base\0{base_iri}\n".encode())
    for lib in LIBRARIES:
        version = metadata.version(lib)
        listing[f"lib:{lib}"] = version
        h.update(f"lib\0{lib}\0{version}\n".encode())
    return h.hexdigest()[:16], listing
