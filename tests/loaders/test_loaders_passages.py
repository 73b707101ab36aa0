"""Passages of the whole corpus: spans re-derivable, every line accounted for, no overlaps."""

from __future__ import annotations

import os
from collections import Counter

import pytest

from migkg.loaders.base import Spans
from migkg.text import display_text
from tests.loaders.conftest import GOLDEN

DOCS = [
    "council-2007-16239",
    "council-2024-5484",
    "council-2024-wk10190",
    "commission-2025-state-of-play",
    "commission-2025-ares2524801",
]


@pytest.mark.parametrize("doc_id", DOCS)
def test_every_passage_is_rederivable_from_its_span(corpus, doc_id: str) -> None:
    _doc, text, reading = corpus[doc_id]
    spans = Spans(doc_id, text)
    assert reading.passages
    for p in reading.passages:
        assert text[p.start : p.end] == p.raw
        assert display_text(p.raw) == p.display != ""
        assert spans.line_of(p.start) == p.first_line
        assert spans.line_of(p.end - 1) == p.last_line
        assert p.raw == p.raw.strip()


@pytest.mark.parametrize("doc_id", DOCS)
def test_every_line_is_in_a_passage_or_skipped(corpus, doc_id: str) -> None:
    _doc, text, reading = corpus[doc_id]
    covered: set[int] = set()
    for p in reading.passages:
        covered.update(range(p.first_line, p.last_line + 1))
    for first, last, _why in reading.skipped:
        covered.update(range(first, last + 1))
    lines = text.split("\n")
    missing = [n for n, line in enumerate(lines, 1) if line.strip() and n not in covered]
    assert missing == []


@pytest.mark.parametrize("doc_id", DOCS)
def test_skipped_lines_hold_no_passage(corpus, doc_id: str) -> None:
    _doc, _text, reading = corpus[doc_id]
    in_passages: set[int] = set()
    for p in reading.passages:
        if p.role in ("row", "paragraph") or p.first_line == p.last_line:
            in_passages.update((p.first_line, p.last_line))
    for first, last, why in reading.skipped:
        if first == last:
            assert first not in in_passages, (first, why)


# which roles may contain which (0002: bullets lie inside their cell, rows contain cells)
CONTAINS = {("cell", "bullet"), ("row", "cell")}


@pytest.mark.parametrize("doc_id", DOCS)
def test_passages_do_not_overlap_except_nested_roles(corpus, doc_id: str) -> None:
    _doc, _text, reading = corpus[doc_id]
    ps = sorted(reading.passages, key=lambda p: (p.start, -p.end))
    open_: list = []
    for p in ps:
        open_ = [q for q in open_ if q.end > p.start]
        for q in open_:
            assert p.end <= q.end and (q.role, p.role) in CONTAINS, (q, p)
        open_.append(p)
    assert len({(p.start, p.end) for p in ps}) == len(ps)


def skipped_listing(text: str, reading) -> str:
    lines = text.split("\n")
    out = []
    for first, last, why in sorted(reading.skipped):
        shown = " / ".join(display_text(x) for x in lines[first - 1 : last] if x.strip())
        out.append(f"{first}-{last}\t{why}\t{shown}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("doc_id", DOCS)
def test_skipped_lines_are_the_reviewed_list(corpus, doc_id: str) -> None:
    _doc, text, reading = corpus[doc_id]
    path = GOLDEN / f"skipped-{doc_id}.txt"
    got = skipped_listing(text, reading)
    if os.environ.get("MIGKG_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_passage_counts_per_document(corpus) -> None:
    got = {d: dict(Counter(p.role for p in corpus[d][2].passages)) for d in DOCS}
    assert got == {
        "council-2007-16239": {"paragraph": 61},
        "council-2024-5484": {"paragraph": 159, "bullet": 6, "row": 836, "cell": 2095},
        "council-2024-wk10190": {"cell": 133, "bullet": 132, "paragraph": 1},
        "commission-2025-state-of-play": {"cell": 314, "bullet": 74, "paragraph": 1},
        "commission-2025-ares2524801": {"paragraph": 65, "bullet": 129},
    }


def test_sections_and_parts(corpus) -> None:
    def first(doc_id: str, needle: str):
        """The innermost passage holding the text (a bullet rather than its cell)."""
        found = [p for p in corpus[doc_id][2].passages if needle in p.display]
        return min(found, key=lambda p: p.end - p.start)

    p = first("council-2007-16239", "EU-China Summit")
    assert (p.section, p.part) == (
        "2.3. Cooperation with various regions",
        "2. WORKING WITH THE EASTERN AND SOUTH-EASTERN REGIONS NEIGHBOURING THE EU",
    )
    p = first("council-2024-5484", "Partnership compact launched by visit")
    assert (p.role, p.section, p.part) == ("paragraph", "SENEGAL", "Part 1- Bilateral dialogues")
    p = first("council-2024-wk10190", "Kick-off meeting of the EASTEAMS project")
    assert (p.role, p.column, p.row_key, p.part) == (
        "bullet",
        "Comments",
        "1",
        "I. Preventing irregular departures, combatting migrant smuggling and trafficking in "
        "human beings",
    )
    assert p.section.startswith("1. Strengthen comprehensive engagement")
    p = first("council-2024-wk10190", "Continue support for the establishment")
    assert p.section == (
        "5. Continue support for the establishment of the International "
        "Migration Cooperation Centre in Istanbul"
    )
    p = first("commission-2025-state-of-play", "Resettlement Expert Group (5 March)")
    assert (p.role, p.column, p.section) == (
        "bullet",
        "Key actions under way and next steps",
        "Implementation of the Pact on Migration and Asylum",
    )
    p = first("commission-2025-ares2524801", "Seven 17m patrol vessels")
    assert (p.role, p.display, p.first_line, p.last_line, p.section, p.part) == (
        "bullet",
        "Seven 17m patrol vessels refurbished under ongoing contracts.",
        298,
        300,
        "Tunisia",
        "PREVENTION",
    )
    p = first("commission-2025-ares2524801", "Work is ongoing to boost the use")
    assert p.display.endswith("such as Tunisia, will play a key role.")
