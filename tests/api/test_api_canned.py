"""Canned queries over HTTP: the listing, parameters bound as typed terms, every format.

Rows are checked against rdflib running the same .rq text with the same typed bindings
(initBindings) over the same N-Quads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from migkg.api.app import ServiceSettings, create_app
from migkg.settings import project_root
from migkg.store import OxigraphStore
from migkg.views.queries import BUILD_AS_OF, bind, canned_queries
from tests.api.api_support import DATA, Reference, Server, rows_key

CANNED = canned_queries(DATA)
MAR = "https://w3id.org/migkg/id/country/MAR"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
# (name, URL params, rdflib bindings: the typed terms the endpoint must bind)
RUNS = [
    ("reports/countries", {}, {}),
    ("reports/claims-as-of", {}, {"asOf": Literal("2024-06-30", datatype=XSD_DATE)}),
    (
        "reports/claims-as-of",
        {"asOf": "2024-04-01"},
        {"asOf": Literal("2024-04-01", datatype=XSD_DATE)},
    ),
    ("reports/instruments-of", {"country": MAR}, {"country": URIRef(MAR)}),
    ("reports/instruments-of", {}, {}),
]


def test_listing(client: httpx.Client, server: object) -> None:
    r = client.get("/queries")
    assert r.status_code == 200
    listed = r.json()["queries"]
    assert [q["name"] for q in listed] == [
        "reports/broken-param",
        "reports/claims-as-of",
        "reports/countries",
        "reports/instrument-graph",
        "reports/instruments-of",
    ]
    claims = listed[1]
    assert claims["title"] == "Status claims observed on or before a date"
    assert claims["params"] == [{"name": "asOf", "type": "xsd:date", "default": "the build's asOf"}]
    assert claims["tags"] == ["fixture", "claims"]
    assert claims["url"].endswith("/queries/reports/claims-as-of")


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("name,params,bindings", RUNS, ids=[f"{r[0]}{r[1]}" for r in RUNS])
def test_canned_rows_equal_rdflib(
    client: httpx.Client,
    reference: Reference,
    name: str,
    params: dict[str, str],
    bindings: dict[str, object],
    fmt: str,
) -> None:
    r = client.get(f"/queries/{name}", params={**params, "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == FORMATS[fmt]
    want = reference.select(CANNED[name].text, bindings)
    if fmt == "csv":  # untyped: compare lexical values, in projection order
        got = sorted(tuple(row) for row in csv.reader(io.StringIO(r.text)))
        res = reference.ds.query(CANNED[name].text, initBindings=bindings)
        header = tuple(str(v) for v in res.vars)
        lexical = sorted(tuple("" if v is None else str(v) for v in row) for row in res)
        assert got == sorted([header, *lexical])
        return
    parsed = Result.parse(io.BytesIO(r.content), format=fmt)
    assert rows_key([row.asdict() for row in parsed]) == want


def test_claims_as_of_exact_rows(client: httpx.Client) -> None:
    """The default asOf is the build's latest (2024-06-30); an earlier date drops a claim."""
    r = client.get("/queries/reports/claims-as-of", params={"format": "csv"})
    assert r.text == (
        "claim,country,seen,asOf\r\n"
        "https://w3id.org/migkg/id/claim/s1,https://w3id.org/migkg/id/country/MAR,2024-03-31,2024-06-30\r\n"
        "https://w3id.org/migkg/id/claim/s2,https://w3id.org/migkg/id/country/NER,2024-06-30,2024-06-30\r\n"
    )
    r = client.get("/queries/reports/claims-as-of", params={"format": "csv", "asOf": "2024-04-01"})
    assert r.text == (
        "claim,country,seen,asOf\r\n"
        "https://w3id.org/migkg/id/claim/s1,https://w3id.org/migkg/id/country/MAR,2024-03-31,2024-04-01\r\n"
    )


def test_parameter_is_a_term_not_text(client: httpx.Client) -> None:
    """A value that would break out of the query if spliced is just a (non-matching) IRI."""
    r = client.get(
        "/queries/reports/instruments-of",
        params={"country": "http://x/> } UNION { ?instrument ?label ?country", "format": "csv"},
    )
    assert r.status_code == 400  # not an absolute IRI without spaces: refused as a value
    r = client.get(
        "/queries/reports/instruments-of",
        params={"country": "http://example.org/nowhere", "format": "csv"},
    )
    assert r.status_code == 200
    assert r.text == "instrument,label,country\r\n"


def test_graph_canned_query(client: httpx.Client, reference: Reference) -> None:
    r = client.get("/queries/reports/instrument-graph", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    got = Graph().parse(data=r.text, format="turtle")
    want = reference.graph(CANNED["reports/instrument-graph"].text)
    assert len(want) == 4
    assert isomorphic(got, want)


@pytest.mark.parametrize(
    "path,params,status,words",
    [
        ("reports/claims-as-of", {"asOf": "30/06/2024"}, 400, "must be a date YYYY-MM-DD"),
        ("reports/claims-as-of", {"when": "2024-01-01"}, 400, "has no parameter when"),
        ("reports/nothing", {}, 404, "no canned query 'reports/nothing'"),
        ("reports/countries", {"format": "turtle"}, 406, "no acceptable format"),
    ],
)
def test_canned_errors(
    client: httpx.Client, path: str, params: dict[str, str], status: int, words: str
) -> None:
    r = client.get(f"/queries/{path}", params=params)
    assert r.status_code == status
    assert words in r.json()["error"]


def test_engine_fault_is_500_with_request_id(client: httpx.Client) -> None:
    r = client.get("/queries/reports/broken-param", headers={"X-Request-Id": "trace-me-1"})
    assert r.status_code == 500
    body = r.json()
    assert body["requestId"] == "trace-me-1" == r.headers["x-request-id"]
    assert body["error"].startswith("the query engine failed:")


REAL = canned_queries(project_root())


@pytest.fixture(scope="module")
def real_queries_server() -> Iterator[Server]:
    """The project's own queries/ over the fixture graph (threads: no worker start-up cost)."""
    store = OxigraphStore.from_nquads((DATA / "fixture.nq").read_bytes(), "fixture-mem")
    with Server(create_app(store, ServiceSettings(workers=0, project_dir=project_root()))) as srv:
        yield srv


@pytest.mark.parametrize("name", sorted(REAL))
def test_project_canned_query_rows_equal_rdflib(
    real_queries_server: Server, reference: Reference, name: str
) -> None:
    """Every canned query of the checkout runs over HTTP and agrees with rdflib (defaults bound).

    On the real build (33,599 quads) country-timeline gave 724 identical rows; here the
    fixture graph keeps the test fast.
    """
    r = httpx.get(f"{real_queries_server.url}/queries/{name}", timeout=60)
    assert r.status_code == 200, r.text
    got = rows_key([row.asdict() for row in Result.parse(io.BytesIO(r.content), format="json")])
    bindings = bind(REAL[name], {}, {BUILD_AS_OF: "2024-06-30"})
    assert got == reference.select(REAL[name].text, bindings)
