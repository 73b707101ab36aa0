"""SELECT answers in SPARQL JSON come from the engine's own writer; the row cap still holds.

The cap is checked on the bytes (`json_rows_at_most`) without parsing them, so the literals here
are the ones that could fool a byte count: braces, commas and quotes inside strings, rows with
no bound variable.
"""

from __future__ import annotations

import json

import pytest

from migkg.api.results import serialize
from migkg.store import OxigraphStore, json_rows_at_most

TRICKY = [
    'a "},{" b',
    "{}",
    '}},{"x":{"type":"uri"}}',
    "line one\nline two",
    "plain",
]
NQ = "".join(
    f"<https://example.org/s{i}> <https://example.org/p> {json.dumps(text)} .\n"
    for i, text in enumerate(TRICKY)
)
ROWS = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
EMPTY_ROWS = "SELECT ?nothing WHERE { ?s ?p ?o OPTIONAL { ?s <https://example.org/q> ?nothing } }"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return OxigraphStore.from_nquads(NQ)


def bindings(body: bytes) -> list[dict[str, dict[str, str]]]:
    return json.loads(body)["results"]["bindings"]


@pytest.mark.parametrize("query", [ROWS, EMPTY_ROWS])
def test_the_byte_bound_is_never_below_the_row_count(store: OxigraphStore, query: str) -> None:
    raw = store.query_raw(query, select_json=True)
    assert raw.json is not None
    assert json_rows_at_most(raw.json) >= len(bindings(raw.json)) == len(TRICKY)


def test_engine_json_equals_the_python_writer_row_for_row(store: OxigraphStore) -> None:
    native = store.query_raw(ROWS, select_json=True)
    written = serialize(store.query_raw(ROWS), "json")
    assert json.loads(serialize(native, "json")) == json.loads(written)
    assert [b["o"]["value"] for b in bindings(native.json or b"")] == TRICKY


@pytest.mark.parametrize("cap,truncated", [(5, False), (4, True), (1, True)])
def test_the_cap_cuts_engine_json_to_exactly_max_rows(
    store: OxigraphStore, cap: int, truncated: bool
) -> None:
    for query in (ROWS, EMPTY_ROWS):
        raw = store.query_raw(query, select_json=True, max_rows=cap)
        assert raw.truncated is truncated
        assert len(bindings(raw.json or b"")) == min(cap, len(TRICKY))


def test_other_formats_still_get_rows(store: OxigraphStore) -> None:
    raw = store.query_raw(ROWS, max_rows=2)
    assert raw.json is None and raw.truncated and len(raw.rows) == 2
