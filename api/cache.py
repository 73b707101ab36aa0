"""HTTP caching: the graph changes only with a build, so an answer is fixed by what was asked.

The ETag hashes the build id, the normalised query (guard.canonical: comments, layout and
keyword case do not change it), the parameters, the dataset and the media type, so it is known
before the query runs: a matching If-None-Match is answered 304 without touching a worker.
"""

from __future__ import annotations

import hashlib


def etag(build_id: str, *parts: object) -> str:
    """A strong ETag (quoted) for an answer of this build."""
    h = hashlib.sha256(build_id.encode("utf-8"))
    for p in parts:
        h.update(b"\x00")
        h.update(repr(p).encode("utf-8"))
    return f'"{h.hexdigest()[:32]}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """True when an If-None-Match header names this ETag (weak or strong) or is `*`."""
    if not if_none_match:
        return False
    for item in if_none_match.split(","):
        item = item.strip()
        if item == "*" or item.removeprefix("W/") == tag:
            return True
    return False


def cache_control(max_age: int) -> str:
    return f"public, max-age={max_age}"
