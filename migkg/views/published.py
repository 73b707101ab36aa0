"""What a build publishes and the service serves, shared by both: the access rule for documents
marked for excerpts (decision 0007), the one JSON-LD writer, the dumps' names and index.

The build writes the dumps with these (migkg/build/dumps.py); the service's views read them
without importing the build.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from migkg.iris import MKG, PREFIXES
from migkg.rdf.nquads import token_parts
from migkg.store.base import Store

SPDX = Namespace("http://spdx.org/rdf/terms#")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMPS_DIR = "dumps"
DUMP_NAME = "graph"
MEDIA_TYPES = {
    "nq": "application/n-quads",
    "trig": "application/trig",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
CONTEXT_PREFIXES = {"rdf": str(RDF), **PREFIXES}
# The JSON-LD context every JSON-LD document of the project embeds (and /context.jsonld serves):
# prefixes only, so that compact IRIs expand without fetching anything.
CONTEXT: dict[str, Any] = {"@context": dict(sorted(CONTEXT_PREFIXES.items()))}
BACKING_CLASSES = ("StatusClaim", "MembershipClaim", "ProcessFact", "Event")

_EXCERPT_PASSAGES = f"""
PREFIX mkg: <{MKG}>
SELECT ?p WHERE {{ ?d mkg:fullText "excerpts" . ?p mkg:document ?d }}"""
_BACKING = f"""
PREFIX mkg: <{MKG}>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?p WHERE {{
  VALUES ?cls {{ org:Membership {" ".join(f"mkg:{c}" for c in BACKING_CLASSES)} }}
  ?c a ?cls ; prov:wasDerivedFrom ?p .
}}"""
_SUBJECT = re.compile(r"^<([^>]*)>")


@dataclass(frozen=True)
class Artefact:
    name: str
    sha256: str
    size: int
    media_type: str
    encoding: str | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "sha256": self.sha256,
            "size": self.size,
            "mediaType": self.media_type,
        }
        if self.encoding:
            out["encoding"] = self.encoding
        return out


def withheld_passages(store: Store) -> set[str]:
    """Passages of ``excerpts`` documents that back no claim or event (0007).

    Two flat queries and a set difference: the same as one FILTER NOT EXISTS, which oxigraph
    evaluated for minutes on the real build.
    """
    from migkg.views.projection import select

    excerpts = {str(row[0]) for row in select(store, _EXCERPT_PASSAGES)}
    backing = {str(row[0]) for row in select(store, _BACKING)}
    return excerpts - backing


def publishable_lines(lines: list[str], withheld: set[str]) -> list[str]:
    """The build's N-Quads lines without the withheld passages and their selectors."""
    out = []
    for line in lines:
        m = _SUBJECT.match(line)
        if m and m.group(1).split("#", 1)[0] in withheld:
            continue
        out.append(line)
    return out


def deterministic_gzip(data: bytes) -> bytes:
    """gzip with no file name and mtime 0, so equal input gives equal bytes."""
    return gzip.compress(data, compresslevel=6, mtime=0)


@functools.lru_cache(maxsize=65536)
def compact(iri: str) -> str:
    for prefix, ns in CONTEXT_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


# A term as plain strings, cheap to make and sort: ("i", iri) or ("l", value, lang, datatype).
Plain = tuple[str, ...]
PlainQuad = tuple[Plain, Plain, Plain, Plain | None]
_XSD_STRING = str(XSD.string)
_RDF_TYPE = ("i", str(RDF.type))


def plain(term: Node) -> Plain:
    """An rdflib term as a plain tuple (for the few callers holding rdflib terms)."""
    if isinstance(term, URIRef):
        return ("i", str(term))
    if isinstance(term, Literal):
        dt = "" if term.language or term.datatype is None else str(term.datatype)
        return ("l", str(term), term.language or "", "" if dt == _XSD_STRING else dt)
    raise ValueError(f"no blank nodes in migkg graphs: {term!r}")


def _jsonld_value(term: Plain) -> object:
    if term[0] == "i":
        return {"@id": term[1]}
    _kind, value, lang, dt = term
    if lang:
        return {"@value": value, "@language": lang}
    if not dt:
        return value
    return {"@value": value, "@type": compact(dt)}


Nodes = dict[str, dict[str, list[Plain]]]  # subject -> JSON-LD key -> objects


def _add_triple(nodes: Nodes, s: str, p: Plain, o: Plain) -> None:
    key = "@type" if p == _RDF_TYPE and o[0] == "i" else compact(p[1])
    nodes.setdefault(s, {}).setdefault(key, []).append(o)


class _JsonCache:
    """JSON text of each distinct key, value and type seen, made once: terms repeat a lot."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.values: dict[Plain, str] = {}
        self.types: dict[Plain, str] = {}

    def key(self, key: str) -> str:
        out = self.keys.get(key)
        if out is None:
            out = self.keys[key] = json.dumps(key, ensure_ascii=False)
        return out

    def value(self, key: str, term: Plain) -> str:
        if key == "@type":
            out = self.types.get(term)
            if out is None:
                out = self.types[term] = json.dumps(compact(term[1]), ensure_ascii=False)
            return out
        out = self.values.get(term)
        if out is None:
            out = self.values[term] = json.dumps(_jsonld_value(term), ensure_ascii=False)
        return out


def _node_lines(nodes: Nodes, cache: _JsonCache) -> list[str]:
    """One compact JSON line per node object, subjects, keys and values sorted: the text
    ``json.dumps(node, ensure_ascii=False)`` gives, put together from cached pieces."""
    out = []
    for subject in sorted(nodes):
        props = nodes[subject]
        parts = ['{"@id": ', cache.key(subject)]
        for key in sorted(props):
            values = props[key]
            if len(values) > 1:
                values = sorted(set(values))
            parts += [", ", cache.key(key), ": [", ", ".join(cache.value(key, v) for v in values)]
            parts.append("]")
        parts.append("}")
        out.append("".join(parts))
    return out


def _jsonld_text(graphs: dict[str | None, Nodes]) -> bytes:
    """Compact JSON, one line per node object, so a diff of two dumps stays readable.

    Written by hand rather than by a library so that the bytes are sorted and stable and the
    context is inline (no consumer ever fetches one). Triples without a graph go at the top,
    then one named-graph object per graph.
    """
    head = json.dumps(CONTEXT["@context"], ensure_ascii=False)
    cache = _JsonCache()
    items: list[list[str]] = []
    if None in graphs:
        items += [[line] for line in _node_lines(graphs[None], cache)]
    for name in sorted(g for g in graphs if g is not None):
        lines = _node_lines(graphs[name], cache)
        block = ['{"@id": ' + json.dumps(name) + ', "@graph": [']
        block += [line + "," for line in lines[:-1]] + lines[-1:]
        block.append("]}")
        items.append(block)
    out = ['{"@context": ' + head + ', "@graph": [']
    for i, block in enumerate(items):
        out += block[:-1]
        out.append(block[-1] + ("," if i + 1 < len(items) else ""))
    out.append("]}")
    return ("\n".join(out) + "\n").encode("utf-8")


def jsonld_bytes(quads: Iterable[PlainQuad]) -> bytes:
    """A JSON-LD document of plain quads with the context embedded (see `_jsonld_text`)."""
    graphs: dict[str | None, Nodes] = {}
    for s, p, o, g in quads:
        _add_triple(graphs.setdefault(None if g is None else g[1], {}), s[1], p, o)
    return _jsonld_text(graphs)


# A canonical N-Quads line with a graph name (migkg/rdf/nquads.py): IRIs hold no space or ">", so
# the subject, predicate and graph are found without reading the object.
_LINE = re.compile(r"^<([^>]*)> <([^>]*)> (.*) <([^ >]*)> \.$", re.MULTILINE)


def jsonld_of_nquads(text: str) -> bytes:
    """`jsonld_bytes` of canonical N-Quads text, without parsing each line into terms:
    one regex pass over the text, and each distinct predicate and object is read once."""
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n"):
        # a line without a graph name or not canonical: take the general path
        return jsonld_bytes(parse_nquad(line) for line in text.splitlines())
    objects: dict[str, Plain] = {}
    keys: dict[str, str] = {}
    rdf_type = _RDF_TYPE[1]
    graphs: dict[str | None, Nodes] = {}
    for s, p, o, g in rows:
        obj = objects.get(o)
        if obj is None:
            obj = objects[o] = token_parts(o)
        if p == rdf_type and obj[0] == "i":
            key = "@type"
        else:
            key = keys.get(p)  # type: ignore[assignment]
            if key is None:
                key = keys[p] = compact(p)
        nodes = graphs.get(g)
        if nodes is None:
            nodes = graphs[g] = {}
        props = nodes.get(s)
        if props is None:
            props = nodes[s] = {}
        values = props.get(key)
        if values is None:
            props[key] = [obj]
        else:
            values.append(obj)
    return _jsonld_text(graphs)


_TERM = re.compile(r'<([^>]*)>|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?')


def parse_nquad(line: str) -> PlainQuad:
    """One canonical N-Quads line (migkg/rdf/nquads.py) as plain terms, without a full parser:
    rdflib's N-Quads parser takes seconds per 100,000 lines, this a fraction of that."""
    terms = [token_parts(m.group(0)) for m in _TERM.finditer(line)]
    if len(terms) not in (3, 4):
        raise ValueError(f"not an N-Quads line: {line!r}")
    return terms[0], terms[1], terms[2], terms[3] if len(terms) == 4 else None


_GRAPH_NAME_BYTES = re.compile(rb" <[^ >]*> \.$", re.MULTILINE)


def triples_only(lines: list[str]) -> list[str]:
    """The same statements without graph names, each once: the union graph as N-Quads lines.

    Build-time queries run on this, because the store's union default graph repeats a triple
    once per named graph that holds it, and joins multiply the repeats. Canonical lines are
    sorted, and a term never goes on with " <", so without graph names they stay sorted with a
    triple's repeats side by side: keeping first occurrences leaves a sort with nothing to do.
    """
    triples = dict.fromkeys([line[: line.rindex(" <")] + " .\n" for line in lines])
    return sorted(triples)


def load_index(dumps_dir: Path) -> dict[str, dict[str, Any]]:
    return json.loads((dumps_dir / "index.json").read_text(encoding="utf-8"))

