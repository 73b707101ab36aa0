"""Issue 13 item 15 (the query side): the small protocol faults.

A comment-only query is an empty query (400), not an "update"; a malformed `q=` in Accept keeps
its media type; HEAD on /sparql is allowed and a 405 names every method; a CONSTRUCT answered
as RDF/XML is well-formed XML or refused cleanly.
"""

from __future__ import annotations

import xml.dom.minidom

import httpx
import pytest


@pytest.mark.parametrize("method", ["GET", "POST-BODY"])
def test_item15_comment_only_query_is_400_empty(client: httpx.Client, method: str) -> None:
    text = "# nothing here\n   # and nothing here either\n"
    if method == "GET":
        r = client.get("/sparql", params={"query": text})
    else:
        r = client.post(
            "/sparql", content=text, headers={"Content-Type": "application/sparql-query"}
        )
    assert r.status_code == 400, r.text
    assert r.json()["error"].startswith("empty query")
    assert r.json()["status"] == 400


def test_item15_malformed_q_in_accept_keeps_the_type(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "text/csv;q=high"},
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")


def test_item15_head_on_sparql_is_allowed(client: httpx.Client) -> None:
    q = {"query": "ASK { ?s ?p ?o }"}
    got = client.get("/sparql", params=q)
    head = client.head("/sparql", params=q)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-type"] == got.headers["content-type"]


def test_item15_405_allow_lists_get_head_post(client: httpx.Client) -> None:
    r = client.put("/sparql", content=b"ASK {}")
    assert r.status_code == 405
    allowed = {m.strip() for m in r.headers["allow"].split(",")}
    assert allowed == {"GET", "HEAD", "POST"}


@pytest.mark.parametrize(
    "construct",
    [
        # a predicate IRI with no XML local name (ends in a digit, or in '#')
        "CONSTRUCT { ?c <http://example.org/p/1> ?code } WHERE "
        "{ ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code }",
        "CONSTRUCT { ?c <http://example.org/p#> ?code } WHERE "
        "{ ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code }",
        # a character XML 1.0 cannot hold
        'CONSTRUCT { ?c <http://example.org/p/x> ?v } WHERE '
        '{ ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code '
        'BIND(CONCAT(?code, "\\u0001") AS ?v) }',
    ],
)
def test_item15_construct_as_rdfxml_is_well_formed_or_refused(
    client: httpx.Client, construct: str
) -> None:
    r = client.get(
        "/sparql", params={"query": construct}, headers={"Accept": "application/rdf+xml"}
    )
    if r.status_code == 200:
        xml.dom.minidom.parseString(r.content)  # raises on a non-well-formed document
    else:
        assert r.status_code == 406, r.text
        body = r.json()
        assert body["status"] == 406 and "RDF/XML" in body["error"]
        assert "text/turtle" in body["offered"]
    turtle = client.get("/sparql", params={"query": construct}, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200  # the same graph in another format is served
