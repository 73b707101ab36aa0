"""Fixtures for the reference-graph tests: graphs/*.ttl parsed as the build parses them."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from migkg.build.reference import add_reference_graphs
from migkg.iris import Iris
from migkg.rdf.nquads import dataset_quads, quad_lines
from migkg.settings import DEFAULT_BASE_IRI
from migkg.store import OxigraphStore
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def reference_ds() -> Dataset:
    """The committed reference graphs, loaded by the build's own code with the default base."""
    ds = Dataset(default_union=True)  # rdflib's subjects()/objects() then see every graph
    add_reference_graphs(ds, Iris(DEFAULT_BASE_IRI), ROOT)
    return ds


@pytest.fixture(scope="session")
def reference_store(reference_ds: Dataset) -> OxigraphStore:
    """The same quads in the embedded store the service queries (union default graph)."""
    data = "".join(quad_lines(dataset_quads(reference_ds)))
    return OxigraphStore.from_nquads(data, "reference")
