"""Event tables ("Key past and upcoming events"): one EventRow per logical row.

A table is a run of tab-separated lines (date TAB event TAB comment); blank lines inside it do
not end it. A logical row starts at a line whose first cell is non-empty; following lines whose
first cell is empty continue it (the PDF broke the row over a page). The row passage spans the
row's first to last physical line; each cell becomes a cell passage (fragments of one cell on
several lines are one passage when only whitespace lies between them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migkg.loaders.base import EventRow, Reading, Spans
from migkg.loaders.dates import parse_date_cell
from migkg.loaders.lines import Line
from migkg.text import display_text

COLUMNS = ("date", "event", "comment")


@dataclass
class LogicalRow:
    lines: list[Line] = field(default_factory=list)
    # per column: (start, end) offsets of each non-empty fragment
    cells: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def cell_offsets(line: Line) -> list[tuple[int, int]]:
    """Offsets of each tab-separated cell of a line, surrounding spaces trimmed."""
    out = []
    pos = line.start
    for part in line.text.split("\t"):
        s, e = pos, pos + len(part)
        lead = len(part) - len(part.lstrip())
        trail = len(part) - len(part.rstrip())
        out.append((s + lead, max(s + lead, e - trail)))
        pos = e + 1
    return out


def logical_rows(table: list[Line]) -> list[LogicalRow]:
    rows: list[LogicalRow] = []
    for line in table:
        if line.blank:
            continue
        cells = cell_offsets(line)
        s0, e0 = cells[0]
        starts_row = bool(display_text(line.text[s0 - line.start : e0 - line.start]))
        if starts_row or not rows:
            rows.append(LogicalRow())
        row = rows[-1]
        row.lines.append(line)
        for i, (s, e) in enumerate(cells):
            if display_text(line.text[s - line.start : e - line.start]):
                row.cells.setdefault(i, []).append((s, e))
    return rows


def merged_fragments(text: str, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join fragments of one cell when only whitespace separates them in the file."""
    out: list[tuple[int, int]] = []
    for s, e in frags:
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def read_event_table(
    spans: Spans, reading: Reading, table: list[Line], *, section: str, part: str
) -> int:
    """Add the row and cell passages and one EventRow per logical row; return the row count."""
    rows = logical_rows(table)
    texts = []
    for row in rows:
        date_frags = row.cells.get(0, [])
        texts.append(" ".join(spans.text[s:e] for s, e in date_frags))
    first_pass = [parse_date_cell(t)[0] for t in texts]
    previous = ""
    for i, row in enumerate(rows):
        following = next((d.earliest for d in first_pass[i + 1 :] if d.earliest), "")
        date, place = parse_date_cell(texts[i], previous=previous, following=following)
        if date.earliest:
            previous = date.earliest
        key = display_text(texts[i])
        passage = spans.passage(
            row.lines[0].start, row.lines[-1].end, "row", section=section, part=part, row_key=key
        )
        reading.passages.append(passage)
        values: dict[int, str] = {}
        for col, frags in sorted(row.cells.items()):
            pieces = []
            for s, e in merged_fragments(spans.text, frags):
                cell = spans.passage(
                    s,
                    e,
                    "cell",
                    section=section,
                    part=part,
                    column=COLUMNS[col] if col < len(COLUMNS) else f"column {col + 1}",
                    row_key=key,
                )
                reading.passages.append(cell)
                pieces.append(cell.display)
            values[col] = " ".join(pieces)
        if len(row.cells) > len(COLUMNS) or 0 not in row.cells:
            reading.warnings.append(
                f"line {row.lines[0].number}: event row with "
                + ("no date cell" if 0 not in row.cells else "more than three cells")
            )
        reading.events.append(
            EventRow(
                passage=passage,
                date=date,
                title=values.get(1, ""),
                comment=values.get(2, ""),
                place=place,
                subject=section,
            )
        )
    return len(rows)
