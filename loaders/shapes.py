"""Which loader reads which document shape (the manifest names the shape)."""

from __future__ import annotations

from migkg.loaders import (
    action_file,
    council_note,
    letter,
    numbered,
    objectives,
    paragraphs,
)
from migkg.loaders.base import LoaderError, ReadFn

SHAPES: dict[str, ReadFn] = {
    "plain-paragraphs": paragraphs.read,
    "numbered-prose": numbered.read,
    "council-state-of-play": council_note.read,
    "action-file-table": action_file.read,
    "commission-objectives-table": objectives.read,
    "letter-with-annex": letter.read,
}

LOADER_VERSION = "0.2.0"


def reader_for(shape: str) -> ReadFn:
    try:
        return SHAPES[shape]
    except KeyError:
        raise LoaderError(
            f"unknown document shape {shape!r}; known shapes: {', '.join(sorted(SHAPES))}"
        ) from None
