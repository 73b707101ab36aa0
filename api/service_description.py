"""`GET /sparql` without a query: the SPARQL 1.1 Service Description of this endpoint.

It tells a client what it may send: the language (sd:SPARQL11Query only: no update), the result
formats, that the default graph is the union of the named graphs (0005), the graphs themselves
(FROM may name them and nothing else) and the limits (row cap, timeout). The limits have no
sd: term; they use a small service vocabulary (`https://w3id.org/migkg/service#`), which is not
part of the data model (docs/model.md).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SVC = Namespace("https://w3id.org/migkg/service#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def describe(
    endpoint: str,
    graphs: list[str],
    *,
    title: str,
    max_rows: int,
    timeout: float,
    build_id: str,
) -> Graph:
    g = Graph()
    g.bind("sd", SD)
    g.bind("svc", SVC)
    g.bind("format", FORMATS)
    svc = URIRef(endpoint)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, RDFS.label, Literal(title, lang="en")))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS:
        g.add((svc, SD.resultFormat, FORMATS[name]))
    g.add((svc, SVC.resultRowLimit, Literal(max_rows, datatype=XSD.integer)))
    g.add((svc, SVC.queryTimeoutSeconds, Literal(f"{timeout:g}", datatype=XSD.decimal)))
    g.add((svc, SVC.buildId, Literal(build_id)))
    g.add(
        (
            svc,
            RDFS.comment,
            Literal(
                "Read-only and self-contained: SPARQL 1.1 Query only; SERVICE, LOAD, updates and "
                "FROM of graphs outside this store are refused. The default graph is the union "
                f"of the named graphs. At most {max_rows} rows per answer (X-Result-Truncated: "
                f"true says more existed); queries stop after {timeout:g} s (503).",
                lang="en",
            ),
        )
    )
    dataset = BNode("dataset")
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode("defaultGraph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for i, name in enumerate(graphs):
        node = BNode(f"named{i}")
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    return g


def serialize(g: Graph, fmt: str) -> bytes:
    return g.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
