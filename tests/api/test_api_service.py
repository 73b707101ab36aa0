"""Caching, the row cap, the service description, health, metrics, request ids and CORS."""

from __future__ import annotations

import io
import json

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.query import Result

from migkg.api.app import ServiceSettings, create_app
from migkg.store import OxigraphStore
from tests.api.api_support import DATA, MAX_ROWS, Server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SVC = Namespace("https://w3id.org/migkg/service#")
SMALL = "SELECT ?code WHERE { ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code } ORDER BY ?code"
# the same query, differently written: layout, a comment, keyword case
SMALL_AGAIN = (
    "select ?code # the codes\nwhere {\n  ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code\n}"
    "\norder by ?code"
)


def test_etag_and_304(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SMALL})
    assert r.status_code == 200
    tag = r.headers["etag"]
    assert tag.startswith('"') and len(tag) == 34
    assert r.headers["cache-control"] == "public, max-age=60"
    again = client.get("/sparql", params={"query": SMALL}, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    # comments, layout and keyword case do not change the answer, so not the ETag either
    same = client.get("/sparql", params={"query": SMALL_AGAIN}, headers={"If-None-Match": tag})
    assert same.status_code == 304
    # another media type is another representation
    csv = client.get("/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"})
    assert csv.headers["etag"] != tag
    stale = client.get("/sparql", params={"query": SMALL}, headers={"If-None-Match": '"nope"'})
    assert stale.status_code == 200


def test_item02_queries_differing_in_a_filter_have_different_etags(client: httpx.Client) -> None:
    """Issue 13 item 2: the ETag was hashed from the tree translateQuery had stripped of its
    FILTERs, so `FILTER(?code = "MAR")` answered 304 to the ETag of `FILTER(?code = "SEN")`."""
    code = "<https://w3id.org/migkg/ontology#isoAlpha3>"
    q = "SELECT ?c WHERE {{ ?c " + code + " ?code FILTER(?code = {}) }}"
    sen = client.get("/sparql", params={"query": q.format('"SEN"')})
    assert sen.status_code == 200
    tag = sen.headers["etag"]
    mar = client.get("/sparql", params={"query": q.format('"MAR"')}, headers={"If-None-Match": tag})
    assert mar.status_code == 200
    assert mar.headers["etag"] != sen.headers["etag"]


def test_canned_query_etag(client: httpx.Client) -> None:
    r = client.get("/queries/reports/claims-as-of", params={"asOf": "2024-04-01"})
    tag = r.headers["etag"]
    other = client.get("/queries/reports/claims-as-of", params={"asOf": "2024-05-01"})
    assert other.headers["etag"] != tag  # the bound parameter is part of the ETag
    again = client.get(
        "/queries/reports/claims-as-of",
        params={"asOf": "2024-04-01"},
        headers={"If-None-Match": tag},
    )
    assert again.status_code == 304


ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_select(client: httpx.Client, fmt: str) -> None:
    r = client.get("/sparql", params={"query": ALL, "format": fmt})
    assert r.status_code == 200
    assert r.headers["x-result-truncated"] == "true"
    if fmt == "csv":
        assert len(r.text.splitlines()) == MAX_ROWS + 1 + 1  # header; one label has a newline
    else:
        assert len(list(Result.parse(io.BytesIO(r.content), format=fmt))) == MAX_ROWS


@pytest.mark.parametrize(
    "accept,rdflib_format",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_row_cap_graph(client: httpx.Client, accept: str, rdflib_format: str) -> None:
    r = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": accept}
    )
    assert r.headers["x-result-truncated"] == "true"
    assert len(Graph().parse(data=r.content, format=rdflib_format)) == MAX_ROWS


def test_no_truncation_header_under_the_cap(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SMALL})
    assert "x-result-truncated" not in r.headers
    assert len(r.json()["results"]["bindings"]) == 3


def test_service_description(client: httpx.Client, server: Server) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.text, format="turtle")
    svc = URIRef(f"{server.url}/sparql")
    assert (svc, SD.endpoint, svc) in g
    assert (svc, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (svc, SD.feature, SD.UnionDefaultGraph) in g
    assert len(set(g.objects(svc, SD.resultFormat))) == 8
    assert g.value(svc, SVC.resultRowLimit) == Literal(MAX_ROWS)
    names = sorted(str(n) for n in g.objects(None, SD.name))
    assert names == [
        "https://w3id.org/migkg/graph/build",
        "https://w3id.org/migkg/graph/reference/agreements",
        "https://w3id.org/migkg/graph/reference/countries",
        "https://w3id.org/migkg/graph/source/doc1",
    ]
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json"
    assert json.loads(jsonld.text)


def test_health(client: httpx.Client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["buildId"] == "fixture-1"
    assert body["workers"]["size"] == 2
    assert set(body["workers"]) == {
        "size",
        "alive",
        "idle",
        "respawns",
        "timeouts",
        "busy",
        "memoryKills",
        "clientGone",
        "retries",
        "waiting",
        "pids",
    }


def test_metrics(client: httpx.Client) -> None:
    client.get("/sparql", params={"query": SMALL})
    text = client.get("/metrics").text
    lines = text.splitlines()
    assert "# TYPE migkg_request_seconds histogram" in lines
    assert any(
        line.startswith('migkg_requests_total{route="/sparql",method="GET",status="200"} ')
        for line in lines
    )
    inf = next(x for x in lines if x.startswith('migkg_request_seconds_bucket{le="+Inf"}'))
    count = next(x for x in lines if x.startswith("migkg_request_seconds_count "))
    assert inf.split()[-1] == count.split()[-1]
    assert "migkg_workers_alive" in text


def test_request_id_and_build_id_on_every_answer(client: httpx.Client) -> None:
    r = client.get("/health", headers={"X-Request-Id": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    assert r.headers["x-build-id"] == "fixture-1"
    r = client.get("/health", headers={"X-Request-Id": "bad id with spaces"})
    assert len(r.headers["x-request-id"]) == 16  # replaced by a fresh one


def test_cors_off_by_default(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SMALL}, headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_when_configured_and_inline_runner() -> None:
    """A second app: an in-memory store (threads, no workers) with CORS for one origin."""
    store = OxigraphStore.from_nquads((DATA / "fixture.nq").read_bytes(), "memory-1")
    app = create_app(
        store, ServiceSettings(workers=0, cors_origins=("https://example.org",), project_dir=DATA)
    )
    with Server(app) as srv, httpx.Client(base_url=srv.url) as c:
        r = c.get(
            "/sparql",
            params={"query": SMALL, "format": "csv"},
            headers={"Origin": "https://example.org"},
        )
        assert r.text == "code\r\nMAR\r\nNER\r\nTUN\r\n"
        assert r.headers["access-control-allow-origin"] == "https://example.org"
        assert "x-result-truncated" in r.headers["access-control-expose-headers"].lower()
        assert r.headers["x-build-id"] == "memory-1"
        r = c.get("/sparql", params={"query": SMALL}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_item15_head_on_sparql_answers_like_get_without_a_body(client: httpx.Client) -> None:
    get = client.get("/sparql", params={"query": SMALL})
    head = client.head("/sparql", params={"query": SMALL})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_item15_allow_names_every_method_of_sparql(client: httpx.Client) -> None:
    r = client.put("/sparql", content=b"")
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["allow"].split(",")} == {"GET", "HEAD", "POST"}
