"""queries/events.rq on a small hand-written graph: exact rows, with and without parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.queries.conftest import run_canned, store_from_trig

DATA = Path(__file__).with_name("data")
SEN = "https://w3id.org/migkg/id/country/SEN"
RABAT = "https://w3id.org/migkg/id/process/rabat-process"
DOC = "https://w3id.org/migkg/id/document/council-2024-5484"
ROW1 = (SEN, "2021-04-13", "2021-04-14", "range", "false", "13 – 14 April 2021",
        "Meetings of Commissioners", DOC, "318")  # fmt: skip
ROW2 = (SEN, "2024-04-01", "2024-04-30", "month", "true", "April 2024 (tbc)",
        "Technical dialogue", DOC, "335")  # fmt: skip
ROW3 = (RABAT, "", "", "unknown", "false", "soon", "Steering Committee", DOC, "1409")


@pytest.fixture(scope="module")
def store():
    return store_from_trig(DATA / "events.trig")


def test_all_events_without_parameters(store) -> None:
    assert run_canned(store, "events") == [(*r, "", "") for r in (ROW1, ROW2, ROW3)]


def test_one_subject(store) -> None:
    assert run_canned(store, "events", subject=SEN) == [(*r, "", "") for r in (ROW1, ROW2)]


def test_a_period_keeps_overlapping_dated_events(store) -> None:
    assert run_canned(store, "events", **{"from": "2024-04-15"}) == [(*ROW2, "2024-04-15", "")]
    assert run_canned(store, "events", to="2021-04-13") == [(*ROW1, "", "2021-04-13")]
    assert run_canned(store, "events", **{"from": "2022-01-01", "to": "2023-12-31"}) == []
