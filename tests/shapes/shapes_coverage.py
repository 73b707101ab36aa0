"""Which nodes each shape targets, as SPARQL, so that a test can ask any store (rdflib for
fixtures, the built Oxigraph store for the real build) whether a shape focuses anything."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH
from shapes_helpers import shapes

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def shape_name(shape: object) -> str:
    return str(shape).rsplit("#", 1)[-1]


def target_query(shapes_graph: Graph, shape: URIRef) -> str:
    """ASK whether the shape has at least one focus node (SHACL 2.1.3 target semantics)."""
    parts = []
    for cls in shapes_graph.objects(shape, SH.targetClass):
        parts.append(
            f"{{ ?x <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}"
        )
    for p in shapes_graph.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?x <{p}> ?any }}")
    for p in shapes_graph.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?any <{p}> ?x }}")
    for node in shapes_graph.objects(shape, SH.targetNode):
        parts.append(f"{{ ?x ?p ?o FILTER (?x = <{node}>) }}")
    return "ASK { " + " UNION ".join(parts) + " }"


def targeted_shapes(shapes_graph: Graph) -> list[URIRef]:
    found = {s for t in TARGETS for s in shapes_graph.subjects(t, None)}
    return sorted((s for s in found if isinstance(s, URIRef)), key=str)


def focus_counts(
    data: Graph | None = None, ask: Callable[[str], bool] | None = None
) -> dict[str, int]:
    """Shape name -> 1 when it focuses a node, else 0 (ASK is enough and fast)."""
    g = shapes()
    if ask is None:
        assert data is not None

        def ask(q: str) -> bool:
            return bool(data.query(q).askAnswer)

    return {shape_name(s): int(ask(target_query(g, s))) for s in targeted_shapes(g)}
