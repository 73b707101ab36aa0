"""Issue 13 item 10: the default graph holds each triple once.

The union of the named graphs returned a triple once per graph holding it (an instrument's
identity stands in every graph with a claim about it), so a user's own query got one row per
copy. The store's default graph is now the merge of its named graphs; GRAPH still sees each."""

from __future__ import annotations

from migkg.store import OxigraphStore

CPV_RA = "https://w3id.org/migkg/id/instrument/ReadmissionAgreement/CPV/eu"
Q = f"SELECT ?t WHERE {{ <{CPV_RA}> <https://w3id.org/migkg/ontology#instrumentType> ?t }}"
G = (
    "SELECT ?g WHERE { GRAPH ?g { "
    f"<{CPV_RA}> <https://w3id.org/migkg/ontology#instrumentType> ?t }} }}"
)


def test_item10_a_triple_in_two_graphs_is_one_row(fixture_store: OxigraphStore) -> None:
    assert len(fixture_store.query(G).rows) == 2  # the fixture asserts it in two graphs
    assert len(fixture_store.query(Q).rows) == 1
