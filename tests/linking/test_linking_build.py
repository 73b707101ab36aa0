"""Linking inside the build: the triples of a mention, event subjects, and the report's lists.

A small project (one plain document, the fixture reference graph) goes through the build's own
stages up to linking, so these tests see exactly what `migkg build` adds, in a second.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF

from migkg.build.pipeline import STAGES, BuildContext
from migkg.iris import MKG, Iris, concept
from migkg.rdf.nquads import date_literal, int_literal
from migkg.settings import Settings
from migkg.sources.manifest import load_manifest
from tests.helpers import ROOT
from tests.linking.linking_support import BASE, DATA

ZEMBLA = "Talks with the Republic of Zembla stalled,\nwhile Guinea-Conakry signed in 2023.\n"
MANIFEST = """[[document]]
id = "zembla"
file = "zembla.txt"
originalFileName = "999_zembla.txt"
sha256 = "{sha}"
title = "Zembla fixture"
issuingBody = "Test suite"
referenceNumber = ""
issued = "2024"
registered = []
asOf = "2024-02"
asOfPrecision = "month"
asOfReason = "Written for the tests."
language = "en"
shape = "plain-paragraphs"
accessRights = "Test data."
fullText = "public"
license = "CC0"
attribution = "migkg tests"
"""


def linked(tmp_path: Path, text: str) -> BuildContext:
    project = tmp_path / "project"
    (project / "sources").mkdir(parents=True)
    (project / "graphs").mkdir()
    shutil.copytree(ROOT / "ontology", project / "ontology")
    shutil.copy(DATA / "reference.ttl", project / "graphs" / "fixture.ttl")
    (project / "sources" / "zembla.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (project / "sources" / "manifest.toml").write_text(MANIFEST.format(sha=sha), encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", project_dir=project)
    ctx = BuildContext(settings, Iris(BASE), Dataset(), load_manifest(settings.sources_dir))
    for name, stage in STAGES:
        stage(ctx, lambda _m: None)
        if name == "link":
            break
    return ctx


def test_zembla_is_unresolved_and_guinea_conakry_is_guinea(tmp_path: Path) -> None:
    ctx = linked(tmp_path, ZEMBLA)
    assert ctx.report["unresolved"] == [
        {
            "name": "Republic of Zembla",
            "kind": "country-like",
            "count": 1,
            "documents": ["zembla"],
            "first": "zembla:1",
        }
    ]
    assert ctx.report["mentions"] == {"zembla": {"mentions": 1, "entities": 1, "eventsAbout": 0}}


def test_the_triples_of_one_mention(tmp_path: Path) -> None:
    ctx = linked(tmp_path, ZEMBLA)
    graph = ctx.dataset.graph(URIRef(f"{BASE}graph/source/zembla"))
    start = ZEMBLA.index("Guinea")
    claim = ctx.iris.claim("mention", "zembla", start, start + 6, URIRef(f"{BASE}id/country/GIN"))
    assert set(graph.predicate_objects(claim)) == {
        (RDF.type, MKG.Mention),
        (RDF.type, MKG.Claim),
        (MKG.mentions, URIRef(f"{BASE}id/country/GIN")),
        (MKG.surface, Literal("Guinea")),
        (MKG.startOffset, int_literal(49)),
        (MKG.endOffset, int_literal(55)),
        (PROV.wasDerivedFrom, URIRef(f"{BASE}id/passage/zembla/0-79")),
        (
            MKG.quote,
            Literal(
                "Talks with the Republic of Zembla stalled, while Guinea-Conakry signed in 2023."
            ),
        ),
        (MKG.asOf, date_literal("2024-02-29")),
        (PROV.wasGeneratedBy, URIRef(f"{BASE}id/activity/linker/0.1.0")),
        (MKG.ruleId, Literal("gazetteer-pref")),
        (MKG.method, concept("method", "rule")),
    }
    assert ZEMBLA[49:55] == "Guinea"


def test_mentions_are_recorded_as_written(tmp_path: Path) -> None:
    text = "Turkiye, TÜRKIYE and the Republic of\nMoldova met NA TO.\n"
    ctx = linked(tmp_path, text)
    graph = ctx.dataset.graph(URIRef(f"{BASE}graph/source/zembla"))
    found = sorted(
        (int(graph.value(c, MKG.startOffset)), str(graph.value(c, MKG.surface)), str(o))
        for c, o in graph.subject_objects(MKG.mentions)
    )
    assert [(s, surface, o.removeprefix(BASE)) for s, surface, o in found] == [
        (0, "Turkiye", "id/country/TUR"),
        (9, "TÜRKIYE", "id/country/TUR"),
        (25, "Republic of\nMoldova", "id/country/MDA"),
        (49, "NA TO", "id/org/nato"),
    ]
    assert ctx.report["unresolved"] == []
