"""The sentence rules on small inline sentences: exact claims out (type, status, parties, date)."""

from __future__ import annotations

from tests.facts.facts_fixture import read, short


def test_coordinated_instruments_share_the_status_and_date(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "In December 2014, a visa facilitation and a readmission agreement, entered into force.",
        t,
        section="CABO VERDE",
    )
    assert sorted(map(short, out)) == [
        ("ReadmissionAgreement", "in_force", "country/CPV", "org/eu", "2014-12", ""),
        ("VisaFacilitationAgreement", "in_force", "country/CPV", "org/eu", "2014-12", ""),
    ]


def test_a_sentence_without_instrument_continues_the_previous_one(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "The visa facilitation agreement was jointly evaluated in 2017. "
        "Cabo Verde completed its ratification and the amended agreement entered "
        "into force on 1 July 2022.",
        t,
    )
    assert ("VisaFacilitationAgreement", "in_force", "country/CPV", "org/eu", "2022-07-01", "") in [
        short(d) for d in out
    ]


def test_frontex_working_arrangement_has_frontex_as_counterpart(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "A revised working arrangement between Frontex and Georgia was signed on 11 February 2021.",
        t,
    )
    assert [short(d) for d in out] == [
        ("FrontexWorkingArrangement", "signed", "country/GEO", "org/frontex", "2021-02-11", "")
    ]


def test_an_eu_mission_is_the_party_and_its_host_the_country(t) -> None:  # type: ignore[no-untyped-def]
    out = read("Europol and EUBAM Libya signed a working arrangement in 2023.", t)
    assert [short(d) for d in out] == [
        ("EuropolAgreement", "signed", "mission/eubam-libya", "org/europol", "2023", "")
    ]
    assert out[0].country.endswith("id/country/LBY")


def test_another_agency_makes_the_type_other(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "A Working Arrangement between Georgia and CEPOL was signed remotely on 22 June 2022.", t
    )
    assert [short(d) for d in out] == [
        ("Other", "signed", "country/GEO", "org/cepol", "2022-06-22", "")
    ]


def test_stated_negative_is_negated(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "Negotiations on a readmission agreement were opened in 2003. "
        "Negotiations have not resumed since 2016.",
        t,
        section="MOROCCO",
    )
    assert ("ReadmissionAgreement", "stalled", "country/MAR", "org/eu", "2016", "negated") in [
        short(d) for d in out
    ]


def test_a_named_member_state_is_the_counterpart_of_a_bilateral_agreement(t) -> None:  # type: ignore[no-untyped-def]
    out = read("Spain and Senegal signed a bilateral readmission agreement in 2008.", t)
    assert [short(d) for d in out] == [
        ("ReadmissionAgreement", "signed", "country/SEN", "country/ESP", "2008", "")
    ]


def test_member_state_is_judged_at_the_documents_date(t) -> None:  # type: ignore[no-untyped-def]
    text = "FRONTEX has concluded working arrangements with Croatia and Albania."
    parties_2007 = sorted(d.party.rsplit("/", 1)[-1] for d in read(text, t, as_of="2007-12-05"))
    parties_2024 = sorted(d.party.rsplit("/", 1)[-1] for d in read(text, t, as_of="2024-02-29"))
    assert parties_2007 == ["ALB", "HRV"]
    assert parties_2024 == ["ALB"]


def test_an_inventory_of_agreements_states_they_are_in_force(t) -> None:  # type: ignore[no-untyped-def]
    out = read("18 Readmission agreements with Albania, Georgia and Serbia.", t)
    assert sorted(map(short, out)) == [
        ("ReadmissionAgreement", "in_force", f"country/{c}", "org/eu", "", "")
        for c in ("ALB", "GEO", "SRB")
    ]


def test_article_25a_proposal(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "Senegal was proposed for Visa Restrictive measures under article 25a of the Visa Code "
        "in November 2022.",
        t,
    )
    assert [short(d) for d in out] == [
        ("VisaCodeArticle25a", "proposed", "country/SEN", "org/eu", "2022-11", "")
    ]


def test_table_row_gives_its_date_and_continues_the_instrument(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "28 November 2019\tFormal opening of negotiations on amended Visa Facilitation Agreement\n"
        "24 July 2020\tInitialing of agreement text via email\n"
    )
    out = read(text, t, section="CABO VERDE")
    assert [short(d) for d in out] == [
        ("VisaFacilitationAgreement", "negotiating", "country/CPV", "org/eu", "2019-11-28", ""),
        ("VisaFacilitationAgreement", "initialled", "country/CPV", "org/eu", "2020-07-24", ""),
    ]


def test_no_country_no_section_no_claim(t) -> None:  # type: ignore[no-untyped-def]
    assert read("The readmission agreement entered into force in 2011.", t) == []


def test_a_status_verb_before_that_reports_nothing(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "The fifth report adopted in December 2022 concluded that Georgia continued to fulfil "
        "the visa liberalisation benchmarks.",
        t,
    )
    assert "signed" not in {d.status for d in out}


def test_a_bracketed_status_belongs_to_the_party_before_it(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "Anti-Smuggling Operational Partnerships have been launched with Morocco, Senegal and "
        "Libya (implementation currently on hold).",
        t,
    )
    on_hold = sorted(d.party.rsplit("/", 1)[-1] for d in out if d.status == "on_hold")
    launched = sorted(d.party.rsplit("/", 1)[-1] for d in out if d.status == "launched")
    assert (on_hold, launched) == (["LBY"], ["LBY", "MAR", "SEN"])


def test_a_project_signed_in_support_of_an_instrument_is_its_implementation(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "EUR 4.8 million projects in support of the Talent Partnership with Senegal were signed "
        "in July 2024. An EUR 3 million programme was signed in November 2024 to support the "
        "EU-Morocco Talent Partnership.",
        t,
    )
    assert [short(d) for d in out] == [
        ("TalentPartnership", "implemented", "country/SEN", "org/eu", "2024-07", ""),
        ("TalentPartnership", "implemented", "country/MAR", "org/eu", "2024-11", ""),
    ]


def test_a_contract_under_negotiation_is_not_the_instrument_negotiated(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "Talent Partnership Roundtable with Morocco took place on 23 April 2024. The contract of "
        "the action in Morocco is currently under negotiation.",
        t,
    )
    assert [d.status for d in out] == ["implemented"]


def test_dialogue_split_by_its_parties_is_a_migration_dialogue(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "Political dialogue with the EU on migration started in 2016. Relaunch of the mobility "
        "EU-Morocco dialogue in June 2019.",
        t,
        section="SENEGAL",
    )
    assert [short(d) for d in out] == [
        ("MigrationDialogue", "launched", "country/SEN", "org/eu", "2016", ""),
        ("MigrationDialogue", "launched", "country/MAR", "org/eu", "2019-06", ""),
    ]


def test_scheme_readings_of_proposals_partnerships_and_refusals(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "On 9 November 2022, Commission tabled a proposal on visa restrictive measures. The COM "
        "proposal is put on hold at Council level. Anti-Smuggling Operational Partnerships have "
        "been concluded with Morocco and Libya. To discuss the concepts of an operational "
        "anti-smuggling as well as of a talent partnership. There is no willingness to engage "
        "on the readmission agreement by Serbia.",
        t,
        section="SENEGAL",
    )
    assert [short(d) for d in out] == [
        ("VisaCodeArticle25a", "proposed", "country/SEN", "org/eu", "2022-11-09", ""),
        ("VisaCodeArticle25a", "on_hold", "country/SEN", "org/eu", "", ""),
        ("AntiSmugglingOperationalPartnership", "launched", "country/MAR", "org/eu", "", ""),
        ("AntiSmugglingOperationalPartnership", "launched", "country/LBY", "org/eu", "", ""),
        ("AntiSmugglingOperationalPartnership", "proposed", "country/SEN", "org/eu", "", ""),
        ("TalentPartnership", "proposed", "country/SEN", "org/eu", "", ""),
        ("ReadmissionAgreement", "other", "country/SRB", "org/eu", "", "negated"),
    ]


def test_respectively_pairs_dates_with_parties_and_plans_are_not_facts(t) -> None:  # type: ignore[no-untyped-def]
    out = read(
        "The Commission has negotiating mandates for readmission agreements with Morocco and "
        "Albania since September 2000 and November 2002 respectively. Negotiations with "
        "Europol should start in 2024. The prospects for imminent signature of the readmission "
        "agreement with Serbia do not seem promising.",
        t,
        as_of="2007-12-31",
    )
    assert [short(d) for d in out] == [
        ("ReadmissionAgreement", "mandate", "country/MAR", "org/eu", "2000-09", ""),
        ("ReadmissionAgreement", "mandate", "country/ALB", "org/eu", "2002-11", ""),
    ]
