"""Shape ``letter-with-annex``: hard-wrapped letter prose, then an annex of bullets per topic.

Layout read (docs/reading.md), line by line:
- page furniture is skipped: the Commission's address footer, ``Ref. Ares(...)`` lines, bare
  page numbers; the line after "Yours sincerely," is the signature (skipped);
- a line starting with a bullet sign (``•``, ``>``, ``o``, ``-``, ``➢``) starts a bullet whose
  span begins after the sign;
- a heading is a short line (< 60 characters) without final punctuation that does not start in
  lower case, met at the start of a new block (after a blank line, after a finished sentence,
  or indented by the conversion); consecutive short lines extend it ("Strengthening / external
  borders / and prevention of / irregular Migration"); UPPERCASE headings set ``part`` and
  ``section``, others ``section``;
- every other line continues the open paragraph or bullet, across blank lines too when the
  text so far does not end a sentence (a page break cut it), unless the line is indented (the
  conversion jumped to another column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from migkg.loaders.base import Reading, Spans
from migkg.loaders.lines import Line, ends_sentence, lines_of, skip

FURNITURE = re.compile(
    r"^\s*(?:Commission europ[ée]enne|Europese Commissie|Ref\.\s*Ares\(|-?\s*\d{1,3}\s*-?\s*$)"
)
CLOSING = re.compile(r"^\s*Yours (?:sincerely|faithfully)", re.I)
MARKER = re.compile(r"^\s*(?:[•>➢▪◦\-–]|o(?=\s))\s+")
HEADING_MAX = 60


@dataclass
class Item:
    kind: str  # paragraph | bullet | heading
    lines: list[Line] = field(default_factory=list)
    start: int = 0  # offset where the passage starts (after a bullet sign)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_OPEN_END = re.compile(r"\b(?:a|an|and|as|at|between|by|for|in|of|on|or|the|to|with)$")


def _heading_like(line: Line, following: Line | None) -> bool:
    """Short, unpunctuated, capitalised, and not the first line of a wrapped sentence."""
    t = line.display
    return (
        0 < len(t) < HEADING_MAX
        and not ends_sentence(t)
        and t[0].isupper()
        and not _OPEN_END.search(t)
        and not MARKER.match(line.text)
        and not (len(t) >= 40 and following is not None and following.display[:1].islower())
    )


def read(doc_id: str, text: str, as_of: str) -> Reading:
    spans = Spans(doc_id, text)
    reading = Reading(doc_id)
    items: list[Item] = []
    cur: Item | None = None
    gap = False
    signature_next = False

    def close() -> None:
        nonlocal cur
        if cur is not None:
            items.append(cur)
        cur = None

    lines = lines_of(spans)
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) and not lines[i + 1].blank else None
        if line.blank:
            gap = cur is not None or gap
            continue
        indented = line.text[:1].isspace()
        if FURNITURE.match(line.text):
            close()
            skip(reading, line.number, line.number, "page furniture")
            gap = False
            continue
        if signature_next:
            close()
            skip(reading, line.number, line.number, "signature")
            signature_next, gap = False, False
            continue
        if CLOSING.match(line.text):
            signature_next = True
        marker = MARKER.match(line.text)
        if marker:
            close()
            cur = Item("bullet", [line], line.start + marker.end())
        elif (
            cur is not None
            and cur.kind == "heading"
            and len(line.display) < HEADING_MAX
            and (not gap or (_upper(line.display) and _upper(cur.lines[-1].display)))
        ):
            cur.lines.append(line)
        elif _heading_like(line, following) and (
            cur is None or gap or indented or ends_sentence(cur.lines[-1].text)
        ):
            close()
            cur = Item("heading", [line], line.start)
        elif (
            cur is not None
            and cur.kind != "heading"
            and not indented
            and (not gap or not ends_sentence(cur.lines[-1].text))
        ):
            cur.lines.append(line)
        else:
            close()
            cur = Item("paragraph", [line], line.start)
        gap = False
    close()
    part = section = ""
    for item in items:
        first, last = item.lines[0], item.lines[-1]
        if item.kind == "heading":
            title = " ".join(ln.display for ln in item.lines)
            section = title
            if _upper(title):
                part = title
            skip(reading, first.number, last.number, "heading")
            continue
        reading.passages.append(
            spans.passage(item.start, last.end, item.kind, section=section, part=part)
        )
    reading.skipped.sort()
    return reading
