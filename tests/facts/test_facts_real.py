"""Exact facts of the real corpus, with their quotes (slow: reads and links the five documents).

The stages run in-process up to "claims" (no SHACL, no store), which is what these rules need.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import PROV

from migkg.build.pipeline import STAGES, BuildContext
from migkg.iris import MKG, ORG, Iris
from migkg.settings import Settings
from migkg.sources.manifest import load_manifest
from tests.helpers import ROOT

pytestmark = pytest.mark.slow
BASE = "https://w3id.org/migkg/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildContext:
    settings = Settings(data_dir=tmp_path_factory.mktemp("facts"), project_dir=ROOT)
    docs = load_manifest(settings.sources_dir, verify=True)
    ctx = BuildContext(settings, Iris(BASE), Dataset(), docs)
    for name, stage in STAGES:
        if name == "derive":
            break
        stage(ctx, lambda _m: None)
    return ctx


def status_claims(ds: Dataset, doc: str) -> list[dict[str, str]]:
    g = ds.graph(URIRef(f"{BASE}graph/source/{doc}"))
    out = []
    for c in g.subjects(RDF.type, MKG.StatusClaim):
        inst, p = g.value(c, MKG.instrument), g.value(c, PROV.wasDerivedFrom)
        out.append(
            {
                "claim": str(c),
                "country": str(g.value(inst, MKG.country)).rsplit("/", 1)[-1],
                "type": str(g.value(inst, MKG.instrumentType)).rsplit("/", 1)[-1],
                "counterpart": str(g.value(inst, MKG.counterpart)).removeprefix(BASE + "id/"),
                "status": str(g.value(c, MKG.status)).rsplit("/", 1)[-1],
                "earliest": str(g.value(c, MKG.earliest) or ""),
                "precision": str(g.value(c, MKG.precision) or "").rsplit("/", 1)[-1],
                "line": str(g.value(p, MKG.firstLine)),
                "quote": str(g.value(c, MKG.quote)),
                "flag": str(g.value(c, MKG.flag) or ""),
            }
        )
    return out


def find(claims: list[dict[str, str]], **want: str) -> list[dict[str, str]]:
    return [c for c in claims if all(c[k] == v for k, v in want.items())]


def test_cabo_verde_amended_vfa_in_force_1_july_2022(built: BuildContext) -> None:
    claims = status_claims(built.dataset, "council-2024-5484")
    hits = find(
        claims,
        country="CPV",
        type="VisaFacilitationAgreement",
        status="in_force",
        earliest="2022-07-01",
        line="117",
    )
    assert len(hits) == 1
    assert hits[0]["counterpart"] == "org/eu"
    assert hits[0]["precision"] == "day"
    assert "the amended agreement entered into force on 1 July 2022" in hits[0]["quote"]


def test_signature_dates_that_disagree_both_stay_flagged(built: BuildContext) -> None:
    claims = status_claims(built.dataset, "council-2024-5484")
    signed = find(claims, country="CPV", type="VisaFacilitationAgreement", status="signed")
    dates = {(c["earliest"], c["line"], c["flag"]) for c in signed}
    assert ("2021-03-18", "117", "date-disagreement") in dates
    assert ("2021-03-21", "126", "date-disagreement") in dates


def test_georgia_frontex_working_arrangement_signed(built: BuildContext) -> None:
    claims = status_claims(built.dataset, "council-2024-5484")
    hits = find(claims, country="GEO", type="FrontexWorkingArrangement", status="signed")
    assert [(c["earliest"], c["counterpart"], c["line"]) for c in hits] == [
        ("2021-02-11", "org/frontex", "1136")
    ]
    assert (
        "A revised working arrangement between Frontex and Georgia was signed" in hits[0]["quote"]
    )


def test_inventory_of_readmission_agreements(built: BuildContext) -> None:
    claims = status_claims(built.dataset, "commission-2025-ares2524801")
    listed = {c["country"] for c in find(claims, type="ReadmissionAgreement", status="in_force")}
    assert {"ALB", "ARM", "CPV", "GEO", "PAK", "TUR", "UKR"} <= listed
    mandates = {c["country"] for c in find(claims, type="ReadmissionAgreement", status="mandate")}
    assert {"NGA", "TUN", "MAR", "CHN", "DZA", "JOR"} <= mandates


def test_rabat_process_chair_handover(built: BuildContext) -> None:
    g = built.dataset.graph(URIRef(f"{BASE}graph/source/council-2024-5484"))
    chairs = {
        (
            str(g.value(c, ORG.member)).rsplit("/", 1)[-1],
            str(g.value(c, MKG.startDate) or ""),
            str(g.value(c, MKG.endDate) or ""),
        )
        for c in g.subjects(RDF.type, MKG.MembershipClaim)
        if str(g.value(c, ORG.organization)).endswith("process/rabat-process")
    }
    assert ("FRA", "2019-06-03", "") in chairs
    assert ("BFA", "", "2019-06-03") in chairs


def test_claims_are_counted_in_the_report(built: BuildContext) -> None:
    report = built.report["claims"]
    assert isinstance(report, dict)
    assert report["evidenceProblems"] == 0
    assert report["documents"]["council-2024-5484"]["statusClaims"] > 200  # type: ignore[index]


def test_paths_exist() -> None:
    assert Path(ROOT / "graphs" / "curation").is_dir()
