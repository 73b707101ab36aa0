"""pySHACL's own command line over files gives the same findings as migkg's in-process
validation (docs/validation.md). Fast version on the fixtures; the real build's version is in
test_shapes_real_build.py."""

from __future__ import annotations

from pathlib import Path

from shapes_helpers import DATA, MUTATIONS, PROJECT, findings

from migkg.validate.findings import Finding
from migkg.validate.shacl_cli import bundle_shapes, cli_findings


def key(f: Finding) -> tuple[str, str, str, str]:
    focus = f.focus if f.focus.startswith("http") else "_:"
    return (focus, f.path, f.component, f.severity)


def test_cli_and_in_process_agree_on_the_fixtures(tmp_path: Path) -> None:
    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(bundle_shapes(PROJECT), encoding="utf-8")
    data = [
        *sorted((PROJECT / "ontology").glob("*.ttl")),
        DATA / "base.ttl",
        *sorted(MUTATIONS.glob("*.ttl")),
    ]
    mutations = sorted(MUTATIONS.glob("*.ttl"))
    expected = {key(f) for f in findings(DATA / "base.ttl", *mutations)}
    got = {key(f) for f in cli_findings(shapes_file, data)}
    assert len(expected) == len(mutations)
    assert got == expected


def test_bundle_is_every_shape_file() -> None:
    text = bundle_shapes(PROJECT)
    for path in (PROJECT / "shapes").glob("*.ttl"):
        assert path.read_text(encoding="utf-8") in text
