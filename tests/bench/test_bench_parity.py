"""The benchmark's fairness rests on two helpers: the effective query text and the row check."""

from __future__ import annotations

import json

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from migkg.bench.parity import compare, effective_text

QUERY = """#+ title: t
# a comment with WHERE { in it
SELECT ?c ?asOf WHERE {
  ?c ?p ?d . FILTER(?d <= ?asOf)
  MINUS { ?c ?q ?e . FILTER(?e <= ?asOf) }
}"""


def answer(*rows: dict[str, dict[str, str]]) -> bytes:
    return json.dumps({"head": {"vars": ["c", "d"]}, "results": {"bindings": list(rows)}}).encode()


def test_effective_text_binds_the_parameter_in_every_group() -> None:
    text = effective_text(QUERY, {"asOf": Literal("2025-03-31", datatype=XSD.date)})
    values = 'VALUES ?asOf { "2025-03-31"^^<http://www.w3.org/2001/XMLSchema#date> }'
    assert text.count(values) == 2
    assert "WHERE { " + values in text and "MINUS { " + values in text
    assert "comment" not in text


def test_effective_text_without_bindings_only_drops_comments() -> None:
    assert effective_text("# x\nASK { ?s ?p ?o }", {}) == "\nASK { ?s ?p ?o }"
    assert "VALUES ?p { <https://e.org/a> }" in effective_text(
        "SELECT ?p WHERE { ?s ?p ?o }", {"p": URIRef("https://e.org/a")}
    )


def test_compare_ignores_order_and_xsd_string() -> None:
    a = {"c": {"type": "uri", "value": "https://e.org/a"}}
    b = {"c": {"type": "uri", "value": "https://e.org/b"}, "d": {"type": "literal", "value": "x"}}
    b_typed = {
        "c": b["c"],
        "d": {
            "type": "literal",
            "value": "x",
            "datatype": "http://www.w3.org/2001/XMLSchema#string",
        },
    }
    assert compare(answer(a, b), answer(b_typed, a)) is None


def test_compare_names_a_missing_row() -> None:
    a = {"c": {"type": "uri", "value": "https://e.org/a"}}
    b = {"c": {"type": "uri", "value": "https://e.org/b"}}
    assert compare(answer(a, b), answer(a)) == (
        "2 rows expected, 1 given: 1 missing, 0 extra "
        "(e.g. (('uri', 'https://e.org/b', None, None), None))"
    )
