"""The gazetteer's rules, each on a small inline text (fixture labels: tests/linking/data)."""

from __future__ import annotations

from rdflib import Dataset

from migkg.build.link import quote_around
from migkg.extract.gazetteer import Entry, Gazetteer
from tests.linking.linking_support import BASE, DATA, fixture_gazetteer, links, short


def test_single_word_labels_are_case_sensitive_or_all_capitals() -> None:
    text = "Chad, CHAD, chad; Jordan, jordan; Turkey, turkey; Guinea, guinea; Lake Chad"
    assert links(fixture_gazetteer(), text) == [
        ("Chad", "id/country/TCD"),
        ("CHAD", "id/country/TCD"),
        ("Jordan", "id/country/JOR"),
        ("Turkey", "id/country/TUR"),
        ("Guinea", "id/country/GIN"),
        ("Chad", "id/country/TCD"),
    ]


def test_multi_word_labels_ignore_case_and_line_breaks() -> None:
    text = "the Rabat process; THE RABAT PROCESS; the Republic of\nMoldova; papua new guinea"
    assert links(fixture_gazetteer(), text) == [
        ("Rabat process", "id/process/rabat-process"),
        ("RABAT PROCESS", "id/process/rabat-process"),
        ("Republic of\nMoldova", "id/country/MDA"),
        ("papua new guinea", "id/country/PNG"),
    ]


def test_diacritics_fold_but_the_surface_stays_as_written() -> None:
    text = "Turkiye and Türkiye; Cote d'Ivoire and Côte d’Ivoire"
    assert links(fixture_gazetteer(), text) == [
        ("Turkiye", "id/country/TUR"),
        ("Türkiye", "id/country/TUR"),
        ("Cote d'Ivoire", "id/country/CIV"),
        ("Côte d’Ivoire", "id/country/CIV"),
    ]


def test_hyphens_separate_words_but_commas_end_names() -> None:
    text = "EU-Tunisia MoU; Senegalese-led; Guinea, Bissau; Rabat, Process"
    assert links(fixture_gazetteer(), text) == [
        ("EU", "id/org/eu"),
        ("Tunisia", "id/country/TUN"),
        ("Senegalese", "id/country/SEN"),
        ("Guinea", "id/country/GIN"),
    ]


def test_match_offsets_are_offsets_in_the_text() -> None:
    text = "  **Senegal** and\tFrontex"
    found = fixture_gazetteer().find(text)
    assert [(m.start, m.end, m.rule) for m in found] == [
        (4, 11, "gazetteer-pref"),
        (18, 25, "gazetteer-pref"),
    ]


def test_a_label_two_entities_share_equally_links_neither_and_is_reported() -> None:
    a, b = (f"{BASE}id/process/a", f"{BASE}id/process/b")
    from rdflib import URIRef

    gaz = Gazetteer.from_entries(
        [
            Entry(URIRef(a), "Budapest Process", "pref"),
            Entry(URIRef(b), "Budapest Process", "pref"),
            Entry(URIRef(b), "Niamey Process", "hidden"),
        ]
    )
    assert gaz.ambiguous == {"budapest process": [a, b]}
    assert [short(m.entity) for m in gaz.find("Budapest Process, Niamey Process")] == [
        "id/process/b"
    ]


def test_preferred_label_wins_over_another_entity_s_alternative() -> None:
    """Both Congos list "Congo" in the fixture; the Republic of the Congo has it as prefLabel."""
    assert links(fixture_gazetteer(), "Congo") == [("Congo", "id/country/COG")]
    assert fixture_gazetteer().ambiguous == {}


def test_labels_come_only_from_actors_and_processes_in_reference_graphs() -> None:
    ds = Dataset()
    ds.graph(f"{BASE}graph/reference/fixture").parse(
        DATA / "reference.ttl", format="turtle", publicID=BASE
    )
    ds.graph(f"{BASE}graph/reference/vocab").parse(
        data=f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix mkg: <https://w3id.org/migkg/ontology#> .
        <{BASE}vocab/status/in_force> a skos:Concept ; skos:prefLabel "Entered into force"@en .
        <{BASE}id/instrument/x> a mkg:Instrument ; skos:altLabel "Mobility Partnership"@en .""",
        format="turtle",
    )
    ds.graph(f"{BASE}graph/source/doc").parse(
        data=f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix mkg: <https://w3id.org/migkg/ontology#> .
        <{BASE}id/country/ZMB> a mkg:Country ; skos:prefLabel "Zembla"@en .""",
        format="turtle",
    )
    gaz = Gazetteer.from_dataset(ds, f"{BASE}graph/reference/")
    text = "Zembla: the Mobility Partnership entered into force with Senegal"
    assert links(gaz, text) == [("Senegal", "id/country/SEN")]
    assert gaz.size == 41


def test_resolve_a_heading() -> None:
    gaz = fixture_gazetteer()
    assert short(gaz.resolve("E. THE RABAT PROCESS")) == "id/process/rabat-process"
    assert short(gaz.resolve("NIGER.....")) == "id/country/NER"
    assert gaz.resolve("A. AFRICAN COUNTRIES") is None


def test_quote_around_a_mention_in_a_long_passage() -> None:
    display = (
        " ".join(f"word{i}" for i in range(200))
        + " Senegal "
        + " ".join(f"tail{i}" for i in range(200))
    )
    quote = quote_around(display, "Senegal", display.index("Senegal"))
    assert len(quote) <= 300
    assert "Senegal" in quote and quote in display
    assert quote.startswith("word") and quote.endswith(tuple(f"tail{i}" for i in range(200)))
    assert quote_around("short text with Senegal", "Senegal", 16) == "short text with Senegal"
