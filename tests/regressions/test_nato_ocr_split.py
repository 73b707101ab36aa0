"""Regression: the OCR slip "NA TO" (letter of 2025, line 14) is NATO when the organisations
graph has NATO; when it has none, the slip is listed as an unresolved name, not dropped."""

from __future__ import annotations

from migkg.build.link import unresolved_in
from migkg.extract.gazetteer import Entry, Gazetteer
from tests.linking.linking_support import fixture_gazetteer, links, real_gazetteer

TEXT = "Finland joined NA TO, that requires a clear and determined response."


def test_nato_ocr_split_links_when_nato_is_known() -> None:
    assert links(fixture_gazetteer(), TEXT) == [
        ("Finland", "id/country/FIN"),
        ("NA TO", "id/org/nato"),
    ]


def test_nato_ocr_split_is_listed_when_nato_is_unknown() -> None:
    gaz = real_gazetteer()
    if "id/org/nato" in {e for _s, e in links(gaz, "NATO")}:  # the graphs may add NATO later
        assert ("NA TO", "id/org/nato") in links(gaz, TEXT)
        return
    assert unresolved_in(TEXT, gaz.find(TEXT)) == [("NA TO", "ocr-split", 15)]


def test_split_acronym_needs_an_all_capitals_label() -> None:
    """Only a label written in capitals rejoins: "EU MS" or "UP ON" are no OCR slip of a name."""
    gaz = Gazetteer.from_entries([Entry(fixture_gazetteer().exact[("EU",)].entity, "EU", "alt")])
    assert [(m.start, m.end) for m in gaz.find("EU MS and UP ON")] == [(0, 2)]
