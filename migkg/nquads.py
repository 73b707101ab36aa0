"""The one serialisation routine for the built graph: sorted canonical N-Quads (UTF-8, LF).

Byte-for-byte determinism is by construction: no blank nodes (refused here), canonical literal
forms (checked here), one line per quad, lines sorted by code point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from migkg.settings import MigkgError

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_ESC_RE = re.compile(r'[\\"\n\r]')
_CANONICAL = {
    XSD.boolean: re.compile(r"^(true|false)$"),
    XSD.integer: re.compile(r"^(0|-?[1-9][0-9]*)$"),
    XSD.date: re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def iri(term: URIRef) -> str:
    if _BAD_IRI.search(term):
        raise MigkgError(f"IRI with characters N-Quads forbids: {term!r}")
    return f"<{term}>"


def literal(term: Literal) -> str:
    body = '"' + _ESC_RE.sub(lambda m: _ESCAPES[m.group()], str(term)) + '"'
    if term.language:
        return f"{body}@{term.language.lower()}"
    dt = term.datatype
    if dt is None or dt == XSD.string:
        return body
    pattern = _CANONICAL.get(dt)
    if pattern and not pattern.match(str(term)):
        raise MigkgError(f"non-canonical {dt} literal {str(term)!r}")
    return f"{body}^^{iri(dt)}"


def term_nq(term: object) -> str:
    if isinstance(term, BNode):
        raise MigkgError(f"blank node in the built graph: _:{term}")
    if isinstance(term, URIRef):
        return iri(term)
    if isinstance(term, Literal):
        return literal(term)
    raise MigkgError(f"unexpected term {term!r}")


def quad_lines(quads: Iterable[Quad]) -> list[str]:
    # Terms repeat a lot (predicates, graphs, classes): serialise each distinct term once.
    # rdflib terms compare equal across types (Literal("1") == URIRef("1") is False, but two
    # literals with equal value and datatype are equal), so key on (type, term).
    cache: dict[tuple[type, object], str] = {}

    def nq(term: object) -> str:
        key = (type(term), term)
        out = cache.get(key)
        if out is None:
            out = cache[key] = term_nq(term)
        return out

    lines = {f"{nq(s)} {nq(p)} {nq(o)} {nq(g)} .\n" for s, p, o, g in quads}
    return sorted(lines)


def dataset_quads(ds: Dataset) -> Iterable[Quad]:
    for s, p, o, g in ds.quads((None, None, None, None)):
        if g is None or not isinstance(g, URIRef) or str(g).startswith("urn:x-rdflib:"):
            raise MigkgError(f"triple outside a named graph: {s} {p} {o}")
        yield s, p, o, g  # type: ignore[misc]


def write_nquads(quads: Iterable[Quad], path: Path) -> int:
    """Write sorted canonical N-Quads; returns the number of quads."""
    lines = quad_lines(quads)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
    return len(lines)


def date_literal(value: date | str) -> Literal:
    text = value.isoformat() if isinstance(value, date) else value
    return Literal(text, datatype=XSD.date)


def bool_literal(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def int_literal(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)
