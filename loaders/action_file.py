"""Shape ``action-file-table``: the Council's action file, one big tab-separated table.

Layout read (docs/reading.md): a cover note (lines before the table header; tab lines such as
``From:\\tPresidency`` included), the header row (``Action TAB Lead actor(s) TAB ...``, repeated
on every page: skipped), chapter rows (``I. Preventing ...`` alone in the first cell: headings),
action rows starting with a numbered first cell (``1. Strengthen ...``) and their continuation
lines (the first cell empty or holding the rest of the action's title after a page break).
Every non-empty cell is a passage (role ``cell``, column = header); every ``<li>`` or ``<p>``
item of a cell that holds several items is a ``bullet`` passage inside it, its span starting
after a leading "- " marker. Page markings (``PUBLIC``) are furniture; footnotes are paragraphs.
"""

from __future__ import annotations

import re

from migkg.loaders.base import Reading, Spans
from migkg.loaders.events import cell_offsets
from migkg.loaders.lines import Line, lines_of, skip
from migkg.text import display_text

ACTION = re.compile(r"^(\d+)\.\s")
CHAPTER = re.compile(r"^([IVX]+)\.(?:\s|$)")
MARKING = re.compile(r"^(?:PUBLIC|LIMITE|RESTREINT UE)$")
ITEM = re.compile(r"<(li|p)\b[^>]*>(.*?)</\1>", re.S)
DASH = re.compile(r"^\s*[-–•]\s*")


def read(doc_id: str, text: str, as_of: str) -> Reading:
    spans = Spans(doc_id, text)
    reading = Reading(doc_id)
    lines = lines_of(spans)
    header_i = next((i for i, ln in enumerate(lines) if ln.text.count("\t") >= 2), None)
    if header_i is None:
        reading.warnings.append("no table header row found: read as paragraphs")
        header_i = len(lines)
    for ln in lines[:header_i]:
        if not ln.blank:
            skip(reading, ln.number, ln.number, "cover note")
    if header_i == len(lines):
        return reading
    header = [display_text(c) for c in lines[header_i].text.split("\t")]
    header_key = lines[header_i].text.strip()
    part = ""
    # group table lines into actions: (number, title, lines)
    actions: list[tuple[str, list[Line]]] = []
    current: list[Line] | None = None  # lines of the action being read (footnotes do not end it)
    for ln in lines[header_i:]:
        if ln.blank:
            continue
        if "\t" not in ln.text:
            if MARKING.match(ln.text.strip()):
                skip(reading, ln.number, ln.number, "page marking")
            else:
                actions.append(("footnote", [ln]))
            continue
        if ln.text.strip() == header_key:
            skip(reading, ln.number, ln.number, "table header")
            continue
        cells = [display_text(c) for c in ln.text.split("\t")]
        first, rest = cells[0], [c for c in cells[1:] if c]
        if first and not rest and CHAPTER.match(first):
            actions.append(("chapter", [ln]))
            current = None
        elif ACTION.match(first) or current is None:
            if not ACTION.match(first):
                reading.warnings.append(f"line {ln.number}: table row outside any numbered action")
            current = [ln]
            actions.append(("action", current))
        else:
            current.append(ln)
    for kind, group in actions:
        if kind == "chapter":
            part = display_text(group[0].text.split("\t")[0])
            skip(reading, group[0].number, group[0].number, "heading (chapter row)")
            continue
        if kind == "footnote":
            reading.passages.append(
                spans.passage(group[0].start, group[0].end, "paragraph", part=part)
            )
            continue
        title = " ".join(t for t in (display_text(ln.text.split("\t")[0]) for ln in group) if t)
        m = ACTION.match(title)
        key = m.group(1) if m else ""
        for ln in group:
            for col, (s, e) in enumerate(cell_offsets(ln)):
                if not display_text(text[s:e]):  # empty, or markup only
                    continue
                column = header[col] if col < len(header) else f"column {col + 1}"
                kw = {"section": title, "part": part, "column": column, "row_key": key}
                reading.passages.append(spans.passage(s, e, "cell", **kw))
                reading.passages.extend(_items(spans, s, e, kw))
    return reading


def _items(spans: Spans, start: int, end: int, kw: dict[str, str]) -> list:
    """Bullet passages for the ``<li>``/``<p>`` items of a cell holding more than one."""
    cell = spans.text[start:end]
    found = list(ITEM.finditer(cell))
    if len(found) < 2 and not any(m.group(1) == "li" for m in found):
        return []
    out = []
    for m in found:
        s, e = start + m.start(2), start + m.end(2)
        dash = DASH.match(spans.text[s:e])
        if dash:
            s += dash.end()
        if not display_text(spans.text[s:e]):
            continue
        out.append(spans.passage(s, e, "bullet", **kw))
    return out
