"""The content-negotiation matrix: one test per case of conneg_cases.yaml, exact bodies.

Each case is Accept (or none) x query form x method (GET, POST form, POST sparql-query body),
optionally with `format=`; it asserts status, Content-Type and, for a 200, the exact body on
the fixture graph. 406 answers name the formats on offer.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

SPEC = yaml.safe_load((Path(__file__).parent / "conneg_cases.yaml").read_text(encoding="utf-8"))
QUERIES: dict[str, str] = SPEC["queries"]
CASES: list[dict[str, object]] = SPEC["cases"]


def send(client: httpx.Client, case: dict[str, object]) -> httpx.Response:
    headers = {} if case.get("accept") is None else {"Accept": str(case["accept"])}
    params = [("format", str(f)) for f in case.get("format") or []]  # type: ignore[attr-defined]
    query = QUERIES[str(case["form"])]
    if case["method"] == "GET":
        return client.get("/sparql", params=[("query", query), *params], headers=headers)
    if case["method"] == "POST-FORM":
        return client.post("/sparql", data={"query": query}, headers=headers)
    assert case["method"] == "POST-BODY"
    return client.post(
        "/sparql",
        content=query.encode(),
        headers={**headers, "Content-Type": "application/sparql-query"},
    )


@pytest.mark.parametrize("case", CASES, ids=[str(c["id"]) for c in CASES])
def test_conneg_case(client: httpx.Client, case: dict[str, object]) -> None:
    r = send(client, case)
    assert r.status_code == case["status"], r.text
    assert r.headers["content-type"] == case["content_type"]
    if r.status_code == 200:
        assert r.text == case["body"]
        assert r.headers["x-build-id"] == "fixture-1"
    else:
        assert r.status_code == 406
        assert "no acceptable format" in r.json()["error"]
        assert r.json()["offered"]


def test_matrix_covers_every_form_and_format() -> None:
    """The matrix is not lopsided: every form appears, every media type is answered once."""
    assert {c["form"] for c in CASES} == {"select", "ask", "construct", "describe"}
    served = {str(c["content_type"]).split(";")[0] for c in CASES if c["status"] == 200}
    assert served == {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
    }
