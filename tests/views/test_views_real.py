"""Acceptance on the real corpus: a real build (session fixture) served by a real uvicorn server.

Slow (the build plus its view artefacts take tens of seconds), so marked ``slow``.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef

from tests.views.conftest import Server
from tests.views.test_views_dumps import check_jsonld_offline

pytestmark = pytest.mark.slow

SEN = "https://w3id.org/migkg/id/country/SEN"
RABAT = "https://w3id.org/migkg/id/process/rabat-process"
QUOTE = URIRef("https://w3id.org/migkg/ontology#quote")


@pytest.fixture(scope="module")
def client(real_server: Server) -> httpx.Client:
    return real_server.client()


def test_senegal_to_morocco_passes_through_the_rabat_process(client: httpx.Client) -> None:
    r = client.get("/path", params={"from": "Senegal", "to": "Morocco"})
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert paths, "no path from Senegal to Morocco"
    via_rabat = [p for p in paths if RABAT in [n["iri"] for n in p["nodes"]]]
    assert via_rabat, [[n["label"] for n in p["nodes"]] for p in paths]
    assert [n["label"] for n in via_rabat[0]["nodes"]] == ["Senegal", "Rabat Process", "Morocco"]
    for hop in via_rabat[0]["hops"]:
        memberships = [x for x in hop["relations"] if x["relation"] == "membership"]
        assert memberships, hop
        for rel in memberships:
            assert rel["role"], rel
            assert rel["evidence"], rel
            for ev in rel["evidence"]:
                assert ev.get("source", "").startswith("https://") or (
                    ev.get("documentId") and ev.get("firstLine") and ev.get("quote")
                ), ev


def test_max_length_and_limit_on_the_real_graph(client: httpx.Client) -> None:
    r = client.get("/path", params={"from": "SEN", "to": "MAR", "max_length": 1})
    assert r.json()["paths"] == []
    r = client.get("/path", params={"from": "SEN", "to": "MAR", "limit": 2, "hubs": "true"})
    paths = r.json()["paths"]
    assert len(paths) == 2
    assert paths[0]["length"] <= paths[1]["length"]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_id_country_forms_return_claims_with_quotes(
    client: httpx.Client, accept: str, fmt: str
) -> None:
    r = client.get("/id/country/SEN", headers={"Accept": accept})
    assert r.status_code == 200
    g = Graph()
    g.parse(data=r.content, format=fmt)
    assert (
        URIRef(SEN),
        URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
        Literal("Senegal", lang="en"),
    ) in g
    quotes = {str(q) for q in g.objects(None, QUOTE)}
    assert any("Senegal" in q for q in quotes), sorted(quotes)[:5]
    memberships = set(g.subjects(URIRef("http://www.w3.org/ns/org#member"), URIRef(SEN)))
    assert memberships


def test_id_country_html(client: httpx.Client) -> None:
    r = client.get("/id/country/SEN", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert "<h1>Senegal</h1>" in r.text
    assert re.search(r"<blockquote>[^<]*Senegal[^<]*</blockquote>", r.text)


def test_search_turkiye_finds_passages_that_mention_turkiye(client: httpx.Client) -> None:
    r = client.get("/search", params={"q": "Turkiye"})
    assert r.status_code == 200
    passages = r.json()["passages"]
    assert passages
    for p in passages:
        if p["matchedBy"] == "text":
            assert "Türkiye" in p["text"], p["text"]
            assert "<mark>Türkiye</mark>" in p["highlight"]
        else:
            assert "https://w3id.org/migkg/id/country/TUR" in [e["iri"] for e in p["entities"]]


def test_dump_304_and_gzip_on_the_real_build(client: httpx.Client, real_server: Server) -> None:
    identity = (real_server.build_dir / "dumps" / "graph.nq").read_bytes()
    r = client.get("/dumps/graph.nq", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and r.content == identity
    again = client.get(
        "/dumps/graph.nq",
        headers={"Accept-Encoding": "identity", "If-None-Match": r.headers["etag"]},
    )
    assert again.status_code == 304
    with client.stream("GET", "/dumps/graph.nq", headers={"Accept-Encoding": "gzip"}) as z:
        assert z.headers["content-encoding"] == "gzip"
        raw = b"".join(z.iter_raw())
    assert gzip.decompress(raw) == identity


def test_real_jsonld_dump_parses_offline_to_the_nquads_graph(real_views_build: Path) -> None:
    check_jsonld_offline(real_views_build)
