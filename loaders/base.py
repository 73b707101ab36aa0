"""What every loader returns: passages (0002) and event rows (0004), nothing RDF-specific.

A loader sees only the text and the document's metadata; it must not know line numbers or
offsets of a particular file. The build turns a Reading into RDF (migkg/build/emit.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from migkg.text import display_text, line_starts


class LoaderError(Exception):
    """The document cannot be read as the shape says (clear message, names the document)."""


@dataclass(frozen=True)
class Passage:
    doc_id: str
    start: int  # code-point offset, inclusive
    end: int  # code-point offset, exclusive
    first_line: int  # 1-based
    last_line: int
    raw: str
    role: str  # paragraph | heading | cell | bullet | row | sentence | title
    section: str = ""  # heading text of the enclosing section, e.g. "SENEGAL"
    part: str = ""  # higher-level division, e.g. "Part 1- Bilateral dialogues"
    column: str = ""  # table column name for cells
    row_key: str = ""  # identifies the table row a cell belongs to

    @property
    def display(self) -> str:
        return display_text(self.raw)


@dataclass(frozen=True)
class DateValue:
    text: str
    edtf: str  # "" when the text cannot be parsed
    earliest: str  # ISO date or ""
    latest: str
    precision: str  # day | month | season | quarter | half-year | year | range | unknown
    tbc: bool = False
    year_inferred: bool = False
    occurrences: tuple[str, ...] = ()  # EDTF of each date when one row lists several
    cancelled: bool = False  # "March 2020-cancelled, new date tbc": the printed date did not hold


@dataclass(frozen=True)
class EventRow:
    passage: Passage  # the whole logical row (first line to last continuation line)
    date: DateValue
    title: str
    comment: str
    place: str
    subject: str  # the section the table belongs to (country or process heading)


@dataclass
class Reading:
    doc_id: str
    passages: list[Passage] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last, why)
    warnings: list[str] = field(default_factory=list)


class Spans:
    """Turns offsets into line numbers and passages for one text."""

    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id = doc_id
        self.text = text
        self._starts = line_starts(text)

    def line_of(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self._starts, offset)

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line without its newline (and without a trailing CR)."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def passage(self, start: int, end: int, role: str, **kw: str) -> Passage:
        """A passage over [start, end) with surrounding whitespace trimmed off the span."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Passage(
            doc_id=self.doc_id,
            start=start,
            end=end,
            first_line=self.line_of(start),
            last_line=self.line_of(max(start, end - 1)),
            raw=self.text[start:end],
            role=role,
            **kw,
        )


ReadFn = Callable[[str, str, str], Reading]
"""read(doc_id, text, as_of) -> Reading"""
