"""The one serialisation routine for the built graph: sorted canonical N-Quads (UTF-8, LF).

Byte-for-byte determinism is by construction: no blank nodes (refused here), canonical literal
forms (checked here), one line per quad, lines sorted by code point.

A term's N-Quads form is its *token* (``<iri>``, ``"text"@en``, ``"1"^^<...#integer>``). The
build keeps its quads as tokens (migkg/rdf/quads.py) and writes them straight from strings
(``iri_token``, ``literal_token``...), without constructing rdflib terms; ``term_nq`` turns an
rdflib term into the same token and ``parse_term`` turns a token back into the rdflib term.
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
# reading accepts every N-Quads escape, writing makes only the four above
_FULL_UNESC_RE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE_ESCAPES = {
    "t": "\t",
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "f": "\f",
    '"': '"',
    "'": "'",
    "\\": "\\",
}
_CANONICAL = {
    str(XSD.boolean): re.compile(r"^(true|false)$"),
    str(XSD.integer): re.compile(r"^(0|-?[1-9][0-9]*)$"),
    str(XSD.date): re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}
_XSD_STRING = str(XSD.string)
_INTEGER = f"^^<{XSD.integer}>"
_DATE = f"^^<{XSD.date}>"
TRUE = f'"true"^^<{XSD.boolean}>'
FALSE = f'"false"^^<{XSD.boolean}>'

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def iri_token(term: str) -> str:
    """The token of an IRI (an rdflib URIRef or a plain string)."""
    if _BAD_IRI.search(term):
        raise MigkgError(f"IRI with characters N-Quads forbids: {term!r}")
    return f"<{term}>"


def literal_token(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """The token of a literal given by its lexical form, language tag or datatype IRI."""
    body = '"' + _ESC_RE.sub(lambda m: _ESCAPES[m.group()], text) + '"'
    if lang:
        return f"{body}@{lang.lower()}"
    if datatype is None:
        return body
    dt = str(datatype)  # a URIRef never equals a str: compare and look up plain strings
    if dt == _XSD_STRING:
        return body
    pattern = _CANONICAL.get(dt)
    if pattern and not pattern.match(text):
        raise MigkgError(f"non-canonical {dt} literal {text!r}")
    return f"{body}^^{iri_token(dt)}"


def literal(term: Literal) -> str:
    return literal_token(str(term), term.language, term.datatype)


def int_token(value: int) -> str:
    return f'"{int(value)}"{_INTEGER}'


def date_token(value: date | str) -> str:
    text = value.isoformat() if isinstance(value, date) else value
    if not _CANONICAL[str(XSD.date)].match(text):
        raise MigkgError(f"non-canonical {XSD.date} literal {text!r}")
    return f'"{text}"{_DATE}'


def bool_token(value: bool) -> str:
    return TRUE if value else FALSE


def term_nq(term: object) -> str:
    if isinstance(term, BNode):
        raise MigkgError(f"blank node in the built graph: _:{term}")
    if isinstance(term, URIRef):
        return iri_token(term)
    if isinstance(term, Literal):
        return literal(term)
    raise MigkgError(f"unexpected term {term!r}")


def _unescape(body: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _SIMPLE_ESCAPES[m.group(3)]

    return _FULL_UNESC_RE.sub(sub, body) if "\\" in body else body


def token_parts(token: str) -> tuple[str, ...]:
    """A token as plain strings: ("i", iri) or ("l", text, language, datatype), "" for none
    and for xsd:string. Sliced rather than matched: in a literal the last quote closes the
    value, and only a language tag or a datatype IRI (neither holds a quote) can follow it."""
    if token[:1] == "<" and token[-1:] == ">":
        return ("i", token[1:-1])
    end = token.rfind('"')
    if token[:1] != '"' or end < 1:
        raise ValueError(f"not an N-Quads term: {token!r}")
    rest = token[end + 1 :]
    value = _unescape(token[1:end])
    if not rest:
        return ("l", value, "", "")
    if rest[0] == "@":
        return ("l", value, rest[1:], "")
    if rest[:3] == "^^<" and rest[-1] == ">":
        dt = rest[3:-1]
        return ("l", value, "", "" if dt == _XSD_STRING else dt)
    raise ValueError(f"not an N-Quads term: {token!r}")


def parse_term(token: str) -> URIRef | Literal:
    """The rdflib term of a token (the inverse of ``term_nq`` up to xsd:string)."""
    parts = token_parts(token)
    if parts[0] == "i":
        return URIRef(parts[1])
    _kind, text, lang, datatype = parts
    return Literal(text, lang=lang or None, datatype=URIRef(datatype) if datatype else None)


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


def write_lines(lines: list[str], path: Path) -> bytes:
    """Write sorted N-Quads lines; returns the bytes written (the stages after read them)."""
    data = "".join(lines).encode("utf-8")
    path.write_bytes(data)
    return data


def write_nquads(quads: Iterable[Quad], path: Path) -> int:
    """Write sorted canonical N-Quads; returns the number of quads."""
    lines = quad_lines(quads)
    write_lines(lines, path)
    return len(lines)


def date_literal(value: date | str) -> Literal:
    text = value.isoformat() if isinstance(value, date) else value
    return Literal(text, datatype=XSD.date)


def bool_literal(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def int_literal(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)
