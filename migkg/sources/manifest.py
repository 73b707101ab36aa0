"""The corpus manifest (sources/manifest.toml) and the checks on the files it names.

`fullText` and `accessRights` carry decision 0007 (licence and personal data): what the service
may republish of each document.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from migkg.settings import MigkgError

REQUIRED = (
    "id",
    "file",
    "originalFileName",
    "sha256",
    "title",
    "issuingBody",
    "referenceNumber",
    "issued",
    "registered",
    "asOf",
    "asOfPrecision",
    "asOfReason",
    "language",
    "shape",
    "accessRights",
    "fullText",
    "license",
    "attribution",
)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
AS_OF_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class SourceDocument:
    id: str
    path: Path
    sha256: str
    title: str
    as_of: str
    as_of_precision: str
    shape: str
    full_text: str
    meta: dict[str, object]

    @property
    def prefix(self) -> str:
        """The original file name's 3-digit prefix, which evaluation sets may use as an id."""
        return str(self.meta["originalFileName"])[:3]

    def read_text(self) -> str:
        """The file as text, exactly: no newline translation, so offsets match the bytes."""
        data = self.path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise MigkgError(
                f"{self.path.name}: not UTF-8 ({err.reason} at byte {err.start})"
            ) from err


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_manifest(sources_dir: Path, verify: bool = True) -> list[SourceDocument]:
    """Read the manifest; with verify, fail naming the first file whose checksum changed."""
    path = sources_dir / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise MigkgError(f"{path}: cannot read manifest: {err}") from err
    docs: list[SourceDocument] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("document", []), start=1):
        missing = [k for k in REQUIRED if k not in entry]
        if missing:
            raise MigkgError(f"manifest entry {i}: missing {', '.join(missing)}")
        doc_id = entry["id"]
        if not ID_RE.match(doc_id) or doc_id in seen:
            raise MigkgError(f"manifest entry {i}: bad or duplicate id {doc_id!r}")
        if not AS_OF_RE.match(entry["asOf"]):
            raise MigkgError(f"manifest entry {doc_id}: asOf must be YYYY[-MM[-DD]]")
        if entry["fullText"] not in ("public", "excerpts"):
            raise MigkgError(f"manifest entry {doc_id}: fullText must be public or excerpts")
        seen.add(doc_id)
        file = sources_dir / entry["file"]
        doc = SourceDocument(
            id=doc_id,
            path=file,
            sha256=entry["sha256"],
            title=entry["title"],
            as_of=entry["asOf"],
            as_of_precision=entry["asOfPrecision"],
            shape=entry["shape"],
            full_text=entry["fullText"],
            meta=dict(entry),
        )
        if verify:
            verify_document(doc)
        docs.append(doc)
    if not docs:
        raise MigkgError(f"{path}: no documents")
    return sorted(docs, key=lambda d: d.id)


def verify_document(doc: SourceDocument) -> None:
    if not doc.path.is_file():
        raise MigkgError(f"source file missing: {doc.path.name} (document {doc.id})")
    actual = sha256_file(doc.path)
    if actual != doc.sha256:
        raise MigkgError(
            f"source file changed: {doc.path.name} (document {doc.id}) has sha256 {actual}, "
            f"the manifest says {doc.sha256}; if the change is intended, update the manifest"
        )


def find_document(docs: list[SourceDocument], ref: str) -> SourceDocument:
    """Resolve a document id or the original 3-digit prefix."""
    for doc in docs:
        if ref in (doc.id, doc.prefix):
            return doc
    raise MigkgError(f"unknown document {ref!r}; known: {', '.join(d.id for d in docs)}")
