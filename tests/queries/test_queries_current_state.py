"""The current state of an instrument is its latest step (issue 15): an undated sentence does
not outrank the dated steps (the Morocco readmission agreement showed "negotiating since
2024-02-29", quoting a sentence about a stalemate since 2010), an undated pause ("is on hold")
says where things stand when its document was written, and a dated suspension after an entry
into force wins (Belarus was listed as in force)."""

from __future__ import annotations

from rdflib import Dataset

from migkg.store.oxigraph import OxigraphStore
from tests.queries.conftest import DATA, run_canned

B = "https://w3id.org/migkg/id/"

CLAIM = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix status: <https://w3id.org/migkg/vocab/status/> .
@prefix id: <https://w3id.org/migkg/id/> .
<https://w3id.org/migkg/graph/source/council-2024-5484> {{
  id:claim\\/c-extra a mkg:Claim, mkg:StatusClaim ;
      mkg:instrument id:instrument\\/{instrument} ; mkg:status status:{status} ; {dates}
      mkg:asOf "2024-02-29"^^xsd:date ;
      prov:wasDerivedFrom id:passage\\/council-2024-5484\\/300-400 ; mkg:quote "{quote}" .
}}
"""

UNDATED_SAME_DOCUMENT = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix status: <https://w3id.org/migkg/vocab/status/> .
@prefix id: <https://w3id.org/migkg/id/> .
<https://w3id.org/migkg/graph/source/council-2024-5484> {
  id:claim\\/c-cpv-fsa-undated a mkg:Claim, mkg:StatusClaim ;
      mkg:instrument id:instrument\\/FrontexStatusAgreement\\/CPV\\/eu ;
      mkg:status status:negotiating ;
      mkg:asOf "2024-02-29"^^xsd:date ;
      prov:wasDerivedFrom id:passage\\/council-2024-5484\\/300-400 ;
      mkg:quote "the talks had stalled for years" .
}
"""



def store_with(extra: str) -> OxigraphStore:
    ds = Dataset()
    ds.parse(DATA / "instruments.trig", format="trig")
    ds.parse(data=extra, format="trig")
    return OxigraphStore.from_nquads(ds.serialize(format="nquads"), build_id="current-state")


def status_of(store: OxigraphStore, instrument: str) -> set[tuple[str, str]]:
    rows = run_canned(store, "instrument-status")
    return {(r[5], r[6]) for r in rows if r[0] == B + instrument}


def test_an_undated_claim_does_not_outrank_its_documents_dated_steps() -> None:
    store = store_with(UNDATED_SAME_DOCUMENT)
    assert status_of(store, "instrument/FrontexStatusAgreement/CPV/eu") == {("signed", "2023-03")}


def test_an_instrument_with_undated_claims_only_shows_them() -> None:
    store = store_with(UNDATED_SAME_DOCUMENT)
    # the Senegal working arrangement has one undated (negated) claim: it is still shown
    assert status_of(store, "instrument/FrontexWorkingArrangement/SEN/frontex") == {
        ("negotiating", "")
    }


def test_an_undated_pause_says_where_things_stand() -> None:
    extra = CLAIM.format(
        instrument="FrontexStatusAgreement\\/CPV\\/eu", status="on_hold", dates="",
        quote="the agreement is on hold",
    )  # fmt: skip
    store = store_with(extra)
    assert status_of(store, "instrument/FrontexStatusAgreement/CPV/eu") == {("on_hold", "")}


def test_a_dated_suspension_after_entry_into_force_is_the_current_state() -> None:
    extra = CLAIM.format(
        instrument="ReadmissionAgreement\\/RUS\\/eu", status="suspended",
        dates='mkg:edtf "2021-12-02" ; mkg:earliest "2021-12-02"^^xsd:date ;',
        quote="suspended the agreement on 2 December 2021",
    )  # fmt: skip
    store = store_with(extra)
    assert status_of(store, "instrument/ReadmissionAgreement/RUS/eu") == {
        ("suspended", "2021-12-02")
    }
    card = run_canned(store, "readmission-without-frontex-status")
    assert B + "country/RUS" not in {r[0] for r in card}
