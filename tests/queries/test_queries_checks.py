"""Checks on known data: the rows a misreading gives, and none for the case the check allows.

The real build must give zero rows for every check (tests/validation); this shows that a check
still finds what it is for, each time its text is reshaped for speed.
"""

from __future__ import annotations

from rdflib import Dataset

from migkg.store import OxigraphStore
from tests.queries.conftest import run_canned

ID = "https://example.org/migkg/id/"
# Croatia a member since 2013; the United Kingdom from 1973 to 2020-01-31. Claims sit in one
# source graph, identity repeated in a second (as a build asserts it in every graph with a claim)
MEMBERS_AND_CLAIMS = f"""
PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX itype: <https://w3id.org/migkg/vocab/instrument-type/>
PREFIX role: <https://w3id.org/migkg/vocab/role/>
PREFIX id: <{ID}>

GRAPH <{ID}graph/reference> {{
  id:m-hrv a mkg:MembershipClaim ; org:member <{ID}country/HRV> ; org:organization <{ID}org/eu> ;
    org:role role:member ; mkg:startDate "2013-07-01"^^xsd:date .
  id:m-gbr a mkg:MembershipClaim ; org:member <{ID}country/GBR> ; org:organization <{ID}org/eu> ;
    org:role role:member ; mkg:startDate "1973-01-01"^^xsd:date ;
    mkg:endDate "2020-01-31"^^xsd:date .
}}
GRAPH <{ID}graph/source/a> {{
  id:wa-hrv mkg:instrumentType itype:FrontexWorkingArrangement ; mkg:party <{ID}country/HRV> .
  id:wa-gbr mkg:instrumentType itype:FrontexWorkingArrangement ; mkg:party <{ID}country/GBR> .
  id:c-hrv a mkg:StatusClaim ; mkg:instrument id:wa-hrv ;
    mkg:earliest "2016-05-01"^^xsd:date ; mkg:latest "2016-05-31"^^xsd:date .
  id:c-hrv-no a mkg:StatusClaim ; mkg:instrument id:wa-hrv ; mkg:negated true ;
    mkg:earliest "2017-01-01"^^xsd:date ; mkg:latest "2017-12-31"^^xsd:date .
  id:c-gbr a mkg:StatusClaim ; mkg:instrument id:wa-gbr ;
    mkg:earliest "2024-02-01"^^xsd:date ; mkg:latest "2024-02-29"^^xsd:date .
}}
GRAPH <{ID}graph/source/b> {{
  id:wa-hrv mkg:instrumentType itype:FrontexWorkingArrangement ; mkg:party <{ID}country/HRV> .
  id:wa-gbr mkg:instrumentType itype:FrontexWorkingArrangement ; mkg:party <{ID}country/GBR> .
}}
"""


def test_frontex_arrangement_with_a_member_state_one_row_per_claim() -> None:
    ds = Dataset()
    ds.parse(data=MEMBERS_AND_CLAIMS, format="trig")
    store = OxigraphStore.from_nquads(ds.serialize(format="nquads"))
    rows = run_canned(store, "checks/frontex-arrangement-with-member-state")
    # Croatia's affirmative claim only: not its negated one, not the UK's after it left, and
    # once although the instrument's identity stands in two graphs
    assert rows == [
        (
            f"{ID}wa-hrv",
            f"{ID}country/HRV",
            f"{ID}c-hrv",
            "2016-05-01",
            "2016-05-31",
            f"{ID}m-hrv",
            "2013-07-01",
            "",
        )
    ]
