"""The section about a country the corpus lacks (Peru) yields its instrument claims right: the
file is ingested into a copy of the project, with no change under loaders/, and scored with
`migkg eval`'s scorer against a set read by hand from it (tests/eval/peru-set.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.build.dirs import current_build
from migkg.build.ingest import IngestRequest, ingest
from migkg.evaluation.scoring import evaluate
from migkg.evaluation.sets import load_set
from migkg.sources.manifest import load_manifest
from migkg.store import open_store
from tests.ingest.ingest_support import DATA, make_project

SET = Path(__file__).parent / "peru-set.yaml"


@pytest.mark.slow  # two builds of a small project (about 10 s on an idle machine)
def test_peru_section_instrument_claims_score_at_least_0_9(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    req = IngestRequest(
        DATA / "peru-section.txt", "council-state-of-play", "council-2024-peru",
        "State of play: Peru", "2024-02",
    )  # fmt: skip
    ingest(project, req, progress=lambda _m: None)
    docs = load_manifest(project.sources_dir, verify=False)
    build = current_build(project)
    store = open_store(build.path, build.id)
    try:
        report = evaluate(load_set(SET, docs), store, project.project_dir)
    finally:
        store.close()
    overall = report["instrument"]["overall"]
    assert report["scored"]["instrument"] == 4
    assert overall["key"]["recall"]["value"] >= 0.9, report["instrument"]
    assert overall["key"]["precision"]["value"] >= 0.9, report["instrument"]
    assert overall["strict"]["recall"]["value"] >= 0.9, report["instrument"]
