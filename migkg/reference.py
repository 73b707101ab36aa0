"""Curated inputs that are not documents: the ontology and the reference graphs (0005).

Reference Turtle files write instance IRIs relative to the base (`<id/country/SEN>`), so that the
base IRI stays a build input: they are parsed with the build's base.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Dataset

from migkg.iris import Iris
from migkg.settings import MigkgError


def _parse_into(ds: Dataset, graph_iri: object, path: Path, base: str) -> None:
    graph = ds.graph(graph_iri)  # type: ignore[arg-type]
    try:
        graph.parse(path, format="turtle", publicID=base)
    except Exception as err:  # rdflib raises several unrelated types for bad Turtle
        raise MigkgError(f"{path}: cannot parse Turtle: {err}") from err
    for triple in graph:
        if any(isinstance(t, BNode) for t in triple):
            raise MigkgError(f"{path}: blank node in {triple}; give every node an IRI (0001)")


def add_ontology(ds: Dataset, iris: Iris, project: Path) -> None:
    for path in sorted((project / "ontology").glob("*.ttl")):
        _parse_into(ds, iris.graph("ontology"), path, iris.base)


def add_reference_graphs(ds: Dataset, iris: Iris, project: Path) -> None:
    for path in sorted((project / "graphs").glob("*.ttl")):
        _parse_into(ds, iris.graph("reference", path.stem), path, iris.base)
