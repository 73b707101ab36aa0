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


class Store(ABC):
    """A read-only view of one build's graph."""

    build_id: str

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

    @abstractmethod
    def quad_count(self) -> int: ...

    @abstractmethod
    def export(self, fmt: str) -> bytes:
        """The whole graph as nq, trig, jsonld (with graphs) or ttl, nt (the union)."""

    @abstractmethod
    def graph_names(self) -> list[str]: ...

    @abstractmethod
    def close(self) -> None: ...


def open_store(build_dir: Path, build_id: str) -> Store:
    """The embedded store of a complete build (the remote backend comes later)."""
    from migkg.store.oxigraph import OxigraphStore

    return OxigraphStore.open_build(build_dir, build_id)
