"""The plainest shape: blocks of text separated by blank lines, one passage each.

Every shape-specific loader falls back on it for text it has no better structure for.
"""

from __future__ import annotations

import re

from migkg.loaders.base import Reading, Spans

_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def read(doc_id: str, text: str, as_of: str) -> Reading:
    spans = Spans(doc_id, text)
    reading = Reading(doc_id)
    for m in _BLOCK.finditer(text):
        reading.passages.append(spans.passage(m.start(), m.end(), "paragraph"))
    return reading
