"""Sentences, cells and bullets inside a passage's display text (issue 6).

A quote must lie within one sentence, cell or bullet (0002), and the extractor pairs an
instrument with a status inside one such unit. A passage may be a paragraph of wrapped lines,
a whole table (tab-separated or Markdown rows) or a single cell, depending on the loader; this
module finds the units in any of these:

- a line holding a tab or a Markdown pipe is a table row: each cell is a unit, and cells split
  further at HTML block tags (``<li>``, ``<p>``, ``<br>``);
- a line starting with a bullet sign starts a new unit;
- other lines are joined (prose wraps over physical lines);
- each unit splits into sentences at a full stop, question or exclamation mark followed by a
  capital, a digit, a bullet or an opening bracket, except after a known abbreviation; a
  semicolon splits a sentence into clauses the same way (clauses are what statuses pair in).

Every unit's text is a substring of the passage's display text (``Unit.start`` is its offset
there), so a quote cut from a unit passes the evidence check by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migkg.text import display_text

_BLOCK_TAG = re.compile(r"</?(?:li|p|br|ul|ol|div|tr|td)\b[^>\n]{0,200}>", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪◦●o\-–*]\s+|\(?[a-z0-9]{1,3}[.)]\s+(?=[A-Z]))")
_BULLET_INLINE = re.compile(r"(?<=\s)(?=[•▪●]\s)")
_ABBREV = re.compile(
    r"(?:\b(?:Art|art|No|no|Mr|Mrs|Ms|Dr|St|vs|cf|i\.a|e\.g|i\.e|etc|approx|incl|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|p|pp|para|Co|Ltd|Inc|Rev|Vol|Nr|COM|ADD|Doc|doc)"
    r"|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9•(\"“‘'])")
_CLAUSE_END = re.compile(r";\s+")
_DATEISH = re.compile(
    r"^\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[A-Z][a-z]+|^\s*[A-Z][a-z]+\s+\d{4}|^\s*\d{4}|^\s*Q[1-4]"
)


@dataclass(frozen=True)
class Unit:
    """A sentence or clause of a passage's display text."""

    text: str
    start: int  # offset in the passage's display text
    kind: str  # prose | cell | bullet
    row: int  # index of the table row / prose block the unit belongs to (0-based)
    cell: int  # index of the cell in its row (0 for prose)
    row_date: str = ""  # the row's first cell when it reads as a date (tables)
    sentence: int = 0  # index of the sentence within its cell/block
    clause_of: tuple[int, int] = (0, 0)  # (start, end) of the whole sentence in the display


def _blocks(raw: str) -> list[tuple[str, int, list[str]]]:
    """(kind, row index, raw pieces) in order: table rows give cells, prose gives one piece."""
    out: list[tuple[str, int, list[str]]] = []
    prose: list[str] = []
    kind = "prose"
    row = 0

    def flush() -> None:
        nonlocal prose, row
        if prose and "".join(prose).strip():
            out.append((kind, row, ["\n".join(prose)]))
            row += 1
        prose = []

    for line in raw.split("\n"):
        stripped = line.strip()
        if "\t" in line or (stripped.startswith("|") and stripped.count("|") >= 2):
            flush()
            cells = line.split("\t") if "\t" in line else stripped.strip("|").split("|")
            out.append(("cell", row, cells))
            row += 1
            kind = "prose"
            continue
        if not stripped:
            flush()
            kind = "prose"
            continue
        if _BULLET.match(line):
            flush()
            kind = "bullet"
        prose.append(line)
    flush()
    return out


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in pattern.finditer(text):
        head = text[start : m.start()].rstrip("\"'”’)")
        if pattern is _SENT_END and _ABBREV.search(head):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def units(raw: str) -> list[Unit]:
    """The sentences/clauses of a passage, each located in ``display_text(raw)``."""
    display = display_text(raw)
    out: list[Unit] = []
    cursor = 0
    for kind, row, pieces in _blocks(raw):
        row_date = ""
        if kind == "cell" and pieces:
            first = display_text(pieces[0])
            if first and _DATEISH.match(first) and len(first) <= 60:
                row_date = first
        for ci, piece in enumerate(pieces):
            for sub in _BLOCK_TAG.split(piece):
                for part in _BULLET_INLINE.split(display_text(sub)):
                    text = part.strip()
                    if not text:
                        continue
                    at = display.find(text, cursor)
                    if at < 0:
                        at = display.find(text)
                        if at < 0:
                            continue
                    else:
                        cursor = at + len(text)
                    ukind = "bullet" if kind != "cell" and _BULLET.match(text) else kind
                    for si, (a, b) in enumerate(_split(text, _SENT_END)):
                        for ca, cb in _split(text[a:b], _CLAUSE_END):
                            s = text[a + ca : a + cb].strip()
                            if not s:
                                continue
                            off = (
                                at
                                + a
                                + ca
                                + (len(text[a + ca : a + cb]) - len(text[a + ca : a + cb].lstrip()))
                            )
                            out.append(Unit(s, off, ukind, row, ci, row_date, si, (at + a, at + b)))
    return out
