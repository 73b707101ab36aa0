"""The fast engine gives pySHACL's findings on every fixture of the shapes engineer.

Fixtures are those of tests/shapes/ (the valid world data/base.ttl, each mutation and each check
fixture added to it, and the ontology alone), loaded the same way (ontology in the data graph),
validated against the project's shapes/*.ttl. Equal means the same multiset of (focus, path,
component, severity, message).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.shapes.shapes_helpers import DATA, MUTATIONS, data_graph, shapes
from tests.validation.validation_support import Row, both

CASES: list[tuple[Path, ...]] = [
    (),
    (DATA / "base.ttl",),
    *((DATA / "base.ttl", p) for p in sorted(MUTATIONS.glob("*.ttl"))),
    *((DATA / "base.ttl", p) for p in sorted((DATA / "checks").glob("*.ttl"))),
]


@cache
def compared(files: tuple[Path, ...]) -> tuple[list[Row], list[Row], dict[str, str]]:
    """Both engines on one fixture, once per session (two tests read each)."""
    return both(data_graph(*files), shapes())


def case_id(files: tuple[Path, ...]) -> str:
    return files[-1].parent.name + "/" + files[-1].stem if files else "ontology-only"


@pytest.mark.parametrize("files", CASES, ids=case_id)
def test_fast_engine_equals_pyshacl_on_fixture(files: tuple[Path, ...]) -> None:
    reference, fast, _fallback = compared(files)
    assert fast == reference


def test_fixtures_exercise_many_components() -> None:
    """The comparison is only worth something where there is something to find: the broken
    fixtures raise findings of these components (each mutation exactly one)."""
    seen: set[str] = set()
    for files in CASES[2:]:
        _reference, fast, _fallback = compared(files)
        if files[-1].parent.name == "mutations":
            assert len(fast) == 1, files[-1].name
        seen |= {row[2] for row in fast}
    assert seen >= {
        "ClassConstraintComponent",
        "DatatypeConstraintComponent",
        "InConstraintComponent",
        "LessThanConstraintComponent",
        "LessThanOrEqualsConstraintComponent",
        "MinCountConstraintComponent",
        "NodeKindConstraintComponent",
        "OrConstraintComponent",
        "PatternConstraintComponent",
        "QualifiedMinCountConstraintComponent",
        "UniqueLangConstraintComponent",
    }


def test_project_shapes_need_no_fallback() -> None:
    """Every shape of shapes/*.ttl compiles to SPARQL: pySHACL never runs in the build. When
    this fails, a new shape uses a construct the engine does not know (it still validates,
    through pySHACL, but slowly): extend migkg/validate/shacl_sparql.py."""
    _reference, _fast, fallback = both(data_graph(DATA / "base.ttl"), shapes())
    assert fallback == {}
