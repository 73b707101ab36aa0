"""Shape ``council-state-of-play``: the Council's state-of-play note on external cooperation.

Layout read (docs/reading.md): an optional cover note and table of contents (furniture: before
and including a "Contents" line and its tab-separated "heading TAB page" lines), then
``Part N- ...`` headings (parts), lettered headings ``A. AFRICAN COUNTRIES`` /
``E. THE RABAT PROCESS`` and UPPERCASE headings ``SENEGAL`` (sections), prose paragraphs,
numbered lists, and after a "Key past and upcoming events" caption an event table
(loaders/events.py).
"""

from __future__ import annotations

import re

from migkg.loaders.base import Reading, Spans
from migkg.loaders.events import read_event_table
from migkg.loaders.lines import (
    LIST_MARKER,
    Line,
    blocks_of,
    join_page_breaks,
    lines_of,
    prose_passage,
    skip,
)

PART = re.compile(r"^Part\s*\d+\s*[-–:]", re.I)
LETTERED = re.compile(r"^([A-Z])\.\s+(\S.*)$")
CAPTION = re.compile(r"^key\b.*\bevents?$", re.I)
CONTENTS = re.compile(r"^(?:table of )?contents$", re.I)
TOC_LINE = re.compile(r"^.+(?:\t|\.{3,})\s*\d+\s*$")


def _is_upper_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters)
        and len(text) <= 120
        and all(c.isupper() for c in letters)
        and not text.rstrip().endswith(".")
    )


def heading_kind(text: str) -> str:
    """ "part", "lettered", "caption", "upper" or "" for a one-line block's text."""
    t = text.strip()
    if "\t" in t or len(t) > 160:
        return ""
    if PART.match(t):
        return "part"
    if CAPTION.match(t):
        return "caption"
    m = LETTERED.match(t)
    if m and not t.endswith(".") and len(t) <= 160 and _is_upperish(m.group(2)):
        return "lettered"
    if _is_upper_heading(t):
        return "upper"
    return ""


def _is_upperish(text: str) -> bool:
    """A lettered heading's title: capitalised words ("Western Balkans", "THE RABAT PROCESS")."""
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    return bool(words) and all(w[0].isupper() or w.lower() in _SMALL for w in words)


_SMALL = {"and", "of", "the", "on", "for", "in", "with", "to"}


def front_matter_end(lines: list[Line]) -> int:
    """Index of the first body line: after the table of contents, or 0 when there is none."""
    contents = next((i for i, ln in enumerate(lines) if CONTENTS.match(ln.text.strip())), None)
    if contents is None:
        return 0
    i = contents + 1
    while i < len(lines) and (lines[i].blank or TOC_LINE.match(lines[i].text.strip())):
        i += 1
    return i


def read(doc_id: str, text: str, as_of: str) -> Reading:
    spans = Spans(doc_id, text)
    reading = Reading(doc_id)
    lines = lines_of(spans)
    body_start = front_matter_end(lines)
    if body_start:
        contents = next(i for i, ln in enumerate(lines) if CONTENTS.match(ln.text.strip()))
        _skip_nonblank(reading, lines[:contents], "cover note")
        _skip_nonblank(reading, lines[contents:body_start], "table of contents")
    part = section = ""
    pending_prose: list[list[Line]] = []

    def flush() -> None:
        for block in join_page_breaks(pending_prose, lambda b: not _is_list(b)):
            if _is_list(block):
                for item in _list_items(block):
                    reading.passages.append(
                        prose_passage(spans, item, "bullet", section=section, part=part)
                    )
            else:
                reading.passages.append(
                    prose_passage(spans, block, "paragraph", section=section, part=part)
                )
        pending_prose.clear()

    body = lines[body_start:]
    blocks = blocks_of(body)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if "\t" in block[0].text:
            flush()
            table = list(block)
            # a table goes on across blank lines while tab-separated lines follow
            while i + 1 < len(blocks) and "\t" in blocks[i + 1][0].text:
                i += 1
                table.extend(blocks[i])
            tab_lines = [ln for ln in table if "\t" in ln.text]
            other = [ln for ln in table if "\t" not in ln.text]
            read_event_table(spans, reading, tab_lines, section=section, part=part)
            for ln in other:  # prose lines wedged inside a table (none in the corpus)
                reading.passages.append(
                    prose_passage(spans, [ln], "paragraph", section=section, part=part)
                )
            i += 1
            continue
        kind = heading_kind(block[0].text) if len(block) == 1 else ""
        if kind:
            flush()
            title = block[0].display
            if kind == "part":
                part, section = title, ""
            elif kind == "lettered":
                section = LETTERED.match(title).group(2)  # type: ignore[union-attr]
            elif kind == "upper":
                section = title
            skip(reading, block[0].number, block[0].number, f"heading ({kind})")
        else:
            pending_prose.append(block)
        i += 1
    flush()
    return reading


def _skip_nonblank(reading: Reading, lines: list[Line], why: str) -> None:
    for block in blocks_of(lines):
        skip(reading, block[0].number, block[-1].number, why)


def _is_list(block: list[Line]) -> bool:
    return bool(re.match(r"^\s*\d{1,2}\.\s", block[0].text)) and len(block) >= 1


def _list_items(block: list[Line]) -> list[list[Line]]:
    items: list[list[Line]] = []
    for ln in block:
        if LIST_MARKER.match(ln.text) or not items:
            items.append([ln])
        else:
            items[-1].append(ln)
    return items
