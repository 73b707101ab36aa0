"""Where the project's inputs and outputs live (docs/decisions/0008-layout.md).

Inputs (sources, ontology, shapes, reference graphs, queries) belong to the checkout; outputs
(builds) go to the data dir. Everything is resolved once, here, and passed down as one object,
so no module reads the environment on its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/migkg/"


class MigkgError(Exception):
    """A user-facing error: the CLI prints its message without a traceback."""


PACKAGED = Path(__file__).resolve().parent / "project"


def project_root() -> Path:
    """The folder that holds sources/, ontology/, shapes/, graphs/ and queries/.

    MIGKG_PROJECT_DIR names it (tests use copies of the project; a user's own corpus). Else, in
    a checkout (an editable install) it is the checkout, the parent of the package folder; in
    an installed wheel it is the copy of those folders the wheel carries (``migkg/project/``),
    which a build reads but `migkg ingest` never writes (``is_packaged``).
    """
    env = os.environ.get("MIGKG_PROJECT_DIR")
    if env:
        root = Path(env)
    else:
        checkout = Path(__file__).resolve().parent.parent
        root = checkout if (checkout / "sources" / "manifest.toml").is_file() else PACKAGED
    if not (root / "sources" / "manifest.toml").is_file():
        raise MigkgError(
            f"no project found at {root} (expected sources/manifest.toml); "
            "set MIGKG_PROJECT_DIR to a checkout of the project"
        )
    return root


def is_packaged(project: Path) -> bool:
    """Whether ``project`` is the corpus inside the installed package (read-only for users)."""
    return project.resolve() == PACKAGED


@dataclass(frozen=True)
class Settings:
    """One build's or one service's configuration."""

    data_dir: Path
    project_dir: Path = field(default_factory=project_root)
    base_iri: str = DEFAULT_BASE_IRI

    @classmethod
    def from_args(
        cls, data_dir: str | os.PathLike[str] | None, base_iri: str | None = None
    ) -> Settings:
        raw = data_dir or os.environ.get("MIGKG_DATA_DIR")
        project = project_root()
        # the default data dir is the checkout's ./data, or ./data where the command runs
        default = Path.cwd() / "data" if is_packaged(project) else project / "data"
        path = Path(raw) if raw else default
        base = base_iri or os.environ.get("MIGKG_BASE_IRI") or DEFAULT_BASE_IRI
        if not base.endswith(("/", "#")):
            raise MigkgError(f"base IRI must end with '/' or '#': {base}")
        return cls(data_dir=path.resolve(), project_dir=project, base_iri=base)

    @property
    def sources_dir(self) -> Path:
        return self.project_dir / "sources"

    @property
    def builds_dir(self) -> Path:
        return self.data_dir / "builds"

    @property
    def current_link(self) -> Path:
        return self.data_dir / "current"
