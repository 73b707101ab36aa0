"""A section in the 2024 note's style about a country the corpus lacks (Peru), ingested with no
change under loaders/: its events and mentions come out right, and the CLI reports them."""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.build.dirs import current_build
from migkg.build.ingest import IngestRequest, ingest
from migkg.settings import Settings
from migkg.store import open_store
from tests.helpers import run_cli
from tests.ingest.ingest_support import DATA, make_project, snapshot

BASE = "https://w3id.org/migkg/"
DOC = "council-2024-peru"
MENTIONS = f"""PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?surface ?entity ?start ?end ?rule ?passage WHERE {{
  GRAPH <{BASE}graph/source/{DOC}> {{
    ?m a mkg:Mention ; mkg:surface ?surface ; mkg:mentions ?entity ; mkg:startOffset ?start ;
       mkg:endOffset ?end ; mkg:ruleId ?rule ; prov:wasDerivedFrom ?passage .
  }}
}} ORDER BY ?start"""
EVENTS = f"""PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?dateText ?earliest ?latest ?title ?about ?planned WHERE {{
  GRAPH <{BASE}graph/source/{DOC}> {{
    ?e a mkg:Event ; mkg:dateText ?dateText ; mkg:earliest ?earliest ; mkg:latest ?latest ;
       rdfs:label ?title ; mkg:about ?about ; mkg:planned ?planned .
  }}
}} ORDER BY ?earliest"""


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    return make_project(tmp_path)


def rows(settings: Settings, query: str) -> list[tuple[str, ...]]:
    build = current_build(settings)
    store = open_store(build.path, build.id)
    try:
        return [tuple(str(v) for v in row) for row in store.query(query).rows]
    finally:
        store.close()


@pytest.mark.slow  # two builds (about 10 s on an idle machine)
def test_peru_section_ingested_with_events_and_mentions(project: Settings) -> None:
    before = snapshot(project)
    req = IngestRequest(
        DATA / "peru-section.txt", "council-state-of-play", DOC, "State of play: Peru", "2024-02"
    )
    result = ingest(project, req, progress=lambda _m: None)
    assert result.lines() == [
        f"ingested {DOC} into build {result.build_id}: 13 passages, 3 events, 9 mentions of 5 "
        "actors and processes, 1 unresolved names",
        "  unresolved: Republic of Zembla (country-like)",
    ]
    after = snapshot(project)
    assert after.build_id == result.build_id != before.build_id
    assert after.quads > before.quads
    assert after.sources == (f"{DOC}.txt", "manifest.toml", "mini.txt")
    assert (project.sources_dir / f"{DOC}.txt").read_bytes() == (
        DATA / "peru-section.txt"
    ).read_bytes()
    text = (DATA / "peru-section.txt").read_text(encoding="utf-8")
    mentions = rows(project, MENTIONS)
    assert [(s, e.removeprefix(BASE), int(a), int(b), r) for s, e, a, b, r, _p in mentions] == [
        ("EU", "id/org/eu", 10, 12, "gazetteer-alt"),
        ("Peru", "id/country/PER", 17, 21, "gazetteer-pref"),
        ("Schengen area", "id/group/schengen-area", 128, 141, "gazetteer-pref"),
        ("IOM", "id/org/iom", 171, 174, "gazetteer-alt"),
        ("Frontex", "id/org/frontex", 179, 186, "gazetteer-pref"),
        ("Peru", "id/country/PER", 458, 462, "gazetteer-pref"),
        ("IOM", "id/org/iom", 488, 491, "gazetteer-alt"),
        ("EU", "id/org/eu", 537, 539, "gazetteer-alt"),
        ("Peru", "id/country/PER", 540, 544, "gazetteer-pref"),
    ]
    for surface, _e, start, end, _r, passage in mentions:
        assert text[int(start) : int(end)] == surface
        p_start, p_end = (int(x) for x in passage.rsplit("/", 1)[1].split("-"))
        assert p_start <= int(start) < int(end) <= p_end
    assert rows(project, EVENTS) == [
        (
            "12-13 March 2023",
            "2023-03-12",
            "2023-03-13",
            "Senior Officials Meeting on migration, Lima",
            f"{BASE}id/country/PER",
            "false",
        ),
        (
            "June 2023",
            "2023-06-01",
            "2023-06-30",
            "Visit of DG HOME to Peru Follow-up meeting with IOM",
            f"{BASE}id/country/PER",
            "false",
        ),
        (
            "Q3/Q4 2024 (tbc)",
            "2024-07-01",
            "2024-12-31",
            "EU-Peru migration dialogue, Brussels",
            f"{BASE}id/country/PER",
            "true",
        ),
    ]


@pytest.mark.slow  # two builds and two CLI processes
def test_cli_ingest_reports_and_refuses(project: Settings, tmp_path: Path) -> None:
    env = {"MIGKG_PROJECT_DIR": str(project.project_dir)}
    data = ["--data-dir", str(project.data_dir)]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = snapshot(project)
    bad = run_cli(
        "ingest", str(empty), "--shape", "council-state-of-play", "--id", "x", "--title", "X",
        "--as-of", "2024", *data, env=env,
    )  # fmt: skip
    assert (bad.returncode, bad.stdout, bad.stderr) == (
        2,
        "",
        "migkg: error: empty.txt: the file is empty\n",
    )
    assert snapshot(project) == before
    broken = tmp_path / "missing-cells.txt"
    broken.write_text(
        (DATA / "peru-section.txt")
        .read_text(encoding="utf-8")
        .replace(
            "June 2023\tVisit of DG HOME to Peru\t\n", "June 2023\tVisit of DG HOME to Peru\n"
        ),
        encoding="utf-8",
    )
    ok = run_cli(
        "ingest", str(broken), "--shape", "council-state-of-play", "--id", DOC,
        "--title", "State of play: Peru", "--as-of", "2024-02", "--accept-warnings", *data, env=env,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    build = current_build(project).id
    assert ok.stdout.splitlines() == [
        f"ingested {DOC} into build {build}: 13 passages, 3 events, 9 mentions of 5 actors and "
        "processes, 1 unresolved names",
        "  unresolved: Republic of Zembla (country-like)",
        "  warning: line 8: event table row has 2 of 3 cells (date, event, comment)",
    ]
    manifest = (project.sources_dir / "manifest.toml").read_text(encoding="utf-8")
    assert manifest.startswith(before.manifest.decode("utf-8"))
    assert f'id = "{DOC}"\nfile = "{DOC}.txt"\noriginalFileName = "missing-cells.txt"\n' in manifest
    assert 'fullText = "excerpts"\n' in manifest


@pytest.mark.slow  # a build killed half-way in a subprocess, then a second CLI run
def test_ingest_killed_mid_build_is_rolled_back_by_the_next_ingest(
    project: Settings, tmp_path: Path
) -> None:
    env = {"MIGKG_PROJECT_DIR": str(project.project_dir)}
    data = ["--data-dir", str(project.data_dir)]
    before = snapshot(project)
    killed = run_cli(
        "ingest", str(DATA / "peru-section.txt"), "--shape", "council-state-of-play",
        "--id", DOC, "--title", "Peru", "--as-of", "2024-02", *data,
        env={**env, "MIGKG_TEST_KILL_AT": "before-store"},
    )  # fmt: skip
    assert killed.returncode == -9
    assert (project.sources_dir / ".ingest-journal.json").is_file()
    assert (project.sources_dir / "manifest.toml").read_bytes() != before.manifest
    assert (current_build(project).id, snapshot(project).quads) == (before.build_id, before.quads)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    again = run_cli(
        "ingest", str(empty), "--shape", "council-state-of-play", "--id", "x", "--title", "X",
        "--as-of", "2024", *data, env=env,
    )  # fmt: skip
    assert (again.returncode, again.stderr) == (
        2,
        f"migkg: rolled back an interrupted ingest of {DOC}.txt\n"
        "migkg: error: empty.txt: the file is empty\n",
    )
    assert snapshot(project) == before
