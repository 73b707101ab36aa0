"""Gazetteers for the linking and regression tests: the hand-written fixture graph, the real
reference graphs, and the real corpus read and linked (stages ontology to link, no store)."""

from __future__ import annotations

import functools
from pathlib import Path

from rdflib import Dataset

from migkg.build.pipeline import STAGES, BuildContext
from migkg.build.reference import add_ontology, add_reference_graphs
from migkg.extract.gazetteer import Gazetteer
from migkg.iris import Iris
from migkg.settings import DEFAULT_BASE_IRI, Settings
from migkg.sources.manifest import load_manifest
from tests.helpers import ROOT

DATA = Path(__file__).parent / "data"
BASE = DEFAULT_BASE_IRI


def short(iri: object) -> str:
    """`id/country/NER` for a full IRI: what the tests compare."""
    return str(iri).removeprefix(BASE)


@functools.lru_cache(maxsize=1)
def fixture_gazetteer() -> Gazetteer:
    ds = Dataset()
    ds.graph(f"{BASE}graph/reference/fixture").parse(
        DATA / "reference.ttl", format="turtle", publicID=BASE
    )
    return Gazetteer.from_dataset(ds, f"{BASE}graph/reference/")


@functools.lru_cache(maxsize=1)
def real_gazetteer() -> Gazetteer:
    ds = Dataset()
    iris = Iris(BASE)
    add_ontology(ds, iris, ROOT)
    add_reference_graphs(ds, iris, ROOT)
    return Gazetteer.from_dataset(ds, f"{BASE}graph/reference/")


def links(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    """(surface, entity) of every match, in order."""
    return [(text[m.start : m.end], short(m.entity)) for m in gaz.find(text)]


@functools.lru_cache(maxsize=1)
def linked_corpus() -> BuildContext:
    """The real corpus after the link stage (what the build report's lists come from)."""
    settings = Settings(data_dir=Path("/nonexistent"), project_dir=ROOT)
    ctx = BuildContext(
        settings, Iris(BASE), Dataset(), load_manifest(settings.sources_dir, verify=True)
    )
    for name, stage in STAGES:
        stage(ctx, lambda _m: None)
        if name == "link":
            break
    return ctx


@functools.lru_cache(maxsize=1)
def corpus_mentions() -> tuple[dict[str, str], ...]:
    """Every mention claim of the linked corpus as a dict of its values (strings)."""
    from rdflib import RDF

    from migkg.iris import MKG

    ds = linked_corpus().dataset
    claims: dict[object, dict[str, str]] = {}
    for s, _p, _o, g in ds.quads((None, RDF.type, MKG.Mention, None)):
        claims[s] = {"graph": str(g)}
    for s, p, o, _g in ds.quads((None, None, None, None)):
        if s in claims:
            claims[s][str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]] = str(o)
    return tuple(claims[k] for k in sorted(claims, key=str))
