"""The shapes, checks and reports on the real corpus (slow: one full build, ~3 minutes).

The build's stages run in-process up to the serialised N-Quads, without the validation gate
of `migkg build`, so that each of these is tested on its own:
- validation as `migkg validate` does it: 0 violations, every check 0 rows, every report equal
  to queries/reports/expected/{name}.csv;
- no silent shapes: every shape with a target focuses at least one node of the build;
- pySHACL's own CLI over the Turtle export (the store's export, as `migkg export --format ttl`)
  gives the same (focus node, path, component, severity) set (docs/validation.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from shapes_coverage import focus_counts
from shapes_helpers import PROJECT

from migkg.build.pipeline import STAGES, BuildContext, add_build_graph
from migkg.iris import Iris
from migkg.settings import Settings
from migkg.sources.inputs import build_id
from migkg.sources.manifest import load_manifest
from migkg.store import OxigraphStore
from migkg.validate.checks import Validation, validate_build
from migkg.validate.shacl_cli import bundle_shapes, cli_findings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Validation]:
    """(work dir, the build's N-Quads, the validation `migkg validate` would report)."""
    work = tmp_path_factory.mktemp("model-build")
    settings = Settings(data_dir=work, project_dir=PROJECT)
    bid, inputs = build_id(PROJECT, settings.base_iri)
    docs = load_manifest(settings.sources_dir, verify=True)
    ctx = BuildContext(settings, Iris(settings.base_iri), Dataset(), docs)
    for _name, stage in STAGES:
        stage(ctx, lambda m: None)
    add_build_graph(ctx, bid, inputs)
    nquads = work / "graph.nq"
    ctx.dataset.write(nquads)  # the build's own writer
    return work, nquads, validate_build(nquads, PROJECT, lambda m: None)


def test_real_build_is_valid(built: tuple[Path, Path, Validation]) -> None:
    _d, _nq, v = built
    assert [(f.focus, f.path, f.component) for f in v.violations] == []
    assert v.failed_checks == {}
    assert v.report_diffs == {}, "a report changed: review it and update its expected CSV"


def test_no_silent_shapes(built: tuple[Path, Path, Validation]) -> None:
    _d, nquads, _v = built
    store = OxigraphStore.from_nquads(nquads.read_bytes())
    counts = focus_counts(ask=lambda q: bool(store.query(q).boolean))
    assert len(counts) > 100
    assert sorted(name for name, n in counts.items() if n == 0) == []


def test_pyshacl_cli_over_export_matches_validate(
    built: tuple[Path, Path, Validation], tmp_path: Path
) -> None:
    _work, nquads, v = built
    export = tmp_path / "migkg.ttl"
    export.write_bytes(OxigraphStore.from_nquads(nquads.read_bytes()).export("ttl"))
    shapes_file = tmp_path / "migkg-shapes.ttl"
    shapes_file.write_text(bundle_shapes(PROJECT), encoding="utf-8")
    got = {(f.focus, f.path, f.component, f.severity) for f in cli_findings(shapes_file, [export])}
    assert got == {(f.focus, f.path, f.component, f.severity) for f in v.findings}
