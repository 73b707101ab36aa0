"""SPARQLWrapper against the real server: every query form in every return format it offers.

Answers are compared with rdflib evaluating the same query over the same N-Quads (an
independent engine), row for row; graphs by isomorphism. CSV carries no types, so its rows are
compared by lexical value.
"""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.api.api_support import Reference, rows_key

MKG = "https://w3id.org/migkg/ontology#"
SELECT = f"""PREFIX mkg: <{MKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?i ?label ?country ?start WHERE {{
  ?i a mkg:Instrument ; rdfs:label ?label ; mkg:country ?country .
  OPTIONAL {{ ?c mkg:instrument ?i ; mkg:startOffset ?start }}
}}"""
ASK_TRUE = f"ASK {{ ?c a <{MKG}Country> }}"
ASK_FALSE = f"ASK {{ ?c a <{MKG}Nothing> }}"
CONSTRUCT = f"""PREFIX mkg: <{MKG}>
CONSTRUCT {{ ?c mkg:isoAlpha3 ?code ; a mkg:Country }} WHERE {{ ?c mkg:isoAlpha3 ?code }}"""
DESCRIBE = "DESCRIBE <https://w3id.org/migkg/id/claim/s2>"


def wrapper(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


def parse_results(converted: object, fmt: str) -> Result:
    if fmt == JSON:
        return Result.parse(io.StringIO(json.dumps(converted)), format="json")
    if fmt == XML:
        return Result.parse(io.BytesIO(converted.toxml("utf-8")), format="xml")  # type: ignore[attr-defined]
    assert isinstance(converted, bytes)
    return Result.parse(io.BytesIO(converted), format=fmt)


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", [JSON, XML, TSV])
def test_select_rows_equal_rdflib(
    endpoint: str, reference: Reference, fmt: str, method: str
) -> None:
    res = wrapper(endpoint, SELECT, fmt, method).query()
    parsed = parse_results(res.convert(), fmt)
    rows = rows_key([row.asdict() for row in parsed])
    assert rows == reference.select(SELECT)
    assert len(rows) == 2


def test_select_csv_has_the_values(endpoint: str) -> None:
    """CSV has no types: the exact values, with the quote and newline of one label intact."""
    body = wrapper(endpoint, SELECT, CSV).query().convert()
    parsed = Result.parse(io.BytesIO(body), format="csv")
    assert [v.toPython() for v in parsed.vars] == ["?i", "?label", "?country", "?start"]
    got = sorted(tuple("" if t is None else str(t) for t in row) for row in parsed)
    assert got == [
        (
            "https://w3id.org/migkg/id/instrument/frontex/NER/frontex",
            'Frontex working arrangement, "Niger"\nsecond line',
            "https://w3id.org/migkg/id/country/NER",
            "120",
        ),
        (
            "https://w3id.org/migkg/id/instrument/readmission/MAR/eu",
            "EU-Morocco readmission agreement",
            "https://w3id.org/migkg/id/country/MAR",
            "",
        ),
    ]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("query,expected", [(ASK_TRUE, True), (ASK_FALSE, False)])
def test_ask(endpoint: str, reference: Reference, fmt: str, query: str, expected: bool) -> None:
    converted = wrapper(endpoint, query, fmt).query().convert()
    if fmt == JSON:
        got = converted["boolean"]  # type: ignore[index]
    elif fmt == XML:
        got = converted.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[attr-defined]
    else:
        got = converted.decode().split()[-1] == "true"  # type: ignore[attr-defined]
    assert got is expected
    assert reference.ask(query) is expected


def to_graph(converted: object, fmt: str) -> Graph:
    if isinstance(converted, Graph):
        return converted
    assert isinstance(converted, bytes), type(converted)
    return Graph().parse(data=converted, format="json-ld" if fmt == JSONLD else "turtle")


@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, RDFXML, JSONLD])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graph_forms_isomorphic_to_rdflib(
    endpoint: str, reference: Reference, fmt: str, query: str
) -> None:
    got = to_graph(wrapper(endpoint, query, fmt).query().convert(), fmt)
    want = reference.graph(query)
    assert len(want) == (6 if query == CONSTRUCT else 5)
    assert isomorphic(got, want), got.serialize(format="nt")


def test_graph_form_subject(endpoint: str) -> None:
    """The DESCRIBE answer is about the resource asked for (a plain, checkable value)."""
    g = to_graph(wrapper(endpoint, DESCRIBE, TURTLE).query().convert(), TURTLE)
    assert set(g.subjects()) == {URIRef("https://w3id.org/migkg/id/claim/s2")}
