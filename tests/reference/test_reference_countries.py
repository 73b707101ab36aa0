"""The country gazetteer: ISO codes, EU style-guide names, former names, Kosovo."""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from migkg.iris import MKG

BASE = "https://w3id.org/migkg/"


def node(path: str) -> URIRef:
    return URIRef(f"{BASE}id/{path}")


def labels(ds: Dataset, path: str, prop: URIRef) -> set[str]:
    return {str(o) for o in ds.objects(node(path), prop)}


def test_counts_of_countries_and_territories(reference_ds: Dataset) -> None:
    countries = set(reference_ds.subjects(RDF.type, MKG.Country))
    territories = set(reference_ds.subjects(RDF.type, MKG.Territory))
    # 193 UN members + the Holy See and Palestine (observer states) + Kosovo
    assert len(countries) == 196
    assert len(territories) == 54
    assert node("territory/HKG") in territories and node("territory/MAC") in territories
    assert node("territory/TWN") in territories


def test_every_place_has_its_codes_and_one_english_preflabel(reference_ds: Dataset) -> None:
    places = set(reference_ds.subjects(RDF.type, MKG.Country)) | set(
        reference_ds.subjects(RDF.type, MKG.Territory)
    )
    for s in places:
        alpha3 = str(s).rsplit("/", 1)[-1]
        assert [str(o) for o in reference_ds.objects(s, MKG.isoAlpha3)] == [alpha3]
        assert len(list(reference_ds.objects(s, MKG.isoAlpha2))) == 1, s
        numeric = [str(o) for o in reference_ds.objects(s, MKG.isoNumeric)]
        # Kosovo alone has no ISO numeric code (ISO 3166 has no entry for it).
        assert len(numeric) == (0 if alpha3 == "XKX" else 1), s
        prefs = [o for o in reference_ds.objects(s, SKOS.prefLabel) if o.language == "en"]
        assert len(prefs) == 1, s


def test_codes_and_authority_iri_of_senegal(reference_ds: Dataset) -> None:
    sen = node("country/SEN")
    codes = tuple(str(reference_ds.value(sen, p)) for p in (MKG.isoAlpha2, MKG.isoNumeric))
    assert codes == ("SN", "686")
    assert str(reference_ds.value(sen, MKG.region)) == "Western Africa"
    assert reference_ds.value(sen, SKOS.exactMatch) == URIRef(
        "http://publications.europa.eu/resource/authority/country/SEN"
    )
    assert "Senegalese" in labels(reference_ds, "country/SEN", SKOS.hiddenLabel)


STYLE_GUIDE = {
    "country/TUR": ("Türkiye", {"Turkey"}),
    "country/CPV": ("Cabo Verde", {"Cape Verde"}),
    "country/MKD": ("North Macedonia", {"former Yugoslav Republic of Macedonia", "FYROM"}),
    "country/MDA": ("Republic of Moldova", {"Moldova"}),
    "country/CZE": ("Czechia", {"Czech Republic"}),
    "country/SWZ": ("Eswatini", {"Swaziland"}),
    "country/MMR": ("Myanmar", {"Burma"}),
    "country/CIV": ("Côte d'Ivoire", {"Ivory Coast"}),
    "country/RUS": ("Russia", {"Russian Federation"}),
    "country/COD": ("Democratic Republic of the Congo", {"DR Congo"}),
}


def test_style_guide_names_are_preflabels_and_former_names_altlabels(
    reference_ds: Dataset,
) -> None:
    for path, (pref, former) in STYLE_GUIDE.items():
        assert labels(reference_ds, path, SKOS.prefLabel) == {pref}, path
        assert former <= labels(reference_ds, path, SKOS.altLabel), path


def test_short_forms_and_demonyms_are_hidden_labels(reference_ds: Dataset) -> None:
    assert {"DRC", "Congo-Kinshasa"} <= labels(reference_ds, "country/COD", SKOS.hiddenLabel)
    assert {"RoC", "Republic of Congo"} <= labels(reference_ds, "country/COG", SKOS.hiddenLabel)
    assert "the Gambia" in labels(reference_ds, "country/GMB", SKOS.hiddenLabel)
    assert "Guinea-Conakry" in labels(reference_ds, "country/GIN", SKOS.hiddenLabel)
    assert {"Nigerien", "Nigeriens"} <= labels(reference_ds, "country/NER", SKOS.hiddenLabel)
    assert "Nigerien" not in labels(reference_ds, "country/NGA", SKOS.hiddenLabel)


def test_no_label_is_shared_by_two_actors(reference_ds: Dataset) -> None:
    owners: dict[str, set[str]] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for s, o in reference_ds.subject_objects(prop):
            owners.setdefault(str(o).casefold(), set()).add(str(s))
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_kosovo_has_xkx_and_the_eu_footnote(reference_ds: Dataset) -> None:
    xkx = node("country/XKX")
    assert (xkx, RDF.type, MKG.Country) in reference_ds
    assert str(reference_ds.value(xkx, MKG.isoAlpha3)) == "XKX"
    assert str(reference_ds.value(xkx, MKG.isoAlpha2)) == "XK"
    assert labels(reference_ds, "country/XKX", SKOS.prefLabel) == {"Kosovo"}
    assert "Kosovo*" in labels(reference_ds, "country/XKX", SKOS.hiddenLabel)
    assert reference_ds.value(xkx, RDFS.comment) == Literal(
        "*This designation is without prejudice to positions on status, and is in line with "
        "UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.",
        lang="en",
    )
    # the Publications Office code for Kosovo could not be confirmed: none is asserted
    assert reference_ds.value(xkx, SKOS.exactMatch) is None


def test_every_place_but_antarctica_and_taiwan_has_a_region(reference_ds: Dataset) -> None:
    places = set(reference_ds.subjects(RDF.type, MKG.Country)) | set(
        reference_ds.subjects(RDF.type, MKG.Territory)
    )
    missing = sorted(
        str(s).rsplit("/", 1)[-1] for s in places if not reference_ds.value(s, MKG.region)
    )
    assert missing == ["ATA", "TWN"]
