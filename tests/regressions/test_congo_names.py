"""Regression: "Congo", "DR Congo", "Democratic Republic of the Congo", "Republic of Congo".

The DRC's name contains "Republic of the Congo"; the longest match wins, and the spelling with
or without "the" is the same name. Plain "Congo" is the Republic of the Congo (its short name).
"""

from __future__ import annotations

import pytest

from tests.linking.linking_support import fixture_gazetteer, links, real_gazetteer

TEXT = (
    "the Democratic Republic of the Congo (DRC); DR Congo; the Democratic Republic of Congo; "
    "the Republic of Congo (RoC); the Republic of the Congo; Congo; DEMOCRATIC REPUBLIC OF THE "
    "CONGO (DRC); REPUBLIC OF CONGO"
)


@pytest.mark.parametrize("gaz", [fixture_gazetteer, real_gazetteer], ids=["fixture", "real"])
def test_congo_names(gaz) -> None:  # type: ignore[no-untyped-def]
    assert links(gaz(), TEXT) == [
        ("Democratic Republic of the Congo", "id/country/COD"),
        ("DRC", "id/country/COD"),
        ("DR Congo", "id/country/COD"),
        ("Democratic Republic of Congo", "id/country/COD"),
        ("Republic of Congo", "id/country/COG"),
        ("RoC", "id/country/COG"),
        ("Republic of the Congo", "id/country/COG"),
        ("Congo", "id/country/COG"),
        ("DEMOCRATIC REPUBLIC OF THE CONGO", "id/country/COD"),
        ("DRC", "id/country/COD"),
        ("REPUBLIC OF CONGO", "id/country/COG"),
    ]


def test_congo_headings_resolve_for_events() -> None:
    gaz = real_gazetteer()
    assert str(gaz.resolve("DEMOCRATIC REPUBLIC OF THE CONGO (DRC)")).endswith("/country/COD")
    assert str(gaz.resolve("REPUBLIC OF CONGO")).endswith("/country/COG")
