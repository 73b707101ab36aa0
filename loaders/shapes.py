"""Which loader reads which document shape (the manifest names the shape)."""

from __future__ import annotations

from migkg.loaders import paragraphs
from migkg.loaders.base import LoaderError, ReadFn

SHAPES: dict[str, ReadFn] = {
    "plain-paragraphs": paragraphs.read,
    "numbered-prose": paragraphs.read,
    "council-state-of-play": paragraphs.read,
    "action-file-table": paragraphs.read,
    "commission-objectives-table": paragraphs.read,
    "letter-with-annex": paragraphs.read,
}

LOADER_VERSION = "0.1.0"


def reader_for(shape: str) -> ReadFn:
    try:
        return SHAPES[shape]
    except KeyError:
        raise LoaderError(
            f"unknown document shape {shape!r}; known shapes: {', '.join(sorted(SHAPES))}"
        ) from None
