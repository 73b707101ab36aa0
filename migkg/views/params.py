"""One validation layer for parameter values from the outside (URL, CLI): IRIs, dates, integers,
entity keys. Every route and `migkg query` uses these, so a value is judged the same way
everywhere and a bad one is a 400 (or a CLI message), never a 500 or a silently ignored filter.

Each check is a full match on ASCII classes: `$` in a regular expression also matches before a
trailing newline, and `\\d` matches any Unicode digit, so "2024-01-01\\n" and "٢٠٢٤-01-01" got
through the checks these replace. Dates go through `date.fromisoformat` as well, so 2024-02-30
is refused rather than compared as a string.
"""

from __future__ import annotations

import datetime
import re

from migkg.settings import MigkgError

# RFC 3987: a scheme, then no space, no control character (C0, DEL, C1) and none of <>"{}|\^`
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?[0-9]{1,18}")
# the key of an /id/ IRI: path segments of unreserved characters (docs/decisions/0001-iris.md)
_KEY = re.compile(r"[A-Za-z0-9._~+-]+(?:/[A-Za-z0-9._~+-]+)*")


class ParamError(MigkgError):
    """A parameter value that is not of its type: 400 over HTTP, a message on the CLI."""


def iri(name: str, raw: str) -> str:
    """An absolute IRI, whole: no control character, space or character IRIs forbid."""
    if not _IRI.fullmatch(raw):
        raise ParamError(f"parameter {name} must be an absolute IRI, got {raw!r}")
    return raw


def looks_like_iri(raw: str) -> bool:
    """Whether a value is meant as an IRI (a scheme before a colon), not a name or a code."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", raw) is not None


def date(name: str, raw: str) -> str:
    """A calendar date YYYY-MM-DD that exists (no 2024-13-45, no 2024-02-30)."""
    if not _DATE.fullmatch(raw):
        raise ParamError(f"parameter {name} must be a date YYYY-MM-DD, got {raw!r}")
    try:
        datetime.date.fromisoformat(raw)
    except ValueError as err:
        raise ParamError(f"parameter {name} is not a calendar date: {raw!r} ({err})") from None
    return raw


def integer(name: str, raw: str, low: int | None = None, high: int | None = None) -> int:
    """A whole number in ASCII digits, within [low, high] when given."""
    if not _INTEGER.fullmatch(raw):
        raise ParamError(f"parameter {name} must be an integer, got {raw!r}")
    value = int(raw)
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{low if low is not None else '...'} to {high if high is not None else '...'}"
        raise ParamError(f"parameter {name} must be from {bounds}, got {value}")
    return value


def boolean(name: str, raw: str) -> bool:
    """true/false (also 1/0, yes/no, on/off, as FastAPI accepted before)."""
    folded = raw.strip().lower()
    if folded in ("true", "1", "yes", "on"):
        return True
    if folded in ("false", "0", "no", "off"):
        return False
    raise ParamError(f"parameter {name} must be true or false, got {raw!r}")


def entity_key(raw: str) -> str:
    """The part of an /id/ path after the kind: segments of unreserved ASCII characters."""
    if not _KEY.fullmatch(raw):
        raise ParamError(f"not an entity key: {raw!r}")
    return raw
