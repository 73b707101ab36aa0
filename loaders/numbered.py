"""Shape ``numbered-prose``: a Commission report in numbered sections (the 2007 progress report).

Layout read (docs/reading.md): a cover note and title page (furniture: every line before the
body, which starts at the first long paragraph line or the first numbered heading), numbered
headings ``1. WORKING WITH AFRICA`` (part and section) and ``1.1. Policy dialogue`` (section),
unnumbered sub-headings (short lines without final punctuation: skipped as headings), and
paragraphs, one physical line each, joined across page breaks that cut a sentence.
"""

from __future__ import annotations

import re

from migkg.loaders.base import Reading, Spans
from migkg.loaders.lines import (
    Line,
    blocks_of,
    ends_sentence,
    join_page_breaks,
    lines_of,
    prose_passage,
    skip,
)

NUMBERED = re.compile(r"^(\d+)((?:\.\d+)*)\.?\s+\S")
BODY_LINE = 120  # a paragraph line is at least this long; a cover note's lines are not


def is_numbered_heading(text: str) -> bool:
    t = text.strip().replace("**", "")
    return bool(NUMBERED.match(t)) and len(t) <= 150 and not t.endswith(".")


def is_subheading(block: list[Line]) -> bool:
    t = block[0].display
    return (
        len(block) == 1
        and len(t) <= 100
        and not ends_sentence(t)
        and t[:1].isupper()
        and not is_numbered_heading(t)
    )


def read(doc_id: str, text: str, as_of: str) -> Reading:
    spans = Spans(doc_id, text)
    reading = Reading(doc_id)
    lines = lines_of(spans)
    start = next(
        (
            i
            for i, ln in enumerate(lines)
            if len(ln.text.strip()) >= BODY_LINE or is_numbered_heading(ln.text)
        ),
        len(lines),
    )
    for block in blocks_of(lines[:start]):
        skip(reading, block[0].number, block[-1].number, "cover note and title page")
    part = section = ""
    pending: list[list[Line]] = []

    def flush() -> None:
        for block in join_page_breaks(pending, lambda b: True):
            reading.passages.append(
                prose_passage(spans, block, "paragraph", section=section, part=part)
            )
        pending.clear()

    for block in blocks_of(lines[start:]):
        if len(block) == 1 and is_numbered_heading(block[0].text):
            flush()
            title = block[0].display
            m = NUMBERED.match(title)
            assert m is not None
            section = title
            if not m.group(2):
                part = title
            skip(reading, block[0].number, block[0].number, "heading (numbered)")
        elif is_subheading(block):
            flush()
            skip(reading, block[0].number, block[0].number, "heading (sub-heading)")
        else:
            pending.append(block)
    flush()
    return reading
