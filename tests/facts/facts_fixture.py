"""A small real dataset for the facts tests: the project's ontology and schemes, and a handful
of actors written inline (the rules read every name and trigger from graphs, so the tests give
them graphs)."""

from __future__ import annotations

from functools import cache

from rdflib import Dataset

from migkg.build.claims import load_tables
from migkg.build.reference import add_ontology
from migkg.extract.instruments import Context, Draft, Tables, extract_unit
from migkg.extract.sentences import units
from migkg.iris import Iris
from tests.helpers import ROOT

BASE = "https://w3id.org/migkg/"
ACTORS = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<id/country/CPV> a mkg:Country ; skos:prefLabel "Cabo Verde"@en ; skos:altLabel "Cape Verde"@en .
<id/country/SEN> a mkg:Country ; skos:prefLabel "Senegal"@en ; skos:hiddenLabel "Senegalese"@en .
<id/country/GEO> a mkg:Country ; skos:prefLabel "Georgia"@en .
<id/country/ALB> a mkg:Country ; skos:prefLabel "Albania"@en .
<id/country/SRB> a mkg:Country ; skos:prefLabel "Serbia"@en .
<id/country/LBY> a mkg:Country ; skos:prefLabel "Libya"@en .
<id/country/MAR> a mkg:Country ; skos:prefLabel "Morocco"@en .
<id/country/ESP> a mkg:Country ; skos:prefLabel "Spain"@en .
<id/country/HRV> a mkg:Country ; skos:prefLabel "Croatia"@en .
<id/country/BIH> a mkg:Country ; skos:prefLabel "Bosnia and Herzegovina"@en ;
    skos:altLabel "BiH"@en .
<id/country/MNE> a mkg:Country ; skos:prefLabel "Montenegro"@en .
<id/country/MKD> a mkg:Country ; skos:prefLabel "North Macedonia"@en .
<id/country/TUR> a mkg:Country ; skos:prefLabel "Türkiye"@en .
<id/country/WSM> a mkg:Country ; skos:prefLabel "Samoa"@en .
<id/country/UKR> a mkg:Country ; skos:prefLabel "Ukraine"@en .
<id/country/RUS> a mkg:Country ; skos:prefLabel "Russia"@en .
<id/country/DZA> a mkg:Country ; skos:prefLabel "Algeria"@en .
<id/country/LBN> a mkg:Country ; skos:prefLabel "Lebanon"@en .
<id/group/western-balkans> a mkg:Group ; skos:prefLabel "Western Balkans"@en ;
    skos:member <id/country/ALB>, <id/country/BIH>, <id/country/MKD>, <id/country/MNE>,
        <id/country/SRB> .
<id/org/euaa> a mkg:EUAgency ; skos:prefLabel "EUAA"@en .
<id/org/eu> a mkg:EUInstitution ; skos:prefLabel "European Union"@en ; skos:altLabel "EU"@en .
<id/org/frontex> a mkg:EUAgency ; skos:prefLabel "Frontex"@en ; skos:hiddenLabel "FRONTEX"@en .
<id/org/europol> a mkg:EUAgency ; skos:prefLabel "Europol"@en .
<id/org/cepol> a mkg:EUAgency ; skos:prefLabel "CEPOL"@en .
<id/mission/eubam-libya> a mkg:EUMission ; skos:prefLabel "EUBAM Libya"@en ;
    mkg:country <id/country/LBY> .
<id/process/rabat-process> a mkg:RegionalProcess ; skos:prefLabel "Rabat Process"@en .
<id/claim/eu-esp> a mkg:MembershipClaim ; org:member <id/country/ESP> ;
    org:organization <id/org/eu> ; mkg:startDate "1986-01-01"^^xsd:date .
<id/claim/eu-hrv> a mkg:MembershipClaim ; org:member <id/country/HRV> ;
    org:organization <id/org/eu> ; mkg:startDate "2013-07-01"^^xsd:date .
"""


@cache
def _ontology() -> tuple[tuple[object, object, object, object], ...]:
    ds = Dataset()
    add_ontology(ds, Iris(BASE), ROOT)
    return tuple(ds.quads((None, None, None, None)))  # type: ignore[arg-type]


def dataset() -> Dataset:
    """A fresh dataset each time (tests mutate it); the ontology is parsed once."""
    iris = Iris(BASE)
    ds = Dataset()
    ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in _ontology())  # type: ignore[misc]
    ds.graph(iris.graph("reference", "facts-test")).parse(
        data=ACTORS, format="turtle", publicID=BASE
    )
    return ds


def tables(ds: Dataset | None = None) -> Tables:
    return load_tables(ds if ds is not None else dataset(), BASE)


def read(text: str, t: Tables, section: str = "", as_of: str = "2024-02-29") -> list[Draft]:
    """Every draft the rules make from a text, sentence by sentence, in one section."""
    ctx = Context(
        section=t.actors.resolve(section) if section else None, as_of=as_of, year_hint=as_of
    )
    out: list[Draft] = []
    for unit in units(text):
        out.extend(extract_unit(unit, ctx, t))
    return out


def short(d: Draft) -> tuple[str, str, str, str, str, str]:
    """(type, status, party, counterpart, EDTF date, negated) with IRIs cut to their key."""
    return (
        d.instrument_type,
        d.status,
        d.party.removeprefix(BASE + "id/"),
        d.counterpart.removeprefix(BASE + "id/"),
        d.date.edtf if d.date else "",
        "negated" if d.negated else "",
    )
