"""Readings of the real corpus, computed once per test session (the loaders are pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.loaders.base import Reading
from migkg.loaders.shapes import reader_for
from migkg.sources.manifest import SourceDocument, load_manifest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden")


@pytest.fixture(scope="session")
def corpus() -> dict[str, tuple[SourceDocument, str, Reading]]:
    out = {}
    for doc in load_manifest(ROOT / "sources", verify=False):
        text = doc.read_text()
        out[doc.id] = (doc, text, reader_for(doc.shape)(doc.id, text, doc.as_of))
    return out
