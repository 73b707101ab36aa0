"""Bad documents: each is refused with a message naming the file, and nothing changes.

"Nothing changes" is checked the way a user of `migkg serve` would see it: the current build's
id and quad count, plus the manifest's bytes, the files in sources/ and the builds on disk.
"""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from migkg.build.ingest import IngestRequest, ingest
from migkg.settings import MigkgError, Settings
from tests.ingest.ingest_support import DATA, make_project, snapshot


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_project(tmp_path_factory.mktemp("ingest-bad"))


def request(path: Path, shape: str = "council-state-of-play") -> IngestRequest:
    return IngestRequest(
        file=path, shape=shape, doc_id="new-doc", title="A new document", as_of="2024-02"
    )


def refused(settings: Settings, path: Path, shape: str = "council-state-of-play") -> str:
    before = snapshot(settings)
    with pytest.raises(MigkgError) as err:
        ingest(settings, request(path, shape), progress=lambda _m: None)
    assert snapshot(settings) == before
    return str(err.value)


def test_empty_file(project: Settings, tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert refused(project, f) == "empty.txt: the file is empty"


def test_whitespace_only_file_counts_as_empty(project: Settings, tmp_path: Path) -> None:
    f = tmp_path / "blank.txt"
    f.write_bytes(b"\n\n   \n")
    assert refused(project, f) == "blank.txt: the file is empty"


def test_binary_file(project: Settings, tmp_path: Path) -> None:
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    assert refused(project, f) == ("scan.pdf: binary file (NUL byte at byte 9); give a text file")


def test_not_utf8(project: Settings, tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("PERU\n\nCooperation with Per\u00fa continues.\n".encode("latin-1"))
    assert refused(project, f) == (
        "latin1.txt: not UTF-8 (invalid start byte at byte 26, line 3); convert it to UTF-8 first"
    )


def test_fifty_megabyte_line(project: Settings, tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("w", encoding="utf-8") as fh:
        fh.write("PERU\n\n")
        fh.write("x" * (50 * 1024 * 1024))
        fh.write("\n")
    assert refused(project, f) == (
        "huge.txt: line 3 has 52428800 characters, more than 100000; "
        "this is not a text document of any known shape"
    )


LETTER = """Dear colleagues,

Ahead of our meeting I would like to share an update on migration. Arrivals on the Central
Mediterranean route have fallen, and our partnerships with Tunisia and Egypt are delivering.

I look forward to our discussion.

Yours sincerely,
"""


def test_letter_given_as_a_state_of_play_note(project: Settings, tmp_path: Path) -> None:
    f = tmp_path / "letter.txt"
    f.write_text(LETTER, encoding="utf-8")
    message = refused(project, f)
    assert message.startswith(
        "letter.txt: does not look like a council-state-of-play document: no section heading "
        "(a line in capitals, such as 'SENEGAL') was found; known shapes: "
    )


def test_prose_without_event_table_is_not_a_state_of_play_note(
    project: Settings, tmp_path: Path
) -> None:
    f = tmp_path / "prose.txt"
    f.write_text("PERU\n\nThe EU and Peru talk about migration.\n", encoding="utf-8")
    assert "no 'Key past and upcoming events' table was found" in refused(project, f)


def test_table_with_missing_cells(project: Settings, tmp_path: Path) -> None:
    text = (DATA / "peru-section.txt").read_text(encoding="utf-8")
    broken = text.replace(
        "June 2023\tVisit of DG HOME to Peru\t\n", "June 2023\tVisit of DG HOME to Peru\n"
    )
    assert broken != text
    f = tmp_path / "missing-cells.txt"
    f.write_text(broken, encoding="utf-8")
    assert refused(project, f) == (
        "missing-cells.txt: 1 problems in the document's structure (nothing was changed; pass "
        "--accept-warnings to ingest it anyway):\n"
        "  line 8: event table row has 2 of 3 cells (date, event, comment)"
    )


def test_heading_with_no_body(project: Settings, tmp_path: Path) -> None:
    text = "MALAWI\n\n" + (DATA / "peru-section.txt").read_text(encoding="utf-8")
    f = tmp_path / "empty-heading.txt"
    f.write_text(text, encoding="utf-8")
    assert refused(project, f) == (
        "empty-heading.txt: 1 problems in the document's structure (nothing was changed; pass "
        "--accept-warnings to ingest it anyway):\n"
        "  line 1: heading 'MALAWI' has no body"
    )


def test_unknown_shape(project: Settings) -> None:
    message = refused(project, DATA / "peru-section.txt", shape="council-note")
    assert message.startswith("unknown shape 'council-note'; known shapes: action-file-table, ")


def test_bad_id_and_date(project: Settings) -> None:
    before = snapshot(project)
    bad_id = IngestRequest(
        DATA / "peru-section.txt", "council-state-of-play", "Peru 2024", "T", "2024"
    )
    with pytest.raises(MigkgError, match="bad id 'Peru 2024'"):
        ingest(project, bad_id)
    bad_date = IngestRequest(
        DATA / "peru-section.txt", "council-state-of-play", "peru", "T", "Feb 2024"
    )
    with pytest.raises(MigkgError, match=r"--as-of must be YYYY, YYYY-MM or YYYY-MM-DD"):
        ingest(project, bad_date)
    assert snapshot(project) == before


def test_document_already_in_the_corpus(project: Settings) -> None:
    message = refused(project, project.sources_dir / "mini.txt", shape="plain-paragraphs")
    assert message == "mini.txt is already in the corpus as mini"


def test_build_failure_restores_manifest_and_sources(project: Settings) -> None:
    """A failure after the file is copied (here: another build holds the lock) undoes the copy."""
    before = snapshot(project)
    with (project.data_dir / "build.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with pytest.raises(MigkgError) as err:
                ingest(project, request(DATA / "peru-section.txt"), progress=lambda _m: None)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert str(err.value) == f"another build is running in {project.data_dir}"
    assert snapshot(project) == before
