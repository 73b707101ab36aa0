"""The build's accumulator (migkg/rdf/quads.py) reads and writes as rdflib's Dataset does, for the
reads the stages make, and serialises to the same N-Quads."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from migkg.build.reference import add_ontology, add_reference_graphs
from migkg.iris import MKG, Iris
from migkg.rdf.nquads import dataset_quads, quad_lines, term_nq
from migkg.rdf.quads import Quads
from migkg.settings import MigkgError
from migkg.store import turtle_tokens
from tests.helpers import ROOT

BASE = "https://w3id.org/migkg/"
G1, G2 = URIRef(f"{BASE}graph/source/a"), URIRef(f"{BASE}graph/source/b")
S, T = URIRef(f"{BASE}id/claim/s"), URIRef(f"{BASE}id/claim/t")


def both() -> tuple[Dataset, Quads]:
    ds = Dataset()
    for g, s, p, o in [
        (G1, S, RDF.type, MKG.Claim),
        (G1, S, MKG.quote, Literal('a "quoted"\nline\\')),
        (G1, S, MKG.asOf, Literal("2024-02-29", datatype=XSD.date)),
        (G1, T, RDF.type, MKG.Claim),
        (G1, T, SKOS.prefLabel, Literal("Türkiye", lang="en")),
        (G2, S, RDF.type, MKG.Claim),
        (G2, S, MKG.startOffset, Literal("12", datatype=XSD.integer)),
    ]:
        ds.graph(g).add((s, p, o))
    return ds, Quads.from_rdflib(ds)


PATTERNS = [
    (None, None, None, None),
    (S, None, None, None),
    (None, RDF.type, None, None),
    (None, RDF.type, MKG.Claim, None),
    (S, RDF.type, None, None),
    (None, None, MKG.Claim, None),
    (URIRef(f"{BASE}id/claim/none"), None, None, None),
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_quads_match_rdflib(pattern: tuple[object, ...]) -> None:
    ds, qs = both()
    assert set(qs.quads(pattern)) == set(ds.quads(pattern))  # type: ignore[arg-type]


def test_graph_reads_match_rdflib() -> None:
    ds, qs = both()
    for g in (G1, G2):
        a, b = ds.graph(g), qs.graph(g)
        assert set(a) == set(b) and len(a) == len(b)
        assert set(a.triples((None, RDF.type, None))) == set(b.triples((None, RDF.type, None)))
        assert set(qs.quads((None, RDF.type, None, g))) == {
            (s, p, o, g) for s, p, o in a if p == RDF.type
        }
        assert set(a.subjects(RDF.type, MKG.Claim)) == set(b.subjects(RDF.type, MKG.Claim))
        assert set(a.objects(S, None)) == set(b.objects(S, None))
        assert set(a.predicate_objects(S)) == set(b.predicate_objects(S))
        assert set(a.subject_objects(RDF.type)) == set(b.subject_objects(RDF.type))
        assert a.value(S, MKG.quote) == b.value(S, MKG.quote)
        assert a.value(None, RDF.type, MKG.Claim) in set(b.subjects(RDF.type, MKG.Claim))
    assert {g.identifier for g in qs.graphs()} == {G1, G2}


def test_set_and_remove_as_rdflib() -> None:
    ds, qs = both()
    for d in (ds, qs):
        d.graph(G1).set((S, MKG.quote, Literal("replaced")))
        d.graph(G1).remove((T, None, None))
        d.graph(G1).add((T, RDF.type, MKG.Claim))  # removed, then added again
    assert set(qs.quads((None, None, None, None))) == set(ds.quads((None, None, None, None)))
    assert list(qs.graph(G1).subjects(RDF.type, MKG.Claim)).count(T) == 1
    assert len(qs) == 6


def test_tokens_added_directly_read_back_as_terms() -> None:
    qs = Quads()
    g = qs.graph(G1)
    g.add_tokens(
        term_nq(S), term_nq(MKG.startOffset), '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )
    assert g.value(S, MKG.startOffset) == Literal("7", datatype=XSD.integer)
    g.add((S, MKG.startOffset, Literal("7", datatype=XSD.integer)))  # the same quad
    assert len(qs) == 1


def test_serialisation_matches_the_rdflib_route(tmp_path: Path) -> None:
    ds, qs = both()
    add_ontology(ds, Iris(BASE), ROOT)
    add_ontology(qs, Iris(BASE), ROOT)
    expected = quad_lines(dataset_quads(ds))
    assert qs.nquads_lines() == expected
    count, data = qs.write(tmp_path / "graph.nq")
    assert count == len(expected) and data == "".join(expected).encode("utf-8")
    assert (tmp_path / "graph.nq").read_bytes() == data


def test_default_graph_and_blank_nodes_are_refused() -> None:
    with pytest.raises(MigkgError, match="outside a named graph"):
        Quads().graph(URIRef("urn:x-rdflib:default"))
    from rdflib import BNode

    with pytest.raises(MigkgError, match="blank node"):
        Quads().graph(G1).add((BNode(), RDF.type, MKG.Claim))


def test_turtle_tokens_are_rdflibs_for_every_project_file() -> None:
    """oxigraph parses the ontology and reference graphs; the tokens are those rdflib's parse
    gives (typed literals keep rdflib's lexical forms)."""
    from rdflib import Graph

    files = sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "graphs").glob("*.ttl"))
    assert files
    for path in files:
        g = Graph()
        g.parse(path, format="turtle", publicID=BASE)
        assert set(turtle_tokens(path, BASE)) == {tuple(term_nq(t) for t in tr) for tr in g}, path


def test_reference_graphs_into_either_accumulator() -> None:
    ds, qs = Dataset(), Quads()
    add_reference_graphs(ds, Iris(BASE), ROOT)
    add_reference_graphs(qs, Iris(BASE), ROOT)
    assert qs.nquads_lines() == quad_lines(dataset_quads(ds))


def test_turtle_errors_and_blank_nodes_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(MigkgError, match=r"bad\.ttl: cannot parse Turtle"):
        turtle_tokens(bad, BASE)
    blank = tmp_path / "blank.ttl"
    blank.write_text("<a> <b> [ <c> <d> ] .\n", encoding="utf-8")
    with pytest.raises(MigkgError, match=r"blank\.ttl: blank node"):
        turtle_tokens(blank, BASE)
