"""Evaluation sets: the YAML format of ../shared/evaluation/README.md, read and checked.

A set is a list of entries (`kind: instrument | process | events`) or a mapping
`{entries: [...], coverage: [...]}` (coverage items: `{source, first_line, last_line}`,
`{source, section}` or `{source}`). A malformed entry stops the reading with a message naming
the file, the line and the entry id (the CLI exits 2); a quote that is not on its line is only a
warning, because the entry still says what the reader found there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from migkg.settings import MigkgError
from migkg.sources.manifest import SourceDocument, find_document

KINDS = ("instrument", "process", "events")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Entry:
    """One hand-read entry; `where` is "file:line" of the entry in the YAML, for messages."""

    id: str
    kind: str
    where: str
    source: str = ""  # the document id (prefixes are resolved on reading)
    line: int = 0
    quote: str = ""
    date: str | None = None
    as_of: str | None = None
    note: str = ""
    country: str = ""
    instrument: str = ""
    counterpart: str = ""
    status: str = ""
    process: str = ""
    fact: str = ""
    value: str = ""
    section: str = ""
    first_line: int = 0
    last_line: int = 0
    rows: int = 0

    @property
    def uncertain(self) -> bool:
        return "uncertain" in self.note.lower()


@dataclass(frozen=True)
class CoverageItem:
    source: str
    first_line: int = 0  # 0: whole document (with no section) or the section's passages
    last_line: int = 0
    section: str = ""


@dataclass
class EvalSet:
    path: Path
    entries: list[Entry]
    coverage: list[CoverageItem] | None = None  # None: derive from the entries
    warnings: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    """YAML turns 2022-07-01 into a date and 2022 into an int: back to the text as written."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def _int(raw: Any, name: str, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise MigkgError(f"{where}: {name} must be a positive integer, got {raw!r}")
    return raw


def _date(raw: Any, name: str, where: str) -> str | None:
    text = _text(raw)
    if text in ("", "null", "None"):
        return None
    if not _DATE.match(text):
        raise MigkgError(f"{where}: {name} must be YYYY, YYYY-MM, YYYY-MM-DD or null: {text!r}")
    return text


REQUIRED = {
    "instrument": ("country", "instrument", "counterpart", "status", "source", "line"),
    "process": ("process", "fact", "value", "source", "line"),
    "events": ("source", "first_line", "last_line", "rows"),
}


def _entry(raw: dict[str, Any], where: str, docs: list[SourceDocument]) -> Entry:
    ident = _text(raw.get("id"))
    if not ident:
        raise MigkgError(f"{where}: entry without an id")
    where = f"{where} (entry {ident})"
    kind = _text(raw.get("kind"))
    if kind not in KINDS:
        raise MigkgError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    missing = [k for k in REQUIRED[kind] if raw.get(k) in (None, "")]
    if missing:
        raise MigkgError(f"{where}: missing {', '.join(missing)}")
    try:
        source = find_document(docs, _text(raw["source"])).id
    except MigkgError as err:
        raise MigkgError(f"{where}: {err}") from None
    common: dict[str, Any] = {"id": ident, "kind": kind, "where": where, "source": source}
    common["note"] = _text(raw.get("note"))
    if kind == "events":
        first = _int(raw["first_line"], "first_line", where)
        last = _int(raw["last_line"], "last_line", where)
        if last < first:
            raise MigkgError(f"{where}: last_line {last} before first_line {first}")
        rows = raw["rows"]
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
            raise MigkgError(f"{where}: rows must be a count, got {rows!r}")
        return Entry(
            **common,
            section=_text(raw.get("section")),
            first_line=first,
            last_line=last,
            rows=rows,
        )
    common.update(
        line=_int(raw["line"], "line", where),
        quote=_text(raw.get("quote")),
        date=_date(raw.get("date"), "date", where),
        as_of=_date(raw.get("as_of"), "as_of", where),
    )
    if kind == "instrument":
        return Entry(
            **common,
            country=_text(raw["country"]),
            instrument=_text(raw["instrument"]),
            counterpart=_text(raw["counterpart"]),
            status=_text(raw["status"]),
        )
    return Entry(
        **common, process=_text(raw["process"]), fact=_text(raw["fact"]), value=_text(raw["value"])
    )


def load_set(path: Path, docs: list[SourceDocument]) -> EvalSet:
    """Read and check a set; a bad file raises MigkgError naming the line and the entry."""
    try:
        text = path.read_text(encoding="utf-8")
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as err:
        raise MigkgError(f"{path}: cannot read: {err}") from err
    except yaml.YAMLError as err:
        raise MigkgError(f"{path}: not valid YAML: {err}") from err
    coverage_node = None
    if isinstance(root, yaml.MappingNode):
        keys = {k.value: v for k, v in root.value}
        if "entries" not in keys:
            raise MigkgError(f"{path}: a mapping set needs an 'entries' list")
        root, coverage_node = keys["entries"], keys.get("coverage")
    if root is None:
        raise MigkgError(f"{path}: empty set")
    if not isinstance(root, yaml.SequenceNode):
        raise MigkgError(f"{path}:{root.start_mark.line + 1}: expected a list of entries")
    constructor = yaml.SafeLoader("")
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for node in root.value:
        where = f"{path}:{node.start_mark.line + 1}"
        raw = constructor.construct_object(node, deep=True)
        if not isinstance(raw, dict):
            raise MigkgError(f"{where}: an entry must be a mapping")
        entry = _entry(raw, where, docs)
        if entry.id in seen:
            raise MigkgError(f"{entry.where}: duplicate id {entry.id} (first at {seen[entry.id]})")
        seen[entry.id] = where
        entries.append(entry)
    coverage = None
    if coverage_node is not None:
        coverage = []
        for item in constructor.construct_object(coverage_node, deep=True) or []:
            if not isinstance(item, dict) or "source" not in item:
                raise MigkgError(f"{path}: coverage items need a source: {item!r}")
            doc = find_document(docs, _text(item["source"])).id
            first, last = int(item.get("first_line") or 0), int(item.get("last_line") or 0)
            coverage.append(CoverageItem(doc, first, last or first, _text(item.get("section"))))
    result = EvalSet(path, entries, coverage)
    result.warnings.extend(_quote_warnings(entries, docs))
    return result


def _quote_warnings(entries: list[Entry], docs: list[SourceDocument]) -> list[str]:
    """Quotes that are not on their line: the set's mistake, reported but still scored."""
    lines: dict[str, list[str]] = {}
    out = []
    for e in entries:
        if e.kind == "events":
            continue
        if e.source not in lines:
            lines[e.source] = find_document(docs, e.source).read_text().split("\n")
        text = lines[e.source]
        if e.line > len(text):
            out.append(f"{e.where}: line {e.line} beyond the end of {e.source}")
        elif e.quote and e.quote not in text[e.line - 1]:
            out.append(f"{e.where}: quote not found on line {e.line} of {e.source}")
    return out
