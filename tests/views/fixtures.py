"""Builders for the views tests: a fixture build directory and a dense generated projection."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from migkg.rdf.nquads import dataset_quads, write_nquads
from migkg.settings import DEFAULT_BASE_IRI, Settings
from migkg.store import build_store
from migkg.views.projection import Projection

DATA = Path(__file__).parent / "data"
FIXTURE_BUILD_ID = "fixture00000001"


def make_fixture_build(data_dir: Path, project_dir: Path) -> Path:
    """A complete, current build (graph.nq, store, view artefacts, marker) from fixture.trig.

    It goes through the same steps as `migkg build` after the graph is made: staging dir,
    artefacts, COMPLETE marker, `current` switched.
    """
    from migkg.build import dirs as builds
    from migkg.build.dumps import write_view_artefacts

    settings = Settings(data_dir=data_dir, project_dir=project_dir)
    staging = builds.staging_dir(settings, FIXTURE_BUILD_ID)
    ds = Dataset()
    ds.parse(DATA / "fixture.trig", format="trig", publicID=DEFAULT_BASE_IRI)
    write_nquads(dataset_quads(ds), staging / "graph.nq")
    build_store(staging / "graph.nq", staging / "store")
    write_view_artefacts(staging, staging / "graph.nq", settings)
    build = builds.complete(staging, settings, FIXTURE_BUILD_ID)
    builds.switch_current(settings, build)
    return build.path


def dense_projection(n: int = 300, p: float = 0.9, seed: int = 8) -> Projection:
    """A complete-ish graph of countries and processes: many equally short paths everywhere."""
    rng = random.Random(seed)
    base = DEFAULT_BASE_IRI
    g = nx.MultiDiGraph()
    iris = [f"{base}id/country/C{i:03d}" for i in range(n)]
    for i, iri in enumerate(iris):
        g.add_node(iri, kind="country", label=f"Country {i}", iso=f"C{i:03d}", hub=False)
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < p:
                g.add_edge(iris[i], iris[j], key=f"e{i}-{j}", relation="membership", evidence=[])
    return Projection("dense", base, g, {})
