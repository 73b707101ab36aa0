"""Check and report queries as data (0006): each check returns zero rows on the valid world
and exactly the expected rows on its broken fixture (data/checks/{check}.ttl); reports return
their rows on the valid world."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph
from shapes_helpers import DATA, PROJECT

from migkg.store import OxigraphStore
from migkg.validate.checks import run_queries

CHECKS = sorted((PROJECT / "queries" / "checks").glob("*.rq"))


def store_of(*files: Path) -> OxigraphStore:
    g = Graph()
    for f in files:
        g.parse(f, format="turtle")
    return OxigraphStore.from_nquads(g.serialize(format="nt"))


def check_rows(store: OxigraphStore) -> dict[str, list[dict[str, str]]]:
    return run_queries(store, PROJECT / "queries" / "checks")


def test_every_check_has_a_fixture_and_a_header() -> None:
    assert {p.stem for p in CHECKS} == {p.stem for p in (DATA / "checks").glob("*.ttl")}
    for path in CHECKS + sorted((PROJECT / "queries" / "reports").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#+ title: "), path.name
        assert "#+ description: " in text and "#+ tags: " in text, path.name


def test_checks_are_silent_on_the_valid_world() -> None:
    assert {k: v for k, v in check_rows(store_of(DATA / "base.ttl")).items() if v} == {}


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_finds_exactly_its_broken_fixture(check: Path) -> None:
    fixture = DATA / "checks" / f"{check.stem}.ttl"
    expected = re.findall(r"^# rows: (\S+)$", fixture.read_text(encoding="utf-8"), re.M)
    rows = check_rows(store_of(DATA / "base.ttl", fixture))
    fired = {name for name, found in rows.items() if found}
    assert fired == {check.stem}
    first_var = next(iter(rows[check.stem][0]))
    found = {r[first_var] if r[first_var].startswith("http") else "_:" for r in rows[check.stem]}
    assert sorted(found) == expected


def test_reports_on_the_valid_world() -> None:
    rows = run_queries(store_of(DATA / "base.ttl"), PROJECT / "queries" / "reports")
    assert rows["stated-member-count"] == [
        {
            "process": "https://w3id.org/migkg/id/process/rabat-process",
            "stated": "57",
            "listed": "0",
        }
    ]
    assert rows["flagged-claims"] == [
        {
            "claim": "https://w3id.org/migkg/id/claim/0000000000000004",
            "ruleId": "reference",
            "flag": "fixture: an end date for the shapes to compare",
        }
    ]
    assert rows["date-disagreement"] == []


def test_date_disagreement_report_pairs_two_sources() -> None:
    other = DATA / "checks" / "signature-after-entry-into-force.ttl"  # signed 2021, doc
    rows = run_queries(store_of(DATA / "base.ttl", other), PROJECT / "queries" / "reports")
    assert rows["date-disagreement"] == [
        {
            "instrument": "https://w3id.org/migkg/id/instrument/ReadmissionAgreement/CPV/eu",
            "status": "https://w3id.org/migkg/vocab/status/signed",
            "sourceA": "https://w3id.org/migkg/id/document/council-2024-5484",
            "earliestA": "2021-03-18",
            "latestA": "2021-03-18",
            "sourceB": "https://www.example.org/reference/readmission-agreements",
            "earliestB": "2013-04-26",
            "latestB": "2013-04-26",
        }
    ]
