"""What the build's stages share: the context each stage reads and adds to, and progress lines.

Its own module so that the stages (link, claims, derive) and the pipeline that runs them import
one place and not each other.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Dataset

from migkg.iris import Iris
from migkg.rdf.quads import Quads
from migkg.settings import Settings
from migkg.sources.manifest import SourceDocument

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    print(f"migkg: {message}", file=sys.stderr, flush=True)


@dataclass
class BuildContext:
    """What the stages share. ``dataset`` may be given as an rdflib Dataset (test fixtures
    write theirs with rdflib): it is copied into the build's accumulator."""

    settings: Settings
    iris: Iris
    dataset: Quads
    documents: list[SourceDocument]
    texts: dict[str, str] = field(default_factory=dict)
    readings: dict[str, object] = field(default_factory=dict)
    report: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.dataset, Dataset):
            self.dataset = Quads.from_rdflib(self.dataset)
