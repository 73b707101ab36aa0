"""Issue 13, item 13: two ingests at once. The second must refuse with a clear message while
the first runs, never roll back the first's journal as if it had been killed."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from migkg.build.ingest import IngestRequest, ingest
from migkg.settings import MigkgError
from tests.ingest.ingest_support import DATA, make_project, snapshot

DOC = "council-2024-peru"


@pytest.mark.slow  # two builds of the small project
def test_item13_concurrent_ingests_serialised(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    req = IngestRequest(
        DATA / "peru-section.txt", "council-state-of-play", DOC, "State of play: Peru", "2024-02"
    )
    building = threading.Event()
    go_on = threading.Event()

    def progress(_message: str) -> None:  # the first ingest pauses inside its build
        building.set()
        go_on.wait(60)

    first: dict[str, object] = {}

    def run_first() -> None:
        try:
            first["result"] = ingest(project, req, progress=progress)
        except BaseException as err:  # reported below
            first["error"] = err

    t = threading.Thread(target=run_first)
    t.start()
    assert building.wait(60), "the first ingest never reached its build"
    other = IngestRequest(
        DATA / "peru-section.txt", "council-state-of-play", f"{DOC}-2", "Again", "2024-02"
    )
    try:
        with pytest.raises(MigkgError, match="another `migkg ingest` is running"):
            ingest(project, other, progress=lambda _m: None)
        # the live ingest's document is still in place while it builds
        assert (project.sources_dir / f"{DOC}.txt").is_file()
    finally:
        go_on.set()
        t.join(120)
    assert "error" not in first, first.get("error")
    after = snapshot(project)
    assert after.sources == (f"{DOC}.txt", "manifest.toml", "mini.txt")
    assert DOC in after.manifest.decode("utf-8")
