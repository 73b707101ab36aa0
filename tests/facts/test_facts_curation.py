"""The curation overlay: additions and retractions by claim IRI, counted, and stale ones refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Literal

from migkg.build.curation import apply
from migkg.iris import MKG, Iris, concept
from migkg.settings import MigkgError
from tests.facts.facts_fixture import BASE, dataset

IRIS = Iris(BASE)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_add_and_retract_are_applied_and_counted(tmp_path: Path) -> None:
    ds = dataset()
    wrong = IRIS.claim("status", "wrong")
    src = ds.graph(IRIS.graph("source", "doc"))
    src.add((wrong, RDF.type, MKG.StatusClaim))
    src.add((wrong, MKG.quote, Literal("a quote")))
    folder = tmp_path / "curation"
    write(
        folder,
        "review-2026-11.yaml",
        f"- action: retract\n  claim: {str(wrong).removeprefix(BASE)}\n  reason: misread\n"
        "- action: add\n  id: ma-ra-mandate\n  reason: the rules miss it\n  country: MAR\n"
        "  instrument: ReadmissionAgreement\n  status: mandate\n  date: September 2000\n"
        "  source: https://example.org/council-decision\n  as_of: 2007-12-05\n",
    )
    applied = apply(ds, IRIS, folder)
    assert (applied.added, applied.retracted) == (1, 1)
    assert list(src.triples((wrong, None, None))) == []
    added = IRIS.claim("curated", "review-2026-11.yaml", "ma-ra-mandate")
    cur = ds.graph(IRIS.graph("curation"))
    assert cur.value(added, MKG.method) == concept("method", "curated")
    assert cur.value(added, MKG.status) == concept("status", "mandate")
    assert str(cur.value(added, MKG.earliest)) == "2000-09-01"
    inst = cur.value(added, MKG.instrument)
    assert str(inst) == f"{BASE}id/instrument/ReadmissionAgreement/MAR/eu"


def test_an_addition_without_evidence_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "curation"
    write(
        folder,
        "x.yaml",
        "- action: add\n  id: a\n  reason: r\n  country: MAR\n"
        "  instrument: ReadmissionAgreement\n  status: mandate\n",
    )
    with pytest.raises(MigkgError, match="needs its evidence"):
        apply(dataset(), IRIS, folder)


def test_a_stale_retraction_fails_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "curation"
    write(
        folder, "old.yaml", "- action: retract\n  claim: id/claim/0000000000000000\n  reason: x\n"
    )
    with pytest.raises(MigkgError, match=r"old.yaml entry 1: claim .*0000000000000000 is not"):
        apply(dataset(), IRIS, folder)


def test_an_entry_without_reason_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "curation"
    write(folder, "x.yaml", "- action: add\n  id: a\n  country: MAR\n")
    with pytest.raises(MigkgError, match="needs an action and a reason"):
        apply(dataset(), IRIS, folder)
