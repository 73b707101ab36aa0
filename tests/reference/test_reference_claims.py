"""Reference claims: provenance on every claim, EU and Schengen membership over time, agreements.

Queries run on the embedded store (pyoxigraph, union default graph) as a user's would.
"""

from __future__ import annotations

from migkg.store import OxigraphStore

P = """PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
BASE = "https://w3id.org/migkg/"


def rows(store: OxigraphStore, query: str) -> list[tuple[str, ...]]:
    return [tuple("" if t is None else str(t) for t in r) for r in store.query(P + query).rows]


def short(iri: str) -> str:
    return iri.removeprefix(f"{BASE}id/")


def test_claim_counts_per_graph(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        """SELECT ?g ?cls (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a mkg:Claim, ?cls .
           FILTER (?cls IN (mkg:MembershipClaim, mkg:StatusClaim)) } } GROUP BY ?g ?cls""",
    )
    assert sorted((g.rsplit("/", 1)[-1], c.rsplit("#", 1)[-1], int(n)) for g, c, n in got) == [
        ("agreements", "StatusClaim", 52),
        ("eu", "MembershipClaim", 57),
        ("processes", "MembershipClaim", 163),  # Rabat 61, Khartoum 49, Budapest 4, Prague 49
    ]


def test_every_reference_claim_has_a_public_source_and_reference_provenance(
    reference_store: OxigraphStore,
) -> None:
    bad = rows(
        reference_store,
        """SELECT ?c WHERE { ?c a mkg:Claim .
          FILTER NOT EXISTS {
            ?c prov:wasDerivedFrom ?src ; mkg:asOf ?asOf ; mkg:ruleId "reference" ;
               mkg:method <https://w3id.org/migkg/vocab/method/reference> ;
               prov:wasGeneratedBy <https://w3id.org/migkg/id/activity/reference/1> .
            FILTER (isIRI(?src) && REGEX(STR(?src), "^https?://")
                    && !STRSTARTS(STR(?src), "https://w3id.org/migkg/")
                    && DATATYPE(?asOf) = xsd:date) } }""",
    )
    assert bad == []
    sources = rows(
        reference_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?c prov:wasDerivedFrom ?s }"
    )
    assert sources == [("14",)]


def test_eu_member_states_on_a_date(reference_store: OxigraphStore) -> None:
    def members(day: str) -> set[str]:
        got = rows(
            reference_store,
            f"""SELECT ?m WHERE {{ ?c org:organization <{BASE}id/org/eu> ; org:member ?m ;
                  org:role <https://w3id.org/migkg/vocab/role/member> ; mkg:startDate ?s .
                OPTIONAL {{ ?c mkg:endDate ?e }}
                FILTER (?s <= "{day}"^^xsd:date && (!BOUND(?e) || ?e >= "{day}"^^xsd:date)) }}""",
        )
        return {short(m).removeprefix("country/") for (m,) in got}

    assert len(members("2020-01-31")) == 28 and "GBR" in members("2020-01-31")
    assert len(members("2020-02-01")) == 27 and "GBR" not in members("2020-02-01")
    assert "HRV" not in members("2013-06-30") and "HRV" in members("2013-07-01")
    assert members("1958-01-01") == {"BEL", "DEU", "FRA", "ITA", "LUX", "NLD"}


def test_united_kingdom_membership_period_in_owl_time(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?b ?e WHERE {{ ?c org:member <{BASE}id/country/GBR> ;
              org:organization <{BASE}id/org/eu> ; org:memberDuring ?p .
            ?p a time:ProperInterval ; time:hasBeginning/time:inXSDDate ?b ;
               time:hasEnd/time:inXSDDate ?e }}""",
    )
    assert got == [("1973-01-01", "2020-01-31")]


def test_schengen_area_on_2025_01_01_and_its_associates(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?m ?note WHERE {{ ?c org:organization <{BASE}id/group/schengen-area> ;
              org:member ?m ; mkg:startDate ?s . OPTIONAL {{ ?c mkg:note ?note }}
            FILTER (?s <= "2025-01-01"^^xsd:date) }}""",
    )
    assert len(got) == 29
    associates = sorted(short(m) for m, note in got if note.startswith("Schengen associated"))
    assert associates == ["country/CHE", "country/ISL", "country/LIE", "country/NOR"]
    assert not {"country/IRL", "country/CYP"} & {short(m) for m, _ in got}


def test_pakistan_readmission_agreement_has_only_its_signature(
    reference_store: OxigraphStore,
) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?status ?edtf ?note WHERE {{
              ?c mkg:instrument <{BASE}id/instrument/ReadmissionAgreement/PAK/eu> ;
                 mkg:status ?status ; mkg:edtf ?edtf ; mkg:note ?note }}""",
    )
    assert got == [
        (
            "https://w3id.org/migkg/vocab/status/signed",
            "2009-10-26",
            "Entry into force not confirmed by this source.",
        )
    ]


def test_hong_kong_agreement_dates_and_party(reference_store: OxigraphStore) -> None:
    inst = f"{BASE}id/instrument/ReadmissionAgreement/HKG/eu"
    got = rows(
        reference_store,
        f"""SELECT ?party ?cp ?status ?lo ?hi ?prec WHERE {{
              <{inst}> mkg:party ?party ; mkg:counterpart ?cp .
              ?c mkg:instrument <{inst}> ; mkg:status ?status ; mkg:earliest ?lo ;
                 mkg:latest ?hi ; mkg:precision ?prec }} ORDER BY ?lo""",
    )
    v = "https://w3id.org/migkg/vocab/"
    assert got == [
        (f"{BASE}id/territory/HKG", f"{BASE}id/org/eu", f"{v}status/signed", "2002-11-27",
         "2002-11-27", f"{v}precision/day"),
        (f"{BASE}id/territory/HKG", f"{BASE}id/org/eu", f"{v}status/in_force", "2004-03-01",
         "2004-03-01", f"{v}precision/day"),
    ]  # fmt: skip


def test_month_precision_bounds(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?text ?lo ?hi WHERE {{
              ?c mkg:instrument <{BASE}id/instrument/FrontexWorkingArrangement/ARM/frontex> ;
                 mkg:dateText ?text ; mkg:earliest ?lo ; mkg:latest ?hi }}""",
    )
    assert got == [("February 2012", "2012-02-01", "2012-02-29")]


def test_no_entry_into_force_before_signature(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        """SELECT ?i WHERE {
             ?s mkg:instrument ?i ; mkg:status <https://w3id.org/migkg/vocab/status/signed> ;
                mkg:earliest ?signed .
             ?f mkg:instrument ?i ; mkg:status <https://w3id.org/migkg/vocab/status/in_force> ;
                mkg:latest ?inForce .
             FILTER (?inForce < ?signed) }""",
    )
    assert got == []


def test_two_status_agreements_with_albania_and_bodies_as_parties(
    reference_store: OxigraphStore,
) -> None:
    got = rows(
        reference_store,
        """SELECT ?i WHERE { ?i mkg:instrumentType
             <https://w3id.org/migkg/vocab/instrument-type/FrontexStatusAgreement> }""",
    )
    albania = sorted(short(i) for (i,) in got if "/ALB/" in i)
    assert albania == [
        "instrument/FrontexStatusAgreement/ALB/eu/2019",
        "instrument/FrontexStatusAgreement/ALB/eu/2023",
    ]
    bodies = rows(
        reference_store,
        """SELECT ?i ?country WHERE { ?i mkg:party ?p . ?p a mkg:InternationalOrganisation .
              OPTIONAL { ?i mkg:country ?country } } ORDER BY ?i""",
    )
    assert [(short(i), c) for i, c in bodies] == [
        ("instrument/FrontexWorkingArrangement/cis-border-troop-commanders-council/frontex", ""),
        ("instrument/FrontexWorkingArrangement/marri/frontex", ""),
    ]
