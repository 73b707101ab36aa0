"""Processes: the Prague Process name clash, chairs per year, stated counts against lists."""

from __future__ import annotations

from migkg.store import OxigraphStore
from tests.reference.test_reference_claims import BASE, rows, short

ROLE = "https://w3id.org/migkg/vocab/role/"

# The report a user runs to see where a page's stated count and its list disagree
# (flagged claims, e.g. "listed on an older page only", are left out of the count).
STATED_VS_LISTED = """
SELECT ?process ?stated (COUNT(DISTINCT ?m) AS ?listed) WHERE {
  ?process mkg:statedMemberCount ?stated .
  ?c org:organization ?process ; org:member ?m .
  ?m a mkg:Country .
  FILTER NOT EXISTS { ?c mkg:flag ?flag }
} GROUP BY ?process ?stated ORDER BY ?process
"""


def test_stated_member_counts_against_listed_members(reference_store: OxigraphStore) -> None:
    got = [(short(p), int(s), int(n)) for p, s, n in rows(reference_store, STATED_VS_LISTED)]
    assert got == [
        ("process/prague-process", 50, 49),  # the page says 50 and lists 49
        ("process/rabat-process", 57, 57),  # 55 partners + Algeria and Libya as observers
    ]


def test_prague_process_talks_have_no_label_prague_process(
    reference_store: OxigraphStore,
) -> None:
    owners = rows(
        reference_store,
        """SELECT DISTINCT ?s WHERE { ?s skos:prefLabel|skos:altLabel|skos:hiddenLabel ?l .
             FILTER (LCASE(STR(?l)) = "prague process") }""",
    )
    assert [short(s) for (s,) in owners] == ["process/prague-process"]
    talks = rows(
        reference_store,
        f"""SELECT ?l ?type WHERE {{ <{BASE}id/process/prague-process-armenia-azerbaijan>
              a ?type ; skos:prefLabel ?l }}""",
    )
    assert talks == [
        (
            "Prague Process (Armenia–Azerbaijan talks, 2002–2007)",
            "https://w3id.org/migkg/ontology#Process",
        )
    ]
    members = rows(
        reference_store,
        f"""SELECT ?c WHERE {{ ?c org:organization
              <{BASE}id/process/prague-process-armenia-azerbaijan> }}""",
    )
    assert members == []


def test_khartoum_chairs_per_year(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?m ?edtf ?note WHERE {{
              ?c org:organization <{BASE}id/process/khartoum-process> ;
                 org:role <{ROLE}chair> ; org:member ?m .
              OPTIONAL {{ ?c mkg:edtf ?edtf }} OPTIONAL {{ ?c mkg:note ?note }} }}""",
    )
    by_year = sorted((edtf, short(m)) for m, edtf, _ in got if edtf)
    assert by_year == [
        ("2016", "country/GBR"),
        ("2017", "country/ETH"),
        ("2018", "country/ITA"),
        ("2019", "country/ERI"),
        ("2020", "country/NLD"),
        ("2023", "country/DEU"),
        ("2024", "country/EGY"),
    ]
    undated = [(short(m), note) for m, edtf, note in got if not edtf]
    assert undated == [("country/EGY", "The first chair (the page gives no year).")]


def test_khartoum_members_founders_and_later_joiners(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?m ?start WHERE {{ ?c org:organization <{BASE}id/process/khartoum-process> ;
              org:role <{ROLE}member> ; org:member ?m .
              OPTIONAL {{ ?c mkg:startDate ?start }} }}""",
    )
    founders = {short(m) for m, start in got if start == "2014-11-28"}
    later = sorted(short(m) for m, start in got if not start)
    assert len(founders) == 37 and "country/GBR" in founders and "country/ERI" in founders
    assert later == ["country/CHE", "country/LBY", "country/NOR", "country/UGA"]


def test_budapest_chairs_and_secretariat(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?m ?role ?text WHERE {{ ?c org:organization <{BASE}id/process/budapest-process> ;
              org:role ?role ; org:member ?m . OPTIONAL {{ ?c mkg:dateText ?text }} }}""",
    )
    assert sorted((short(m), r.removeprefix(ROLE), t) for m, r, t in got) == [
        ("country/HUN", "chair", "until 2006"),
        ("country/HUN", "co-chair", "since 2006"),
        ("country/TUR", "chair", "since 2006"),
        ("org/icmpd", "secretariat", ""),
    ]


def test_rabat_observers_and_the_older_page(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?m ?role ?flag WHERE {{ ?c org:organization <{BASE}id/process/rabat-process> ;
              org:role ?role ; org:member ?m . OPTIONAL {{ ?c mkg:flag ?flag }}
              FILTER (?role = <{ROLE}observer> || BOUND(?flag)) }}""",
    )
    assert sorted((short(m), r.removeprefix(ROLE), f) for m, r, f in got) == [
        ("country/DZA", "observer", ""),
        ("country/GBR", "partner", "older-page-only"),
        ("country/ISL", "partner", "older-page-only"),
        ("country/LBY", "observer", ""),
    ]


def test_belarus_joined_prague_process_in_december_2010(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?edtf ?lo ?hi WHERE {{ ?c org:organization <{BASE}id/process/prague-process> ;
              org:member <{BASE}id/country/BLR> ; mkg:edtf ?edtf ; mkg:earliest ?lo ;
              mkg:latest ?hi }}""",
    )
    assert got == [("2010-12", "2010-12-01", "2010-12-31")]


def test_french_labels_of_processes(reference_store: OxigraphStore) -> None:
    got = rows(
        reference_store,
        f"""SELECT ?l WHERE {{ <{BASE}id/process/rabat-process> skos:prefLabel ?l
              FILTER (LANG(?l) = "fr") }}""",
    )
    assert got == [("Processus de Rabat",)]
