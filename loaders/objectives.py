"""Shape ``commission-objectives-table``: Markdown-like tables of key objectives and actions.

Layout read (docs/reading.md): a title block (lines before the first table: skipped), tables of
``| left | right |`` rows, rule rows (``|---|---|``: furniture), empty rows (``| | |``:
furniture), the document's column header (the first table's first row: skipped; its cells
name the columns). Every non-empty cell is a passage: role ``bullet`` when it starts with a
bullet sign (the span starts after the sign), ``cell`` otherwise. ``section`` is the key
objective: the run of left-column cells with at least four letters ("Implementation of the" +
"Pact on Migration and Asylum"), kept until the next run starts; one- to three-letter left
cells are conversion debris (a word's first letters, stray bullet glyphs) and do not change it.
Lines outside tables after the first table (footnotes) are paragraphs.
"""

from __future__ import annotations

import itertools
import re

from migkg.loaders.base import Passage, Reading, Spans
from migkg.loaders.lines import Line, lines_of, skip
from migkg.text import display_text

RULE = re.compile(r"^\|?[\s\-:|]+\|?\s*$")
BULLET = re.compile(r"^[•>➢≻▪◦×۶]\s*")


def cells_of(line: Line) -> list[tuple[int, int]]:
    """Offsets of the cells between pipes, surrounding spaces trimmed."""
    text = line.text
    pipes = [i for i, c in enumerate(text) if c == "|"]
    bounds = list(itertools.pairwise(pipes))
    if pipes and text[pipes[-1] + 1 :].strip():
        bounds.append((pipes[-1], len(text)))
    out = []
    for a, b in bounds:
        s, e = a + 1, b
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((line.start + s, line.start + e))
    return out


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


def read(doc_id: str, text: str, as_of: str) -> Reading:
    spans = Spans(doc_id, text)
    reading = Reading(doc_id)
    lines = lines_of(spans)
    first = next((i for i, ln in enumerate(lines) if ln.text.lstrip().startswith("|")), None)
    if first is None:
        reading.warnings.append("no table found")
        first = len(lines)
    for ln in lines[:first]:
        if not ln.blank:
            skip(reading, ln.number, ln.number, "title block")
    columns: list[str] = []
    rows: list[tuple[Line, list[tuple[int, int]]]] = []
    for i, ln in enumerate(lines[first:], start=first):
        t = ln.text.strip()
        if not t:
            continue
        if not t.startswith("|"):
            rows.append((ln, []))
            continue
        if RULE.match(t):
            skip(reading, ln.number, ln.number, "table rule")
            continue
        cells = cells_of(ln)
        if not any(e > s for s, e in cells):
            skip(reading, ln.number, ln.number, "empty table row")
            continue
        if i == first:
            columns = [display_text(text[s:e]) for s, e in cells]
            skip(reading, ln.number, ln.number, "table header")
            continue
        rows.append((ln, cells))
    objectives = _objectives(text, rows)
    for (ln, cells), objective in zip(rows, objectives, strict=True):
        if not cells:
            reading.passages.append(spans.passage(ln.start, ln.end, "paragraph", section=objective))
            continue
        for col, (s, e) in enumerate(cells):
            if not display_text(text[s:e]):  # empty, or markup only ("<u> </u>")
                continue
            if len(cells) == 1 and columns:
                column = columns[-1]
            else:
                column = columns[col] if col < len(columns) else f"column {col + 1}"
            reading.passages.append(_cell(spans, s, e, column, objective))
    return reading


def _cell(spans: Spans, s: int, e: int, column: str, objective: str) -> Passage:
    raw = spans.text[s:e]
    marker = BULLET.match(raw)
    if marker and display_text(raw[marker.end() :]):
        return spans.passage(s + marker.end(), e, "bullet", section=objective, column=column)
    return spans.passage(s, e, "cell", section=objective, column=column)


def _objectives(text: str, rows: list[tuple[Line, list[tuple[int, int]]]]) -> list[str]:
    """The key objective each row belongs to (runs of substantial left cells, joined)."""
    runs: list[list[str]] = []
    index: list[int] = []
    in_run = False
    for _ln, cells in rows:
        left = display_text(text[cells[0][0] : cells[0][1]]) if len(cells) >= 2 else ""
        if _letters(left) >= 4:
            if not in_run:
                runs.append([])
            runs[-1].append(left)
            in_run = True
        else:
            in_run = False
        index.append(len(runs) - 1)
    names = [" ".join(r) for r in runs]
    return [names[i] if i >= 0 else "" for i in index]
