"""Adding a document to the corpus: check it, copy it, list it in the manifest, rebuild.

Everything that can be checked is checked before anything is written (the file's bytes, its
text, its shape, its structure), so a bad document is refused with a message naming the file
and the line. If the build fails anyway, the manifest and sources/ are put back byte for byte
and `current` still points at the last good build: ingest changes all or nothing. A process
killed half-way (where no `except` runs) leaves a journal in sources/ that the next ingest rolls
back first.

What counts as the wrong shape is decided here for now (`shape_problem`): the loaders read
anything without complaint, so ingest checks what each shape's reading must contain.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from migkg.build.dirs import Build, build_lock, clean_stale, current_build, switch_current
from migkg.build.pipeline import BuildOutcome, run_build, stderr_progress
from migkg.loaders.base import LoaderError, Reading
from migkg.loaders.shapes import SHAPES, reader_for
from migkg.settings import MigkgError, Settings
from migkg.sources.manifest import AS_OF_RE, ID_RE, REQUIRED, load_manifest, sha256_file

MAX_LINE = 100_000  # code points; the corpus's longest line has 2,411
MAX_BYTES = 64 * 1024 * 1024  # refused unread; long lines below this are named by line
STRUCTURAL_HEADINGS = ("upper", "lettered", "part")


@dataclass(frozen=True)
class IngestRequest:
    """What the user says about the new document (the manifest's fields)."""

    file: Path
    shape: str
    doc_id: str
    title: str
    as_of: str
    issuing_body: str = "Not stated"
    reference_number: str = ""
    issued: str = ""
    as_of_reason: str = "Given by the user at ingest."
    language: str = "en"
    access_rights: str = "Not stated"
    full_text: str = "excerpts"
    license: str = "Not stated"
    attribution: str = ""


@dataclass
class IngestResult:
    doc_id: str
    build_id: str
    passages: int
    events: int
    mentions: int
    entities: int
    unresolved: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary the command prints."""
        out = [
            f"ingested {self.doc_id} into build {self.build_id}: {self.passages} passages, "
            f"{self.events} events, {self.mentions} mentions of {self.entities} actors and "
            f"processes, {len(self.unresolved)} unresolved names"
        ]
        out += [f"  unresolved: {name}" for name in self.unresolved]
        out += [f"  warning: {w}" for w in self.warnings]
        return out


def decode_document(path: Path) -> str:
    """The file's text, or a MigkgError saying why it is not a text document we can read."""
    name = path.name
    if not path.is_file():
        raise MigkgError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise MigkgError(f"{name}: {size} bytes, more than the {MAX_BYTES} a document may have")
    data = path.read_bytes()
    if not data.strip():
        raise MigkgError(f"{name}: the file is empty")
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise MigkgError(f"{name}: binary file (NUL byte at byte {at}); give a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise MigkgError(
            f"{name}: not UTF-8 ({err.reason} at byte {err.start}, line {line}); "
            "convert it to UTF-8 first"
        ) from None
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise MigkgError(
                f"{name}: line {number} has {len(line)} characters, more than {MAX_LINE}; "
                "this is not a text document of any known shape"
            )
    return text


def shape_problem(shape: str, reading: Reading) -> str:
    """Why a reading shows that the document is not of the shape it was given as, or ""."""
    headings = [kind for _f, _l, kind in _headings(reading)]
    if not reading.passages:
        return "no passages were read"
    if shape == "council-state-of-play":
        if not any(k in ("upper", "lettered") for k in headings):
            return "no section heading (a line in capitals, such as 'SENEGAL') was found"
        if not reading.events and "caption" not in headings:
            return "no 'Key past and upcoming events' table was found"
    if shape == "numbered-prose" and not any(p.section for p in reading.passages):
        return "no numbered section (such as '1.1 ...') was found"
    for warning in reading.warnings:
        if warning.startswith(("no table", "no table header")):
            return warning
    return ""


def _headings(reading: Reading) -> list[tuple[int, int, str]]:
    """(first line, last line, kind) of the headings a loader skipped: 'heading (upper)'."""
    out = []
    for first, last, why in reading.skipped:
        if why.startswith("heading (") and why.endswith(")"):
            out.append((first, last, why[len("heading (") : -1]))
    return sorted(out)


def structure_warnings(shape: str, text: str, reading: Reading) -> list[str]:
    """Headings with no body and event-table rows with missing cells, each with its line."""
    warnings = list(reading.warnings)
    items = [(first, 1, kind) for first, _last, kind in _headings(reading)]
    items += [(p.first_line, 0, "") for p in reading.passages]
    items.sort()
    for j, (line, is_heading, kind) in enumerate(items):
        if not is_heading or kind not in ("upper", "lettered", "caption"):
            continue
        following = next((it for it in items[j + 1 :] if it[0] > line), None)
        empty = following is None or (
            following[1] == 1
            and (
                (kind == "upper" and following[2] in STRUCTURAL_HEADINGS)
                or (kind == "lettered" and following[2] in ("lettered", "part"))
                or (kind == "caption" and following[2] != "")
            )
        )
        if empty:
            title = text.split("\n")[line - 1].strip()
            warnings.append(f"line {line}: heading {title!r} has no body")
    if shape == "council-state-of-play":
        lines = text.split("\n")
        for p in reading.passages:
            if p.role != "row":
                continue
            for number in range(p.first_line, p.last_line + 1):
                cells = lines[number - 1].rstrip("\r").split("\t")
                if 1 < len(cells) < 3:
                    warnings.append(
                        f"line {number}: event table row has {len(cells)} of 3 cells "
                        "(date, event, comment)"
                    )
    return warnings


def read_checked(req: IngestRequest, text: str) -> tuple[Reading, list[str]]:
    """Read the text with its shape's loader before anything is written."""
    if req.shape not in SHAPES:
        raise MigkgError(f"unknown shape {req.shape!r}; known shapes: {', '.join(sorted(SHAPES))}")
    try:
        reading = reader_for(req.shape)(req.doc_id, text, req.as_of)
    except LoaderError as err:
        raise MigkgError(f"{req.file.name}: {err}") from err
    problem = shape_problem(req.shape, reading)
    if problem:
        raise MigkgError(
            f"{req.file.name}: does not look like a {req.shape} document: {problem}; "
            f"known shapes: {', '.join(sorted(SHAPES))}"
        )
    return reading, structure_warnings(req.shape, text, reading)


def _toml(value: object) -> str:
    """A TOML value: JSON's string escapes are valid TOML basic-string escapes."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def manifest_entry(req: IngestRequest, file_name: str, sha256: str) -> str:
    """The `[[document]]` table appended to the manifest, with every REQUIRED field."""
    precision = {1: "year", 2: "month", 3: "day"}[len(req.as_of.split("-"))]
    fields: dict[str, object] = {
        "id": req.doc_id,
        "file": file_name,
        "originalFileName": req.file.name,
        "sha256": sha256,
        "title": req.title,
        "issuingBody": req.issuing_body,
        "referenceNumber": req.reference_number,
        "issued": req.issued or req.as_of,
        "registered": [],
        "asOf": req.as_of,
        "asOfPrecision": precision,
        "asOfReason": req.as_of_reason,
        "language": req.language,
        "shape": req.shape,
        "accessRights": req.access_rights,
        "fullText": req.full_text,
        "license": req.license,
        "attribution": req.attribution or f"Source: {req.title}",
    }
    assert set(fields) == set(REQUIRED)
    body = "".join(f"{key} = {_toml(fields[key])}\n" for key in REQUIRED)
    return f"\n# Added by `migkg ingest`.\n[[document]]\n{body}"


def check_request(req: IngestRequest, settings: Settings) -> None:
    if not ID_RE.match(req.doc_id):
        raise MigkgError(f"bad id {req.doc_id!r}: use lower-case letters, digits and hyphens")
    if not AS_OF_RE.match(req.as_of):
        raise MigkgError(f"--as-of must be YYYY, YYYY-MM or YYYY-MM-DD, got {req.as_of!r}")
    if req.full_text not in ("public", "excerpts"):
        raise MigkgError("--full-text must be public or excerpts")
    if not req.title.strip():
        raise MigkgError("--title must not be empty")
    docs = load_manifest(settings.sources_dir, verify=True)
    digest = sha256_file(req.file) if req.file.is_file() else ""
    for doc in docs:
        if doc.id == req.doc_id:
            raise MigkgError(f"document id {req.doc_id!r} is already in the manifest")
        if digest and doc.sha256 == digest:
            raise MigkgError(f"{req.file.name} is already in the corpus as {doc.id}")
    if (settings.sources_dir / f"{req.doc_id}.txt").exists():
        raise MigkgError(f"sources/{req.doc_id}.txt exists but is not in the manifest")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.ingest-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


JOURNAL = ".ingest-journal.json"


def recover(settings: Settings) -> str:
    """Undo an ingest that was killed half-way (the journal is still there); "" if none was.

    Ingest writes the journal before it touches sources/ and removes it when it has finished or
    rolled back, so a journal found here means the process died in between (SIGKILL, power).
    """
    journal = settings.sources_dir / JOURNAL
    if not journal.is_file():
        return ""
    data = json.loads(journal.read_text(encoding="utf-8"))
    if data.get("id") in _current_documents(settings):
        journal.unlink()  # `migkg build` ran since and made the document current: keep it
        return f"kept {data['file']}: the current build already holds it"
    _write_atomic(settings.sources_dir / "manifest.toml", base64.b64decode(data["manifest"]))
    (settings.sources_dir / data["file"]).unlink(missing_ok=True)
    journal.unlink()
    with build_lock(settings):
        clean_stale(settings)  # the interrupted build's staging folder
    return f"rolled back an interrupted ingest of {data['file']}"


def _current_documents(settings: Settings) -> set[str]:
    try:
        report = json.loads(current_build(settings).report.read_text(encoding="utf-8"))
    except (MigkgError, OSError, ValueError):
        return set()
    return set(report.get("documents", {}))


@contextlib.contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    """One ingest at a time per project: the journal's crash recovery must never run over a
    live ingest (it would delete that ingest's file and manifest entry). flock is released by
    the kernel when its holder dies, so a killed ingest never leaves the project locked. The
    lock is on the sources/ folder itself: no lock file appears among the sources."""
    fd = os.open(settings.sources_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MigkgError(
                f"another `migkg ingest` is running on {settings.project_dir}; nothing was "
                "changed: wait for it to finish, then ingest again"
            ) from None
        yield
    finally:
        os.close(fd)


def ingest(
    settings: Settings,
    req: IngestRequest,
    *,
    accept_warnings: bool = False,
    progress: Callable[[str], None] = stderr_progress,
) -> IngestResult:
    """Check, copy, list and rebuild under the project's ingest lock (see ingest_lock)."""
    with ingest_lock(settings):
        return _ingest(settings, req, accept_warnings=accept_warnings, progress=progress)


def _ingest(
    settings: Settings,
    req: IngestRequest,
    *,
    accept_warnings: bool = False,
    progress: Callable[[str], None] = stderr_progress,
) -> IngestResult:
    """Check, copy, list and rebuild; on any failure put everything back and re-raise."""
    rolled_back = recover(settings)
    if rolled_back:
        progress(rolled_back)
    check_request(req, settings)
    text = decode_document(req.file)
    _reading, warnings = read_checked(req, text)
    if warnings and not accept_warnings:
        shown = "\n".join(f"  {w}" for w in warnings[:20])
        raise MigkgError(
            f"{req.file.name}: {len(warnings)} problems in the document's structure "
            f"(nothing was changed; pass --accept-warnings to ingest it anyway):\n{shown}"
        )
    manifest = settings.sources_dir / "manifest.toml"
    target = settings.sources_dir / f"{req.doc_id}.txt"
    before = manifest.read_bytes()
    previous = settings.current_link.resolve() if settings.current_link.exists() else None
    journal = settings.sources_dir / JOURNAL
    record = {
        "manifest": base64.b64encode(before).decode("ascii"),
        "file": target.name,
        "id": req.doc_id,
    }
    _write_atomic(journal, json.dumps(record).encode("utf-8"))
    try:
        shutil.copyfile(req.file, target)
        entry = manifest_entry(req, target.name, sha256_file(target))
        _write_atomic(manifest, before + entry.encode("utf-8"))
        outcome = run_build(settings, progress=progress)
        result = summarise(outcome, req.doc_id, warnings)
    except BaseException:
        _write_atomic(manifest, before)
        target.unlink(missing_ok=True)
        if previous is not None and settings.current_link.resolve() != previous:
            switch_current(settings, Build(previous.name, previous))
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)
    return result


def summarise(outcome: BuildOutcome, doc_id: str, warnings: list[str]) -> IngestResult:
    report = outcome.report
    docs = report.get("documents", {})
    mentions = report.get("mentions", {})
    stats = docs.get(doc_id, {}) if isinstance(docs, dict) else {}
    linked = mentions.get(doc_id, {}) if isinstance(mentions, dict) else {}
    unresolved = [
        f"{row['name']} ({row['kind']})"
        for row in report.get("unresolved", [])  # type: ignore[union-attr]
        if doc_id in row["documents"]
    ]
    return IngestResult(
        doc_id=doc_id,
        build_id=outcome.build.id,
        passages=int(stats.get("passages", 0)),
        events=int(stats.get("events", 0)),
        mentions=int(linked.get("mentions", 0)),
        entities=int(linked.get("entities", 0)),
        unresolved=unresolved,
        warnings=warnings,
    )
