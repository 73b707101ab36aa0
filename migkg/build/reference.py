"""Curated inputs that are not documents: the ontology and the reference graphs (0005).

Each file is parsed to N-Quads tokens by oxigraph (``turtle_tokens``) and added to the build's
graphs (migkg/rdf/quads.py, or an rdflib Dataset in tests). Reference Turtle files write instance
IRIs relative to the base (`<id/country/SEN>`), so that the base IRI stays a build input: they
are parsed with the build's base.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef

from migkg.iris import Iris
from migkg.rdf.nquads import parse_term
from migkg.store import turtle_tokens

if TYPE_CHECKING:
    from migkg.rdf.quads import Quads


def _parse_into(ds: Dataset | Quads, graph_iri: URIRef, path: Path, base: str) -> None:
    graph = ds.graph(graph_iri)
    tokens = turtle_tokens(path, base)
    if hasattr(graph, "add_tokens"):
        for s, p, o in tokens:
            graph.add_tokens(s, p, o)
    else:  # an rdflib Dataset (tests)
        for s, p, o in tokens:
            graph.add((parse_term(s), parse_term(p), parse_term(o)))


def add_ontology(ds: Dataset | Quads, iris: Iris, project: Path) -> None:
    for path in sorted((project / "ontology").glob("*.ttl")):
        _parse_into(ds, iris.graph("ontology"), path, iris.base)


def add_reference_graphs(ds: Dataset | Quads, iris: Iris, project: Path) -> None:
    for path in sorted((project / "graphs").glob("*.ttl")):
        _parse_into(ds, iris.graph("reference", path.stem), path, iris.base)
