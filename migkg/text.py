"""Display text: the one function that turns a raw span into what a person reads (0002)."""

from __future__ import annotations

import re

_TAG = re.compile(r"<[^>\n]{1,200}>")
_BOLD = re.compile(r"\*\*")
_WS = re.compile(r"\s+")
_EDGE_PIPES = re.compile(r"^(?:\s*\|)+|(?:\|\s*)+$")


def display_text(raw: str) -> str:
    """Strip markup (HTML tags, ``**`` bold markers, table pipes at the edges), collapse spaces.

    Quotes are checked against this text, so it must be a pure function of the raw span.
    """
    text = _TAG.sub(" ", raw)
    text = _BOLD.sub("", text)
    text = _EDGE_PIPES.sub(" ", text)
    return _WS.sub(" ", text).strip()


def line_starts(text: str) -> list[int]:
    """Code-point offset of the start of each physical line (index 0 is line 1)."""
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts
