"""Each canned query of issue 6 on the fixture graph (tests/queries/data/instruments.trig):
the exact rows, with parameters bound as `migkg query NAME --param k=v` binds them."""

from __future__ import annotations

import pytest

from migkg.settings import project_root
from migkg.store import OxigraphStore
from tests.queries.conftest import run_canned

B = "https://w3id.org/migkg/id/"
EU, FRONTEX = f"{B}org/eu", f"{B}org/frontex"
CPV, SEN, TUR, RUS, HKG = (f"{B}country/CPV", f"{B}country/SEN", f"{B}country/TUR",
                           f"{B}country/RUS", f"{B}territory/HKG")  # fmt: skip
RABAT, KHARTOUM = f"{B}process/rabat-process", f"{B}process/khartoum-process"
DOC = "council-2024-5484"
Q_RA = "In December 2014, a visa facilitation and a readmission agreement, entered into force"


def test_instrument_facts_one_row_per_claim_reference_claims_last(
    fixture_store: OxigraphStore,
) -> None:
    rows = run_canned(fixture_store, "instrument-facts")
    # Cabo Verde's readmission agreement is described in two graphs: still one row per claim
    assert rows == [
        (CPV, "CPV", "FrontexStatusAgreement", EU, "European Union", "negotiating", "2019-10",
         "2024-02-29", DOC, "117", "negotiations started in October 2019", "117",
         f"{B}claim/c-cpv-fsa-1"),
        (CPV, "CPV", "ReadmissionAgreement", EU, "European Union", "in_force", "2014-12",
         "2024-02-29", DOC, "117", Q_RA, "117", f"{B}claim/c-cpv-ra"),
        (CPV, "CPV", "FrontexStatusAgreement", EU, "European Union", "signed", "2023-03",
         "2024-02-29", DOC, "126", "Signature of the status agreement", "127",
         f"{B}claim/c-cpv-fsa-2"),
        (SEN, "SEN", "FrontexWorkingArrangement", FRONTEX, "Frontex", "negotiating", "",
         "2024-02-29", DOC, "296", "no working arrangement yet", "296", f"{B}claim/c-sen-wa"),
        (HKG, "HKG", "ReadmissionAgreement", EU, "European Union", "in_force", "2004-03-01",
         "2026-11-23", "reference", "", "", "", f"{B}claim/r-hkg"),
        (RUS, "RUS", "ReadmissionAgreement", EU, "European Union", "in_force", "2007-06",
         "2026-11-23", "reference", "", "", "", f"{B}claim/r-rus"),
        (TUR, "TUR", "FrontexStatusAgreement", EU, "European Union", "in_force", "2024-01",
         "2026-11-23", "reference", "", "", "", f"{B}claim/r-tur-fsa"),
        (TUR, "TUR", "ReadmissionAgreement", EU, "European Union", "in_force", "2014-10",
         "2026-11-23", "reference", "", "", "", f"{B}claim/r-tur"),
    ]  # fmt: skip


def test_instrument_status_latest_by_default_build_as_of(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "instrument-status")
    # Cabo Verde's status agreement: signed (March 2023) beats negotiating (October 2019);
    # the negated Senegal claim is kept and flagged; the reference claims consulted in 2026
    # count by their effective dates.
    assert [(r[0].removeprefix(B), r[5], r[6], r[7], r[8], r[10], r[11], r[13]) for r in rows] == [
        ("instrument/FrontexStatusAgreement/CPV/eu", "signed", "2023-03", "2023-03-01", "false",
         DOC, "126", "2024-02-29"),
        ("instrument/ReadmissionAgreement/CPV/eu", "in_force", "2014-12", "2014-12-01", "false",
         DOC, "117", "2024-02-29"),
        ("instrument/ReadmissionAgreement/HKG/eu", "in_force", "2004-03-01", "2004-03-01",
         "false", "reference", "", "2024-02-29"),
        ("instrument/ReadmissionAgreement/RUS/eu", "in_force", "2007-06", "2007-06-01", "false",
         "reference", "", "2024-02-29"),
        ("instrument/FrontexWorkingArrangement/SEN/frontex", "negotiating", "", "2024-02-29",
         "true", DOC, "296", "2024-02-29"),
        ("instrument/FrontexStatusAgreement/TUR/eu", "in_force", "2024-01", "2024-01-01",
         "false", "reference", "", "2024-02-29"),
        ("instrument/ReadmissionAgreement/TUR/eu", "in_force", "2014-10", "2014-10-01", "false",
         "reference", "", "2024-02-29"),
    ]  # fmt: skip


def test_instrument_status_as_of_2020_goes_back_to_negotiating(
    fixture_store: OxigraphStore,
) -> None:
    rows = run_canned(fixture_store, "instrument-status", asOf="2020-01-01")
    by_instrument = {r[0].removeprefix(B): (r[5], r[12]) for r in rows}
    assert by_instrument == {
        "instrument/FrontexStatusAgreement/CPV/eu": (
            "negotiating", "negotiations started in October 2019"),
        "instrument/ReadmissionAgreement/CPV/eu": ("in_force", Q_RA),
        "instrument/ReadmissionAgreement/HKG/eu": ("in_force", ""),
        "instrument/ReadmissionAgreement/RUS/eu": ("in_force", ""),
        "instrument/ReadmissionAgreement/TUR/eu": ("in_force", ""),
    }  # fmt: skip
    assert {r[13] for r in rows} == {"2020-01-01"}


def test_readmission_without_frontex_status_default(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "readmission-without-frontex-status")
    # Türkiye drops out: its status agreement is in force since January 2024 (before the
    # build's asOf 2024-02-29). Cabo Verde stays: signed is not in force.
    assert rows == [
        (CPV, "CPV", "Cabo Verde", "European Union", "in_force", "2014-12", "in_force",
         "negotiating signed", DOC, "117", Q_RA, f"{B}passage/council-2024-5484/100-200",
         "2024-02-29"),
        (HKG, "HKG", "Hong Kong", "European Union", "in_force", "2004-03-01", "in_force", "",
         "reference", "", "", "https://eur-lex.europa.eu/eli/agree_internation/2004/80",
         "2024-02-29"),
        (RUS, "RUS", "Russia", "European Union", "in_force", "2007-06", "in_force", "",
         "reference", "", "", "https://eur-lex.europa.eu/eli/agree_internation/2007/341",
         "2024-02-29"),
    ]  # fmt: skip


def test_readmission_without_frontex_status_before_the_turkish_agreement(
    fixture_store: OxigraphStore,
) -> None:
    rows = run_canned(fixture_store, "readmission-without-frontex-status", asOf="2023-12-31")
    assert [(r[2], r[7], r[12]) for r in rows] == [
        ("Cabo Verde", "negotiating signed", "2023-12-31"),
        ("Hong Kong", "", "2023-12-31"),
        ("Russia", "", "2023-12-31"),
        ("Türkiye", "", "2023-12-31"),
    ]


def test_readmission_without_frontex_status_before_any_agreement(
    fixture_store: OxigraphStore,
) -> None:
    rows = run_canned(fixture_store, "readmission-without-frontex-status", asOf="2005-01-01")
    assert [(r[2], r[5]) for r in rows] == [("Hong Kong", "2004-03-01")]


def test_process_members_of_rabat(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "process-members", process=RABAT)
    assert [tuple(x.removeprefix(B) for x in r) for r in rows] == [
        ("process/rabat-process", "Rabat Process", "country/ITA", "Italy", "partner", "", "", "",
         "reference", "", ""),
        ("process/rabat-process", "Rabat Process", "country/NLD", "Netherlands", "partner", "", "",
         "", "reference", "", ""),
        ("process/rabat-process", "Rabat Process", "country/SEN", "Senegal", "chair",
         "2023-01-01", "2023-12-31", "2023", DOC, "1405", "Senegal chairs the Rabat Process"),
        ("process/rabat-process", "Rabat Process", "country/SEN", "Senegal", "partner", "", "", "",
         "reference", "", ""),
    ]  # fmt: skip


def test_process_members_without_parameter_lists_every_process(
    fixture_store: OxigraphStore,
) -> None:
    rows = run_canned(fixture_store, "process-members")
    assert [(r[1], r[3], r[4]) for r in rows] == [
        ("Khartoum Process", "Italy", "partner"),
        ("Khartoum Process", "Netherlands", "chair"),
        ("Khartoum Process", "Netherlands", "partner"),
        ("Rabat Process", "Italy", "partner"),
        ("Rabat Process", "Netherlands", "partner"),
        ("Rabat Process", "Senegal", "chair"),
        ("Rabat Process", "Senegal", "partner"),
    ]


def test_process_overlap_rabat_khartoum(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "process-overlap", a=RABAT, b=KHARTOUM)
    assert rows == [
        (f"{B}country/ITA", "Italy", "ITA", "partner", "partner", RABAT, KHARTOUM),
        (f"{B}country/NLD", "Netherlands", "NLD", "partner", "chair partner", RABAT, KHARTOUM),
    ]


def test_process_overlap_unbound_gives_both_orders(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "process-overlap")
    assert [(r[1], r[3], r[4], r[5], r[6]) for r in rows] == [
        ("Italy", "partner", "partner", KHARTOUM, RABAT),
        ("Netherlands", "chair partner", "partner", KHARTOUM, RABAT),
        ("Italy", "partner", "partner", RABAT, KHARTOUM),
        ("Netherlands", "partner", "chair partner", RABAT, KHARTOUM),
    ]


def test_country_timeline_senegal_since_2019(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "country-timeline", country=SEN, since="2019-01-01")
    # the 2018 visit is before ?since; the undated reference membership sorts last
    assert [r[:7] for r in rows] == [
        ("2019-05-10", "event", "Technical dialogue on readmission, Dakar", "10 May 2019", DOC,
         "320", "10 May 2019 Technical dialogue on readmission, Dakar"),
        ("2023-01-01", "membership", "chair of Rabat Process", "2023", DOC, "1405",
         "Senegal chairs the Rabat Process"),
        ("2024-02-29", "event", "Visit of the President", "tbc", DOC, "320",
         "tbc Visit of the President"),
        ("2024-02-29", "mention", "mentioned", "", DOC, "296", "Senegal"),
        ("2024-02-29", "status", "FrontexWorkingArrangement negotiating (Frontex) [negated]", "",
         DOC, "296", "no working arrangement yet"),
        ("", "membership", "partner of Rabat Process", "", "reference", "", ""),
    ]  # fmt: skip
    assert {(r[7], r[8]) for r in rows} == {(SEN, "2019-01-01")}


def test_country_timeline_without_since_keeps_2018(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "country-timeline", country=SEN)
    assert [r[0] for r in rows] == [
        "2018-03-12", "2019-05-10", "2023-01-01", "2024-02-29", "2024-02-29", "2024-02-29", "",
    ]  # fmt: skip


def test_country_timeline_of_cabo_verde_has_only_its_claims(fixture_store: OxigraphStore) -> None:
    rows = run_canned(fixture_store, "country-timeline", country=CPV, since="2015-01-01")
    assert [(r[0], r[2]) for r in rows] == [
        ("2019-10-01", "FrontexStatusAgreement negotiating (European Union)"),
        ("2023-03-01", "FrontexStatusAgreement signed (European Union)"),
    ]


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("instrument-status", {"asOf": "2024"}, "must be a date YYYY-MM-DD"),
        ("process-members", {"process": "rabat"}, "must be an absolute IRI"),
        ("country-timeline", {"year": "2019"}, "has no parameter year"),
    ],
)
def test_bad_parameters_are_refused(
    fixture_store: OxigraphStore, name: str, params: dict[str, str], message: str
) -> None:
    from migkg.settings import MigkgError

    with pytest.raises(MigkgError, match=message):
        run_canned(fixture_store, name, **params)


def test_every_canned_query_of_issue_6_is_documented() -> None:
    page = (project_root() / "docs" / "competency-questions.md").read_text(encoding="utf-8")
    names = [p.stem for p in (project_root() / "queries").glob("*.rq")]
    mine = {"instrument-status", "readmission-without-frontex-status", "process-members",
            "process-overlap", "country-timeline"}  # fmt: skip
    assert mine <= set(names)
    assert all(f"queries/{n}.rq" in page for n in mine)
