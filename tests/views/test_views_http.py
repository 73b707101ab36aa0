"""The view routes over HTTP: a real uvicorn server on 127.0.0.1 serving the fixture build."""

from __future__ import annotations

import gzip
import io
import json

import httpx
import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph, Literal, URIRef

from tests.views.conftest import Server
from tests.views.test_views_network import XSD

SEN = "https://w3id.org/migkg/id/country/SEN"
QUOTE = "co-chaired by Senegal"


@pytest.fixture(scope="module")
def client(fixture_server: Server) -> httpx.Client:
    return fixture_server.client()


def test_path_route(client: httpx.Client) -> None:
    r = client.get("/path", params={"from": "Senegal", "to": "MAR"})
    assert r.status_code == 200
    body = r.json()
    assert [[n["label"] for n in p["nodes"]] for p in body["paths"]] == [
        ["Senegal", "Rabat Process", "Morocco"]
    ]
    assert body["paths"][0]["hops"][0]["relations"][0]["role"] == "partner"
    r = client.get("/path", params={"from": "SEN", "to": "LBY", "max_length": 3})
    assert r.json()["paths"] == []
    r = client.get("/path", params={"from": "SEN", "to": "MAR", "max_length": 7})
    assert r.status_code == 400


def test_path_unknown_name_is_a_404_with_suggestions(client: httpx.Client) -> None:
    r = client.get("/path", params={"from": "Nigera", "to": "Morocco"})
    assert r.status_code == 404
    assert [s["label"] for s in r.json()["suggestions"]] == ["Nigeria", "Niger"]


def test_network_json_and_graphml_agree(client: httpx.Client) -> None:
    j = client.get("/network/processes").json()
    r = client.get("/network/processes", params={"format": "graphml"})
    assert r.headers["content-type"] == "application/graphml+xml"
    g = nx.read_graphml(io.BytesIO(r.content))
    assert (
        (g.number_of_nodes(), g.number_of_edges())
        == (len(j["nodes"]), len(j["links"]))
        == (
            7,
            7,
        )
    )


def test_network_gexf_validates_and_filters_apply(client: httpx.Client) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    r = client.get("/network/instruments", params={"format": "gexf", "status": "in_force"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/gexf+xml"
    assert schema.validate(etree.fromstring(r.content)), schema.error_log
    j = client.get("/network/instruments", params={"type": "ReadmissionAgreement"}).json()
    assert [link["status"] for link in j["links"]] == ["in_force"]
    assert client.get("/network/processes", params={"date": "soon"}).status_code == 400
    assert client.get("/network/people").status_code == 404


def _claims_with_quote(g: Graph) -> set[str]:
    quote = URIRef("https://w3id.org/migkg/ontology#quote")
    member = URIRef("http://www.w3.org/ns/org#member")
    return {str(c) for c in g.subjects(member, URIRef(SEN)) if (c, quote, Literal(QUOTE)) in g}


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
    ],
)
def test_id_country_rdf_forms(client: httpx.Client, accept: str, media: str, fmt: str) -> None:
    r = client.get("/id/country/SEN", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert "Accept" in r.headers["vary"]
    g = Graph()
    g.parse(data=r.content, format=fmt)
    assert (
        URIRef(SEN),
        URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
        Literal("Senegal", lang="en"),
    ) in g
    assert _claims_with_quote(g) == {"https://w3id.org/migkg/id/claim/0000000000000011"}
    # the reference claim (a public page, no quote) is there too
    assert (
        URIRef("https://w3id.org/migkg/id/claim/0000000000000001"),
        URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
        URIRef("https://www.rabat-process.org/en/about/rabat-process/partners"),
    ) in g


def test_id_country_html(client: httpx.Client) -> None:
    r = client.get(
        "/id/country/SEN", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Senegal</h1>" in r.text
    assert f"<blockquote>{QUOTE}</blockquote>" in r.text
    assert 'href="/id/process/rabat-process">Rabat Process</a>' in r.text


def test_id_negotiation_edges(client: httpx.Client) -> None:
    assert (
        client.get("/id/country/SEN", params={"format": "nt"})
        .headers["content-type"]
        .startswith("application/n-triples")
    )
    assert client.get("/id/country/SEN", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/id/country/XXX").status_code == 404
    assert client.get("/id/person/someone").status_code == 404
    withheld = client.get("/id/passage/fixture-limite/100-190", headers={"Accept": "text/turtle"})
    assert withheld.status_code == 404
    kept = client.get("/id/passage/fixture-limite/10-90", headers={"Accept": "text/turtle"})
    assert kept.status_code == 200


def test_dump_etag_304_and_gzip(client: httpx.Client, fixture_server: Server) -> None:
    identity = (fixture_server.build_dir / "dumps" / "graph.nq").read_bytes()
    r = client.get("/dumps/graph.nq", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200
    assert r.content == identity
    assert r.headers["content-type"].startswith("application/n-quads")
    assert "content-encoding" not in r.headers
    assert r.headers["vary"] == "Accept-Encoding"
    assert r.headers["last-modified"].endswith("GMT")
    tag = r.headers["etag"]
    again = client.get(
        "/dumps/graph.nq", headers={"Accept-Encoding": "identity", "If-None-Match": tag}
    )
    assert again.status_code == 304
    assert again.content == b""
    with client.stream("GET", "/dumps/graph.nq", headers={"Accept-Encoding": "gzip"}) as z:
        raw = b"".join(z.iter_raw())
        assert z.headers["content-encoding"] == "gzip"
        assert z.headers["etag"] != tag
    assert gzip.decompress(raw) == identity
    assert client.get("/dumps/graph.xml").status_code == 404


def test_jsonld_dump_over_http_matches_nquads(client: httpx.Client) -> None:
    nq = Dataset()
    nq.parse(data=client.get("/dumps/graph.nq").content, format="nquads")
    jl = Dataset()
    jl.parse(data=client.get("/dumps/graph.jsonld").content, format="json-ld")
    assert set(jl.quads()) == set(nq.quads())


def test_void_and_context(client: httpx.Client) -> None:
    r = client.get("/.well-known/void")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert b"creativecommons.org/licenses/by/4.0" in r.content
    c = client.get("/context.jsonld")
    assert c.headers["content-type"] == "application/ld+json"
    dump = json.loads(client.get("/dumps/graph.jsonld").content)
    assert c.json()["@context"] == dump["@context"]


def test_search_route(client: httpx.Client) -> None:
    r = client.get("/search", params={"q": "Turkiye"})
    assert r.status_code == 200
    body = r.json()
    assert [e["label"] for e in body["entities"]] == ["Türkiye"]
    assert all("Türkiye" in p["text"] or "Turkey" in p["text"] for p in body["passages"])
    assert len(body["passages"]) == 3
    assert client.get("/search", params={"q": ""}).status_code == 400
