"""Regression: "Guinea" inside "Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea" is not
Guinea; "Guinea-Conakry" is (a label of Guinea), and a hyphen still separates words elsewhere."""

from __future__ import annotations

import pytest

from tests.linking.linking_support import fixture_gazetteer, links, real_gazetteer

TEXT = (
    "Guinea-Bissau, Equatorial Guinea and Papua New Guinea; Guinea Bissau (no hyphen); "
    "Handover of the Chairmanship from Equatorial Guinea to Spain; Guinea (12 December)."
)


@pytest.mark.parametrize("gaz", [fixture_gazetteer, real_gazetteer], ids=["fixture", "real"])
def test_guinea_in_compound_names(gaz) -> None:  # type: ignore[no-untyped-def]
    found = [
        (s, e)
        for s, e in links(gaz(), TEXT)
        if e.startswith("id/country/") and e != "id/country/ESP"
    ]
    assert found == [
        ("Guinea-Bissau", "id/country/GNB"),
        ("Equatorial Guinea", "id/country/GNQ"),
        ("Papua New Guinea", "id/country/PNG"),
        ("Guinea Bissau", "id/country/GNB"),
        ("Equatorial Guinea", "id/country/GNQ"),
        ("Guinea", "id/country/GIN"),
    ]


def test_guinea_conakry_links_to_guinea_with_the_real_graphs() -> None:
    assert links(real_gazetteer(), "cooperation with Guinea-Conakry") == [
        ("Guinea-Conakry", "id/country/GIN")
    ]


def test_guinea_conakry_links_to_guinea_by_the_hyphen_rule() -> None:
    """The fixture has no "Guinea-Conakry" label: the hyphen ends the word "Guinea"."""
    assert links(fixture_gazetteer(), "cooperation with Guinea-Conakry") == [
        ("Guinea", "id/country/GIN")
    ]
