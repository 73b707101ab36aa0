"""IRIs for every kind of thing (docs/decisions/0001-iris.md, 0005-named-graphs.md)."""

from __future__ import annotations

import hashlib

from rdflib import Namespace, URIRef

MKG = Namespace("https://w3id.org/migkg/ontology#")
VOCAB = "https://w3id.org/migkg/vocab/"
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")

PREFIXES = {
    "mkg": str(MKG),
    "oa": str(OA),
    "org": str(ORG),
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
}

KINDS = frozenset(
    {
        "country",
        "territory",
        "group",
        "mission",
        "org",
        "process",
        "instrument",
        "claim",
        "passage",
        "document",
        "activity",
    }
)


def concept(scheme: str, notation: str) -> URIRef:
    """A concept of a controlled vocabulary: vocabulary IRIs do not move with the base."""
    return URIRef(f"{VOCAB}{scheme}/{notation}")


class Iris:
    """Mints instance IRIs under one base, so the base is a build input and nothing else."""

    def __init__(self, base: str) -> None:
        self.base = base

    def entity(self, kind: str, *key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown IRI kind {kind!r}")
        for part in key:
            if not part or "/" in part or " " in part:
                raise ValueError(f"bad IRI key part {part!r} for {kind}")
        return URIRef(f"{self.base}id/{kind}/{'/'.join(key)}")

    def country(self, alpha3: str) -> URIRef:
        return self.entity("country", alpha3.upper())

    def document(self, doc_id: str) -> URIRef:
        return self.entity("document", doc_id)

    def passage(self, doc_id: str, start: int, end: int) -> URIRef:
        return self.entity("passage", doc_id, f"{start}-{end}")

    def claim(self, *natural_key: object) -> URIRef:
        """Claims have no short name: the IRI is a hash of what makes the claim itself."""
        digest = hashlib.sha256("\x1f".join(map(str, natural_key)).encode("utf-8")).hexdigest()
        return self.entity("claim", digest[:16])

    def instrument(
        self, type_notation: str, party: URIRef, counterpart: URIRef, qualifier: str = ""
    ) -> URIRef:
        key = [type_notation, _last_segment(party), _last_segment(counterpart)]
        if qualifier:
            key.append(qualifier)
        return self.entity("instrument", *key)

    def activity(self, loader: str, version: str) -> URIRef:
        return self.entity("activity", loader, version)

    def graph(self, *name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{'/'.join(name)}")


def _last_segment(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
