"""Run both SHACL engines on the same data and put their findings side by side.

The fast engine validates an Oxigraph store loaded from N-Quads, as the build does; pySHACL
validates the rdflib graph those N-Quads were written from. Blank nodes get new labels in the
store, so a blank-node focus is compared as "_:" (docs/decisions/0010-shacl-on-sparql.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef

from migkg.store import OxigraphStore
from migkg.validate.checks import XSD_STRING_SUFFIX, Finding, pyshacl_findings
from migkg.validate.shacl_sparql import sparql_findings

Row = tuple[str, str, str, str, str]
GRAPH = URIRef("https://w3id.org/migkg/graph/test")


def nquads_of(graph: Graph) -> bytes:
    """The graph as N-Quads in one named graph (what the build writes: nothing in the default)."""
    ds = Dataset()
    named = ds.graph(GRAPH)
    for triple in graph:
        named.add(triple)
    return ds.serialize(format="nquads").encode("utf-8")


def rows(findings: Iterable[Finding]) -> list[Row]:
    """Findings as sorted rows (a multiset: pySHACL reports one result per value node)."""
    return sorted(
        (
            f.focus if f.focus.startswith(("http://", "https://", "urn:")) else "_:",
            f.path,
            f.component,
            f.severity,
            f.message,
        )
        for f in findings
    )


def both(data: Graph, shapes: Graph) -> tuple[list[Row], list[Row], dict[str, str]]:
    """(pySHACL's rows, the fast engine's rows, the shapes that fell back to pySHACL)."""
    reference = pyshacl_findings(data, shapes)
    nquads = nquads_of(data)
    fast, fallback = sparql_findings(
        OxigraphStore.from_nquads(nquads),
        shapes,
        lambda rest: pyshacl_findings(data, rest),
        explicit_strings=XSD_STRING_SUFFIX in nquads,
    )
    return rows(reference), rows(fast), fallback
