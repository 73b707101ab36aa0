"""The corpus manifest: every document described, every checksum right, errors named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migkg.settings import MigkgError
from migkg.sources.manifest import REQUIRED, load_manifest
from tests.helpers import ROOT


def test_manifest_describes_the_five_documents() -> None:
    docs = load_manifest(ROOT / "sources")
    assert [d.prefix for d in sorted(docs, key=lambda d: d.prefix)] == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]
    for doc in docs:
        assert all(k in doc.meta for k in REQUIRED)
        assert doc.path.name == f"{doc.id}.txt"
    letter = next(d for d in docs if d.prefix == "004")
    assert letter.as_of == "2023-12" and "late 2023" in str(letter.meta["asOfReason"])


def test_a_changed_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    target = tmp_path / "sources" / "council-2024-5484.txt"
    target.write_bytes(target.read_bytes().replace(b"SENEGAL", b"SENEGAI", 1))
    with pytest.raises(MigkgError, match=r"source file changed: council-2024-5484\.txt"):
        load_manifest(tmp_path / "sources")


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    manifest = tmp_path / "sources" / "manifest.toml"
    manifest.write_text(
        manifest.read_text("utf-8").replace('asOfReason = "', 'reason = "', 1), "utf-8"
    )
    with pytest.raises(MigkgError, match="missing asOfReason"):
        load_manifest(tmp_path / "sources")
