"""Issue 13 item 2: the ETag of /sparql comes from the whole query, FILTERs included.

It used to hash the parse tree after rdflib's translation had removed the FILTERs from it, so
two queries differing only in a FILTER shared one strong ETag and the second got a 304 for an
answer it never had.
"""

from __future__ import annotations

import httpx

QUERY = (
    "SELECT ?c WHERE {{ ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code "
    'FILTER(?code = "{code}") }}'
)


def get(client: httpx.Client, code: str, etag: str | None = None) -> httpx.Response:
    headers = {"Accept": "text/csv"}
    if etag:
        headers["If-None-Match"] = etag
    return client.get("/sparql", params={"query": QUERY.format(code=code)}, headers=headers)


def test_item02_queries_differing_in_a_filter_have_different_etags(client: httpx.Client) -> None:
    mar = get(client, "MAR")
    tun = get(client, "TUN")
    assert mar.text != tun.text  # two different answers...
    assert mar.headers["etag"] != tun.headers["etag"]  # ...so two different tags


def test_item02_etag_of_one_filter_gives_no_304_for_another(client: httpx.Client) -> None:
    mar = get(client, "MAR")
    r = get(client, "TUN", etag=mar.headers["etag"])
    assert r.status_code == 200
    assert "country/TUN" in r.text
    assert get(client, "MAR", etag=mar.headers["etag"]).status_code == 304  # still revalidates


def test_item02_etag_ignores_layout_and_comments_only(client: httpx.Client) -> None:
    a = client.get("/sparql", params={"query": QUERY.format(code="NER")})
    spaced = QUERY.format(code="NER").replace(" FILTER", "\n  # the code\n  filter")
    b = client.get("/sparql", params={"query": spaced})
    assert a.headers["etag"] == b.headers["etag"]
