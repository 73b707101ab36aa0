"""Regression: "Georgia" is the country. The corpus names no US state (checked by hand: every
"Georgia" in sources/ is in the Eastern Partnership section or next to Armenia, Azerbaijan,
Moldova or Ukraine), and the reference graphs have no US states, so there is nothing to confuse;
the rule that protects it is case: "georgia" in lower case links nothing."""

from __future__ import annotations

import pytest

from tests.linking.linking_support import corpus_mentions, fixture_gazetteer, links, real_gazetteer


@pytest.mark.parametrize("gaz", [fixture_gazetteer, real_gazetteer], ids=["fixture", "real"])
def test_georgia_the_country(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Visa liberalisation for Georgia; Georgian nationals; GEORGIA; georgia"
    assert links(gaz(), text) == [
        ("Georgia", "id/country/GEO"),
        ("Georgian", "id/country/GEO"),
        ("GEORGIA", "id/country/GEO"),
    ]


def test_every_georgia_in_the_corpus_is_the_country() -> None:
    found = {
        (m["surface"], m["mentions"])
        for m in corpus_mentions()
        if m["surface"].lower().startswith("georgia")
    }
    assert found == {
        ("Georgia", "https://w3id.org/migkg/id/country/GEO"),
        ("Georgian", "https://w3id.org/migkg/id/country/GEO"),
    }
