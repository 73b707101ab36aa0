"""One store interface: load a build, query it with named graphs and bound parameters, export.

Results come back as rdflib terms so that every caller (CLI, API, tests, the remote backend)
handles one kind of term; a backend may also serialise a result in a standard format itself,
which is how the endpoint stays fast.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as Lit

from rdflib import Literal, URIRef
from rdflib.term import Node

Term = URIRef | Literal

# A term as plain Python strings: (kind, value, datatype, language) with kind "uri", "bnode" or
# "literal". The endpoint writes result formats from these: building rdflib terms for 10,000 rows
# costs more than the query, and plain tuples pickle cheaply between processes.
PlainTerm = tuple[str, str, str | None, str | None]

# Graph result formats a store serialises itself (media-type-free names: the API maps them).
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


class StoreError(Exception):
    """A query the store refused (syntax) or could not answer (engine fault)."""

    def __init__(self, message: str, *, syntax: bool = False) -> None:
        super().__init__(message)
        self.syntax = syntax


@dataclass
class QueryResult:
    kind: Lit["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


@dataclass
class RawResult:
    """A query answer ready to be written in any format, capped at a maximum number of rows.

    SELECT rows hold plain terms; a graph answer is already serialised (`graph`, in the format
    asked for), because RDF serialisers live with the store. A SELECT answer asked for as
    SPARQL JSON may come serialised by the store as well (`json`, with no rows): the engine's
    own writer skips one Python object per cell, a third of the time of a large answer.
    `truncated` says the cap cut it.
    """

    kind: Lit["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[PlainTerm | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: bytes = b""
    json: bytes | None = None
    truncated: bool = False


def plain_term(term: Node | None) -> PlainTerm | None:
    """An rdflib term as a plain tuple (used by the generic `query_raw`)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term), None, None)
    if isinstance(term, Literal):
        if term.language:
            return ("literal", str(term), None, term.language)
        dt = str(term.datatype) if term.datatype else None
        return ("literal", str(term), dt, None)
    return ("bnode", str(term), None, None)


class Store(ABC):
    """A read-only view of one build's graph."""

    build_id: str
    # The build directory an on-disk store was opened from: worker processes open it again
    # (read-only) by this path. None for an in-memory store.
    build_dir: Path | None = None

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a query; the default graph is the union of all graphs unless default_graphs."""

    def query_raw(
        self,
        sparql: str,
        *,
        graph_format: str = "turtle",
        max_rows: int | None = None,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        query_dataset: bool = False,
        select_json: bool = False,
    ) -> RawResult:
        """The endpoint's path: plain rows (or a serialised graph), at most `max_rows` of them.

        `query_dataset` says the query names its own dataset (FROM / FROM NAMED), which must then
        win over the union default graph. `select_json` lets a backend answer a SELECT as SPARQL
        JSON bytes of its own (`RawResult.json`); this generic version ignores it and goes
        through `query`; a backend overrides it to skip rdflib terms.
        """
        if graph_format not in GRAPH_FORMATS:
            raise StoreError(f"unknown graph format {graph_format!r}")
        result = self.query(
            sparql, bindings=bindings, default_graphs=default_graphs, named_graphs=named_graphs
        )
        if result.kind == "ask":
            return RawResult(kind="ask", boolean=result.boolean)
        if result.kind == "select":
            rows = result.rows
            cut = max_rows is not None and len(rows) > max_rows
            rows = rows[:max_rows] if cut else rows
            return RawResult(
                kind="select",
                variables=result.variables,
                rows=[tuple(plain_term(t) for t in row) for row in rows],
                truncated=cut,
            )
        from rdflib import Graph

        triples = result.triples
        cut = max_rows is not None and len(triples) > max_rows
        g = Graph()
        for t in triples[:max_rows] if cut else triples:
            g.add(t)
        rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}
        body = g.serialize(format=rdflib_format.get(graph_format, "xml"), encoding="utf-8")
        return RawResult(kind="graph", graph=body, truncated=cut)

    def syntax_error(self, sparql: str) -> str | None:
        """The engine's own parse error for a query, or None when it parses (no evaluation).

        The endpoint parses with rdflib for its checks; when a query fails there, the engine's
        message (with an exact line:column) makes the clearer 400. Default: unknown.
        """
        return None

    @abstractmethod
    def quad_count(self) -> int: ...

    @abstractmethod
    def export(self, fmt: str) -> bytes:
        """The whole graph as nq, trig, jsonld (with graphs) or ttl, nt (the union)."""

    @abstractmethod
    def graph_names(self) -> list[str]: ...

    @abstractmethod
    def close(self) -> None: ...
