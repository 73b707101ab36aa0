"""Read-only and self-contained: what the endpoint refuses, and that it never reaches out.

Every refused query names the loopback canary (a TCP listener of this test session); the canary
must see zero connections. The corpus defeats string matching on purpose: mixed case, comments
inside the query, `\\u` escapes, SERVICE hidden in OPTIONAL or a sub-select or given by a
variable. Meanwhile FROM of a graph that IS in the store works.
"""

from __future__ import annotations

import httpx
import pytest

from tests.api.api_support import Canary

BUILD_GRAPH = "https://w3id.org/migkg/graph/build"
COUNTRIES = "https://w3id.org/migkg/graph/reference/countries"


def corpus(canary: str) -> list[tuple[str, str, str]]:
    """(id, query, the words the refusal must contain)."""
    return [
        ("service", f"SELECT * WHERE {{ SERVICE <{canary}> {{ ?s ?p ?o }} }}", "SERVICE"),
        (
            "service-mixed-case",
            f"select * where {{ sErViCe <{canary}> {{ ?s ?p ?o }} }}",
            "SERVICE",
        ),
        (
            "service-with-comments",
            f"SELECT * # SERVICE? no\nWHERE {{ # here it comes\n SERVICE # the keyword\n"
            f" <{canary}> {{ ?s ?p ?o }} }}",
            "SERVICE",
        ),
        (
            "service-unicode-escape",
            f"SELECT * WHERE {{ \\u0053ERVICE <{canary}> {{ ?s ?p ?o }} }}",
            "SERVICE",
        ),
        (
            "service-in-optional",
            f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{canary}> {{ ?s ?q ?r }} }} }}",
            "SERVICE",
        ),
        (
            "service-in-subselect",
            f"SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{canary}> {{ ?s ?p ?o }} }} }} }}",
            "SERVICE",
        ),
        (
            "service-silent-variable",
            f"SELECT * WHERE {{ BIND(<{canary}> AS ?e) SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
            "SERVICE",
        ),
        # issue 13 item 1: rdflib's translateQuery removes FILTERs from the tree it is given, so
        # a SERVICE inside FILTER (NOT) EXISTS escaped a guard that walked the translated tree
        (
            "item01-service-in-filter-not-exists",
            f"SELECT * WHERE {{ ?a ?b ?c FILTER NOT EXISTS {{ SERVICE <{canary}> {{ ?s ?p ?o }} }}"
            " } LIMIT 1",
            "SERVICE",
        ),
        (
            "item01-service-in-filter-exists",
            f"SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{canary}> {{ ?s ?p ?o }} }} }}",
            "SERVICE",
        ),
        (
            "item01-service-in-bind-exists",
            f"SELECT * WHERE {{ BIND(EXISTS {{ SERVICE <{canary}> {{ ?s ?p ?o }} }} AS ?x) }}",
            "SERVICE",
        ),
        (
            "item01-service-in-nested-filter",
            f"SELECT * WHERE {{ ?a ?b ?c FILTER(?c != 1 || NOT EXISTS {{ {{ ?a ?b ?d }} UNION"
            f" {{ SERVICE <{canary}> {{ ?s ?p ?o }} }} }}) }}",
            "SERVICE",
        ),
        (
            "item01-service-in-minus",
            f"SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{canary}> {{ ?a ?b ?c }} }} }}",
            "SERVICE",
        ),
        (
            "item01-service-iri-built-per-row",
            "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { BIND(IRI(CONCAT("
            f'"{canary}/", STR(?c))) AS ?t) SERVICE ?t {{ ?s ?p ?o }} }} }}',
            "SERVICE",
        ),
        ("remote-from", f"SELECT * FROM <{canary}> WHERE {{ ?s ?p ?o }}", "FROM"),
        ("remote-from-named", f"SELECT * FROM NAMED <{canary}> WHERE {{ ?s ?p ?o }}", "FROM NAMED"),
        (
            "remote-from-prefixed",
            f"PREFIX c: <{canary}/> SELECT * FROM c:graph WHERE {{ ?s ?p ?o }}",
            "FROM",
        ),
        (
            "remote-from-escaped",
            f"SELECT * \\u0046ROM <{canary}> WHERE {{ ?s ?p ?o }}",
            "FROM",
        ),
        ("load", f"LOAD <{canary}>", "read-only"),
        ("load-into", f"load silent <{canary}> INTO GRAPH <{BUILD_GRAPH}>", "LOAD"),
        (
            "insert-data",
            f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{ <{canary}> a <x:y> }} }}",
            "INSERT",
        ),
        ("delete-where", "DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("clear-all", "CLEAR ALL", "CLEAR"),
        ("drop-escaped", f"\\u0044ROP GRAPH <{BUILD_GRAPH}>", "DROP"),
    ]


CORPUS_IDS = [c[0] for c in corpus("http://x")]


@pytest.mark.parametrize("method", ["GET", "POST-FORM", "POST-BODY"])
@pytest.mark.parametrize("case_id", CORPUS_IDS)
def test_refused(client: httpx.Client, canary: Canary, case_id: str, method: str) -> None:
    _, query, words = next(c for c in corpus(canary.url) if c[0] == case_id)
    if method == "GET":
        r = client.get("/sparql", params={"query": query})
    elif method == "POST-FORM":
        r = client.post("/sparql", data={"query": query})
    else:
        r = client.post(
            "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
        )
    assert r.status_code == 403, r.text
    assert words in r.json()["error"]
    assert r.json()["requestId"] == r.headers["x-request-id"]


@pytest.mark.parametrize("method", ["GET", "POST-FORM", "POST-UPDATE-BODY"])
def test_update_operation_refused(client: httpx.Client, canary: Canary, method: str) -> None:
    """The protocol's own update forms (`update=`, a sparql-update body) are refused too."""
    update = f"LOAD <{canary.url}>"
    if method == "GET":
        r = client.get("/sparql", params={"update": update})
    elif method == "POST-FORM":
        r = client.post("/sparql", data={"update": update})
    else:
        r = client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        )
    assert r.status_code == 403
    assert r.json()["error"] == "this endpoint is read-only: SPARQL Update is not accepted"


def test_remote_protocol_graphs_refused(client: httpx.Client, canary: Canary) -> None:
    for param in ("default-graph-uri", "named-graph-uri"):
        r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", param: canary.url})
        assert r.status_code == 403
        assert canary.url in r.json()["error"]


def test_from_a_store_graph_works(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": f"SELECT ?p FROM <{BUILD_GRAPH}> WHERE {{ ?s ?p ?o }} ORDER BY ?p"},
        headers={"Accept": "text/csv"},
    )
    assert r.status_code == 200
    assert r.text == (
        "p\r\nhttp://www.w3.org/1999/02/22-rdf-syntax-ns#type\r\n"
        "https://w3id.org/migkg/ontology#buildId\r\nhttps://w3id.org/migkg/ontology#latestAsOf\r\n"
    )


def test_from_named_a_store_graph_works(client: httpx.Client) -> None:
    q = (
        f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{COUNTRIES}> "
        "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"})
    assert r.status_code == 200
    assert r.text == f"g,n\r\n{COUNTRIES},9\r\n"


def test_default_graph_uri_restricts_the_dataset(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "default-graph-uri": BUILD_GRAPH,
        },
        headers={"Accept": "text/csv"},
    )
    assert r.text == "n\r\n3\r\n"
    r = client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
        headers={"Accept": "text/csv"},
    )
    assert r.text == "n\r\n27\r\n"  # the union default graph


def test_named_graph_uri_honoured(client: httpx.Client) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.get(
        "/sparql", params={"query": q, "named-graph-uri": COUNTRIES}, headers={"Accept": "text/csv"}
    )
    assert r.text == f"g\r\n{COUNTRIES}\r\n"


def test_malformed_query_is_400_with_position(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert r.status_code == 400
    body = r.json()
    # the engine's position: where its parser stopped, just after the unexpected "}"
    assert (body["line"], body["column"]) == (3, 2)
    assert body["error"].startswith("syntax error at line 3, column 2: expected")


def test_non_portable_extension_is_400(client: httpx.Client) -> None:
    """SPARQL 1.2 triple terms: Oxigraph would run it, the remote backend might not."""
    r = client.get("/sparql", params={"query": "SELECT * WHERE { << ?s ?p ?o >> ?q ?r }"})
    assert r.status_code == 400
    assert r.json()["error"].startswith("not portable SPARQL 1.1")


def test_extension_function_is_400(client: httpx.Client) -> None:
    q = "SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/fn>(?o)) }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 400
    assert "not portable" in r.json()["error"]


def test_other_body_is_415(client: httpx.Client) -> None:
    r = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415
    assert "application/sparql-query" in r.json()["error"]


def test_post_without_query_is_400(client: httpx.Client) -> None:
    r = client.post("/sparql", data={"default-graph-uri": BUILD_GRAPH})
    assert r.status_code == 400


def test_zz_canary_never_contacted(canary: Canary) -> None:
    """Runs after the refusals in this module (pytest keeps file order)."""
    assert canary.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 25 + "1" + ")" * 25 + ") }",
        "SELECT * WHERE " + "{ " * 40 + "?s ?p ?o" + " }" * 40,
    ],
    ids=["25-parentheses", "40-groups"],
)
def test_item09_deep_nesting_is_a_400_not_a_500(client: httpx.Client, query: str) -> None:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400, r.text
    assert "nest" in r.json()["error"]


def test_item09_brackets_inside_strings_and_iris_do_not_count(client: httpx.Client) -> None:
    q = 'SELECT * WHERE { BIND("' + "(" * 40 + '" AS ?x) } # ' + "{" * 40
    assert client.get("/sparql", params={"query": q}).status_code == 200


@pytest.mark.parametrize("query", ["# only a comment", "  # one\n# two\n", "\n\t"])
def test_item15_comment_only_query_is_an_empty_query(client: httpx.Client, query: str) -> None:
    """Issue 13 item 15: a query of comments only was refused as an "update" (403)."""
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400, r.text
    assert r.json()["error"].startswith("empty query")


def test_item15_a_hash_inside_an_iri_or_string_is_not_a_comment(client: httpx.Client) -> None:
    q = 'ASK { ?s <https://w3id.org/migkg/ontology#isoAlpha3> "#SEN" }'
    assert client.get("/sparql", params={"query": q}).status_code == 200
