"""The shapes cover the ontology: every class and property is constrained by a shape or listed
in shapes/EXEMPT.md with a reason; every property shape speaks (sh:message); the concept lists
in sh:in are exactly the schemes; only SHACL Core is used."""

from __future__ import annotations

import re

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS
from shapes_helpers import PROJECT, shapes

MKG = "https://w3id.org/migkg/ontology#"
VOCAB = "https://w3id.org/migkg/vocab/"
# the SHACL terms a Core shapes graph may use (SHACL 4: Core constraint components)
CORE = {
    "NodeShape", "PropertyShape", "targetClass", "targetNode", "targetSubjectsOf",
    "targetObjectsOf", "property", "path", "inversePath", "alternativePath", "zeroOrMorePath",
    "oneOrMorePath", "zeroOrOnePath", "class", "datatype", "nodeKind", "IRI", "Literal",
    "BlankNode", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral", "minCount", "maxCount",
    "minExclusive", "minInclusive", "maxExclusive", "maxInclusive", "minLength", "maxLength",
    "pattern", "flags", "languageIn", "uniqueLang", "equals", "disjoint", "lessThan",
    "lessThanOrEquals", "not", "and", "or", "xone", "node", "qualifiedValueShape",
    "qualifiedMinCount", "qualifiedMaxCount", "closed", "ignoredProperties", "hasValue", "in",
    "message", "severity", "Violation", "Warning", "Info", "name", "description", "deactivated",
}  # fmt: skip
SCHEME_PATHS = {
    f"{MKG}status": "status",
    f"{MKG}instrumentType": "instrument-type",
    "http://www.w3.org/ns/org#role": "role",
    f"{MKG}method": "method",
    f"{MKG}precision": "precision",
}


def ontology() -> Graph:
    g = Graph()
    g.parse(PROJECT / "ontology" / "migkg.ttl", format="turtle")
    return g


def ontology_terms() -> set[str]:
    g = ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(t) for k in kinds for t in g.subjects(RDF.type, k) if str(t).startswith(MKG)}


def constrained_terms(g: Graph) -> set[str]:
    used = set()
    for p in (SH.targetClass, SH["class"], SH.path, SH.targetSubjectsOf, SH.targetObjectsOf,
              SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):  # fmt: skip
        used |= {str(o) for o in g.objects(None, p) if isinstance(o, URIRef)}
    return used


def exempt_terms() -> dict[str, str]:
    text = (PROJECT / "shapes" / "EXEMPT.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `mkg:(\w+)` \| (.+?) \|$", text, re.M)
    return {MKG + name: reason.strip() for name, reason in rows}


def test_every_term_is_constrained_or_exempt_with_a_reason() -> None:
    missing = ontology_terms() - constrained_terms(shapes()) - set(exempt_terms())
    assert sorted(missing) == []


def test_exempt_lists_only_real_unconstrained_terms_with_reasons() -> None:
    exempt = exempt_terms()
    assert exempt, "EXEMPT.md lists no term: the parser or the file is wrong"
    assert set(exempt) <= ontology_terms()
    assert not set(exempt) & constrained_terms(shapes()), "exempt but constrained"
    assert all(len(reason) > 20 for reason in exempt.values())


def test_every_property_shape_has_a_message() -> None:
    g = shapes()
    props = set(g.subjects(RDF.type, SH.PropertyShape)) | set(g.objects(None, SH.property))
    props |= {s for s in g.subjects(SH.path, None)}
    silent = sorted(str(p) for p in props if g.value(p, SH.message) is None)
    assert props and silent == []


def test_every_targeted_class_forbids_blank_nodes() -> None:
    """Each class a shape targets is covered, itself or through a superclass, by a node shape
    with sh:nodeKind sh:IRI (one per class tree, so a blank node is reported once)."""
    g, onto = shapes(), ontology()
    iri_only = {
        str(c)
        for s in g.subjects(SH.nodeKind, SH.IRI)
        if (s, RDF.type, SH.NodeShape) in g
        for c in g.objects(s, SH.targetClass)
    }
    for cls in set(g.objects(None, SH.targetClass)):
        ancestors = {str(a) for a in onto.transitive_objects(cls, RDFS.subClassOf)}
        assert ancestors & iri_only, f"no node shape forbids blank nodes for {cls}"


def test_concept_lists_are_exactly_the_schemes() -> None:
    g, onto = shapes(), Graph()
    for path in sorted((PROJECT / "ontology").glob("vocab-*.ttl")):
        onto.parse(path, format="turtle")
    seen = set()
    for shape, path in g.subject_objects(SH.path):
        scheme = SCHEME_PATHS.get(str(path))
        values = g.value(shape, SH["in"])
        if scheme is None or values is None:
            continue
        listed = {str(v) for v in Collection(g, values)}
        concepts = {str(c) for c in onto.subjects(SKOS.inScheme, URIRef(VOCAB + scheme))}
        assert listed == concepts, (scheme, listed ^ concepts)
        seen.add(scheme)
    assert seen == set(SCHEME_PATHS.values())


def test_only_shacl_core_terms_are_used() -> None:
    g = shapes()
    used = {
        str(t)[len(str(SH)) :]
        for triple in g
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(str(SH))
    }
    assert used - CORE == set()
