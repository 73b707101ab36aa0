"""Regression: "Niger" must never link inside "Nigeria"; "Nigerien" is Niger's demonym."""

from __future__ import annotations

import pytest

from tests.linking.linking_support import fixture_gazetteer, links, real_gazetteer

TEXT = (
    "Meeting with Nigerien authorities in Niamey. EU-Nigeria Ministerial meeting; Nigerian "
    "returnees. NIGER\nNIGERIA"
)


@pytest.mark.parametrize("gaz", [fixture_gazetteer, real_gazetteer], ids=["fixture", "real"])
def test_niger_in_nigeria(gaz) -> None:  # type: ignore[no-untyped-def]
    assert links(gaz(), TEXT) == [
        ("Nigerien", "id/country/NER"),
        ("EU", "id/org/eu"),
        ("Nigeria", "id/country/NGA"),
        ("Nigerian", "id/country/NGA"),
        ("NIGER", "id/country/NER"),
        ("NIGERIA", "id/country/NGA"),
    ]


def test_niger_inside_a_mission_name_is_the_mission() -> None:
    text = "The EUCAP Sahel Niger mission; EUCAP SAHEL NIGER participation"
    assert links(fixture_gazetteer(), text) == [
        ("EUCAP Sahel Niger", "id/mission/eucap-sahel-niger"),
        ("EUCAP SAHEL NIGER", "id/mission/eucap-sahel-niger"),
    ]
