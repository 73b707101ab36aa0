"""The language of the documents as a whole: what a status phrase governs, who the party is,
and which statements report no stage at all (migkg.extract.status_scope and the pairing in
migkg.extract.instruments). Each test is named after the pattern of English it reads."""

from __future__ import annotations

from tests.facts.facts_fixture import read, short


def claims(text: str, t, section: str = "") -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return sorted(short(d) for d in read(text, t, section=section))


def test_a_group_named_in_a_countrys_section_gives_way_to_the_country(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "The Status Agreement, modelled on those of the Western Balkans, was signed in 2023.",
        t,
        section="ALBANIA",
    )
    assert out == [("FrontexStatusAgreement", "signed", "country/ALB", "org/eu", "2023", "")]


def test_a_name_inside_a_listed_instruments_name_is_no_party(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "On readmission, apart from the Cotonou Agreement, to which Senegal is party (replaced by "
        "the Samoa Agreement, signed on 15 November 2023 and that is now provisionally "
        "applicable), there is no other cooperation instrument with Frontex in place.",
        t,
        section="SENEGAL",
    )
    assert out == []  # Samoa is no party, and the Samoa Agreement (Other) is no agency's


def test_the_place_of_signature_of_an_unlisted_agreement_is_no_party(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Once the new Partnership Agreement, signed by the EU with the members of the OACPS in "
        "Samoa on 15 November 2023 enters into force, the Development-Migration Dialogue will be "
        "replaced by the Partnership Dialogue.",
        t,
    )
    assert out == []


def test_signature_of_a_plan_contract_or_operation_is_not_the_instruments(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "North Macedonia signed a Frontex Status Agreement in 2022. "
        "Signature of the Joint Action Plan on Counter-Terrorism. "
        "Launch of Frontex JO North Macedonia Land (on basis of status agreement). "
        "The signature of two border management contracts for EUR 35 million followed."
    )
    # the operation's launch is no launch of the agreement; that it runs "on basis of" the
    # agreement says the agreement applies
    assert claims(text, t) == [
        ("FrontexStatusAgreement", "in_force", "country/MKD", "org/eu", "", ""),
        ("FrontexStatusAgreement", "signed", "country/MKD", "org/eu", "2022", ""),
    ]


def test_signature_of_an_amendment_is_the_instruments(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Signing of amendment of the EU-Cabo Verde Visa Facilitation Agreement on 21 March 2021.",
        t,
    )
    assert out == [
        ("VisaFacilitationAgreement", "signed", "country/CPV", "org/eu", "2021-03-21", "")
    ]


def test_accession_negotiations_are_no_association_agreement(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Albania signed a Stabilisation and Association Agreement in 2006 (entry into force in "
        "2009). The accession negotiations were opened in 2020 and 33 negotiating chapters "
        "have been opened.",
        t,
        section="ALBANIA",
    )
    assert out == [
        ("AssociationAgreement", "in_force", "country/ALB", "org/eu", "2009", ""),
        ("AssociationAgreement", "signed", "country/ALB", "org/eu", "2006", ""),
    ]


def test_an_interest_or_an_invitation_to_negotiate_is_a_proposal(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Lebanon expressed in May 2019 an interest in starting the negotiations for a Visa "
        "facilitation agreement. The Commission invited Serbia to negotiate a readmission "
        "agreement.",
        t,
    )
    assert [(o[0], o[1], o[2]) for o in out] == [
        ("ReadmissionAgreement", "proposed", "country/SRB"),
        ("VisaFacilitationAgreement", "proposed", "country/LBN"),
    ]


def test_a_commitment_or_an_aim_reports_no_stage(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Negotiations on a readmission agreement stalled in 2021. "
        "The minister indicated Algeria's commitment to resume readmission negotiations. "
        "Algeria and the EU have been working towards launching a migration dialogue."
    )
    assert claims(text, t, section="ALGERIA") == [
        ("ReadmissionAgreement", "stalled", "country/DZA", "org/eu", "2021", "")
    ]


def test_a_plan_or_the_next_meeting_is_not_a_fact(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Next Migration and Mobility Dialogue, together with the Talent Partnership Roundtable "
        "meetings, to take place in Q2 2025. Work is advancing ahead of the next Talent "
        "Partnership roundtable, planned for spring 2024."
    )
    assert claims(text, t, section="SENEGAL") == []


def test_no_negotiations_and_a_denied_start_are_other_negated(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Commission received a mandate to negotiate a readmission agreement with Algeria in "
        "November 2002. No negotiations have so far taken place. Formal negotiation of an EU "
        "readmission agreement, based on 2002 negotiating directives, has not started yet."
    )
    out = claims(text, t, section="ALGERIA")
    assert ("ReadmissionAgreement", "mandate", "country/DZA", "org/eu", "2002-11", "") in out
    assert ("ReadmissionAgreement", "other", "country/DZA", "org/eu", "", "negated") in out
    assert not [o for o in out if o[1] == "negotiating"]


def test_a_clause_about_another_party_says_nothing_of_the_sections(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Negotiations on a status agreement are ongoing with Serbia. "
        "BiH has not appointed the negotiating team; negotiations have yet to commence.",
        t,
        section="TÜRKIYE",
    )
    assert out == [("FrontexStatusAgreement", "negotiating", "country/SRB", "org/eu", "", "")]


def test_each_status_of_a_list_sentence_has_the_parties_that_follow_it(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Border management: new Frontex Status Agreements signed with North Macedonia, "
        "Montenegro and Albania, close to signature with Serbia, not started with Bosnia and "
        "Herzegovina.",
        t,
    )
    assert [(o[1], o[2]) for o in out] == [
        ("negotiating", "country/SRB"),
        ("other", "country/BIH"),
        ("signed", "country/ALB"),
        ("signed", "country/MKD"),
        ("signed", "country/MNE"),
    ]


def test_a_country_in_an_opening_clause_of_time_or_cause_sets_the_scene(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Following the invasion of Ukraine (24 February 2022), the Strategic Agreement with "
        "Europol has been suspended.",
        t,
        section="RUSSIA",
    )
    assert [(o[0], o[1], o[2]) for o in out] == [("EuropolAgreement", "suspended", "country/RUS")]


def test_a_decision_to_suspend_is_a_suspension_and_a_proposed_one_is_not(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Commission immediately proposed a partial suspension of the Visa Facilitation "
        "Agreement. On 28 June 2021, the authorities announced their decision to suspend the "
        "Readmission Agreement."
    )
    assert claims(text, t, section="RUSSIA") == [
        ("ReadmissionAgreement", "suspended", "country/RUS", "org/eu", "2021-06-28", "")
    ]


def test_an_instrument_in_an_including_aside_is_not_the_subject(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        'A Joint Declaration "Towards a Strategic Engagement", including a sectoral dialogue on '
        "migration, was signed on 14 June 2016.",
        t,
        section="SENEGAL",
    )
    assert out == []


def test_the_occasion_of_a_status_is_not_its_subject(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "A Roadmap was finalised during the 2nd meeting of the EU-Senegal Migration and "
        "Mobility Dialogue. Formal invite of a delegation to Brussels to hold technical "
        "discussions under the Dialogue on Migration.",
        t,
        section="SENEGAL",
    )
    assert out == []


def test_a_negotiation_authorised_by_the_council_is_a_mandate(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Negotiation of a Status Agreement with the EU, allowing the European Border and Coast "
        "Guard Agency (Frontex) to deploy teams in the country, on the basis of the current EBCG "
        "Regulation was authorised by the Council in 2022 but BiH has yet to appoint a "
        "negotiating team.",
        t,
        section="BOSNIA AND HERZEGOVINA",
    )
    assert out == [("FrontexStatusAgreement", "mandate", "country/BIH", "org/eu", "2022", "")]


def test_the_first_meeting_of_a_dialogue_launches_it(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "The first meeting of the Informal Migration and Mobility Dialogue took place on "
        "15 March 2023 in Rabat.",
        t,
        section="MOROCCO",
    )
    assert out == [("MigrationDialogue", "launched", "country/MAR", "org/eu", "2023-03-15", "")]


def test_an_agency_roadmap_is_its_cooperation_and_in_agreement_with_is_an_idiom(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Serbia has a Joint Roadmap with EUAA in place. Europol approved to include Serbia on its "
        "priority list (in agreement with DG HOME, this is on hold for the time being).",
        t,
    )
    assert out == [("EUAACooperation", "in_force", "country/SRB", "org/euaa", "", "")]


def test_assessing_the_feasibility_of_launching_is_a_proposal(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "The Commission has started assessing the feasibility of launching a Talent "
        "Partnership with Senegal.",
        t,
    )
    assert out == [("TalentPartnership", "proposed", "country/SEN", "org/eu", "", "")]


def test_discussions_on_another_topic_and_a_missing_policy_are_not_the_instruments(t) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In the context of article 25a of the Visa Code, restrictive measures were proposed in "
        "July 2021. Discussions are ongoing with Senegal on returns, through regular meetings. "
        "Despite ongoing discussions on the topic, Senegal does not yet have a national "
        "migration policy."
    )
    assert claims(text, t, section="SENEGAL") == [
        ("VisaCodeArticle25a", "proposed", "country/SEN", "org/eu", "2021-07", "")
    ]


def test_a_round_held_on_a_date_is_no_topic(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Frontex Status Agreement with Serbia: latest round of negotiations took place on "
        "7 November 2023.",
        t,
    )
    assert out == [
        ("FrontexStatusAgreement", "negotiating", "country/SRB", "org/eu", "2023-11-07", "")
    ]


def test_a_year_less_date_before_a_later_dated_step_gets_no_guessed_year(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Negotiations on a Status Agreement with Serbia started in 2022. Additional deployments "
        "with entry into force of the agreement with Serbia in April (signed in June 2023).",
        t,
        section="SERBIA",
    )
    assert [(o[1], o[4]) for o in out if o[1] != "negotiating"] == [
        ("in_force", ""),
        ("signed", "2023-06"),
    ]


def test_in_force_for_a_group_of_people_keeps_its_instrument(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "On 16 December 2013 the EU and Türkiye signed a readmission agreement. Türkiye "
        "continued to implement the re-admission agreement, which entered into force for "
        "Turkish nationals in October 2014.",
        t,
        section="TÜRKIYE",
    )
    assert ("ReadmissionAgreement", "in_force", "country/TUR", "org/eu", "2014-10", "") in out


def test_operations_on_the_basis_of_an_instrument_apply_it_undated(t) -> None:  # type: ignore[no-untyped-def]
    assert claims(
        "12 April 2023\tLaunch of Frontex JO Land (on basis of status agreement)", t, "ALBANIA"
    ) == [("FrontexStatusAgreement", "in_force", "country/ALB", "org/eu", "", "")]
    out = claims(
        "The joint operations (JOs) currently underway in Albania are on the basis of the 'old' "
        "Status Agreement, as the new one has yet to enter into force. On the basis of the "
        "Commission's Opinion, the Council endorsed 14 key priorities.",
        t,
        section="ALBANIA",
    )
    assert ("FrontexStatusAgreement", "in_force", "country/ALB", "org/eu", "", "") in out
    assert ("FrontexStatusAgreement", "other", "country/ALB", "org/eu", "", "negated") in out


def test_a_year_shared_by_coordinated_months_is_not_guessed_away(t) -> None:  # type: ignore[no-untyped-def]
    out = claims(
        "Second rounds of the Talent Partnership roundtables with Senegal and Morocco were held "
        "in March and April 2023 respectively.",
        t,
    )
    assert sorted((o[2], o[4]) for o in out) == [
        ("country/MAR", "2023-04"),
        ("country/SEN", "2023-03"),
    ]
