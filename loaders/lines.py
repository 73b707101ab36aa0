"""Physical lines and the prose rules every shape shares (blocks, page-break joins, headings).

Loaders work line by line because the files are PDF conversions: a line is the one unit all of
them keep. Nothing here knows a particular file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from migkg.loaders.base import Passage, Reading, Spans
from migkg.text import display_text

TERMINAL = re.compile(r"[.!?:;,]\W*$")
"""A line that ends a sentence or clause (closing quotes, brackets and ** may follow)."""

LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}\.(?=\s)|[•\-–>➢≻▪◦]|o(?=\s+[A-Z0-9]))\s*")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def display(self) -> str:
        return display_text(self.text)


def lines_of(spans: Spans) -> list[Line]:
    out = []
    for n in range(1, spans.line_count + 1):
        start, end = spans.line_span(n)
        out.append(Line(n, start, end, spans.text[start:end]))
    # a final newline yields an empty last "line": drop it
    if out and out[-1].start == len(spans.text):
        out.pop()
    return out


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(display_text(text)))


def skip(reading: Reading, first: int, last: int, why: str) -> None:
    """Record lines that are deliberately not passages (headings, page furniture)."""
    reading.skipped.append((first, last, why))


def prose_passage(spans: Spans, lines: list[Line], role: str = "paragraph", **kw: str) -> Passage:
    """One passage from the first to the last of these lines (blank lines inside are kept)."""
    return spans.passage(lines[0].start, lines[-1].end, role, **kw)


def join_page_breaks(
    blocks: list[list[Line]], is_prose: Callable[[list[Line]], bool]
) -> list[list[Line]]:
    """Join a block to the previous one when a page break cut a sentence in two.

    The previous block must be prose and not end a sentence, and the next one must be prose
    (``is_prose`` says which blocks are). The joined passage then spans the blank lines.
    """
    out: list[list[Line]] = []
    for block in blocks:
        if out and is_prose(out[-1]) and is_prose(block) and not ends_sentence(out[-1][-1].text):
            out[-1] = out[-1] + block
        else:
            out.append(block)
    return out


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive non-blank lines."""
    out: list[list[Line]] = []
    cur: list[Line] = []
    for line in lines:
        if line.blank:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        out.append(cur)
    return out
