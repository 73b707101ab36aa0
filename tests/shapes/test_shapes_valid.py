"""Valid cases: each shape file focuses nodes of the valid world and finds nothing wrong there,
and the real ontology and schemes pass their own shapes."""

from __future__ import annotations

import pytest
from rdflib import Graph
from shapes_helpers import DATA, PROJECT, data_graph, findings

from migkg.validate.checks import shacl_findings

SHAPE_FILES = sorted((PROJECT / "shapes").glob("*.ttl"))


@pytest.mark.parametrize("shape_file", SHAPE_FILES, ids=lambda p: p.stem)
def test_shape_file_passes_on_the_valid_world(shape_file) -> None:  # type: ignore[no-untyped-def]
    shapes = Graph()
    shapes.parse(shape_file, format="turtle")
    assert shacl_findings(data_graph(DATA / "base.ttl"), shapes) == []


def test_ontology_and_schemes_alone_are_valid() -> None:
    assert findings() == []


def test_valid_world_sees_every_kind_of_node() -> None:
    """The valid world is only a valid case if the shapes have something to look at."""
    from shapes_coverage import focus_counts

    counts = focus_counts(data_graph(DATA / "base.ttl"))
    silent = sorted(shape for shape, n in counts.items() if n == 0)
    assert silent == []
