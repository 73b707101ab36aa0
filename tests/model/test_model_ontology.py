"""The ontology is OWL-lite, every term is labelled, defined and attributed, and it covers the
contract (docs/model.md) term for term."""

from __future__ import annotations

import re

from model_helpers import MKG, ONTOLOGY_IRI, PROJECT, ontology_graph
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

# OWL-lite as the issue allows it: classes, properties, functional properties, versioning
OWL_ALLOWED = {
    OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.FunctionalProperty,
    OWL.versionIRI, OWL.versionInfo, OWL.Thing,
}  # fmt: skip
RDFS_ALLOWED = {RDFS.label, RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.isDefinedBy}
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def migkg_ttl() -> Graph:
    g = Graph()
    g.parse(PROJECT / "ontology" / "migkg.ttl", format="turtle")
    return g


def terms(g: Graph) -> list[URIRef]:
    return sorted({t for k in TERM_KINDS for t in g.subjects(RDF.type, k)}, key=str)  # type: ignore[misc]


def test_only_owl_lite_terms_are_used() -> None:
    used = {
        t
        for triple in ontology_graph()
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(str(OWL))
    }
    assert used - OWL_ALLOWED == set()


def test_only_plain_rdfs_terms_are_used() -> None:
    used = {
        t
        for triple in ontology_graph()
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(str(RDFS))
    }
    assert used - RDFS_ALLOWED == set()


def test_no_blank_nodes() -> None:
    assert not [t for t in ontology_graph() if any(isinstance(x, BNode) for x in t)]


def test_ontology_has_a_version_iri() -> None:
    g = migkg_ttl()
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.1.0")


def test_every_term_has_an_english_label_definition_and_is_defined_by() -> None:
    g = migkg_ttl()
    found = terms(g)
    assert len(found) > 80
    for t in found:
        assert str(t).startswith(MKG), f"{t}: reused terms are not redefined here"
        labels = [lit for lit in g.objects(t, RDFS.label) if isinstance(lit, Literal)]
        assert [lit.language for lit in labels] == ["en"], t
        definitions = [d for d in g.objects(t, SKOS.definition) if isinstance(d, Literal)]
        assert definitions and all(d.language == "en" and len(d) > 10 for d in definitions), t
        assert list(g.objects(t, RDFS.isDefinedBy)) == [URIRef(ONTOLOGY_IRI)], t


def test_every_property_has_one_domain_and_one_range() -> None:
    g = migkg_ttl()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in g.subjects(RDF.type, kind):
            assert len(list(g.objects(p, RDFS.domain))) == 1, p
            assert len(list(g.objects(p, RDFS.range))) == 1, p


def test_functional_properties_are_few_and_declared_properties() -> None:
    g = migkg_ttl()
    functional = set(g.subjects(RDF.type, OWL.FunctionalProperty))
    assert 0 < len(functional) <= 12
    for p in functional:
        assert (p, RDF.type, OWL.ObjectProperty) in g or (p, RDF.type, OWL.DatatypeProperty) in g


def test_every_class_except_roots_has_a_superclass_in_the_ontology_or_a_w3c_vocabulary() -> None:
    g = migkg_ttl()
    roots = {MKG + n for n in ("Actor", "Instrument", "Build")}
    for cls in g.subjects(RDF.type, OWL.Class):
        if str(cls) not in roots:
            assert list(g.objects(cls, RDFS.subClassOf)), cls


def test_the_contract_and_the_ontology_name_the_same_terms() -> None:
    """docs/model.md is the contract: each mkg: term it names is defined, and each term the
    ontology defines appears in it."""
    text = (PROJECT / "docs" / "model.md").read_text(encoding="utf-8")
    named = {MKG + m for m in re.findall(r"`mkg:(\w+)`", text)}
    named |= {MKG + m for m in re.findall(r"(?<![\w`])mkg:(\w+)", text)}
    defined = {str(t) for t in terms(migkg_ttl())}
    assert sorted(named - defined) == [], "named in docs/model.md, missing from the ontology"
    assert sorted(defined - named) == [], "defined in the ontology, missing from docs/model.md"


def test_eu_membership_over_time_is_a_claim_not_a_class() -> None:
    """No MemberState class: membership changes (UK until 2020-01-31, Croatia from 2013)."""
    g = migkg_ttl()
    names = {str(t).removeprefix(MKG).lower() for t in terms(g)}
    assert not {n for n in names if "memberstate" in n or "schengen" in n}
    assert (URIRef(MKG + "MembershipClaim"), RDFS.subClassOf, URIRef(MKG + "Claim")) in g
    assert (
        URIRef(MKG + "MembershipClaim"),
        RDFS.subClassOf,
        URIRef("http://www.w3.org/ns/org#Membership"),
    ) in g
