"""Regression: "Prague Process" is the migration dialogue (id/process/prague-process), never the
2002-2007 Armenia-Azerbaijan talks, whose entity deliberately has no "Prague Process" label
(0001: clashes get a qualifier)."""

from __future__ import annotations

import pytest

from tests.linking.linking_support import corpus_mentions, fixture_gazetteer, links, real_gazetteer

# 14 in the 2024 note, less its table of contents line and the heading (neither is a passage).
PRAGUE_MENTIONS = 12
TEXT = (
    "24-25 October 2022 Fourth Prague Process Ministerial Meeting; Annual Prague Process SOM; "
    "A. THE PRAGUE PROCESS"
)


@pytest.mark.parametrize("gaz", [fixture_gazetteer, real_gazetteer], ids=["fixture", "real"])
def test_prague_process_dialogue_not_talks(gaz) -> None:  # type: ignore[no-untyped-def]
    assert links(gaz(), TEXT) == [
        ("Prague Process", "id/process/prague-process"),
        ("Prague Process", "id/process/prague-process"),
        ("PRAGUE PROCESS", "id/process/prague-process"),
    ]


def test_the_talks_have_no_prague_process_label() -> None:
    assert "prague process" not in fixture_gazetteer().ambiguous
    assert "prague process" not in real_gazetteer().ambiguous


def test_corpus_prague_process_mentions_are_the_dialogue() -> None:
    entities = [m["mentions"] for m in corpus_mentions() if "prague" in m["surface"].lower()]
    assert len(entities) == PRAGUE_MENTIONS
    assert set(entities) == {"https://w3id.org/migkg/id/process/prague-process"}
