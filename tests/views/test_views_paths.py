"""Paths between actors on the fixture projection: order, limits, evidence, names, deadline."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from migkg.views.paths import MAX_LENGTH_CAP, PathError, UnknownActor, find_paths, fold, resolve
from migkg.views.projection import Projection
from tests.views.fixtures import dense_projection

BASE = "https://w3id.org/migkg/id/"


@pytest.fixture(scope="module")
def projection(fixture_build: Path) -> Projection:
    return Projection.load(fixture_build / "projection.json")


def labels(answer: dict) -> list[list[str]]:
    return [[n["label"] for n in p["nodes"]] for p in answer["paths"]]


def test_senegal_morocco_through_rabat_with_role_and_evidence(projection: Projection) -> None:
    answer = find_paths(projection, "Senegal", "Morocco")
    assert labels(answer) == [["Senegal", "Rabat Process", "Morocco"]]
    first, second = answer["paths"][0]["hops"]
    (sen,) = first["relations"]
    assert (sen["relation"], sen["direction"], sen["role"], sen["start"]) == (
        "membership",
        "forward",
        "partner",
        "2006-07-11",
    )
    # the reference page and the document passage both back the one edge
    assert {e.get("source") or e.get("passage") for e in sen["evidence"]} == {
        "https://www.rabat-process.org/en/about/rabat-process/partners",
        "https://w3id.org/migkg/id/passage/fixture-public/0-120",
    }
    passage = next(e for e in sen["evidence"] if "passage" in e)
    assert (passage["documentId"], passage["firstLine"], passage["quote"]) == (
        "fixture-public",
        3,
        "co-chaired by Senegal",
    )
    (mar,) = second["relations"]
    assert (mar["direction"], mar["role"]) == ("backward", "partner")


def test_names_codes_and_iris_resolve_to_the_same_actor(projection: Projection) -> None:
    for given in ("SEN", "sn", "senegal", f"{BASE}country/SEN", "/id/country/SEN"):
        answer = find_paths(projection, given, "MAR")
        assert answer["from"]["iri"] == f"{BASE}country/SEN", given
    for given in ("Turkiye", "Turkey", "türkiye", "TR"):
        assert resolve(projection, given) == f"{BASE}country/TUR", given
    assert resolve(projection, "Sao Tome and Principe") == f"{BASE}country/STP"


def test_nigera_suggests_nigeria_then_niger(projection: Projection) -> None:
    with pytest.raises(UnknownActor) as err:
        find_paths(projection, "Nigera", "Morocco")
    assert [s["label"] for s in err.value.suggestions] == ["Nigeria", "Niger"]


def test_max_length_and_limit_are_honoured(projection: Projection) -> None:
    # Senegal - Rabat - Nigeria - Khartoum - Libya is 4 hops
    assert labels(find_paths(projection, "SEN", "LBY", max_length=3)) == []
    assert labels(find_paths(projection, "SEN", "LBY", max_length=4)) == [
        ["Senegal", "Rabat Process", "Nigeria", "Khartoum Process", "Libya"]
    ]
    # Spain and Senegal: one 2-hop path through Rabat, then nothing else without events
    both = find_paths(projection, "ESP", "MAR", limit=5)
    assert labels(both) == [["Spain", "Rabat Process", "Morocco"]]
    spain_rabat = both["paths"][0]["hops"][0]["relations"]
    assert sorted(r["role"] for r in spain_rabat) == ["chair", "partner"]
    assert len({r["id"] for r in spain_rabat}) == 2
    with_events = find_paths(projection, "SEN", "MAR", limit=5, events=True)
    assert labels(with_events) == [
        ["Senegal", "Rabat Process", "Morocco"],
        ["Senegal", "SOM on Migration", "Morocco"],
    ]
    assert labels(find_paths(projection, "SEN", "MAR", limit=1, events=True)) == [
        ["Senegal", "Rabat Process", "Morocco"]
    ]
    with pytest.raises(PathError):
        find_paths(projection, "SEN", "MAR", max_length=MAX_LENGTH_CAP + 1)
    with pytest.raises(PathError):
        find_paths(projection, "SEN", "MAR", limit=0)


def test_hubs_only_when_asked(projection: Projection) -> None:
    assert labels(find_paths(projection, "Türkiye", "Morocco")) == []
    answer = find_paths(projection, "Türkiye", "Morocco", hubs=True)
    assert labels(answer) == [["Türkiye", "European Union", "Morocco"]]
    rel = answer["paths"][0]["hops"][0]["relations"][0]
    assert (rel["relation"], rel["instrumentType"], rel["status"], rel["statusDate"]) == (
        "instrument",
        "ReadmissionAgreement",
        "in_force",
        "2014-10-01",
    )


def test_deadline_holds_on_a_dense_graph() -> None:
    """The deadline is checked inside the search: with a clock that ticks once per edge the
    search relaxes, it stops exactly at the deadline, mid-search, with the paths found so far."""
    dense = dense_projection()
    ticks = itertools.count()
    answer = find_paths(
        dense,
        "C000",
        "C001",
        max_length=6,
        limit=50,
        deadline=50_000,
        clock=lambda: float(next(ticks)),
    )
    assert answer["truncated"] == "deadline"
    assert next(ticks) == 50_001  # the start, 50,000 edge relaxations, then nothing more
    lengths = [p["length"] for p in answer["paths"]]
    assert lengths[0] == 1 and lengths == sorted(lengths)
    assert 1 < len(lengths) < 50


def test_a_deadline_already_passed_returns_no_paths_at_once() -> None:
    answer = find_paths(dense_projection(), "C000", "C001", max_length=6, limit=50, deadline=0)
    assert (answer["truncated"], answer["paths"]) == ("deadline", [])


def test_fold_ignores_case_and_accents() -> None:
    assert fold("São Tomé") == fold("sao tome") == "sao tome"
    assert fold("Türkiye") == "turkiye"
